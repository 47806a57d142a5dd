// File: refinement/generated_calls.h
//
// The random call source of the differential runner: the one shared generator of props/
// (props::GenAction, props/gen.h), drawn step by step from the model state the run has reached,
// with RapidCheck randomness seeded from the runner's seed (so a seed names a run exactly).
#pragma once

#include "props/gen.h"
#include "refinement/run_diff.h"

namespace zxspec::refinement {

class GeneratedCalls final : public CallSource {
 public:
  explicit GeneratedCalls(props::GenOptions options = {}) : options_(std::move(options)) {}
  // nullopt once no process can act any more (the initial process killed itself).
  std::optional<CallerCall> Next(const model::State& s, std::mt19937_64& rng) override;

 private:
  props::GenOptions options_;
};

}  // namespace zxspec::refinement
