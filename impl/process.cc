// Processes: zx_process_create, zx_task_kill, process_start (the handle hand-off) and
// ZX_INFO_PROCESS_MAPS (process-maps.md PROC-001..032, MAPS-015..017).
#include <algorithm>
#include <string>

#include "impl/families.h"
#include "impl/vmar.h"

namespace zxspec::impl {

// ---- zx_process_create: PROC-010..013 ----

Outcome Do(Core& k, ProcessObj& caller, const ProcessCreate& c) {
  if (c.options != 0 && c.options != ZX_PROCESS_SHARED) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // PROC-011 (1)
  }
  // (2) ZX_POL_NEW_PROCESS: the default policy allows it.
  size_t len = 0;  // (3) at most 32 bytes read, cut at the first NUL, at most 31 kept
  while (len < c.name.size() && len < ZX_MAX_NAME_LEN && c.name[len] != 0) ++len;
  std::string name(c.name.begin(), c.name.begin() + static_cast<std::ptrdiff_t>(len));
  name.resize(std::min<size_t>(name.size(), ZX_MAX_NAME_LEN - 1));
  auto r = k.LookupWithRights<JobObj>(caller, c.job, ZX_RIGHT_MANAGE_PROCESS);  // (4)
  if (r.is_error()) return Outcome::Status(r.status_value());
  if (r->object->killed) return Outcome::Status(ZX_ERR_BAD_STATE);  // (5)
  if (c.options == ZX_PROCESS_SHARED) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // P-6

  ProcessObj& p = k.Create<ProcessObj>();  // PROC-012
  p.name = std::move(name);
  p.job = r->object->koid;
  ++r->object->live_processes;
  p.state = ProcState::kInitial;
  VmarObj& root = k.Create<VmarObj>();  // VMAR-003
  root.process = p.koid;
  root.base = kUserAspaceBase;
  root.size = kUserAspaceSize;
  root.flags = ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
               ZX_VM_CAN_MAP_EXECUTE;
  root.name = "root";
  p.root_vmar = root.koid;
  zx_handle_t proc_h = k.InstallNew(caller, &p, ZX_DEFAULT_PROCESS_RIGHTS);
  zx_handle_t root_h = k.InstallNew(caller, &root, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ |
                                                       ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE);
  return Outcome::Ok(HandlePairResult{proc_h, root_h});
}

// ---- zx_task_kill: PROC-020..024 ----

Outcome Do(Core& k, ProcessObj& caller, const TaskKill& c) {
  auto e = k.Lookup(caller, c.handle);  // PROC-021 (1)
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!HasRights(e->rights, ZX_RIGHT_DESTROY)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // 2
  if (auto* p = As<ProcessObj>(e->object)) {
    k.KillProcess(*p, ZX_TASK_RETCODE_SYSCALL_KILL);  // PROC-022 (no-op when DEAD)
    return Outcome::Ok();
  }
  auto* job = As<JobObj>(e->object);
  if (job == nullptr) return Outcome::Status(ZX_ERR_WRONG_TYPE);  // (3)
  job->killed = true;  // PROC-023: no new processes; every process below dies
  std::vector<ProcessObj*> victims;
  for (const auto& [koid, obj] : k.objects()) {
    auto* p = As<ProcessObj>(obj.get());
    if (p != nullptr && p->job == job->koid) victims.push_back(p);
  }
  for (ProcessObj* p : victims) k.KillProcess(*p, ZX_TASK_RETCODE_SYSCALL_KILL);
  return Outcome::Ok();
}

// ---- process_start: PROC-030..032 ----

Outcome Do(Core& k, ProcessObj& caller, const ProcessStart& c) {
  auto r = k.LookupWithRights<ProcessObj>(caller, c.process, ZX_RIGHT_WRITE);  // PROC-031 (1)
  if (r.is_error()) return Outcome::Status(r.status_value());
  ProcessObj& p = *r->object;
  if (caller.handles.Find(c.handle) == nullptr) return Outcome::Status(ZX_ERR_BAD_HANDLE);  // 2
  Handle h = caller.handles.Take(c.handle);  // consumed from here on, even on failure
  if (!HasRights(h.rights, ZX_RIGHT_TRANSFER)) {
    k.DropHandle(h);
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // (3)
  }
  if (p.started || p.state == ProcState::kDead) {
    k.DropHandle(h);
    return Outcome::Status(ZX_ERR_BAD_STATE);  // (4)
  }
  p.started = true;  // PROC-032
  p.state = ProcState::kRunning;
  return Outcome::Ok(HandleResult{k.Install(p, h)});
}

// ---- ZX_INFO_PROCESS_MAPS: MAPS-015..017 ----

Outcome InfoProcessMaps(const Core& k, const ProcessObj& caller, zx_handle_t h) {
  auto r = k.LookupWithRights<ProcessObj>(caller, h, ZX_RIGHT_INSPECT);
  if (r.is_error()) return Outcome::Status(r.status_value());
  const ProcessObj& p = *r->object;
  const auto* root = k.Find<VmarObj>(p.root_vmar);
  if (p.state == ProcState::kDead || root == nullptr || !root->alive) {
    return Outcome::Status(ZX_ERR_BAD_STATE);  // MAPS-015
  }
  std::vector<zx_info_maps_t> out;
  zx_info_maps_t aspace;  // MAPS-016 (1)
  std::string name = "proc:" + std::to_string(p.koid);
  std::copy_n(name.begin(), std::min<size_t>(name.size(), ZX_MAX_NAME_LEN - 1),
              aspace.name.begin());
  aspace.base = root->base;
  aspace.size = root->size;
  aspace.depth = 0;
  aspace.type = ZX_INFO_MAPS_TYPE_ASPACE;
  out.push_back(aspace);
  AppendMaps(*root, 1, out);  // (2)
  return Outcome::Ok(InfoResult{std::move(out)});
}

}  // namespace zxspec::impl
