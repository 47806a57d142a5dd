// VMARs: zx_vmar_allocate, zx_vmar_map, zx_vmar_unmap, zx_vmar_protect, zx_vmar_destroy,
// zx_vmar_create_vmo_child (seed RFC-0013), ZX_INFO_VMAR and ZX_INFO_VMAR_MAPS (vmar.md
// VMAR-001..084, process-maps.md MAPS-003..024, seed RFC-0253).
//
// A VMAR's children live in an interval map keyed by base (std::map, non-overlapping), so
// overlap tests, lowest-fit placement and range walks visit only the children they concern.
#include "impl/vmar.h"

#include <algorithm>
#include <optional>

#include "impl/families.h"
#include "impl/vmo.h"

namespace zxspec::impl {
namespace {

constexpr uint32_t kPermMask = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE;
constexpr uint32_t kCanMapRwx = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE;
// Flags a mapping records (VMAR-025).
constexpr uint32_t kRecordedMapFlags = ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE |
                                       ZX_VM_OFFSET_IS_UPPER_LIMIT |
                                       ZX_VM_FAULT_BEYOND_STREAM_SIZE |
                                       ZX_VM_CANNOT_CREATE_VMO_CHILD;

// CAN_MAP_READ/WRITE/EXECUTE -> PERM_READ/WRITE/EXECUTE.
uint32_t PermsOfCanMap(uint32_t flags) {
  return ((flags & ZX_VM_CAN_MAP_READ) ? ZX_VM_PERM_READ : 0) |
         ((flags & ZX_VM_CAN_MAP_WRITE) ? ZX_VM_PERM_WRITE : 0) |
         ((flags & ZX_VM_CAN_MAP_EXECUTE) ? ZX_VM_PERM_EXECUTE : 0);
}

// The handle rights that correspond to ZX_VM_PERM_* bits.
zx_rights_t RightsOfPerms(uint32_t perms) {
  return ((perms & ZX_VM_PERM_READ) ? ZX_RIGHT_READ : 0) |
         ((perms & ZX_VM_PERM_WRITE) ? ZX_RIGHT_WRITE : 0) |
         ((perms & ZX_VM_PERM_EXECUTE) ? ZX_RIGHT_EXECUTE : 0);
}

// READ/WRITE/EXECUTE rights -> PERM_READ/WRITE/EXECUTE.
uint32_t PermsOfRights(zx_rights_t rights) {
  return ((rights & ZX_RIGHT_READ) ? ZX_VM_PERM_READ : 0) |
         ((rights & ZX_RIGHT_WRITE) ? ZX_VM_PERM_WRITE : 0) |
         ((rights & ZX_RIGHT_EXECUTE) ? ZX_VM_PERM_EXECUTE : 0);
}

// VMAR-008: WRITE or EXECUTE need READ.
bool ValidProtection(uint32_t options) {
  bool r = (options & ZX_VM_PERM_READ) != 0;
  return r || (options & (ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE)) == 0;
}

// VMAR-010: the decode step. Returns the alignment exponent A (0 = none), or nullopt for
// INVALID_ARGS.
std::optional<uint32_t> Decode(uint32_t options) {
  constexpr uint32_t kKnown = (0xFFFFu & ~ZX_VM_MAP_RANGE) | ZX_VM_CANNOT_CREATE_VMO_CHILD;
  if ((options & 0xFFFFFFu & ~kKnown) != 0) return std::nullopt;
  uint32_t a = options >> ZX_VM_ALIGN_BASE;
  if (a != 0 && (a < 10 || a > 32)) return std::nullopt;
  return a;
}

uint64_t AlignmentOf(uint32_t a) { return uint64_t{1} << std::max<uint32_t>(a, 12); }

// Smallest multiple of |al| (a power of two) at or above |x|; nullopt on overflow.
std::optional<uint64_t> AlignUp(uint64_t x, uint64_t al) {
  if (x > UINT64_MAX - (al - 1)) return std::nullopt;
  return (x + al - 1) & ~(al - 1);
}

// VMAR-007: [a, a + n) lies within |v|.
bool Within(const VmarObj& v, uint64_t a, uint64_t n) {
  return a >= v.base && a <= UINT64_MAX - n && a + n <= v.base + v.size;
}

// Whether [a, a + n) meets any child of |v|.
bool Intersects(const VmarObj& v, uint64_t a, uint64_t n) {
  auto it = v.children.lower_bound(a);
  if (it != v.children.end() && it->first < a + n) return true;
  return it != v.children.begin() && ExtentOf(std::prev(it)->second).end() > a;
}

// VMAR-060: the lowest address p, a multiple of |al|, with [p, p + size) free in |v| and
// p + size <= |limit|.
// The search starts at |v|'s packed prefix, below which there is no gap.
std::optional<uint64_t> LowestFit(const VmarObj& v, uint64_t size, uint64_t al, uint64_t limit) {
  uint64_t cursor = std::max(v.base, v.packed_until);
  auto try_gap = [&](uint64_t gap_end) -> std::optional<uint64_t> {
    auto p = AlignUp(cursor, al);
    if (!p || *p > gap_end || gap_end - *p < size || *p + size > limit) return std::nullopt;
    return p;
  };
  auto it = v.children.lower_bound(cursor);
  if (it != v.children.begin()) cursor = std::max(cursor, ExtentOf(std::prev(it)->second).end());
  for (; it != v.children.end(); ++it) {
    if (auto p = try_gap(it->first)) return p;
    cursor = std::max(cursor, ExtentOf(it->second).end());
  }
  return try_gap(v.base + v.size);
}

// Extends |v|'s packed prefix over children that now continue it.
void AdvancePacked(VmarObj& v) {
  uint64_t p = std::max(v.base, v.packed_until);
  for (auto it = v.children.find(p); it != v.children.end(); it = v.children.find(p)) {
    p = ExtentOf(it->second).end();
  }
  v.packed_until = p;
}

// The children of |v| that meet [a, b), as an iterator range.
std::pair<std::map<zx_vaddr_t, VmarChild>::iterator, std::map<zx_vaddr_t, VmarChild>::iterator>
ChildrenMeeting(VmarObj& v, uint64_t a, uint64_t b) {
  auto first = v.children.lower_bound(a);
  if (first != v.children.begin() && ExtentOf(std::prev(first)->second).end() > a) --first;
  return {first, v.children.lower_bound(b)};
}

// VMAR-014 steps 9..13 / VMAR-022 steps 21..25: placement arguments. |specific| includes
// SPECIFIC_OVERWRITE for maps.
zx_status_t CheckPlacement(const VmarObj& v, bool specific, bool upper_limit, uint64_t offset,
                           uint64_t size) {
  if (specific && upper_limit) return ZX_ERR_INVALID_ARGS;
  if (!specific && !upper_limit && offset != 0) return ZX_ERR_INVALID_ARGS;
  if (!IsPageAligned(offset)) return ZX_ERR_INVALID_ARGS;
  if ((specific || upper_limit) && !(v.flags & ZX_VM_CAN_MAP_SPECIFIC)) {
    return ZX_ERR_ACCESS_DENIED;
  }
  if (!upper_limit) {
    if (offset >= v.size || size > v.size - offset) return ZX_ERR_INVALID_ARGS;
  } else if (offset > v.size || size > v.size || size > offset) {
    return ZX_ERR_INVALID_ARGS;
  }
  return ZX_OK;
}

// ---- permission runs ----

// Sets pages [first, first + n) of |m| to |perms|, keeping runs maximal.
void SetPerms(Mapping& m, uint64_t first, uint64_t n, uint32_t perms) {
  const uint64_t end = first + n;
  const uint64_t pages = m.size / kPage;
  uint32_t after = end < pages ? PermsAt(m, end) : 0;
  m.perms.erase(m.perms.lower_bound(first), m.perms.lower_bound(end));
  m.perms[first] = perms;
  if (end < pages) m.perms[end] = after;
  // Restore maximality around the two boundaries.
  auto normalize = [&](uint64_t key) {
    auto it = m.perms.find(key);
    if (it == m.perms.end() || it == m.perms.begin()) return;
    if (std::prev(it)->second == it->second) m.perms.erase(it);
  };
  if (end < pages) normalize(end);
  normalize(first);
}

// The runs of |m| from page |from| on, rebased so that |from| becomes page 0.
std::map<uint64_t, uint32_t> PermsFrom(const Mapping& m, uint64_t from) {
  std::map<uint64_t, uint32_t> out;
  out[0] = PermsAt(m, from);
  for (auto it = m.perms.upper_bound(from); it != m.perms.end(); ++it) {
    out[it->first - from] = it->second;
  }
  return out;
}

// Drops the runs at and above page |pages| (the mapping now ends there).
void TruncatePerms(Mapping& m, uint64_t pages) {
  m.perms.erase(m.perms.lower_bound(pages), m.perms.end());
}

// Appends the runs of |right| (which starts where |left| ends) to |left|'s.
void AppendPerms(Mapping& left, const Mapping& right) {
  const uint64_t shift = left.size / kPage;
  for (const auto& [first, perms] : right.perms) {
    if (first == 0 && left.perms.rbegin()->second == perms) continue;
    left.perms[first + shift] = perms;
  }
}

// ---- mapping surgery ----

Mapping& Insert(Core& k, VmarObj& v, std::unique_ptr<Mapping> m) {
  Mapping& ref = *m;
  v.children.emplace(ref.base, std::move(m));
  AdvancePacked(v);
  k.AttachMapping(ref);
  return ref;
}

// VMAR-033 for one mapping: removes the pages of |m| inside [a, b).
void UnmapPart(Core& k, Mapping& m, uint64_t a, uint64_t b) {
  const uint64_t lo = std::max(a, m.base);
  const uint64_t hi = std::min(b, m.base + m.size);
  if (lo >= hi) return;
  if (lo == m.base && hi == m.base + m.size) {
    k.DetachMapping(m);
    return;
  }
  if (hi < m.base + m.size) {  // a suffix remains: it becomes its own mapping
    auto suffix = std::make_unique<Mapping>();
    suffix->vmar = m.vmar;
    suffix->base = hi;
    suffix->size = m.base + m.size - hi;
    suffix->vmo = m.vmo;
    suffix->vmo_offset = m.vmo_offset + (hi - m.base);
    suffix->max_perms = m.max_perms;
    suffix->flags = m.flags;
    suffix->perms = PermsFrom(m, (hi - m.base) / kPage);
    Insert(k, *m.vmar, std::move(suffix));
  }
  if (lo > m.base) {  // a prefix remains in place
    m.vmar->packed_until = std::min(m.vmar->packed_until, lo);
    m.size = lo - m.base;
    TruncatePerms(m, m.size / kPage);
  } else {  // only the suffix remains
    k.DetachMapping(m);
  }
}

// VMAR-033: unmaps [a, b) among |v|'s direct children; child VMARs wholly inside are destroyed
// (the caller has checked that no child VMAR is partially inside).
void UnmapRange(Core& k, VmarObj& v, uint64_t a, uint64_t b) {
  std::vector<VmarChild*> hit;
  auto [first, last] = ChildrenMeeting(v, a, b);
  for (auto it = first; it != last; ++it) hit.push_back(&it->second);
  std::vector<Mapping*> mappings;
  std::vector<VmarObj*> vmars;
  for (VmarChild* c : hit) {
    if (auto* m = std::get_if<std::unique_ptr<Mapping>>(c)) mappings.push_back(m->get());
    else vmars.push_back(std::get<VmarObj*>(*c));
  }
  for (Mapping* m : mappings) UnmapPart(k, *m, a, b);
  for (VmarObj* sub : vmars) k.DestroyVmarSubtree(*sub);
}

// VMAR-028: whether |a| (left) and |b| (right) may merge.
bool Mergeable(const Mapping& a, const Mapping& b) {
  return a.vmo == b.vmo && a.base + a.size == b.base && a.vmo_offset + a.size == b.vmo_offset &&
         a.flags == b.flags && a.max_perms == b.max_perms;
}

// VMAR-028: merges |m| with its right neighbour, then with its left one.
void MergeNeighbours(Core& k, VmarObj& v, Mapping* m) {
  auto it = v.children.find(m->base);
  auto right = std::next(it);
  if (right != v.children.end()) {
    if (auto* r = std::get_if<std::unique_ptr<Mapping>>(&right->second);
        r != nullptr && Mergeable(*m, **r)) {
      AppendPerms(*m, **r);
      m->size += (*r)->size;
      k.DetachMapping(**r);
    }
  }
  it = v.children.find(m->base);
  if (it != v.children.begin()) {
    if (auto* l = std::get_if<std::unique_ptr<Mapping>>(&std::prev(it)->second);
        l != nullptr && Mergeable(**l, *m)) {
      AppendPerms(**l, *m);
      (*l)->size += m->size;
      k.DetachMapping(*m);
    }
  }
}

}  // namespace

// ---- shared helpers (impl/vmar.h) ----

Extent ExtentOf(const VmarChild& c) {
  if (const auto* sub = std::get_if<VmarObj*>(&c)) return {(*sub)->base, (*sub)->size};
  const auto& m = std::get<std::unique_ptr<Mapping>>(c);
  return {m->base, m->size};
}

Mapping* FindMapping(VmarObj& root, zx_vaddr_t addr) {
  VmarObj* v = &root;
  while (v->alive) {
    auto it = v->children.upper_bound(addr);
    if (it == v->children.begin()) return nullptr;
    --it;
    if (ExtentOf(it->second).end() <= addr) return nullptr;
    if (auto* m = std::get_if<std::unique_ptr<Mapping>>(&it->second)) return m->get();
    v = std::get<VmarObj*>(it->second);
  }
  return nullptr;
}

uint32_t PermsAt(const Mapping& m, uint64_t page) {
  auto it = m.perms.upper_bound(page);
  return std::prev(it)->second;
}

static zx_name_t NameBytes(const std::string& name) {
  zx_name_t out{};
  std::copy_n(name.begin(), std::min<size_t>(name.size(), ZX_MAX_NAME_LEN - 1), out.begin());
  return out;
}

// MAPS-020: one entry per permission run.
static void AppendMappingEntries(const Mapping& m, uint64_t depth,
                                 std::vector<zx_info_maps_t>& out) {
  const uint64_t pages = m.size / kPage;
  const VmoObj& vmo = *m.vmo;
  const bool owner = vmo.vmo_kind == VmoKind::kRoot || vmo.vmo_kind == VmoKind::kCowClone;
  for (auto it = m.perms.begin(); it != m.perms.end(); ++it) {
    auto next = std::next(it);
    const uint64_t end = next == m.perms.end() ? pages : next->first;
    zx_info_maps_t e;
    e.name = NameBytes(vmo.name);
    e.base = m.base + it->first * kPage;
    e.size = (end - it->first) * kPage;
    e.depth = depth;
    e.type = ZX_INFO_MAPS_TYPE_MAPPING;
    auto& u = e.u.mapping;
    u.mmu_flags = it->second;
    u.vmo_koid = vmo.koid;
    u.vmo_offset = m.vmo_offset + it->first * kPage;
    // Held pages of the VMO in [vmo_offset, vmo_offset + size), below the VMO size; slices and
    // references report 0 like ZX_INFO_VMO (VMO-133).
    if (owner && u.vmo_offset < VmoSize(vmo)) {
      const uint64_t first = u.vmo_offset / kPage;
      const uint64_t last = std::min(VmoSize(vmo), u.vmo_offset + e.size) / kPage;
      u.committed_bytes = vmo.memory->committed.CountIn(first, last) * kPage;
    }
    u.populated_bytes = u.committed_bytes;
    u.committed_fractional_scaled_bytes = UINT64_MAX;  // P-8
    u.populated_fractional_scaled_bytes = UINT64_MAX;
    out.push_back(e);
  }
}

void AppendMaps(const VmarObj& vmar, uint64_t depth, std::vector<zx_info_maps_t>& out) {
  zx_info_maps_t e;  // MAPS-022
  e.name = NameBytes(vmar.name);
  e.base = vmar.base;
  e.size = vmar.size;
  e.depth = depth;
  e.type = ZX_INFO_MAPS_TYPE_VMAR;
  out.push_back(e);
  for (const auto& [base, child] : vmar.children) {  // MAPS-011: pre-order, by base
    if (const auto* sub = std::get_if<VmarObj*>(&child)) {
      AppendMaps(**sub, depth + 1, out);
    } else {
      AppendMappingEntries(*std::get<std::unique_ptr<Mapping>>(child), depth + 1, out);
    }
  }
}

// ---- zx_vmar_allocate: VMAR-012..016 ----

Outcome Do(Core& k, ProcessObj& caller, const VmarAllocate& c) {
  const uint32_t o = c.options;
  const zx_rights_t need = RightsOfPerms(PermsOfCanMap(o));  // VMAR-013
  auto r = k.LookupWithRights<VmarObj>(caller, c.parent, need);  // 1
  if (r.is_error()) return Outcome::Status(r.status_value());
  VmarObj& parent = *r->object;
  auto align = Decode(o);
  if (!align) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 2
  if (o & kPermMask) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 3
  if (!IsPageAligned(c.size)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 4
  constexpr uint32_t kAllowed = ZX_VM_SPECIFIC | ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_COMPACT |
                                kCanMapRwx | ZX_VM_OFFSET_IS_UPPER_LIMIT |
                                ZX_VM_CANNOT_CREATE_VMO_CHILD |
                                ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED;  // VMAR-009: ignored here
  if ((o & 0xFFFFFFu & ~kAllowed) != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 5
  if (!parent.alive) return Outcome::Status(ZX_ERR_BAD_STATE);  // 6
  if (c.size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 7
  if ((o & kCanMapRwx & ~parent.flags) != 0) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // 8
  const bool specific = (o & ZX_VM_SPECIFIC) != 0;
  const bool upper = (o & ZX_VM_OFFSET_IS_UPPER_LIMIT) != 0;
  if (zx_status_t s = CheckPlacement(parent, specific, upper, c.offset, c.size); s != ZX_OK) {
    return Outcome::Status(s);  // 9..13
  }
  uint64_t base = 0;
  if (specific) {  // 14
    base = parent.base + c.offset;
    if (*align > 0 && base % AlignmentOf(*align) != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);
    if (Intersects(parent, base, c.size)) return Outcome::Status(ZX_ERR_ALREADY_EXISTS);
  } else {  // 15
    uint64_t limit = upper ? parent.base + c.offset : parent.base + parent.size;
    auto p = LowestFit(parent, c.size, AlignmentOf(*align), limit);
    if (!p) return Outcome::Status(ZX_ERR_NO_RESOURCES);
    base = *p;
  }
  VmarObj& child = k.Create<VmarObj>();  // VMAR-015
  child.process = parent.process;
  child.base = base;
  child.size = c.size;
  child.flags = o & (kCanMapRwx | ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_COMPACT |
                     ZX_VM_CANNOT_CREATE_VMO_CHILD);
  child.parent_koid = parent.koid;
  child.parent = &parent;
  child.name = "useralloc";
  parent.children.emplace(base, &child);
  AdvancePacked(parent);
  zx_rights_t rights = ZX_DEFAULT_VMAR_RIGHTS | RightsOfPerms(PermsOfCanMap(child.flags));
  return Outcome::Ok(VmarAllocateResult{k.InstallNew(caller, &child, rights), base});
}

// ---- zx_vmar_map: VMAR-020..028 ----

Outcome Do(Core& k, ProcessObj& caller, const VmarMap& c) {
  auto rv = k.LookupTyped<VmarObj>(caller, c.vmar);  // 1
  if (rv.is_error()) return Outcome::Status(rv.status_value());
  auto ro = k.LookupTyped<VmoObj>(caller, c.vmo);  // 2 (3: every model VMO has a stream size)
  if (ro.is_error()) return Outcome::Status(ro.status_value());
  VmarObj& vmar = *rv->object;
  VmoObj& vmo = *ro->object;
  if (!HasRights(ro->rights, ZX_RIGHT_MAP)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // 4
  uint32_t o = c.options;
  if (o & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) o |= ZX_VM_PERM_READ;  // 5 (VMAR-009)
  if (!ValidProtection(o)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 6
  if ((o & ZX_VM_MAP_RANGE) && (o & ZX_VM_SPECIFIC_OVERWRITE)) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 7
  }
  o &= ~ZX_VM_MAP_RANGE;
  if (o & kCanMapRwx) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 8
  const zx_rights_t both = ro->rights & rv->rights;
  for (uint32_t perm : {ZX_VM_PERM_READ, ZX_VM_PERM_WRITE, ZX_VM_PERM_EXECUTE}) {  // 9
    if ((o & perm) && !HasRights(both, RightsOfPerms(perm))) {
      return Outcome::Status(ZX_ERR_ACCESS_DENIED);
    }
  }
  if ((o & ZX_VM_FAULT_BEYOND_STREAM_SIZE) && !(o & ZX_VM_ALLOW_FAULTS)) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 10
  }
  auto align = Decode(o);
  if (!align) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 11
  if ((o & ZX_VM_REQUIRE_NON_RESIZABLE) && VmoResizable(vmo)) {
    return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // 12
  }
  if (!(o & ZX_VM_ALLOW_FAULTS) && VmoDiscardable(vmo)) {
    return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // 13
  }
  if (o & (ZX_VM_COMPACT | ZX_VM_CAN_MAP_SPECIFIC)) return Outcome::Status(ZX_ERR_INVALID_ARGS);
  const uint32_t perms = o & kPermMask;
  const uint32_t can_map = PermsOfCanMap(vmar.flags);
  if ((perms & ~can_map) != 0) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // 15
  if (!IsPageAligned(c.vmo_offset)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 16
  uint64_t size = 0;
  if (!RoundUpPage(c.len, &size) || c.vmo_offset > UINT64_MAX - size) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // 17
  }
  if (!vmar.alive) return Outcome::Status(ZX_ERR_BAD_STATE);  // 18
  if (size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 19
  const uint32_t max_perms = PermsOfRights(both) | perms;       // VMAR-027
  if ((max_perms & ~can_map) != 0) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // 20
  const bool overwrite = (o & ZX_VM_SPECIFIC_OVERWRITE) != 0;
  const bool specific = (o & ZX_VM_SPECIFIC) != 0 || overwrite;
  const bool upper = (o & ZX_VM_OFFSET_IS_UPPER_LIMIT) != 0;
  if (zx_status_t s = CheckPlacement(vmar, specific, upper, c.vmar_offset, size); s != ZX_OK) {
    return Outcome::Status(s);  // 21..25
  }
  uint64_t base = 0;
  if (specific) {  // 26
    base = vmar.base + c.vmar_offset;
    if (*align > 0 && base % AlignmentOf(*align) != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);
    if (Intersects(vmar, base, size)) {
      if (!overwrite) return Outcome::Status(ZX_ERR_ALREADY_EXISTS);
      auto [first, last] = ChildrenMeeting(vmar, base, base + size);  // VMAR-026
      for (auto it = first; it != last; ++it) {
        if (std::holds_alternative<VmarObj*>(it->second)) {
          return Outcome::Status(ZX_ERR_INVALID_ARGS);
        }
      }
      UnmapRange(k, vmar, base, base + size);
    }
  } else {  // 27
    uint64_t limit = upper ? vmar.base + c.vmar_offset : vmar.base + vmar.size;
    auto p = LowestFit(vmar, size, AlignmentOf(*align), limit);
    if (!p) return Outcome::Status(ZX_ERR_NO_RESOURCES);
    base = *p;
  }
  auto m = std::make_unique<Mapping>();  // VMAR-025
  m->vmar = &vmar;
  m->base = base;
  m->size = size;
  m->vmo = &vmo;
  m->vmo_offset = c.vmo_offset;
  m->max_perms = max_perms;
  m->flags = o & kRecordedMapFlags;
  m->perms[0] = perms;
  MergeNeighbours(k, vmar, &Insert(k, vmar, std::move(m)));  // VMAR-028
  return Outcome::Ok(U64Result{base});
}

// ---- zx_vmar_unmap: VMAR-030..033 ----

Outcome Do(Core& k, ProcessObj& caller, const VmarUnmap& c) {
  auto r = k.LookupTyped<VmarObj>(caller, c.vmar);  // 1 (VMAR-031: no right)
  if (r.is_error()) return Outcome::Status(r.status_value());
  VmarObj& v = *r->object;
  if (!IsPageAligned(c.addr)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 2
  uint64_t size = 0;
  if (!RoundUpPage(c.len, &size) || size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 3
  if (!v.alive) return Outcome::Status(ZX_ERR_BAD_STATE);  // 4
  if (!Within(v, c.addr, size)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 5
  if (v.children.empty()) return Outcome::Ok();  // 6
  const uint64_t end = c.addr + size;
  auto [first, last] = ChildrenMeeting(v, c.addr, end);  // 7
  for (auto it = first; it != last; ++it) {
    if (!std::holds_alternative<VmarObj*>(it->second)) continue;
    Extent e = ExtentOf(it->second);
    if (!HasRights(r->rights, ZX_RIGHT_OP_CHILDREN) || e.base < c.addr || e.end() > end) {
      return Outcome::Status(ZX_ERR_INVALID_ARGS);
    }
  }
  UnmapRange(k, v, c.addr, end);  // 8
  return Outcome::Ok();
}

// ---- zx_vmar_protect: VMAR-040..043 ----

namespace {

struct ScannedMapping {
  Mapping* mapping;
  bool direct;  // a direct child of the VMAR the call names
};

// Mappings at any depth below |v| meeting [a, b), ascending (VMAR-042 step 10).
void CollectMappings(VmarObj& v, uint64_t a, uint64_t b, bool direct,
                     std::vector<ScannedMapping>& out) {
  auto [first, last] = ChildrenMeeting(v, a, b);
  for (auto it = first; it != last; ++it) {
    if (auto* m = std::get_if<std::unique_ptr<Mapping>>(&it->second)) {
      out.push_back({m->get(), direct});
    } else {
      CollectMappings(*std::get<VmarObj*>(it->second), a, b, false, out);
    }
  }
}

}  // namespace

Outcome Do(Core& k, ProcessObj& caller, const VmarProtect& c) {
  uint32_t o = c.options;
  if (o & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) o |= ZX_VM_PERM_READ;  // 1
  const uint32_t perms = o & kPermMask;
  auto r = k.LookupWithRights<VmarObj>(caller, c.vmar, RightsOfPerms(perms));  // 2
  if (r.is_error()) return Outcome::Status(r.status_value());
  VmarObj& v = *r->object;
  if (!ValidProtection(o)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 3
  if (!IsPageAligned(c.addr)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 4
  auto align = Decode(o);
  if (!align) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 5
  if ((o & 0xFFFFFFu & ~(kPermMask | ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED)) != 0 || *align != 0) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 6
  }
  uint64_t size = 0;
  if (!RoundUpPage(c.len, &size) || size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 7
  if (!v.alive) return Outcome::Status(ZX_ERR_BAD_STATE);  // 8
  if (!Within(v, c.addr, size)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 9
  const uint64_t end = c.addr + size;
  std::vector<ScannedMapping> scan;
  CollectMappings(v, c.addr, end, true, scan);
  uint64_t cursor = c.addr;  // 10
  for (const ScannedMapping& s : scan) {
    const Mapping& m = *s.mapping;
    if (m.base > cursor) return Outcome::Status(ZX_ERR_NOT_FOUND);                     // a
    if ((perms & ~m.max_perms) != 0) return Outcome::Status(ZX_ERR_ACCESS_DENIED);     // b
    if (!s.direct) {                                                                   // c
      if (!HasRights(r->rights, ZX_RIGHT_OP_CHILDREN)) {
        return Outcome::Status(ZX_ERR_INVALID_ARGS);
      }
      const uint64_t first = (std::max(c.addr, m.base) - m.base) / kPage;
      const uint64_t last = (std::min(end, m.base + m.size) - m.base) / kPage;
      for (auto it = std::prev(m.perms.upper_bound(first));
           it != m.perms.end() && it->first < last; ++it) {
        if ((perms & ~it->second) != 0) return Outcome::Status(ZX_ERR_ACCESS_DENIED);
      }
    }
    cursor = m.base + m.size;  // d
  }
  if (cursor < end) return Outcome::Status(ZX_ERR_NOT_FOUND);
  for (const ScannedMapping& s : scan) {  // 11 (VMAR-043)
    Mapping& m = *s.mapping;
    const uint64_t first = (std::max(c.addr, m.base) - m.base) / kPage;
    const uint64_t last = (std::min(end, m.base + m.size) - m.base) / kPage;
    SetPerms(m, first, last - first, perms);
  }
  return Outcome::Ok();
}

// ---- zx_vmar_destroy: VMAR-050..052 ----

Outcome Do(Core& k, ProcessObj& caller, const VmarDestroy& c) {
  auto r = k.LookupWithRights<VmarObj>(caller, c.vmar, ZX_RIGHT_OP_CHILDREN);  // 1
  if (r.is_error()) return Outcome::Status(r.status_value());
  VmarObj& v = *r->object;
  if (v.parent_koid == 0 && v.alive) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // 2
  if (!v.alive) return Outcome::Status(ZX_ERR_BAD_STATE);  // 3
  k.DestroyVmarSubtree(v);  // VMAR-052
  return Outcome::Ok();
}

// ---- zx_vmar_create_vmo_child: VMAR-080..084 (seed RFC-0013) ----

Outcome Do(Core& k, ProcessObj& caller, const VmarCreateVmoChild& c) {
  auto r = k.LookupWithRights<VmarObj>(caller, c.vmar, ZX_RIGHT_INSPECT);  // 1
  if (r.is_error()) return Outcome::Status(r.status_value());
  VmarObj& v = *r->object;
  constexpr uint32_t kAllowed = ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE |
                                ZX_VMO_CHILD_NO_WRITE;
  if ((c.options & ~kAllowed) != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 2
  if (!IsPageAligned(c.addr) || !IsPageAligned(c.size)) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 3
  }
  if (c.size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 4
  if (!v.alive) return Outcome::Status(ZX_ERR_BAD_STATE);  // 5
  Mapping* m = Within(v, c.addr, c.size) ? FindMapping(v, c.addr) : nullptr;  // 6
  if (m == nullptr || c.addr + c.size > m->base + m->size) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);
  }
  bool forbidden = (m->flags & ZX_VM_CANNOT_CREATE_VMO_CHILD) != 0;  // 7
  for (const VmarObj* p = m->vmar; p != nullptr; p = p->parent) {
    forbidden = forbidden || (p->flags & ZX_VM_CANNOT_CREATE_VMO_CHILD) != 0;
  }
  if (forbidden) return Outcome::Status(ZX_ERR_ACCESS_DENIED);
  const bool no_write = (c.options & ZX_VMO_CHILD_NO_WRITE) != 0;  // 8: vmo_create_child's checks
  const uint64_t offset = m->vmo_offset + (c.addr - m->base);
  auto child = MakeVmoChild(k, *m->vmo, c.options & ~ZX_VMO_CHILD_NO_WRITE, no_write,
                            /*resizable=*/false, offset, c.size, /*inherit_name=*/true);
  if (child.is_error()) return Outcome::Status(child.status_value());
  bool executable = true;  // VMAR-083 (open point V-7): every page of the range executable now
  const uint64_t first = (c.addr - m->base) / kPage;
  const uint64_t last = first + c.size / kPage;
  for (auto it = std::prev(m->perms.upper_bound(first)); it != m->perms.end() && it->first < last;
       ++it) {
    executable = executable && (it->second & ZX_VM_PERM_EXECUTE) != 0;
  }
  zx_rights_t rights = ZX_DEFAULT_VMO_RIGHTS;
  if (no_write) rights = (rights & ~ZX_RIGHT_WRITE) | (executable ? ZX_RIGHT_EXECUTE : 0);
  return Outcome::Ok(HandleResult{k.InstallNew(caller, child->vmo, rights)});
}

// ---- ZX_INFO_VMAR and ZX_INFO_VMAR_MAPS: MAPS-003, MAPS-010..012 ----

Outcome InfoVmar(const Core& k, const ProcessObj& caller, zx_handle_t h) {
  auto r = k.LookupWithRights<VmarObj>(caller, h, ZX_RIGHT_INSPECT);
  if (r.is_error()) return Outcome::Status(r.status_value());
  return Outcome::Ok(InfoResult{zx_info_vmar_t{r->object->base, r->object->size}});  // no state
}

Outcome InfoVmarMaps(const Core& k, const ProcessObj& caller, zx_handle_t h) {
  auto r = k.LookupWithRights<VmarObj>(caller, h, ZX_RIGHT_INSPECT);
  if (r.is_error()) return Outcome::Status(r.status_value());
  if (!r->object->alive) return Outcome::Status(ZX_ERR_BAD_STATE);  // MAPS-010
  std::vector<zx_info_maps_t> out;
  AppendMaps(*r->object, 0, out);
  return Outcome::Ok(InfoResult{std::move(out)});
}

}  // namespace zxspec::impl
