// The address-space invariants in Z3 form (vmar.md VMAR-001..008, process-maps.md
// PROC-001/002), and the lemma that states are closed under garbage collection. Each function
// states what the model's checker of the same id tests (model/invariants.cc); children of a VMAR
// are the live VMARs whose parent it is and the mappings keyed by it.
#include "api/zircon.h"
#include "spec/aspace.h"
#include "spec/invariants.h"

namespace zxspec::spec {
// VMAR-006 (a): every child (live sub-VMAR or mapping) lies inside its parent.
Formula VmarContainment(const SymState& s) {
  z3::context& c = s.ctx();
  return ForallKoid(c, [s](const z3::expr& v) -> Formula {
           z3::expr p = s.vmar_parent(v);
           return z3::implies(SubVmar(s, v), Inside(s.vmar_base(v), s.vmar_size(v), s.vmar_base(p),
                                                    s.vmar_size(p)));
         }) &&
         ForallMapping(c, [s](const z3::expr& v, const z3::expr& b) -> Formula {
           return z3::implies(s.map_alive(v, b),
                              Inside(b, s.map_size(v, b), s.vmar_base(v), s.vmar_size(v)));
         });
}

// VMAR-006 (b), VMAR-001: the children of a VMAR are pairwise disjoint.
Formula VmarDisjoint(const SymState& s) {
  z3::context& c = s.ctx();
  Formula vmars = Formula::Forall(c, {Sort::kKoid, Sort::kKoid}, [s](const Args& a) -> Formula {
    const z3::expr &x = a[0], &y = a[1];
    return z3::implies(SubVmar(s, x) && SubVmar(s, y) && x != y && s.vmar_parent(x) == s.vmar_parent(y),
                       Apart(s.vmar_base(x), s.vmar_size(x), s.vmar_base(y), s.vmar_size(y)));
  });
  Formula mixed = Formula::Forall(c, {Sort::kKoid, Sort::kKoid, Sort::kAddr}, [s](const Args& a) -> Formula {
    const z3::expr &x = a[0], &v = a[1], &b = a[2];
    return z3::implies(SubVmar(s, x) && s.map_alive(v, b) && s.vmar_parent(x) == v,
                       Apart(s.vmar_base(x), s.vmar_size(x), b, s.map_size(v, b)));
  });
  Formula mappings = Formula::Forall(c, {Sort::kKoid, Sort::kAddr, Sort::kAddr}, [s](const Args& a) -> Formula {
    const z3::expr &v = a[0], &b1 = a[1], &b2 = a[2];
    return z3::implies(s.map_alive(v, b1) && s.map_alive(v, b2) && b1 != b2,
                       Apart(b1, s.map_size(v, b1), b2, s.map_size(v, b2)));
  });
  return Formula::And({vmars, mixed, mappings}, c);
}

// VMAR-006 (c): VMAR and mapping ranges and VMO offsets are page multiples with non-zero sizes
// (and no VMAR reaches past the user address space's end, below 2^47: each lies inside its
// process's root, which covers the user address space; VMAR-003);
// pages outside an alive mapping hold no permissions (the spec's form of "the permission runs
// cover the mapping exactly").
static z3::expr AspaceEnd(z3::context& c) { return U64(c, kUserAspaceBase + kUserAspaceSize); }

Formula VmarAlignment(const SymState& s) {
  z3::context& c = s.ctx();
  return ForallKoid(c, [s](const z3::expr& v) -> Formula {
           return z3::implies(IsVmar(s, v), PageAligned(s.vmar_base(v)) && PageAligned(s.vmar_size(v)) &&
                                                s.vmar_size(v) != U64(v.ctx(), 0) &&
                                                z3::ule(End(s.vmar_base(v), s.vmar_size(v)), Wide(AspaceEnd(v.ctx()))));
         }) &&
         ForallMapping(c, [s](const z3::expr& v, const z3::expr& b) -> Formula {
           z3::expr size = s.map_size(v, b), off = s.map_vmo_offset(v, b);
           return z3::implies(s.map_alive(v, b), PageAligned(b) && PageAligned(size) &&
                                                     size != U64(v.ctx(), 0) && PageAligned(off) &&
                                                     NoWrap(off, size));
         }) &&
         Formula::Forall(c, {Sort::kKoid, Sort::kAddr, Sort::kAddr}, [s](const Args& a) -> Formula {
           const z3::expr &v = a[0], &b = a[1], &page = a[2];
           z3::expr inside = s.map_alive(v, b) && PageAligned(page) && z3::uge(page, b) &&
                             z3::ult(page - b, s.map_size(v, b));
           return z3::implies(!inside, s.perms(v, b, page) == U32(v.ctx(), 0));
         });
}

// VMAR-006 (d), VMAR-015: a child VMAR's CAN_MAP flags are its parent's too.
Formula VmarCanMapInherited(const SymState& s) {
  return ForallKoid(s.ctx(), [s](const z3::expr& v) -> Formula {
    z3::expr mine = s.vmar_flags(v) & U32(v.ctx(), kCanMapPerms);
    return z3::implies(SubVmar(s, v), Within(mine, s.vmar_flags(s.vmar_parent(v))));
  });
}

// VMAR-006 (e), VMAR-027: max_perms within the VMAR's CAN_MAP flags, page perms within max_perms.
Formula MappingPermsBounded(const SymState& s) {
  z3::context& c = s.ctx();
  return ForallMapping(c, [s](const z3::expr& v, const z3::expr& b) -> Formula {
           return z3::implies(s.map_alive(v, b),
                              Within(s.map_max_perms(v, b), PermsAllowedBy(s.vmar_flags(v))));
         }) &&
         Formula::Forall(c, {Sort::kKoid, Sort::kAddr, Sort::kAddr}, [s](const Args& a) -> Formula {
           const z3::expr &v = a[0], &b = a[1], &page = a[2];
           return z3::implies(s.map_alive(v, b), Within(s.perms(v, b, page), s.map_max_perms(v, b)));
         });
}

// VMAR-006 (g), VMAR-008: no page is writable or executable without being readable.
Formula MappingPermsValid(const SymState& s) {
  return Formula::Forall(s.ctx(), {Sort::kKoid, Sort::kAddr, Sort::kAddr}, [s](const Args& a) -> Formula {
    z3::expr p = s.perms(a[0], a[1], a[2]);
    return z3::implies(HasBits(p, ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE), HasBits(p, ZX_VM_PERM_READ));
  });
}

// VMAR-005, VMAR-006 (f): a DEAD VMAR has no children (no mapping, no live sub-VMAR).
Formula VmarDeadChildless(const SymState& s) {
  z3::context& c = s.ctx();
  return ForallMapping(c, [s](const z3::expr& v, const z3::expr& b) -> Formula {
           return z3::implies(s.map_alive(v, b), LiveVmar(s, v));
         }) &&
         ForallKoid(c, [s](const z3::expr& v) -> Formula {
           return z3::implies(SubVmar(s, v), LiveVmar(s, s.vmar_parent(v)));
         });
}

// PROC-001/002, VMAR-001/003/052: a process that is not DEAD has a live root VMAR of its own, a
// DEAD one has none; every live VMAR hangs from the root of a process that is not DEAD through
// live parents of its own address space, each created before its child (a smaller koid: the
// spec's form of "hangs from the root"); mappings map live VMOs.
Formula AddressSpaceConsistent(const SymState& s) {
  z3::context& c = s.ctx();
  Formula processes = ForallKoid(c, [s](const z3::expr& p) -> Formula {
    z3::expr root = s.proc_root(p);
    z3::expr dead = s.proc_state(p) == U8(p.ctx(), kProcDead);
    z3::expr own_root = LiveVmar(s, root) && s.vmar_parent(root) == U64(p.ctx(), 0) &&
                        s.vmar_process(root) == p;
    return z3::implies(IsType(s, p, ZX_OBJ_TYPE_PROCESS),
                       z3::ite(dead, !LiveVmar(s, root), own_root));
  });
  Formula vmars = ForallKoid(c, [s](const z3::expr& v) -> Formula {
    z3::expr parent = s.vmar_parent(v), owner = s.vmar_process(v);
    z3::expr root_ok = LiveProcess(s, owner) && s.proc_root(owner) == v;
    z3::expr child_ok = LiveVmar(s, parent) && s.vmar_process(parent) == owner && z3::ult(parent, v);
    return z3::implies(LiveVmar(s, v), z3::ite(parent == U64(v.ctx(), 0), root_ok, child_ok));
  });
  Formula mappings = ForallMapping(c, [s](const z3::expr& v, const z3::expr& b) -> Formula {
    return z3::implies(s.map_alive(v, b), IsType(s, s.map_vmo(v, b), ZX_OBJ_TYPE_VMO));
  });
  return Formula::And({processes, vmars, mappings}, c);
}

// ---- garbage collection (model/lifecycle.cc) ----

namespace {

// Some handle, in a table or queued, names |k| (the Skolem witness of the existential is the
// handle the proofs follow).
Formula Handled(const SymState& s, const z3::expr& k) {
  z3::context& c = k.ctx();
  return Formula::Exists(c, {Sort::kKoid, Sort::kHandle}, [s, k](const Args& a) -> Formula {
           return s.h_alive(a[0], a[1]) && s.h_object(a[0], a[1]) == k;
         }) ||
         Formula::Exists(c, {Sort::kKoid, Sort::kSeq, Sort::kSlot}, [s, k](const Args& a) -> Formula {
           return Queued(s, a[0], a[1], a[2]) && s.mh_object(a[0], a[1], a[2]) == k;
         });
}

}  // namespace

// Every object model::Step's garbage collection would destroy is gone already: processes that
// are not RUNNING, channel endpoints, streams, resources and DEAD VMARs are named by a handle; a
// VMO by a handle, a mapping, or a stream a handle names (HANDLE-003, CHAN-002, PROC-014,
// VMAR-005, STREAM-001).
Formula GcClosed(const SymState& s) {
  z3::context& c = s.ctx();
  Formula needs_handle = ForallKoid(c, [s](const z3::expr& k) -> Formula {
    z3::context& cx = k.ctx();
    z3::expr t = s.type(k);
    z3::expr needs =
        s.alive(k) &&
        ((t == U32(cx, ZX_OBJ_TYPE_PROCESS) && s.proc_state(k) != U8(cx, kProcRunning)) ||
         t == U32(cx, ZX_OBJ_TYPE_CHANNEL) || t == U32(cx, ZX_OBJ_TYPE_STREAM) ||
         t == U32(cx, ZX_OBJ_TYPE_RESOURCE) || (t == U32(cx, ZX_OBJ_TYPE_VMAR) && !s.vmar_live(k)));
    return Implies(needs, Handled(s, k));
  });
  Formula vmos = ForallKoid(c, [s](const z3::expr& k) -> Formula {
    z3::context& cx = k.ctx();
    Formula mapped = Formula::Exists(cx, {Sort::kKoid, Sort::kAddr}, [s, k](const Args& a) -> Formula {
      return s.map_alive(a[0], a[1]) && s.map_vmo(a[0], a[1]) == k;
    });
    Formula streamed = Formula::Exists(cx, {Sort::kKoid}, [s, k](const Args& a) -> Formula {
      return IsType(s, a[0], ZX_OBJ_TYPE_STREAM) && s.stream_vmo(a[0]) == k && Handled(s, a[0]);
    });
    return Implies(IsType(s, k, ZX_OBJ_TYPE_VMO), Handled(s, k) || mapped || streamed);
  });
  Formula memories = ForallMemory(c, [s](const z3::expr& m) -> Formula {
    Formula viewed = Formula::Exists(m.ctx(), {Sort::kKoid}, [s, m](const Args& a) -> Formula {
      return IsType(s, a[0], ZX_OBJ_TYPE_VMO) && s.vmo_memory(a[0]) == m;
    });
    return Implies(s.m_alive(m), viewed);
  });
  return Formula::And({needs_handle, vmos, memories}, c);
}

}  // namespace zxspec::spec
