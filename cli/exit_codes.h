// File: cli/exit_codes.h
//
// The exit codes of every `zxspec` subcommand, one table for all (README "Exit codes", and the
// footer of `zxspec --help`). When several apply, the first in this order wins: 2, 1, 3, 4, 77.
#pragma once

namespace zxspec::cli {

inline constexpr int kExitOk = 0;          // everything that ran passed
inline constexpr int kExitFailed = 1;      // a test failed: expectation, property, proof, diff
inline constexpr int kExitUsage = 2;       // bad command line or input: nothing was judged
inline constexpr int kExitUnknown = 3;     // inconclusive: a solver check timed out (prove)
inline constexpr int kExitNothing = 4;     // nothing was tested (no files, 0 runs, 0 steps)
inline constexpr int kExitSkipped = 77;    // run --skip-unmodeled: every file was skipped

// The table as printed at the end of `zxspec --help` and of each subcommand's help.
inline constexpr const char* kExitCodeHelp =
    "Exit codes: 0 everything that ran passed; 1 a test failed (an expectation, a property, a "
    "proof found a counterexample or was vacuous, model and impl disagreed); 2 bad command line "
    "or input (malformed scenario, unreadable file, reports that do not merge); 3 inconclusive "
    "(a Z3 check returned unknown, e.g. a timeout); 4 nothing was tested (no scenario, --runs 0, "
    "--steps 0); 77 every scenario was skipped (run --skip-unmodeled).";

// The more severe of two exit codes, in the order above.
inline int WorseExit(int a, int b) {
  auto rank = [](int c) {
    switch (c) {
      case kExitUsage: return 5;
      case kExitFailed: return 4;
      case kExitUnknown: return 3;
      case kExitNothing: return 2;
      case kExitSkipped: return 1;
      case kExitOk: return 0;
      default: return 6;  // anything else (a signal, a crash) is worst
    }
  };
  return rank(b) > rank(a) ? b : a;
}

}  // namespace zxspec::cli
