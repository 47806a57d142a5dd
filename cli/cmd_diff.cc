// zxspec diff [--seed S] [--steps N] [--runs R] [--check-every K] [--family F[,F...]]
//             [--save DIR] [--json] [--junit FILE]: the differential runner
// (refinement/run_diff.h). Drives the reference model and the optimized implementation with
// the same generated calls (props/gen.h) and compares outcomes, the implementation's
// representation invariant and the abstracted states after every call. Prints the steps per
// second and, for a disagreement, the shrunk calls as a replayable .zxs scenario
// (refinement/zxs.h) with both outcomes and the state diff; --save DIR writes that scenario to
// DIR/diff-seed-S.zxs. Exit codes (cli/exit_codes.h): 0 the two agree; 1 a disagreement; 2 bad
// options or a file that cannot be written; 4 no step ran.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include <nlohmann/json.hpp>

#include "api/syscalls.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/json_format.h"
#include "cli/options.h"
#include "cli/reports.h"
#include "refinement/generated_calls.h"
#include "refinement/zxs.h"

namespace zxspec::cli {

namespace {

namespace fs = std::filesystem;

struct DiffArgs {
  DiffCampaignOptions campaign;
  std::vector<std::string> families;
  bool json = false;
  std::string junit;
};

// The families the generator can draw calls of (api/syscalls.h `family`).
std::set<std::string> DrawableFamilies() {
  std::set<std::string> out;
  for (size_t i : props::GeneratedCalls()) out.insert(std::string(SyscallAt(i).family));
  return out;
}

// One run's result for --json; a disagreement carries the text report and the scenario.
nlohmann::json RunJson(const refinement::DiffReport& r, const std::string& scenario,
                       const std::string& saved) {
  nlohmann::json j = {{"seed", r.seed},
                      {"steps", r.steps_run},
                      {"skipped", r.skipped},
                      {"seconds", r.seconds},
                      {"agreed", !r.first.has_value()}};
  if (r.first) {
    j["failed"] = refinement::FailedName(r.first->verdict.failed);
    j["disagreement_step"] = r.first->step;
    j["original_length"] = r.original_length;
    j["shrunk_length"] = r.first->history.size() + 1;
    j["report"] = refinement::FormatReport(r);
    j["scenario"] = scenario;
    if (!saved.empty()) j["saved"] = saved;
  }
  return j;
}

// Writes |text| as DIR/diff-seed-S.zxs; the path, or "" with |error| set.
std::string Save(const std::string& dir, uint64_t seed, const std::string& text,
                 std::string* error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::string path = (fs::path(dir) / ("diff-seed-" + std::to_string(seed) + ".zxs")).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    *error = path + ": cannot write the scenario";
    return "";
  }
  return path;
}

int Diff(const DiffArgs& args) {
  const std::set<std::string> drawable = DrawableFamilies();
  for (const auto& f : args.families) {
    if (!drawable.contains(f)) {
      std::cerr << "zxspec diff: --family '" << f << "' has no call the generator draws; "
                << "families:";
      for (const auto& d : drawable) std::cerr << " " << d;
      std::cerr << "\n";
      return kExitUsage;
    }
  }
  DiffCampaignOptions options = args.campaign;
  options.gen.families = args.families;
  DiffCampaign c = RunDiffCampaign(options);
  if (args.json) {
    std::cout << c.ToJson().dump(2) << "\n";
  } else {
    for (const auto& r : c.runs) {
      std::string text = refinement::FormatReport(r);
      // On agreement only the summary line; on a disagreement the whole report.
      std::cout << (r.first ? text : text.substr(0, text.find('\n') + 1));
    }
    for (const auto& path : c.saved) {
      if (!path.empty()) std::cout << "saved " << path << " (replay: zxspec run --target both)\n";
    }
    if (c.agreed() && c.steps() > 0) {
      const double rate = c.seconds() > 0 ? static_cast<double>(c.steps()) / c.seconds() : 0;
      std::cout << "model and impl agree: " << c.steps() << " steps in " << c.runs.size()
                << " runs, " << static_cast<uint64_t>(rate) << " steps/s\n";
    }
  }
  if (!c.save_error.empty()) std::cerr << "zxspec diff: " << c.save_error << "\n";
  if (c.ExitCode() == kExitNothing) std::cerr << "zxspec diff: nothing was tested (no step ran)\n";
  std::string error;
  if (!args.junit.empty() && !WriteJunit(args.junit, "zxspec diff", {c.ToJunit()}, &error)) {
    std::cerr << "zxspec diff: " << error << "\n";
    return kExitUsage;
  }
  return c.ExitCode();
}

}  // namespace

DiffCampaign RunDiffCampaign(const DiffCampaignOptions& options) {
  DiffCampaign c;
  c.options = options;
  refinement::DiffOptions diff;
  diff.abstraction_every = std::max<size_t>(options.check_every, 1);
  for (size_t i = 0; i < options.runs && c.agreed(); ++i) {
    refinement::GeneratedCalls calls(options.gen);
    c.runs.push_back(refinement::RunDiff(options.seed + i, options.steps, calls, diff));
    const auto& r = c.runs.back();
    c.scenarios.push_back(r.first ? refinement::ScenarioOf(r).text : "");
    c.saved.emplace_back();
    if (r.first && !options.save_dir.empty()) {
      c.saved.back() = Save(options.save_dir, r.seed, c.scenarios.back(), &c.save_error);
    }
  }
  return c;
}

bool DiffCampaign::agreed() const {
  return std::none_of(runs.begin(), runs.end(), [](const auto& r) { return r.first.has_value(); });
}

size_t DiffCampaign::steps() const {
  size_t n = 0;
  for (const auto& r : runs) n += r.steps_run;
  return n;
}

double DiffCampaign::seconds() const {
  double s = 0;
  for (const auto& r : runs) s += r.seconds;
  return s;
}

int DiffCampaign::ExitCode() const {
  if (!save_error.empty()) return kExitUsage;
  if (!agreed()) return kExitFailed;
  return steps() == 0 ? kExitNothing : kExitOk;
}

nlohmann::json DiffCampaign::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < runs.size(); ++i) list.push_back(RunJson(runs[i], scenarios[i], saved[i]));
  const double rate = seconds() > 0 ? static_cast<double>(steps()) / seconds() : 0;
  return {{"format", FormatTag("diff")},
          {"agreed", agreed()},
          {"exit_code", ExitCode()},
          {"steps", steps()},
          {"seconds", seconds()},
          {"steps_per_second", rate},
          {"runs", list}};
}

JunitSuite DiffCampaign::ToJunit() const {
  JunitSuite suite{"zxspec diff", seconds(), {}};
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto& r = runs[i];
    JunitCase c{"seed " + std::to_string(r.seed), "zxspec.diff", r.seconds};
    if (r.first) {
      c.result = JunitCase::Result::kFailure;
      c.message = "model and impl disagree (" +
                  std::string(refinement::FailedName(r.first->verdict.failed)) + ") at step " +
                  std::to_string(r.first->step);
      c.text = refinement::FormatReport(r);
    } else if (r.steps_run == 0) {
      c.result = JunitCase::Result::kSkipped;
      c.message = "no step ran";
    }
    suite.cases.push_back(std::move(c));
  }
  return suite;
}

void AddDiffCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DiffArgs>();
  DiffCampaignOptions& o = args->campaign;
  CLI::App* cmd =
      app.add_subcommand("diff", "Run the model and the implementation side by side on "
                                 "generated calls and report the first disagreement");
  cmd->add_option("--seed", o.seed, "seed of the first run (a seed names a run exactly)")
      ->check(UnsignedIn(0))
      ->capture_default_str();
  cmd->add_option("--steps", o.steps, "calls per run")
      ->check(UnsignedIn(0, 1'000'000'000))
      ->capture_default_str();
  cmd->add_option("--runs", o.runs, "number of runs, with seeds seed, seed+1, ...")
      ->check(UnsignedIn(0, 1'000'000'000))
      ->capture_default_str();
  cmd->add_option("--check-every", o.check_every,
                  "compare whole states every K calls (outcomes: every call)")
      ->check(UnsignedIn(1, 1'000'000'000))
      ->capture_default_str();
  AddListOption(cmd, "--family", args->families,
                "only calls of these families (handle, object, vmo, stream, vmar, process, "
                "channel, mem; default: all)");
  cmd->add_option("--save", o.save_dir,
                  "write each disagreement, shrunk, to DIR/diff-seed-S.zxs (replays with "
                  "`zxspec run --target both`)");
  cmd->add_flag("--json", args->json, "machine-readable output (docs/schema/diff.schema.json)");
  AddJunitOption(cmd, args->junit);
  AddExitCodeFooter(cmd);
  cmd->callback([args, exit_code] { *exit_code = Diff(*args); });
}

}  // namespace zxspec::cli
