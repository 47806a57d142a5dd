// End-to-end tests of `zxspec check`: the table, the JSON report with its coverage table, the
// shard option and --merge, and the exit codes (0 held, 2 bad options or reports).
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

class ZxspecCheck : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() /
                 ("zxspec_check_test_" + std::to_string(::getpid()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string Out() const { return " --out " + (dir / "cx").string(); }
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
  std::vector<std::string> files;
  for (int i = 0; i < 2; ++i) {
    Ran r = Zxspec("check --property identities --runs 6 --max-steps 8 --json --shard " +
                       std::to_string(i) + "/2" + Out(),
                   false);
    ASSERT_EQ(r.code, 0) << r.out;
    files.push_back((dir / ("shard" + std::to_string(i) + ".json")).string());
    std::ofstream(files.back()) << r.out;
  }
  Ran merged = Zxspec("check --json --merge " + files[0] + " " + files[1], false);
  ASSERT_EQ(merged.code, 0) << merged.out;
  auto j = nlohmann::json::parse(merged.out);
  EXPECT_EQ(j["properties"][0]["cases"], 6);
  EXPECT_EQ(j["shards"], nlohmann::json({0, 1}));
  // The same shard twice does not merge.
  EXPECT_EQ(Zxspec("check --merge " + files[0] + " " + files[0]).code, 2);
}

TEST_F(ZxspecCheck, BadOptionsExitTwo) {
  EXPECT_EQ(Zxspec("check --property no-such-thing" + Out()).code, 2);
  EXPECT_EQ(Zxspec("check --shard 2/2" + Out()).code, 2);
  EXPECT_EQ(Zxspec("check --shard x" + Out()).code, 2);
  EXPECT_EQ(Zxspec("check --max-steps 0" + Out()).code, 2);
  auto junk = (dir / "junk.json").string();
  std::ofstream(junk) << "not json";
  EXPECT_EQ(Zxspec("check --merge " + junk).code, 2);
}

}  // namespace
