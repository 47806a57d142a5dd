// File: refinement/run_diff.h
//
// The differential runner: drives the reference model and a kernel under test (a `Target`,
// refinement/refinement.h; by default the optimized implementation) with the same call
// sequence, checks every step with CheckStep, and reports the first disagreement (the call in
// .zxs syntax, both outcomes, a diff of the states when the target has an abstraction) and the
// throughput.
//
// Calls come from a `CallSource`. The random sequences come from the shared generator of props/
// (an adapter implements CallSource over it); `FixedCalls` replays a given list.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "api/calls.h"
#include "refinement/refinement.h"

namespace zxspec::refinement {

struct CallerCall {
  zx_koid_t caller = 0;
  Call call;
};

class CallSource {
 public:
  virtual ~CallSource() = default;
  // The next call for the model state |s| (drawing any randomness from |rng|), or nullopt when
  // the source has no more calls.
  virtual std::optional<CallerCall> Next(const model::State& s, std::mt19937_64& rng) = 0;
};

// Replays |calls| in order; a caller of 0 means the initial process.
class FixedCalls final : public CallSource {
 public:
  explicit FixedCalls(std::vector<CallerCall> calls) : calls_(std::move(calls)) {}
  std::optional<CallerCall> Next(const model::State& s, std::mt19937_64& rng) override;

 private:
  std::vector<CallerCall> calls_;
  size_t next_ = 0;
};

struct Disagreement {
  size_t step = 0;  // index among the calls applied (0 = the first)
  CallerCall call;
  StepVerdict verdict;
  std::vector<CallerCall> history;  // the calls applied before it, for replay
};

struct DiffReport {
  uint64_t seed = 0;
  Target target;                  // the kernel under test (ScenarioOf replays it)
  std::string kernel_name = "impl";  // its Kernel::Name()
  size_t steps_run = 0;  // calls applied to both sides and checked
  size_t skipped = 0;    // calls one side does not implement, or whose caller is not live
  double seconds = 0;    // the run itself, without shrinking
  // The first disagreement, shrunk (a shorter call list that still disagrees); nullopt: the two
  // sides agreed throughout.
  std::optional<Disagreement> first;
  size_t original_length = 0;  // calls up to the disagreement before shrinking
  double steps_per_second() const { return seconds > 0 ? steps_run / seconds : 0; }
};

struct DiffOptions {
  // Compare the abstraction every this many steps (and on the last one); outcomes and the
  // representation invariant are compared on every step.
  size_t abstraction_every = 1;
  // Shrink a disagreement by replaying shorter call lists (greedy chunk removal), within this
  // many replayed calls; 0 keeps the disagreement as found.
  size_t shrink_budget = 200000;
};

// Runs up to |steps| calls from |source| (seeded with |seed|) on the model and a fresh kernel of
// |target| from the initial environment; stops at the first disagreement and shrinks it (each
// replay on a fresh kernel).
DiffReport RunDiff(uint64_t seed, size_t steps, CallSource& source, const DiffOptions& options,
                   const Target& target);
inline DiffReport RunDiff(uint64_t seed, size_t steps, CallSource& source,
                          const DiffOptions& options) {
  return RunDiff(seed, steps, source, options, ImplTarget());
}
inline DiffReport RunDiff(uint64_t seed, size_t steps, CallSource& source,
                          size_t abstraction_every = 1) {
  return RunDiff(seed, steps, source, DiffOptions{abstraction_every, 0});
}

// Replays |calls| from the initial environment on the model and a fresh kernel of |target|
// (skipping calls one side does not model or whose caller is not live), checking every step;
// the first disagreement, or nullopt.
std::optional<Disagreement> Replay(const Target& target, const std::vector<CallerCall>& calls,
                                   size_t abstraction_every = 1);
inline std::optional<Disagreement> Replay(const std::vector<CallerCall>& calls,
                                          size_t abstraction_every = 1) {
  return Replay(ImplTarget(), calls, abstraction_every);
}

// The report as text: summary line, then for a disagreement the calls up to it as a replayable
// .zxs scenario (refinement/zxs.h), followed by both outcomes, the kernel's invariant
// complaints and the state diff as `#` comments (so everything after the DISAGREEMENT line
// parses as a scenario).
std::string FormatReport(const DiffReport& report);

}  // namespace zxspec::refinement
