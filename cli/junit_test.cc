// The JUnit writer (cli/junit.h) against expat and the structure checker of junit_check.h, and
// the checker against reports that are not JUnit (so the end-to-end checks can fail).
#include "cli/junit.h"

#include <gtest/gtest.h>

#include "cli/junit_check.h"

namespace zxspec::cli {
namespace {

using testing::CheckJunitXml;
using testing::JunitCounts;
using testing::ParseXml;

TEST(Junit, EscapesMarkupControlsAndInvalidUtf8) {
  EXPECT_EQ(XmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(XmlEscape("l1\nl2\tx\r"), "l1&#10;l2&#9;x&#13;");
  EXPECT_EQ(XmlEscape(std::string("\x01z\x00", 3)), "\xEF\xBF\xBDz\xEF\xBF\xBD");
  EXPECT_EQ(XmlEscape("\xff\xc3\x28"), "\xEF\xBF\xBD\xEF\xBF\xBD(");      // bad bytes
  EXPECT_EQ(XmlEscape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");            // overlong '/'
  EXPECT_EQ(XmlEscape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(XmlEscape("\xEF\xBF\xBE"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // U+FFFE
  EXPECT_EQ(XmlEscape("\xC3\xA9\xF0\x9F\x98\x80"), "\xC3\xA9\xF0\x9F\x98\x80");  // kept
}

TEST(Junit, EveryResultKindParsesWithCounts) {
  JunitSuite a{"suite a", 1.5, {}};
  a.cases.push_back({"pass", "c.a", 0.25});
  a.cases.push_back({"fail", "c.a", 0.5, JunitCase::Result::kFailure, "expected 1, got 2",
                     "file.zxs:3: FAIL <&> \x01\xff"});
  a.cases.push_back({"err", "c.a", 0, JunitCase::Result::kError, "unknown", ""});
  JunitSuite b{"suite \"b\"", 0, {}};
  b.cases.push_back({"skip", "c.b", 0, JunitCase::Result::kSkipped, "no case ran", ""});
  const std::string xml = FormatJunit("zxspec test", {a, b});
  JunitCounts counts;
  EXPECT_EQ(CheckJunitXml(xml, &counts), std::vector<std::string>{}) << xml;
  EXPECT_EQ(counts.tests, 4);
  EXPECT_EQ(counts.failures, 1);
  EXPECT_EQ(counts.errors, 1);
  EXPECT_EQ(counts.skipped, 1);
  std::string error;
  auto root = ParseXml(xml, &error);
  ASSERT_NE(root, nullptr) << error;
  const auto& fail = root->children[0]->children[1];
  EXPECT_EQ(fail->attrs.at("name"), "fail");
  EXPECT_EQ(fail->Child("failure")->attrs.at("message"), "expected 1, got 2");
  EXPECT_EQ(fail->Child("failure")->text, "file.zxs:3: FAIL <&> \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(root->children[1]->attrs.at("name"), "suite \"b\"");
  EXPECT_EQ(CheckJunitXml(FormatJunit("empty", {})), std::vector<std::string>{});
}

TEST(Junit, CheckerRejectsWhatIsNotJunit) {
  EXPECT_FALSE(CheckJunitXml("<testsuites><testsuite>").empty());  // not well-formed
  EXPECT_FALSE(CheckJunitXml("<results/>").empty());                // wrong root
  EXPECT_FALSE(CheckJunitXml(  // counts that do not match the testcases
                   "<testsuites tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">"
                   "<testsuite name=\"s\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\" "
                   "time=\"0\"><testcase name=\"a\" classname=\"c\" time=\"0\"/></testsuite>"
                   "</testsuites>")
                   .empty());
  EXPECT_FALSE(CheckJunitXml(  // a testcase without classname, a failure without message
                   "<testsuites tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0\">"
                   "<testsuite name=\"s\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\" "
                   "time=\"0\"><testcase name=\"a\" time=\"0\"><failure/></testcase></testsuite>"
                   "</testsuites>")
                   .empty());
}

}  // namespace
}  // namespace zxspec::cli
