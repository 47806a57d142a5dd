// The JSON-Schema subset validator (cli/json_schema.h): each keyword rejects what it should, so
// the schema tests of every --json output (cli/report_test.cc) can fail.
#include "cli/json_schema.h"

#include <gtest/gtest.h>

namespace zxspec::cli {
namespace {

using Json = nlohmann::json;

const Json kSchema = Json::parse(R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "t",
  "type": "object",
  "properties": {
    "format": {"type": "string", "enum": ["x/1"]},
    "n": {"type": "integer"},
    "ratio": {"type": ["number", "null"]},
    "rows": {"type": "array", "items": {"type": "object",
             "properties": {"id": {"type": "string"}}, "required": ["id"],
             "additionalProperties": false}},
    "detail": {"anyOf": [{"$ref": "other.schema.json"}, {"type": "null"}]}
  },
  "required": ["format", "n"],
  "additionalProperties": false
})");

const Json kOther = Json::parse(R"({"type": "object", "properties": {"k": {"type": "boolean"}},
                                    "required": ["k"], "additionalProperties": false})");

std::vector<std::string> Check(const Json& v, const Json& schema = kSchema) {
  return ValidateJson(v, schema, [](const std::string& ref) -> const Json* {
    return ref == "other.schema.json" ? &kOther : nullptr;
  });
}

TEST(JsonSchema, AcceptsAConformingDocument) {
  EXPECT_EQ(Check(Json::parse(R"({"format": "x/1", "n": 3, "ratio": 0.5, "rows": [{"id": "a"}],
                                  "detail": {"k": true}})")),
            std::vector<std::string>{});
  EXPECT_EQ(Check(Json::parse(R"({"format": "x/1", "n": 3.0, "ratio": null, "detail": null})")),
            std::vector<std::string>{});
}

TEST(JsonSchema, RejectsEachKindOfMismatch) {
  auto fails = [](const char* text, const char* what) {
    auto errors = Check(Json::parse(text));
    ASSERT_FALSE(errors.empty()) << text;
    EXPECT_NE(errors.front().find(what), std::string::npos) << errors.front();
  };
  fails(R"({"format": "x/1"})", "missing required member \"n\"");
  fails(R"({"format": "x/2", "n": 1})", "is not one of");
  fails(R"({"format": "x/1", "n": 1.5})", "expected \"integer\"");
  fails(R"({"format": "x/1", "n": "1"})", "expected \"integer\"");
  fails(R"({"format": "x/1", "n": 1, "extra": 0})", "/extra: member not allowed");
  fails(R"({"format": "x/1", "n": 1, "rows": [{"id": 1}]})", "/rows/0/id: expected");
  fails(R"({"format": "x/1", "n": 1, "rows": [{}]})", "/rows/0: missing required member");
  fails(R"({"format": "x/1", "n": 1, "ratio": "x"})", "expected [\"number\",\"null\"]");
  fails(R"({"format": "x/1", "n": 1, "detail": {"k": 1}})", "matches no alternative");
  fails(R"([])", "expected \"object\"");
}

TEST(JsonSchema, UnsupportedKeywordsAndUnresolvedRefsAreErrors) {
  EXPECT_FALSE(Check(Json(1), Json::parse(R"({"type": "integer", "minimum": 0})")).empty());
  EXPECT_FALSE(Check(Json(1), Json::parse(R"({"$ref": "missing.schema.json"})")).empty());
}

}  // namespace
}  // namespace zxspec::cli
