// File: cli/scenario_files.h
//
// Running many scenario files against a target, shared by `zxspec run` and `zxspec verify`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/junit.h"
#include "scenario/runner.h"

namespace zxspec::cli {

struct ScenarioSummary {
  std::vector<scenario::RunReport> reports;
  std::vector<double> file_seconds;  // per report
  size_t passed = 0, failed = 0, errors = 0, skipped = 0;
  size_t calls = 0;  // statements run, over every file
  double seconds = 0;
  // cli/exit_codes.h: 2 on any error, else 1 on any failure, else 4 when nothing was tested (no
  // file, or no statement ran in any file), else 77 if all were skipped, else 0.
  int ExitCode() const;
  // {"files", "summary", "exit_code"}: the body of `zxspec run --json` (docs/schema/run).
  nlohmann::json ToJson() const;
  // One testcase per file (classname zxspec.run.<target>).
  JunitSuite ToJunit(const std::string& target) const;
};

// Expands directories (recursively, *.zxs, sorted); other paths are kept as given (a path that
// is not a regular file is reported when it runs).
std::vector<std::string> CollectScenarioFiles(const std::vector<std::string>& paths,
                                              std::string* error);

// |target| is model, impl or both. Each file runs on fresh kernels; |before_file| (optional)
// is called with each file's name before it runs.
ScenarioSummary RunScenarioFiles(
    const std::vector<std::string>& files, const std::string& target,
    const scenario::RunOptions& options,
    const std::function<void(const std::string&)>& before_file = {});

}  // namespace zxspec::cli
