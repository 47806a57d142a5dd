// Processes: zx_process_create, zx_task_kill and the handle hand-off of zx_process_start
// (process-maps.md PROC-001..032). Death itself (PROC-002) is KillProcess in lifecycle.cc;
// the death of INITIAL processes that lose their last handle (PROC-014) happens in
// CollectGarbage.
#include "model/core.h"
#include "model/families.h"

namespace zxspec::model {
namespace {

// PROC-011 step 3: at most ZX_MAX_NAME_LEN bytes are read; the name ends at the first NUL and
// holds at most 31 bytes.
std::string ProcessName(const Bytes& raw) {
  std::string name(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(
                                                  std::min<size_t>(raw.size(), ZX_MAX_NAME_LEN)));
  name = name.substr(0, name.find('\0'));
  return name.substr(0, ZX_MAX_NAME_LEN - 1);
}

// PROC-012: the root VMAR of a fresh address space (VMAR-003).
Vmar NewRootVmar(zx_koid_t process) {
  Vmar root;
  root.process = process;
  root.base = kUserAspaceBase;
  root.size = kUserAspaceSize;
  root.flags =
      ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE;
  root.name = "root";
  return root;
}

}  // namespace

// zx_process_create: PROC-010..014
Outcome Do(State& s, zx_koid_t caller, const ProcessCreate& c) {
  if (c.options != 0 && c.options != ZX_PROCESS_SHARED) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // PROC-011 (1)
  }
  // PROC-011 (2): the model's default job policy allows ZX_POL_NEW_PROCESS (GEN-005).
  std::string name = ProcessName(c.name);  // (3): truncation is never an error
  auto e = LookupWithRights<Job>(s, caller, c.job, ZX_RIGHT_MANAGE_PROCESS);  // (4)
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (Get<Job>(s, e->object).killed) return Outcome::Status(ZX_ERR_BAD_STATE);  // (5)
  // PROC-013, open point P-6: shared address spaces are outside the rulebook. The kernel would
  // succeed here; the model refuses after every kernel check, so all failing cases still match.
  if (c.options == ZX_PROCESS_SHARED) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);

  Process p;  // PROC-012: INITIAL, empty table, fresh address space
  p.name = std::move(name);
  p.job = e->object;
  p.state = ProcessState::kInitial;
  const zx_koid_t proc = NewObject(s, std::move(p));  // the process first, then its root VMAR
  const zx_koid_t root = NewObject(s, NewRootVmar(proc));
  Get<Process>(s, proc).root_vmar = root;
  const zx_handle_t ph = InstallHandle(s, caller, {proc, ZX_DEFAULT_PROCESS_RIGHTS});
  const zx_handle_t vh =
      InstallHandle(s, caller,
                    {root, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE |
                               ZX_RIGHT_EXECUTE});  // VMAR-004: 0x20801F
  return Outcome::Ok(HandlePairResult{ph, vh});
}

// zx_task_kill: PROC-020..024
Outcome Do(State& s, zx_koid_t caller, const TaskKill& c) {
  auto e = LookupHandle(s, caller, c.handle);  // PROC-021 (1)
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!HasRights(e->rights, ZX_RIGHT_DESTROY)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // (2) before the type (open point P-4)
  }
  if (Find<Process>(s, e->object) != nullptr) {
    KillProcess(s, e->object, ZX_TASK_RETCODE_SYSCALL_KILL);  // PROC-022 (no-op when DEAD)
    return Outcome::Ok();
  }
  if (Job* job = Find<Job>(s, e->object)) {
    job->killed = true;  // PROC-023: accepts no more processes (PROC-011 (5))
    std::vector<zx_koid_t> members;
    for (const auto& [koid, body] : s.objects) {
      const auto* p = std::get_if<Process>(&body);
      if (p != nullptr && p->job == e->object) members.push_back(koid);
    }
    // The model has no job_create, so a job has no child jobs; every member process dies,
    // the caller included (open point P-5).
    for (zx_koid_t koid : members) KillProcess(s, koid, ZX_TASK_RETCODE_SYSCALL_KILL);
    return Outcome::Ok();
  }
  return Outcome::Status(ZX_ERR_WRONG_TYPE);  // (3)
}

// process_start, the handle hand-off of zx_process_start: PROC-030..032
Outcome Do(State& s, zx_koid_t caller, const ProcessStart& c) {
  auto pe = LookupWithRights<Process>(s, caller, c.process, ZX_RIGHT_WRITE);  // PROC-031 (1)
  if (pe.is_error()) return Outcome::Status(pe.status_value());
  auto he = LookupHandle(s, caller, c.handle);  // (2)
  if (he.is_error()) return Outcome::Status(he.status_value());
  const HandleEntry moved = RemoveHandle(s, caller, c.handle);  // consumed from step 2 on
  if (!HasRights(moved.rights, ZX_RIGHT_TRANSFER)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // (3)
  }
  Process& p = Get<Process>(s, pe->object);
  if (p.started || p.state != ProcessState::kInitial) {
    return Outcome::Status(ZX_ERR_BAD_STATE);  // (4) already started, or killed
  }
  p.started = true;  // PROC-032: the process now runs (its last handle no longer kills it)
  p.state = ProcessState::kRunning;
  return Outcome::Ok(HandleResult{InstallHandle(s, pe->object, moved)});
}

}  // namespace zxspec::model
