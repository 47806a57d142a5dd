#include "props/trace.h"

namespace zxspec::props {
namespace {

const model::Process* ProcessAt(const model::State& s, zx_koid_t koid) {
  auto it = s.objects.find(koid);
  return it == s.objects.end() ? nullptr : std::get_if<model::Process>(&it->second);
}

// The koid the caller's |h| names in |s|, or 0.
zx_koid_t KoidOf(const model::State& s, zx_koid_t caller, zx_handle_t h) {
  const auto* p = ProcessAt(s, caller);
  if (p == nullptr) return 0;
  auto it = p->handles.entries.find(h);
  return it == p->handles.entries.end() ? 0 : it->second.object;
}

}  // namespace

std::vector<zx_handle_t> ResultHandles(const Outcome& o) {
  if (o.status != ZX_OK) return {};
  if (const auto* h = std::get_if<HandleResult>(&o.payload)) return {h->handle};
  if (const auto* p = std::get_if<HandlePairResult>(&o.payload)) return {p->first, p->second};
  if (const auto* a = std::get_if<VmarAllocateResult>(&o.payload)) return {a->child};
  if (const auto* r = std::get_if<ChannelReadResult>(&o.payload)) {
    std::vector<zx_handle_t> out;
    for (const auto& info : r->handles) out.push_back(info.handle);
    return out;
  }
  return {};
}

zx_handle_t InitialHandleTo(const model::State& s, zx_koid_t process) {
  if (process == s.initial.self_koid) return 0;
  const auto* p = ProcessAt(s, s.initial.self_koid);
  if (p == nullptr) return 0;
  for (const auto& [value, e] : p->handles.entries) {
    if (e.object == process) return value;
  }
  return 0;
}

TraceStep MakeTraceStep(const model::State& before, const Action& action,
                        const model::StepResult& after) {
  TraceStep t;
  t.action = action;
  t.outcome = after.outcome;
  t.caller_handle = InitialHandleTo(before, action.caller);
  t.result_owner = action.caller;
  if (const auto* start = std::get_if<ProcessStart>(&action.call)) {
    t.result_owner = KoidOf(before, action.caller, start->process);  // PROC-032
  }
  for (zx_handle_t h : ResultHandles(after.outcome)) {
    zx_koid_t koid = KoidOf(after.state, t.result_owner, h);
    auto it = after.state.objects.find(koid);
    t.result_types.push_back(it == after.state.objects.end() ? ZX_OBJ_TYPE_NONE
                                                             : model::ObjTypeOf(it->second));
  }
  return t;
}

TraceStep MakeIdleStep(const Action& action) {
  TraceStep t;
  t.action = action;
  t.outcome = Outcome::Status(ZX_ERR_BAD_STATE);
  t.acted = false;
  t.result_owner = action.caller;
  return t;
}

}  // namespace zxspec::props
