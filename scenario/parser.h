// File: scenario/parser.h
//
// Parses a `.zxs` file into a Program (scenario/program.h), checking everything that does not
// depend on run time: call names, argument counts and kinds, constants (resolved by argument
// kind, scenario-format.md "Constants"), names used before they are bound, bindings of calls
// that are expected to fail, and the shape of expectations. Errors carry file:line:column.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "scenario/program.h"

namespace zxspec::scenario {

std::variant<Program, Diagnostic> Parse(std::string_view source, std::string file);

// "file:line:col: error: message"
std::string FormatDiagnostic(const std::string& file, const Diagnostic& d);

}  // namespace zxspec::scenario
