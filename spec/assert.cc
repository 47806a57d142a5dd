// `zxspec prove --assert` (spec/query.h ProveAssertion): a user's predicate proved inductive for
// every encoded call with the catalog assumed, or kept by every call (a step predicate).
#include "model/model.h"
#include "spec/abstraction.h"
#include "spec/query.h"

namespace zxspec::spec {

ProveReport ProveAssertion(const Predicate& p, const ProveOptions& options,
                           std::span<const OpSpec> ops) {
  ProveOptions o = options;
  o.state = false;
  o.steps = true;
  o.paths = false;
  o.invariants.clear();
  const Predicate* pred = &p;
  o.step_table = {StepObligation{
      kAssertId, p.text(), "",
      [pred](const ObligationInput& in) -> std::optional<Formula> {
        if (pred->two_state()) return pred->Over(in.pre, in.path.post);
        // Inductive: a pre-state where it holds (and the catalog, which the prover assumes)
        // leads to a post-state where it holds.
        return Implies(pred->Over(in.pre), pred->Over(in.path.post));
      }}};
  if (!p.two_state()) {  // the base case first: it holds where every call sequence starts
    z3::context c;
    auto init = Abstract(model::InitialState());
    if (init.is_error() || !EvaluateConcrete(p.Over(ConcreteState(c, init.value()))).is_true()) {
      ProveReport report;
      report.timeout_ms = o.timeout_ms;
      report.initial_state_failures.push_back(std::string(kAssertId) +
                                              ": false in the initial state (model::InitialState())");
      return report;
    }
  }
  ProveReport report = ProveAll(o, ops);
  for (ProofRow& r : report.steps) {  // the model breaking a user's predicate is no model bug
    if (!r.counterexample || r.counterexample->verdict != Verdict::kModelBug) continue;
    std::string& zxs = r.counterexample->zxs;
    std::string bug(ToString(Verdict::kModelBug));
    if (auto at = zxs.find(bug); at != std::string::npos) {
      zxs.replace(at, bug.size(), "model::Step breaks the predicate from this pre-state too");
    }
  }
  return report;
}

}  // namespace zxspec::spec
