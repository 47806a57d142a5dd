// File: cli/json_format.h
//
// Every `--json` output of zxspec is one JSON object whose "format" member names the command
// and the schema version, "zxspec-<command>/<version>" ("zxspec-run/1"), and which validates
// against docs/schema/<command>.schema.json (docs/json-schema.md). The version changes when a
// member is removed, renamed or changes meaning; adding an optional member keeps it.
#pragma once

#include <string>
#include <string_view>

namespace zxspec::cli {

inline constexpr int kJsonSchemaVersion = 1;

inline std::string FormatTag(std::string_view command) {
  return "zxspec-" + std::string(command) + "/" + std::to_string(kJsonSchemaVersion);
}

}  // namespace zxspec::cli
