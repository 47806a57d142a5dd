// File: refinement/run_diff.h
//
// The differential runner: drives the reference model and the optimized implementation with the
// same call sequence, checks every step with CheckStep, and reports the first disagreement (the
// call in .zxs syntax, both outcomes, a diff of the states) and the throughput.
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
  size_t steps_run = 0;  // calls applied to both sides and checked
  size_t skipped = 0;    // calls one side does not implement, or whose caller is not live
  double seconds = 0;
  std::optional<Disagreement> first;  // nullopt: the two sides agreed throughout
  double steps_per_second() const { return seconds > 0 ? steps_run / seconds : 0; }
};

// Runs up to |steps| calls from |source| (seeded with |seed|), checking the abstraction every
// |abstraction_every| steps (and always on the last one); stops at the first disagreement.
DiffReport RunDiff(uint64_t seed, size_t steps, CallSource& source, size_t abstraction_every = 1);

// The report as text: summary line, then for a disagreement the call in .zxs syntax, the calls
// before it, both outcomes, the failed condition and the state diff.
std::string FormatReport(const DiffReport& report);

}  // namespace zxspec::refinement
