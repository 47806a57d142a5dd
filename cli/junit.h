// File: cli/junit.h
//
// JUnit XML reports (`--junit FILE` on run, check, prove, diff and verify), in the common
// shape CI report ingesters read (Jenkins, GitLab, GitHub test reporters, ...):
//
//   <testsuites name tests failures errors skipped time>
//     <testsuite name tests failures errors skipped time>
//       <testcase name classname time> [<failure message>text</failure> | <error ...> |
//                                       <skipped message/>] </testcase>
//
// Text is escaped for XML 1.0: markup characters as entities, invalid UTF-8 and characters
// XML 1.0 forbids (controls other than tab, newline, carriage return) as U+FFFD.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zxspec::cli {

struct JunitCase {
  enum class Result { kPass, kFailure, kError, kSkipped };
  std::string name;
  std::string classname;
  double seconds = 0;
  Result result = Result::kPass;
  std::string message = {};  // one line (the failure's or skip's message attribute)
  std::string text = {};     // details (the element's body)
};

struct JunitSuite {
  std::string name;
  double seconds = 0;
  std::vector<JunitCase> cases = {};
};

// |s| escaped for XML 1.0 text and attribute values.
std::string XmlEscape(std::string_view s);

// The whole document; |name| names the <testsuites> element ("zxspec run").
std::string FormatJunit(std::string_view name, const std::vector<JunitSuite>& suites);

// Writes FormatJunit to |path|; false (with |error|) when the file cannot be written.
bool WriteJunit(const std::string& path, std::string_view name,
                const std::vector<JunitSuite>& suites, std::string* error);

}  // namespace zxspec::cli
