// zx_vmar_create_vmo_child in Z3 (seed RFC-0013; vmar.md VMAR-080..084), mirroring
// model/vmar.cc (CheckVmarCreateVmoChild) check by check.
//
// The mapping the range must lie in is found at any depth below the VMAR: the one alive mapping
// (VMAR w, base b) of a VMAR below or at the caller's VMAR holding |addr| (mappings of one
// address space are disjoint). Over a concrete state it is looked up; otherwise it is the pair of
// choices "create_vmo_child.vmar" / ".base" with the constraint that every such mapping is this
// one. The VMARs "on the path from the root down to the mapping's VMAR" of step (7) are the live
// VMARs u with BelowOrSelf(u, w) (spec/aspace.h). Step (8) is zx_vmo_create_child's own checks and
// effect on the mapped VMO (spec/vmo.h), without a handle-rights check.
#include "spec/aspace.h"
#include "spec/ops.h"
#include "spec/vmo.h"

namespace zxspec::spec {
namespace {

constexpr uint32_t kChildOptions =
    ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_NO_WRITE;

// An alive mapping (vmar, base) and whether there is one.
struct ChildHolder {
  z3::expr vmar, base, found;
  std::vector<NamedFormula> constraints;
};

// VMAR-082 (6): the alive mapping of a VMAR below or at |v| whose range holds |addr|.
ChildHolder MappingHolding(const SymState& s, const z3::expr& v, const z3::expr& addr) {
  z3::context& c = s.ctx();
  auto holds = [s, v, addr](const z3::expr& w, const z3::expr& b) {
    return BelowOrSelf(s, v, w) && s.map_alive(w, b) && Contains(b, s.map_size(w, b), addr);
  };
  if (const Table* alive = Plain(s.map_alive)) {
    std::optional<ChildHolder> out = ChildHolder{U64(c, 0), U64(c, 0), c.bool_val(false), {}};
    for (const auto& [key, on] : *alive) {
      const z3::expr w = U64(c, key[0]), b = U64(c, key[1]);
      auto yes = NumeralOf(holds(w, b).simplify());
      if (!yes) out.reset();  // not concrete after all
      if (!yes || *yes == 0) continue;
      out = ChildHolder{w, b, c.bool_val(true), {}};
      break;
    }
    if (out) return *out;
  }
  const z3::expr w = s.choices->Make(c, "create_vmo_child.vmar", FnShape{{}, BitsOf(Sort::kKoid)})(Args{});
  const z3::expr b = s.choices->Make(c, "create_vmo_child.base", FnShape{{}, BitsOf(Sort::kAddr)})(Args{});
  Formula unique = Formula::Forall(c, {Sort::kKoid, Sort::kAddr}, [holds, w, b](const Args& x) -> Formula {
    return z3::implies(holds(x[0], x[1]), x[0] == w && x[1] == b);
  });
  return {w, b, holds(w, b), {{"create_vmo_child.mapping: the one mapping holding addr", unique}}};
}

// VMAR-083, open point V-7 (f): every page of [addr, addr + size) in the mapping (w, b) has
// PERM_EXECUTE. Over a concrete state it is counted (pages without permissions are not in the
// perms table); otherwise it is the choice "create_vmo_child.executable" with the constraint
// that states it.
struct Executable {
  z3::expr value;
  std::vector<NamedFormula> constraints;
};
Executable AllExecutable(const SymState& s, const z3::expr& w, const z3::expr& b, const z3::expr& addr,
                         const z3::expr& size) {
  z3::context& c = s.ctx();
  const Table* page = Plain(s.perms);
  auto vw = NumeralOf(w.simplify()), vb = NumeralOf(b.simplify());
  auto lo = NumeralOf(addr.simplify()), len = NumeralOf(size.simplify());
  if (page != nullptr && vw && vb && lo && len) {
    const uint64_t executable = PagesHolding(*page, *vw, *vb, *lo, SaturatingEnd(*lo, *len), ZX_VM_PERM_EXECUTE);
    return {c.bool_val(executable == *len / ZX_PAGE_SIZE), {}};
  }
  const z3::expr x = s.choices->Make(c, "create_vmo_child.executable", FnShape{{}, 1})(Args{}) == c.bv_val(1, 1);
  Formula every = Formula::Forall(c, {Sort::kAddr}, [s, w, b, addr, size](const Args& p) -> Formula {
    return z3::implies(PageAligned(p[0]) && Contains(addr, size, p[0]),
                       HasBits(s.perms(w, b, p[0]), ZX_VM_PERM_EXECUTE));
  });
  return {x, {{"create_vmo_child.executable: every page of the range has PERM_EXECUTE",
               Implies(Formula(x), every) && Implies(every, Formula(x))}}};
}

Paths CreateVmoChildStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr &options = a[1], &addr = a[2], &size = a[3];
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMAR, ZX_RIGHT_INSPECT, [&](const FoundHandle& h) {
    const z3::expr v = h.object;
    Checks checks(c);
    checks.Fail(HasBits(options, ~kChildOptions), ZX_ERR_INVALID_ARGS, "VMAR-082 (2)")
        .Fail(!PageAligned(addr) || !PageAligned(size), ZX_ERR_INVALID_ARGS, "VMAR-082 (3)")
        .Fail(size == U64(c, 0), ZX_ERR_INVALID_ARGS, "VMAR-082 (4)")
        .Fail(!pre.vmar_live(v), ZX_ERR_BAD_STATE, "VMAR-082 (5)");
    ChildHolder m = MappingHolding(pre, v, addr);
    const z3::expr w = m.vmar, b = m.base;
    // (7): a VMAR on the path from the root down to w (w included) with the flag.
    Formula flagged = Formula::Exists(c, {Sort::kKoid}, [pre, w](const Args& u) -> Formula {
      return LiveVmar(pre, u[0]) && BelowOrSelf(pre, u[0], w) &&
             HasBits(pre.vmar_flags(u[0]), ZX_VM_CANNOT_CREATE_VMO_CHILD);
    });
    checks.Fail(!m.found, ZX_ERR_INVALID_ARGS, "VMAR-082 (6) no mapping")
        .Fail(!Inside(addr, size, b, pre.map_size(w, b)), ZX_ERR_INVALID_ARGS, "VMAR-082 (6) past the mapping")
        .Fail(HasBits(pre.map_flags(w, b), ZX_VM_CANNOT_CREATE_VMO_CHILD), ZX_ERR_ACCESS_DENIED,
              "VMAR-082 (7) mapping VMAR-084")
        .Fail(flagged, ZX_ERR_ACCESS_DENIED, "VMAR-082 (7) VMAR VMAR-084")
        // (8) zx_vmo_create_child's first checks, made again (model CreateVmoChild).
        .Fail(!z3::ule(size, MaxVmoSize(c)), ZX_ERR_OUT_OF_RANGE, "VMAR-082 (8) VMO-070")
        .Unreachable("VMAR-082 (6): the range lies in a mapping, inside its VMAR (vmar-containment), "
                     "which ends below the user address space's end (vmar-alignment, VMAR-003)")
        .Fail(HasBits(options, ZX_VMO_CHILD_NO_WRITE) && HasBits(options, ZX_VMO_CHILD_RESIZABLE),
              ZX_ERR_INVALID_ARGS, "VMAR-082 (8) VMO-071")
        .Unreachable("VMAR-082 (2) refuses ZX_VMO_CHILD_RESIZABLE");
    Executable exec = AllExecutable(pre, w, b, addr, size);
    // VMAR-083: ZX_DEFAULT_VMO_RIGHTS as the "parent handle's" rights of VMO-083, with EXECUTE
    // when every page is executable: NO_WRITE then drops WRITE and keeps EXECUTE, and a writable
    // SNAPSHOT-family child gets WRITE without EXECUTE; GET_PROPERTY copies the name (VMO-082).
    const FoundHandle mapped{caller, h.value, pre.map_vmo(w, b),
                             U32(c, ZX_DEFAULT_VMO_RIGHTS) | z3::ite(exec.value, U32(c, ZX_RIGHT_EXECUTE), U32(c, 0))};
    const z3::expr offset = pre.map_vmo_offset(w, b) + (addr - b);
    Paths paths = Then(pre, checks,
                       CreateSnapshotChild(pre, caller, mapped, options, offset, size,
                                           "VMAR-083: a child of a mapped VMO"));
    for (Path& p : paths) {
      // (8) on a mapped range: what VMO-075 checks of the offset and the size, (3) and the
      // mapping's alignment have checked.
      if (p.name == "VMO-075 (offset) ZX_ERR_INVALID_ARGS") {
        p.unreachable = "VMAR-082 (3): addr is page-aligned, and vmar-alignment: so are the mapping's base and VMO offset";
      }
      if (p.name == "VMO-075 (size) ZX_ERR_INVALID_ARGS") p.unreachable = "VMAR-082 (3): size is page-aligned";
    }
    return WithChoices(WithChoices(std::move(paths), m.constraints), exec.constraints);
  }, "VMAR-082 (1)");
}

Call CreateVmoChildCall(const ArgValues& a) {
  return VmarCreateVmoChild{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1]), a.v[2], a.v[3]};
}
std::optional<ArgValues> CreateVmoChildArgs(const Call& call) {
  const auto* c = std::get_if<VmarCreateVmoChild>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->vmar, c->options, c->addr, c->size}, {{}, {}, {}, {}}};
}

}  // namespace

const OpSpec& VmarCreateVmoChildOp() {
  static const OpSpec op{"vmar_create_vmo_child", "VMAR-080..VMAR-084 (seed RFC-0013)",
                         {{"vmar", 32}, {"options", 32}, {"addr", 64}, {"size", 64}},
                         &CreateVmoChildStep, &CreateVmoChildCall, &CreateVmoChildArgs};
  return op;
}

}  // namespace zxspec::spec
