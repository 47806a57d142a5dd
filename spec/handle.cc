// Handles in Z3: zx_handle_close, zx_handle_duplicate and zx_handle_replace (handles-rights.md
// HANDLE-010..032), mirroring model/handle.cc.
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

// zx_handle_close: HANDLE-010..012. Closing the last handle to an object is what garbage
// collection follows (spec/lifecycle.h: the object dies, a channel's peer closes, CHAN-002).
Paths CloseStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  Checks checks(c);
  checks.Succeed(a[0] == U32(c, ZX_HANDLE_INVALID), "HANDLE-010");
  return Then(pre, checks, LookupHandle(pre, caller, a[0], [&](const FoundHandle& h) {
    return Ok(RemoveHandle(pre, caller, h.value), "HANDLE-012", SymResult::None(), /*collect=*/true);
  }, "HANDLE-011"));
}

// zx_handle_duplicate: HANDLE-020..023
Paths DuplicateStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return LookupHandle(pre, caller, a[0], [&](const FoundHandle& h) {
    Derived d = DerivedRights(h.rights, a[1]);
    Checks checks(c);
    checks.Fail(!HasRights(h.rights, ZX_RIGHT_DUPLICATE), ZX_ERR_ACCESS_DENIED, "HANDLE-021")
        .Fail(d.invalid, ZX_ERR_INVALID_ARGS, "HANDLE-022");
    z3::expr out = U32(c, 0);
    SymState post = InstallHandle(pre, caller, h.object, d.rights, &out);  // HANDLE-023
    Paths ok = Ok(post, "HANDLE-023", SymResult::Handle(out));
    ok[0].installs.push_back({{caller, out}, h.rights, "HANDLE-023: the duplicated handle's rights"});
    return Then(pre, checks, ok);
  }, "HANDLE-020");
}

// zx_handle_replace: HANDLE-030..032
Paths ReplaceStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return LookupHandle(pre, caller, a[0], [&](const FoundHandle& h) {
    Derived d = DerivedRights(h.rights, a[1]);
    Checks checks(c);
    checks.FailWith(d.invalid, ZX_ERR_INVALID_ARGS, "HANDLE-031",
                    RemoveHandle(pre, caller, h.value), /*collect=*/true);  // closed anyway
    // HANDLE-032: the new handle exists before the old one goes.
    z3::expr out = U32(c, 0);
    SymState post = RemoveHandle(InstallHandle(pre, caller, h.object, d.rights, &out), caller, h.value);
    Paths ok = Ok(post, "HANDLE-032", SymResult::Handle(out));
    ok[0].installs.push_back({{caller, out}, h.rights, "HANDLE-032: the replaced handle's rights"});
    return Then(pre, checks, ok);
  }, "HANDLE-030");
}

Call CloseCall(const ArgValues& a) { return HandleClose{static_cast<zx_handle_t>(a.v[0])}; }
Call DuplicateCall(const ArgValues& a) {
  return HandleDuplicate{static_cast<zx_handle_t>(a.v[0]), static_cast<zx_rights_t>(a.v[1])};
}
Call ReplaceCall(const ArgValues& a) {
  return HandleReplace{static_cast<zx_handle_t>(a.v[0]), static_cast<zx_rights_t>(a.v[1])};
}

std::optional<ArgValues> CloseArgs(const Call& call) {
  const auto* c = std::get_if<HandleClose>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle}, {{}}};
}
std::optional<ArgValues> DuplicateArgs(const Call& call) {
  const auto* c = std::get_if<HandleDuplicate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->rights}, {{}, {}}};
}
std::optional<ArgValues> ReplaceArgs(const Call& call) {
  const auto* c = std::get_if<HandleReplace>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->rights}, {{}, {}}};
}

}  // namespace

const OpSpec& HandleCloseOp() {
  static const OpSpec op{"handle_close", "HANDLE-010..HANDLE-012", {{"handle", 32}},
                         &CloseStep, &CloseCall, &CloseArgs};
  return op;
}

const OpSpec& HandleDuplicateOp() {
  static const OpSpec op{"handle_duplicate", "HANDLE-020..HANDLE-023",
                         {{"handle", 32}, {"rights", 32}},
                         &DuplicateStep, &DuplicateCall, &DuplicateArgs};
  return op;
}

const OpSpec& HandleReplaceOp() {
  static const OpSpec op{"handle_replace", "HANDLE-030..HANDLE-032",
                         {{"handle", 32}, {"rights", 32}},
                         &ReplaceStep, &ReplaceCall, &ReplaceArgs,
                         {false, &ConsumesHandleArg}};  // HANDLE-031
  return op;
}

}  // namespace zxspec::spec
