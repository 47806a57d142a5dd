// File: cli/reports.h
//
// The reports of `check`, `prove` and `diff` as the CLI prints them: exit code
// (cli/exit_codes.h), JSON (docs/schema/) and JUnit (cli/junit.h). Shared by each subcommand
// and by `verify`, whose stages are these commands with their defaults. (`run`'s report is
// ScenarioSummary, cli/scenario_files.h.)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/junit.h"
#include "props/check.h"
#include "props/gen.h"
#include "refinement/run_diff.h"
#include "spec/prove.h"

namespace zxspec::cli {

// ---- check (cmd_check.cc): one testcase per property ----
JunitSuite CheckJunit(const props::CheckReport& report);

// ---- prove (cmd_prove.cc) ----
// 4 no obligation selected; 1 a counterexample or a vacuous proof (or the report is not ok for
// another reason); 3 otherwise some check was unknown; 0 every obligation proved.
int ProveExitCode(const spec::ProveReport& report);
nlohmann::json ProveJson(const spec::ProveReport& report, unsigned timeout_ms);
JunitSuite ProveJunit(const spec::ProveReport& report);  // one testcase per obligation

// ---- diff (cmd_diff.cc) ----
struct DiffCampaignOptions {
  uint64_t seed = 1;
  size_t steps = 1000;  // calls per run
  size_t runs = 1;      // seeds seed, seed+1, ...
  size_t check_every = 1;
  props::GenOptions gen;
  std::string save_dir;  // where disagreements are written as .zxs ("" : not written)
};

struct DiffCampaign {
  DiffCampaignOptions options;
  std::vector<refinement::DiffReport> runs;  // stops after the first disagreement
  std::vector<std::string> scenarios;        // per run: the disagreement as .zxs ("" if none)
  std::vector<std::string> saved;            // per run: the file written ("" if none)
  std::string save_error;                    // why a disagreement could not be written
  bool agreed() const;
  size_t steps() const;
  double seconds() const;
  int ExitCode() const;  // 2 a file could not be saved; 1 a disagreement; 4 no step; 0
  nlohmann::json ToJson() const;
  JunitSuite ToJunit() const;  // one testcase per run
};

DiffCampaign RunDiffCampaign(const DiffCampaignOptions& options);

}  // namespace zxspec::cli
