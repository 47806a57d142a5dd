// File: cli/rules.h
//
// `zxspec explain RULE-ID`: a rule's text from the rulebook (docs/rules/*.md) and the places in
// the source tree that cite it, both read at run time from the source root (by default the
// tree the binary was built from, ZXSPEC_SOURCE_DIR; `--source-root` overrides it).
//
// A rule is a paragraph of the rulebook that opens with its id in bold (`**VMO-042 (title).**`)
// and runs to the next rule, heading or rule line. A group id such as STREAM-034 names the
// rules STREAM-034a, STREAM-034b, ... when there is no rule STREAM-034 itself.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace zxspec::cli {

// VMO-042, STREAM-034b, FIDLRIGHTS-003: capital letters, '-', digits, an optional letter.
bool IsRuleId(std::string_view id);

struct RuleText {
  std::string id;
  std::string file;  // relative to the source root: docs/rules/vmo.md
  int line = 0;
  std::string section;  // the heading above it: "4. zx_vmo_set_size"
  std::string text;     // the paragraph(s), as written
};

// The rule |id| (or the rules of group |id|) in the rulebook under |root|/docs/rules.
std::vector<RuleText> FindRules(const std::filesystem::path& root, std::string_view id);

struct Citation {
  std::string part;  // model, impl, spec, props, refinement, scenarios, tests, docs, ...
  std::string file;  // relative to the source root
  int line = 0;
  std::string text;  // the line, trimmed
};

// Every line of the source tree under |root| (the project's folders and docs/) that names |id|
// as a whole word (a group id also matches its members), except the rule's own paragraph.
// Test files (*_test.cc) are part "tests".
std::vector<Citation> FindCitations(const std::filesystem::path& root, std::string_view id);

}  // namespace zxspec::cli
