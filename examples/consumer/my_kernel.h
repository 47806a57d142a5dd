// examples/consumer/my_kernel.h: a user's own kernel as the system under test, written against
// the installed package's kernel interface (zxspec/api/kernel.h) the way a project would write
// an adapter for its kernel. For brevity its objects live in the reference model
// (model::ModelKernel, "the object layer"); what it adds is the syscall-entry layer a real
// kernel has in front of its objects: here the rights arithmetic of zx_handle_duplicate
// (docs/rules/handles-rights.md HANDLE-020..023).
//
// `planted_bug` plants the classic mistake in that layer: rights beyond the handle's are
// masked off (`rights &= held`) instead of refused with ZX_ERR_INVALID_ARGS (HANDLE-022).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/kernel.h"
#include "model/model.h"

namespace consumer {
using namespace zxspec;  // Kernel, Call, Outcome, zx_* types and constants

class MyKernel final : public Kernel {
 public:
  explicit MyKernel(bool planted_bug) : planted_bug_(planted_bug) {}

  std::string_view Name() const override { return "my_kernel"; }
  InitialEnvironment Initial() const override { return objects_.Initial(); }
  CallerState Caller(zx_koid_t process) const override { return objects_.Caller(process); }
  // The calls this kernel gives a meaning; the campaign skips the others.
  bool Models(const Call& call) const override { return objects_.Models(call); }
  std::vector<std::string> CheckInvariants() const override { return objects_.CheckInvariants(); }

  Outcome Apply(zx_koid_t caller, const Call& call) override {
    if (const auto* d = std::get_if<HandleDuplicate>(&call)) return Duplicate(caller, *d);
    return objects_.Apply(caller, call);
  }

 private:
  // Entry checks of zx_handle_duplicate in the rulebook's order: a live handle (HANDLE-020)
  // with ZX_RIGHT_DUPLICATE (HANDLE-021) is checked by the object layer; then the new rights
  // are SAME_RIGHTS or a subset of the held ones (HANDLE-022).
  Outcome Duplicate(zx_koid_t caller, HandleDuplicate d) {
    Result<InfoRecord> info = objects_.zx_object_get_info(caller, d.handle, ZX_INFO_HANDLE_BASIC);
    if (info.is_ok() && d.rights != ZX_RIGHT_SAME_RIGHTS) {
      const zx_rights_t held = std::get<zx_info_handle_basic_t>(*info).rights;
      if ((held & ZX_RIGHT_DUPLICATE) != 0 && (d.rights & ~held) != 0) {
        if (!planted_bug_) return Outcome::Status(ZX_ERR_INVALID_ARGS);
        d.rights &= held;  // the planted bug: mask instead of refusing
      }
    }
    return objects_.Apply(caller, d);
  }

  bool planted_bug_;
  model::ModelKernel objects_;
};

}  // namespace consumer
