// File: props/suite.h
//
// The RapidCheck state-machine suite over the model: a generated sequence of calls runs through
// a step function (model::Step, or a test's deliberately wrong variant) and one property of
// props/properties.h is checked after every step. `CheckSequence` is the body of a RapidCheck
// property: props/model_props.cc wraps it in RC_GTEST_PROP, the campaign (props/check.h) runs it
// case by case with its own seeds.
#pragma once

#include <memory>

#include "props/command.h"
#include "props/coverage.h"
#include "props/properties.h"
#include "props/trace.h"

namespace zxspec::props {

// What a run leaves behind for its caller. Optional: a suite run without a recorder checks the
// property and nothing else.
struct Recorder {
  Trace trace;                   // the steps of the last run, the failing one last
  Coverage* coverage = nullptr;  // when set, every executed step counts its (call, status)
  uint64_t steps = 0;            // executed steps, over all runs while |coverage| is set
  std::string failure;           // why the last run failed ("" if it did not)
  std::vector<Witness> witnesses;  // the failing property's witnesses for the last run
};

// The system under test of the property suite: steps |s0| with the step function, records the
// step, and fails the RapidCheck case (RC_FAIL) when the property does not hold.
class StepChecker {
 public:
  StepChecker(const PropertyInfo& property, std::shared_ptr<const StepFn> step,
              Recorder* recorder)
      : property_(property), step_(std::move(step)), recorder_(recorder) {}

  void Run(const model::State& s0, const Action& action);

 private:
  [[noreturn]] void Fail(const std::string& why);

  const PropertyInfo& property_;
  std::shared_ptr<const StepFn> step_;
  Recorder* recorder_;
};

// One RapidCheck case: draws a sequence from the initial state (its length from RapidCheck's
// size: 1..size+1 calls) and checks |property| after every step of |step|. Must run inside a
// RapidCheck property.
void CheckSequence(const PropertyInfo& property, const StepFn& step, Recorder* recorder);

// CheckSequence that, when the case fails, writes the run as a scenario to
// |out_dir|/<property id>-gtest.zxs and logs the path (RC_LOG, shown with RapidCheck's report).
// RapidCheck's last failing run is its shrunk counterexample, so the file left behind is the
// minimal one.
void CheckSequenceAndSave(const PropertyInfo& property, const StepFn& step,
                          const std::string& out_dir);

}  // namespace zxspec::props
