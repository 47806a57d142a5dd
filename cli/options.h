// File: cli/options.h
//
// What every subcommand's command line shares: range-checked numbers (no negative count
// wrapping to 2^64-1, no NaN or infinite budget), lists that are both repeatable and
// comma-separated (`--family vmo,stream --family mem`), and `--junit FILE`.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace zxspec::cli {

// Decimal digits or 0x-prefixed hex digits, no sign, no spaces, at most UINT64_MAX; nullopt
// otherwise.
std::optional<uint64_t> ParseUnsigned(const std::string& text);

// A validator for integer options: ParseUnsigned, then lo <= value <= hi. It rewrites the
// text in decimal, so CLI11's conversion (which reads a leading 0 as octal) sees what was meant.
CLI::Validator UnsignedIn(uint64_t lo, uint64_t hi = std::numeric_limits<uint64_t>::max());

// A validator for durations and budgets: a finite number >= 0 (no nan, no inf).
CLI::Validator FiniteNonNegative();

// A list option: repeatable, and each value may be a comma-separated list.
CLI::Option* AddListOption(CLI::App* cmd, const std::string& name,
                           std::vector<std::string>& values, const std::string& description);

// `--junit FILE`: where to write the JUnit XML report of the run.
CLI::Option* AddJunitOption(CLI::App* cmd, std::string& path);

// The footer every help screen ends with: the exit codes (cli/exit_codes.h).
void AddExitCodeFooter(CLI::App* cmd);

}  // namespace zxspec::cli
