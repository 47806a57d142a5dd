// File: cli/scenario_files.h
//
// Running many scenario files against a target, shared by `zxspec run` and `zxspec verify`.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/runner.h"

namespace zxspec::cli {

struct ScenarioSummary {
  std::vector<scenario::RunReport> reports;
  size_t passed = 0, failed = 0, errors = 0, skipped = 0;
  double seconds = 0;
  int ExitCode() const;  // 2 on any error, else 1 on any failure, else 77 if all skipped, else 0
  nlohmann::json ToJson() const;
};

// Expands directories (recursively, *.zxs, sorted); plain files are kept as given.
std::vector<std::string> CollectScenarioFiles(const std::vector<std::string>& paths,
                                              std::string* error);

// |target| is model, impl or both. Each file runs on fresh kernels.
ScenarioSummary RunScenarioFiles(const std::vector<std::string>& files, const std::string& target,
                                 const scenario::RunOptions& options);

}  // namespace zxspec::cli
