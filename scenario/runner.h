// File: scenario/runner.h
//
// Runs a parsed scenario against one kernel, or two in lock-step (`--target both`: every call
// runs on both and any difference in outcome fails the scenario at that line, even where the
// file states no expectation). Written against the abstract Kernel interface only.
//
// Exit codes (scenario-format.md): 0 every expectation held; 1 an expectation failed or the
// targets disagreed; 2 the file could not be parsed or names something unknown (including a
// call the target does not model). With `skip_unmodeled`, a call the target does not model
// makes the file "skipped" (exit code kSkipExitCode) instead of an error, so a test suite can run
// every scenario against an implementation that does not cover every call yet.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "api/kernel.h"
#include "scenario/program.h"

namespace zxspec::scenario {

inline constexpr int kSkipExitCode = 77;

enum class Verdict { kPass, kFail, kError, kSkip };

struct RunReport {
  std::string file;
  Verdict verdict = Verdict::kPass;
  int line = 0;             // the failing line (kFail / kError / kSkip)
  int col = 0;              // parse errors
  std::string message;      // one line for errors; may hold several for failures
  size_t statements_run = 0;
  int ExitCode() const;
  std::string Describe() const;  // "PASS file (N calls)" / "file:line: FAIL ..." etc.
};

struct RunOptions {
  bool skip_unmodeled = false;
  // When set, called with each call statement and the outcome the (primary) target returned,
  // before its expectation is checked (`zxspec run --trace`).
  std::function<void(const Statement&, const Outcome&)> trace = {};
};

// |secondary| may be null. Both kernels must start from the initial environment.
RunReport RunProgram(const Program& program, Kernel& primary, Kernel* secondary,
                     const RunOptions& options);

// Parses |source| and runs it; a parse error gives kError with file:line:column.
RunReport RunSource(std::string_view source, const std::string& file, Kernel& primary,
                    Kernel* secondary, const RunOptions& options);

}  // namespace zxspec::scenario
