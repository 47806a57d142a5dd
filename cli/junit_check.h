// File: cli/junit_check.h (tests only)
//
// Reads a JUnit XML report with expat (a conforming XML 1.0 parser, so the report is
// well-formed) and checks the structure CI ingesters rely on: a <testsuites> root with tests,
// failures, errors, skipped and time attributes; <testsuite> children with the same attributes,
// whose counts equal the testcases they hold; <testcase> elements with name, classname and time;
// at most one <failure>, <error> or <skipped> child each, with a message attribute; times that
// are non-negative numbers. The root's counts are the sums of its suites'.
#pragma once

#include <expat.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace zxspec::cli::testing {

struct XmlNode {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::vector<std::unique_ptr<XmlNode>> children;
  std::string text;
  const XmlNode* Child(const std::string& n) const {
    for (const auto& c : children) {
      if (c->name == n) return c.get();
    }
    return nullptr;
  }
};

// The document's root element, or null with |error| (expat's message and line).
inline std::unique_ptr<XmlNode> ParseXml(const std::string& xml, std::string* error) {
  struct State {
    std::unique_ptr<XmlNode> root;
    std::vector<XmlNode*> open;
  } st;
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &st);
  XML_SetElementHandler(
      p,
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        auto* s = static_cast<State*>(data);
        auto node = std::make_unique<XmlNode>();
        node->name = name;
        for (size_t i = 0; attrs[i] != nullptr; i += 2) node->attrs[attrs[i]] = attrs[i + 1];
        XmlNode* raw = node.get();
        if (s->open.empty()) {
          s->root = std::move(node);
        } else {
          s->open.back()->children.push_back(std::move(node));
        }
        s->open.push_back(raw);
      },
      [](void* data, const XML_Char*) { static_cast<State*>(data)->open.pop_back(); });
  XML_SetCharacterDataHandler(p, [](void* data, const XML_Char* s, int len) {
    auto* st2 = static_cast<State*>(data);
    if (!st2->open.empty()) st2->open.back()->text.append(s, static_cast<size_t>(len));
  });
  const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  if (!ok) {
    *error = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " +
             std::to_string(XML_GetCurrentLineNumber(p));
  }
  XML_ParserFree(p);
  return ok ? std::move(st.root) : nullptr;
}

struct JunitCounts {
  long tests = 0, failures = 0, errors = 0, skipped = 0;
};

// Every structural problem of |xml| as a JUnit report; empty when it is one. |counts| (optional)
// receives the root's totals.
inline std::vector<std::string> CheckJunitXml(const std::string& xml,
                                              JunitCounts* counts = nullptr) {
  std::vector<std::string> bad;
  std::string error;
  auto root = ParseXml(xml, &error);
  if (root == nullptr) return {"not well-formed XML: " + error};
  auto number = [&](const XmlNode& n, const std::string& attr) -> long {
    auto it = n.attrs.find(attr);
    if (it == n.attrs.end()) {
      bad.push_back("<" + n.name + "> lacks " + attr);
      return -1;
    }
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    if (it->second.empty() || *end != '\0' || v < 0) {
      bad.push_back("<" + n.name + "> " + attr + "=\"" + it->second + "\" is not a count or time");
    }
    return static_cast<long>(v);
  };
  if (root->name != "testsuites") return {"the root is <" + root->name + ">, not <testsuites>"};
  JunitCounts total, sum;
  total = {number(*root, "tests"), number(*root, "failures"), number(*root, "errors"),
           number(*root, "skipped")};
  number(*root, "time");
  for (const auto& suite : root->children) {
    if (suite->name != "testsuite") {
      bad.push_back("<testsuites> holds <" + suite->name + ">");
      continue;
    }
    JunitCounts seen;
    for (const auto& c : suite->children) {
      if (c->name != "testcase") {
        bad.push_back("<testsuite> holds <" + c->name + ">");
        continue;
      }
      ++seen.tests;
      for (const char* a : {"name", "classname"}) {
        if (!c->attrs.contains(a)) bad.push_back("<testcase> lacks " + std::string(a));
      }
      number(*c, "time");
      if (c->children.size() > 1) bad.push_back("<testcase> has several results");
      for (const auto& r : c->children) {
        if (!r->attrs.contains("message")) bad.push_back("<" + r->name + "> lacks message");
        if (r->name == "failure") {
          ++seen.failures;
        } else if (r->name == "error") {
          ++seen.errors;
        } else if (r->name == "skipped") {
          ++seen.skipped;
        } else {
          bad.push_back("<testcase> holds <" + r->name + ">");
        }
      }
    }
    const long tests = number(*suite, "tests"), failures = number(*suite, "failures"),
               errors = number(*suite, "errors"), skipped = number(*suite, "skipped");
    number(*suite, "time");
    if (!suite->attrs.contains("name")) bad.push_back("<testsuite> lacks name");
    if (tests != seen.tests || failures != seen.failures || errors != seen.errors ||
        skipped != seen.skipped) {
      bad.push_back("<testsuite name=\"" + suite->attrs["name"] +
                    "\"> counts differ from its testcases");
    }
    sum.tests += seen.tests;
    sum.failures += seen.failures;
    sum.errors += seen.errors;
    sum.skipped += seen.skipped;
  }
  if (total.tests != sum.tests || total.failures != sum.failures || total.errors != sum.errors ||
      total.skipped != sum.skipped) {
    bad.push_back("<testsuites> counts are not the sums of its suites'");
  }
  if (counts != nullptr) *counts = total;
  return bad;
}

}  // namespace zxspec::cli::testing
