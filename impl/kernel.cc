// ImplKernel: dispatch of a call to its family handler, then deferred destruction.
#include "impl/kernel.h"

#include <type_traits>

#include "impl/families.h"

namespace zxspec::impl {

bool Implements(const Call& call) {
  return std::visit(
      [](const auto& c) { return Implemented<std::decay_t<decltype(c)>>::value; }, call);
}

CallerState ImplKernel::Caller(zx_koid_t process) const {
  const auto* p = core_.Find<ProcessObj>(process);
  if (p == nullptr) return CallerState::kUnknown;
  return p->state == ProcState::kDead ? CallerState::kDead : CallerState::kLive;
}

Outcome ImplKernel::Apply(zx_koid_t caller, const Call& call) {
  auto* p = core_.Find<ProcessObj>(caller);
  if (p == nullptr || p->state == ProcState::kDead) {
    return Outcome::Status(ZX_ERR_BAD_STATE);  // process-maps.md P-5: a harness error
  }
  Outcome outcome = std::visit(
      [&](const auto& c) -> Outcome {
        using T = std::decay_t<decltype(c)>;
        if constexpr (Implemented<T>::value) {
          return Do(core_, *p, c);
        } else {
          return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // no handler: harnesses ask Models() first
        }
      },
      call);
  core_.Collect();
  return outcome;
}

std::vector<std::string> ImplKernel::CheckInvariants() const { return RepInvariant(core_); }

}  // namespace zxspec::impl
