#include "cli/scenario_files.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/format.h"  // EscapeInvalidUtf8
#include "cli/targets.h"
#include "scenario/parser.h"  // ReadSource

namespace zxspec::cli {

namespace fs = std::filesystem;

int ScenarioSummary::ExitCode() const {
  if (errors > 0) return 2;
  if (failed > 0) return 1;
  if (!reports.empty() && skipped == reports.size()) return scenario::kSkipExitCode;
  return 0;
}

static std::string_view VerdictName(scenario::Verdict v) {
  switch (v) {
    case scenario::Verdict::kPass: return "pass";
    case scenario::Verdict::kFail: return "fail";
    case scenario::Verdict::kError: return "error";
    case scenario::Verdict::kSkip: return "skip";
  }
  return "?";
}

nlohmann::json ScenarioSummary::ToJson() const {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& r : reports) {
    // File names and messages quote the user's bytes: keep the JSON valid UTF-8.
    nlohmann::json f = {{"file", EscapeInvalidUtf8(r.file)},
                        {"verdict", VerdictName(r.verdict)},
                        {"exit_code", r.ExitCode()},
                        {"calls", r.statements_run}};
    if (r.verdict != scenario::Verdict::kPass) {
      f["line"] = r.line;
      if (r.verdict == scenario::Verdict::kError) f["column"] = r.col;
      f["message"] = EscapeInvalidUtf8(r.message);
    }
    files.push_back(std::move(f));
  }
  return {{"files", files},
          {"summary",
           {{"passed", passed},
            {"failed", failed},
            {"errors", errors},
            {"skipped", skipped},
            {"seconds", seconds}}},
          {"exit_code", ExitCode()}};
}

std::vector<std::string> CollectScenarioFiles(const std::vector<std::string>& paths,
                                              std::string* error) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".zxs") {
          found.push_back(it->path().string());
        }
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else if (error != nullptr) {
      *error = p + ": no such file or directory";
      return {};
    }
  }
  return out;
}

static scenario::RunReport RunOne(const std::string& file, const std::string& target,
                                  const scenario::RunOptions& options) {
  scenario::RunReport r;
  r.file = file;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    r.verdict = scenario::Verdict::kError;
    r.line = 0;
    r.message = "cannot read the file";
    return r;
  }
  std::string source = scenario::ReadSource(in);  // bounded; bad_alloc reaches main (issue 12)
  std::string primary_name = target == "both" ? "model" : target;
  auto primary = MakeKernel(primary_name);
  std::unique_ptr<Kernel> secondary = target == "both" ? MakeKernel("impl") : nullptr;
  if (primary == nullptr || (target == "both" && secondary == nullptr)) {
    r.verdict = scenario::Verdict::kError;
    r.message = "target '" + target + "' is not available in this build";
    return r;
  }
  return scenario::RunSource(source, file, *primary, secondary.get(), options);
}

ScenarioSummary RunScenarioFiles(const std::vector<std::string>& files, const std::string& target,
                                 const scenario::RunOptions& options) {
  ScenarioSummary s;
  auto start = std::chrono::steady_clock::now();
  for (const auto& f : files) {
    scenario::RunReport r = RunOne(f, target, options);
    switch (r.verdict) {
      case scenario::Verdict::kPass: ++s.passed; break;
      case scenario::Verdict::kFail: ++s.failed; break;
      case scenario::Verdict::kError: ++s.errors; break;
      case scenario::Verdict::kSkip: ++s.skipped; break;
    }
    s.reports.push_back(std::move(r));
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return s;
}

}  // namespace zxspec::cli
