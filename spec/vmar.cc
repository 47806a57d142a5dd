// VMARs in Z3: zx_vmar_allocate, zx_vmar_unmap and zx_vmar_destroy (vmar.md VMAR-012..016,
// VMAR-030..033, VMAR-050..052, VMAR-060), mirroring model/vmar.cc check by check.
//
// Children are parent pointers and mapping keys (spec/aspace.h), so the model's list edits are
// field updates: a VMAR subtree dies by `DestroyVmars`; an unmapped range removes the mappings
// keyed inside it, trims the one keyed before it, and re-keys the part of a mapping that straddles
// its end at the end address. Which mapping straddles is a lookup (`MappingWhere`): computed over
// a concrete state, a choice of the path otherwise, with the constraint that states it exactly.
//
// Placement without SPECIFIC (VMAR-060: the lowest aligned free slot) is computed over a concrete
// state; over a symbolic one it is a choice of the path, any aligned free slot inside the range
// (`Placement`): the proofs hold for every legal placement, the lowest included, and every
// comparison with model::Step pins the lowest.
#include <algorithm>

#include "spec/aspace.h"
#include "spec/ops.h"

namespace zxspec::spec {

SymState DropMappings(const SymState& s, const std::function<z3::expr(const Args&)>& which) {
  z3::context& c = s.ctx();
  SymState out = s;
  for (const auto& f : Fields()) {  // mappings and page permissions, keyed (VMAR, base)
    if (f.args.size() < 2 || f.args[0] != Sort::kKoid || f.args[1] != Sort::kAddr) continue;
    z3::expr zero = DefaultOf(c, f.shape());
    out.*f.member = (out.*f.member).Where(which, [zero](const Args&) { return zero; });
  }
  return out;
}

SymState DestroyVmars(const SymState& s, const Pick& which) {
  z3::context& c = s.ctx();
  auto doomed = [which](const Args& at) { return which(at[0]); };
  SymState out = DropMappings(s, doomed);
  out.vmar_live = s.vmar_live.Where(doomed, [&c](const Args&) { return False(c); });
  return out;
}

Which MappingWhere(const SymState& s, const z3::expr& v, const std::string& what, const Pick& holds) {
  z3::context& c = s.ctx();
  auto picks = [s, v, holds](const z3::expr& b) { return s.map_alive(v, b) && holds(b); };
  const Table* alive = Plain(s.map_alive);
  if (auto vmar = NumeralOf(v.simplify()); alive != nullptr && vmar) {
    std::optional<Which> out = Which{U64(c, 0), False(c), {}};
    for (const auto& [key, on] : *alive) {
      if (key[0] != *vmar) continue;
      auto yes = NumeralOf(picks(U64(c, key[1])).simplify());
      if (!yes) out.reset();  // not concrete after all
      if (!yes || *yes == 0) continue;
      out = Which{U64(c, key[1]), True(c), {}};
      break;
    }
    if (out) return *out;
  }
  z3::expr b = s.choices->Make(c, what, FnShape{{}, 64})(Args{});
  Formula unique = Formula::Forall(c, {Sort::kAddr}, [picks, b](const Args& x) -> Formula {
    return z3::implies(picks(x[0]), x[0] == b);
  });
  return {b, picks(b), {{what + ": the one mapping it names", unique}}};
}

uint64_t PagesHolding(const Table& perms, uint64_t w, uint64_t b, uint64_t from, uint64_t to, uint64_t want) {
  uint64_t n = 0;
  for (const auto& [k, bits] : perms) {
    if (k[0] == w && k[1] == b && k[2] >= from && k[2] < to && (want & ~bits) == 0) ++n;
  }
  return n;
}

Formula Free(const SymState& s, const z3::expr& v, const z3::expr& p, const z3::expr& n) {
  z3::context& c = s.ctx();
  return Formula::Forall(c, {Sort::kKoid}, [s, v, p, n](const Args& w) -> Formula {
           return z3::implies(SubVmar(s, w[0]) && s.vmar_parent(w[0]) == v,
                              Apart(p, n, s.vmar_base(w[0]), s.vmar_size(w[0])));
         }) &&
         Formula::Forall(c, {Sort::kAddr}, [s, v, p, n](const Args& b) -> Formula {
           return z3::implies(s.map_alive(v, b[0]), Apart(p, n, b[0], s.map_size(v, b[0])));
         });
}

SymState UnmapMappings(const SymState& s, const z3::expr& v, const z3::expr& a, const z3::expr& n,
                       const Which& right) {
  z3::context& c = s.ctx();
  const z3::expr e = a + n;
  SymState out = s;
  auto gone = [v, a, n](const Args& at) { return at[0] == v && Contains(a, n, at[1]); };
  auto trimmed = [s, v, a](const Args& at) {
    return at[0] == v && s.map_alive(v, at[1]) && z3::ult(at[1], a) &&
           z3::ugt(End(at[1], s.map_size(v, at[1])), Wide(a));
  };
  const z3::expr r = right.base;
  auto split = [v, e, right](const Args& at) { return at[0] == v && at[1] == e && right.found; };
  auto field = [&](Fn SymState::*f, const std::function<z3::expr(const Args&)>& at_split) {
    z3::expr zero = DefaultOf(c, FieldOf(f).shape());
    out.*f = (out.*f).Where(gone, [zero](const Args&) { return zero; }).Where(split, at_split);
  };
  field(&SymState::map_alive, [&c](const Args&) { return True(c); });
  field(&SymState::map_vmo, [s, v, r](const Args&) { return s.map_vmo(v, r); });
  field(&SymState::map_max_perms, [s, v, r](const Args&) { return s.map_max_perms(v, r); });
  field(&SymState::map_flags, [s, v, r](const Args&) { return s.map_flags(v, r); });
  field(&SymState::map_vmo_offset,
        [s, v, r, e](const Args&) { return s.map_vmo_offset(v, r) + (e - r); });
  field(&SymState::map_size, [s, v, r, e](const Args&) { return s.map_size(v, r) - (e - r); });
  out.map_size = out.map_size.Where(trimmed, [a](const Args& at) { return a - at[1]; });
  // Page permissions move with their pages: the split-off part's from the straddling mapping.
  field(&SymState::perms, [s, v, r, e](const Args& at) {
    return z3::ite(z3::uge(at[2], e), s.perms(v, r, at[2]), U32(at[2].ctx(), 0));
  });
  out.perms = out.perms.Where(
      [trimmed](const Args& at) { return trimmed({at[0], at[1]}); },
      [a, s](const Args& at) {
        return z3::ite(z3::ult(at[2], a), s.perms(at[0], at[1], at[2]), U32(at[2].ctx(), 0));
      });
  return out;
}

Which Straddling(const SymState& s, const z3::expr& v, const z3::expr& a, const z3::expr& n,
                 const std::string& what) {
  return MappingWhere(s, v, what, [s, v, a, n](const z3::expr& b) {
    return z3::ult(Wide(b), End(a, n)) && z3::ugt(End(b, s.map_size(v, b)), End(a, n));
  });
}

Grant SplitGrant(const SymState& pre, const z3::expr& v, const z3::expr& end, const Which& right) {
  return {{v, end}, pre.map_max_perms(v, right.base), "VMAR-033: the mapping it was split from"};
}

namespace {

// VMAR-033 for [a, a + n) in the live VMAR |v| whose child VMARs meeting the range all lie
// inside it (VMAR-032 (7)): those child VMARs die with their subtrees (VMAR-052), then the
// mappings as `UnmapMappings`.
SymState UnmapRange(const SymState& s, const z3::expr& v, const z3::expr& a, const z3::expr& n,
                    const Which& right) {
  Pick doomed = [s, v, a, n](const z3::expr& w) {
    return Below(s, v, w) && Inside(s.vmar_base(w), s.vmar_size(w), a, n);
  };
  return UnmapMappings(DestroyVmars(s, doomed), v, a, n, right);
}

// ---- placement: VMAR-060 ----

// |v|'s children as (base, size), ordered, over a concrete state; nullopt over a symbolic one.
std::optional<std::vector<std::pair<uint64_t, uint64_t>>> ConcreteChildren(const SymState& s, uint64_t v) {
  for (const Fn* f : {&s.alive, &s.type, &s.vmar_live, &s.vmar_parent, &s.vmar_base, &s.vmar_size,
                      &s.map_alive, &s.map_size}) {
    if (Plain(*f) == nullptr) return std::nullopt;
  }
  auto get = [](const Fn& f, const Key& k) {
    auto it = f.base_table()->find(k);
    return it == f.base_table()->end() ? uint64_t{0} : it->second;
  };
  std::vector<std::pair<uint64_t, uint64_t>> out;
  for (const auto& [k, type] : *s.type.base_table()) {
    if (type == ZX_OBJ_TYPE_VMAR && get(s.alive, k) && get(s.vmar_live, k) && get(s.vmar_parent, k) == v) {
      out.push_back({get(s.vmar_base, k), get(s.vmar_size, k)});
    }
  }
  for (const auto& [k, on] : *s.map_alive.base_table()) {
    if (k[0] == v) out.push_back({k[1], get(s.map_size, k)});
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Slot Placement(const SymState& s, const z3::expr& v, const z3::expr& size, const z3::expr& align,
               const z3::expr& limit) {
  z3::context& c = s.ctx();
  auto fits = [s, v, size, align, limit](const z3::expr& p) {
    return (p & (align - 1)) == U64(p.ctx(), 0) && z3::uge(p, s.vmar_base(v)) &&
           z3::ule(End(p, size), Wide(limit));
  };
  auto num = [](const z3::expr& e) { return NumeralOf(e.simplify()); };
  auto vmar = num(v), n = num(size), a = num(align), top = num(limit);
  auto children = vmar ? ConcreteChildren(s, *vmar) : std::nullopt;
  auto base = num(s.vmar_base(v));
  if (children && n && a && top && base) {
    auto up = [&](uint64_t x) -> std::optional<uint64_t> {
      uint64_t rem = x % *a;
      if (rem == 0) return x;
      if (x > UINT64_MAX - (*a - rem)) return std::nullopt;
      return x + (*a - rem);
    };
    auto ok = [&](std::optional<uint64_t> p) { return p && *p <= *top && *n <= *top - *p; };
    std::optional<uint64_t> p = up(*base);
    for (const auto& [b, m] : *children) {  // ordered and disjoint: one pass finds the lowest
      if (!ok(p)) break;
      if (*p < b + m && b < *p + *n) p = up(b + m);
    }
    if (!ok(p)) return {U64(c, 0), Formula(False(c))};
    return {U64(c, *p), Formula(True(c))};
  }
  z3::expr p = s.choices->Make(c, "place.base", FnShape{{}, 64})(Args{});
  return {p, Formula(fits(p)) && Free(s, v, p, size)};
}

// ---- option words and rights: VMAR-004, VMAR-010, VMAR-027 ----

z3::expr PermsAllowedBy(const z3::expr& flags) {
  return BitAs(flags, ZX_VM_CAN_MAP_READ, ZX_VM_PERM_READ) | BitAs(flags, ZX_VM_CAN_MAP_WRITE, ZX_VM_PERM_WRITE) |
         BitAs(flags, ZX_VM_CAN_MAP_EXECUTE, ZX_VM_PERM_EXECUTE);
}

z3::expr PermsOfRights(const z3::expr& rights) {
  return BitAs(rights, ZX_RIGHT_READ, ZX_VM_PERM_READ) | BitAs(rights, ZX_RIGHT_WRITE, ZX_VM_PERM_WRITE) |
         BitAs(rights, ZX_RIGHT_EXECUTE, ZX_VM_PERM_EXECUTE);
}

z3::expr VmarRights(const z3::expr& flags) {
  return U32(flags.ctx(), ZX_DEFAULT_VMAR_RIGHTS) | BitAs(flags, ZX_VM_CAN_MAP_READ, ZX_RIGHT_READ) |
         BitAs(flags, ZX_VM_CAN_MAP_WRITE, ZX_RIGHT_WRITE) | BitAs(flags, ZX_VM_CAN_MAP_EXECUTE, ZX_RIGHT_EXECUTE);
}

Decoded Decode(const z3::expr& options) {
  z3::context& c = options.ctx();
  constexpr uint32_t kKnown = kVmPerms | ZX_VM_COMPACT | ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE |
                              ZX_VM_CAN_MAP_SPECIFIC | kCanMapPerms | ZX_VM_REQUIRE_NON_RESIZABLE |
                              ZX_VM_ALLOW_FAULTS | ZX_VM_OFFSET_IS_UPPER_LIMIT |
                              ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED | ZX_VM_FAULT_BEYOND_STREAM_SIZE |
                              ZX_VM_CANNOT_CREATE_VMO_CHILD;
  z3::expr a = z3::lshr(options, U32(c, ZX_VM_ALIGN_BASE));
  z3::expr low = options & U32(c, (1u << ZX_VM_ALIGN_BASE) - 1);
  z3::expr bad_align = a != U32(c, 0) && (z3::ult(a, U32(c, 10)) || z3::ugt(a, U32(c, 32)));
  return {a, Without(low, ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED), HasBits(low, ~kKnown & 0xFFFFFFu) || bad_align};
}

z3::expr Alignment(const Decoded& d) {
  z3::context& c = d.align_log2.ctx();
  z3::expr log2 = z3::ite(z3::ult(d.align_log2, U32(c, 12)), U32(c, 12), d.align_log2);
  return z3::shl(U64(c, 1), z3::zext(log2, 32));
}

void PlacementChecks(Checks& checks, const SymState& pre, const z3::expr& v, const z3::expr& f,
                     const z3::expr& offset, const z3::expr& size, const std::vector<std::string>& rules) {
  z3::context& c = pre.ctx();
  const z3::expr vsize = pre.vmar_size(v);
  const z3::expr specific = HasBits(f, ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE);
  const z3::expr upper = HasBits(f, ZX_VM_OFFSET_IS_UPPER_LIMIT);
  const z3::expr out_of_bounds =
      z3::ite(upper, z3::ugt(offset, vsize) || z3::ugt(size, vsize) || z3::ugt(size, offset),
              z3::uge(offset, vsize) || z3::ugt(End(offset, size), Wide(vsize)));
  checks.Fail(specific && upper, ZX_ERR_INVALID_ARGS, rules.at(0))
      .Fail(!specific && !upper && offset != U64(c, 0), ZX_ERR_INVALID_ARGS, rules.at(1))
      .Fail(!PageAligned(offset), ZX_ERR_INVALID_ARGS, rules.at(2))
      .Fail((specific || upper) && !HasBits(pre.vmar_flags(v), ZX_VM_CAN_MAP_SPECIFIC),
            ZX_ERR_ACCESS_DENIED, rules.at(3))
      .Fail(out_of_bounds, ZX_ERR_INVALID_ARGS, rules.at(4));
}

namespace {

// ---- zx_vmar_allocate: VMAR-012..016 ----

Paths AllocateStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr &options = a[1], &offset = a[2], &size = a[3];
  z3::expr need = z3::ite(HasBits(options, ZX_VM_CAN_MAP_READ), U32(c, ZX_RIGHT_READ), U32(c, 0)) |
                  z3::ite(HasBits(options, ZX_VM_CAN_MAP_WRITE), U32(c, ZX_RIGHT_WRITE), U32(c, 0)) |
                  z3::ite(HasBits(options, ZX_VM_CAN_MAP_EXECUTE), U32(c, ZX_RIGHT_EXECUTE), U32(c, 0));
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMAR, need, [&](const FoundHandle& h) {
    constexpr uint32_t kAccepted = ZX_VM_SPECIFIC | ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_COMPACT | kCanMapPerms |
                                   ZX_VM_OFFSET_IS_UPPER_LIMIT | ZX_VM_CANNOT_CREATE_VMO_CHILD;
    constexpr uint32_t kRecorded =
        kCanMapPerms | ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_COMPACT | ZX_VM_CANNOT_CREATE_VMO_CHILD;
    const z3::expr v = h.object, vbase = pre.vmar_base(v), vsize = pre.vmar_size(v);
    const Decoded d = Decode(options);
    const z3::expr f = d.flags;
    const z3::expr specific = HasBits(f, ZX_VM_SPECIFIC), upper = HasBits(f, ZX_VM_OFFSET_IS_UPPER_LIMIT);
    Checks checks(c);
    checks.Fail(d.invalid, ZX_ERR_INVALID_ARGS, "VMAR-014 (2)")
        .Fail(HasBits(f, kVmPerms), ZX_ERR_INVALID_ARGS, "VMAR-014 (3)")
        .Fail(!PageAligned(size), ZX_ERR_INVALID_ARGS, "VMAR-014 (4)")
        .Fail(HasBits(f, ~kAccepted), ZX_ERR_INVALID_ARGS, "VMAR-014 (5), VMAR-084")
        .Fail(!pre.vmar_live(v), ZX_ERR_BAD_STATE, "VMAR-014 (6)")
        .Fail(size == U64(c, 0), ZX_ERR_INVALID_ARGS, "VMAR-014 (7)")
        .Fail(!Within(f & U32(c, kCanMapPerms), pre.vmar_flags(v)), ZX_ERR_ACCESS_DENIED, "VMAR-014 (8)")
        .Unreachable("VMAR-004, rights-bounded: a VMAR handle has READ / WRITE / EXECUTE only where "
                     "its VMAR has CAN_MAP_READ / WRITE / EXECUTE, and (1) required them");
    PlacementChecks(checks, pre, v, f, offset, size,
                    {"VMAR-014 (9)", "VMAR-014 (10)", "VMAR-014 (11)", "VMAR-014 (12)", "VMAR-014 (13)"});
    // VMAR-015: the new VMAR at |base| and a handle to it.
    auto made = [&](const z3::expr& base, const std::string& rule) {
      z3::expr k = U64(c, 0), out = U32(c, 0);
      SymState s = NewObject(pre, ZX_OBJ_TYPE_VMAR, &k);
      s.vmar_process = s.vmar_process.Set(k, pre.vmar_process(v));
      s.vmar_base = s.vmar_base.Set(k, base);
      s.vmar_size = s.vmar_size.Set(k, size);
      s.vmar_flags = s.vmar_flags.Set(k, f & U32(c, kRecorded));
      s.vmar_parent = s.vmar_parent.Set(k, v);
      s.vmar_live = s.vmar_live.Set(k, True(c));
      z3::expr rights = VmarRights(f);
      s = InstallHandle(s, caller, k, rights, &out);
      Paths ok = Ok(s, rule, SymResult{SymResult::Kind::kVmarAllocate, {out, base}, std::nullopt});
      ok[0].installs.push_back({{caller, out}, rights, "VMAR-015, VMAR-004: a new VMAR's rights", true});
      return ok;
    };
    const z3::expr at = vbase + offset;
    const z3::expr align = Alignment(d);
    Checks fixed(c);
    fixed.Fail(d.align_log2 != U32(c, 0) && (at & (align - 1)) != U64(c, 0), ZX_ERR_INVALID_ARGS,
               "VMAR-014 (14) alignment")
        .Fail(!Free(pre, v, at, size), ZX_ERR_ALREADY_EXISTS, "VMAR-014 (14)");
    const z3::expr limit = z3::ite(upper, vbase + Min(offset, vsize), vbase + vsize);
    Slot slot = Placement(pre, v, size, align, limit);
    Checks placed(c);
    placed.Fail(!slot.found, ZX_ERR_NO_RESOURCES, "VMAR-014 (15)");
    return Then(pre, checks,
                Case(specific, Then(pre, fixed, made(at, "VMAR-015 SPECIFIC")),
                     Then(pre, placed, made(slot.base, "VMAR-015 VMAR-060"))));
  }, "VMAR-014 (1)");
}

// ---- zx_vmar_destroy: VMAR-050..052 ----

Paths DestroyStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMAR, ZX_RIGHT_OP_CHILDREN,
                          [&](const FoundHandle& h) {
    const z3::expr v = h.object;
    Checks checks(c);
    checks.Fail(pre.vmar_parent(v) == U64(c, 0) && pre.vmar_live(v), ZX_ERR_NOT_SUPPORTED,
                "VMAR-051 (2)")
        .Fail(!pre.vmar_live(v), ZX_ERR_BAD_STATE, "VMAR-051 (3)");
    SymState s = pre;
    SymState out = DestroyVmars(pre, [s, v](const z3::expr& w) { return BelowOrSelf(s, v, w); });
    return Then(pre, checks, Ok(out, "VMAR-052", SymResult::None(), /*collect=*/true));
  }, "VMAR-051 (1)");
}

// ---- zx_vmar_unmap: VMAR-030..033 ----

Paths UnmapStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return LookupTyped(pre, caller, a[0], ZX_OBJ_TYPE_VMAR, [&](const FoundHandle& h) {
    const z3::expr v = h.object, addr = a[1];
    const Rounded size = RoundUpPage(a[2]);
    const z3::expr n = size.value;
    SymState s = pre;
    Formula has_children =
        Formula::Exists(c, {Sort::kKoid}, [s, v](const Args& w) -> Formula {
          return SubVmar(s, w[0]) && s.vmar_parent(w[0]) == v;
        }) ||
        Formula::Exists(c, {Sort::kAddr}, [s, v](const Args& b) -> Formula { return s.map_alive(v, b[0]); });
    const z3::expr op_children = HasRights(h.rights, ZX_RIGHT_OP_CHILDREN);
    Formula blocked = Formula::Exists(c, {Sort::kKoid}, [s, v, addr, n, op_children](const Args& x) -> Formula {
      const z3::expr& w = x[0];
      z3::expr base = s.vmar_base(w), sz = s.vmar_size(w);
      return SubVmar(s, w) && s.vmar_parent(w) == v && !Apart(addr, n, base, sz) &&
             (!op_children || !Inside(base, sz, addr, n));
    });
    Checks checks(c);
    checks.Fail(!PageAligned(addr), ZX_ERR_INVALID_ARGS, "VMAR-032 (2)")
        .Fail(!size.fits || n == U64(c, 0), ZX_ERR_INVALID_ARGS, "VMAR-032 (3)")
        .Fail(!pre.vmar_live(v), ZX_ERR_BAD_STATE, "VMAR-032 (4)")
        .Fail(!Inside(addr, n, pre.vmar_base(v), pre.vmar_size(v)), ZX_ERR_INVALID_ARGS,
              "VMAR-032 (5)")
        .Succeed(!has_children, "VMAR-032 (6)")
        .Fail(blocked, ZX_ERR_INVALID_ARGS, "VMAR-032 (7)");
    Which right = Straddling(pre, v, addr, n, "unmap.right");
    Paths ok = Ok(UnmapRange(pre, v, addr, n, right), "VMAR-033", SymResult::None(), /*collect=*/true);
    ok[0].grants.push_back(SplitGrant(pre, v, addr + n, right));
    ok[0].choices.insert(ok[0].choices.end(), right.constraints.begin(), right.constraints.end());
    return Then(pre, checks, ok);
  }, "VMAR-032 (1)");
}

Call AllocateCall(const ArgValues& a) {
  return VmarAllocate{static_cast<zx_handle_t>(a.v[0]), static_cast<zx_vm_option_t>(a.v[1]), a.v[2], a.v[3]};
}
std::optional<ArgValues> AllocateArgs(const Call& call) {
  const auto* c = std::get_if<VmarAllocate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->parent, c->options, c->offset, c->size}, {{}, {}, {}, {}}};
}
Call DestroyCall(const ArgValues& a) { return VmarDestroy{static_cast<zx_handle_t>(a.v[0])}; }
std::optional<ArgValues> DestroyArgs(const Call& call) {
  const auto* c = std::get_if<VmarDestroy>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->vmar}, {{}}};
}
Call UnmapCall(const ArgValues& a) {
  return VmarUnmap{static_cast<zx_handle_t>(a.v[0]), a.v[1], a.v[2]};
}
std::optional<ArgValues> UnmapArgs(const Call& call) {
  const auto* c = std::get_if<VmarUnmap>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->vmar, c->addr, c->len}, {{}, {}, {}}};
}

}  // namespace

const OpSpec& VmarAllocateOp() {
  static const OpSpec op{"vmar_allocate", "VMAR-012..VMAR-016 VMAR-060",
                         {{"parent", 32}, {"options", 32}, {"offset", 64}, {"size", 64}},
                         &AllocateStep, &AllocateCall, &AllocateArgs};
  return op;
}

const OpSpec& VmarDestroyOp() {
  static const OpSpec op{"vmar_destroy", "VMAR-050..VMAR-052", {{"vmar", 32}},
                         &DestroyStep, &DestroyCall, &DestroyArgs};
  return op;
}

const OpSpec& VmarUnmapOp() {
  static const OpSpec op{"vmar_unmap", "VMAR-030..VMAR-033",
                         {{"vmar", 32}, {"addr", 64}, {"len", 64}},
                         &UnmapStep, &UnmapCall, &UnmapArgs};
  return op;
}

}  // namespace zxspec::spec
