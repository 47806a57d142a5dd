// Generators for the process family (process-maps.md PROC-010..032).
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

// PROC-010..014: names empty, short, 31/32/40 bytes, with an embedded NUL (PROC-011 step 3);
// options 0, SHARED (P-6) and unknown bits.
rc::Gen<Call> GenProcessCreate(const ViewPtr& v) {
  return gen::exec([v] {
    ProcessCreate c;
    c.job = *GenHandle(v, ZX_OBJ_TYPE_JOB);
    c.name = *gen::element(Bytes{}, Bytes{'p'}, Bytes{'c', 'h', 'i', 'l', 'd'}, Bytes(31, 'n'),
                           Bytes(32, 'n'), Bytes(40, 'x'), Bytes{'a', 0, 'b'});
    c.options = *GenEnum({0, ZX_PROCESS_SHARED}, {0x2, 0x80000000u});
    return Call{c};
  });
}

// PROC-020..024: handles to other processes mostly; the caller itself and the jobs rarely
// (killing them ends what the rest of the sequence can do, P-5); any handle otherwise, for the
// DESTROY-before-type order of PROC-021.
rc::Gen<Call> GenTaskKill(const ViewPtr& v) {
  std::vector<zx_handle_t> others, self_or_job;
  for (const auto& h : v->live) {
    if (h.type == ZX_OBJ_TYPE_PROCESS && h.koid != v->caller) {
      others.push_back(h.value);
    } else if (h.type == ZX_OBJ_TYPE_PROCESS || h.type == ZX_OBJ_TYPE_JOB) {
      self_or_job.push_back(h.value);
    }
  }
  std::vector<std::pair<size_t, rc::Gen<zx_handle_t>>> choices = {
      {35, GenHandle(v, ZX_OBJ_TYPE_VMO)}};
  if (!others.empty()) choices.push_back({60, gen::elementOf(others)});
  if (!self_or_job.empty()) choices.push_back({1, gen::elementOf(self_or_job)});
  return gen::map(Weighted(std::move(choices)), [](zx_handle_t h) { return Call{TaskKill{h}}; });
}

// PROC-030..032: a process handle and any handle to move into it.
rc::Gen<Call> GenProcessStart(const ViewPtr& v) {
  return gen::exec([v] {
    ProcessStart c;
    c.process = *GenHandle(v, ZX_OBJ_TYPE_PROCESS);
    c.handle = *GenHandleToGiveUp(v);
    return Call{c};
  });
}

}  // namespace zxspec::props
