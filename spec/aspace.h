// File: spec/aspace.h (internal to spec/)
//
// Address-space vocabulary shared by the VMAR invariants (spec/invariants_vmar.cc), the VMAR
// calls (spec/vmar.cc) and process death (spec/process.cc): VMAR predicates, range geometry
// without wrap-around, the subtree of a VMAR, and the destruction of VMARs (VMAR-052).
//
// The spec state has no child lists: a VMAR's children are the live VMARs whose parent it is
// and the mappings keyed by it (spec/state.h). "Below" (a VMAR and its descendants) is not a
// closure either; in every state the invariants allow it is a plain condition (`BelowOrSelf`).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>

#include <string>
#include <vector>

#include "api/zircon.h"
#include "spec/encode.h"

namespace zxspec::spec {

using Pick = std::function<z3::expr(const z3::expr&)>;

inline z3::expr IsVmar(const SymState& s, const z3::expr& k) { return IsType(s, k, ZX_OBJ_TYPE_VMAR); }
inline z3::expr LiveVmar(const SymState& s, const z3::expr& k) { return IsVmar(s, k) && s.vmar_live(k); }
// A live VMAR that is some VMAR's child.
inline z3::expr SubVmar(const SymState& s, const z3::expr& k) {
  return LiveVmar(s, k) && s.vmar_parent(k) != U64(k.ctx(), 0);
}

// Range geometry over 65-bit sums, so that nothing wraps and the solver reasons about ranges
// as about numbers (the 64-bit difference forms, e.g. a - b <= sb - sa, are equivalent where
// nothing wraps, but even the transitivity of "inside" is out of Z3's reach in that form).
inline z3::expr Wide(const z3::expr& x) { return z3::zext(x, 1); }
// The end of [b, b + sb), 65 bits.
inline z3::expr End(const z3::expr& b, const z3::expr& sb) { return Wide(b) + Wide(sb); }
// [a, a + sa) lies inside [b, b + sb) (model VmarContainment, WithinVmar).
inline z3::expr Inside(const z3::expr& a, const z3::expr& sa, const z3::expr& b, const z3::expr& sb) {
  return z3::uge(a, b) && z3::ule(End(a, sa), End(b, sb));
}
// [a, a + sa) and [b, b + sb) do not meet.
inline z3::expr Apart(const z3::expr& a, const z3::expr& sa, const z3::expr& b, const z3::expr& sb) {
  return z3::ule(End(a, sa), Wide(b)) || z3::ule(End(b, sb), Wide(a));
}
// Address |x| lies in [b, b + sb).
inline z3::expr Contains(const z3::expr& b, const z3::expr& sb, const z3::expr& x) {
  return z3::uge(x, b) && z3::ult(Wide(x), End(b, sb));
}

// |w| is the live VMAR |v| or a VMAR below it. In a state the invariants allow this is: w is v,
// or a live VMAR of the same address space that is not its root, inside v's range, created after
// v. (An ancestor has a smaller koid, address-space-consistent; a VMAR of another branch lies
// apart from v, vmar-containment and vmar-disjoint, and has a non-zero size, vmar-alignment. The
// root is excluded by name: that it is older than every VMAR below it would take induction.)
inline z3::expr Below(const SymState& s, const z3::expr& v, const z3::expr& w) {
  return LiveVmar(s, w) && s.vmar_process(w) == s.vmar_process(v) &&
         s.vmar_parent(w) != U64(w.ctx(), 0) && z3::ugt(w, v) &&
         Inside(s.vmar_base(w), s.vmar_size(w), s.vmar_base(v), s.vmar_size(v));
}
inline z3::expr BelowOrSelf(const SymState& s, const z3::expr& v, const z3::expr& w) {
  return (w == v && LiveVmar(s, w)) || Below(s, v, w);
}

// VMAR-052: every VMAR |which| picks becomes DEAD and its mappings and page permissions are
// gone. (Handles to them stay; garbage collection takes what no handle names.)
SymState DestroyVmars(const SymState& s, const Pick& which);
// |s| without the mappings (VMAR koid, base) |which| picks: every mapping field and page
// permission there reads as its default.
SymState DropMappings(const SymState& s, const std::function<z3::expr(const Args&)>& which);

// ---- the VMAR calls' shared steps (spec/vmar.cc) ----

inline constexpr uint32_t kVmPerms = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE;
inline constexpr uint32_t kCanMapPerms = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE;

// The table of |f| when it is a concrete field no update sits on (nullptr otherwise): where the
// VMAR calls compute over a concrete state what they choose over a symbolic one.
inline const Table* Plain(const Fn& f) { return f.updated() ? nullptr : f.base_table(); }

// x + k, saturating at 2^64 - 1 (the end of a range over concrete numbers).
inline uint64_t SaturatingEnd(uint64_t x, uint64_t k) { return x > UINT64_MAX - k ? UINT64_MAX : x + k; }

// Over a concrete state, a scan's first event (vmar_protect's failing mapping, an access's first
// fault): the lowest of |candidates| where |holds| is true, 0 when it is true at none, nullopt
// when it does not fold at one of them.
inline std::optional<z3::expr> LowestWhere(z3::context& c, std::vector<uint64_t> candidates,
                                           const std::function<std::optional<bool>(const z3::expr&)>& holds) {
  std::sort(candidates.begin(), candidates.end());
  for (uint64_t x : candidates) {
    auto yes = holds(U64(c, x));
    if (!yes) return std::nullopt;
    if (*yes) return U64(c, x);
  }
  return U64(c, 0);
}
// Over a concrete perms table: the pages of mapping (w, b) in [from, to) whose permissions hold
// every bit of |want| (pages without permissions are not in the table).
uint64_t PagesHolding(const Table& perms, uint64_t w, uint64_t b, uint64_t from, uint64_t to, uint64_t want);

// |flags| bit |from| as bit |to| (0 without it), 32 bits.
inline z3::expr BitAs(const z3::expr& flags, uint32_t from, uint32_t to) {
  return z3::ite(HasBits(flags, from), U32(flags.ctx(), to), U32(flags.ctx(), 0));
}
// VMAR-006 (e): the PERM bits CAN_MAP |flags| allow.
z3::expr PermsAllowedBy(const z3::expr& flags);
// VMAR-027: the PERM bits handle |rights| allow (READ, WRITE, EXECUTE).
z3::expr PermsOfRights(const z3::expr& rights);
// VMAR-004: the rights of a VMAR handle for CAN_MAP |flags|.
z3::expr VmarRights(const z3::expr& flags);

// VMAR-010: the option word's alignment exponent and low bits, and whether decoding fails.
struct Decoded {
  z3::expr align_log2;  // 32 bits
  z3::expr flags;       // the known low bits, PERM_READ_IF_XOM_UNSUPPORTED removed
  z3::expr invalid;
};
Decoded Decode(const z3::expr& options);
// 2^max(A, 12), 64 bits (VMAR-010's effective alignment).
z3::expr Alignment(const Decoded& d);

// VMAR-014 (9)..(13) = VMAR-022 (21)..(25): the checks of a placement request for |size| bytes
// at |offset| in the VMAR |v| with decoded flags |f|, labelled with the caller's |rules|.
void PlacementChecks(Checks& checks, const SymState& pre, const z3::expr& v, const z3::expr& f,
                     const z3::expr& offset, const z3::expr& size, const std::vector<std::string>& rules);

// The base of VMAR |v|'s one alive mapping |holds| picks, and whether there is one: the caller
// argues there is at most one (disjoint mappings). Over a concrete state (the map_alive table and
// numerals) it is looked up; otherwise it is the choice |what| with the constraint "every alive
// mapping of v |holds| picks is this one".
struct Which {
  z3::expr base;
  z3::expr found;
  std::vector<NamedFormula> constraints;
};
Which MappingWhere(const SymState& s, const z3::expr& v, const std::string& what, const Pick& holds);

// [p, p + n) meets no child of |v| (no live sub-VMAR, no mapping).
Formula Free(const SymState& s, const z3::expr& v, const z3::expr& p, const z3::expr& n);

// VMAR-033 for the mappings of the live VMAR |v| over [a, a + n): those keyed inside the range
// go, the one keyed before it keeps its pages below |a|, and the one straddling a + n (|right|,
// found by `Straddling`) leaves its pages from a + n on under that key.
SymState UnmapMappings(const SymState& s, const z3::expr& v, const z3::expr& a, const z3::expr& n,
                       const Which& right);
Which Straddling(const SymState& s, const z3::expr& v, const z3::expr& a, const z3::expr& n,
                 const std::string& what);
// VMAR-033: the part of |right| an unmap re-keys at |end| keeps its max_perms.
Grant SplitGrant(const SymState& pre, const z3::expr& v, const z3::expr& end, const Which& right);

struct Slot {
  z3::expr base;
  Formula found;
};
// VMAR-060 for |size| bytes aligned to |align| (a power of two) in the live VMAR |v|, below
// |limit| (exclusive, 64 bits: the VMAR's end, or its upper limit).
Slot Placement(const SymState& s, const z3::expr& v, const z3::expr& size, const z3::expr& align,
               const z3::expr& limit);

}  // namespace zxspec::spec
