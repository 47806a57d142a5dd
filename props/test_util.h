// Test helpers for props/ self-tests: replay a scenario text through the project's scenario
// runner against a step function; count its lines.
#pragma once

#include <sstream>
#include <string>

#include "props/check.h"
#include "props/step_kernel.h"
#include "scenario/runner.h"

namespace zxspec::props {

inline scenario::RunReport Replay(const std::string& text, StepFn step) {
  StepKernel kernel(std::move(step));
  return scenario::RunSource(text, "counterexample.zxs", kernel, nullptr, {});
}

// A campaign of |runs| cases of at most 40 calls under |step| (a test's wrong variant), from
// |seed|: what the planted-bug and wrong-variant tests run.
inline CheckOptions VariantCampaign(StepFn step, uint64_t seed, uint64_t runs) {
  CheckOptions o;
  o.seed = seed;
  o.runs = runs;
  o.max_steps = 40;
  o.step = std::move(step);
  return o;
}

// The number of the first line of |text| that contains |needle| (1-based), or 0.
inline size_t LineOf(const std::string& text, const std::string& needle) {
  size_t n = 0;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) {
    ++n;
    if (line.find(needle) != std::string::npos) return n;
  }
  return 0;
}

// The number of lines of |text| (a saved scenario).
inline size_t LineCount(const std::string& text) {
  size_t n = 0;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) ++n;
  return n;
}

}  // namespace zxspec::props
