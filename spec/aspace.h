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

#include <functional>

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

}  // namespace zxspec::spec
