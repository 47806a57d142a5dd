#include "cli/json_schema.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace zxspec::cli {
namespace {

using Json = nlohmann::json;

bool HasType(const Json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer") {
    return v.is_number_integer() ||
           (v.is_number_float() && std::isfinite(v.get<double>()) &&
            std::trunc(v.get<double>()) == v.get<double>());
  }
  return false;
}

class Validator {
 public:
  explicit Validator(const SchemaLoader& load) : load_(load) {}

  void Check(const Json& v, const Json& schema, const std::string& path, int depth = 0) {
    if (depth > 64) return Fail(path, "schema references nest too deeply");
    if (!schema.is_object()) return Fail(path, "schema is not an object");
    static const std::set<std::string> kKnown = {
        "$schema", "$id",   "title", "description", "type",  "properties",
        "required", "additionalProperties", "items", "enum", "anyOf", "$ref"};
    for (const auto& [key, _] : schema.items()) {
      if (!kKnown.contains(key)) Fail(path, "schema keyword '" + key + "' is not supported");
    }
    if (schema.contains("$ref")) CheckRef(v, schema["$ref"], path, depth);
    if (schema.contains("type")) CheckType(v, schema["type"], path);
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), v) == schema["enum"].end()) {
      Fail(path, v.dump() + " is not one of " + schema["enum"].dump());
    }
    if (schema.contains("anyOf")) CheckAnyOf(v, schema["anyOf"], path, depth);
    if (v.is_object()) CheckObject(v, schema, path, depth);
    if (v.is_array() && schema.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i) {
        Check(v[i], schema["items"], path + "/" + std::to_string(i), depth);
      }
    }
  }

  std::vector<std::string> errors;

 private:
  void Fail(const std::string& path, const std::string& what) {
    errors.push_back((path.empty() ? "/" : path) + ": " + what);
  }

  void CheckRef(const Json& v, const Json& ref, const std::string& path, int depth) {
    const Json* target = ref.is_string() && load_ ? load_(ref.get<std::string>()) : nullptr;
    if (target == nullptr) return Fail(path, "cannot resolve $ref " + ref.dump());
    Check(v, *target, path, depth + 1);
  }

  void CheckType(const Json& v, const Json& type, const std::string& path) {
    std::vector<std::string> names;
    if (type.is_string()) names.push_back(type.get<std::string>());
    if (type.is_array()) {
      for (const auto& t : type) {
        if (t.is_string()) names.push_back(t.get<std::string>());
      }
    }
    if (std::none_of(names.begin(), names.end(), [&](const auto& t) { return HasType(v, t); })) {
      Fail(path, "expected " + type.dump() + ", got " + v.type_name());
    }
  }

  void CheckAnyOf(const Json& v, const Json& alternatives, const std::string& path, int depth) {
    std::vector<std::string> why;
    for (const auto& alternative : alternatives) {
      Validator inner(load_);
      inner.Check(v, alternative, path, depth + 1);
      if (inner.errors.empty()) return;
      why.push_back(inner.errors.front());
    }
    std::string all;
    for (const auto& w : why) all += (all.empty() ? "" : "; ") + w;
    Fail(path, "matches no alternative of anyOf (" + all + ")");
  }

  void CheckObject(const Json& v, const Json& schema, const std::string& path, int depth) {
    static const Json kEmpty = Json::object();
    const Json& props = schema.contains("properties") ? schema["properties"] : kEmpty;
    if (schema.contains("required")) {
      for (const auto& name : schema["required"]) {
        if (name.is_string() && !v.contains(name.get<std::string>())) {
          Fail(path, "missing required member \"" + name.get<std::string>() + "\"");
        }
      }
    }
    for (const auto& [key, member] : v.items()) {
      const std::string at = path + "/" + key;
      if (props.contains(key)) {
        Check(member, props[key], at, depth);
      } else if (schema.contains("additionalProperties")) {
        const Json& extra = schema["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          Fail(at, "member not allowed by the schema");
        } else if (extra.is_object()) {
          Check(member, extra, at, depth);
        }
      }
    }
  }

  const SchemaLoader& load_;
};

}  // namespace

std::vector<std::string> ValidateJson(const Json& value, const Json& schema,
                                      const SchemaLoader& load) {
  Validator v(load);
  v.Check(value, schema, "");
  return std::move(v.errors);
}

}  // namespace zxspec::cli
