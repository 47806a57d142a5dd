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

// A channel endpoint of the caller whose peer the caller also holds: moved into a new process,
// it gives the two processes a channel, so that the other process reads (and installs) handles
// the caller sends (channel-family bias, see gen_channel.cc). Empty when there is none.
std::vector<zx_handle_t> SharedChannelEnds(const CallerView& v) {
  std::vector<zx_handle_t> out;
  for (const auto& h : v.live) {
    auto it = v.state->objects.find(h.koid);
    if (it == v.state->objects.end()) continue;
    const auto* ep = std::get_if<model::ChannelEndpoint>(&it->second);
    if (ep == nullptr || ep->peer_closed || (h.rights & ZX_RIGHT_TRANSFER) == 0) continue;
    for (const auto& other : v.live) {
      if (other.koid == ep->peer) {
        out.push_back(h.value);
        break;
      }
    }
  }
  return out;
}

// PROC-030..032: a process handle and any handle to move into it; half of the time, when there
// is one, an endpoint of a channel the caller keeps the other end of.
rc::Gen<Call> GenProcessStart(const ViewPtr& v) {
  return gen::exec([v] {
    ProcessStart c;
    c.process = *GenHandle(v, ZX_OBJ_TYPE_PROCESS);
    auto shared = SharedChannelEnds(*v);
    c.handle = shared.empty() ? *GenHandleToGiveUp(v)
                              : *Weighted<zx_handle_t>({{1, GenHandleToGiveUp(v)},
                                                        {1, gen::elementOf(shared)}});
    return Call{c};
  });
}

}  // namespace zxspec::props
