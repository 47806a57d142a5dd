// File: props/command.h
//
// The RapidCheck command every stateful suite uses (exemplars.md adopted item 19): one command
// type for every call, carrying a generated `Action` and the step function that defines the
// system's transitions. Shared by the property suites (Sut = StepChecker, props/suite.h) and the
// differential runner (Sut = its implementation harness).
//
//  - checkPreconditions: only rejects what cannot be run or printed any more after shrinking
//    (a caller that is no longer live or no longer reachable from the initial process) and
//    reads that would now exceed GenOptions::max_transfer; arguments are otherwise never
//    filtered, errors are outcomes (adopted item 20).
//  - apply: steps the model state with the step function.
//  - run: hands the step to the Sut: `sut.Run(s0, action)`.
//  Each hook first resolves the action's handle references on the state it is given
//  (`Resolve`, gen.h), so that shrinking can drop earlier steps without breaking later ones.
//  - show: the call in scenario syntax with literal handle values, prefixed by `@koid` when
//    another process performs it (the complete, named scenario is props/zxs.h's job).
#pragma once

#include <memory>
#include <exception>
#include <ostream>

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "api/format.h"
#include "props/gen.h"
#include "props/properties.h"

namespace zxspec::props {

// Whether |action| can run in |s| (CanAct), or is the idle step GenAction draws once nobody
// can act.
bool Runnable(const model::State& s, const Action& action);

template <class Sut>
class CallCommand final : public rc::state::Command<model::State, Sut> {
 public:
  CallCommand(Action action, std::shared_ptr<const StepFn> step, uint64_t max_transfer)
      : action_(std::move(action)), step_(std::move(step)), max_transfer_(max_transfer) {}

  const Action& action() const { return action_; }

  void checkPreconditions(const model::State& s0) const override {
    const Action a = Resolve(s0, action_);
    RC_PRE(Runnable(s0, a));
    RC_PRE(WithinTransferCap(s0, a, max_transfer_));
  }
  // A step function that throws leaves |s| as it was here; `run` repeats the step and reports
  // the exception as the failure, with the sequence that led to it.
  void apply(model::State& s) const override {
    const Action a = Resolve(s, action_);
    if (!CanAct(s, a.caller)) return;  // idle: nothing runs
    try {
      s = (*step_)(s, a.caller, a.call).state;
    } catch (const std::exception&) {
    }
  }
  void run(const model::State& s0, Sut& sut) const override {
    sut.Run(s0, Resolve(s0, action_));
  }
  void show(std::ostream& os) const override {
    os << "@" << action_.caller << " " << FormatCall(action_.call);
  }

 private:
  Action action_;
  std::shared_ptr<const StepFn> step_;
  uint64_t max_transfer_;
};

// The generation function for rc::state::check / rc::state::gen::commands: from the current
// model state, one CallCommand drawn by GenAction.
template <class Sut>
auto CommandGenerator(std::shared_ptr<const StepFn> step, GenOptions options = {}) {
  using Cmd = rc::state::Command<model::State, Sut>;
  return [step, options](const model::State& s) {
    return rc::gen::map(GenAction(s, options), [step, cap = options.max_transfer](Action a) {
      return std::shared_ptr<const Cmd>(
          std::make_shared<CallCommand<Sut>>(std::move(a), step, cap));
    });
  };
}

}  // namespace zxspec::props
