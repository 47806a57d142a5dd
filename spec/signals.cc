// zx_object_wait_one in Z3 (handles-rights.md HANDLE-050..053), mirroring model/object.cc: the
// signals of each object type are derived from the state, and the call ends at once (HANDLE-052:
// nothing can raise a signal while the harness's only thread waits). It changes nothing.
//
// ZX_VMO_ZERO_CHILDREN and a job's NO_PROCESSES are counts over the whole state: over a concrete
// state the spec counts the rows (spec/info.h CountRows), over a symbolic one they are the
// choices "wait.vmo.children" and "wait.job.processes" (no step obligation depends on them).
#include "spec/aspace.h"
#include "spec/info.h"
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

z3::expr Bit(const z3::expr& on, zx_signals_t signal) {
  z3::context& c = on.ctx();
  return z3::ite(on, U64(c, signal), U64(c, 0));
}

// HANDLE-053 per type.
z3::expr VmoSignals(const SymState& s, const z3::expr& k) {  // VMO-140
  const z3::expr children = CountOr(s, "wait.vmo.children", Children(s, k));
  return Bit(children == U64(s.ctx(), 0), ZX_VMO_ZERO_CHILDREN);
}

z3::expr ChannelSignals(const SymState& s, const z3::expr& k) {  // CHAN-002
  return Bit(s.q_len(k) != U64(s.ctx(), 0), ZX_CHANNEL_READABLE) |
         z3::ite(s.peer_closed(k), U64(s.ctx(), ZX_CHANNEL_PEER_CLOSED),
                 U64(s.ctx(), ZX_CHANNEL_WRITABLE));
}

z3::expr ProcessSignals(const SymState& s, const z3::expr& k) {  // PROC-002 (3)
  return Bit(s.proc_state(k) == U8(s.ctx(), kProcDead), ZX_PROCESS_TERMINATED);
}

z3::expr JobSignals(const SymState& s, const z3::expr& k) {
  z3::context& c = s.ctx();
  auto live = CountRows(Plain(s.alive), [&](const Key& key) {
    return LiveProcess(s, U64(c, key[0])) && s.proc_job(U64(c, key[0])) == k;
  });
  const z3::expr none = CountOr(s, "wait.job.processes", live) == U64(c, 0);
  return U64(c, ZX_JOB_NO_JOBS) | Bit(none, ZX_JOB_NO_PROCESSES | ZX_JOB_NO_CHILDREN) |
         Bit(s.job_killed(k), ZX_JOB_TERMINATED);
}

// HANDLE-052: an unsatisfied wait, with the signals as its result.
Paths TimedOut(const SymState& pre, const SymResult& r) {
  Paths p = Ok(pre, "HANDLE-052", r);
  for (Path& x : p) {
    x.status = ZX_ERR_TIMED_OUT;
    x.name = "HANDLE-052 ZX_ERR_TIMED_OUT";
  }
  return p;
}

// HANDLE-052: ZX_OK when an awaited signal is asserted, else ZX_ERR_TIMED_OUT; the observed
// signals are the result either way and nothing changes.
Paths Ended(const SymState& pre, const z3::expr& observed, const z3::expr& signals) {
  z3::context& c = pre.ctx();
  const SymResult r = SymResult::U64Value(observed);
  return Case((observed & z3::zext(signals, 32)) != U64(c, 0), Ok(pre, "HANDLE-052", r),
              TimedOut(pre, r));
}

Paths WaitOneStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& signals = a[1];
  return LookupHandle(pre, caller, a[0], [&](const FoundHandle& h) {
    const z3::expr& k = h.object;
    Checks checks(c);
    checks.Fail(!HasRights(h.rights, ZX_RIGHT_WAIT), ZX_ERR_ACCESS_DENIED, "HANDLE-051 (2)")
        .Fail(IsType(pre, k, ZX_OBJ_TYPE_VMAR) || IsType(pre, k, ZX_OBJ_TYPE_RESOURCE),
              ZX_ERR_NOT_SUPPORTED, "HANDLE-051 (3)")
        .Unreachable("RIGHTS-012, RIGHTS-016: no VMAR or resource handle carries ZX_RIGHT_WAIT "
                     "(rights-bounded)");
    // A stream asserts nothing, so its wait always times out.
    Paths stream = Named("stream", TimedOut(pre, SymResult::U64Value(U64(c, 0))));
    return Then(pre, checks,
                Case(IsType(pre, k, ZX_OBJ_TYPE_VMO), Named("vmo", Ended(pre, VmoSignals(pre, k), signals)),
                Case(IsType(pre, k, ZX_OBJ_TYPE_CHANNEL) && pre.peer_closed(k),
                     Named("channel, peer closed", Ended(pre, ChannelSignals(pre, k), signals)),
                Case(IsType(pre, k, ZX_OBJ_TYPE_CHANNEL),
                     Named("channel", Ended(pre, ChannelSignals(pre, k), signals)),
                Case(IsType(pre, k, ZX_OBJ_TYPE_PROCESS),
                     Named("process", Ended(pre, ProcessSignals(pre, k), signals)),
                Case(IsType(pre, k, ZX_OBJ_TYPE_JOB), Named("job", Ended(pre, JobSignals(pre, k), signals)),
                     stream))))));
  }, "HANDLE-051 (1)");
}

Call WaitOneCall(const ArgValues& a) {
  return ObjectWaitOne{static_cast<zx_handle_t>(a.v[0]), static_cast<zx_signals_t>(a.v[1]),
                       static_cast<zx_time_t>(a.v[2])};
}

std::optional<ArgValues> WaitOneArgs(const Call& call) {
  const auto* c = std::get_if<ObjectWaitOne>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->signals, static_cast<uint64_t>(c->deadline)}, {{}, {}, {}}};
}

}  // namespace

const OpSpec& ObjectWaitOneOp() {
  static const OpSpec op{"object_wait_one", "HANDLE-050..053",
                         {{"handle", 32}, {"signals", 32}, {"deadline", 64}}, &WaitOneStep,
                         &WaitOneCall, &WaitOneArgs};
  return op;
}

}  // namespace zxspec::spec
