// Abstraction of model states into spec states and concretization of spec counterexamples.
#include "spec/abstraction.h"

#include <vector>

#include "api/zircon.h"

#include "model/core.h"

namespace zxspec::spec {
namespace {

constexpr uint64_t kMaxSlots = kNoSlot;  // indices 253..255 are reserved

uint64_t SlotOr(const std::map<zx_koid_t, uint64_t>& slots, uint64_t key) {
  auto it = slots.find(key);
  return it == slots.end() ? kNoSlot : it->second;
}

ObjectValue AbstractObject(const model::ObjectBody& body, const std::map<uint64_t, uint64_t>& mem,
                           const std::map<zx_koid_t, uint64_t>& obj) {
  ObjectValue o = DeadObject();
  o.alive = 1;
  o.type = model::ObjTypeOf(body);
  if (const auto* v = std::get_if<model::Vmo>(&body)) {
    o.kind = static_cast<uint64_t>(v->kind);
    o.memory = SlotOr(mem, v->memory);
    o.offset = v->offset;
    if (v->kind == model::VmoKind::kSlice) {  // the model keeps them for slices only
      o.slice_size = v->slice_size;
      o.slice_stream_size = v->slice_stream_size;
    }
    o.immutable = v->immutable_at_creation;
  } else if (const auto* st = std::get_if<model::Stream>(&body)) {
    o.stream_vmo = SlotOr(obj, st->vmo);
    o.mode_read = st->mode_read;
    o.mode_write = st->mode_write;
    o.append = st->append;
    o.seek = st->seek;
  } else if (const auto* vmar = std::get_if<model::Vmar>(&body)) {
    o.vmar_flags = vmar->flags;
    o.vmar_live = vmar->state == model::Lifecycle::kAlive;
  } else if (const auto* r = std::get_if<model::Resource>(&body)) {
    o.rsrc_kind = r->kind;
    o.rsrc_base = r->base;
    o.rsrc_size = r->size;
  }
  return o;
}

HandleValue AbstractHandle(const model::HandleEntry& e, bool caller,
                           const std::map<zx_koid_t, uint64_t>& obj) {
  return HandleValue{1, caller ? 1u : 0u, SlotOr(obj, e.object), e.rights};
}

}  // namespace

uint64_t Abstraction::HandleArg(zx_handle_t h) const {
  if (h == ZX_HANDLE_INVALID) return kInvalidHandleArg;
  auto it = caller_slot.find(h);
  return it == caller_slot.end() ? kUnknownHandleArg : it->second;
}

Result<Abstraction> Abstract(const model::State& s, zx_koid_t caller, size_t spare) {
  Abstraction a;
  std::map<uint64_t, uint64_t> mem;
  for (const auto& [id, m] : s.memories) {
    mem[id] = a.value.memories.size();
    a.value.memories.push_back(
        MemoryValue{1, m.size, m.stream_size, m.resizable, m.discardable, m.root_offset});
  }
  uint64_t n = 0;
  for (const auto& [koid, body] : s.objects) a.object_slot[koid] = n++;
  for (const auto& [koid, body] : s.objects) {
    a.value.objects.push_back(AbstractObject(body, mem, a.object_slot));
  }
  // Handles: other processes' tables and in-flight messages first, the caller's table last.
  for (const auto& [koid, body] : s.objects) {
    if (const auto* p = std::get_if<model::Process>(&body); p != nullptr && koid != caller) {
      for (const auto& [v, e] : p->handles.entries) {
        a.value.handles.push_back(AbstractHandle(e, false, a.object_slot));
      }
    } else if (const auto* ep = std::get_if<model::ChannelEndpoint>(&body)) {
      for (const auto& msg : ep->queue) {
        for (const auto& e : msg.handles) {
          a.value.handles.push_back(AbstractHandle(e, false, a.object_slot));
        }
      }
    }
  }
  if (const auto* p = model::Find<model::Process>(s, caller)) {
    for (const auto& [v, e] : p->handles.entries) {
      a.caller_slot[v] = a.value.handles.size();
      a.value.handles.push_back(AbstractHandle(e, true, a.object_slot));
    }
  }
  for (const auto& [koid, body] : s.objects) {
    const auto* vmar = std::get_if<model::Vmar>(&body);
    if (vmar == nullptr) continue;
    for (const auto& c : vmar->children) {
      if (const auto* m = std::get_if<model::Mapping>(&c)) {
        a.value.mappings.push_back(
            MappingValue{1, a.object_slot.at(koid), SlotOr(a.object_slot, m->vmo), m->max_perms});
      }
    }
  }
  for (size_t i = 0; i < spare; ++i) {
    a.value.memories.push_back(DeadMemory());
    a.value.objects.push_back(DeadObject());
    a.value.handles.push_back(DeadHandle());
    a.value.mappings.push_back(DeadMapping());
  }
  Bounds b = a.value.bounds();
  if (b.memories > kMaxSlots || b.objects > kMaxSlots || b.handles > kMaxSlots ||
      b.mappings > kMaxSlots) {
    return Error{ZX_ERR_OUT_OF_RANGE};
  }
  return a;
}

zx_handle_t Concretization::HandleValue(uint64_t arg) const {
  if (arg == kInvalidHandleArg) return ZX_HANDLE_INVALID;
  auto it = handle_value.find(arg);
  return it == handle_value.end() ? kUnusedHandleValue : it->second;
}

namespace {

// A koid no object ever has (below ZX_KOID_FIRST).
constexpr zx_koid_t kDanglingKoid = 1;

Result<model::ObjectBody> ConcreteObject(const ObjectValue& o, const Concretization& c,
                                         const std::map<uint64_t, model::MemoryId>& mem) {
  auto koid_of = [&](uint64_t slot) {
    auto it = c.object_koid.find(slot);
    return it == c.object_koid.end() ? kDanglingKoid : it->second;
  };
  switch (o.type) {
    case ZX_OBJ_TYPE_VMO: {
      auto m = mem.find(o.memory);
      if (m == mem.end() || o.kind > kKindReference) return Error{ZX_ERR_NOT_SUPPORTED};
      model::Vmo v;
      v.kind = static_cast<model::VmoKind>(o.kind);
      v.memory = m->second;
      v.offset = o.offset;
      v.slice_size = o.slice_size;
      v.slice_stream_size = o.slice_stream_size;
      v.immutable_at_creation = o.immutable != 0;
      return model::ObjectBody{v};
    }
    case ZX_OBJ_TYPE_STREAM:
      return model::ObjectBody{model::Stream{koid_of(o.stream_vmo), o.mode_read != 0,
                                             o.mode_write != 0, o.append != 0, o.seek}};
    case ZX_OBJ_TYPE_VMAR: {  // placed in the caller's address space later
      model::Vmar v;
      v.process = c.caller;
      v.flags = static_cast<uint32_t>(o.vmar_flags);
      v.name = "useralloc";
      v.state = o.vmar_live ? model::Lifecycle::kAlive : model::Lifecycle::kDead;
      return model::ObjectBody{v};
    }
    case ZX_OBJ_TYPE_RESOURCE:
      return model::ObjectBody{
          model::Resource{static_cast<uint32_t>(o.rsrc_kind), o.rsrc_base, o.rsrc_size}};
    case ZX_OBJ_TYPE_JOB:
      return model::ObjectBody{model::Job{}};
    case ZX_OBJ_TYPE_PROCESS: {  // its root VMAR is added later
      model::Process p;
      p.job = model::Get<model::Process>(c.state, c.caller).job;  // the default job
      p.state = model::ProcessState::kRunning;
      p.started = true;
      return model::ObjectBody{p};
    }
    case ZX_OBJ_TYPE_CHANNEL: {
      model::ChannelEndpoint ep;
      ep.peer = kDanglingKoid;  // a peer that is gone (CHAN-002)
      ep.peer_closed = true;
      return model::ObjectBody{ep};
    }
    default:
      return Error{ZX_ERR_NOT_SUPPORTED};
  }
}


// A RUNNING process in the default job with a live, empty root VMAR of its own (PROC-012,
// VMAR-003), as a model state needs it (address-space-consistent).
zx_koid_t AddProcessWithRoot(model::State& s, zx_koid_t koid_or_zero, zx_koid_t job) {
  zx_koid_t koid = koid_or_zero;
  if (koid == 0) {
    model::Process p;
    p.name = "other";
    p.job = job;
    p.state = model::ProcessState::kRunning;
    p.started = true;
    koid = model::NewObject(s, std::move(p));
  }
  model::Vmar root;
  root.process = koid;
  root.base = kUserAspaceBase;
  root.size = kUserAspaceSize;
  root.flags = ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
               ZX_VM_CAN_MAP_EXECUTE;
  root.name = "root";
  model::Get<model::Process>(s, koid).root_vmar = model::NewObject(s, std::move(root));
  return koid;
}

// Each VMAR slot becomes a child of the caller's root VMAR with its own 64-page range, in slot
// order; each mapping a one-page mapping (no page accessible) in its VMAR, in slot order.
constexpr uint64_t kVmarPages = 64;

zx_status_t PlaceVmarsAndMappings(const StateValue& v, Concretization& c) {
  model::Vmar& root = model::Get<model::Vmar>(
      c.state, model::Get<model::Process>(c.state, c.caller).root_vmar);
  zx_koid_t root_koid = model::Get<model::Process>(c.state, c.caller).root_vmar;
  uint64_t next_base = root.base;
  for (size_t i = 0; i < v.objects.size(); ++i) {
    if (!v.objects[i].alive || v.objects[i].type != ZX_OBJ_TYPE_VMAR) continue;
    model::Vmar& vmar = model::Get<model::Vmar>(c.state, c.object_koid.at(i));
    vmar.base = next_base;  // a DEAD VMAR keeps the range it had (VMAR-002, VMAR-005)
    vmar.size = kVmarPages * ZX_PAGE_SIZE;
    next_base += vmar.size;
    if (!v.objects[i].vmar_live) continue;  // DEAD: out of every tree (VMAR-005)
    vmar.parent = root_koid;
    model::Get<model::Vmar>(c.state, root_koid).children.push_back(c.object_koid.at(i));
  }
  std::map<zx_koid_t, uint64_t> used;  // pages used per VMAR
  for (const MappingValue& m : v.mappings) {
    if (!m.alive) continue;
    auto vmar = c.object_koid.find(m.vmar);
    auto* body = vmar == c.object_koid.end() ? nullptr
                                             : model::Find<model::Vmar>(c.state, vmar->second);
    if (body == nullptr || body->state != model::Lifecycle::kAlive ||
        used[vmar->second] >= kVmarPages) {
      return ZX_ERR_NOT_SUPPORTED;  // a mapping outside any VMAR
    }
    model::Mapping mapping;
    mapping.base = body->base + used[vmar->second]++ * ZX_PAGE_SIZE;
    mapping.size = ZX_PAGE_SIZE;
    auto vmo = c.object_koid.find(m.vmo);
    mapping.vmo = vmo == c.object_koid.end() ? kDanglingKoid : vmo->second;
    mapping.max_perms = static_cast<uint32_t>(m.max_perms);
    mapping.perms = {model::PermRun{0, 1, 0}};
    body->children.push_back(mapping);
  }
  return ZX_OK;
}

}  // namespace

Result<Concretization> Concretize(const StateValue& v) {
  Concretization c;
  c.state = model::InitialState();
  c.caller = c.state.initial.self_koid;
  const zx_koid_t job = model::Get<model::Process>(c.state, c.caller).job;
  std::map<uint64_t, model::MemoryId> mem;
  for (size_t i = 0; i < v.memories.size(); ++i) {
    const MemoryValue& m = v.memories[i];
    if (!m.alive) continue;
    model::Memory memory;
    memory.size = m.size;
    memory.stream_size = m.stream_size;
    memory.resizable = m.resizable != 0;
    memory.discardable = m.discardable != 0;
    memory.root_offset = m.root_offset;
    mem[i] = model::NewMemory(c.state, std::move(memory));
  }
  zx_koid_t next = c.state.next_koid;
  for (size_t i = 0; i < v.objects.size(); ++i) {
    if (v.objects[i].alive) c.object_koid[i] = next++;
  }
  for (size_t i = 0; i < v.objects.size(); ++i) {
    if (!v.objects[i].alive) continue;
    auto body = ConcreteObject(v.objects[i], c, mem);
    if (body.is_error()) return body.error_value();
    zx_koid_t koid = model::NewObject(c.state, std::move(body).value());
    ZXSPEC_ASSERT(koid == c.object_koid.at(i), "koids are assigned in slot order");
  }
  // Objects the slots need but do not describe come after them: root VMARs of processes.
  for (size_t i = 0; i < v.objects.size(); ++i) {
    if (v.objects[i].alive && v.objects[i].type == ZX_OBJ_TYPE_PROCESS) {
      AddProcessWithRoot(c.state, c.object_koid.at(i), job);
    }
  }
  if (zx_status_t st = PlaceVmarsAndMappings(v, c); st != ZX_OK) return Error{st};
  zx_koid_t other = 0;  // a process holding the handles of other tables, made on demand
  for (size_t i = 0; i < v.handles.size(); ++i) {
    const HandleValue& h = v.handles[i];
    if (!h.alive) continue;
    auto it = c.object_koid.find(h.object);
    model::HandleEntry e{it == c.object_koid.end() ? kDanglingKoid : it->second,
                         static_cast<zx_rights_t>(h.rights)};
    if (h.caller) {
      c.handle_value[i] = model::InstallHandle(c.state, c.caller, e);
      continue;
    }
    if (other == 0) other = AddProcessWithRoot(c.state, 0, job);
    model::InstallHandle(c.state, other, e);
  }
  return c;
}

}  // namespace zxspec::spec
