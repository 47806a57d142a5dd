// File: cli/commands.h
//
// One function per `zxspec` subcommand, each in its own file (cmd_<name>.cc): it registers the
// subcommand's options on |app| and, when the subcommand runs, stores its exit code in
// |*exit_code|.
#pragma once

#include <memory>

#include <CLI/CLI.hpp>

#include "spec/predicate.h"

namespace zxspec::cli {

// The top level (cli/app.cc): --version, the exit codes in --help, unknown subcommands. Call it
// before adding the subcommands.
void ConfigureApp(CLI::App& app);
std::string VersionText();  // "zxspec 0.1.0 (JSON schema 2)"

void AddRunCommand(CLI::App& app, int* exit_code);
void AddListCommand(CLI::App& app, int* exit_code);
void AddInvariantsCommands(CLI::App& app, int* exit_code);  // `invariants` and `explain`
void AddVerifyCommand(CLI::App& app, int* exit_code);
void AddCheckCommand(CLI::App& app, int* exit_code);  // props campaign (props/check.h)
void AddProveCommand(CLI::App& app, int* exit_code);  // Z3 proofs (spec/prove.h)
void AddDiffCommand(CLI::App& app, int* exit_code);   // impl against model (refinement/)
void AddQueryCommands(CLI::App& app, int* exit_code); // questions to the spec (spec/query.h)

// Whether every name of |operations| is an encoded call (spec/ops.h); if not, says which is
// not and lists the encoded ones on stderr as "zxspec |command|: ...".
// The predicate of a command-line argument (docs/predicates.md): EXPR itself, or @FILE for the
// text of FILE (at most spec::kMaxPredicateBytes are read). Null with |*error| set
// ("FILE:LINE:COLUMN: message", or why FILE cannot be read) when it is not one.
std::unique_ptr<spec::Predicate> ReadPredicate(const std::string& arg, bool two_state,
                                               std::string* error);

bool KnownOperations(const std::vector<std::string>& operations, std::string_view command);

}  // namespace zxspec::cli
