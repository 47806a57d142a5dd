// zxspec run FILE_OR_DIR... [--target model|impl|both] [--json] [--junit FILE] [--trace]
//                           [--skip-unmodeled] [--quiet]
// Runs scenario files; exit codes in cli/exit_codes.h (4 when no file or no call ran).
#include <iostream>

#include "api/format.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/json_format.h"
#include "cli/options.h"
#include "cli/scenario_files.h"

namespace zxspec::cli {

void AddRunCommand(CLI::App& app, int* exit_code) {
  struct Opts {
    std::vector<std::string> paths;
    std::string target = "model";
    bool json = false;
    std::string junit;
    bool trace = false;
    bool skip_unmodeled = false;
    bool quiet = false;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run scenario files (.zxs; directories are searched recursively). Exit 0: every "
             "expectation held; 1: an expectation failed or the targets disagreed; 2: a file "
             "could not be read or parsed, or names something unknown; 4: no file or no call.");
  cmd->add_option("files", opts->paths, "scenario files or directories")->required();
  cmd->add_option("--target", opts->target, "model, impl, or both (lock-step, compared)")
      ->check(CLI::IsMember({"model", "impl", "both"}))
      ->capture_default_str();
  cmd->add_flag("--json", opts->json, "machine-readable output (docs/schema/run.schema.json)");
  AddJunitOption(cmd, opts->junit);
  cmd->add_flag("--trace", opts->trace,
                "print every call with the outcome it returned (stderr with --json)");
  cmd->add_flag("--skip-unmodeled", opts->skip_unmodeled,
                "a call the target does not model skips the file (exit 77 if all are skipped)");
  cmd->add_flag("-q,--quiet", opts->quiet, "print only failures and the summary");
  AddExitCodeFooter(cmd);
  cmd->callback([opts, exit_code] {
    std::string error;
    auto files = CollectScenarioFiles(opts->paths, &error);
    if (!error.empty()) {
      std::cerr << "zxspec run: " << error << "\n";
      *exit_code = kExitUsage;
      return;
    }
    scenario::RunOptions options{opts->skip_unmodeled};
    std::ostream& trace_out = opts->json ? std::cerr : std::cout;
    if (opts->trace) {
      options.trace = [&trace_out](const scenario::Statement& st, const Outcome& o) {
        trace_out << "  line " << st.pos.line << ": " << st.source << "\n    => "
                  << FormatOutcome(o) << "\n";
      };
    }
    auto before_file = [&](const std::string& f) {
      if (opts->trace) trace_out << "trace " << f << ":\n";
    };
    ScenarioSummary s = RunScenarioFiles(files, opts->target, options, before_file);
    if (opts->json) {
      nlohmann::json j = s.ToJson();
      j["format"] = FormatTag("run");
      j["target"] = opts->target;
      std::cout << j.dump(2) << "\n";
    } else {
      for (const auto& r : s.reports) {
        if (r.verdict == scenario::Verdict::kPass && opts->quiet) continue;
        (r.verdict == scenario::Verdict::kPass ? std::cout : std::cerr) << r.Describe() << "\n";
      }
      std::cout << s.passed << " passed, " << s.failed << " failed, " << s.errors
                << " errors, " << s.skipped << " skipped (target " << opts->target << ")\n";
      if (s.ExitCode() == kExitNothing) {
        std::cerr << "zxspec run: nothing was tested (no scenario file, or no call ran)\n";
      }
    }
    *exit_code = s.ExitCode();
    if (!opts->junit.empty() &&
        !WriteJunit(opts->junit, "zxspec run", {s.ToJunit(opts->target)}, &error)) {
      std::cerr << "zxspec run: " << error << "\n";
      *exit_code = kExitUsage;
    }
  });
}

}  // namespace zxspec::cli
