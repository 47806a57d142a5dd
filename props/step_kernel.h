// File: props/step_kernel.h
//
// A Kernel (api/kernel.h) whose transitions are a props step function: model::Step, or a test's
// deliberately wrong variant. Lets the project's scenario runner (scenario/runner.h) replay a
// saved counterexample against the very step function that produced it. A step function that
// throws gives ZX_ERR_INTERNAL (the status the scenario writer pins for a crashed step) and
// leaves the state as it was.
#pragma once

#include "api/kernel.h"
#include "props/properties.h"

namespace zxspec::props {

class StepKernel final : public Kernel {
 public:
  explicit StepKernel(StepFn step);
  // Starts from |state| instead of the initial environment (a property driving a layer over a
  // copy of a state it judges, e.g. props/fidl_props.cc).
  StepKernel(StepFn step, model::State state);

  std::string_view Name() const override { return "props-step"; }
  InitialEnvironment Initial() const override { return state_.initial; }
  CallerState Caller(zx_koid_t process) const override;
  bool Models(const Call& call) const override;
  Outcome Apply(zx_koid_t caller, const Call& call) override;
  std::vector<std::string> CheckInvariants() const override;

  const model::State& state() const { return state_; }

 private:
  StepFn step_;
  model::State state_;
};

}  // namespace zxspec::props
