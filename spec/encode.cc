// The encoding vocabulary (see encode.h).
#include "spec/encode.h"

#include "api/constants.h"
#include "spec/lifecycle.h"

namespace zxspec::spec {

z3::expr U64(z3::context& c, uint64_t v) { return c.bv_val(v, 64); }
z3::expr U32(z3::context& c, uint64_t v) { return c.bv_val(v, 32); }
z3::expr U8(z3::context& c, uint64_t v) { return c.bv_val(v, 8); }
z3::expr StatusVal(z3::context& c, zx_status_t s) {
  return c.bv_val(static_cast<uint64_t>(static_cast<uint32_t>(s)), 32);
}
z3::expr MaxVmoSize(z3::context& c) { return U64(c, kVmoMaxSize); }
z3::expr True(z3::context& c) { return c.bool_val(true); }
z3::expr False(z3::context& c) { return c.bool_val(false); }

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

z3::expr Within(const z3::expr& flags, const z3::expr& allowed) {
  return (flags & ~allowed) == flags.ctx().bv_val(0, flags.get_sort().bv_size());
}

z3::expr PageAligned(const z3::expr& v64) {
  z3::context& c = v64.ctx();
  return (v64 & U64(c, ZX_PAGE_SIZE - 1)) == U64(c, 0);
}

z3::expr NoWrap(const z3::expr& a, const z3::expr& b) {
  return z3::bvadd_no_overflow(a, b, /*is_signed=*/false);
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

Rounded RoundUpPage(const z3::expr& v) {
  z3::context& c = v.ctx();
  return {NoWrap(v, U64(c, ZX_PAGE_SIZE - 1)),
          (v + U64(c, ZX_PAGE_SIZE - 1)) & U64(c, ~uint64_t{ZX_PAGE_SIZE - 1})};
}

z3::expr IsType(const SymState& s, const z3::expr& koid, zx_obj_type_t type) {
  return s.alive(koid) && s.type(koid) == U32(koid.ctx(), type);
}

z3::expr IsSlice(const SymState& s, const z3::expr& koid) {
  return s.vmo_kind(koid) == U8(koid.ctx(), kKindSlice);
}

z3::expr LiveProcess(const SymState& s, const z3::expr& koid) {
  return IsType(s, koid, ZX_OBJ_TYPE_PROCESS) && s.proc_state(koid) != U8(koid.ctx(), kProcDead);
}

// ---- checks and paths ----

Checks& Checks::Fail(const Formula& cond, zx_status_t status, std::string rule) {
  items_.push_back({cond, status, std::move(rule), std::nullopt, SymResult::None(), false});
  return *this;
}

Checks& Checks::FailWith(const Formula& cond, zx_status_t status, std::string rule,
                         const SymState& post, bool collect) {
  items_.push_back({cond, status, std::move(rule), post, SymResult::None(), collect});
  return *this;
}

Checks& Checks::Succeed(const Formula& cond, std::string rule, SymResult result) {
  items_.push_back({cond, ZX_OK, std::move(rule), std::nullopt, std::move(result), false});
  return *this;
}

Checks& Checks::Unreachable(std::string why) {
  items_.back().unreachable = std::move(why);
  return *this;
}

Formula Checks::Passed() const {
  std::vector<Formula> parts;
  for (const auto& it : items_) parts.push_back(!it.cond);
  return Formula::And(parts, *c_);
}

namespace {

std::string PathName(const std::string& rule, zx_status_t status) {
  return rule + " " + std::string(StatusName(status));
}

bool IsFalse(const Formula& f) { return f.quantifier_free() && f.expr().is_false(); }
bool IsTrue(const Formula& f) { return f.quantifier_free() && f.expr().is_true(); }

Formula Conj(const Formula& a, const Formula& b) {
  if (IsTrue(a)) return b;
  if (IsTrue(b)) return a;
  return a && b;
}

}  // namespace

Paths Then(const SymState& pre, const Checks& checks, Paths ok) {
  Paths out;
  Formula passed = True(checks.ctx());
  for (const auto& it : checks.items()) {
    Formula g = Conj(passed, it.cond);
    if (!IsFalse(g)) {
      Path p{PathName(it.rule, it.status), g, it.status, it.post ? *it.post : pre, it.result, {}, {}, {},
             it.unreachable};
      if (it.collect) p.post = Collect(p.post, p.choices);
      out.push_back(std::move(p));
    }
    // A check that always fails (cond true) leaves nothing after it: no dead path follows.
    passed = IsTrue(it.cond) ? Formula(False(checks.ctx())) : Conj(passed, !it.cond);
    if (IsFalse(passed)) return out;
  }
  return Join(std::move(out), Guard(passed, std::move(ok)));
}

zx_status_t StatusOn(const Path& p) {
  if (!p.status_word) return p.status;
  auto v = NumeralOf(p.status_word->simplify());
  return v ? static_cast<zx_status_t>(static_cast<uint32_t>(*v)) : kStatusOfWord;
}

Paths Case(const Formula& cond, Paths a, Paths b) {
  return Join(Guard(cond, std::move(a)), Guard(!cond, std::move(b)));
}

Paths Guard(const Formula& guard, Paths paths) {
  if (IsFalse(guard)) return {};
  if (IsTrue(guard)) return paths;
  for (Path& p : paths) p.guard = Conj(guard, p.guard);
  return paths;
}

Paths Join(Paths a, const Paths& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Paths Ok(const SymState& post, std::string rule, SymResult result, bool collect) {
  Path p{PathName(rule, ZX_OK), True(post.ctx()), ZX_OK, post, std::move(result), {}, {}, {}};
  if (collect) p.post = Collect(p.post, p.choices);
  return {p};
}

Paths Unreachable(const std::string& why, Paths p) {
  for (Path& x : p) x.unreachable = why;
  return p;
}

Paths Named(const std::string& prefix, Paths p) {
  for (Path& x : p) x.name = prefix + " " + x.name;
  return p;
}

// ---- handles ----

Paths LookupHandle(const SymState& pre, const z3::expr& caller, const z3::expr& h,
                   const std::function<Paths(const FoundHandle&)>& f, const std::string& rule) {
  z3::context& c = pre.ctx();
  Checks checks(c);
  checks.Fail(h == U32(c, ZX_HANDLE_INVALID) || !pre.h_alive(caller, h), ZX_ERR_BAD_HANDLE,
              rule);  // GEN-001 (1), GEN-003
  FoundHandle found{caller, h, pre.h_object(caller, h), pre.h_rights(caller, h)};
  return Then(pre, checks, f(found));
}

Paths LookupTyped(const SymState& pre, const z3::expr& caller, const z3::expr& h,
                  zx_obj_type_t type, const std::function<Paths(const FoundHandle&)>& f,
                  const std::string& rule) {
  return LookupHandle(pre, caller, h, [&](const FoundHandle& found) {
    Checks checks(pre.ctx());
    checks.Fail(!IsType(pre, found.object, type), ZX_ERR_WRONG_TYPE, rule);  // GEN-001 (2)
    return Then(pre, checks, f(found));
  }, rule);
}

Paths LookupWithRights(const SymState& pre, const z3::expr& caller, const z3::expr& h,
                       zx_obj_type_t type, zx_rights_t rights,
                       const std::function<Paths(const FoundHandle&)>& f, const std::string& rule) {
  return LookupWithRights(pre, caller, h, type, U32(pre.ctx(), rights), f, rule);
}

Paths LookupWithRights(const SymState& pre, const z3::expr& caller, const z3::expr& h,
                       zx_obj_type_t type, const z3::expr& rights,
                       const std::function<Paths(const FoundHandle&)>& f, const std::string& rule) {
  return LookupTyped(pre, caller, h, type, [&](const FoundHandle& found) {
    Checks checks(pre.ctx());
    checks.Fail(!HasRights(found.rights, rights), ZX_ERR_ACCESS_DENIED, rule);  // GEN-001 (3)
    return Then(pre, checks, f(found));
  }, rule);
}

z3::expr HandleValue(const z3::expr& counter) {
  return z3::shl(counter, U32(counter.ctx(), 2)) | U32(counter.ctx(), ZX_HANDLE_FIXED_BITS_MASK);
}

Derived DerivedRights(const z3::expr& have, const z3::expr& requested) {
  z3::context& c = have.ctx();
  z3::expr same = requested == U32(c, ZX_RIGHT_SAME_RIGHTS);
  return Derived{!same && !Within(requested, have), z3::ite(same, have, requested)};
}

SymState InstallHandle(const SymState& s, const z3::expr& process, const z3::expr& object,
                       const z3::expr& rights, z3::expr* value) {
  z3::context& c = s.ctx();
  z3::expr k = s.proc_installed(process) + U32(c, 1);
  z3::expr v = HandleValue(k);
  SymState out = s;
  out.proc_installed = s.proc_installed.Set(process, k);
  out.h_alive = s.h_alive.Set(process, v, True(c));
  out.h_object = s.h_object.Set(process, v, object);
  out.h_rights = s.h_rights.Set(process, v, rights);
  *value = v;
  return out;
}

SymState RemoveHandle(const SymState& s, const z3::expr& process, const z3::expr& value) {
  z3::context& c = s.ctx();
  SymState out = s;
  out.h_alive = s.h_alive.Set(process, value, False(c));
  out.h_object = s.h_object.Set(process, value, U64(c, 0));
  out.h_rights = s.h_rights.Set(process, value, U32(c, 0));
  return out;
}

namespace {

// |s| with every field keyed first by |id| (of sort |sort|) at its default: a new identity
// starts with nothing, whatever the havoc pre-state held there.
SymState Blank(const SymState& s, Sort sort, const z3::expr& id) {
  SymState out = s;
  for (const auto& f : Fields()) {
    if (f.args.empty() || f.args[0] != sort) continue;
    Fn& field = out.*f.member;
    z3::expr zero = DefaultOf(s.ctx(), f.shape());
    field = f.args.size() == 1
                ? field.Set(id, zero)
                : field.Where([id](const Args& at) { return EqFold(at[0], id); },
                              [zero](const Args&) { return zero; });
  }
  return out;
}

}  // namespace

SymState NewObject(const SymState& s, zx_obj_type_t type, z3::expr* koid) {
  z3::context& c = s.ctx();
  z3::expr k = s.next_koid(Args{});
  SymState out = Blank(s, Sort::kKoid, k);
  out.next_koid = s.next_koid.Set(Args{}, k + U64(c, 1));
  out.alive = out.alive.Set(k, True(c));
  out.type = out.type.Set(k, U32(c, type));
  *koid = k;
  return out;
}

SymState NewMemory(const SymState& s, z3::expr* id) {
  z3::context& c = s.ctx();
  z3::expr m = s.next_memory(Args{});
  SymState out = Blank(s, Sort::kMemory, m);
  out.next_memory = s.next_memory.Set(Args{}, m + U64(c, 1));
  out.m_alive = out.m_alive.Set(m, True(c));
  *id = m;
  return out;
}

// ---- views ----

View ViewOf(const SymState& s, const z3::expr& koid) {
  z3::context& c = s.ctx();
  z3::expr slice = IsSlice(s, koid);
  z3::expr m = s.vmo_memory(koid);
  return View{koid,
              slice,
              m,
              z3::ite(slice, s.slice_size(koid), s.m_size(m)),
              z3::ite(slice, s.slice_stream_size(koid), s.m_stream_size(m)),
              !slice && s.m_resizable(m),
              s.vmo_kind(koid) == U8(c, kKindRoot) && s.m_discardable(m),
              z3::ite(slice, s.vmo_offset(koid), U64(c, 0))};
}

SymState View::WithStreamSize(const SymState& s, const z3::expr& v) const {
  SymState out = s;
  // Update closures outlive this View: they capture by value.
  z3::expr is_slice = slice, k = koid, m = memory;
  out.slice_stream_size = s.slice_stream_size.Where(
      [is_slice, k](const Args& at) { return is_slice && EqFold(at[0], k); },
      [v](const Args&) { return v; });
  out.m_stream_size = s.m_stream_size.Where(
      [is_slice, m](const Args& at) { return !is_slice && EqFold(at[0], m); },
      [v](const Args&) { return v; });
  return out;
}

z3::expr Widen64(const z3::expr& e) {
  const unsigned bits = e.get_sort().bv_size();
  return bits >= 64 ? e : z3::zext(e, 64 - bits);
}

Paths WithChoices(Paths p, const std::vector<NamedFormula>& choices) {
  for (Path& path : p) path.choices.insert(path.choices.end(), choices.begin(), choices.end());
  return p;
}

}  // namespace zxspec::spec
