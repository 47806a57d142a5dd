// File: scenario/parser.h
//
// Parses a `.zxs` file into a Program (scenario/program.h), checking everything that does not
// depend on run time: call names, argument counts and kinds, constants (resolved by argument
// kind, scenario-format.md "Constants"), names used before they are bound, bindings of calls
// that are expected to fail, and the shape of expectations. Errors carry file:line:column.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <variant>

#include "scenario/program.h"

namespace zxspec::scenario {

std::variant<Program, Diagnostic> Parse(std::string_view source, std::string file);

// The text of a scenario file from |in|, read no further than Parse needs to reject it: at most
// kMaxFileBytes + 1 bytes (scenario/limits.h). An allocation failure propagates (std::bad_alloc,
// the memory budget's error); a read error leaves |in| bad.
std::string ReadSource(std::istream& in);

// "file:line:col: error: message"
std::string FormatDiagnostic(const std::string& file, const Diagnostic& d);

}  // namespace zxspec::scenario
