#include "props/suite.h"

#include <filesystem>
#include <fstream>

#include <rapidcheck/state.h>

#include "api/constants.h"
#include "api/format.h"
#include "props/zxs.h"

namespace zxspec::props {

bool Runnable(const model::State& s, const Action& action) {
  // The initial process can always be named; once it is dead its steps are idle (P-5).
  return CanAct(s, action.caller) || action.caller == s.initial.self_koid;
}

void StepChecker::Fail(const std::string& why) {
  if (recorder_ != nullptr) recorder_->failure = why;
  RC_FAIL(why);
}

void StepChecker::Run(const model::State& s0, const Action& action) {
  if (!CanAct(s0, action.caller)) {
    if (recorder_ != nullptr) recorder_->trace.push_back(MakeIdleStep(action));
    return;
  }
  model::StepResult r;
  try {
    r = (*step_)(s0, action.caller, action.call);
  } catch (const std::exception& e) {
    // A crash of the step function is a failure of every property, with this step last.
    if (recorder_ != nullptr) {
      recorder_->trace.push_back(MakeIdleStep(action));
      recorder_->trace.back().acted = true;
      recorder_->trace.back().outcome = Outcome::Status(ZX_ERR_INTERNAL);
    }
    Fail("the step function threw after " + FormatCall(action.call) + ": " + e.what());
  }
  if (recorder_ != nullptr) {
    recorder_->trace.push_back(MakeTraceStep(s0, action, r));
    if (recorder_->coverage != nullptr) {
      recorder_->coverage->Add(action.call.index(), r.outcome.status);
      ++recorder_->steps;
    }
  }
  const StepView view{s0, action, r, *step_};
  if (auto why = property_.check(view)) {
    if (recorder_ != nullptr && property_.witness != nullptr) {
      recorder_->witnesses = property_.witness(view);
      if (property_.expected != nullptr) {
        if (auto e = property_.expected(view)) recorder_->trace.back().expect = *e;
      }
    }
    Fail(std::string(property_.id) + " fails after " + FormatCall(action.call) + " -> " +
         StatusName(r.outcome.status) + ": " + *why);
  }
}

void CheckSequence(const PropertyInfo& property, const StepFn& step, Recorder* recorder) {
  auto shared_step = std::make_shared<const StepFn>(step);
  if (recorder != nullptr) {
    recorder->trace.clear();
    recorder->failure.clear();
    recorder->witnesses.clear();
  }
  StepChecker sut(property, shared_step, recorder);
  rc::state::check(model::InitialState(), sut,
                   CommandGenerator<StepChecker>(shared_step, property.gen));
}

void CheckSequenceAndSave(const PropertyInfo& property, const StepFn& step,
                          const std::string& out_dir) {
  Recorder recorder;
  try {
    CheckSequence(property, step, &recorder);
  } catch (...) {
    ScenarioHeader header;
    header.property = std::string(property.id);
    header.rules = std::string(property.rules);
    header.statement = std::string(property.statement);
    header.message = recorder.failure;
    header.origin = "RapidCheck test " + std::string(property.gtest_id);
    header.rerun = "RC_PARAMS=\"<reproduce string of the test report>\" build/props/model_props";
    header.witnesses = recorder.witnesses;
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    auto path = std::filesystem::path(out_dir) / (std::string(property.id) + "-gtest.zxs");
    std::ofstream(path) << FormatScenario(recorder.trace, model::InitialState(), header);
    RC_LOG() << "scenario: " << path.string() << "\n";
    throw;
  }
}

}  // namespace zxspec::props
