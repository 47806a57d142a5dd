// File: model/model.h
//
// The pure reference model. `Step` is the whole semantics: a function of (state, caller, call)
// giving (outcome, new state). `ModelKernel` wraps it behind the api kernel interface.
//
// Entry points: `InitialState()` (model/state.h), `Step`, `Models`, and the invariant catalog
// in model/invariants.h. Each syscall family lives in its own file (handle.cc, object.cc,
// vmo.cc, stream.cc, vmar.cc, process.cc, channel.cc, mem.cc); every check carries the rule id
// it implements.
#pragma once

#include "api/kernel.h"
#include "model/state.h"

namespace zxspec::model {

struct StepResult {
  Outcome outcome;
  State state;
};

// Performs |call| as the live process |caller| on |state|. Pure: the input is taken by value.
// A caller that is not a live process gets ZX_ERR_BAD_STATE and no change (a harness error,
// process-maps.md P-5; harnesses check `CallerStateOf` first).
StepResult Step(State state, zx_koid_t caller, const Call& call);

// Whether the model gives |call| a meaning (every call of api/calls.h, once all families land).
bool Models(const Call& call);

CallerState CallerStateOf(const State& state, zx_koid_t process);

class ModelKernel final : public Kernel {
 public:
  ModelKernel();
  explicit ModelKernel(State state);

  std::string_view Name() const override { return "model"; }
  InitialEnvironment Initial() const override { return state_.initial; }
  CallerState Caller(zx_koid_t process) const override { return CallerStateOf(state_, process); }
  bool Models(const Call& call) const override { return model::Models(call); }
  Outcome Apply(zx_koid_t caller, const Call& call) override;
  std::vector<std::string> CheckInvariants() const override;

  const State& state() const { return state_; }

 private:
  State state_;
};

}  // namespace zxspec::model
