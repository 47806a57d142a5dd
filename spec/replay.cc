// Counterexamples replayed on model::Step (see replay.h).
#include "spec/replay.h"

#include <set>

#include "api/constants.h"
#include "model/invariants.h"
#include "model/model.h"
#include "spec/abstraction.h"

namespace zxspec::spec {


// The handle slots model::Step's post-state holds after |x|, as extra candidates for the
// evaluation of an obligation on a post-state: a path that installs handles by a condition
// (channel_read's CHAN-042) adds no table point for the evaluation to visit.
GroundOptions HandlesAfter(z3::context& c, const OpSpec& op, const Concrete& x) {
  GroundOptions go;
  Concretized pre = Concretize(x.pre);
  if (!pre.problem.empty()) return go;
  auto post = Abstract(RunOp(op, pre.state, x.caller, x.args).state);
  if (post.is_error()) return go;
  std::set<uint64_t> processes, values;
  for (const auto& [key, alive] : post.value().at(&SymState::h_alive)) {
    processes.insert(key[0]);
    values.insert(key[1]);
  }
  for (uint64_t p : processes) go.extra[Sort::kKoid].push_back(c.bv_val(p, BitsOf(Sort::kKoid)));
  for (uint64_t v : values) go.extra[Sort::kHandle].push_back(c.bv_val(v, BitsOf(Sort::kHandle)));
  return go;
}

Counterexample Explain(const OpSpec& op, const Concrete& x, const Path& path,
                       const Violated& violated) {
  Counterexample cx;
  cx.pre = x.pre;
  cx.args = x.args;
  cx.caller = x.caller;
  cx.path = path.name;
  cx.status = path.status;
  if (op.to_call != nullptr) cx.call = op.to_call(x.args);
  Concretized model_pre = Concretize(x.pre);
  std::string text = "# pre-state:\n" + DescribeState(x.pre) + CallLine(op, x) + " -> " +
                     std::string(StatusName(path.status)) + "   # spec path " + path.name + "\n";
  if (!model_pre.problem.empty()) {
    cx.verdict = Verdict::kUnreplayable;
    cx.note = model_pre.problem;
  } else if (auto bad = model::CheckInvariants(model_pre.state); !bad.empty()) {
    cx.verdict = Verdict::kInduction;
    for (const auto& b : bad) cx.note += (cx.note.empty() ? "" : "; ") + b;
  } else {
    model::StepResult r = RunOp(op, model_pre.state, x.caller, x.args);
    auto post = Abstract(r.state);
    z3::context c;
    if (post.is_error()) {
      cx.verdict = Verdict::kUnreplayable;
      cx.note = "the model's post-state is too large to compare";
    } else {
      cx.verdict = violated(c, x, ConcreteState(c, post.value())) ? Verdict::kModelBug
                                                                   : Verdict::kEncodingBug;
      cx.note = "model::Step returns " + std::string(StatusName(r.outcome.status));
    }
  }
  cx.zxs = text + "# verdict: " + std::string(ToString(cx.verdict)) + " (" + cx.note + ")\n";
  return cx;
}

}  // namespace zxspec::spec
