// Test helpers for props/ self-tests: replay a scenario text through the project's scenario
// runner against a step function; count its lines.
#pragma once

#include <sstream>
#include <string>

#include "props/step_kernel.h"
#include "scenario/runner.h"

namespace zxspec::props {

inline scenario::RunReport Replay(const std::string& text, StepFn step) {
  StepKernel kernel(std::move(step));
  return scenario::RunSource(text, "counterexample.zxs", kernel, nullptr, {});
}

// The number of lines of |text| (a saved scenario).
inline size_t LineCount(const std::string& text) {
  size_t n = 0;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) ++n;
  return n;
}

}  // namespace zxspec::props
