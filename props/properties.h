// File: props/properties.h
//
// The catalog of step properties the suites check: one id, a statement, the rules it rests on
// and a checker that judges one step (the state before, the action, what the step function
// returned). The state-machine suite (props/suite.h) runs a generated sequence through a step
// function and checks the selected property after every step; `zxspec check --property ID`
// selects by id. Family helpers add their own rows here (see the report of issue 5).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "props/gen.h"
#include "props/trace.h"

namespace zxspec::props {

// The transition function under test: model::Step, or a test's deliberately wrong variant.
using StepFn = std::function<model::StepResult(model::State, zx_koid_t, const Call&)>;

// One step as a property sees it.
struct StepView {
  const model::State& before;
  const Action& action;
  const model::StepResult& after;
  const StepFn& step;
};

struct PropertyInfo {
  std::string_view id;         // "invariants"
  std::string_view statement;  // one line
  std::string_view rules;      // rulebook ids it rests on
  std::string_view gtest_id;   // the RC_GTEST_PROP running it ("ModelProps/Invariants"), which
                               // RapidCheck's reproduce strings are keyed by
  GenOptions gen;              // what the sequences draw (families)
  // nullopt when the step satisfies the property, else what is wrong.
  std::optional<std::string> (*check)(const StepView& step);
  // Optional, called on a step that |check| rejected: calls whose expectations state what the
  // property expected, appended to the saved counterexample (props/trace.h `Witness`). Properties
  // that an invariant restates need none: the scenario's final check_invariants() fails.
  std::vector<Witness> (*witness)(const StepView& step) = nullptr;
  // Optional, called on a step that |check| rejected: the outcome the failing call itself should
  // have had, pinned in full on its line of the saved counterexample (TraceStep::expect), so the
  // scenario fails on replay at that line.
  std::optional<Outcome> (*expected)(const StepView& step) = nullptr;
};

std::span<const PropertyInfo> Properties();
const PropertyInfo* FindProperty(std::string_view id);

}  // namespace zxspec::props
