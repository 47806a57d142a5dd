// zxspec diff [--seed S] [--steps N] [--runs R] [--check-every K] [--family F]...: the
// differential runner (refinement/run_diff.h). Drives the reference model and the optimized
// implementation with the same generated calls (props/gen.h) and compares outcomes, the
// implementation's representation invariant and the abstracted states after every call. Prints
// the steps per second and, for a disagreement, the shrunk call list in .zxs syntax, both
// outcomes and the state diff (--json: the same as JSON). Exit code 0 when the two agree, 1 on a
// disagreement.
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "refinement/generated_calls.h"

namespace zxspec::cli {

namespace {

struct DiffArgs {
  uint64_t seed = 1;
  size_t steps = 1000;
  size_t runs = 1;
  size_t check_every = 1;
  std::vector<std::string> families;
  bool json = false;
};

// One run's result for --json; a disagreement carries the text report (calls, outcomes, diff).
nlohmann::json RunJson(const refinement::DiffReport& r) {
  nlohmann::json j = {{"seed", r.seed},
                      {"steps", r.steps_run},
                      {"skipped", r.skipped},
                      {"seconds", r.seconds},
                      {"agreed", !r.first.has_value()}};
  if (r.first) {
    j["disagreement_step"] = r.first->step;
    j["original_length"] = r.original_length;
    j["shrunk_length"] = r.first->history.size() + 1;
    j["report"] = refinement::FormatReport(r);
  }
  return j;
}

}  // namespace

void AddDiffCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd =
      app.add_subcommand("diff", "Run the model and the implementation side by side on "
                                 "generated calls and report the first disagreement");
  cmd->add_option("--seed", args->seed, "seed of the first run (a seed names a run exactly)");
  cmd->add_option("--steps", args->steps, "calls per run");
  cmd->add_option("--runs", args->runs, "number of runs, with seeds seed, seed+1, ...");
  cmd->add_option("--check-every", args->check_every,
                  "compare whole states every K calls (outcomes: every call)");
  cmd->add_option("--family", args->families,
                  "only calls of these families (handle, object, vmo, stream, vmar, process, "
                  "channel, mem)");
  cmd->add_flag("--json", args->json, "machine-readable output");
  cmd->callback([args, exit_code] {
    props::GenOptions gen;
    gen.families = args->families;
    refinement::DiffOptions options;
    options.abstraction_every = std::max<size_t>(args->check_every, 1);
    size_t total_steps = 0;
    double total_seconds = 0;
    nlohmann::json runs = nlohmann::json::array();
    bool agreed = true;
    for (size_t i = 0; i < args->runs && agreed; ++i) {
      refinement::GeneratedCalls calls(gen);
      refinement::DiffReport r = refinement::RunDiff(args->seed + i, args->steps, calls, options);
      total_steps += r.steps_run;
      total_seconds += r.seconds;
      agreed = !r.first.has_value();
      runs.push_back(RunJson(r));
      if (args->json) continue;
      std::string text = refinement::FormatReport(r);
      // On agreement only the summary line; on a disagreement the whole report.
      std::cout << (agreed ? text.substr(0, text.find('\n') + 1) : text);
    }
    const double rate = total_seconds > 0 ? static_cast<double>(total_steps) / total_seconds : 0;
    if (args->json) {
      std::cout << nlohmann::json{{"agreed", agreed},
                                  {"steps", total_steps},
                                  {"seconds", total_seconds},
                                  {"steps_per_second", rate},
                                  {"runs", runs}}
                       .dump(2)
                << "\n";
    } else if (agreed) {
      std::cout << "model and impl agree: " << total_steps << " steps in " << args->runs
                << " runs, " << static_cast<uint64_t>(rate) << " steps/s\n";
    }
    *exit_code = agreed ? 0 : 1;
  });
}

}  // namespace zxspec::cli
