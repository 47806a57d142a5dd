// zxspec check [--property ID[,ID...]] [--seed S] [--runs N] [--max-steps K]
//              [--time-budget SECONDS] [--shard I/N] [--out DIR] [--json] [--junit FILE]
//              [--progress]
// zxspec check --merge REPORT.json... [--json] [--junit FILE]
//
// The property campaign (props/check.h): every property of props/properties.h (or the ones
// named) over N generated call sequences each, the first failure of each shrunk and written to
// DIR as a replayable .zxs file. Prints the final table (property, cases, steps, failures,
// seconds, then the (call, status) coverage) or, with --json, the JSON report that --merge
// combines across shards (the shards must cover the campaign exactly once). Exit codes
// (cli/exit_codes.h): 0 every property held; 1 a property failed; 2 bad options, an unknown
// property, or reports that cannot be read or do not merge; 4 no case ran.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <variant>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/junit.h"
#include "cli/options.h"
#include "cli/reports.h"
#include "props/check.h"

namespace zxspec::cli {
namespace {

namespace fs = std::filesystem;

struct CheckArgs {
  props::CheckOptions options;
  std::vector<std::string> properties;
  std::string shard = "0/1";
  std::vector<std::string> merge;
  bool json = false;
  std::string junit;
  bool progress = false;
};

// "I/N" with 0 <= I < N (decimal or hex integers, no sign).
bool ParseShard(const std::string& text, uint64_t* index, uint64_t* count) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  auto i = ParseUnsigned(text.substr(0, slash));
  auto n = ParseUnsigned(text.substr(slash + 1));
  if (!i || !n || *n == 0 || *i >= *n) return false;
  *index = *i;
  *count = *n;
  return true;
}

}  // namespace

// One testcase per property: a failure carries its counterexamples.
JunitSuite CheckJunit(const props::CheckReport& report) {
  JunitSuite suite{"zxspec check (seed " + std::to_string(report.seed) + ")", 0, {}};
  for (const auto& p : report.properties) {
    JunitCase c{p.id, "zxspec.check", p.seconds};
    suite.seconds += p.seconds;
    if (p.failures > 0) {
      c.result = JunitCase::Result::kFailure;
      c.message = std::to_string(p.failures) + " failing case(s)";
      for (const auto& cx : p.counterexamples) {
        c.text += cx.message + "\nrerun: " + cx.rerun + "\n" + cx.scenario + "\n";
      }
    } else if (p.cases == 0) {
      c.result = JunitCase::Result::kSkipped;
      c.message = "no case ran";
    }
    suite.cases.push_back(std::move(c));
  }
  return suite;
}

namespace {

int Print(const props::CheckReport& report, const CheckArgs& args) {
  if (args.json) {
    std::cout << props::ToJson(report).dump(2) << "\n";
  } else {
    std::cout << props::FormatTable(report);
  }
  int code = report.ExitCode();
  if (code == kExitNothing) std::cerr << "zxspec check: nothing was tested (no case ran)\n";
  std::string error;
  if (!args.junit.empty() &&
      !WriteJunit(args.junit, "zxspec check", {CheckJunit(report)}, &error)) {
    std::cerr << "zxspec check: " << error << "\n";
    return kExitUsage;
  }
  return code;
}

// A shard report from |path|, or an error message.
std::variant<props::CheckReport, std::string> ReadReport(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return path + ": cannot open: no such file";
  if (!fs::is_regular_file(path, ec)) return path + ": cannot open: not a regular file";
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot open";
  auto json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  std::string why;
  auto report = props::ReportFromJson(json, &why);
  if (report.is_error()) {
    return path + ": not a zxspec check report" + (why.empty() ? "" : " (" + why + ")");
  }
  return report.value();
}

int Merge(const CheckArgs& args) {
  std::vector<props::CheckReport> reports;
  for (const auto& path : args.merge) {
    auto report = ReadReport(path);
    if (const auto* error = std::get_if<std::string>(&report)) {
      std::cerr << "zxspec check: " << *error << "\n";
      return kExitUsage;
    }
    reports.push_back(std::get<props::CheckReport>(std::move(report)));
  }
  std::string why;
  auto merged = props::MergeReports(reports, &why);
  if (merged.is_error()) {
    std::cerr << "zxspec check: cannot merge: " << why << "\n";
    return kExitUsage;
  }
  return Print(merged.value(), args);
}

int Run(CheckArgs& args) {
  if (!ParseShard(args.shard, &args.options.shard_index, &args.options.shard_count)) {
    std::cerr << "zxspec check: --shard must be I/N with 0 <= I < N\n";
    return kExitUsage;
  }
  for (const auto& id : args.properties) {
    args.options.property += (args.options.property.empty() ? "" : ",") + id;
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
  return Print(report, args);
}

}  // namespace

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CheckArgs>();
  args->options.out_dir = "zxspec-counterexamples";
  CLI::App* cmd = app.add_subcommand(
      "check", "Run the property campaign over the model: generated call sequences, every "
               "property checked after every step, failures shrunk to .zxs files.");
  AddListOption(cmd, "--property", args->properties, "property ids (default: all)");
  cmd->add_option("--seed", args->options.seed, "campaign seed")
      ->check(UnsignedIn(0))
      ->capture_default_str();
  cmd->add_option("--runs", args->options.runs, "cases per property, over all shards")
      ->check(UnsignedIn(0, 1'000'000'000))
      ->capture_default_str();
  cmd->add_option("--max-steps", args->options.max_steps, "calls per case at most")
      ->check(UnsignedIn(1, 100'000))
      ->capture_default_str();
  cmd->add_option("--time-budget", args->options.time_budget_seconds,
                  "stop starting cases after this many seconds (0: none)")
      ->check(FiniteNonNegative())
      ->capture_default_str();
  cmd->add_option("--shard", args->shard, "run part I of N (cases i with i % N == I)")
      ->capture_default_str();
  cmd->add_option("--out", args->options.out_dir, "directory for counterexample .zxs files")
      ->capture_default_str();
  cmd->add_option("--merge", args->merge,
                  "merge the JSON reports of a campaign's shards (all N of them, once each)");
  cmd->add_flag("--json", args->json, "print the JSON report (docs/schema/check.schema.json)");
  AddJunitOption(cmd, args->junit);
  cmd->add_flag("--progress", args->progress, "print progress to stderr");
  AddExitCodeFooter(cmd);
  cmd->callback([args, exit_code] { *exit_code = args->merge.empty() ? Run(*args) : Merge(*args); });
}

}  // namespace zxspec::cli
