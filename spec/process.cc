// Processes in Z3: zx_process_create, zx_task_kill and the handle hand-off of zx_process_start
// (process-maps.md PROC-010..032), mirroring model/process.cc. Death (PROC-002) is
// `KillProcesses` below, model/lifecycle.cc KillProcess; what dies with it after the call (an
// INITIAL process that lost its last handle, PROC-014; objects whose last handle the dead
// process held) is garbage collection (spec/lifecycle.h).
#include "spec/aspace.h"
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

constexpr zx_rights_t kRootVmarRights =
    ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE;  // VMAR-004
constexpr uint32_t kRootVmarFlags =
    ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE;

// PROC-002: every process |dying| picks (each a live process that is not DEAD) becomes DEAD
// with return code |retcode|; (1) the handles of its table close, (2) its address space dies:
// no VMAR of it is live any more, and its mappings and page permissions are gone (VMAR-052).
SymState KillProcesses(const SymState& s, const Pick& dying, int64_t retcode) {
  z3::context& c = s.ctx();
  SymState out = s;
  z3::expr dead = U8(c, kProcDead), code = U64(c, static_cast<uint64_t>(retcode));
  out.proc_state = s.proc_state.Where([dying](const Args& at) { return dying(at[0]); },
                                      [dead](const Args&) { return dead; });
  out.proc_retcode = s.proc_retcode.Where([dying](const Args& at) { return dying(at[0]); },
                                          [code](const Args&) { return code; });
  // (Only VMARs have an owning process: every other object's vmar_process is 0, no process.)
  Pick aspace = [s, dying](const z3::expr& v) { return dying(s.vmar_process(v)); };
  out = DestroyVmars(out, aspace);  // (2)
  for (const auto& f : Fields()) {  // (1)
    if (f.args.size() != 2 || f.args[0] != Sort::kKoid || f.args[1] != Sort::kHandle) continue;
    Fn& field = out.*f.member;
    z3::expr zero = DefaultOf(c, f.shape());
    field = field.Where([dying](const Args& at) { return dying(at[0]); },
                        [zero](const Args&) { return zero; });
  }
  return out;
}

// zx_process_create: PROC-010..014. Arguments: job, name, options.
Paths ProcessCreateStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& options = a[2];
  Checks first(c);
  first.Fail(options != U32(c, 0) && options != U32(c, ZX_PROCESS_SHARED), ZX_ERR_INVALID_ARGS,
             "PROC-011 (1)");
  // (2): the model's default job policy allows ZX_POL_NEW_PROCESS (GEN-005); (3): the name is
  // truncated, never refused.
  return Then(pre, first, LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_JOB,
                                           ZX_RIGHT_MANAGE_PROCESS, [&](const FoundHandle& job) {
    Checks checks(c);
    checks.Fail(pre.job_killed(job.object), ZX_ERR_BAD_STATE, "PROC-011 (5)")
        .Unreachable("PROC-023, lemma:one-job: killing the one job kills every process, the "
                     "caller included")
        .Fail(options == U32(c, ZX_PROCESS_SHARED), ZX_ERR_NOT_SUPPORTED, "PROC-013 (P-6)");
    // PROC-012: the process first (INITIAL: the default state), then its root VMAR.
    z3::expr k = U64(c, 0), root = U64(c, 0), ph = U32(c, 0), vh = U32(c, 0);
    SymState s = NewObject(pre, ZX_OBJ_TYPE_PROCESS, &k);
    s.proc_job = s.proc_job.Set(k, job.object);
    s = WithName(s, k, a.elems(1), NameLength(a.elems(1), a[1]));
    s = NewObject(s, ZX_OBJ_TYPE_VMAR, &root);
    s.proc_root = s.proc_root.Set(k, root);
    s.vmar_process = s.vmar_process.Set(root, k);
    s.vmar_base = s.vmar_base.Set(root, U64(c, kUserAspaceBase));
    s.vmar_size = s.vmar_size.Set(root, U64(c, kUserAspaceSize));
    s.vmar_flags = s.vmar_flags.Set(root, U32(c, kRootVmarFlags));
    s.vmar_live = s.vmar_live.Set(root, True(c));
    z3::expr process_rights = U32(c, ZX_DEFAULT_PROCESS_RIGHTS), vmar_rights = U32(c, kRootVmarRights);
    s = InstallHandle(s, caller, k, process_rights, &ph);
    s = InstallHandle(s, caller, root, vmar_rights, &vh);
    Paths ok = Ok(s, "PROC-012", SymResult{SymResult::Kind::kHandlePair, {ph, vh}, std::nullopt});
    ok[0].installs.push_back({{caller, ph}, process_rights, "PROC-012: a new process's rights", true});
    ok[0].installs.push_back({{caller, vh}, vmar_rights, "PROC-012, VMAR-004: a root VMAR's rights", true});
    return Then(pre, checks, ok);
  }, "PROC-011 (4)"));
}

// zx_task_kill: PROC-020..024
Paths KillStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return LookupHandle(pre, caller, a[0], [&](const FoundHandle& h) {
    const z3::expr k = h.object;
    Checks rights(c);  // (2) before the type: the lookup takes any object (open point P-4)
    rights.Fail(!HasRights(h.rights, ZX_RIGHT_DESTROY), ZX_ERR_ACCESS_DENIED, "PROC-021 (2)");
    Checks dead(c);
    dead.Succeed(pre.proc_state(k) == U8(c, kProcDead), "PROC-022 (already DEAD)");
    SymState killed = KillProcesses(pre, [k](const z3::expr& p) { return p == k; },
                                    ZX_TASK_RETCODE_SYSCALL_KILL);
    Paths process = Then(pre, dead, Ok(killed, "PROC-022", SymResult::None(), /*collect=*/true));
    // PROC-023: the job accepts no more processes; its processes die, the caller's included
    // (open point P-5; the model has no child jobs).
    SymState closed = pre;
    closed.job_killed = pre.job_killed.Set(k, True(c));
    SymState s = pre;
    Pick member = [s, k](const z3::expr& p) {
      return IsType(s, p, ZX_OBJ_TYPE_PROCESS) && s.proc_job(p) == k &&
             s.proc_state(p) != U8(p.ctx(), kProcDead);
    };
    Paths job = Ok(KillProcesses(closed, member, ZX_TASK_RETCODE_SYSCALL_KILL), "PROC-023",
                   SymResult::None(), /*collect=*/true);
    Checks other(c);
    other.Fail(True(c), ZX_ERR_WRONG_TYPE, "PROC-021 (3)")
        .Unreachable("rights-bounded: only jobs and processes carry ZX_RIGHT_DESTROY (RIGHTS-010..016)");
    return Then(pre, rights,
                Case(IsType(pre, k, ZX_OBJ_TYPE_PROCESS), process,
                     Case(IsType(pre, k, ZX_OBJ_TYPE_JOB), job, Then(pre, other, {}))));
  }, "PROC-021 (1)");
}

// process_start, the handle hand-off: PROC-030..032. Arguments: process, handle.
Paths StartStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_PROCESS, ZX_RIGHT_WRITE,
                          [&](const FoundHandle& p) {
    return LookupHandle(pre, caller, a[1], [&](const FoundHandle& h) {
      const z3::expr k = p.object;
      // From step 2 on the handle is consumed, whatever the outcome (PROC-031).
      SymState moved = RemoveHandle(pre, caller, h.value);
      Checks checks(c);
      checks.FailWith(!HasRights(h.rights, ZX_RIGHT_TRANSFER), ZX_ERR_ACCESS_DENIED, "PROC-031 (3)",
                      moved, /*collect=*/true)
          .FailWith(pre.proc_started(k) || pre.proc_state(k) != U8(c, kProcInitial),
                    ZX_ERR_BAD_STATE, "PROC-031 (4)", moved, /*collect=*/true);
      SymState s = moved;  // PROC-032
      s.proc_started = s.proc_started.Set(k, True(c));
      s.proc_state = s.proc_state.Set(k, U8(c, kProcRunning));
      z3::expr out = U32(c, 0);
      s = InstallHandle(s, k, h.object, h.rights, &out);
      Paths ok = Ok(s, "PROC-032", SymResult::Handle(out));
      ok[0].installs.push_back({{k, out}, h.rights, "PROC-032: the moved handle's rights"});
      return Then(pre, checks, ok);
    }, "PROC-031 (2)");
  }, "PROC-031 (1)");
}

// PROC-031: a failing process_start from step 2 on has closed its handle argument.
Formula StartEffect(const SymState&, const z3::expr& caller, const SymArgs& args,
                    const FieldDesc& f, const Args& at) {
  return ConsumesHandle(caller, args[1], f, at);
}

Call ProcessCreateCall(const ArgValues& a) {
  return ProcessCreate{static_cast<zx_handle_t>(a.v[0]), BytesOf(a.buf[1]),
                       static_cast<uint32_t>(a.v[2])};
}
std::optional<ArgValues> ProcessCreateArgs(const Call& call) {
  const auto* c = std::get_if<ProcessCreate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->job, c->name.size(), c->options}, {{}, ElemsOf(c->name), {}}};
}
Call KillCall(const ArgValues& a) { return TaskKill{static_cast<zx_handle_t>(a.v[0])}; }
std::optional<ArgValues> KillArgs(const Call& call) {
  const auto* c = std::get_if<TaskKill>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle}, {{}}};
}
Call StartCall(const ArgValues& a) {
  return ProcessStart{static_cast<zx_handle_t>(a.v[0]), static_cast<zx_handle_t>(a.v[1])};
}
std::optional<ArgValues> StartArgs(const Call& call) {
  const auto* c = std::get_if<ProcessStart>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->process, c->handle}, {{}, {}}};
}

}  // namespace

const OpSpec& ProcessCreateOp() {
  static const OpSpec op{"process_create", "PROC-010..PROC-013",
                         {{"job", 32}, {"name", 64, 8}, {"options", 32}},
                         &ProcessCreateStep, &ProcessCreateCall, &ProcessCreateArgs};
  return op;
}

const OpSpec& TaskKillOp() {
  static const OpSpec op{"task_kill", "PROC-020..PROC-023 PROC-002", {{"handle", 32}},
                         &KillStep, &KillCall, &KillArgs};
  return op;
}

const OpSpec& ProcessStartOp() {
  static const OpSpec op{"process_start", "PROC-030..PROC-032",
                         {{"process", 32}, {"handle", 32}},
                         &StartStep, &StartCall, &StartArgs, {false, &StartEffect}};
  return op;
}

}  // namespace zxspec::spec
