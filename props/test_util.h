// Test helpers for props/ self-tests: replay a scenario text through the project's scenario
// runner against a step function.
#pragma once

#include <string>

#include "props/step_kernel.h"
#include "scenario/runner.h"

namespace zxspec::props {

inline scenario::RunReport Replay(const std::string& text, StepFn step) {
  StepKernel kernel(std::move(step));
  return scenario::RunSource(text, "counterexample.zxs", kernel, nullptr, {});
}

}  // namespace zxspec::props
