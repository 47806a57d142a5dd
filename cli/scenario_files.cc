#include "cli/scenario_files.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "api/format.h"  // EscapeInvalidUtf8
#include "cli/exit_codes.h"
#include "cli/targets.h"
#include "scenario/parser.h"  // ReadSource

namespace zxspec::cli {

namespace fs = std::filesystem;

int ScenarioSummary::ExitCode() const {
  if (errors > 0) return kExitUsage;
  if (failed > 0) return kExitFailed;
  if (reports.empty() || (calls == 0 && skipped == 0)) return kExitNothing;
  if (skipped == reports.size()) return kExitSkipped;
  return kExitOk;
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
            {"calls", calls},
            {"seconds", seconds}}},
          {"exit_code", ExitCode()}};
}

JunitSuite ScenarioSummary::ToJunit(const std::string& target) const {
  JunitSuite suite{"zxspec run --target " + target, seconds, {}};
  for (size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    JunitCase c{r.file, "zxspec.run." + target, i < file_seconds.size() ? file_seconds[i] : 0};
    switch (r.verdict) {
      case scenario::Verdict::kPass: break;
      case scenario::Verdict::kFail: c.result = JunitCase::Result::kFailure; break;
      case scenario::Verdict::kError: c.result = JunitCase::Result::kError; break;
      case scenario::Verdict::kSkip: c.result = JunitCase::Result::kSkipped; break;
    }
    if (r.verdict != scenario::Verdict::kPass) {
      c.text = r.Describe();
      c.message = c.text.substr(0, c.text.find('\n'));
    }
    suite.cases.push_back(std::move(c));
  }
  return suite;
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
  r.verdict = scenario::Verdict::kError;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {  // /dev/null, a FIFO, a directory: not a scenario
    r.message = fs::exists(file, ec) ? "not a regular file" : "no such file";
    return r;
  }
  std::ifstream in(file, std::ios::binary);
  // Bounded (scenario/limits.h); a budget overrun reaches main's handler (issue 12).
  std::string source = in ? scenario::ReadSource(in) : std::string();
  if (!in.is_open() || in.bad()) {
    r.message = "cannot read the file";
    return r;
  }
  std::string primary_name = target == "both" ? "model" : target;
  auto primary = MakeKernel(primary_name);
  std::unique_ptr<Kernel> secondary = target == "both" ? MakeKernel("impl") : nullptr;
  if (primary == nullptr || (target == "both" && secondary == nullptr)) {
    r.message = "target '" + target + "' is not available in this build";
    return r;
  }
  return scenario::RunSource(source, file, *primary, secondary.get(), options);
}

ScenarioSummary RunScenarioFiles(const std::vector<std::string>& files, const std::string& target,
                                 const scenario::RunOptions& options,
                                 const std::function<void(const std::string&)>& before_file) {
  ScenarioSummary s;
  auto start = std::chrono::steady_clock::now();
  for (const auto& f : files) {
    if (before_file) before_file(f);
    auto file_start = std::chrono::steady_clock::now();
    scenario::RunReport r = RunOne(f, target, options);
    s.file_seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - file_start).count());
    s.calls += r.statements_run;
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
