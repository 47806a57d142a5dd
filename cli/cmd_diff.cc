// zxspec diff [--seed S] [--steps N] [--runs R] [--check-every K] [--family F]...: the
// differential runner (refinement/run_diff.h). Drives the reference model and the optimized
// implementation with the same generated calls (props/gen.h) and compares outcomes, the
// implementation's representation invariant and the abstracted states after every call. Prints
// the steps per second and, for a disagreement, the shrunk call list in .zxs syntax, both
// outcomes and the state diff. Exit code 0 when the two agree, 1 on a disagreement.
#include <algorithm>
#include <iostream>

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
};

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
  cmd->callback([args, exit_code] {
    props::GenOptions gen;
    gen.families = args->families;
    refinement::DiffOptions options;
    options.abstraction_every = std::max<size_t>(args->check_every, 1);
    size_t total_steps = 0;
    double total_seconds = 0;
    for (size_t i = 0; i < args->runs; ++i) {
      refinement::GeneratedCalls calls(gen);
      refinement::DiffReport r = refinement::RunDiff(args->seed + i, args->steps, calls, options);
      total_steps += r.steps_run;
      total_seconds += r.seconds;
      if (r.first) {
        std::cout << refinement::FormatReport(r);
        *exit_code = 1;
        return;
      }
      std::string text = refinement::FormatReport(r);
      std::cout << text.substr(0, text.find('\n') + 1);  // the summary line
    }
    const double rate = total_seconds > 0 ? static_cast<double>(total_steps) / total_seconds : 0;
    std::cout << "model and impl agree: " << total_steps << " steps in " << args->runs
              << " runs, " << static_cast<uint64_t>(rate) << " steps/s\n";
    *exit_code = 0;
  });
}

}  // namespace zxspec::cli
