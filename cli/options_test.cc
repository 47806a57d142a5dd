// Unit tests of what the subcommands share: strict numbers (cli/options.h), the exit codes
// (cli/exit_codes.h) and prove's mapping of proof statuses onto them, the rulebook reader
// (cli/rules.h) on a small tree.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cli/exit_codes.h"
#include "cli/options.h"
#include "cli/reports.h"
#include "cli/rules.h"

namespace zxspec::cli {
namespace {

namespace fs = std::filesystem;

TEST(Options, ParseUnsignedIsStrict) {
  EXPECT_EQ(ParseUnsigned("0"), 0u);
  EXPECT_EQ(ParseUnsigned("010"), 10u);  // decimal, not octal
  EXPECT_EQ(ParseUnsigned("0x1F"), 31u);
  EXPECT_EQ(ParseUnsigned("18446744073709551615"), UINT64_MAX);
  for (const char* bad : {"", "-1", "+1", " 1", "1 ", "1.5", "1e3", "0x", "0xg",
                          "18446744073709551616", "0x10000000000000000", "nan"}) {
    EXPECT_FALSE(ParseUnsigned(bad).has_value()) << bad;
  }
}

spec::ProveReport ReportOf(std::initializer_list<spec::ProofStatus> statuses) {
  spec::ProveReport r;
  for (auto s : statuses) {
    spec::ProofRow row;
    row.invariant = "inv";
    row.operation = "op";
    row.status = s;
    r.rows.push_back(row);
  }
  return r;
}

// Issue 11: a counterexample (1) and an unknown (3) exit differently; nothing selected is 4.
TEST(ExitCodes, ProveDistinguishesCounterexampleFromUnknown) {
  using S = spec::ProofStatus;
  EXPECT_EQ(ProveExitCode(ReportOf({S::kProved, S::kProved})), kExitOk);
  EXPECT_EQ(ProveExitCode(ReportOf({S::kProved, S::kUnknown})), kExitUnknown);
  EXPECT_EQ(ProveExitCode(ReportOf({S::kUnknown, S::kCounterexample})), kExitFailed);
  EXPECT_EQ(ProveExitCode(ReportOf({S::kVacuous})), kExitFailed);
  EXPECT_EQ(ProveExitCode(ReportOf({})), kExitNothing);
  // Every proof held but a path is vacuous, or disagrees with model::Step: failed, not ok.
  spec::ProveReport vacuous_path = ReportOf({S::kProved});
  vacuous_path.paths.push_back({"op", "OK", 0, "", false, false, 0, "", ""});
  EXPECT_EQ(ProveExitCode(vacuous_path), kExitFailed);
  EXPECT_EQ(ProveJunit(vacuous_path).cases[1].result, JunitCase::Result::kFailure);
  spec::ProveReport disagreeing_path = ReportOf({S::kUnknown});
  disagreeing_path.paths.push_back({"op", "OK", 0, "reachable", true, false, 0, "", ""});
  EXPECT_EQ(ProveExitCode(disagreeing_path), kExitFailed);
  auto j = ProveJson(ReportOf({S::kProved, S::kUnknown}), 5);
  EXPECT_EQ(j["exit_code"], kExitUnknown);
  EXPECT_EQ(j["counts"]["unknown"], 1);
  EXPECT_EQ(ProveJunit(ReportOf({S::kUnknown, S::kCounterexample})).cases[0].result,
            JunitCase::Result::kError);
}

TEST(ExitCodes, WorseExitOrdersBySeverity) {
  EXPECT_EQ(WorseExit(kExitOk, kExitNothing), kExitNothing);
  EXPECT_EQ(WorseExit(kExitNothing, kExitUnknown), kExitUnknown);
  EXPECT_EQ(WorseExit(kExitFailed, kExitUnknown), kExitFailed);
  EXPECT_EQ(WorseExit(kExitUsage, kExitFailed), kExitUsage);
  EXPECT_EQ(WorseExit(kExitSkipped, kExitOk), kExitSkipped);
}

TEST(Rules, IdsParagraphsGroupsAndCitations) {
  EXPECT_TRUE(IsRuleId("VMO-042"));
  EXPECT_TRUE(IsRuleId("STREAM-034b"));
  EXPECT_TRUE(IsRuleId("FIDLRIGHTS-003"));
  for (const char* bad : {"vmo-042", "VMO-", "VMO42", "VMO-042bb", "-042", "VMO-04a2"}) {
    EXPECT_FALSE(IsRuleId(bad)) << bad;
  }
  fs::path root = fs::temp_directory_path() / ("zxspec_rules_test_" + std::to_string(::getpid()));
  fs::create_directories(root / "docs" / "rules");
  fs::create_directories(root / "model");
  std::ofstream(root / "docs" / "rules" / "x.md")
      << "# X\n\n## 1. calls\n\n**X-001 (one).** First line\ncontinued.\n\n"
         "**X-002a.** Part a, see X-001.\n\n**X-002b.** Part b.\n\n---\n\n## 2. more\n";
  std::ofstream(root / "model" / "x.cc") << "// X-001\nint a;  // X-0011 X-001b\n// X-002a\n";
  std::ofstream(root / "model" / "x_test.cc") << "// pins X-001\n";
  auto one = FindRules(root, "X-001");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].file, "docs/rules/x.md");
  EXPECT_EQ(one[0].line, 5);
  EXPECT_EQ(one[0].section, "1. calls");
  EXPECT_EQ(one[0].text, "**X-001 (one).** First line\ncontinued.\n");
  auto group = FindRules(root, "X-002");
  ASSERT_EQ(group.size(), 2u);
  EXPECT_EQ(group[1].id, "X-002b");
  auto cited = FindCitations(root, "X-001");
  ASSERT_EQ(cited.size(), 3u);  // the rulebook's X-002a, model/x.cc:1, and the test last
  EXPECT_EQ(cited[0].file, "model/x.cc");
  EXPECT_EQ(cited[0].line, 1);
  EXPECT_EQ(cited[1].file, "docs/rules/x.md");
  EXPECT_EQ(cited[2].part, "tests");
  EXPECT_EQ(FindCitations(root, "X-002").size(), 1u);  // model/x.cc:3 (the rules are its text)
  fs::remove_all(root);
}

}  // namespace
}  // namespace zxspec::cli
