#include "refinement/run_diff.h"

#include <algorithm>
#include <chrono>
#include <sstream>

#include "api/format.h"
#include "model/model.h"
#include "refinement/zxs.h"

namespace zxspec::refinement {

std::optional<CallerCall> FixedCalls::Next(const model::State& s, std::mt19937_64&) {
  if (next_ >= calls_.size()) return std::nullopt;
  CallerCall c = calls_[next_++];
  if (c.caller == 0) c.caller = s.initial.self_koid;
  return c;
}

namespace {

// The model and a fresh kernel of the target in the initial environment, stepped in lock-step.
class LockStep {
 public:
  explicit LockStep(const Target& target)
      : s_(model::InitialState()), k_(target.make()), abstraction_(target.abstraction) {}

  const model::State& model_state() const { return s_; }
  std::string kernel_name() const { return std::string(k_->Name()); }
  StepVerdict CheckStart() const { return CheckInitial(s_, *k_, abstraction_); }
  // Whether both sides give |c| a meaning and its caller is live (else the call is skipped).
  bool Applicable(const CallerCall& c) const {
    return model::Models(c.call) && k_->Models(c.call) &&
           model::CallerStateOf(s_, c.caller) == CallerState::kLive;
  }
  StepVerdict Step(const CallerCall& c, bool check_abstraction) {
    return CheckStep(s_, *k_, abstraction_, c.caller, c.call, check_abstraction);
  }

 private:
  model::State s_;
  std::unique_ptr<Kernel> k_;
  const Abstraction& abstraction_;
};

bool CheckNow(size_t abstraction_every, size_t step, bool last) {
  return abstraction_every <= 1 || last || (step + 1) % abstraction_every == 0;
}

// Greedy shrinking: drops chunks of calls (halving the chunk size) while the rest still
// disagrees; every accepted list is cut right after its own first disagreement.
Disagreement Shrink(const Target& target, Disagreement d, size_t budget) {
  std::vector<CallerCall> calls = d.history;
  calls.push_back(d.call);
  auto replay = [&](const std::vector<CallerCall>& candidate) -> std::optional<Disagreement> {
    if (budget < candidate.size()) return std::nullopt;
    budget -= candidate.size();
    return Replay(target, candidate);
  };
  for (size_t chunk = calls.size() / 2; chunk >= 1 && budget > 0; chunk /= 2) {
    for (size_t i = 0; i < calls.size() && budget > 0;) {
      std::vector<CallerCall> candidate;
      for (size_t j = 0; j < calls.size(); ++j) {
        if (j < i || j >= i + chunk) candidate.push_back(calls[j]);
      }
      if (auto found = replay(candidate)) {
        d = std::move(*found);
        calls = d.history;
        calls.push_back(d.call);
      } else {
        i += chunk;
      }
    }
  }
  return d;
}

}  // namespace

std::optional<Disagreement> Replay(const Target& target, const std::vector<CallerCall>& calls,
                                   size_t abstraction_every) {
  LockStep run(target);
  StepVerdict start = run.CheckStart();
  if (!start.ok()) return Disagreement{0, CallerCall{}, start, {}};
  std::vector<CallerCall> history;
  for (size_t i = 0; i < calls.size(); ++i) {
    if (!run.Applicable(calls[i])) continue;
    StepVerdict v = run.Step(calls[i], CheckNow(abstraction_every, history.size(),
                                                i + 1 == calls.size()));
    if (!v.ok()) return Disagreement{history.size(), calls[i], std::move(v), std::move(history)};
    history.push_back(calls[i]);
  }
  return std::nullopt;
}

DiffReport RunDiff(uint64_t seed, size_t steps, CallSource& source, const DiffOptions& options,
                   const Target& target) {
  DiffReport report;
  report.seed = seed;
  report.target = target;
  std::mt19937_64 rng(seed);
  LockStep run(target);
  report.kernel_name = run.kernel_name();
  std::vector<CallerCall> history;
  auto start = std::chrono::steady_clock::now();
  StepVerdict initial = run.CheckStart();
  if (!initial.ok()) {
    report.first = Disagreement{0, CallerCall{}, initial, {}};
    return report;
  }
  for (size_t i = 0; i < steps; ++i) {
    auto next = source.Next(run.model_state(), rng);
    if (!next) break;
    if (!run.Applicable(*next)) {
      ++report.skipped;
      continue;
    }
    StepVerdict v =
        run.Step(*next, CheckNow(options.abstraction_every, report.steps_run, i + 1 == steps));
    if (!v.ok()) {
      report.first = Disagreement{report.steps_run, *next, std::move(v), std::move(history)};
      break;
    }
    history.push_back(std::move(*next));
    ++report.steps_run;
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (report.first) {
    report.original_length = report.first->history.size() + 1;
    if (options.shrink_budget > 0) {
      report.first = Shrink(target, std::move(*report.first), options.shrink_budget);
    }
  }
  return report;
}

namespace {

// |text|'s lines as `#` comments.
std::string Commented(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += "#   " + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string FormatReport(const DiffReport& r) {
  std::ostringstream os;
  os << "seed " << r.seed << ": " << r.steps_run << " steps checked, " << r.skipped
     << " skipped, " << static_cast<uint64_t>(r.steps_per_second()) << " steps/s\n";
  if (!r.first) {
    os << "model and " << r.kernel_name << " agree\n";
    return os.str();
  }
  const Disagreement& d = *r.first;
  os << "DISAGREEMENT (" << FailedName(d.verdict.failed) << ") after " << d.history.size()
     << " calls (shrunk from " << r.original_length << "); as a scenario:\n";
  os << ScenarioOf(r).text;
  os << "# model: " << FormatOutcome(d.verdict.model_outcome) << "\n";
  std::string label = r.kernel_name + ":";  // aligned under "model: "
  label.resize(std::max<size_t>(label.size() + 1, 7), ' ');
  os << "# " << label << FormatOutcome(d.verdict.impl_outcome) << "\n";
  for (const auto& line : d.verdict.rep_violations) os << "# rep invariant: " << line << "\n";
  if (!d.verdict.state_diff.empty()) {
    os << "# state diff (model vs " << r.kernel_name << "):\n" << Commented(d.verdict.state_diff);
  }
  return os.str();
}

}  // namespace zxspec::refinement
