// End-to-end tests of `zxspec check`: the table, the JSON report with its coverage table, the
// shard option and --merge, and the exit codes (0 held, 2 bad options or reports, 4 no case).
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/test_util.h"

namespace {

namespace fs = std::filesystem;

using zxspec::cli::testing::Ran;
using zxspec::cli::testing::Zxspec;

class ZxspecCheck : public zxspec::cli::testing::TempDirTest {
 protected:
  std::string Out() const { return " --out " + Path("cx"); }
};

TEST_F(ZxspecCheck, SmallCampaignPrintsTheTableAndExitsZero) {
  Ran r = Zxspec("check --runs 5 --max-steps 10" + Out());
  EXPECT_EQ(r.code, 0) << r.out;
  for (const char* s : {"property", "invariants", "error-no-effect", "identities",
                        "handles-stable", "deterministic", "coverage:", "throughput:"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
}

TEST_F(ZxspecCheck, JsonHasPropertiesAndCoverage) {
  Ran r = Zxspec("check --property invariants --runs 4 --max-steps 8 --json" + Out(), false);
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["properties"].size(), 1u);
  EXPECT_EQ(j["properties"][0]["id"], "invariants");
  EXPECT_EQ(j["properties"][0]["cases"], 4);
  EXPECT_TRUE(j["coverage"].contains("reached"));
  EXPECT_TRUE(j["coverage"].contains("unreached"));
  EXPECT_EQ(j["exit_code"], 0);
}

TEST_F(ZxspecCheck, ShardReportsMerge) {
  auto files = Shards("--property identities --runs 6 --max-steps 8" + Out(), 2);
  Ran merged = Zxspec("check --json --merge " + files[0] + " " + files[1], false);
  ASSERT_EQ(merged.code, 0) << merged.out;
  auto j = nlohmann::json::parse(merged.out);
  EXPECT_EQ(j["properties"][0]["cases"], 6);
  EXPECT_EQ(j["shards"], nlohmann::json({0, 1}));
  // The same shard twice does not merge.
  EXPECT_EQ(Zxspec("check --merge " + files[0] + " " + files[0]).code, 2);
}

// Issue 11: the merge fails unless the shards cover the campaign exactly once, and a report
// that cannot be opened says so.
TEST_F(ZxspecCheck, MergeNeedsEveryShardOnceAndReadableReports) {
  auto files = Shards("--property identities --runs 6 --max-steps 4" + Out(), 3);
  EXPECT_EQ(Zxspec("check --merge " + files[0] + " " + files[1] + " " + files[2]).code, 0);
  Ran missing = Zxspec("check --merge " + files[0] + " " + files[1]);
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.out.find("shard 2/3 is missing"), std::string::npos) << missing.out;
  Ran twice = Zxspec("check --merge " + files[0] + " " + files[1] + " " + files[1]);
  EXPECT_EQ(twice.code, 2);
  EXPECT_NE(twice.out.find("shard 1 appears twice"), std::string::npos) << twice.out;
  Ran nofile = Zxspec("check --merge " + (dir / "nonexist.json").string());
  EXPECT_EQ(nofile.code, 2);
  EXPECT_NE(nofile.out.find("nonexist.json: cannot open: no such file"), std::string::npos)
      << nofile.out;
  // Issue 12: a directory is an error with a message, not an uncaught ios_base::failure.
  Ran directory = Zxspec("check --merge " + dir.string());
  EXPECT_EQ(directory.code, 2);
  EXPECT_NE(directory.out.find("cannot open: not a regular file"), std::string::npos)
      << directory.out;
}

// Issue 11: a campaign that runs no case exits 4 (nothing tested), not 0.
TEST_F(ZxspecCheck, NoCaseExitsFour) {
  Ran r = Zxspec("check --runs 0" + Out());
  EXPECT_EQ(r.code, 4) << r.out;
  EXPECT_NE(r.out.find("nothing was tested"), std::string::npos) << r.out;
  EXPECT_EQ(Zxspec("check --property identities --runs 1 --shard 1/2" + Out()).code, 4);
}

// Lists are repeatable and comma-separated alike.
TEST_F(ZxspecCheck, PropertyListsCommaOrRepeated) {
  for (const char* flags : {"--property invariants,identities", "--property invariants --property identities"}) {
    Ran r = Zxspec(std::string("check ") + flags + " --runs 2 --max-steps 4 --json" + Out(), false);
    ASSERT_EQ(r.code, 0) << flags << r.out;
    EXPECT_EQ(nlohmann::json::parse(r.out)["properties"].size(), 2u) << flags;
  }
}

TEST_F(ZxspecCheck, BadOptionsExitTwo) {
  EXPECT_EQ(Zxspec("check --property no-such-thing" + Out()).code, 2);
  EXPECT_EQ(Zxspec("check --shard 2/2" + Out()).code, 2);
  EXPECT_EQ(Zxspec("check --shard x" + Out()).code, 2);
  EXPECT_EQ(Zxspec("check --max-steps 0" + Out()).code, 2);
  // Issue 12: numbers are range-checked, never wrapped or saturated.
  for (const char* bad : {"--runs -1", "--runs 1x", "--seed -1", "--seed 18446744073709551616",
                          "--shard 0/-1", "--shard -1/2", "--shard 1/0", "--time-budget nan",
                          "--time-budget inf", "--time-budget -1", "--max-steps 100001"}) {
    Ran r = Zxspec(std::string("check ") + bad + Out());
    EXPECT_EQ(r.code, 2) << bad << "\n" << r.out;
  }
  EXPECT_NE(Zxspec("check --runs -1" + Out()).out.find("'-1' is not an integer in [0, "),
            std::string::npos);
  auto junk = (dir / "junk.json").string();
  std::ofstream(junk) << "not json";
  EXPECT_EQ(Zxspec("check --merge " + junk).code, 2);
}

}  // namespace
