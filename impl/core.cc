// The optimized implementation's core: registry, handles, lookup and lifetime (impl/core.h).
// Rule ids: HANDLE-001..003, GEN-001..003, VMO-084, CHAN-002, PROC-002, PROC-014, VMAR-005,
// VMAR-052, STREAM-001.
#include "impl/core.h"

#include <algorithm>

namespace zxspec::impl {

bool RoundUpPage(uint64_t v, uint64_t* out) {
  uint64_t rem = v % ZX_PAGE_SIZE;
  if (rem == 0) {
    *out = v;
    return true;
  }
  uint64_t add = ZX_PAGE_SIZE - rem;
  if (v > UINT64_MAX - add) return false;
  *out = v + add;
  return true;
}

Memory::Memory() : tree(std::make_shared<CowTree>()) {
  tree->live_memories = 1;
  tree->root = this;
}

Memory::Memory(std::shared_ptr<CowTree> t) : tree(std::move(t)) { ++tree->live_memories; }

Memory::~Memory() {
  --tree->live_memories;
  if (tree->root == this) tree->root = nullptr;
}

zx_obj_type_t ObjTypeOf(ObjKind kind) {
  switch (kind) {
    case ObjKind::kJob:
      return ZX_OBJ_TYPE_JOB;
    case ObjKind::kProcess:
      return ZX_OBJ_TYPE_PROCESS;
    case ObjKind::kResource:
      return ZX_OBJ_TYPE_RESOURCE;
    case ObjKind::kVmo:
      return ZX_OBJ_TYPE_VMO;
    case ObjKind::kStream:
      return ZX_OBJ_TYPE_STREAM;
    case ObjKind::kVmar:
      return ZX_OBJ_TYPE_VMAR;
    case ObjKind::kChannel:
      return ZX_OBJ_TYPE_CHANNEL;
  }
  return ZX_OBJ_TYPE_NONE;
}

// The initial environment: job 1024, self 1025 (RUNNING), its root VMAR 1026, the VMEX resource
// 1027, with handles job, self, root, vmex (values 7, 11, 15, 19) in self's table (VMAR-003).
Core::Core() {
  JobObj& job = Create<JobObj>();
  ProcessObj& self = Create<ProcessObj>();
  self.name = "self";
  self.job = job.koid;
  job.live_processes = 1;
  self.state = ProcState::kRunning;
  self.started = true;
  VmarObj& root = Create<VmarObj>();
  root.process = self.koid;
  root.base = kUserAspaceBase;
  root.size = kUserAspaceSize;
  root.flags = ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
               ZX_VM_CAN_MAP_EXECUTE;
  root.name = "root";
  self.root_vmar = root.koid;
  ResourceObj& vmex = Create<ResourceObj>();
  vmex.rsrc_kind = ZX_RSRC_KIND_SYSTEM;
  vmex.base = ZX_RSRC_SYSTEM_VMEX_BASE;
  vmex.size = 1;

  initial_.self_koid = self.koid;
  initial_.job = InstallNew(self, &job, ZX_DEFAULT_JOB_RIGHTS);
  initial_.self = InstallNew(self, &self, ZX_DEFAULT_PROCESS_RIGHTS);
  initial_.root = InstallNew(self, &root, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ |
                                              ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE);
  initial_.vmex = InstallNew(self, &vmex, ZX_DEFAULT_RESOURCE_RIGHTS);
}

Object* Core::Find(zx_koid_t koid) const {
  auto it = objects_.find(koid);
  return it == objects_.end() ? nullptr : it->second.get();
}

Handle Core::NewHandle(Object* object, zx_rights_t rights) {
  ++object->handle_count;
  return Handle{object, rights};
}

void Core::DropHandle(Handle h) {
  ZXSPEC_ASSERT(h.object->handle_count > 0, "handle count underflow");
  --h.object->handle_count;
  if (h.object->handle_count == 0) MaybeUnreferenced(h.object);
}

Result<Handle> Core::Lookup(const ProcessObj& caller, zx_handle_t h) const {
  const Handle* e = caller.handles.Find(h);
  if (e == nullptr) return Error{ZX_ERR_BAD_HANDLE};  // GEN-001 (1), GEN-003
  return *e;
}

void Core::DropKernelRef(Object* o) {
  ZXSPEC_ASSERT(o->kernel_refs > 0, "kernel reference underflow");
  --o->kernel_refs;
  if (o->kernel_refs == 0) MaybeUnreferenced(o);
}

// ---- mappings ----

void Core::AttachMapping(Mapping& m) {
  AddKernelRef(m.vmo);
  ++m.vmo->num_mappings;
  ++m.vmo->mappings_per_process[m.vmar->process];
}

std::unique_ptr<Mapping> Core::DetachMapping(Mapping& m) {
  auto it = m.vmar->children.find(m.base);
  ZXSPEC_ASSERT(it != m.vmar->children.end(), "mapping is not in its VMAR");
  auto owned = std::move(std::get<std::unique_ptr<Mapping>>(it->second));
  m.vmar->children.erase(it);
  m.vmar->packed_until = std::min(m.vmar->packed_until, owned->base);
  VmoObj* vmo = owned->vmo;
  --vmo->num_mappings;
  auto per = vmo->mappings_per_process.find(owned->vmar->process);
  if (--per->second == 0) vmo->mappings_per_process.erase(per);
  DropKernelRef(vmo);
  return owned;
}

// ---- VMAR and process death ----

void Core::DestroyVmarSubtree(VmarObj& vmar) {
  if (!vmar.alive) return;
  while (!vmar.children.empty()) {
    auto& child = vmar.children.begin()->second;
    if (auto* m = std::get_if<std::unique_ptr<Mapping>>(&child)) {
      DetachMapping(**m);
    } else {
      DestroyVmarSubtree(*std::get<VmarObj*>(child));  // removes itself from this map
    }
  }
  vmar.alive = false;
  if (vmar.parent != nullptr) {  // VMAR-052: the range is free again in the parent
    vmar.parent->children.erase(vmar.base);
    vmar.parent->packed_until = std::min(vmar.parent->packed_until, vmar.base);
  }
  vmar.parent = nullptr;
  MaybeUnreferenced(&vmar);
}

void Core::KillProcess(ProcessObj& p, int64_t return_code) {
  if (p.state == ProcState::kDead) return;
  p.state = ProcState::kDead;
  p.return_code = return_code;
  if (auto* job = Find<JobObj>(p.job)) --job->live_processes;
  for (const Handle& h : p.handles.TakeAll()) DropHandle(h);  // PROC-002 (1)
  if (auto* root = Find<VmarObj>(p.root_vmar)) DestroyVmarSubtree(*root);  // PROC-002 (2)
  MaybeUnreferenced(&p);
}

// ---- lifetime ----

bool Core::Unreferenced(const Object& o) const {
  if (o.handle_count != 0) return false;
  switch (o.kind) {
    case ObjKind::kProcess:
      return static_cast<const ProcessObj&>(o).state != ProcState::kRunning;  // PROC-014
    case ObjKind::kVmo:
      return o.kernel_refs == 0;  // mappings and streams keep a VMO (HANDLE-003)
    case ObjKind::kVmar:
      return !static_cast<const VmarObj&>(o).alive;  // VMAR-005
    case ObjKind::kStream:
    case ObjKind::kResource:
    case ObjKind::kChannel:
      return true;
    case ObjKind::kJob:
      return false;  // the model has only the default job, alive for the whole run
  }
  return false;
}

void Core::Collect() {
  while (!candidates_.empty()) {
    zx_koid_t koid = candidates_.back();
    candidates_.pop_back();
    Object* o = Find(koid);
    if (o != nullptr && Unreferenced(*o)) Destroy(*o);
  }
}

void Core::Destroy(Object& o) {
  switch (o.kind) {
    case ObjKind::kProcess: {
      auto& p = static_cast<ProcessObj&>(o);
      if (p.state == ProcState::kInitial) {
        KillProcess(p, 0);  // PROC-014; queued again, erased once DEAD
      } else {
        Erase(o);
      }
      return;
    }
    case ObjKind::kVmo:
      DestroyVmo(static_cast<VmoObj&>(o));
      return;
    case ObjKind::kStream: {
      VmoObj* vmo = static_cast<StreamObj&>(o).vmo;
      Erase(o);
      DropKernelRef(vmo);  // STREAM-001
      return;
    }
    case ObjKind::kChannel:
      DestroyChannel(static_cast<ChannelObj&>(o));
      return;
    case ObjKind::kVmar:
    case ObjKind::kResource:
    case ObjKind::kJob:
      Erase(o);
      return;
  }
}

// VMO-084: the dying VMO's children become children of its own parent.
void Core::DestroyVmo(VmoObj& v) {
  VmoObj* grandparent = v.parent;
  for (VmoObj* c : v.children) {
    c->parent = grandparent;
    if (grandparent != nullptr) grandparent->children.push_back(c);
  }
  if (grandparent != nullptr) std::erase(grandparent->children, &v);
  Erase(v);
}

// CHAN-002: the peer sees PEER_CLOSED; queued messages die with the endpoint.
void Core::DestroyChannel(ChannelObj& c) {
  if (auto* peer = Find<ChannelObj>(c.peer)) peer->peer_closed = true;
  std::deque<Message> queue = std::move(c.queue);
  Erase(c);
  for (const Message& m : queue) {
    for (const Handle& h : m.handles) DropHandle(h);
  }
}

void Core::Erase(Object& o) { objects_.erase(o.koid); }

}  // namespace zxspec::impl
