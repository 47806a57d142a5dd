// The address-space step properties (see vmar_props.h). Each property is one `Analyze` function
// giving what is wrong with a step and the witness its scenario pins; the checker returns the
// first, the witness function the second.
#include "props/vmar_props.h"

#include <algorithm>
#include <functional>
#include <map>
#include <vector>

#include "api/constants.h"
#include "api/format.h"
#include "model/core.h"
#include "model/vmar.h"
#include "model/vmo.h"
#include "props/shared.h"

namespace zxspec::props::vmar {
namespace {

using model::State;
constexpr zx_vm_option_t kPerms = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE;

// A call to run right after a failing step, with the outcome the property expects of it.
struct FollowUp {
  zx_koid_t caller = 0;  // a process that can act in the state after the failing step
  Call call;             // handle arguments are values of |caller|'s table in that state
  Outcome expect;
};

// What a failing step leaves in its scenario: the outcome the failing call itself should have
// had (PropertyInfo::expected), and probes (PropertyInfo::witness lines).
struct Evidence {
  std::optional<Outcome> expect;
  std::vector<FollowUp> probes;
};

struct Finding {
  std::optional<std::string> why;
  Evidence witness;
};

// The probes as witness lines of the saved scenario, expectations pinned in full.
std::vector<Witness> Lines(const StepView& v, const Evidence& e) {
  std::vector<Witness> out;
  for (const FollowUp& p : e.probes) {
    out.push_back({p.caller, InitialHandleTo(v.after.state, p.caller), p.call,
                   FormatOutcome(p.expect)});
  }
  return out;
}

std::string Hex(uint64_t v) { return FormatHex(v); }
std::string K(zx_koid_t koid) { return "koid " + std::to_string(koid); }

// The entry of |caller|'s table for |h| in |s|.

// Runs |call_with(h)| through |step| as |caller| on a copy of |s| in which |caller| holds a
// temporary handle h to |object| with |rights|; the sequence itself is untouched.
Outcome ObserveWith(const StepFn& step, const State& s, zx_koid_t caller, zx_koid_t object,
                    zx_rights_t rights, const std::function<Call(zx_handle_t)>& call_with) {
  State copy = s;
  const zx_handle_t h = model::InstallHandle(copy, caller, {object, rights});
  return step(std::move(copy), caller, call_with(h)).outcome;
}

// A handle to |object| with |rights| that a scenario can name: in the initial process's table
// first, else in the table of another process that can act. (caller, value), or nullopt.
std::optional<std::pair<zx_koid_t, zx_handle_t>> NamedHandle(const State& s, zx_koid_t object,
                                                             zx_rights_t rights) {
  std::vector<zx_koid_t> callers = {s.initial.self_koid};
  for (const auto& [koid, body] : s.objects) {
    if (koid != s.initial.self_koid && std::holds_alternative<model::Process>(body)) {
      callers.push_back(koid);
    }
  }
  for (zx_koid_t caller : callers) {
    if (!CanAct(s, caller)) continue;
    for (const auto& [value, e] : ProcessIn(s, caller)->handles.entries) {
      if (e.object == object && model::HasRights(e.rights, rights)) return {{caller, value}};
    }
  }
  return std::nullopt;
}

const std::vector<zx_info_maps_t>* MapsOf(const Outcome& o) {
  const auto* info = std::get_if<InfoResult>(&o.payload);
  return info ? std::get_if<std::vector<zx_info_maps_t>>(&info->record) : nullptr;
}

// ZX_VM_PERM_* bits allowed by handle |rights| (VMAR-021, VMAR-027).
zx_vm_option_t PermsOfRights(zx_rights_t rights) {
  return ((rights & ZX_RIGHT_READ) ? ZX_VM_PERM_READ : 0) |
         ((rights & ZX_RIGHT_WRITE) ? ZX_VM_PERM_WRITE : 0) |
         ((rights & ZX_RIGHT_EXECUTE) ? ZX_VM_PERM_EXECUTE : 0);
}

std::optional<uint64_t> AlignUp(uint64_t v, uint64_t align) {
  const uint64_t rem = v % align;
  if (rem == 0) return v;
  if (v > UINT64_MAX - (align - rem)) return std::nullopt;
  return v + (align - rem);
}

// ---- vmar-map-rights ----

constexpr zx_vm_option_t kMappingRecorded =
    ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_OFFSET_IS_UPPER_LIMIT |
    ZX_VM_FAULT_BEYOND_STREAM_SIZE | ZX_VM_CANNOT_CREATE_VMO_CHILD;

// The mapping a successful vmar_map made, as the property expects it.
struct ExpectedMapping {
  zx_koid_t vmar = 0;
  zx_vaddr_t addr = 0;
  uint64_t size = 0;
  zx_koid_t vmo = 0;
  uint64_t vmo_offset = 0;
  zx_vm_option_t perms = 0;
  zx_vm_option_t max_perms = 0;
  zx_vm_option_t flags = 0;
  zx_rights_t vmo_rights = 0;
  zx_rights_t both = 0;
};

std::optional<ExpectedMapping> ExpectMapping(const StepView& v) {
  const auto* c = std::get_if<VmarMap>(&v.action.call);
  if (c == nullptr || v.after.outcome.status != ZX_OK) return std::nullopt;
  const auto* addr = std::get_if<U64Result>(&v.after.outcome.payload);
  const auto ve = EntryOf(v.before, v.action.caller, c->vmar);
  const auto oe = EntryOf(v.before, v.action.caller, c->vmo);
  const auto size = model::RoundUpPage(c->len);
  if (addr == nullptr || !ve || !oe || !size) return std::nullopt;  // other properties' business
  ExpectedMapping e;
  e.vmar = ve->object;
  e.addr = addr->value;
  e.size = *size;
  e.vmo = oe->object;
  e.vmo_offset = c->vmo_offset;
  zx_vm_option_t options = c->options;
  if (options & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) options |= ZX_VM_PERM_READ;  // VMAR-009
  e.perms = options & kPerms;
  e.both = ve->rights & oe->rights;
  e.vmo_rights = oe->rights;
  e.max_perms = e.perms | PermsOfRights(e.both);  // VMAR-027
  e.flags = options & kMappingRecorded;           // VMAR-025
  return e;
}

// The mapping of |s| holding [e.addr, e.addr + e.size) as a direct child of e.vmar, or null.
const model::Mapping* MappingOf(const State& s, const ExpectedMapping& e) {
  auto ref = model::FindMappingAt(s, e.vmar, e.addr);
  if (!ref || ref->vmar != e.vmar) return nullptr;
  const model::Mapping& m = model::MappingAt(s, *ref);
  if (e.addr + e.size > m.base + m.size) return nullptr;
  return &m;
}

Finding AnalyzeMapRights(const StepView& v) {
  Finding f;
  const auto e = ExpectMapping(v);
  if (!e) return f;
  if (!model::HasRights(e->vmo_rights, ZX_RIGHT_MAP)) {
    f.why = "vmar_map succeeded through a VMO handle without ZX_RIGHT_MAP (VMAR-021)";
    return f;
  }
  if (e->perms & ~PermsOfRights(e->both)) {
    f.why = "vmar_map granted perms " + Hex(e->perms) +
            " that the VMAR and VMO handles do not both allow (VMAR-021)";
    return f;
  }
  const model::Mapping* m = MappingOf(v.after.state, *e);
  if (m == nullptr) {
    f.why = "no mapping of the VMAR covers the returned range [" + Hex(e->addr) + ", +" +
            Hex(e->size) + ") (VMAR-025)";
    return f;
  }
  if (m->vmo != e->vmo || m->vmo_offset + (e->addr - m->base) != e->vmo_offset) {
    f.why = "the mapping at " + Hex(e->addr) + " maps " + K(m->vmo) + " at offset " +
            Hex(m->vmo_offset + (e->addr - m->base)) + ", not " + K(e->vmo) + " at " +
            Hex(e->vmo_offset) + " (VMAR-025)";
    return f;
  }
  for (uint64_t p = (e->addr - m->base) / kPage; p < (e->addr + e->size - m->base) / kPage; ++p) {
    if (model::PermsAtPage(*m, p) != e->perms) {
      f.why = "page " + Hex(m->base + p * kPage) + " of the new mapping has perms " +
              Hex(model::PermsAtPage(*m, p)) + ", not the requested " + Hex(e->perms) +
              " (VMAR-025)";
      return f;
    }
  }
  if (m->flags != e->flags) {
    f.why = "the new mapping records flags " + Hex(m->flags) + ", not " + Hex(e->flags) +
            " (VMAR-025)";
    return f;
  }
  if (m->max_perms != e->max_perms) {
    f.why = "the new mapping has max_perms " + Hex(m->max_perms) + "; the requested perms " +
            Hex(e->perms) + " and the rights both handles hold (" + Hex(e->both) + ") give " +
            Hex(e->max_perms) + " (VMAR-027)";
    // Witness: a protect that max_perms decides. Perms the mapping wrongly may take (plus READ,
    // VMAR-008) must be refused; missing ones, when the expected max_perms are asked, granted.
    const zx_vm_option_t extra = m->max_perms & ~e->max_perms;
    zx_vm_option_t probe = e->max_perms;
    if (extra != 0) probe = extra | ((extra & ~ZX_VM_PERM_READ) ? ZX_VM_PERM_READ : 0);
    State fixed = v.after.state;
    auto ref = model::FindMappingAt(fixed, e->vmar, e->addr);
    std::get<model::Mapping>(model::Get<model::Vmar>(fixed, ref->vmar).children[ref->index])
        .max_perms = e->max_perms;
    const Call protect = VmarProtect{std::get<VmarMap>(v.action.call).vmar, probe, e->addr,
                                     e->size};
    f.witness.probes.push_back(
        {v.action.caller, protect, v.step(std::move(fixed), v.action.caller, protect).outcome});
  }
  return f;
}

// ---- vmar-perms-origin ----

// The range a successful vmar_map of this step mapped: the only pages that may be new.
struct Fresh {
  zx_koid_t vmar = 0;
  zx_vaddr_t addr = 0;
  uint64_t size = 0;
};
std::optional<Fresh> FreshRange(const StepView& v) {
  const auto e = ExpectMapping(v);
  if (!e) return std::nullopt;
  return Fresh{e->vmar, e->addr, e->size};
}

// A protect of page |addr| to |perms| that tells |after| from |fixed| (where the mapping has
// its old max_perms): through the failing call's VMAR handle, else a handle the scenario names.
std::optional<FollowUp> DiscriminatingProtect(const StepView& v, const State& fixed, zx_koid_t vmar,
                                           zx_vaddr_t addr, zx_vm_option_t perms) {
  std::vector<std::pair<zx_koid_t, zx_handle_t>> candidates;
  zx_handle_t used = 0;
  if (const auto* c = std::get_if<VmarProtect>(&v.action.call)) used = c->vmar;
  if (const auto* c = std::get_if<VmarMap>(&v.action.call)) used = c->vmar;
  if (used != 0) candidates.push_back({v.action.caller, used});
  if (auto named = NamedHandle(v.after.state, vmar, ZX_RIGHT_NONE)) candidates.push_back(*named);
  for (const auto& [caller, h] : candidates) {
    if (!CanAct(v.after.state, caller)) continue;
    const Call protect = VmarProtect{h, perms, addr, kPage};
    const Outcome want = v.step(fixed, caller, protect).outcome;
    if (!(want == v.step(v.after.state, caller, protect).outcome)) {
      return FollowUp{caller, protect, want};
    }
  }
  return std::nullopt;
}

Finding AnalyzePermsOrigin(const StepView& v) {
  Finding f;
  const auto fresh = FreshRange(v);
  const State& s = v.after.state;
  for (const auto& [vkoid, body] : s.objects) {
    const auto* vmar = std::get_if<model::Vmar>(&body);
    if (vmar == nullptr || vmar->state != model::Lifecycle::kAlive) continue;
    for (size_t i = 0; i < vmar->children.size(); ++i) {
      const auto* m2 = std::get_if<model::Mapping>(&vmar->children[i]);
      if (m2 == nullptr) continue;
      const zx_vaddr_t end = m2->base + m2->size;
      for (zx_vaddr_t x = m2->base; x < end;) {
        if (fresh && fresh->vmar == vkoid && x >= fresh->addr && x - fresh->addr < fresh->size) {
          x = fresh->addr + fresh->size;  // vmar-map-rights judges these pages
          continue;
        }
        const auto ref = model::FindMappingAt(v.before, vkoid, x);
        if (!ref || ref->vmar != vkoid) {
          f.why = "page " + Hex(x) + " of VMAR " + K(vkoid) + " is mapped, but was not before " +
                  "the step and no vmar_map of the step mapped it (VMAR-025)";
          return f;
        }
        const model::Mapping& m1 = model::MappingAt(v.before, *ref);
        if (m1.vmo != m2->vmo ||
            m1.vmo_offset + (x - m1.base) != m2->vmo_offset + (x - m2->base)) {
          f.why = "page " + Hex(x) + " of VMAR " + K(vkoid) + " now maps " + K(m2->vmo) +
                  " at " + Hex(m2->vmo_offset + (x - m2->base)) + "; before the step it mapped " +
                  K(m1.vmo) + " at " + Hex(m1.vmo_offset + (x - m1.base)) + " (VMAR-002)";
          return f;
        }
        if (m2->max_perms & ~m1.max_perms) {
          f.why = "page " + Hex(x) + " of VMAR " + K(vkoid) + " has max_perms " +
                  Hex(m2->max_perms) + ", beyond the " + Hex(m1.max_perms) +
                  " its vmar_map's handle rights gave (VMAR-002, VMAR-027)";
          // Witness: a protect to a perm gained is refused where max_perms were kept.
          const zx_vm_option_t extra = m2->max_perms & ~m1.max_perms;
          const zx_vm_option_t perms = extra | ((extra & ~ZX_VM_PERM_READ) ? ZX_VM_PERM_READ : 0);
          State fixed = s;
          std::get<model::Mapping>(model::Get<model::Vmar>(fixed, vkoid).children[i]).max_perms =
              m1.max_perms;
          if (auto probe = DiscriminatingProtect(v, fixed, vkoid, x, perms)) {
            f.witness.probes.push_back(*probe);
          }
          return f;
        }
        const zx_vaddr_t at = x;
        x = std::min(end, m1.base + m1.size);
        if (fresh && fresh->vmar == vkoid && fresh->addr > at) {  // m1 overwritten in part
          x = std::min(x, fresh->addr);
        }
      }
    }
  }
  return f;
}

// ---- vmar-placement ----

struct Request {
  zx_koid_t vmar = 0;
  uint64_t size = 0;
  uint64_t align = 0;
  zx_vm_option_t flags = 0;  // decoded (VMAR-010)
  uint64_t offset = 0;
  bool specific = false;
  bool map = false;
};

std::optional<Request> RequestOf(const StepView& v) {
  Request r;
  zx_handle_t h = 0;
  zx_vm_option_t options = 0;
  std::optional<uint64_t> size;
  if (const auto* c = std::get_if<VmarMap>(&v.action.call)) {
    h = c->vmar;
    options = c->options & ~ZX_VM_MAP_RANGE;  // removed before the decode step (VMAR-022 (7))
    size = model::RoundUpPage(c->len);
    r.offset = c->vmar_offset;
    r.map = true;
  } else if (const auto* a = std::get_if<VmarAllocate>(&v.action.call)) {
    h = a->parent;
    options = a->options;
    size = a->size;
    r.offset = a->offset;
  } else {
    return std::nullopt;
  }
  const auto e = EntryOf(v.before, v.action.caller, h);
  const auto d = model::DecodeVmOptions(options);
  if (!e || !size || *size == 0 || d.is_error()) return std::nullopt;
  const auto* vmar = model::Find<model::Vmar>(v.before, e->object);
  if (vmar == nullptr || vmar->state != model::Lifecycle::kAlive) return std::nullopt;
  r.vmar = e->object;
  r.size = *size;
  r.align = model::EffectiveAlignment(d->align_log2);
  r.flags = d->flags;
  r.specific = (d->flags & (ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE)) != 0;
  return r;
}

zx_vaddr_t ReturnedBase(const Outcome& o) {
  if (const auto* u = std::get_if<U64Result>(&o.payload)) return u->value;
  if (const auto* a = std::get_if<VmarAllocateResult>(&o.payload)) return a->addr;
  return 0;
}

// The outcome the property expects of a request that should have succeeded at |base|.
void ExpectPlacedAt(const StepView& v, const Request& r, zx_vaddr_t base, Finding& f) {
  if (r.map) {
    f.witness.expect = Outcome::Ok(U64Result{base});
    return;
  }
  const auto* a = std::get_if<VmarAllocateResult>(&v.after.outcome.payload);
  if (v.after.outcome.status != ZX_OK || a == nullptr) {
    f.witness.expect = Outcome::Ok();  // the status; the new handle has no name yet
    return;
  }
  f.witness.probes.push_back({v.action.caller, ObjectGetInfo{a->child, ZX_INFO_VMAR},
                              Outcome::Ok(InfoResult{zx_info_vmar_t{base, r.size}})});
}

Finding AnalyzePlacement(const StepView& v) {
  Finding f;
  const auto r = RequestOf(v);
  if (!r) return f;
  const zx_status_t status = v.after.outcome.status;
  const State& s = v.before;
  const model::Vmar& vmar = model::Get<model::Vmar>(s, r->vmar);
  if (status == ZX_OK) {
    const zx_vaddr_t base = ReturnedBase(v.after.outcome);
    if (r->specific && (r->offset > UINT64_MAX - vmar.base || base != vmar.base + r->offset)) {
      f.why = "a SPECIFIC request landed at " + Hex(base) + ", not at the VMAR's base + offset " +
              "(VMAR-015, VMAR-025)";
      if (r->offset <= UINT64_MAX - vmar.base) ExpectPlacedAt(v, *r, vmar.base + r->offset, f);
      return f;
    }
    const zx_status_t legal =
        model::CheckPlacement(s, r->vmar, r->size, r->align, r->flags, r->offset, base);
    const auto lowest =
        r->specific ? std::optional<zx_vaddr_t>(base)
                    : LowestLegalBase(s, r->vmar, r->size, r->align, r->flags, r->offset);
    if (legal != ZX_OK) {
      f.why = "placed at " + Hex(base) + ", which CheckPlacement refuses on the state before " +
              "the call with " + std::string(StatusName(legal)) + " (VMAR-060)";
      if (lowest && !r->specific) ExpectPlacedAt(v, *r, *lowest, f);
      return f;
    }
    if (!r->specific && lowest != base) {
      f.why = "placed at " + Hex(base) + "; the lowest legal base is " +
              (lowest ? Hex(*lowest) : std::string("none")) + " (VMAR-060)";
      if (lowest) ExpectPlacedAt(v, *r, *lowest, f);
    }
    return f;
  }
  if (status == ZX_ERR_NO_RESOURCES && !r->specific) {  // only placement gives it (step 15/27)
    if (auto lowest = LowestLegalBase(s, r->vmar, r->size, r->align, r->flags, r->offset)) {
      f.why = "NO_RESOURCES although " + Hex(*lowest) + " is a legal base (VMAR-060)";
      ExpectPlacedAt(v, *r, *lowest, f);
    }
    return f;
  }
  if (status == ZX_ERR_ALREADY_EXISTS && r->specific &&
      r->offset <= UINT64_MAX - vmar.base) {  // only the SPECIFIC overlap test gives it
    const zx_status_t legal = model::CheckPlacement(s, r->vmar, r->size, r->align, r->flags,
                                                    r->offset, vmar.base + r->offset);
    if (legal != ZX_ERR_ALREADY_EXISTS) {
      f.why = "ALREADY_EXISTS, but the SPECIFIC range meets no child (CheckPlacement: " +
              std::string(StatusName(legal)) + ") (VMAR-014 (14), VMAR-022 (26))";
    }
  }
  return f;
}

// ---- vmar-maps-agree ----

void AddVmarEntry(const model::Vmar& vmar, uint64_t depth, std::vector<zx_info_maps_t>& out) {
  zx_info_maps_t e;
  std::copy_n(vmar.name.begin(), std::min<size_t>(vmar.name.size(), ZX_MAX_NAME_LEN - 1),
              e.name.begin());
  e.base = vmar.base;
  e.size = vmar.size;
  e.depth = depth;
  e.type = ZX_INFO_MAPS_TYPE_VMAR;
  out.push_back(e);
}

// MAPS-011/020/022 from the state: |vmar| at |depth|, then its children in address order, a
// child VMAR followed by its subtree, a mapping as one entry per permission run. Fills the fields
// the property compares (type, depth, base, size, name, mmu_flags, vmo_koid, vmo_offset), and
// records each VMAR's index in |at|.
void ExpectedWalk(const State& s, zx_koid_t koid, uint64_t depth, std::vector<zx_info_maps_t>& out,
                  std::map<zx_koid_t, size_t>& at) {
  const model::Vmar& vmar = model::Get<model::Vmar>(s, koid);
  at[koid] = out.size();
  AddVmarEntry(vmar, depth, out);
  for (const model::VmarChild& c : vmar.children) {
    if (const auto* sub = std::get_if<zx_koid_t>(&c)) {
      ExpectedWalk(s, *sub, depth + 1, out, at);
      continue;
    }
    const auto& m = std::get<model::Mapping>(c);
    const std::string& name = model::Get<model::Vmo>(s, m.vmo).name;
    for (const model::PermRun& run : m.perms) {
      zx_info_maps_t e;
      std::copy_n(name.begin(), std::min<size_t>(name.size(), ZX_MAX_NAME_LEN - 1),
                  e.name.begin());
      e.base = m.base + run.first_page * kPage;
      e.size = run.pages * kPage;
      e.depth = depth + 1;
      e.type = ZX_INFO_MAPS_TYPE_MAPPING;
      e.u.mapping.mmu_flags = run.perms;
      e.u.mapping.vmo_koid = m.vmo;
      e.u.mapping.vmo_offset = m.vmo_offset + run.first_page * kPage;
      out.push_back(e);
    }
  }
}

bool SameEntry(const zx_info_maps_t& a, const zx_info_maps_t& b) {
  return a.type == b.type && a.depth == b.depth && a.base == b.base && a.size == b.size &&
         a.name == b.name && a.u.mapping.mmu_flags == b.u.mapping.mmu_flags &&
         a.u.mapping.vmo_koid == b.u.mapping.vmo_koid &&
         a.u.mapping.vmo_offset == b.u.mapping.vmo_offset;
}

std::string Describe(const zx_info_maps_t& e) {
  std::string s = "{type " + std::to_string(e.type) + ", depth " + std::to_string(e.depth) +
                  ", base " + Hex(e.base) + ", size " + Hex(e.size);
  if (e.type == ZX_INFO_MAPS_TYPE_MAPPING) {
    s += ", mmu_flags " + Hex(e.u.mapping.mmu_flags) + ", vmo " +
         std::to_string(e.u.mapping.vmo_koid) + ", vmo_offset " + Hex(e.u.mapping.vmo_offset);
  }
  return s + "}";
}

// "" when |got| matches |want| entry by entry (SameEntry, or == when |exact|), else where not.
std::string Mismatch(const std::vector<zx_info_maps_t>& got,
                     const std::vector<zx_info_maps_t>& want, bool exact) {
  for (size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
    if (exact ? !(got[i] == want[i]) : !SameEntry(got[i], want[i])) {
      return "entry " + std::to_string(i) + " is " + Describe(got[i]) + ", expected " +
             Describe(want[i]);
    }
  }
  if (got.size() != want.size()) {
    return std::to_string(got.size()) + " entries, expected " + std::to_string(want.size());
  }
  return "";
}

// Entries [i, end of i's subtree) of |list| with depths less list[i].depth (MAPS-011 from
// MAPS-016).
std::vector<zx_info_maps_t> Subtree(const std::vector<zx_info_maps_t>& list, size_t i) {
  std::vector<zx_info_maps_t> out;
  const uint64_t d = list[i].depth;
  for (size_t k = i; k < list.size() && (k == i || list[k].depth > d); ++k) {
    out.push_back(list[k]);
    out.back().depth -= d;
  }
  return out;
}

Finding AnalyzeMapsAgree(const StepView& v) {
  Finding f;
  const State& s = v.after.state;
  for (const auto& [pkoid, body] : s.objects) {
    const auto* p = std::get_if<model::Process>(&body);
    if (p == nullptr || p->state == model::ProcessState::kDead) continue;
    const auto* root = model::Find<model::Vmar>(s, p->root_vmar);
    if (root == nullptr || root->state != model::Lifecycle::kAlive) continue;  // invariants'
    // MAPS-016, asked by the process itself (P-7) through a temporary handle.
    const zx_koid_t process = pkoid;
    const Outcome po = ObserveWith(v.step, s, process, process, ZX_RIGHT_INSPECT, [](zx_handle_t h) {
      return Call{ObjectGetInfo{h, ZX_INFO_PROCESS_MAPS}};
    });
    const auto* list = MapsOf(po);
    if (po.status != ZX_OK || list == nullptr) {
      f.why = "PROCESS_MAPS of live process " + K(process) + " gave " +
              std::string(StatusName(po.status)) + " (MAPS-015)";
      return f;
    }
    std::vector<zx_info_maps_t> want;
    zx_info_maps_t aspace;
    const std::string name = "proc:" + std::to_string(process);
    std::copy(name.begin(), name.end(), aspace.name.begin());
    aspace.base = root->base;
    aspace.size = root->size;
    aspace.type = ZX_INFO_MAPS_TYPE_ASPACE;
    want.push_back(aspace);
    std::map<zx_koid_t, size_t> at;
    ExpectedWalk(s, p->root_vmar, 1, want, at);
    if (auto where = Mismatch(*list, want, false); !where.empty()) {
      f.why = "PROCESS_MAPS of " + K(process) + ": " + where + " (MAPS-016, MAPS-020)";
      if (auto named = NamedHandle(s, process, ZX_RIGHT_INSPECT)) {
        f.witness.probes.push_back({named->first,
                                    ObjectGetInfo{named->second, ZX_INFO_PROCESS_MAPS},
                                    Outcome::Ok(InfoResult{want})});
      }
      return f;
    }
    for (const auto& [vkoid, index] : at) {
      const zx_koid_t vmar = vkoid;
      const Outcome vo = ObserveWith(v.step, s, process, vmar, ZX_RIGHT_INSPECT,
                                     [](zx_handle_t h) {
                                       return Call{ObjectGetInfo{h, ZX_INFO_VMAR_MAPS}};
                                     });
      const auto* got = MapsOf(vo);
      if (vo.status != ZX_OK || got == nullptr) {
        f.why = "VMAR_MAPS of live VMAR " + K(vmar) + " gave " +
                std::string(StatusName(vo.status)) + " (MAPS-010)";
        return f;
      }
      const auto expected = Subtree(*list, index);
      if (auto where = Mismatch(*got, expected, true); !where.empty()) {
        f.why = "VMAR_MAPS of " + K(vmar) + " differs from its range of PROCESS_MAPS of " +
                K(process) + ": " + where + " (seed RFC-0253, MAPS-011)";
        if (auto named = NamedHandle(s, vmar, ZX_RIGHT_INSPECT)) {
          f.witness.probes.push_back({named->first,
                                      ObjectGetInfo{named->second, ZX_INFO_VMAR_MAPS},
                                      Outcome::Ok(InfoResult{expected})});
        }
        return f;
      }
    }
  }
  return f;
}

// ---- vmar-vmo-child-content ----

// The windows compared: the first 16 pages and the last page (children of huge mappings are
// never read whole).
std::vector<std::pair<uint64_t, uint64_t>> Windows(uint64_t size) {
  constexpr uint64_t kHead = 16 * kPage;
  if (size <= kHead + kPage) return {{0, size}};
  return {{0, kHead}, {size - kPage, kPage}};
}

Finding AnalyzeVmoChildContent(const StepView& v) {
  Finding f;
  const auto* c = std::get_if<VmarCreateVmoChild>(&v.action.call);
  if (c == nullptr || v.after.outcome.status != ZX_OK) return f;
  const auto* hr = std::get_if<HandleResult>(&v.after.outcome.payload);
  const auto ve = EntryOf(v.before, v.action.caller, c->vmar);
  if (hr == nullptr || !ve) return f;
  auto ref = model::FindMappingAt(v.before, ve->object, c->addr);
  if (!ref) {
    f.why = "vmar_create_vmo_child succeeded at " + Hex(c->addr) + ", where nothing is mapped " +
            "(VMAR-082 (6))";
    return f;
  }
  const model::Mapping& m = model::MappingAt(v.before, *ref);
  const model::Vmo& parent = model::Get<model::Vmo>(v.before, m.vmo);
  const uint64_t offset = m.vmo_offset + (c->addr - m.base);  // VMAR-082 (8)
  const uint64_t parent_size = model::VmoSize(v.before, parent);
  const zx_handle_t h = hr->handle;
  const zx_koid_t caller = v.action.caller;
  const Outcome size = v.step(v.after.state, caller, VmoGetSize{h}).outcome;
  const auto* got_size = std::get_if<U64Result>(&size.payload);
  if (size.status != ZX_OK || got_size == nullptr || got_size->value != c->size) {
    f.why = "the child's size is " + (got_size ? Hex(got_size->value) : FormatOutcome(size)) +
            ", not the requested " + Hex(c->size) + " (VMO-078)";
    f.witness.probes.push_back({caller, VmoGetSize{h}, Outcome::Ok(U64Result{c->size})});
    return f;
  }
  for (auto [from, len] : Windows(c->size)) {
    // What the mapped VMO showed at [offset + from, + len) before the call, zeros past its end.
    Bytes want(len, 0);
    if (offset <= UINT64_MAX - from && offset + from < parent_size) {
      const uint64_t n = std::min(len, parent_size - (offset + from));
      Bytes part = model::ReadVmo(v.before, parent, offset + from, n);
      std::copy(part.begin(), part.end(), want.begin());
    }
    const Outcome read = v.step(v.after.state, caller, VmoRead{h, from, len}).outcome;
    const auto* got = std::get_if<BytesResult>(&read.payload);
    if (read.status != ZX_OK || got == nullptr) {
      f.why = "reading the child gave " + std::string(StatusName(read.status)) + " (VMO-020)";
      return f;
    }
    auto diff = std::mismatch(want.begin(), want.end(), got->data.begin(), got->data.end());
    if (diff.first == want.end() && diff.second == got->data.end()) continue;
    const uint64_t at = from + static_cast<uint64_t>(diff.first - want.begin());
    f.why = "byte " + Hex(at) + " of the child differs from byte " + Hex(offset + at) + " of " +
            K(m.vmo) + ", mapped at " + Hex(c->addr + at) + " (VMAR-083, VMO-086)";
    // Witness: at most 16 bytes from the first difference, inside its page.
    const uint64_t n = std::min<uint64_t>({16, kPage - at % kPage, from + len - at});
    const uint64_t i = at - from;
    f.witness.probes.push_back({caller, VmoRead{h, at, n},
                                Outcome::Ok(BytesResult{Bytes(want.begin() + static_cast<std::ptrdiff_t>(i),
                                                              want.begin() + static_cast<std::ptrdiff_t>(i + n))})});
    return f;
  }
  return f;
}

}  // namespace

GenOptions Generation() {
  GenOptions o;
  o.families = {"handle", "object", "vmo", "vmar", "process", "mem"};
  return o;
}

std::optional<zx_vaddr_t> LowestLegalBase(const State& s, zx_koid_t vmar, uint64_t size,
                                          uint64_t align, zx_vm_option_t options,
                                          uint64_t offset) {
  const auto* v = model::Find<model::Vmar>(s, vmar);
  if (v == nullptr || align == 0) return std::nullopt;
  std::vector<std::optional<uint64_t>> candidates = {AlignUp(v->base, align)};
  for (const model::VmarChild& c : v->children) {
    auto [b, n] = model::ChildRange(s, c);
    candidates.push_back(AlignUp(b + n, align));
  }
  std::optional<zx_vaddr_t> best;
  for (const auto& p : candidates) {
    if (p && (!best || *p < *best) &&
        model::CheckPlacement(s, vmar, size, align, options, offset, *p) == ZX_OK) {
      best = *p;
    }
  }
  return best;
}

std::optional<std::string> CheckMapRights(const StepView& v) { return AnalyzeMapRights(v).why; }
std::vector<Witness> MapRightsWitness(const StepView& v) {
  return Lines(v, AnalyzeMapRights(v).witness);
}
std::optional<Outcome> MapRightsExpected(const StepView& v) {
  return AnalyzeMapRights(v).witness.expect;
}

std::optional<std::string> CheckPermsOrigin(const StepView& v) {
  return AnalyzePermsOrigin(v).why;
}
std::vector<Witness> PermsOriginWitness(const StepView& v) {
  return Lines(v, AnalyzePermsOrigin(v).witness);
}
std::optional<Outcome> PermsOriginExpected(const StepView& v) {
  return AnalyzePermsOrigin(v).witness.expect;
}

std::optional<std::string> CheckPlacementRule(const StepView& v) {
  return AnalyzePlacement(v).why;
}
std::vector<Witness> PlacementWitness(const StepView& v) {
  return Lines(v, AnalyzePlacement(v).witness);
}
std::optional<Outcome> PlacementExpected(const StepView& v) {
  return AnalyzePlacement(v).witness.expect;
}

std::optional<std::string> CheckMapsAgree(const StepView& v) { return AnalyzeMapsAgree(v).why; }
std::vector<Witness> MapsAgreeWitness(const StepView& v) {
  return Lines(v, AnalyzeMapsAgree(v).witness);
}
std::optional<Outcome> MapsAgreeExpected(const StepView& v) {
  return AnalyzeMapsAgree(v).witness.expect;
}

std::optional<std::string> CheckVmoChildContent(const StepView& v) {
  return AnalyzeVmoChildContent(v).why;
}
std::vector<Witness> VmoChildContentWitness(const StepView& v) {
  return Lines(v, AnalyzeVmoChildContent(v).witness);
}
std::optional<Outcome> VmoChildContentExpected(const StepView& v) {
  return AnalyzeVmoChildContent(v).witness.expect;
}

}  // namespace zxspec::props::vmar
