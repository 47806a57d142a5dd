// File: refinement/refinement.h
//
// The refinement step (exemplars.md item 21, after Serval's refinement harness): run one call
// on the model state and on the implementation, then require
//   1. equal Outcomes (status and payload, bit for bit),
//   2. the implementation's representation invariant,
//   3. Canonical(Abstract(impl)) == Canonical(model state after the call)
// (3 optionally skipped, since Abstract materialises every page). The pre-state conditions
// (invariant and abstraction before the call) are the post-state conditions of the previous
// step, checked once at the start of a run by `CheckInitial`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/calls.h"
#include "api/outcome.h"
#include "impl/kernel.h"
#include "model/state.h"

namespace zxspec::refinement {

enum class Failed {
  kNone,
  kOutcome,        // the two sides returned different Outcomes
  kRepInvariant,   // the implementation's structures are inconsistent
  kAbstraction,    // the implementation represents a different state than the model's
};

struct StepVerdict {
  Failed failed = Failed::kNone;
  Outcome model_outcome;
  Outcome impl_outcome;
  std::vector<std::string> rep_violations;  // kRepInvariant
  std::string state_diff;                   // kAbstraction: DiffStates(model, abstract(impl))
  bool ok() const { return failed == Failed::kNone; }
};

// Conditions 2 and 3 on the states before any call.
StepVerdict CheckInitial(const model::State& s, const impl::ImplKernel& k);

// Applies |call| as |caller| to |s| (through model::Step, |s| becomes the post-state) and to |k|,
// and checks conditions 1-3 (3 only when |check_abstraction|). The caller must be live in both.
StepVerdict CheckStep(model::State& s, impl::ImplKernel& k, zx_koid_t caller, const Call& call,
                      bool check_abstraction = true);

std::string_view FailedName(Failed f);

}  // namespace zxspec::refinement
