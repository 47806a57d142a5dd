// File: refinement/refinement.h
//
// The refinement step (exemplars.md item 21, after Serval's refinement harness): run one call
// on the model state and on the kernel under test, then require
//   1. equal Outcomes (status and payload, bit for bit),
//   2. the kernel's own invariants (Kernel::CheckInvariants; for impl::ImplKernel its
//      representation invariant),
//   3. when the target has an abstraction: Canonical(abstraction(kernel)) == Canonical(model
//      state after the call)
// (3 optionally skipped per step, since an abstraction may materialise every page). The
// pre-state conditions (invariants and abstraction before the call) are the post-state
// conditions of the previous step, checked once at the start of a run by `CheckInitial`.
//
// The kernel under test is any `Kernel` (api/kernel.h): a `Target` names a factory (a run, and
// every replay of a shrinking step, starts from a fresh kernel) and an optional abstraction to
// model::State. Without one, only conditions 1 and 2 are checked. `ImplTarget()` is the
// optimized implementation with its abstraction (refinement/abstract.h).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/calls.h"
#include "api/kernel.h"
#include "api/outcome.h"
#include "impl/kernel.h"
#include "model/state.h"

namespace zxspec::refinement {

// A fresh kernel in the initial environment (scenario-format.md "Initial environment").
using KernelFactory = std::function<std::unique_ptr<Kernel>()>;
// The model state a kernel made by the same target represents. Memory ids may be any numbers:
// both sides are compared in Canonical form (refinement/abstract.h).
using Abstraction = std::function<model::State(const Kernel&)>;

struct Target {
  KernelFactory make;
  Abstraction abstraction;  // empty: outcomes and CheckInvariants only
};

// impl::ImplKernel, compared state by state through refinement::Abstract.
Target ImplTarget();

enum class Failed {
  kNone,
  kOutcome,        // the two sides returned different Outcomes
  kRepInvariant,   // the kernel's invariants (CheckInvariants) fail
  kAbstraction,    // the kernel represents a different state than the model's
};

struct StepVerdict {
  Failed failed = Failed::kNone;
  Outcome model_outcome;
  Outcome impl_outcome;                     // the kernel under test's
  std::vector<std::string> rep_violations;  // kRepInvariant
  std::string state_diff;                   // DiffStates(model, abstraction(kernel)), if any
  bool ok() const { return failed == Failed::kNone; }
};

// Conditions 2 and 3 on the states before any call (3 only with an |abstraction|).
StepVerdict CheckInitial(const model::State& s, const Kernel& k, const Abstraction& abstraction);
StepVerdict CheckInitial(const model::State& s, const impl::ImplKernel& k);

// Applies |call| as |caller| to |s| (through model::Step, |s| becomes the post-state) and to |k|,
// and checks conditions 1-3 (3 only with an |abstraction| and |check_abstraction|). The caller
// must be live in both.
StepVerdict CheckStep(model::State& s, Kernel& k, const Abstraction& abstraction,
                      zx_koid_t caller, const Call& call, bool check_abstraction = true);
StepVerdict CheckStep(model::State& s, impl::ImplKernel& k, zx_koid_t caller, const Call& call,
                      bool check_abstraction = true);

std::string_view FailedName(Failed f);

}  // namespace zxspec::refinement
