#include "refinement/refinement.h"

#include "model/model.h"
#include "refinement/abstract.h"
#include "refinement/diff.h"

namespace zxspec::refinement {
namespace {

// Condition 3: "" when |k| represents |s|, else the difference.
std::string StateDiff(const model::State& s, const Kernel& k, const Abstraction& abstraction) {
  model::State want = Canonical(s);
  model::State got = Canonical(abstraction(k));
  return want == got ? std::string() : DiffStates(want, got);
}

// Conditions 2 and 3 of the refinement step on the current states.
void CheckStates(const model::State& s, const Kernel& k, const Abstraction& abstraction,
                 bool check_abstraction, StepVerdict& v) {
  v.rep_violations = k.CheckInvariants();
  if (!v.rep_violations.empty()) {
    v.failed = Failed::kRepInvariant;
    return;
  }
  if (!check_abstraction || !abstraction) return;
  v.state_diff = StateDiff(s, k, abstraction);
  if (!v.state_diff.empty()) v.failed = Failed::kAbstraction;
}

model::State AbstractImpl(const Kernel& k) {
  return Abstract(static_cast<const impl::ImplKernel&>(k));
}

}  // namespace

Target ImplTarget() {
  return Target{[] { return std::make_unique<impl::ImplKernel>(); }, &AbstractImpl};
}

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

StepVerdict CheckInitial(const model::State& s, const Kernel& k, const Abstraction& abstraction) {
  StepVerdict v;
  CheckStates(s, k, abstraction, true, v);
  return v;
}

StepVerdict CheckInitial(const model::State& s, const impl::ImplKernel& k) {
  return CheckInitial(s, k, &AbstractImpl);
}

StepVerdict CheckStep(model::State& s, Kernel& k, const Abstraction& abstraction,
                      zx_koid_t caller, const Call& call, bool check_abstraction) {
  StepVerdict v;
  model::StepResult r = model::Step(std::move(s), caller, call);
  s = std::move(r.state);
  v.model_outcome = std::move(r.outcome);
  v.impl_outcome = k.Apply(caller, call);
  if (!(v.model_outcome == v.impl_outcome)) {
    v.failed = Failed::kOutcome;
    if (abstraction) v.state_diff = StateDiff(s, k, abstraction);
    return v;
  }
  CheckStates(s, k, abstraction, check_abstraction, v);
  return v;
}

StepVerdict CheckStep(model::State& s, impl::ImplKernel& k, zx_koid_t caller, const Call& call,
                      bool check_abstraction) {
  return CheckStep(s, k, &AbstractImpl, caller, call, check_abstraction);
}

}  // namespace zxspec::refinement
