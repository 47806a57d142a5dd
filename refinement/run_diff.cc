#include "refinement/run_diff.h"

#include <chrono>
#include <sstream>

#include "api/format.h"
#include "impl/kernel.h"
#include "model/model.h"

namespace zxspec::refinement {

std::optional<CallerCall> FixedCalls::Next(const model::State& s, std::mt19937_64&) {
  if (next_ >= calls_.size()) return std::nullopt;
  CallerCall c = calls_[next_++];
  if (c.caller == 0) c.caller = s.initial.self_koid;
  return c;
}

DiffReport RunDiff(uint64_t seed, size_t steps, CallSource& source, size_t abstraction_every) {
  DiffReport report;
  report.seed = seed;
  std::mt19937_64 rng(seed);
  model::State s = model::InitialState();
  impl::ImplKernel k;
  std::vector<CallerCall> history;
  auto start = std::chrono::steady_clock::now();
  StepVerdict initial = CheckInitial(s, k);
  if (!initial.ok()) {
    report.first = Disagreement{0, CallerCall{}, initial, {}};
    return report;
  }
  for (size_t i = 0; i < steps; ++i) {
    auto next = source.Next(s, rng);
    if (!next) break;
    if (!model::Models(next->call) || !impl::Implements(next->call) ||
        model::CallerStateOf(s, next->caller) != CallerState::kLive) {
      ++report.skipped;
      continue;
    }
    bool last = i + 1 == steps;
    bool check = abstraction_every <= 1 || last || (report.steps_run + 1) % abstraction_every == 0;
    StepVerdict v = CheckStep(s, k, next->caller, next->call, check);
    if (!v.ok()) {
      report.first = Disagreement{report.steps_run, *next, std::move(v), std::move(history)};
      break;
    }
    history.push_back(std::move(*next));
    ++report.steps_run;
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

namespace {

std::string CallLine(const CallerCall& c, zx_koid_t self) {
  std::string line = FormatCall(c.call);
  if (c.caller != self) line = "@<process " + std::to_string(c.caller) + "> " + line;
  return line;
}

}  // namespace

std::string FormatReport(const DiffReport& r) {
  std::ostringstream os;
  os << "seed " << r.seed << ": " << r.steps_run << " steps checked, " << r.skipped
     << " skipped, " << static_cast<uint64_t>(r.steps_per_second()) << " steps/s\n";
  if (!r.first) {
    os << "model and impl agree\n";
    return os.str();
  }
  const Disagreement& d = *r.first;
  const zx_koid_t self = model::InitialState().initial.self_koid;
  os << "DISAGREEMENT at step " << d.step << " (" << FailedName(d.verdict.failed) << ")\n";
  os << "# calls before it:\n";
  for (const auto& c : d.history) os << CallLine(c, self) << "\n";
  os << "# the call:\n" << CallLine(d.call, self) << "\n";
  os << "model: " << FormatOutcome(d.verdict.model_outcome) << "\n";
  os << "impl:  " << FormatOutcome(d.verdict.impl_outcome) << "\n";
  for (const auto& line : d.verdict.rep_violations) os << "rep invariant: " << line << "\n";
  if (!d.verdict.state_diff.empty()) os << "state diff (model vs impl):\n" << d.verdict.state_diff;
  return os.str();
}

}  // namespace zxspec::refinement
