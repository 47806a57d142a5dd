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

// A call that the scenario of a failure runs right after the failing step, with the outcome the
// property expects of it. Its expectation is pinned in full, so that the saved scenario fails on
// replay against the step function that broke the property and passes against a correct one
// (a property about what a user observes has nothing for check_invariants to find).
struct Probe {
  zx_koid_t caller = 0;  // a process that can act (CanAct) in the state after the failing step
  Call call;             // handle arguments are values of |caller|'s table in that state
  Outcome expect;
};

// What a failing step leaves in its scenario besides the calls themselves (PropertyInfo::witness):
// the outcome the failing call itself should have had, and probes.
struct Witness {
  std::optional<Outcome> expect;
  std::vector<Probe> probes;
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
  // Optional: called on a step |check| rejected, for the evidence its scenario pins.
  Witness (*witness)(const StepView& step) = nullptr;
};

std::span<const PropertyInfo> Properties();
const PropertyInfo* FindProperty(std::string_view id);

}  // namespace zxspec::props
