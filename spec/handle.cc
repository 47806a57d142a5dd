// Handles in Z3: zx_handle_duplicate and zx_handle_replace (handles-rights.md HANDLE-020..032),
// mirroring model/handle.cc.
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

// HANDLE-022/031: SAME_RIGHTS keeps the rights; any other mask must be a subset.
struct Derived {
  z3::expr invalid;  // the mask is neither SAME_RIGHTS nor a subset
  z3::expr rights;
};
Derived DerivedRights(const z3::expr& have, const z3::expr& requested) {
  z3::context& c = have.ctx();
  z3::expr same = requested == U32(c, ZX_RIGHT_SAME_RIGHTS);
  return Derived{!same && (requested & ~have) != U32(c, 0), z3::ite(same, have, requested)};
}

// zx_handle_duplicate: HANDLE-020..023
SymStep DuplicateStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  Paths paths = ForCallerHandle(pre, a[0], [&](size_t i) {  // HANDLE-020
    const SymHandle& h = pre.handles[i];
    Derived d = DerivedRights(h.rights, a[1]);
    Checks checks(c);
    checks.Fail(!HasRights(h.rights, ZX_RIGHT_DUPLICATE), ZX_ERR_ACCESS_DENIED)  // HANDLE-021
        .Fail(d.invalid, ZX_ERR_INVALID_ARGS);                                  // HANDLE-022
    return Then(pre, checks, WithNewHandle(pre, h.object, d.rights));           // HANDLE-023
  });
  return {paths, {FreeSlotAssumption("handle", LastSlotFree(pre.handles))}};
}

// zx_handle_replace: HANDLE-030..032
SymStep ReplaceStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  Paths paths = ForCallerHandle(pre, a[0], [&](size_t i) {  // HANDLE-030
    const SymHandle& h = pre.handles[i];
    Derived d = DerivedRights(h.rights, a[1]);
    SymState closed = pre;  // HANDLE-031: the input handle is closed on INVALID_ARGS too
    closed.handles[i].alive = c.bool_val(false);
    // HANDLE-032: the new handle exists before the old one goes.
    Paths replaced = WithNewHandle(pre, h.object, d.rights, [&](const SymState& s) {
      SymState out = s;
      out.handles[i].alive = c.bool_val(false);
      return Ok(out);
    });
    return Join(Paths{Path{d.invalid, StatusVal(c, ZX_ERR_INVALID_ARGS), closed}},
                Guard(!d.invalid, replaced));
  });
  return {paths, {FreeSlotAssumption("handle", LastSlotFree(pre.handles))}};
}

Call DuplicateCall(const ArgValues& a, const HandleValueOf& hv) {
  return HandleDuplicate{hv(a[0]), static_cast<zx_rights_t>(a[1])};
}
Call ReplaceCall(const ArgValues& a, const HandleValueOf& hv) {
  return HandleReplace{hv(a[0]), static_cast<zx_rights_t>(a[1])};
}

std::optional<ArgValues> DuplicateArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<HandleDuplicate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{ha(c->handle), c->rights};
}
std::optional<ArgValues> ReplaceArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<HandleReplace>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{ha(c->handle), c->rights};
}

}  // namespace

const OpSpec& HandleDuplicateOp() {
  static const OpSpec op{"handle_duplicate", "HANDLE-020..HANDLE-023",
                         {{"handle", kIndexBits}, {"rights", 32}},
                         &DuplicateStep, &DuplicateCall, &DuplicateArgs};
  return op;
}

const OpSpec& HandleReplaceOp() {
  static const OpSpec op{"handle_replace", "HANDLE-030..HANDLE-032",
                         {{"handle", kIndexBits}, {"rights", 32}},
                         &ReplaceStep, &ReplaceCall, &ReplaceArgs};
  return op;
}

}  // namespace zxspec::spec
