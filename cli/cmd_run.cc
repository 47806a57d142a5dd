// zxspec run FILE... [--target model|impl|both] [--json] [--skip-unmodeled]
#include <iostream>

#include "cli/commands.h"
#include "cli/scenario_files.h"

namespace zxspec::cli {

void AddRunCommand(CLI::App& app, int* exit_code) {
  struct Opts {
    std::vector<std::string> paths;
    std::string target = "model";
    bool json = false;
    bool skip_unmodeled = false;
    bool quiet = false;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run scenario files (.zxs; directories are searched recursively). Exit 0: every "
             "expectation held; 1: an expectation failed or the targets disagreed; 2: a file "
             "could not be parsed or names something unknown.");
  cmd->add_option("files", opts->paths, "scenario files or directories")->required();
  cmd->add_option("--target", opts->target, "model, impl, or both (lock-step, compared)")
      ->check(CLI::IsMember({"model", "impl", "both"}));
  cmd->add_flag("--json", opts->json, "machine-readable output");
  cmd->add_flag("--skip-unmodeled", opts->skip_unmodeled,
                "a call the target does not model skips the file (exit 77 if all are skipped)");
  cmd->add_flag("-q,--quiet", opts->quiet, "print only failures and the summary");
  cmd->callback([opts, exit_code] {
    std::string error;
    auto files = CollectScenarioFiles(opts->paths, &error);
    if (!error.empty()) {
      std::cerr << "zxspec run: " << error << "\n";
      *exit_code = 2;
      return;
    }
    ScenarioSummary s = RunScenarioFiles(files, opts->target, {opts->skip_unmodeled});
    if (opts->json) {
      nlohmann::json j = s.ToJson();
      j["target"] = opts->target;
      std::cout << j.dump(2) << "\n";
    } else {
      for (const auto& r : s.reports) {
        if (r.verdict == scenario::Verdict::kPass && opts->quiet) continue;
        (r.verdict == scenario::Verdict::kPass ? std::cout : std::cerr) << r.Describe() << "\n";
      }
      std::cout << s.passed << " passed, " << s.failed << " failed, " << s.errors
                << " errors, " << s.skipped << " skipped (target " << opts->target << ")\n";
    }
    *exit_code = s.ExitCode();
  });
}

}  // namespace zxspec::cli
