// Counterexamples: description, replay on the model, and .zxs text (see counterexample.h).
#include "spec/counterexample.h"

#include <map>
#include <sstream>

#include "api/constants.h"
#include "api/format.h"
#include "model/invariants.h"
#include "model/model.h"
#include "spec/abstraction.h"

namespace zxspec::spec {
namespace {

std::string Num(uint64_t v) { return v < 65536 ? std::to_string(v) : FormatHex(v); }

std::string KindName(uint64_t kind) {
  switch (kind) {
    case kKindRoot:
      return "root";
    case kKindCowClone:
      return "COW clone";
    case kKindSlice:
      return "slice";
    case kKindReference:
      return "reference";
    default:
      return "kind " + std::to_string(kind);
  }
}

std::string Modes(const ObjectValue& o) {
  uint64_t m = (o.mode_read ? ZX_STREAM_MODE_READ : 0) | (o.mode_write ? ZX_STREAM_MODE_WRITE : 0) |
               (o.append ? ZX_STREAM_MODE_APPEND : 0);
  return FlagsToString(m, ConstKind::kStreamMode);
}

std::string Describe(size_t i, const MemoryValue& m) {
  return "memory " + std::to_string(i) + ": size " + Num(m.size) + ", stream size " +
         Num(m.stream_size) + (m.resizable ? ", resizable" : "") +
         (m.discardable ? ", discardable" : "");
}

std::string Describe(size_t i, const ObjectValue& o) {
  std::string s = "object " + std::to_string(i) + ": ";
  switch (o.type) {
    case ZX_OBJ_TYPE_VMO:
      s += "VMO " + KindName(o.kind) + " on memory " + std::to_string(o.memory);
      if (o.kind == kKindSlice) {
        s += ", offset " + Num(o.offset) + ", size " + Num(o.slice_size) + ", stream size " +
             Num(o.slice_stream_size);
      }
      return s + (o.immutable ? ", IMMUTABLE" : "");
    case ZX_OBJ_TYPE_STREAM:
      return s + "stream on object " + std::to_string(o.stream_vmo) + ", modes " + Modes(o) +
             ", seek " + Num(o.seek);
    case ZX_OBJ_TYPE_VMAR:
      return s + (o.vmar_live ? "VMAR" : "DEAD VMAR") + ", flags " +
             FlagsToString(o.vmar_flags, ConstKind::kVmOption);
    case ZX_OBJ_TYPE_RESOURCE:
      return s + "resource, kind " + std::to_string(o.rsrc_kind) + ", base " + Num(o.rsrc_base) +
             ", size " + Num(o.rsrc_size);
    default: {
      auto name = NameOf(o.type, ConstKind::kObjType);
      return s + (name ? std::string(*name) : "object type " + std::to_string(o.type));
    }
  }
}

std::string Describe(size_t i, const HandleValue& h) {
  return "handle " + std::to_string(i) + (h.caller ? " (h" + std::to_string(i) + ")" : "") +
         ": " + (h.caller ? "caller's table" : "another table") + ", object " +
         std::to_string(h.object) + ", rights " + FlagsToString(h.rights, ConstKind::kRight);
}

std::string Describe(size_t i, const MappingValue& m) {
  return "mapping " + std::to_string(i) + ": in VMAR object " + std::to_string(m.vmar) +
         ", of VMO object " + std::to_string(m.vmo) + ", max perms " +
         FlagsToString(m.max_perms, ConstKind::kVmOption);
}

template <class V>
bool Same(const V& a, const V& b) {
  bool eq = true;
  ZipFields(a, b, [&](size_t, uint64_t x, uint64_t y) { eq = eq && x == y; });
  return eq;
}

template <class V>
void DescribePool(std::ostringstream& os, const char* pool, const std::vector<V>& now,
                  const std::vector<V>* before) {
  for (size_t i = 0; i < now.size(); ++i) {
    const V* was = before != nullptr && i < before->size() ? &(*before)[i] : nullptr;
    if (was != nullptr && Same(*was, now[i])) continue;
    if (now[i].alive) {
      os << "#   " << Describe(i, now[i]) << "\n";
    } else if (was != nullptr && was->alive) {
      os << "#   " << pool << " " << i << ": gone\n";
    }
  }
}

// ---- setup synthesis ----

struct Built {
  std::string name;
  zx_rights_t rights;  // of the handle |name|
  bool created;        // made by the setup (its handle is closed at the end)
};

// The calls that build |v| from the initial environment, or why they cannot.
Result<std::vector<std::string>> Setup(const StateValue& v, std::string* why) {
  std::vector<std::string> lines;
  std::map<uint64_t, Built> built;
  auto fail = [&](const std::string& reason) -> Result<std::vector<std::string>> {
    *why = reason;
    return Error{ZX_ERR_NOT_SUPPORTED};
  };
  auto needs_execute = [&](uint64_t obj) {
    for (const auto& h : v.handles) {
      if (h.alive && h.object == obj && (h.rights & ZX_RIGHT_EXECUTE)) return true;
    }
    return false;
  };
  bool used[4] = {false, false, false, false};  // job, self, root, vmex
  auto initial = [&](size_t i, int which, const char* name, zx_rights_t rights) {
    if (used[which]) return false;
    used[which] = true;
    built[i] = {name, rights, false};
    return true;
  };
  // VMOs first (streams refer to them), then everything else.
  for (size_t i = 0; i < v.objects.size(); ++i) {
    const ObjectValue& o = v.objects[i];
    if (!o.alive || o.type != ZX_OBJ_TYPE_VMO) continue;
    if (o.kind != kKindRoot || o.immutable || o.memory >= v.memories.size() ||
        !v.memories[o.memory].alive) {
      return fail("a VMO that is not a root VMO");
    }
    for (size_t j = 0; j < v.objects.size(); ++j) {
      const ObjectValue& p = v.objects[j];
      if (j != i && p.alive && p.type == ZX_OBJ_TYPE_VMO && p.memory == o.memory) {
        return fail("two VMOs viewing one memory");
      }
    }
    const MemoryValue& m = v.memories[o.memory];
    std::string name = "o" + std::to_string(i);
    uint32_t opts = (m.resizable ? ZX_VMO_RESIZABLE : 0) | (m.discardable ? ZX_VMO_DISCARDABLE : 0);
    lines.push_back(name + " = vmo_create(" + Num(m.size) + ", " +
                    FlagsToString(opts, ConstKind::kVmoOption) + ")");
    if (m.stream_size != m.size) {
      lines.push_back("vmo_set_stream_size(" + name + ", " + Num(m.stream_size) + ")");
    }
    zx_rights_t rights = ZX_DEFAULT_VMO_RIGHTS | (m.resizable ? ZX_RIGHT_RESIZE : 0);
    if (needs_execute(i)) {
      lines.push_back(name + " = vmo_replace_as_executable(" + name + ", vmex)");
      rights |= ZX_RIGHT_EXECUTE;
    }
    built[i] = {name, rights, true};
  }
  for (size_t i = 0; i < v.objects.size(); ++i) {
    const ObjectValue& o = v.objects[i];
    if (!o.alive || o.type == ZX_OBJ_TYPE_VMO) continue;
    bool ok = false;
    if (o.type == ZX_OBJ_TYPE_STREAM) {
      auto vmo = built.find(o.stream_vmo);
      if (vmo == built.end() || !vmo->second.created) return fail("a stream on no created VMO");
      std::string name = "o" + std::to_string(i);
      lines.push_back(name + " = stream_create(" + Modes(o) + ", " + vmo->second.name + ", " +
                      Num(o.seek) + ")");
      built[i] = {name,
                  ZX_DEFAULT_STREAM_RIGHTS | (o.mode_read ? ZX_RIGHT_READ : 0u) |
                      (o.mode_write ? ZX_RIGHT_WRITE : 0u),
                  true};
      ok = true;
    } else if (o.type == ZX_OBJ_TYPE_JOB) {
      ok = initial(i, 0, "job", ZX_DEFAULT_JOB_RIGHTS);
    } else if (o.type == ZX_OBJ_TYPE_PROCESS) {
      ok = initial(i, 1, "self", ZX_DEFAULT_PROCESS_RIGHTS);
    } else if (o.type == ZX_OBJ_TYPE_VMAR) {
      ok = o.vmar_live && o.vmar_flags == (ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
                            ZX_VM_CAN_MAP_EXECUTE) &&
           initial(i, 2, "root",
                   ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE);
    } else if (o.type == ZX_OBJ_TYPE_RESOURCE) {
      ok = o.rsrc_kind == ZX_RSRC_KIND_SYSTEM && o.rsrc_base == ZX_RSRC_SYSTEM_VMEX_BASE &&
           o.rsrc_size == 1 && initial(i, 3, "vmex", ZX_DEFAULT_RESOURCE_RIGHTS);
    }
    if (!ok) return fail("an object the initial environment cannot make (" + Describe(i, o) + ")");
  }
  for (const auto& m : v.mappings) {
    if (m.alive) return fail("a mapping");
  }
  for (size_t k = 0; k < v.handles.size(); ++k) {
    const HandleValue& h = v.handles[k];
    if (!h.alive) continue;
    if (!h.caller) return fail("a handle in another process");
    auto src = built.find(h.object);
    if (src == built.end()) return fail("a handle to no object");
    if ((h.rights & ~src->second.rights) != 0 || !(src->second.rights & ZX_RIGHT_DUPLICATE)) {
      return fail("handle " + std::to_string(k) + " holds rights its object's first handle lacks");
    }
    lines.push_back("h" + std::to_string(k) + " = handle_duplicate(" + src->second.name + ", " +
                    FlagsToString(h.rights, ConstKind::kRight) + ")");
  }
  for (const auto& [i, b] : built) {
    if (b.created) lines.push_back("handle_close(" + b.name + ")");
  }
  return lines;
}

Replay ReplayOnModel(const SpecInvariant& inv, const Concretization& c, const Call& call,
                     zx_status_t spec_status) {
  Replay r;
  r.concretized = true;
  r.pre_ok = model::CheckInvariants(c.state).empty();
  model::StepResult step = model::Step(c.state, c.caller, call);
  r.model_status = step.outcome.status;
  r.status_agrees = r.model_status == spec_status;
  r.post_violations = model::CheckInvariants(step.state);
  if (const auto* m = model::FindInvariant(inv.id); m != nullptr && inv.in_catalog) {
    r.post_violates = m->check(step.state).has_value();
  }
  return r;
}

}  // namespace

std::string DescribeState(const StateValue& v, const StateValue* before) {
  std::ostringstream os;
  DescribePool(os, "memory", v.memories, before ? &before->memories : nullptr);
  DescribePool(os, "object", v.objects, before ? &before->objects : nullptr);
  DescribePool(os, "handle", v.handles, before ? &before->handles : nullptr);
  DescribePool(os, "mapping", v.mappings, before ? &before->mappings : nullptr);
  return os.str();
}

Counterexample MakeCounterexample(const SpecInvariant& inv, const OpSpec& op, StateValue pre,
                                  StateValue post, ArgValues args, zx_status_t status) {
  Counterexample cx;
  cx.pre = std::move(pre);
  cx.post = std::move(post);
  cx.args = std::move(args);
  cx.status = status;
  auto concrete = Concretize(cx.pre);
  std::map<zx_handle_t, std::string> names;
  if (concrete.is_ok()) {
    const Concretization& c = concrete.value();
    cx.call = op.to_call(cx.args, [&](uint64_t a) { return c.HandleValue(a); });
    cx.replay = ReplayOnModel(inv, c, *cx.call, status);
    for (const auto& [slot, value] : c.handle_value) names[value] = "h" + std::to_string(slot);
  } else {
    cx.replay.note = "the pre-state has no model::State counterpart";
  }
  HandleNamer namer = [&](zx_handle_t h) {
    auto it = names.find(h);
    return it == names.end() ? std::to_string(h) : it->second;
  };
  std::ostringstream os;
  os << "# zxspec prove: " << op.name << " (" << op.rules << ") does not preserve " << inv.id
     << "\n# pre-state (every invariant holds; slot numbers are the spec's):\n"
     << DescribeState(cx.pre) << "# post-state, what changed:\n"
     << DescribeState(cx.post, &cx.pre);
  std::string why;
  auto setup = Setup(cx.pre, &why);
  std::string call_line =
      cx.call ? FormatCall(*cx.call, namer) + " -> " + StatusName(status) : "(no concrete call)";
  if (setup.is_ok() && cx.call) {
    for (const auto& line : setup.value()) os << line << "\n";
    os << call_line << "\ncheck_invariants()\n";
  } else {
    os << "# (no setup: the pre-state has " << why << ")\n# " << call_line << "\n";
  }
  if (cx.replay.concretized) {
    os << "# model::Step on this pre-state: " << StatusName(cx.replay.model_status)
       << (cx.replay.post_violates ? ", and the model's checker reports the violation"
                                   : ", and the model's checker finds no violation")
       << "\n";
  }
  cx.zxs = os.str();
  return cx;
}

}  // namespace zxspec::spec
