// zxspec verify: the main job. Runs every stage that verifies the specification and prints one
// summary table: scenarios (model, and model+impl in lock-step), property campaigns, proofs, and a
// differential campaign.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/scenario_files.h"
#include "props/check.h"
#include "props/coverage.h"
#include "refinement/generated_calls.h"
#include "spec/prove.h"

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
  uint64_t seed = 1;
  uint64_t runs = 100;        // property cases per property
  uint64_t max_steps = 50;    // calls per property case
  unsigned timeout_ms = 10000;  // per solver check
  size_t diff_runs = 10;
  size_t diff_steps = 1000;
  std::string out = "zxspec-counterexamples";
  std::vector<std::string> only;  // stage kinds to run (empty: all)
  bool json = false;
};

constexpr const char* kStageKinds[] = {"scenarios", "properties", "proofs", "diff"};

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

// The property campaign of `zxspec check` with its defaults: every property over generated call
// sequences of the model, with the (call, status) coverage.
StageResult PropertyStage(const VerifyOptions& o) {
  StageResult r;
  r.stage = "properties (model)";
  props::CheckOptions options;
  options.seed = o.seed;
  options.runs = o.runs;
  options.max_steps = o.max_steps;
  options.out_dir = o.out;
  props::CheckReport report = props::RunCheck(options);
  uint64_t cases = 0, steps = 0;
  size_t held = 0;
  for (const auto& p : report.properties) {
    cases += p.cases;
    steps += p.steps;
    held += p.failures == 0;
    for (const auto& c : p.counterexamples) {
      std::cerr << "property " << p.id << " failed: " << c.message << "\n" << c.scenario
                << "rerun: " << c.rerun << "\n";
    }
  }
  props::CoverageSummary cov = props::Summarize(report.coverage, report.drawn_calls);
  r.counts = std::to_string(held) + " of " + std::to_string(report.properties.size()) +
             " properties held, " + std::to_string(cases) + " cases, " + std::to_string(steps) +
             " steps; (call, status) pairs reached " + std::to_string(cov.reached_named_pairs) +
             "/" + std::to_string(cov.named_pairs);
  r.ok = report.ExitCode() == 0;
  r.detail = props::ToJson(report);
  return r;
}

// The Z3 proofs of `zxspec prove`: every encoded invariant inductive and every step obligation
// kept for every encoded call; every path witnessed and agreeing with model::Step.
StageResult ProofStage(const VerifyOptions& o) {
  StageResult r;
  r.stage = "proofs (Z3)";
  spec::ProveOptions options;
  options.timeout_ms = o.timeout_ms;
  spec::ProveReport report = spec::ProveAll(options);
  size_t agree = 0;
  for (const auto& p : report.paths) agree += p.witnessed && p.agrees;
  r.counts = std::to_string(report.Count(spec::ProofStatus::kProved)) + " proved, " +
             std::to_string(report.Count(spec::ProofStatus::kCounterexample)) +
             " counterexamples, " + std::to_string(report.Count(spec::ProofStatus::kUnknown)) +
             " unknown, " + std::to_string(report.Count(spec::ProofStatus::kVacuous)) +
             " vacuous; paths compared " + std::to_string(agree) + "/" +
             std::to_string(report.paths.size());
  r.ok = report.ok() && !report.rows.empty();
  if (!r.ok) std::cerr << spec::FormatTable(report);
  r.detail = spec::ToJson(report);
  return r;
}

// The differential campaign of `zxspec diff`: impl and model on the same generated calls.
StageResult DiffStage(const VerifyOptions& o) {
  StageResult r;
  r.stage = "diff (impl vs model)";
  size_t steps = 0;
  double seconds = 0;
  r.ok = true;
  nlohmann::json runs = nlohmann::json::array();
  for (size_t i = 0; i < o.diff_runs && r.ok; ++i) {
    refinement::GeneratedCalls calls{props::GenOptions{}};
    refinement::DiffReport d = refinement::RunDiff(o.seed + i, o.diff_steps, calls, {});
    steps += d.steps_run;
    seconds += d.seconds;
    runs.push_back({{"seed", d.seed}, {"steps", d.steps_run}, {"agreed", !d.first}});
    if (d.first) {
      r.ok = false;
      std::cerr << refinement::FormatReport(d);
    }
  }
  r.counts = std::to_string(steps) + " steps agreed in " + std::to_string(runs.size()) +
             " runs" + (r.ok ? "" : " before a disagreement");
  r.ok = r.ok && steps > 0;
  r.detail = {{"runs", runs}, {"steps", steps}, {"seconds", seconds}};
  return r;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Verify the whole specification: scenarios, property suites, proofs, diff");
  cmd->add_option("--scenarios", opts->scenarios, "scenario directory")->capture_default_str();
  cmd->add_option("--seed", opts->seed, "seed of the property and diff campaigns")
      ->capture_default_str();
  cmd->add_option("--runs", opts->runs, "property cases per property")->capture_default_str();
  cmd->add_option("--max-steps", opts->max_steps, "calls per property case")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{100000}));
  cmd->add_option("--timeout", opts->timeout_ms, "milliseconds per solver check")
      ->capture_default_str()
      ->check(CLI::Range(1u, 3600000u));
  cmd->add_option("--diff-runs", opts->diff_runs, "differential runs")->capture_default_str();
  cmd->add_option("--diff-steps", opts->diff_steps, "calls per differential run")
      ->capture_default_str();
  cmd->add_option("--out", opts->out, "directory for property counterexample .zxs files")
      ->capture_default_str();
  cmd->add_option("--only", opts->only, "run only these stages (repeatable)")
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kStageKinds),
                                                     std::end(kStageKinds))));
  cmd->add_flag("--json", opts->json, "machine-readable output");
  cmd->callback([opts, exit_code] {
    const std::vector<std::pair<std::string, std::function<StageResult()>>> all = {
        {"scenarios", [&] { return ScenarioStage(*opts, "model"); }},
        {"scenarios", [&] { return ScenarioStage(*opts, "both"); }},
        {"properties", [&] { return PropertyStage(*opts); }},
        {"proofs", [&] { return ProofStage(*opts); }},
        {"diff", [&] { return DiffStage(*opts); }},
    };
    std::vector<StageResult> results;
    for (const auto& [kind, stage] : all) {
      if (!opts->only.empty() &&
          std::find(opts->only.begin(), opts->only.end(), kind) == opts->only.end()) {
        continue;
      }
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
