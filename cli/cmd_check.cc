// zxspec check [--property ID[,ID...]] [--seed S] [--runs N] [--max-steps K]
//              [--time-budget SECONDS] [--shard I/N] [--out DIR] [--json] [--progress]
// zxspec check --merge REPORT.json... [--json]
//
// The property campaign (props/check.h): every property of props/properties.h (or the ones
// named) over N generated call sequences each, the first failure of each shrunk and written to
// DIR as a replayable .zxs file. Prints the final table (property, cases, steps, failures,
// seconds, then the (call, status) coverage) or, with --json, the JSON report that --merge
// combines across shards. Exit 0: every property held; 1: a property failed; 2: bad options,
// an unknown property, or reports that do not merge.
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "props/check.h"

namespace zxspec::cli {
namespace {

struct CheckArgs {
  props::CheckOptions options;
  std::string shard = "0/1";
  std::vector<std::string> merge;
  bool json = false;
  bool progress = false;
};

// "I/N" with 0 <= I < N.
bool ParseShard(const std::string& text, uint64_t* index, uint64_t* count) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    size_t used = 0;
    *index = std::stoull(text.substr(0, slash), &used);
    if (used != slash) return false;
    *count = std::stoull(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) return false;
  } catch (const std::exception&) {
    return false;
  }
  return *count > 0 && *index < *count;
}

void Print(const props::CheckReport& report, bool json) {
  if (json) {
    std::cout << props::ToJson(report).dump(2) << "\n";
  } else {
    std::cout << props::FormatTable(report);
  }
}

int Merge(const CheckArgs& args) {
  std::vector<props::CheckReport> reports;
  for (const auto& path : args.merge) {
    std::ifstream in(path);
    auto json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    std::string why;
    auto report = props::ReportFromJson(json, &why);
    if (!in || report.is_error()) {
      std::cerr << "zxspec check: " << path << ": not a zxspec check report"
                << (why.empty() ? "" : " (" + why + ")") << "\n";
      return 2;
    }
    reports.push_back(report.value());
  }
  std::string why;
  auto merged = props::MergeReports(reports, &why);
  if (merged.is_error()) {
    std::cerr << "zxspec check: cannot merge: " << why << "\n";
    return 2;
  }
  Print(merged.value(), args.json);
  return merged.value().ExitCode();
}

int Run(CheckArgs& args) {
  if (!ParseShard(args.shard, &args.options.shard_index, &args.options.shard_count)) {
    std::cerr << "zxspec check: --shard must be I/N with 0 <= I < N\n";
    return 2;
  }
  if (args.progress) {
    args.options.progress = [](const props::Progress& p) {
      if (p.cases == p.cases_planned || p.failures > 0 || p.cases % 100 == 0) {
        std::cerr << p.property << ": " << p.cases << "/" << p.cases_planned << " cases, "
                  << p.steps << " steps, " << p.failures << " failures\n";
      }
    };
  }
  props::CheckReport report = props::RunCheck(args.options);
  if (!report.error.empty()) {
    std::cerr << "zxspec check: " << report.error << "\n";
    return report.ExitCode();
  }
  Print(report, args.json);
  return report.ExitCode();
}

}  // namespace

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CheckArgs>();
  args->options.out_dir = "zxspec-counterexamples";
  CLI::App* cmd = app.add_subcommand(
      "check", "Run the property campaign over the model: generated call sequences, every "
               "property checked after every step, failures shrunk to .zxs files. Exit 0: all "
               "held; 1: a property failed; 2: bad options or reports.");
  cmd->add_option("--property", args->options.property,
                  "property id, or comma-separated ids (default: all)");
  cmd->add_option("--seed", args->options.seed, "campaign seed")->capture_default_str();
  cmd->add_option("--runs", args->options.runs, "cases per property, over all shards")
      ->capture_default_str();
  cmd->add_option("--max-steps", args->options.max_steps, "calls per case at most")
      ->capture_default_str();
  cmd->add_option("--time-budget", args->options.time_budget_seconds,
                  "stop starting cases after this many seconds (0: none)")
      ->capture_default_str();
  cmd->add_option("--shard", args->shard, "run part I of N (cases i with i % N == I)")
      ->capture_default_str();
  cmd->add_option("--out", args->options.out_dir, "directory for counterexample .zxs files")
      ->capture_default_str();
  cmd->add_option("--merge", args->merge, "merge the JSON reports of a campaign's shards");
  cmd->add_flag("--json", args->json, "print the JSON report");
  cmd->add_flag("--progress", args->progress, "print progress to stderr");
  cmd->callback([args, exit_code] { *exit_code = args->merge.empty() ? Run(*args) : Merge(*args); });
}

}  // namespace zxspec::cli
