// Step: the reference model's transition function, and ModelKernel, its Kernel adapter.
#include <type_traits>

#include "model/core.h"
#include "model/families.h"
#include "model/invariants.h"
#include "model/model.h"

namespace zxspec::model {

CallerState CallerStateOf(const State& state, zx_koid_t process) {
  const auto* p = Find<Process>(state, process);
  if (p == nullptr) return CallerState::kUnknown;
  return p->state == ProcessState::kDead ? CallerState::kDead : CallerState::kLive;
}

bool Models(const Call& call) {
  return std::visit([](const auto& c) { return Modeled<std::decay_t<decltype(c)>>::value; },
                    call);
}

StepResult Step(State state, zx_koid_t caller, const Call& call) {
  if (CallerStateOf(state, caller) != CallerState::kLive) {
    return {Outcome::Status(ZX_ERR_BAD_STATE), std::move(state)};  // P-5: harness error
  }
  Outcome outcome = std::visit(
      [&](const auto& c) -> Outcome {
        using T = std::decay_t<decltype(c)>;
        if constexpr (Modeled<T>::value) {
          return Do(state, caller, c);
        } else {
          return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // not modeled: harnesses ask Models()
        }
      },
      call);
  CollectGarbage(state);
  return {std::move(outcome), std::move(state)};
}

ModelKernel::ModelKernel() : state_(InitialState()) {}
ModelKernel::ModelKernel(State state) : state_(std::move(state)) {}

Outcome ModelKernel::Apply(zx_koid_t caller, const Call& call) {
  StepResult r = Step(std::move(state_), caller, call);
  state_ = std::move(r.state);
  return std::move(r.outcome);
}

std::vector<std::string> ModelKernel::CheckInvariants() const {
  return model::CheckInvariants(state_);
}

}  // namespace zxspec::model
