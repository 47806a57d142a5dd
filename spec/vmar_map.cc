// Mappings in Z3: zx_vmar_map and zx_vmar_protect (vmar.md VMAR-020..028, VMAR-040..043),
// mirroring model/vmar.cc check by check.
//
// A mapping is the row (VMAR koid, base) of the mapping fields (spec/state.h); its page
// permissions are perms(VMAR, base, page). SPECIFIC_OVERWRITE first unmaps the range as vmar_unmap
// does (`UnmapMappings`, spec/vmar.cc). The merge of VMAR-028 makes one row of the new mapping and
// the neighbours it merges with: the left neighbour's row, or a new one at the mapping's base. The
// right neighbour is keyed at the new mapping's end (or is the part of a split mapping past it);
// the left one, the mapping holding the page below the new base, is a lookup (`MappingWhere`).
//
// vmar_protect scans the mappings at any depth below the VMAR in address order and fails at the
// first event: a hole of the range no mapping covers (10a), or a mapping that fails (10b)/(10c),
// each at the address the scan meets it. The first event is the choice "protect.first" of the
// path, with the constraint that states it (a lowest event exists: addresses are finitely many).
#include <algorithm>

#include "spec/aspace.h"
#include "spec/lifecycle.h"
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

// VMAR-025: what a new mapping records.
constexpr uint32_t kRecordedFlags = ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_OFFSET_IS_UPPER_LIMIT |
                                    ZX_VM_FAULT_BEYOND_STREAM_SIZE | ZX_VM_CANNOT_CREATE_VMO_CHILD;

// ---- zx_vmar_map: VMAR-020..028 ----

struct MapRequest {
  FoundHandle vmar, vmo;
  z3::expr options, vmar_offset, vmo_offset, len;
};

Paths MapChecked(const SymState& pre, const MapRequest& q) {
  z3::context& c = pre.ctx();
  const z3::expr v = q.vmar.object, vbase = pre.vmar_base(v), vsize = pre.vmar_size(v);
  // (5) VMAR-009: READ_IF_XOM_UNSUPPORTED asks for READ on x86-64.
  const z3::expr opts = q.options | BitAs(q.options, ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED, ZX_VM_PERM_READ);
  const z3::expr perms = opts & U32(c, kVmPerms);
  const z3::expr opts_no_range = Without(opts, ZX_VM_MAP_RANGE);  // (7) VMAR-024: not recorded
  const z3::expr both = q.vmar.rights & q.vmo.rights;             // VMAR-021
  const Decoded d = Decode(opts_no_range);
  const z3::expr f = d.flags;
  const View view = ViewOf(pre, q.vmo.object);
  const Rounded rounded = RoundUpPage(q.len);
  const z3::expr n = rounded.value;
  const z3::expr max_perms = perms | PermsOfRights(both);  // VMAR-027
  Checks checks(c);
  // (3) FAULT_BEYOND_STREAM_SIZE on a VMO without a stream size: every VMO of the model carries one.
  checks.Fail(!HasRights(q.vmo.rights, ZX_RIGHT_MAP), ZX_ERR_ACCESS_DENIED, "VMAR-022 (4)")
      .Fail(HasBits(perms, ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE) && !HasBits(perms, ZX_VM_PERM_READ),
            ZX_ERR_INVALID_ARGS, "VMAR-022 (6) VMAR-008")
      .Fail(HasBits(opts, ZX_VM_MAP_RANGE) && HasBits(opts, ZX_VM_SPECIFIC_OVERWRITE), ZX_ERR_INVALID_ARGS,
            "VMAR-022 (7)")
      .Fail(HasBits(opts_no_range, kCanMapPerms), ZX_ERR_INVALID_ARGS, "VMAR-022 (8)")
      .Fail(HasBits(perms, ZX_VM_PERM_READ) && !HasRights(both, ZX_RIGHT_READ), ZX_ERR_ACCESS_DENIED,
            "VMAR-022 (9) READ VMAR-021")
      .Fail(HasBits(perms, ZX_VM_PERM_WRITE) && !HasRights(both, ZX_RIGHT_WRITE), ZX_ERR_ACCESS_DENIED,
            "VMAR-022 (9) WRITE VMAR-021")
      .Fail(HasBits(perms, ZX_VM_PERM_EXECUTE) && !HasRights(both, ZX_RIGHT_EXECUTE), ZX_ERR_ACCESS_DENIED,
            "VMAR-022 (9) EXECUTE VMAR-021")
      .Fail(HasBits(opts_no_range, ZX_VM_FAULT_BEYOND_STREAM_SIZE) && !HasBits(opts_no_range, ZX_VM_ALLOW_FAULTS),
            ZX_ERR_INVALID_ARGS, "VMAR-022 (10) seed RFC-0238")
      .Fail(d.invalid, ZX_ERR_INVALID_ARGS, "VMAR-022 (11) VMAR-010")
      .Fail(HasBits(f, ZX_VM_REQUIRE_NON_RESIZABLE) && view.resizable, ZX_ERR_NOT_SUPPORTED, "VMAR-022 (12)")
      .Fail(!HasBits(f, ZX_VM_ALLOW_FAULTS) && view.discardable, ZX_ERR_NOT_SUPPORTED, "VMAR-022 (13)")
      .Fail(HasBits(f, ZX_VM_COMPACT | ZX_VM_CAN_MAP_SPECIFIC), ZX_ERR_INVALID_ARGS, "VMAR-022 (14)")
      .Fail(!Within(perms, PermsAllowedBy(pre.vmar_flags(v))), ZX_ERR_ACCESS_DENIED, "VMAR-022 (15)")
      .Unreachable("VMAR-004, rights-bounded: (9) required the VMAR handle's READ / WRITE / EXECUTE "
                   "for each PERM bit, and it holds them only where its VMAR has CAN_MAP_*")
      .Fail(!PageAligned(q.vmo_offset), ZX_ERR_INVALID_ARGS, "VMAR-022 (16)")
      .Fail(!rounded.fits || !NoWrap(q.vmo_offset, n), ZX_ERR_OUT_OF_RANGE, "VMAR-022 (17)")
      .Fail(!pre.vmar_live(v), ZX_ERR_BAD_STATE, "VMAR-022 (18)")
      .Fail(n == U64(c, 0), ZX_ERR_INVALID_ARGS, "VMAR-022 (19)")
      .Fail(!Within(max_perms, PermsAllowedBy(pre.vmar_flags(v))), ZX_ERR_ACCESS_DENIED, "VMAR-022 (20)")
      .Unreachable("VMAR-004, rights-bounded: max_perms holds the PERM bits of rights the VMAR "
                   "handle has, which its VMAR's CAN_MAP_* allow");
  PlacementChecks(checks, pre, v, f, q.vmar_offset, n,
                  {"VMAR-022 (21)", "VMAR-022 (22)", "VMAR-022 (23)", "VMAR-022 (24)", "VMAR-022 (25)"});

  // VMAR-025, VMAR-028: the new mapping at |base|, after the unmap of VMAR-026 (|from|, |right| the
  // mapping it split), merged with its neighbours. Every merge condition reads |pre|: the right
  // neighbour is the part of |right| past the new mapping, or the mapping keyed at its end; the left
  // one the mapping holding the page below |base|, trimmed to end there.
  const z3::expr vmo = q.vmo.object, flags = f & U32(c, kRecordedFlags);
  auto mapped = [&](const z3::expr& base, const SymState& from, const Which& right,
                    std::vector<NamedFormula> choices, std::vector<Grant> grants, const std::string& rule) {
    const z3::expr e = base + n, zero = U64(c, 0);
    Which left = MappingWhere(pre, v, "map.left", [pre, v, base](const z3::expr& b) {
      return base != U64(base.ctx(), 0) && Contains(b, pre.map_size(v, b), base - 1);
    });
    const z3::expr l = left.base;
    const z3::expr r = z3::ite(right.found, right.base, e), cut = e - r;
    auto same = [&](const z3::expr& row) {
      return pre.map_vmo(v, row) == vmo && pre.map_flags(v, row) == flags && pre.map_max_perms(v, row) == max_perms;
    };
    const z3::expr merge_r = (right.found || pre.map_alive(v, e)) && same(r) &&
                             pre.map_vmo_offset(v, r) + cut == q.vmo_offset + n;
    const z3::expr merge_l = left.found && same(l) && pre.map_vmo_offset(v, l) + (base - l) == q.vmo_offset;
    const z3::expr r_size = pre.map_size(v, r) - cut;
    const z3::expr k = z3::ite(merge_l, l, base);  // the row of the merged mapping
    const z3::expr total = z3::ite(merge_l, base - l, zero) + n + z3::ite(merge_r, r_size, zero);
    SymState s = DropMappings(from, [v, e, merge_r](const Args& x) { return merge_r && x[0] == v && x[1] == e; });
    s.map_alive = s.map_alive.Set(v, k, True(c));
    s.map_size = s.map_size.Set(v, k, total);
    s.map_vmo = s.map_vmo.Set(v, k, vmo);
    s.map_vmo_offset = s.map_vmo_offset.Set(v, k, z3::ite(merge_l, pre.map_vmo_offset(v, l), q.vmo_offset));
    s.map_max_perms = s.map_max_perms.Set(v, k, max_perms);
    s.map_flags = s.map_flags.Set(v, k, flags);
    s.perms = s.perms
                  .Where([v, k, base, n](const Args& x) {
                    return x[0] == v && x[1] == k && PageAligned(x[2]) && Contains(base, n, x[2]);
                  }, [perms](const Args&) { return perms; })
                  .Where([v, k, e, r_size, merge_r](const Args& x) {
                    return merge_r && x[0] == v && x[1] == k && Contains(e, r_size, x[2]);
                  }, [pre, v, r](const Args& x) { return pre.perms(v, r, x[2]); });
    Paths ok = Ok(s, rule, SymResult::U64Value(base));
    choices.insert(choices.end(), right.constraints.begin(), right.constraints.end());
    choices.insert(choices.end(), left.constraints.begin(), left.constraints.end());
    ok[0].choices = std::move(choices);
    grants.push_back({{v, base}, PermsOfRights(both), "VMAR-027: the rights of both handles"});
    ok[0].grants = std::move(grants);
    return ok;
  };
  const Which none{U64(c, 0), False(c), {}};
  const z3::expr at = vbase + q.vmar_offset;
  const z3::expr align = Alignment(d);
  const z3::expr overwrite = HasBits(f, ZX_VM_SPECIFIC_OVERWRITE);
  SymState s = pre;
  Formula meets_vmar = Formula::Exists(c, {Sort::kKoid}, [s, v, at, n](const Args& w) -> Formula {
    return SubVmar(s, w[0]) && s.vmar_parent(w[0]) == v && !Apart(at, n, s.vmar_base(w[0]), s.vmar_size(w[0]));
  });
  Checks fixed(c);
  fixed.Fail(d.align_log2 != U32(c, 0) && (at & (align - 1)) != U64(c, 0), ZX_ERR_INVALID_ARGS,
             "VMAR-022 (26) alignment")
      .Fail(!overwrite && !Free(pre, v, at, n), ZX_ERR_ALREADY_EXISTS, "VMAR-022 (26)")
      .Fail(overwrite && meets_vmar, ZX_ERR_INVALID_ARGS, "VMAR-026");
  // VMAR-026: the range unmapped first (over a free range, a no-op).
  Which right = Straddling(pre, v, at, n, "map.right");
  // Garbage collection (the unmapped mappings' VMOs) before the insert: the new mapping's VMO has
  // the caller's handle, and merging changes no reference, so this is collection after the call.
  std::vector<NamedFormula> gc;
  const SymState unmapped = Collect(UnmapMappings(pre, v, at, n, right), gc);
  Paths specific = Case(overwrite,
                        mapped(at, unmapped, right, gc, {SplitGrant(pre, v, at + n, right)}, "VMAR-026"),
                        mapped(at, pre, none, {}, {}, "VMAR-025 SPECIFIC"));
  const z3::expr upper = HasBits(f, ZX_VM_OFFSET_IS_UPPER_LIMIT);
  const z3::expr limit = z3::ite(upper, vbase + Min(q.vmar_offset, vsize), vbase + vsize);
  Slot slot = Placement(pre, v, n, align, limit);
  Checks placed(c);
  placed.Fail(!slot.found, ZX_ERR_NO_RESOURCES, "VMAR-022 (27) VMAR-060");
  return Then(pre, checks,
              Case(HasBits(f, ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE), Then(pre, fixed, specific),
                   Then(pre, placed, mapped(slot.base, pre, none, {}, {}, "VMAR-025 VMAR-060"))));
}

Paths MapStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return LookupTyped(pre, caller, a[0], ZX_OBJ_TYPE_VMAR, [&](const FoundHandle& vmar) {
    return LookupTyped(pre, caller, a[3], ZX_OBJ_TYPE_VMO, [&](const FoundHandle& vmo) {
      return MapChecked(pre, MapRequest{vmar, vmo, a[1], a[2], a[4], a[5]});
    }, "VMAR-022 (2)");
  }, "VMAR-022 (1)");
}

// ---- zx_vmar_protect: VMAR-040..043 ----

// VMAR-042 (10c)'s page check over a concrete state: the mapping rows (w, b) with a page in
// [a, a + n) whose permissions lack a bit of |perms| (a table over every row, so that a formula
// reads it for each row the evaluation visits); nullopt over a symbolic state.
std::optional<Fn> ConcreteAdds(const SymState& s, const z3::expr& a, const z3::expr& n, const z3::expr& perms) {
  const Table *alive = Plain(s.map_alive), *size = Plain(s.map_size), *page = Plain(s.perms);
  auto lo = NumeralOf(a.simplify()), len = NumeralOf(n.simplify()), want = NumeralOf(perms.simplify());
  if (alive == nullptr || size == nullptr || page == nullptr || !lo || !len || !want) return std::nullopt;
  const uint64_t hi = SaturatingEnd(*lo, *len);
  Table out;
  for (const auto& [row, on] : *alive) {
    auto it = size->find(row);
    const uint64_t b = row[1], m = it == size->end() ? 0 : it->second;
    const uint64_t from = std::max(*lo, b), to = std::min(hi, SaturatingEnd(b, m));
    if (*want == 0 || from >= to) continue;
    if (PagesHolding(*page, row[0], b, from, to, *want) < (to - from) / ZX_PAGE_SIZE) out[row] = 1;
  }
  return Fn::Concrete(s.ctx(), FnShape{{BitsOf(Sort::kKoid), BitsOf(Sort::kAddr)}, 0}, std::move(out));
}

// The lowest address where |event| holds over a concrete state: an event is a hole, lowest at
// |a| or at a mapping's end, or a mapping, at its base; 0 when there is none (nullopt over a
// symbolic state).
std::optional<z3::expr> ConcreteFirst(const SymState& s, const z3::expr& a,
                                      const std::function<Formula(const z3::expr&)>& event) {
  const Table *alive = Plain(s.map_alive), *size = Plain(s.map_size);
  auto lo = NumeralOf(a.simplify());
  if (alive == nullptr || size == nullptr || !lo) return std::nullopt;
  std::vector<uint64_t> candidates{*lo};
  for (const auto& [row, on] : *alive) {
    auto it = size->find(row);
    candidates.push_back(row[1]);
    candidates.push_back(row[1] + (it == size->end() ? 0 : it->second));
  }
  return LowestWhere(s.ctx(), std::move(candidates), [&event](const z3::expr& x) -> std::optional<bool> {
    return EvaluateConcrete(event(x)).is_true();
  });
}

Paths ProtectStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr opts = a[1] | BitAs(a[1], ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED, ZX_VM_PERM_READ);  // (1)
  const z3::expr perms = opts & U32(c, kVmPerms);
  const z3::expr need = BitAs(perms, ZX_VM_PERM_READ, ZX_RIGHT_READ) | BitAs(perms, ZX_VM_PERM_WRITE, ZX_RIGHT_WRITE) |
                        BitAs(perms, ZX_VM_PERM_EXECUTE, ZX_RIGHT_EXECUTE);  // VMAR-041
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMAR, need, [&](const FoundHandle& h) {
    const z3::expr v = h.object, addr = a[2];
    const Decoded d = Decode(opts);
    const Rounded rounded = RoundUpPage(a[3]);
    const z3::expr n = z3::ite(rounded.fits, rounded.value, U64(c, 0));
    Checks checks(c);
    checks.Fail(HasBits(perms, ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE) && !HasBits(perms, ZX_VM_PERM_READ),
                ZX_ERR_INVALID_ARGS, "VMAR-042 (3) VMAR-008")
        .Fail(!PageAligned(addr), ZX_ERR_INVALID_ARGS, "VMAR-042 (4)")
        .Fail(d.invalid, ZX_ERR_INVALID_ARGS, "VMAR-042 (5) VMAR-010")
        .Fail(HasBits(d.flags, ~kVmPerms) || d.align_log2 != U32(c, 0), ZX_ERR_INVALID_ARGS, "VMAR-042 (6)")
        .Fail(n == U64(c, 0), ZX_ERR_INVALID_ARGS, "VMAR-042 (7)")
        .Fail(!pre.vmar_live(v), ZX_ERR_BAD_STATE, "VMAR-042 (8)")
        .Fail(!Inside(addr, n, pre.vmar_base(v), pre.vmar_size(v)), ZX_ERR_INVALID_ARGS, "VMAR-042 (9)");
    // (10): the scanned mappings, the holes, and the failing mappings.
    SymState s = pre;
    auto scanned = [s, v, addr, n](const z3::expr& w, const z3::expr& b) {
      return BelowOrSelf(s, v, w) && s.map_alive(w, b) && !Apart(b, s.map_size(w, b), addr, n);
    };
    auto hole = [s, scanned, addr, n](const z3::expr& x) -> Formula {
      return Formula(PageAligned(x) && Contains(addr, n, x)) &&
             Formula::Forall(x.ctx(), {Sort::kKoid, Sort::kAddr}, [s, scanned, x](const Args& m) -> Formula {
               return z3::implies(scanned(m[0], m[1]), !Contains(m[1], s.map_size(m[0], m[1]), x));
             });
    };
    const z3::expr op_children = HasRights(h.rights, ZX_RIGHT_OP_CHILDREN);
    auto beyond_max = [s, perms](const z3::expr& w, const z3::expr& b) { return !Within(perms, s.map_max_perms(w, b)); };
    auto no_op_children = [v, op_children](const z3::expr& w) { return w != v && !op_children; };
    std::optional<Fn> concrete_adds = ConcreteAdds(pre, addr, n, perms);
    auto adds = [s, v, addr, n, perms, concrete_adds](const z3::expr& w, const z3::expr& b) -> Formula {
      if (concrete_adds) return Formula(w != v && (*concrete_adds)(w, b));
      return Formula(w != v) && Formula::Exists(w.ctx(), {Sort::kAddr}, [s, w, b, addr, n, perms](const Args& p) -> Formula {
               return PageAligned(p[0]) && Contains(addr, n, p[0]) && Contains(b, s.map_size(w, b), p[0]) &&
                      !Within(perms, s.perms(w, b, p[0]));
             });
    };
    // A scanned mapping at |x| for which |fails| holds.
    auto at = [scanned](const z3::expr& x, const std::function<Formula(const z3::expr&)>& fails) -> Formula {
      return Formula::Exists(x.ctx(), {Sort::kKoid}, [scanned, x, fails](const Args& w) -> Formula {
        return Formula(scanned(w[0], x)) && fails(w[0]);
      });
    };
    // The failure conditions, each as its check states it.
    auto beyond_at = [=](const z3::expr& x) { return at(x, [=](const z3::expr& w) { return Formula(beyond_max(w, x)); }); };
    auto no_op_at = [=](const z3::expr& x) { return at(x, [=](const z3::expr& w) { return Formula(no_op_children(w)); }); };
    auto adds_at = [=](const z3::expr& x) { return at(x, [=](const z3::expr& w) { return adds(w, x); }); };
    auto failing = [=](const z3::expr& x) { return beyond_at(x) || no_op_at(x) || adds_at(x); };
    auto event = [=](const z3::expr& x) { return hole(x) || failing(x); };
    std::optional<z3::expr> known = ConcreteFirst(pre, addr, event);
    const z3::expr first = known ? *known : pre.choices->Make(c, "protect.first", FnShape{{}, 64})(Args{});
    // No event lies below |first|, stated apart for holes and for each failing mapping (so that a
    // proof instantiates it at the mapping's row).
    auto not_below = [=](const z3::expr& x) { return event(first) && Formula(z3::ule(first, x)); };
    Formula lowest =
        Formula::Forall(c, {Sort::kAddr}, [=](const Args& x) -> Formula { return Implies(hole(x[0]), not_below(x[0])); }) &&
        Formula::Forall(c, {Sort::kKoid, Sort::kAddr}, [=](const Args& m) -> Formula {
          const z3::expr &w = m[0], &x = m[1];
          Formula fails = Formula(beyond_max(w, x) || no_op_children(w)) || adds(w, x);
          return Implies(Formula(scanned(w, x)) && fails, not_below(x));
        });
    checks.Fail(hole(first), ZX_ERR_NOT_FOUND, "VMAR-042 (10a)")
        .Fail(beyond_at(first), ZX_ERR_ACCESS_DENIED, "VMAR-042 (10b)")
        .Fail(no_op_at(first), ZX_ERR_INVALID_ARGS, "VMAR-042 (10c) OP_CHILDREN")
        .Fail(adds_at(first), ZX_ERR_ACCESS_DENIED, "VMAR-042 (10c) page");
    // VMAR-043: every page of the range in a scanned mapping gets |perms|.
    SymState out = pre;
    out.perms = pre.perms.Where(
        [scanned, s, addr, n](const Args& p) {
          return scanned(p[0], p[1]) && PageAligned(p[2]) && Contains(addr, n, p[2]) &&
                 Contains(p[1], s.map_size(p[0], p[1]), p[2]);
        },
        [perms](const Args&) { return perms; });
    // The success guard restated where the proofs use it: no scanned mapping fails. (It follows
    // from the checks and "protect.first"'s constraint; stated, the proofs need not derive it.)
    Formula none_fails = Formula::Forall(c, {Sort::kKoid, Sort::kAddr}, [=](const Args& m) -> Formula {
      return Implies(Formula(scanned(m[0], m[1])),
                     Formula(!beyond_max(m[0], m[1]) && !no_op_children(m[0])) && !adds(m[0], m[1]));
    });
    Paths paths = Then(pre, checks, Guard(none_fails, Ok(out, "VMAR-043")));
    for (Path& p : paths) p.choices.push_back({"protect.first: the scan's first event", lowest});
    return paths;
  }, "VMAR-042 (2)");
}

Call ProtectCall(const ArgValues& a) {
  return VmarProtect{static_cast<zx_handle_t>(a.v[0]), static_cast<zx_vm_option_t>(a.v[1]), a.v[2], a.v[3]};
}
std::optional<ArgValues> ProtectArgs(const Call& call) {
  const auto* c = std::get_if<VmarProtect>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->vmar, c->options, c->addr, c->len}, {{}, {}, {}, {}}};
}

Call MapCall(const ArgValues& a) {
  return VmarMap{static_cast<zx_handle_t>(a.v[0]), static_cast<zx_vm_option_t>(a.v[1]), a.v[2],
                 static_cast<zx_handle_t>(a.v[3]), a.v[4], a.v[5]};
}
std::optional<ArgValues> MapArgs(const Call& call) {
  const auto* c = std::get_if<VmarMap>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->vmar, c->options, c->vmar_offset, c->vmo, c->vmo_offset, c->len}, {{}, {}, {}, {}, {}, {}}};
}

}  // namespace

const OpSpec& VmarProtectOp() {
  static const OpSpec op{"vmar_protect", "VMAR-040..VMAR-043",
                         {{"vmar", 32}, {"options", 32}, {"addr", 64}, {"len", 64}},
                         &ProtectStep, &ProtectCall, &ProtectArgs};
  return op;
}

const OpSpec& VmarMapOp() {
  static const OpSpec op{"vmar_map", "VMAR-020..VMAR-028 VMAR-060",
                         {{"vmar", 32}, {"options", 32}, {"vmar_offset", 64}, {"vmo", 32}, {"vmo_offset", 64}, {"len", 64}},
                         &MapStep, &MapCall, &MapArgs};
  return op;
}

}  // namespace zxspec::spec
