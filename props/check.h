// File: props/check.h
//
// The property campaign behind `zxspec check`: runs the selected properties of
// props/properties.h for a number of cases each, shrinks the first failure of each property
// with RapidCheck, writes it as a replayable `.zxs` file, and reports a table, JSON (with the
// (call, status) coverage table) and an exit code.
//
// Determinism and sharding: case i of property P has its own seed, CaseSeed(seed, P, i), and
// draws a sequence of 1..max_steps calls from it; nothing else influences it. Shard I of N runs
// the cases with i % N == I, so N machines given the same seed, runs and max_steps run disjoint
// parts of the same campaign, and MergeReports of their JSON results equals the unsharded run
// (up to timings and to which failure is reported first). A time budget stops starting new
// cases once spent (the budget is shared out evenly among the properties still to run).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "api/result.h"
#include "props/coverage.h"
#include "props/properties.h"
#include "props/trace.h"

namespace zxspec::props {

struct Progress {
  std::string property;
  uint64_t cases = 0;          // cases run so far for this property (this shard)
  uint64_t cases_planned = 0;  // cases this shard runs for it without a time budget
  uint64_t steps = 0;
  uint64_t failures = 0;
  double seconds = 0;
};

struct CheckOptions {
  std::string property;  // a property id, or a comma-separated list of ids; empty: all
  uint64_t seed = 1;
  uint64_t runs = 100;       // cases per property, over all shards
  uint64_t max_steps = 50;   // calls per case at most (at least 1)
  double time_budget_seconds = 0;  // 0: no budget
  uint64_t shard_index = 0;        // this machine's part: 0 <= shard_index < shard_count
  uint64_t shard_count = 1;
  std::string out_dir;  // where counterexample .zxs files go; empty: not written
  uint64_t max_shrink_evaluations = 20000;  // bound on shrinking work per failure
  std::function<void(const Progress&)> progress;  // after every case
  StepFn step;  // the transition function under test; empty: model::Step
};

struct Counterexample {
  std::string property;
  uint64_t case_index = 0;
  uint64_t case_seed = 0;
  std::string message;    // the property's complaint about the last step
  std::string reproduce;  // RapidCheck parameters: RC_PARAMS="..." for the property's test
  std::string rerun;      // a command line that replays it
  std::string scenario;   // the .zxs text
  std::string file;       // where it was written ("" if not written)
  uint64_t calls = 0;     // calls in the shrunk scenario
  Trace trace;            // the shrunk run (not in the JSON)
};

struct PropertyReport {
  std::string id;
  uint64_t cases = 0;
  uint64_t steps = 0;
  uint64_t failures = 0;
  double seconds = 0;
  std::vector<Counterexample> counterexamples;
};

struct CheckReport {
  // The options that define the campaign (echoed so shards can be merged and checked).
  std::string property;
  uint64_t seed = 0;
  uint64_t runs = 0;
  uint64_t max_steps = 0;
  double time_budget_seconds = 0;
  std::vector<uint64_t> shards;  // shard indices this report covers
  uint64_t shard_count = 1;
  std::vector<PropertyReport> properties;
  Coverage coverage;
  std::vector<size_t> drawn_calls;  // call indices the generator could draw

  uint64_t Failures() const;
  // 0: every property held on every case run; 1: some property failed; 2: nothing to run
  // (unknown property id, or bad options); 4: no case ran (runs 0, more shards than runs, or the
  // time budget spent before the first case): the campaign tested nothing.
  int ExitCode() const;
  std::string error;  // why the campaign could not run (exit code 2)
};

// The seed of case |index| of |property| in a campaign with |seed| (splitmix64 of the three).
uint64_t CaseSeed(uint64_t seed, std::string_view property, uint64_t index);

CheckReport RunCheck(const CheckOptions& options);
// One property (RunCheck calls it for each selected property; tests pass their own), adding
// the (call, status) pairs its cases reached to |coverage| when not null.
PropertyReport CheckProperty(const PropertyInfo& property, const CheckOptions& options,
                             Coverage* coverage);

// The final table: one row per property (cases, steps, failures, seconds), then the coverage
// figures and the counterexample files.
std::string FormatTable(const CheckReport& report);

nlohmann::json ToJson(const CheckReport& report);
// |why| (optional) receives the reason of a ZX_ERR_INVALID_ARGS.
Result<CheckReport> ReportFromJson(const nlohmann::json& json, std::string* why = nullptr);
// Shard reports of one campaign (same property filter, seed, runs, max_steps and shard count)
// into one report. The shards must cover the campaign exactly once (each of 0..N-1 in exactly
// one report); ZX_ERR_INVALID_ARGS (with |why|) when they do not.
Result<CheckReport> MergeReports(std::span<const CheckReport> reports, std::string* why = nullptr);

}  // namespace zxspec::props
