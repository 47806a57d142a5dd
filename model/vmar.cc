// VMARs: zx_vmar_allocate, zx_vmar_map, zx_vmar_unmap, zx_vmar_protect, zx_vmar_destroy and
// zx_vmar_create_vmo_child (vmar.md VMAR-001..084, seed RFC-0013, seed RFC-0238),
// with the model's deterministic placement (VMAR-060) and the placement legality check.
#include "model/vmar.h"

#include <algorithm>

#include "model/core.h"
#include "model/families.h"
#include "model/vmo.h"

namespace zxspec::model {
namespace {

// Bits 0..23 that the decode step knows (VMAR-010): the named flags except MAP_RANGE, plus
// CANNOT_CREATE_VMO_CHILD (V-7 (a)).
constexpr zx_vm_option_t kDecodeKnown =
    kVmPerms | ZX_VM_COMPACT | ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_CAN_MAP_SPECIFIC |
    kVmCanMapPerms | ZX_VM_REQUIRE_NON_RESIZABLE | ZX_VM_ALLOW_FAULTS |
    ZX_VM_OFFSET_IS_UPPER_LIMIT | ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED |
    ZX_VM_FAULT_BEYOND_STREAM_SIZE | ZX_VM_CANNOT_CREATE_VMO_CHILD;
constexpr zx_vm_option_t kLowBits = (1u << ZX_VM_ALIGN_BASE) - 1;

// VMAR-014 step 5 (with VMAR-084): the flags zx_vmar_allocate accepts.
constexpr zx_vm_option_t kAllocateFlags = ZX_VM_SPECIFIC | ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_COMPACT |
                                          kVmCanMapPerms | ZX_VM_OFFSET_IS_UPPER_LIMIT |
                                          ZX_VM_CANNOT_CREATE_VMO_CHILD;
// VMAR-015: the flags a new VMAR records.
constexpr zx_vm_option_t kVmarRecordedFlags =
    kVmCanMapPerms | ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_COMPACT | ZX_VM_CANNOT_CREATE_VMO_CHILD;
// VMAR-025: the flags a new mapping records.
constexpr zx_vm_option_t kMappingRecordedFlags =
    ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_OFFSET_IS_UPPER_LIMIT |
    ZX_VM_FAULT_BEYOND_STREAM_SIZE | ZX_VM_CANNOT_CREATE_VMO_CHILD;
constexpr zx_vm_option_t kSpecificAny = ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE;


std::optional<uint64_t> AlignUp(uint64_t v, uint64_t align) {
  uint64_t rem = v % align;
  if (rem == 0) return v;
  if (v > UINT64_MAX - (align - rem)) return std::nullopt;
  return v + (align - rem);
}

// The rights a VMAR handle carries for |flags| (VMAR-004).
zx_rights_t VmarRights(zx_vm_option_t flags) {
  return ZX_DEFAULT_VMAR_RIGHTS | ((flags & ZX_VM_CAN_MAP_READ) ? ZX_RIGHT_READ : 0) |
         ((flags & ZX_VM_CAN_MAP_WRITE) ? ZX_RIGHT_WRITE : 0) |
         ((flags & ZX_VM_CAN_MAP_EXECUTE) ? ZX_RIGHT_EXECUTE : 0);
}

// ZX_VM_PERM_* bits -> the handle rights they need (VMAR-021, VMAR-041).
zx_rights_t RightsForPerms(zx_vm_option_t perms) {
  return ((perms & ZX_VM_PERM_READ) ? ZX_RIGHT_READ : 0) |
         ((perms & ZX_VM_PERM_WRITE) ? ZX_RIGHT_WRITE : 0) |
         ((perms & ZX_VM_PERM_EXECUTE) ? ZX_RIGHT_EXECUTE : 0);
}

// ---- permission runs ----

// Canonical form: no empty run, adjacent runs differ.
void Normalize(std::vector<PermRun>& runs) {
  std::vector<PermRun> out;
  for (const PermRun& r : runs) {
    if (r.pages == 0) continue;
    if (!out.empty() && out.back().perms == r.perms &&
        out.back().first_page + out.back().pages == r.first_page) {
      out.back().pages += r.pages;
    } else {
      out.push_back(r);
    }
  }
  runs = std::move(out);
}

// The runs of pages [from, to), renumbered from 0.
std::vector<PermRun> SliceRuns(const std::vector<PermRun>& runs, uint64_t from, uint64_t to) {
  std::vector<PermRun> out;
  for (const PermRun& r : runs) {
    uint64_t lo = std::max(r.first_page, from);
    uint64_t hi = std::min(r.first_page + r.pages, to);
    if (lo < hi) out.push_back({lo - from, hi - lo, r.perms});
  }
  return out;
}

// Pages [from, to) of |m| as a mapping of its own (same VMO, flags and max_perms; VMAR-033).
Mapping SubMapping(const Mapping& m, uint64_t from, uint64_t to) {
  Mapping out = m;
  out.base = m.base + from * kPage;
  out.size = (to - from) * kPage;
  out.vmo_offset = m.vmo_offset + from * kPage;
  out.perms = SliceRuns(m.perms, from, to);
  return out;
}

// Pages [from, to) of |m| get |perms| exactly (VMAR-043).
void SetPerms(Mapping& m, uint64_t from, uint64_t to, uint32_t perms) {
  const uint64_t pages = m.size / kPage;
  std::vector<PermRun> runs = SliceRuns(m.perms, 0, from);
  runs.push_back({from, to - from, perms});
  for (PermRun r : SliceRuns(m.perms, to, pages)) {
    r.first_page += to;
    runs.push_back(r);
  }
  Normalize(runs);
  m.perms = std::move(runs);
}

// VMAR-028: same VMO, contiguous in address and in VMO offset, identical flags and max_perms.
bool Mergeable(const Mapping& l, const Mapping& r) {
  return l.vmo == r.vmo && l.base + l.size == r.base && l.vmo_offset + l.size == r.vmo_offset &&
         l.flags == r.flags && l.max_perms == r.max_perms;
}

Mapping Concat(const Mapping& l, const Mapping& r) {
  Mapping out = l;
  out.size = l.size + r.size;
  const uint64_t shift = l.size / kPage;
  for (PermRun run : r.perms) {
    run.first_page += shift;
    out.perms.push_back(run);
  }
  Normalize(out.perms);
  return out;
}

// ---- tree edits ----

// Inserts |child| into |vmar|'s ordered child list; returns its index.
size_t InsertChild(State& s, zx_koid_t vmar, VmarChild child) {
  const zx_vaddr_t base = ChildRange(s, child).first;
  auto& children = Get<Vmar>(s, vmar).children;
  size_t i = 0;
  while (i < children.size() && ChildRange(s, children[i]).first < base) ++i;
  children.insert(children.begin() + static_cast<std::ptrdiff_t>(i), std::move(child));
  return i;
}

// VMAR-028: merge the mapping at |i| with its right, then its left neighbour.
void MergeNeighbours(State& s, zx_koid_t vmar, size_t i) {
  auto& children = Get<Vmar>(s, vmar).children;
  auto mapping = [&](size_t j) { return std::get_if<Mapping>(&children[j]); };
  if (i + 1 < children.size() && mapping(i + 1) && Mergeable(*mapping(i), *mapping(i + 1))) {
    children[i] = Concat(*mapping(i), *mapping(i + 1));
    children.erase(children.begin() + static_cast<std::ptrdiff_t>(i + 1));
  }
  if (i > 0 && mapping(i - 1) && Mergeable(*mapping(i - 1), *mapping(i))) {
    children[i - 1] = Concat(*mapping(i - 1), *mapping(i));
    children.erase(children.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

// VMAR-033: removes [a, a + n) from |vmar|'s direct children. Child VMARs meeting the range
// (checked by the caller to lie inside it) are destroyed whole (VMAR-052); mappings are removed,
// trimmed or split, keeping offsets and per-page perms of what remains.
void UnmapRange(State& s, zx_koid_t vmar, zx_vaddr_t a, uint64_t n) {
  std::vector<zx_koid_t> doomed;
  for (const VmarChild& c : Get<Vmar>(s, vmar).children) {
    const auto* sub = std::get_if<zx_koid_t>(&c);
    if (sub != nullptr) {
      auto [b, m] = ChildRange(s, c);
      if (Intersects(a, n, b, m)) doomed.push_back(*sub);
    }
  }
  for (zx_koid_t k : doomed) DestroyVmarSubtree(s, k);

  auto& children = Get<Vmar>(s, vmar).children;
  std::vector<VmarChild> kept;
  for (VmarChild& c : children) {
    auto* m = std::get_if<Mapping>(&c);
    if (m == nullptr || !Intersects(a, n, m->base, m->size)) {
      kept.push_back(std::move(c));
      continue;
    }
    const uint64_t pages = m->size / kPage;
    if (a > m->base) kept.push_back(SubMapping(*m, 0, (a - m->base) / kPage));
    if (a + n < m->base + m->size) kept.push_back(SubMapping(*m, (a + n - m->base) / kPage, pages));
  }
  children = std::move(kept);
}

// ---- placement steps shared by allocate and map ----

struct Placement {
  zx_vaddr_t base = 0;
  bool overwrite = false;  // SPECIFIC_OVERWRITE over existing mappings (VMAR-026)
};

// VMAR-014 steps 9..15 = VMAR-022 steps 21..27, for a request of |size| > 0 bytes with decoded
// flags |f| and alignment exponent |align_log2| into the ALIVE VMAR |vmar_koid|.
Result<Placement> Place(const State& s, zx_koid_t vmar_koid, zx_vm_option_t f, uint32_t align_log2,
                        uint64_t offset, uint64_t size) {
  const Vmar& v = Get<Vmar>(s, vmar_koid);
  const bool specific = (f & kSpecificAny) != 0;
  const bool upper = (f & ZX_VM_OFFSET_IS_UPPER_LIMIT) != 0;
  if (specific && upper) return Error{ZX_ERR_INVALID_ARGS};                   // VMAR-014 (9)
  if (!specific && !upper && offset != 0) return Error{ZX_ERR_INVALID_ARGS};  // (10)
  if (!IsPageAligned(offset)) return Error{ZX_ERR_INVALID_ARGS};              // (11)
  if ((specific || upper) && !(v.flags & ZX_VM_CAN_MAP_SPECIFIC)) {
    return Error{ZX_ERR_ACCESS_DENIED};  // (12)
  }
  if (!upper) {
    if (offset >= v.size || size > v.size - offset) return Error{ZX_ERR_INVALID_ARGS};  // (13)
  } else if (offset > v.size || size > v.size || size > offset) {
    return Error{ZX_ERR_INVALID_ARGS};  // (13)
  }
  if (!specific) {
    auto base = LowestFit(s, vmar_koid, size, EffectiveAlignment(align_log2), f, offset);
    if (base.is_error()) return base.error_value();  // (15) NO_RESOURCES
    return Placement{*base, false};
  }
  const zx_vaddr_t base = v.base + offset;
  if (align_log2 > 0 && base % (uint64_t{1} << align_log2) != 0) {
    return Error{ZX_ERR_INVALID_ARGS};  // (14)
  }
  bool meets_mapping = false;
  for (const VmarChild& c : v.children) {
    auto [b, n] = ChildRange(s, c);
    if (!Intersects(base, size, b, n)) continue;
    if (!(f & ZX_VM_SPECIFIC_OVERWRITE)) return Error{ZX_ERR_ALREADY_EXISTS};     // (14)
    if (std::holds_alternative<zx_koid_t>(c)) return Error{ZX_ERR_INVALID_ARGS};  // VMAR-026
    meets_mapping = true;
  }
  return Placement{base, meets_mapping};
}

}  // namespace

// ---- option words ----

Result<DecodedVmOptions> DecodeVmOptions(zx_vm_option_t options) {
  const uint32_t a = options >> ZX_VM_ALIGN_BASE;
  const zx_vm_option_t low = options & kLowBits;
  if ((low & ~kDecodeKnown) != 0) return Error{ZX_ERR_INVALID_ARGS};    // VMAR-010
  if (a != 0 && (a < 10 || a > 32)) return Error{ZX_ERR_INVALID_ARGS};  // VMAR-010
  return DecodedVmOptions{low & ~ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED, a};
}

uint64_t EffectiveAlignment(uint32_t align_log2) {
  return uint64_t{1} << std::max<uint32_t>(align_log2, 12);
}

bool IsValidProtection(zx_vm_option_t perms) {
  return (perms & (ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE)) == 0 || (perms & ZX_VM_PERM_READ);
}

zx_vm_option_t CanMapFor(zx_vm_option_t perms) {
  return ((perms & ZX_VM_PERM_READ) ? ZX_VM_CAN_MAP_READ : 0) |
         ((perms & ZX_VM_PERM_WRITE) ? ZX_VM_CAN_MAP_WRITE : 0) |
         ((perms & ZX_VM_PERM_EXECUTE) ? ZX_VM_CAN_MAP_EXECUTE : 0);
}

// ---- tree access ----

std::pair<zx_vaddr_t, uint64_t> ChildRange(const State& s, const VmarChild& c) {
  if (const auto* m = std::get_if<Mapping>(&c)) return {m->base, m->size};
  const Vmar& v = Get<Vmar>(s, std::get<zx_koid_t>(c));
  return {v.base, v.size};
}

bool Intersects(uint64_t a, uint64_t n, uint64_t b, uint64_t m) { return a < b + m && b < a + n; }

bool WithinVmar(const Vmar& v, uint64_t a, uint64_t n) {
  return a >= v.base && a <= UINT64_MAX - n && a + n <= v.base + v.size;
}

uint32_t PermsAtPage(const Mapping& m, uint64_t page) {
  for (const PermRun& r : m.perms) {
    if (page >= r.first_page && page < r.first_page + r.pages) return r.perms;
  }
  ZXSPEC_ASSERT(false, "page outside its mapping's permission runs");
  return 0;
}

std::optional<MappingRef> FindMappingAt(const State& s, zx_koid_t vmar, zx_vaddr_t addr) {
  const Vmar* v = Find<Vmar>(s, vmar);
  if (v == nullptr || v->state != Lifecycle::kAlive) return std::nullopt;
  for (size_t i = 0; i < v->children.size(); ++i) {
    auto [b, n] = ChildRange(s, v->children[i]);
    if (addr < b || addr - b >= n) continue;
    if (std::holds_alternative<Mapping>(v->children[i])) return MappingRef{vmar, i};
    return FindMappingAt(s, std::get<zx_koid_t>(v->children[i]), addr);
  }
  return std::nullopt;
}

const Mapping& MappingAt(const State& s, const MappingRef& r) {
  return std::get<Mapping>(Get<Vmar>(s, r.vmar).children.at(r.index));
}

// ---- placement ----

Result<zx_vaddr_t> LowestFit(const State& s, zx_koid_t vmar, uint64_t size, uint64_t align,
                             zx_vm_option_t options, uint64_t offset) {
  const Vmar& v = Get<Vmar>(s, vmar);
  uint64_t limit = v.base + v.size;  // VMAR-006: never overflows
  if (options & ZX_VM_OFFSET_IS_UPPER_LIMIT) {
    limit = std::min(limit, v.base + std::min(offset, v.size));
  }
  auto fits = [&](uint64_t p) { return p <= limit && size <= limit - p; };
  std::optional<uint64_t> p = AlignUp(v.base, align);
  // Children are ordered and disjoint, so one pass moving the candidate past each child it
  // meets finds the lowest fit (VMAR-060).
  for (const VmarChild& c : v.children) {
    if (!p || !fits(*p)) break;
    auto [b, n] = ChildRange(s, c);
    if (Intersects(*p, size, b, n)) p = AlignUp(b + n, align);
  }
  if (!p || !fits(*p)) return Error{ZX_ERR_NO_RESOURCES};  // VMAR-060
  return *p;
}

zx_status_t CheckPlacement(const State& s, zx_koid_t vmar, uint64_t size, uint64_t align,
                           zx_vm_option_t options, uint64_t offset, zx_vaddr_t proposed_base) {
  const Vmar* v = Find<Vmar>(s, vmar);
  if (v == nullptr || v->state != Lifecycle::kAlive) return ZX_ERR_BAD_STATE;
  if (size == 0 || !IsPageAligned(size)) return ZX_ERR_INVALID_ARGS;
  if (align < kPage || (align & (align - 1)) != 0) return ZX_ERR_INVALID_ARGS;
  if (proposed_base % align != 0) return ZX_ERR_INVALID_ARGS;
  if ((options & kSpecificAny) &&
      (offset > UINT64_MAX - v->base || proposed_base != v->base + offset)) {
    return ZX_ERR_INVALID_ARGS;
  }
  if (!WithinVmar(*v, proposed_base, size)) return ZX_ERR_OUT_OF_RANGE;
  if ((options & ZX_VM_OFFSET_IS_UPPER_LIMIT) &&
      (offset > v->size || proposed_base + size > v->base + offset)) {
    return ZX_ERR_OUT_OF_RANGE;
  }
  for (const VmarChild& c : v->children) {
    if ((options & ZX_VM_SPECIFIC_OVERWRITE) && std::holds_alternative<Mapping>(c)) continue;
    auto [b, n] = ChildRange(s, c);
    if (Intersects(proposed_base, size, b, n)) return ZX_ERR_ALREADY_EXISTS;
  }
  return ZX_OK;
}

// ---- zx_vmar_allocate: VMAR-012..016 ----

Outcome Do(State& s, zx_koid_t caller, const VmarAllocate& c) {
  const zx_rights_t need =
      RightsForPerms(((c.options & ZX_VM_CAN_MAP_READ) ? ZX_VM_PERM_READ : 0) |
                     ((c.options & ZX_VM_CAN_MAP_WRITE) ? ZX_VM_PERM_WRITE : 0) |
                     ((c.options & ZX_VM_CAN_MAP_EXECUTE) ? ZX_VM_PERM_EXECUTE : 0));
  auto e = LookupWithRights<Vmar>(s, caller, c.parent, need);  // VMAR-014 (1), VMAR-013
  if (e.is_error()) return Outcome::Status(e.status_value());
  auto d = DecodeVmOptions(c.options);
  if (d.is_error()) return Outcome::Status(d.status_value());  // (2)
  const zx_vm_option_t f = d->flags;
  if (f & kVmPerms) return Outcome::Status(ZX_ERR_INVALID_ARGS);            // (3)
  if (!IsPageAligned(c.size)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (4)
  if (f & ~kAllocateFlags) return Outcome::Status(ZX_ERR_INVALID_ARGS);     // (5), VMAR-084
  const Vmar& parent = Get<Vmar>(s, e->object);
  if (parent.state == Lifecycle::kDead) return Outcome::Status(ZX_ERR_BAD_STATE);          // (6)
  if (c.size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);                            // (7)
  if ((f & kVmCanMapPerms) & ~parent.flags) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // (8)
  auto placed = Place(s, e->object, f, d->align_log2, c.offset, c.size);  // (9)..(15)
  if (placed.is_error()) return Outcome::Status(placed.status_value());

  Vmar child;  // VMAR-015
  child.process = parent.process;
  child.base = placed->base;
  child.size = c.size;
  child.flags = f & kVmarRecordedFlags;
  child.parent = e->object;
  child.name = "useralloc";
  const zx_rights_t rights = VmarRights(child.flags);
  const zx_koid_t koid = NewObject(s, std::move(child));
  InsertChild(s, e->object, koid);
  const zx_handle_t h = InstallHandle(s, caller, {koid, rights});
  return Outcome::Ok(VmarAllocateResult{h, placed->base});
}

// ---- zx_vmar_map: VMAR-020..028 ----

Outcome Do(State& s, zx_koid_t caller, const VmarMap& c) {
  auto ve = LookupTyped<Vmar>(s, caller, c.vmar);  // VMAR-022 (1)
  if (ve.is_error()) return Outcome::Status(ve.status_value());
  auto oe = LookupTyped<Vmo>(s, caller, c.vmo);  // (2)
  if (oe.is_error()) return Outcome::Status(oe.status_value());
  // (3) FAULT_BEYOND_STREAM_SIZE on a VMO without a stream size: every VMO the model can hold
  // is paged and carries one (contiguous and physical VMOs are outside the DSL), so this step
  // never fails here.
  if (!HasRights(oe->rights, ZX_RIGHT_MAP)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // (4)
  zx_vm_option_t options = c.options;
  if (options & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) options |= ZX_VM_PERM_READ;  // (5) VMAR-009
  if (!IsValidProtection(options & kVmPerms)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (6)
  if ((options & ZX_VM_MAP_RANGE) && (options & ZX_VM_SPECIFIC_OVERWRITE)) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (7)
  }
  options &= ~ZX_VM_MAP_RANGE;  // (7) VMAR-024: not recorded
  if (options & kVmCanMapPerms) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (8)
  const zx_rights_t both = ve->rights & oe->rights;  // (9) VMAR-021, R then W then X
  for (zx_vm_option_t perm : {ZX_VM_PERM_READ, ZX_VM_PERM_WRITE, ZX_VM_PERM_EXECUTE}) {
    if ((options & perm) && !HasRights(both, RightsForPerms(perm))) {
      return Outcome::Status(ZX_ERR_ACCESS_DENIED);
    }
  }
  if ((options & ZX_VM_FAULT_BEYOND_STREAM_SIZE) && !(options & ZX_VM_ALLOW_FAULTS)) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (10) seed RFC-0238
  }
  auto d = DecodeVmOptions(options);
  if (d.is_error()) return Outcome::Status(d.status_value());  // (11)
  const zx_vm_option_t f = d->flags;
  const Vmo& vmo = Get<Vmo>(s, oe->object);
  if ((f & ZX_VM_REQUIRE_NON_RESIZABLE) && VmoResizable(s, vmo)) {
    return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // (12)
  }
  if (!(f & ZX_VM_ALLOW_FAULTS) && VmoDiscardable(s, vmo)) {
    return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // (13)
  }
  if (f & (ZX_VM_COMPACT | ZX_VM_CAN_MAP_SPECIFIC))
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (14)
  const Vmar& vmar = Get<Vmar>(s, ve->object);
  const zx_vm_option_t perms = f & kVmPerms;
  if (CanMapFor(perms) & ~vmar.flags) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // (15)
  if (!IsPageAligned(c.vmo_offset)) return Outcome::Status(ZX_ERR_INVALID_ARGS);     // (16)
  const auto size = RoundUpPage(c.len);
  if (!size || c.vmo_offset > UINT64_MAX - *size)
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);                                 // (17)
  if (vmar.state == Lifecycle::kDead) return Outcome::Status(ZX_ERR_BAD_STATE);  // (18)
  if (*size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);                   // (19)
  const zx_vm_option_t max_perms =                                               // VMAR-027
      perms | (HasRights(both, ZX_RIGHT_READ) ? ZX_VM_PERM_READ : 0) |
      (HasRights(both, ZX_RIGHT_WRITE) ? ZX_VM_PERM_WRITE : 0) |
      (HasRights(both, ZX_RIGHT_EXECUTE) ? ZX_VM_PERM_EXECUTE : 0);
  if (CanMapFor(max_perms) & ~vmar.flags) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // (20)
  auto placed = Place(s, ve->object, f, d->align_log2, c.vmar_offset, *size);  // (21)..(27)
  if (placed.is_error()) return Outcome::Status(placed.status_value());

  if (placed->overwrite) UnmapRange(s, ve->object, placed->base, *size);  // VMAR-026
  Mapping m;                                                              // VMAR-025
  m.base = placed->base;
  m.size = *size;
  m.vmo = oe->object;
  m.vmo_offset = c.vmo_offset;
  m.max_perms = max_perms;
  m.flags = f & kMappingRecordedFlags;
  m.perms = {PermRun{0, *size / kPage, perms}};
  const size_t i = InsertChild(s, ve->object, std::move(m));
  MergeNeighbours(s, ve->object, i);  // VMAR-028
  return Outcome::Ok(U64Result{placed->base});
}

// ---- zx_vmar_unmap: VMAR-030..033 ----

Outcome Do(State& s, zx_koid_t caller, const VmarUnmap& c) {
  auto e = LookupTyped<Vmar>(s, caller, c.vmar);  // VMAR-032 (1), VMAR-031: no right
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!IsPageAligned(c.addr)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (2)
  const uint64_t size = RoundUpPage(c.len).value_or(0);
  if (size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (3) len 0 or wrap
  const Vmar& v = Get<Vmar>(s, e->object);
  if (v.state == Lifecycle::kDead) return Outcome::Status(ZX_ERR_BAD_STATE);      // (4)
  if (!WithinVmar(v, c.addr, size)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (5)
  if (v.children.empty()) return Outcome::Ok();                                   // (6)
  for (const VmarChild& child : v.children) {  // (7) every child VMAR before any change
    if (!std::holds_alternative<zx_koid_t>(child)) continue;
    auto [b, n] = ChildRange(s, child);
    if (!Intersects(c.addr, size, b, n)) continue;
    const bool inside = b >= c.addr && b + n <= c.addr + size;
    if (!HasRights(e->rights, ZX_RIGHT_OP_CHILDREN) || !inside) {
      return Outcome::Status(ZX_ERR_INVALID_ARGS);
    }
  }
  UnmapRange(s, e->object, c.addr, size);  // (8) VMAR-033
  return Outcome::Ok();
}

// ---- zx_vmar_protect: VMAR-040..043 ----

namespace {

struct ScannedMapping {
  MappingRef ref;
  bool direct = false;
};

// Every mapping at any depth below |vmar| meeting [a, a + n), in ascending address order.
void CollectMappings(const State& s, zx_koid_t vmar, zx_vaddr_t a, uint64_t n, bool direct,
                     std::vector<ScannedMapping>& out) {
  const auto& children = Get<Vmar>(s, vmar).children;
  for (size_t i = 0; i < children.size(); ++i) {
    auto [b, m] = ChildRange(s, children[i]);
    if (!Intersects(a, n, b, m)) continue;
    if (std::holds_alternative<Mapping>(children[i])) {
      out.push_back({{vmar, i}, direct});
    } else {
      CollectMappings(s, std::get<zx_koid_t>(children[i]), a, n, false, out);
    }
  }
}

// Pages of |m| inside [a, a + n), as [from, to) page indices.
std::pair<uint64_t, uint64_t> PagesInRange(const Mapping& m, zx_vaddr_t a, uint64_t n) {
  const uint64_t lo = std::max(a, m.base);
  const uint64_t hi = std::min(a + n, m.base + m.size);
  return {(lo - m.base) / kPage, (hi - m.base) / kPage};
}

}  // namespace

Outcome Do(State& s, zx_koid_t caller, const VmarProtect& c) {
  zx_vm_option_t options = c.options;
  if (options & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) options |= ZX_VM_PERM_READ;  // VMAR-042 (1)
  const zx_vm_option_t perms = options & kVmPerms;
  auto e = LookupWithRights<Vmar>(s, caller, c.vmar, RightsForPerms(perms));  // (2) VMAR-041
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!IsValidProtection(perms)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (3)
  if (!IsPageAligned(c.addr)) return Outcome::Status(ZX_ERR_INVALID_ARGS);     // (4)
  auto d = DecodeVmOptions(options);
  if (d.is_error()) return Outcome::Status(d.status_value());  // (5)
  if ((d->flags & ~kVmPerms) != 0 || d->align_log2 != 0) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (6)
  }
  const uint64_t size = RoundUpPage(c.len).value_or(0);
  if (size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (7)
  const Vmar& v = Get<Vmar>(s, e->object);
  if (v.state == Lifecycle::kDead) return Outcome::Status(ZX_ERR_BAD_STATE);      // (8)
  if (!WithinVmar(v, c.addr, size)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // (9)

  std::vector<ScannedMapping> scanned;  // (10)
  CollectMappings(s, e->object, c.addr, size, true, scanned);
  uint64_t cursor = c.addr;
  for (const ScannedMapping& sm : scanned) {
    const Mapping& m = MappingAt(s, sm.ref);
    if (m.base > cursor) return Outcome::Status(ZX_ERR_NOT_FOUND);           // (10a)
    if (perms & ~m.max_perms) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // (10b)
    if (!sm.direct) {                                                        // (10c)
      if (!HasRights(e->rights, ZX_RIGHT_OP_CHILDREN)) return Outcome::Status(ZX_ERR_INVALID_ARGS);
      auto [from, to] = PagesInRange(m, c.addr, size);
      for (uint64_t p = from; p < to; ++p) {
        if (perms & ~PermsAtPage(m, p)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);
      }
    }
    cursor = m.base + m.size;  // (10d)
  }
  if (cursor < c.addr + size) return Outcome::Status(ZX_ERR_NOT_FOUND);  // (10) after the scan

  for (const ScannedMapping& sm : scanned) {  // (11) VMAR-043
    Mapping& m = std::get<Mapping>(Get<Vmar>(s, sm.ref.vmar).children[sm.ref.index]);
    auto [from, to] = PagesInRange(m, c.addr, size);
    SetPerms(m, from, to, perms);
  }
  return Outcome::Ok();
}

// ---- zx_vmar_destroy: VMAR-050..052 ----

Outcome Do(State& s, zx_koid_t caller, const VmarDestroy& c) {
  auto e = LookupWithRights<Vmar>(s, caller, c.vmar, ZX_RIGHT_OP_CHILDREN);  // VMAR-051 (1)
  if (e.is_error()) return Outcome::Status(e.status_value());
  const Vmar& v = Get<Vmar>(s, e->object);
  if (v.parent == 0 && v.state == Lifecycle::kAlive) {
    return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // (2) root of a live address space
  }
  if (v.state == Lifecycle::kDead) return Outcome::Status(ZX_ERR_BAD_STATE);  // (3)
  DestroyVmarSubtree(s, e->object);                                           // VMAR-052
  return Outcome::Ok();
}

// ---- zx_vmar_create_vmo_child, steps 1..7: VMAR-082 ----

Result<VmoChildSource> CheckVmarCreateVmoChild(const State& s, zx_koid_t caller,
                                               const VmarCreateVmoChild& c) {
  auto e = LookupWithRights<Vmar>(s, caller, c.vmar, ZX_RIGHT_INSPECT);  // VMAR-082 (1)
  if (e.is_error()) return e.error_value();
  constexpr uint32_t kAllowed =
      ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_NO_WRITE;
  if (c.options & ~kAllowed) return Error{ZX_ERR_INVALID_ARGS};                             // (2)
  if (!IsPageAligned(c.addr) || !IsPageAligned(c.size)) return Error{ZX_ERR_INVALID_ARGS};  // (3)
  if (c.size == 0) return Error{ZX_ERR_INVALID_ARGS};                                       // (4) R
  if (Get<Vmar>(s, e->object).state == Lifecycle::kDead) return Error{ZX_ERR_BAD_STATE};    // (5) R
  auto ref = FindMappingAt(s, e->object, c.addr);  // (6) descending through child VMARs
  if (!ref) return Error{ZX_ERR_INVALID_ARGS};
  const Mapping& m = MappingAt(s, *ref);
  if (c.addr > UINT64_MAX - c.size || c.addr + c.size > m.base + m.size) {
    return Error{ZX_ERR_INVALID_ARGS};  // (6) spans past the mapping
  }
  if (m.flags & ZX_VM_CANNOT_CREATE_VMO_CHILD) return Error{ZX_ERR_ACCESS_DENIED};  // (7) R
  for (zx_koid_t k = ref->vmar; k != 0; k = Get<Vmar>(s, k).parent) {
    if (Get<Vmar>(s, k).flags & ZX_VM_CANNOT_CREATE_VMO_CHILD) {
      return Error{ZX_ERR_ACCESS_DENIED};  // (7) R, V-7 (c): any VMAR from the root down
    }
  }
  VmoChildSource src;
  src.vmo = m.vmo;
  src.offset = m.vmo_offset + (c.addr - m.base);
  src.executable = true;  // VMAR-083, V-7 (f): every page of the range executable now
  auto [from, to] = PagesInRange(m, c.addr, c.size);
  for (uint64_t p = from; p < to; ++p) {
    if (!(PermsAtPage(m, p) & ZX_VM_PERM_EXECUTE)) src.executable = false;
  }
  return src;
}

// ---- zx_vmar_create_vmo_child: VMAR-080..084 (seed RFC-0013) ----

Outcome Do(State& s, zx_koid_t caller, const VmarCreateVmoChild& c) {
  auto src = CheckVmarCreateVmoChild(s, caller, c);  // VMAR-082 (1)..(7)
  if (src.is_error()) return Outcome::Status(src.status_value());
  // (8): zx_vmo_create_child's checks on the mapped VMO, without any handle-rights check. The
  // child takes the mapped VMO's name (VMO-082 with no handle: the name is already visible to
  // the same INSPECT right through ZX_INFO_VMAR_MAPS, MAPS-020).
  auto child = CreateVmoChild(s, src->vmo, c.options, src->offset, c.size, /*copy_name=*/true);
  if (child.is_error()) return Outcome::Status(child.status_value());
  const bool no_write = (c.options & ZX_VMO_CHILD_NO_WRITE) != 0;
  zx_rights_t rights = ZX_DEFAULT_VMO_RIGHTS;  // VMAR-083
  if (no_write) rights &= ~ZX_RIGHT_WRITE;
  if (no_write && src->executable) rights |= ZX_RIGHT_EXECUTE;  // V-7 (b): read-only clones only
  return Outcome::Ok(HandleResult{InstallHandle(s, caller, {*child, rights})});
}

}  // namespace zxspec::model
