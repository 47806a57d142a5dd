// The encoding vocabulary (see encode.h).
#include "spec/encode.h"

#include <map>
#include <set>

namespace zxspec::spec {

z3::expr U64(z3::context& c, uint64_t v) { return c.bv_val(v, 64); }
z3::expr U32(z3::context& c, uint64_t v) { return c.bv_val(v, 32); }
z3::expr Index(z3::context& c, uint64_t i) { return c.bv_val(i, kIndexBits); }
z3::expr StatusVal(z3::context& c, zx_status_t s) {
  return c.bv_val(static_cast<uint64_t>(static_cast<uint32_t>(s)), 32);
}
z3::expr MaxVmoSize(z3::context& c) { return U64(c, kVmoMaxSize); }

z3::expr HasRights(const z3::expr& have, zx_rights_t need) {
  return HasRights(have, have.ctx().bv_val(need, 32));
}

z3::expr HasRights(const z3::expr& have, const z3::expr& need) { return (have & need) == need; }

z3::expr HasBits(const z3::expr& flags, uint64_t bits) {
  unsigned w = flags.get_sort().bv_size();
  return (flags & flags.ctx().bv_val(bits, w)) != flags.ctx().bv_val(0, w);
}

z3::expr Without(const z3::expr& flags, uint64_t bits) {
  return flags & ~flags.ctx().bv_val(bits, flags.get_sort().bv_size());
}

z3::expr PageAligned(const z3::expr& v64) {
  z3::context& c = v64.ctx();
  return (v64 & U64(c, ZX_PAGE_SIZE - 1)) == U64(c, 0);
}

z3::expr Min(const z3::expr& a, const z3::expr& b) { return z3::ite(z3::ult(a, b), a, b); }
z3::expr Max(const z3::expr& a, const z3::expr& b) { return z3::ite(z3::ult(a, b), b, a); }

z3::expr AndAll(z3::context& c, const std::vector<z3::expr>& parts) {
  if (parts.empty()) return c.bool_val(true);
  if (parts.size() == 1) return parts.front();
  z3::expr_vector v(c);
  for (const auto& p : parts) v.push_back(p);
  return z3::mk_and(v);
}

z3::expr OrAll(z3::context& c, const std::vector<z3::expr>& parts) {
  if (parts.empty()) return c.bool_val(false);
  if (parts.size() == 1) return parts.front();
  z3::expr_vector v(c);
  for (const auto& p : parts) v.push_back(p);
  return z3::mk_or(v);
}

z3::expr IsType(const SymObject& o, zx_obj_type_t type) {
  return o.type == U32(o.type.ctx(), type);
}
z3::expr IsVmo(const SymObject& o) { return IsType(o, ZX_OBJ_TYPE_VMO); }
z3::expr IsSlice(const SymObject& o) { return o.kind == static_cast<int>(kKindSlice); }

// ---- checks ----

Checks& Checks::Fail(const z3::expr& cond, zx_status_t status) {
  return Return(cond, StatusVal(*c_, status));
}

Checks& Checks::Return(const z3::expr& cond, const z3::expr& status) {
  items_.push_back({cond, status});
  return *this;
}

Checks& Checks::Sub(const z3::expr& status) {
  return Return(status != StatusVal(*c_, ZX_OK), status);
}

z3::expr Checks::Build() const {
  z3::expr r = StatusVal(*c_, ZX_OK);
  for (size_t i = items_.size(); i-- > 0;) r = z3::ite(items_[i].cond, items_[i].status, r);
  return r;
}

z3::expr Checks::Ok() const {
  z3::expr ok_status = StatusVal(*c_, ZX_OK);
  z3::expr r = c_->bool_val(true);
  for (size_t i = items_.size(); i-- > 0;) {
    const Item& it = items_[i];
    z3::expr decided_ok = (it.status == ok_status).simplify();
    if (decided_ok.is_false()) {
      r = !it.cond && r;  // a failure
    } else if (decided_ok.is_true()) {
      r = it.cond || r;  // an early success
    } else {
      r = (it.cond && decided_ok) || (!it.cond && r);
    }
  }
  return r;
}

// ---- paths ----

Paths Fail(const SymState& pre, const z3::expr& guard, zx_status_t status) {
  return {Path{guard, StatusVal(pre.ctx(), status), pre}};
}

z3::expr Fold(const SymState& s, const z3::expr& e) { return s.concrete() ? e.simplify() : e; }

Paths Done(const SymState& pre, const Checks& checks, const SymState& ok_state) {
  z3::expr ok = Fold(pre, checks.Ok());
  if (ok.is_true()) return {Path{ok, StatusVal(pre.ctx(), ZX_OK), ok_state}};
  if (ok.is_false()) return {Path{!ok, Fold(pre, checks.Build()), pre}};
  return {Path{ok, StatusVal(pre.ctx(), ZX_OK), ok_state}, Path{!ok, checks.Build(), pre}};
}

Paths Then(const SymState& pre, const Checks& checks, Paths ok) {
  z3::expr passed = Fold(pre, checks.Ok());
  Paths out = Guard(passed, std::move(ok));
  if (!passed.is_true()) out.push_back(Path{!passed, Fold(pre, checks.Build()), pre});
  return out;
}

Paths Case(const SymState& pre, const z3::expr& cond, Paths a, Paths b) {
  z3::expr c = Fold(pre, cond);
  return Join(Guard(c, std::move(a)), Guard(!c, std::move(b)));
}

Paths Guard(const z3::expr& guard, Paths paths) {
  z3::expr g = guard;
  if (g.is_not() && (g.arg(0).is_true() || g.arg(0).is_false())) {
    g = g.ctx().bool_val(g.arg(0).is_false());
  }
  if (g.is_false()) return {};
  if (g.is_true()) return paths;
  for (Path& p : paths) p.guard = p.guard.is_true() ? g : g && p.guard;
  return paths;
}

Paths Join(Paths a, const Paths& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

z3::expr StatusOf(const Paths& paths) {
  z3::expr r = paths.back().status;
  for (size_t i = paths.size() - 1; i-- > 0;) r = z3::ite(paths[i].guard, paths[i].status, r);
  return r;
}

z3::expr Covered(const Paths& paths) {
  std::vector<z3::expr> guards;
  for (const Path& p : paths) guards.push_back(p.guard);
  return OrAll(paths.front().guard.ctx(), guards);
}

void Conjuncts(const z3::expr& e, std::vector<z3::expr>& out) {
  if (e.is_app() && e.decl().decl_kind() == Z3_OP_AND) {
    for (unsigned i = 0; i < e.num_args(); ++i) Conjuncts(e.arg(i), out);
  } else if (!e.is_true()) {
    out.push_back(e);
  }
}

z3::expr HoldsAfter(const Paths& paths, const std::function<z3::expr(const SymState&)>& inv,
                    const z3::expr& assumed) {
  z3::context& c = paths.front().guard.ctx();
  std::vector<z3::expr> known;
  Conjuncts(assumed, known);
  std::set<unsigned> ids;
  for (const auto& k : known) ids.insert(Z3_get_ast_id(c, k));
  // Paths that end in the same state (all error paths end in the pre-state) share one check.
  std::map<std::vector<unsigned>, size_t> index;
  std::vector<std::vector<z3::expr>> guards;
  std::vector<const SymState*> states;
  for (const Path& p : paths) {
    auto [it, added] = index.emplace(p.state.Fingerprint(), guards.size());
    if (added) {
      guards.push_back({p.guard});
      states.push_back(&p.state);
    } else {
      guards[it->second].push_back(p.guard);
    }
  }
  std::vector<z3::expr> checks;
  for (size_t i = 0; i < states.size(); ++i) {
    std::vector<z3::expr> parts;
    Conjuncts(inv(*states[i]), parts);
    std::vector<z3::expr> fresh;
    for (const auto& part : parts) {
      if (!ids.count(Z3_get_ast_id(c, part))) fresh.push_back(part);
    }
    if (!fresh.empty()) checks.push_back(z3::implies(OrAll(c, guards[i]), AndAll(c, fresh)));
  }
  return AndAll(c, checks);
}

// ---- lookup ----

z3::expr CallerHandleIs(const SymState& s, const z3::expr& h, size_t i) {
  return h == static_cast<int>(i) && s.handles[i].alive && s.handles[i].caller;
}

// ---- views ----

SymState View::WithStreamSize(const SymState& s, const z3::expr& v) const {
  SymState out = s;
  if (slice) {
    out.objects[object].slice_stream_size = v;
  } else {
    out.memories[memory].stream_size = v;
  }
  return out;
}

Paths ForView(const SymState& pre, size_t j, const std::function<Paths(const View&)>& f) {
  const SymObject& o = pre.objects[j];
  z3::context& c = pre.ctx();
  View slice{o.slice_size, o.slice_stream_size, c.bool_val(false), c.bool_val(false), true, j, 0};
  z3::expr is_slice = Fold(pre, IsSlice(o));
  Paths out = is_slice.is_false() ? Paths{} : Guard(is_slice, f(slice));
  if (is_slice.is_true()) return out;
  Paths viewed = ForSlot(pre.memories, o.memory, [&](size_t m) {
    const SymMemory& mem = pre.memories[m];
    View v{mem.size, mem.stream_size, mem.resizable,
           o.kind == static_cast<int>(kKindRoot) && mem.discardable, false, j, m};
    return f(v);
  });
  return Join(std::move(out), Guard(Fold(pre, !IsSlice(o)), std::move(viewed)));
}

}  // namespace zxspec::spec
