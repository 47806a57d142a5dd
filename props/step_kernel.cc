#include "props/step_kernel.h"

#include <exception>

#include "model/invariants.h"

namespace zxspec::props {

StepKernel::StepKernel(StepFn step) : step_(std::move(step)), state_(model::InitialState()) {}

StepKernel::StepKernel(StepFn step, model::State state)
    : step_(std::move(step)), state_(std::move(state)) {}

CallerState StepKernel::Caller(zx_koid_t process) const {
  return model::CallerStateOf(state_, process);
}

bool StepKernel::Models(const Call& call) const { return model::Models(call); }

Outcome StepKernel::Apply(zx_koid_t caller, const Call& call) {
  try {
    model::StepResult r = step_(state_, caller, call);
    state_ = std::move(r.state);
    return r.outcome;
  } catch (const std::exception&) {
    return Outcome::Status(ZX_ERR_INTERNAL);
  }
}

std::vector<std::string> StepKernel::CheckInvariants() const {
  return model::CheckInvariants(state_);
}

}  // namespace zxspec::props
