// Every --json output validates against its documented schema (docs/schema/, version 1), and
// every --junit report is JUnit XML (cli/junit_check.h): run, check (and --merge), prove, diff,
// verify, list, invariants. Campaigns are small, to keep the test at a few seconds.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/json_format.h"
#include "cli/json_schema.h"
#include "cli/junit_check.h"
#include "cli/test_util.h"

namespace zxspec::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using testing::CheckJunitXml;
using testing::JunitCounts;
using testing::Ran;
using testing::Zxspec;

const Json& Schema(const std::string& file) {
  static std::map<std::string, Json> cache;
  auto it = cache.find(file);
  if (it == cache.end()) {
    std::ifstream in(fs::path(ZXSPEC_SOURCE_DIR) / "docs" / "schema" / file);
    it = cache.emplace(file, Json::parse(in, nullptr, false)).first;
  }
  return it->second;
}

// The output's JSON, checked against docs/schema/<command>.schema.json.
Json ExpectValid(const Ran& r, const std::string& command) {
  Json j = Json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  const Json& schema = Schema(command + ".schema.json");
  EXPECT_FALSE(schema.is_discarded()) << command;
  auto errors = ValidateJson(j, schema, [](const std::string& ref) -> const Json* {
    const Json& s = Schema(ref);
    return s.is_discarded() ? nullptr : &s;
  });
  std::string all;
  for (const auto& e : errors) all += e + "\n";
  EXPECT_TRUE(errors.empty()) << command << ":\n" << all;
  EXPECT_EQ(j.value("format", ""), FormatTag(command));
  if (j.contains("exit_code")) {
    EXPECT_EQ(j["exit_code"], r.code);
  }
  return j;
}

class Reports : public testing::TempDirTest {
 protected:
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // The JUnit report at |name|, checked; its totals.
  JunitCounts Junit(const std::string& name) {
    const std::string xml = Read(Path(name));
    JunitCounts counts;
    auto problems = CheckJunitXml(xml, &counts);
    std::string all;
    for (const auto& p : problems) all += p + "\n";
    EXPECT_TRUE(problems.empty()) << name << ":\n" << all << xml;
    return counts;
  }
};

TEST_F(Reports, Run) {
  auto ok = Write("ok.zxs", "v = vmo_create(1, 0)\nvmo_get_size(v) -> ZX_OK 4096\n");
  auto bad = Write("bad.zxs", "vmo_create(1, 0) -> ZX_ERR_BAD_HANDLE\n");
  auto broken = Write("broken.zxs", "vmo_frobnicate(1)\n");
  Ran r = Zxspec("run --json --junit " + Path("run.xml") + " " + ok + " " + bad, false);
  EXPECT_EQ(r.code, 1);
  ExpectValid(r, "run");
  JunitCounts c = Junit("run.xml");
  EXPECT_EQ(c.tests, 2);
  EXPECT_EQ(c.failures, 1);
  Ran e = Zxspec("run --json --target both --junit " + Path("err.xml") + " " + broken, false);
  EXPECT_EQ(e.code, 2);
  ExpectValid(e, "run");
  EXPECT_EQ(Junit("err.xml").errors, 1);
}

TEST_F(Reports, CheckAndMerge) {
  const std::string campaign =
      "--property invariants,identities --runs 4 --max-steps 6 --out " + Path("cx");
  Ran r = Zxspec("check " + campaign + " --json --junit " + Path("check.xml"), false);
  EXPECT_EQ(r.code, 0);
  ExpectValid(r, "check");
  EXPECT_EQ(Junit("check.xml").tests, 2);
  auto shards = Shards(campaign, 2);
  ExpectValid(Ran{0, Read(shards[0])}, "check");
  Ran m = Zxspec("check --json --merge " + shards[0] + " " + shards[1] + " --junit " +
                     Path("merge.xml"),
                 false);
  EXPECT_EQ(m.code, 0);
  Json j = ExpectValid(m, "check");
  EXPECT_EQ(j["properties"][0]["cases"], 4);
  EXPECT_EQ(Junit("merge.xml").tests, 2);
}

TEST_F(Reports, Prove) {
  Ran r = Zxspec("prove --json --invariant size-page-aligned --operation vmo_create,vmo_set_size"
                 " --junit " + Path("prove.xml"),
                 false);
  EXPECT_EQ(r.code, 0);
  Json j = ExpectValid(r, "prove");
  EXPECT_EQ(j["counts"]["proved"], 2);
  // One testcase per obligation and one per path of each call.
  EXPECT_GE(j["paths"].size(), 4u);
  EXPECT_EQ(Junit("prove.xml").tests, 2 + static_cast<int>(j["paths"].size()));
}

// Issue 16: reach's answer as JSON, the sequence's scenario included.
TEST_F(Reports, Reach) {
  Ran r = Zxspec("reach 'exists v: vmo: v.size == 0x3000' --depth 2 --json --operation vmo_create", false);
  EXPECT_EQ(r.code, 0) << r.out;
  Json j = ExpectValid(r, "reach");
  EXPECT_EQ(j["answer"], "reached");
  EXPECT_EQ(j["depth"], 1);
  EXPECT_NE(j["zxs"].get<std::string>().find(" = vmo_create("), std::string::npos) << j["zxs"];
}

TEST_F(Reports, WhoChanges) {
  Ran r = Zxspec("who-changes seek --json --operation stream_seek", false);
  EXPECT_EQ(r.code, 0);
  Json j = ExpectValid(r, "who-changes");
  size_t changes = 0;
  for (const Json& row : j["rows"]) {
    if (row["answer"] != "changes") continue;
    ++changes;
    EXPECT_EQ(row["path"], "STREAM-053 ZX_OK");
    EXPECT_TRUE(row["by_model"].get<bool>());
    EXPECT_NE(row["zxs"].get<std::string>().find("stream_seek("), std::string::npos);
  }
  EXPECT_EQ(changes, 1u);
}

TEST_F(Reports, Diff) {
  Ran r = Zxspec("diff --json --steps 40 --runs 2 --junit " + Path("diff.xml"), false);
  EXPECT_EQ(r.code, 0);
  ExpectValid(r, "diff");
  EXPECT_EQ(Junit("diff.xml").tests, 2);
  Ran none = Zxspec("diff --json --steps 0 --junit " + Path("none.xml"), false);
  EXPECT_EQ(none.code, 4);
  ExpectValid(none, "diff");
  EXPECT_EQ(Junit("none.xml").skipped, 1);
}

TEST_F(Reports, Verify) {
  fs::create_directories(dir / "s");
  Write("s/ok.zxs", "v = vmo_create(4096, 0)\nvmo_get_size(v) -> ZX_OK 4096\n");
  Ran r = Zxspec("verify --json --scenarios " + Path("s") +
                     " --only scenarios-model,scenarios-both,properties,diff --runs 3"
                     " --max-steps 5 --diff-runs 1 --diff-steps 30 --out " + Path("cx") +
                     " --junit " + Path("verify.xml"),
                 false);
  EXPECT_EQ(r.code, 0);
  Json j = ExpectValid(r, "verify");
  ASSERT_EQ(j["stages"].size(), 4u);
  const JunitCounts c = Junit("verify.xml");
  EXPECT_EQ(c.failures + c.errors, 0);
  EXPECT_GT(c.tests, 20);  // 2 scenario runs, every property, 1 diff run
  Ran missing = Zxspec("verify --json --scenarios " + Path("nowhere") + " --only scenarios-model",
                       false);
  EXPECT_EQ(missing.code, 2);
  ExpectValid(missing, "verify");
}

TEST_F(Reports, ListAndInvariants) {
  ExpectValid(Zxspec("list --json", false), "list");
  ExpectValid(Zxspec("invariants --json", false), "invariants");
}

}  // namespace
}  // namespace zxspec::cli
