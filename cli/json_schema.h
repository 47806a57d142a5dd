// File: cli/json_schema.h
//
// A validator for the subset of JSON Schema (draft 2020-12) that docs/schema/*.schema.json use,
// for the tests that check every `--json` output against its documented schema:
//   type (a name or a list of names), properties, required, additionalProperties (a boolean or a
//   schema), items, enum, anyOf, $ref (another schema file, by name), and the annotations
//   $schema, $id, title, description.
// A schema keyword outside this subset is itself an error, so a schema cannot say more than is
// checked.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace zxspec::cli {

// Resolves a "$ref" ("run.schema.json") to the schema it names; null when there is none.
using SchemaLoader = std::function<const nlohmann::json*(const std::string& ref)>;

// Every way |value| fails |schema|, as "/path/in/value: what is wrong"; empty when it is valid.
std::vector<std::string> ValidateJson(const nlohmann::json& value, const nlohmann::json& schema,
                                      const SchemaLoader& load = {});

}  // namespace zxspec::cli
