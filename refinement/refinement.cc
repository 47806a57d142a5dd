#include "refinement/refinement.h"

#include "model/model.h"
#include "refinement/abstract.h"
#include "refinement/diff.h"

namespace zxspec::refinement {
namespace {

// Conditions 2 and 3 of the refinement step on the current states.
void CheckStates(const model::State& s, const impl::ImplKernel& k, bool check_abstraction,
                 StepVerdict& v) {
  v.rep_violations = RepInvariant(k);
  if (!v.rep_violations.empty()) {
    v.failed = Failed::kRepInvariant;
    return;
  }
  if (!check_abstraction) return;
  model::State want = Canonical(s);
  model::State got = Abstract(k);
  if (!(want == got)) {
    v.failed = Failed::kAbstraction;
    v.state_diff = DiffStates(want, got);
  }
}

}  // namespace

std::string_view FailedName(Failed f) {
  switch (f) {
    case Failed::kNone:
      return "none";
    case Failed::kOutcome:
      return "outcome";
    case Failed::kRepInvariant:
      return "representation invariant";
    case Failed::kAbstraction:
      return "abstraction";
  }
  return "?";
}

StepVerdict CheckInitial(const model::State& s, const impl::ImplKernel& k) {
  StepVerdict v;
  CheckStates(s, k, true, v);
  return v;
}

StepVerdict CheckStep(model::State& s, impl::ImplKernel& k, zx_koid_t caller, const Call& call,
                      bool check_abstraction) {
  StepVerdict v;
  model::StepResult r = model::Step(std::move(s), caller, call);
  s = std::move(r.state);
  v.model_outcome = std::move(r.outcome);
  v.impl_outcome = k.Apply(caller, call);
  if (!(v.model_outcome == v.impl_outcome)) {
    v.failed = Failed::kOutcome;
    v.state_diff = DiffStates(Canonical(s), Abstract(k));
    return v;
  }
  CheckStates(s, k, check_abstraction, v);
  return v;
}

}  // namespace zxspec::refinement
