// File: cli/json_format.h
//
// Every `--json` output of zxspec is one JSON object whose "format" member names the command
// and the schema version, "zxspec-<command>/<version>" ("zxspec-run/1"), and which validates
// against docs/schema/<command>.schema.json (docs/json-schema.md). A command's version changes
// when a member is removed, renamed or changes meaning; adding an optional member keeps it.
// Each command is versioned on its own.
#pragma once

#include <string>
#include <string_view>

namespace zxspec::cli {

// The version of the schema set as a whole (`zxspec --version`): raised whenever any command's
// version is.
inline constexpr int kJsonSchemaVersion = 2;

// prove/2: rows are keyed by "id" with a "kind" (state invariant or step obligation), and the
// report gained "steps", "paths" and "initial_state_failures" (spec v2: unbounded state, step
// obligations, per-path witnesses). verify/2: its proofs stage carries a prove/2 report.
inline int SchemaVersion(std::string_view command) {
  return command == "prove" || command == "verify" ? 2 : 1;
}

inline std::string FormatTag(std::string_view command) {
  return "zxspec-" + std::string(command) + "/" + std::to_string(SchemaVersion(command));
}

}  // namespace zxspec::cli
