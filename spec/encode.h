// File: spec/encode.h (internal to spec/)
//
// The vocabulary the transition encodings are written in.
//
// A transition is a list of paths. A path is a guard, a status and a post-state; under the
// encoding's assumptions exactly one guard holds. Paths come from case splits on what a symbolic
// index names: the handle slot an argument names, the object slot that handle names, the memory
// slot a VMO views, the free slot a creation takes (`ForSlot`, `ForFirstFree`, `ForCallerHandle`,
// `ForView`). Inside a path every slot is a concrete one, so
//  - the checks read concrete slot fields, and the status is the nested ite of the model's
//    checks in their order (`Checks`), ending in ZX_OK;
//  - the post-state is the new state if the status is ZX_OK and the pre-state otherwise
//    (`Done`), updated at concrete slots only: slots a path does not touch are the pre-state's
//    own terms, so an invariant's instances on them are literally the assumed ones.
// The lookup of model/core.h is `ForCallerHandle` + `ForObject` in GEN-001 order: the failing
// cases become paths of their own with the pre-state.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/zircon.h"
#include "spec/state.h"

namespace zxspec::spec {

// ---- numerals and bit tests ----
z3::expr U64(z3::context& c, uint64_t v);
z3::expr U32(z3::context& c, uint64_t v);
z3::expr Index(z3::context& c, uint64_t i);
z3::expr StatusVal(z3::context& c, zx_status_t s);  // a 32-bit two's-complement status
z3::expr MaxVmoSize(z3::context& c);                 // VMO-003

z3::expr HasRights(const z3::expr& have, zx_rights_t need);        // (have & need) == need
z3::expr HasRights(const z3::expr& have, const z3::expr& need);    // the same, |need| symbolic
z3::expr HasBits(const z3::expr& flags, uint64_t bits);            // any of |bits| set
z3::expr Without(const z3::expr& flags, uint64_t bits);            // flags & ~bits
z3::expr PageAligned(const z3::expr& v64);                         // v % 4096 == 0
z3::expr Min(const z3::expr& a, const z3::expr& b);                // unsigned
z3::expr Max(const z3::expr& a, const z3::expr& b);                // unsigned

// Flat n-ary conjunction / disjunction (`true` / `false` when empty). Large formulas are built
// this way rather than as a chain of binary && / ||: a chain thousands deep is slow for Z3 to
// free when its context goes away.
z3::expr AndAll(z3::context& c, const std::vector<z3::expr>& parts);
z3::expr OrAll(z3::context& c, const std::vector<z3::expr>& parts);

z3::expr IsVmo(const SymObject& o);
z3::expr IsSlice(const SymObject& o);
z3::expr IsType(const SymObject& o, zx_obj_type_t type);

// ---- statuses in check order ----

// Checks listed in the model's order; `Build` gives the nested ite where the first failing
// check decides and ZX_OK comes last:
//   Checks(c).Fail(!resizable, ZX_ERR_UNAVAILABLE).Fail(big, ZX_ERR_OUT_OF_RANGE).Build()
//   == ite(!resizable, UNAVAILABLE, ite(big, OUT_OF_RANGE, OK))
class Checks {
 public:
  explicit Checks(z3::context& c) : c_(&c) {}
  // |cond| fails the call with |status|.
  Checks& Fail(const z3::expr& cond, zx_status_t status);
  // |cond| ends the call with |status| (ZX_OK for an early no-op success, or a sub-status).
  Checks& Return(const z3::expr& cond, const z3::expr& status);
  // A sub-status (a shared helper's): its error, if any, is reported here.
  Checks& Sub(const z3::expr& status);
  // The nested ite of the checks, ending in ZX_OK.
  z3::expr Build() const;
  // Build() == ZX_OK, as a conjunction of the checks' conditions (so a path's guard holds the
  // very atoms the checks test, e.g. ule(size, VMO_MAX_SIZE)).
  z3::expr Ok() const;

 private:
  struct Item {
    z3::expr cond;
    z3::expr status;
  };
  z3::context* c_;
  std::vector<Item> items_;
};

// ---- paths ----

struct Path {
  z3::expr guard;
  z3::expr status;  // 32-bit zx_status_t
  SymState state;
};
using Paths = std::vector<Path>;

// A path that ends the call with error |status| and changes nothing.
Paths Fail(const SymState& pre, const z3::expr& guard, zx_status_t status);
// |ok_state| if |checks| pass, |pre| with their status otherwise (two paths).
Paths Done(const SymState& pre, const Checks& checks, const SymState& ok_state);
// |ok| (the paths of a call that goes on) if |checks| pass; otherwise the call ends with their
// status and |pre|.
Paths Then(const SymState& pre, const Checks& checks, Paths ok);
// |cond| ? |a| : |b| (only the branch that holds when |pre| is concrete).
Paths Case(const SymState& pre, const z3::expr& cond, Paths a, Paths b);
// |e| simplified when |s| is concrete (a condition over numerals folds to true or false).
z3::expr Fold(const SymState& s, const z3::expr& e);
// |guard| conjoined to every path's guard (no paths when it is the literal false).
Paths Guard(const z3::expr& guard, Paths paths);
// Concatenation.
Paths Join(Paths a, const Paths& b);

// The call's status: the status of the path whose guard holds.
z3::expr StatusOf(const Paths& paths);
// Some path's guard holds.
z3::expr Covered(const Paths& paths);
// The conjuncts of |e| (nested ANDs flattened, `true` dropped).
void Conjuncts(const z3::expr& e, std::vector<z3::expr>& out);
// |inv| holds in the post-state of every path whose guard holds, given that the conjuncts of
// |assumed| hold: a conjunct of |inv| on a path's state that is the very term of a conjunct of
// |assumed| (hash-consing makes equal terms one AST) is dropped, so what remains are the
// instances over the slots the path changed.
z3::expr HoldsAfter(const Paths& paths, const std::function<z3::expr(const SymState&)>& inv,
                    const z3::expr& assumed);

// The paths of f(i) for each slot i of |pool|, each under |idx == i|.
template <class Slot, class F>
Paths ForSlot(const std::vector<Slot>& pool, const z3::expr& idx, F&& f) {
  Paths out;
  uint64_t known = 0;
  if (idx.is_numeral_u64(known)) {  // a concrete index: that slot only
    if (known < pool.size()) out = f(static_cast<size_t>(known));
    return out;
  }
  for (size_t i = 0; i < pool.size(); ++i) {
    out = Join(std::move(out), Guard(idx == static_cast<int>(i), f(i)));
  }
  return out;
}

// Creations take the last slot of a pool, and every encoding that creates something assumes
// that slot is free ("bound:free-<pool>", `LastSlotFree`). This loses no generality: slots are
// interchangeable (every invariant quantifies over them alike, and nothing refers to a dead
// slot), so any pre-state with a free slot is a renumbering of one whose last slot is free. It
// also matches the model's creation order: the abstraction of a model state lists live things
// in creation order followed by one free slot, where the new thing lands.
template <class Slot>
size_t NewSlot(const std::vector<Slot>& pool) {
  return pool.size() - 1;
}
template <class Slot>
z3::expr LastSlotFree(const std::vector<Slot>& pool) {
  return !pool.back().alive;
}

// Whether |idx| names a live slot of |pool|.
template <class Slot>
z3::expr LiveAt(const std::vector<Slot>& pool, const z3::expr& idx) {
  std::vector<z3::expr> parts;
  for (size_t i = 0; i < pool.size(); ++i) parts.push_back(idx == static_cast<int>(i) && pool[i].alive);
  return OrAll(idx.ctx(), parts);
}

// ---- handle lookup (model/core.h, GEN-001) ----

// Handle argument |h| names live handle slot |i| of the caller's table.
z3::expr CallerHandleIs(const SymState& s, const z3::expr& h, size_t i);

// The paths of f(i) for the caller's handle slot i that |h| names, and of none() when it
// names none.
template <class F, class G>
Paths ForCallerHandleElse(const SymState& pre, const z3::expr& h, F&& f, G&& none) {
  Paths out;
  z3::expr named = h.ctx().bool_val(false);
  for (size_t i = 0; i < pre.handles.size(); ++i) {
    z3::expr g = Fold(pre, CallerHandleIs(pre, h, i));
    if (g.is_false()) continue;
    named = named || g;
    out = Join(std::move(out), Guard(g, f(i)));
  }
  return Join(std::move(out), Guard(Fold(pre, !named), none()));
}

// Step 1: the paths of f(i) for the caller's handle slot i that |h| names, and a BAD_HANDLE
// path when it names none.
template <class F>
Paths ForCallerHandle(const SymState& pre, const z3::expr& h, F&& f) {
  return ForCallerHandleElse(pre, h, std::forward<F>(f), [&] {
    return Fail(pre, pre.ctx().bool_val(true), ZX_ERR_BAD_HANDLE);
  });
}

// The paths of f(j) for the object slot j that handle slot |i| names. Handles name live objects
// (handles-valid), so there is no path for a dangling handle.
template <class F>
Paths ForObject(const SymState& pre, size_t i, F&& f) {
  return ForSlot(pre.objects, pre.handles[i].object, std::forward<F>(f));
}

// Steps 1-3: BAD_HANDLE, WRONG_TYPE (no live object of |type|), ACCESS_DENIED (|rights|), then
// the paths of f(i, j) for handle slot i and object slot j.
template <class F>
Paths LookupWithRights(const SymState& pre, const z3::expr& h, zx_obj_type_t type,
                       zx_rights_t rights, F&& f) {
  z3::context& c = pre.ctx();
  return ForCallerHandle(pre, h, [&](size_t i) {
    return ForObject(pre, i, [&](size_t j) {
      Checks checks(c);
      checks.Fail(!(pre.objects[j].alive && IsType(pre.objects[j], type)),
                  ZX_ERR_WRONG_TYPE)                                                // GEN-001 (2)
          .Fail(!HasRights(pre.handles[i].rights, rights), ZX_ERR_ACCESS_DENIED);  // (3)
      return Then(pre, checks, f(i, j));
    });
  });
}

// ---- VMO views (model/vmo.h) ----

// Where the size and stream size of a VMO live (VMO-004/005): a slice's own fields (VMO-081),
// otherwise the fields of the memory slot it views.
struct View {
  z3::expr size;
  z3::expr stream_size;
  z3::expr resizable;    // VmoResizable: never for slices (VMO-080)
  z3::expr discardable;  // VmoDiscardable: roots only
  bool slice;            // the slice case
  size_t object;         // the VMO's slot
  size_t memory;         // the memory slot (when !slice)
  // |s| with the stream-size cell of this view set to |v|.
  SymState WithStreamSize(const SymState& s, const z3::expr& v) const;
};

// The paths of f(view) for VMO object slot |j|: the slice case and, for other kinds, each
// memory slot it may view (VMOs view live memories: vmo-tree-consistent).
Paths ForView(const SymState& pre, size_t j, const std::function<Paths(const View&)>& f);

// ---- assumptions of an encoding ----

struct NamedExpr {
  std::string name;
  z3::expr e;
};

// The result of encoding one call on a pre-state.
struct SymStep {
  Paths paths;
  // What the encoding needs of the pre-state and arguments beyond the invariants: free slots for
  // what it creates ("bound:free-<pool>"), finite argument buffers ("arg:finite-buffer").
  // Asserted, tracked by name, in every proof of the operation.
  std::vector<NamedExpr> assumes;
};

}  // namespace zxspec::spec
