// Test helpers for spec/ tests: model states the model reaches (walks of the one call
// generator, props/gen.h, from the initial state), and spec formulas evaluated on them.
#pragma once

#include <random>
#include <vector>

#include "model/model.h"
#include "props/gen.h"
#include "spec/abstraction.h"
#include "spec/logic.h"

namespace zxspec::spec {

// One reached state and the call the walk made there (with model::Step's answer).
struct ReachedStep {
  model::State pre;
  props::Action action;
  model::StepResult result;
};

// |walks| walks of up to |steps| generated calls each, seeded from |seed|.
inline std::vector<ReachedStep> ReachableSteps(uint64_t seed, size_t walks, size_t steps) {
  std::vector<ReachedStep> out;
  for (size_t w = 0; w < walks; ++w) {
    std::mt19937_64 rng(seed * 1000003 + w);
    model::State state = model::InitialState();
    for (size_t i = 0; i < steps && props::CanAct(state, state.initial.self_koid); ++i) {
      props::Action a;
      try {
        a = props::GenAction(state)(rc::Random(rng())).value();
      } catch (const std::exception&) {
        break;
      }
      model::StepResult r = model::Step(state, a.caller, a.call);
      out.push_back({state, a, r});
      state = r.state;
    }
  }
  return out;
}

// Whether |f| (over a state of numerals and tables) is true.
inline bool Holds(const Formula& f) { return EvaluateConcrete(f).is_true(); }

}  // namespace zxspec::spec
