// End-to-end tests of the zxspec program: exit codes and messages of `zxspec run` on good,
// failing and malformed scenario files (docs/scenario-format.md "Exit codes of zxspec run"),
// and of explain, prove, verify and diff.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/test_util.h"

namespace {

namespace fs = std::filesystem;

using zxspec::cli::testing::Ran;
using zxspec::cli::testing::Zxspec;

using ZxspecRun = zxspec::cli::testing::TempDirTest;

TEST_F(ZxspecRun, PassingFileExitsZero) {
  auto f = Write("ok.zxs", "v = vmo_create(1, 0)\nvmo_get_size(v) -> ZX_OK 4096\n");
  Ran r = Zxspec("run " + f);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("PASS"), std::string::npos);
}

TEST_F(ZxspecRun, FailingExpectationExitsOneNamingFileAndLine) {
  auto f = Write("bad.zxs", "v = vmo_create(1, 0)\nvmo_get_size(v) -> ZX_OK 1\n");
  Ran r = Zxspec("run " + f);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find(f + ":2: FAIL"), std::string::npos) << r.out;
}

// Each malformed file gives exactly one error line with file:line:column and exit code 2.
struct Malformed {
  const char* name;
  std::string text;
  const char* where;  // ":line:col: error: "
  const char* what;
};

class ZxspecMalformed : public ZxspecRun, public ::testing::WithParamInterface<Malformed> {};

TEST_P(ZxspecMalformed, OneLineErrorExitTwo) {
  const Malformed& m = GetParam();
  auto f = Write(std::string(m.name) + ".zxs", m.text);
  Ran r = Zxspec("run " + f);
  EXPECT_EQ(r.code, 2) << r.out;
  std::string first_line = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(first_line.rfind(f + m.where, 0), 0u) << r.out;
  EXPECT_NE(first_line.find(m.what), std::string::npos) << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ZxspecMalformed,
    ::testing::Values(
        Malformed{"unterminated", "v = vmo_create(1, 0)\nvmo_write(v, 0, \"abc)\n", ":2:17: error: ",
                  "unterminated string"},
        Malformed{"unknown_call", "vmo_frobnicate(1)\n", ":1:1: error: ", "unknown call"},
        Malformed{"unknown_constant", "vmo_create(1, RESIZEABLE)\n", ":1:15: error: ",
                  "unknown name 'RESIZEABLE'"},
        Malformed{"arg_count", "\n\n  vmo_create(1, 0, 2)\n", ":3:3: error: ",
                  "takes 2 arguments"},
        Malformed{"overflow", "vmo_create(0x1FFFFFFFFFFFFFFFF, 0)\n", ":1:12: error: ",
                  "does not fit in 64 bits"},
        Malformed{"binary", std::string("\x01\x02\xff", 3), ":1:1: error: ",
                  "unexpected character"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST_F(ZxspecRun, MissingFileIsAnError) {
  Ran r = Zxspec("run " + (dir / "nope.zxs").string());
  EXPECT_EQ(r.code, 2);
}

TEST_F(ZxspecRun, JsonOutputIsMachineReadable) {
  auto f = Write("ok.zxs", "vmo_create(1, 0)\n");
  auto g = Write("bad.zxs", "vmo_create(1, 0) -> ZX_ERR_BAD_HANDLE\n");
  Ran r = Zxspec("run --json " + f + " " + g);
  EXPECT_EQ(r.code, 1);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["summary"]["passed"], 1);
  EXPECT_EQ(j["summary"]["failed"], 1);
  EXPECT_EQ(j["files"][1]["line"], 1);
}

TEST_F(ZxspecRun, DirectoriesAreSearched) {
  fs::create_directories(dir / "sub");
  Write("sub/a.zxs", "vmo_create(1, 0)\n");
  Write("sub/b.zxs", "vmo_create(2, 0)\n");
  Ran r = Zxspec("run " + dir.string());
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("2 passed"), std::string::npos) << r.out;
}

TEST(ZxspecCli, UnknownSubcommandOrOptionExitsTwo) {
  EXPECT_EQ(Zxspec("frobnicate").code, 2);
  EXPECT_EQ(Zxspec("run --target nowhere x.zxs").code, 2);
}

// Issue 11: a run that tests nothing is not a pass (exit 4): an empty directory, a file of
// comments only.
TEST_F(ZxspecRun, NothingTestedExitsFour) {
  fs::create_directories(dir / "empty");
  Ran r = Zxspec("run " + (dir / "empty").string());
  EXPECT_EQ(r.code, 4) << r.out;
  EXPECT_NE(r.out.find("nothing was tested"), std::string::npos) << r.out;
  EXPECT_EQ(Zxspec("run " + Write("comments.zxs", "# nothing here\n\n")).code, 4);
  EXPECT_EQ(Zxspec("run --json " + (dir / "empty").string(), false).code, 4);
}

// Issue 12 (command lines): a path that is not a regular file is an error, not an empty file.
TEST_F(ZxspecRun, DevNullAndDirectoriesNamedAsFilesAreErrors) {
  Ran r = Zxspec("run /dev/null");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("/dev/null:0:0: error: not a regular file"), std::string::npos) << r.out;
  fs::create_directories(dir / "d.zxs");  // a directory is searched, so it holds no file
  EXPECT_EQ(Zxspec("run " + (dir / "d.zxs").string()).code, 4);
}

// Issue 11: --trace prints the outcome of every call, `-> any` lines included.
TEST_F(ZxspecRun, TracePrintsEachCallsOutcome) {
  auto f = Write("t.zxs", "v = vmo_create(1, 0)\nvmo_get_size(v) -> any\nvmo_set_size(v, 0) -> any\n");
  Ran r = Zxspec("run --trace " + f);
  EXPECT_EQ(r.code, 0) << r.out;
  for (const char* s : {"line 1: v = vmo_create(1, 0)\n    => ZX_OK 23",
                        "line 2: vmo_get_size(v) -> any\n    => ZX_OK 4096",
                        "line 3: vmo_set_size(v, 0) -> any\n    => ZX_ERR_UNAVAILABLE"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
  // With --json the trace goes to stderr and stdout stays one JSON document.
  Ran j = Zxspec("run --trace --json " + f, false);
  EXPECT_FALSE(nlohmann::json::parse(j.out, nullptr, false).is_discarded()) << j.out;
}

TEST(ZxspecCli, ExplainKnownAndUnknownInvariant) {
  Ran ok = Zxspec("explain stream-size-le-size");
  EXPECT_EQ(ok.code, 0);
  EXPECT_NE(ok.out.find("RFC-0238"), std::string::npos);
  Ran unknown = Zxspec("explain no-such-invariant");
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.out.find("neither a rule id"), std::string::npos) << unknown.out;
}

// zxspec prove: the Z3 proofs of spec/ (a selection, to keep the test short).
TEST(ZxspecCli, ProveSelectedInvariantAndOperations) {
  Ran r = Zxspec(
      "prove --invariant stream-size-le-size --operation vmo_set_size "
      "--operation vmo_set_stream_size");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("2 proved, 0 counterexamples"), std::string::npos) << r.out;
  Ran j = Zxspec("prove --json --invariant size-page-aligned --operation vmo_create");
  EXPECT_EQ(j.code, 0) << j.out;
  auto json = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << j.out;
  EXPECT_TRUE(json["ok"].get<bool>());
  ASSERT_EQ(json["rows"].size(), 1u);
  EXPECT_EQ(json["rows"][0]["status"], "proved");
  // A step obligation by id, with the per-path table: every path witnessed and agreeing.
  Ran s = Zxspec("prove --json --invariant rights-monotone --operation handle_duplicate");
  EXPECT_EQ(s.code, 0) << s.out;
  auto steps = nlohmann::json::parse(s.out, nullptr, false);
  ASSERT_FALSE(steps.is_discarded()) << s.out;
  ASSERT_EQ(steps["steps"].size(), 1u);
  EXPECT_EQ(steps["steps"][0]["status"], "proved");
  EXPECT_GE(steps["paths"].size(), 4u);
  for (const auto& p : steps["paths"]) EXPECT_TRUE(p["agrees"].get<bool>()) << p.dump();
  // Lists are comma-separated too (issue 11).
  Ran c = Zxspec(
      "prove --json --invariant stream-size-le-size --operation vmo_set_size,vmo_set_stream_size",
      false);
  EXPECT_EQ(c.code, 0) << c.out;
  EXPECT_EQ(nlohmann::json::parse(c.out)["counts"]["proved"], 2) << c.out;
}

// --smt2 FILE: every goal as an SMT-LIB block; an unwritable FILE is a usage error.
TEST_F(ZxspecRun, ProveWritesGoalsAsSmtLib) {
  const std::string file = Path("goals.smt2");
  Ran r = Zxspec("prove --invariant rights-monotone --operation handle_duplicate --no-paths --smt2 " + file);
  EXPECT_EQ(r.code, 0) << r.out;
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("; handle_duplicate / HANDLE-023 ZX_OK / rights-monotone: holds when unsat"),
            std::string::npos);
  EXPECT_NE(text.find("(check-sat)"), std::string::npos);
  Ran bad = Zxspec("prove --invariant rights-monotone --operation handle_duplicate --no-paths --smt2 " +
                   Path("no/such/dir/goals.smt2"));
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("cannot write"), std::string::npos) << bad.out;
}

// --path NAME: the calls having the path, the obligations and the path table on it alone; a
// name no selected call has is a usage error, not an empty proof.
TEST(ZxspecCli, ProveSelectedPath) {
  Ran r = Zxspec("prove --json --invariant rights-monotone --path 'HANDLE-023 ZX_OK'");
  EXPECT_EQ(r.code, 0) << r.out;
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.out;
  ASSERT_EQ(json["steps"].size(), 1u) << r.out;
  EXPECT_EQ(json["steps"][0]["operation"], "handle_duplicate");
  EXPECT_EQ(json["steps"][0]["status"], "proved");
  ASSERT_EQ(json["paths"].size(), 1u) << r.out;
  EXPECT_EQ(json["paths"][0]["path"], "HANDLE-023 ZX_OK");
  Ran bad = Zxspec("prove --path 'HANDLE-023 ZX_NOT_OK'");
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("no path named 'HANDLE-023 ZX_NOT_OK' in any encoded call"), std::string::npos) << bad.out;
  // A name that is not UTF-8 is quoted with its bytes escaped.
  Ran bytes = Zxspec("prove --path '" + std::string("\xff") + "'");
  EXPECT_EQ(bytes.code, 2) << bytes.out;
  EXPECT_NE(bytes.out.find("no path named '\\xff'"), std::string::npos) << bytes.out;
  Ran other = Zxspec("prove --operation vmo_get_size --path 'HANDLE-023 ZX_OK'");
  EXPECT_EQ(other.code, 2) << other.out;
  EXPECT_NE(other.out.find("in the selected calls"), std::string::npos) << other.out;
}

TEST(ZxspecCli, ProveRejectsUnknownNames) {
  Ran r = Zxspec("prove --invariant no-such-invariant");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("stream-size-le-size"), std::string::npos) << r.out;  // lists the known
  EXPECT_EQ(Zxspec("prove --operation vmo_frobnicate").code, 2);
  EXPECT_EQ(Zxspec("prove --timeout 0").code, 2);
}

TEST(ZxspecCli, CatalogListsInvariantsAndStepProperties) {
  Ran r = Zxspec("invariants --json");
  EXPECT_EQ(r.code, 0) << r.out;
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.out;
  std::set<std::string> kinds;
  for (const auto& row : json["entries"]) kinds.insert(row["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"state", "step"}));
  Ran step = Zxspec("explain error-no-effect");
  EXPECT_EQ(step.code, 0) << step.out;
  EXPECT_NE(step.out.find("step property"), std::string::npos) << step.out;
  EXPECT_NE(step.out.find("zxspec check --property error-no-effect"), std::string::npos)
      << step.out;
  EXPECT_NE(step.out.find("zxspec prove --invariant error-no-effect"), std::string::npos) << step.out;
}

// The Z3 step obligations (spec/obligations.h) are in the catalog too, checked by `zxspec prove`.
TEST(ZxspecCli, ExplainKnowsEveryZ3StepObligation) {
  for (const char* id : {"immutable-stable", "rights-monotone", "mapping-perms-derived", "size-frame"}) {
    Ran r = Zxspec(std::string("explain ") + id);
    EXPECT_EQ(r.code, 0) << id << ": " << r.out;
    EXPECT_NE(r.out.find(std::string("zxspec prove --invariant ") + id), std::string::npos) << r.out;
  }
}

TEST(ZxspecCli, ExplainSaysWhereAnInvariantIsProven) {
  Ran ok = Zxspec("explain rights-bounded");
  EXPECT_EQ(ok.code, 0);
  EXPECT_NE(ok.out.find("spec: proven inductive with Z3"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("handle_duplicate"), std::string::npos) << ok.out;
}

// zxspec verify: one summary table over every stage; --only selects stages (proofs left out here
// for time: ProveSelectedInvariantAndOperations covers them).
TEST_F(ZxspecRun, VerifySummarizesEveryStageItRuns) {
  Write("ok.zxs", "v = vmo_create(4096, 0)\nvmo_get_size(v) -> ZX_OK 4096\n");
  Ran r = Zxspec("verify --json --scenarios " + dir.string() +
                 " --only scenarios-model,scenarios-both --only properties --only diff"
                 " --runs 5 --max-steps 20"
                 " --diff-runs 2 --diff-steps 100 --out " + (dir / "cx").string());
  EXPECT_EQ(r.code, 0) << r.out;
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.out;
  EXPECT_TRUE(json["ok"].get<bool>());
  ASSERT_EQ(json["stages"].size(), 4u);
  EXPECT_EQ(json["stages"][0]["stage"], "scenarios-model");
  EXPECT_EQ(json["stages"][0]["counts"], "1 passed, 0 failed, 0 errors");
  EXPECT_EQ(json["stages"][1]["stage"], "scenarios-both");
  EXPECT_NE(json["stages"][2]["counts"].get<std::string>().find("properties held"),
            std::string::npos);
  EXPECT_NE(json["stages"][3]["counts"].get<std::string>().find(" steps agreed in 2 runs"),
            std::string::npos);

  Write("bad.zxs", "v = vmo_create(4096, 0)\nvmo_get_size(v) -> ZX_OK 8192\n");
  Ran bad = Zxspec("verify --scenarios " + dir.string() + " --only scenarios-model");
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("bad.zxs:2"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("zxspec verify: FAILED"), std::string::npos) << bad.out;
  EXPECT_EQ(Zxspec("verify --only nothing").code, 2);
}

// Issue 11: the stage names of --only are those of the table and of the JSON.
TEST_F(ZxspecRun, VerifyStageNamesAreTheSameEverywhere) {
  Write("ok.zxs", "vmo_create(4096, 0)\n");
  Ran table = Zxspec("verify --scenarios " + dir.string() + " --only scenarios-both");
  EXPECT_EQ(table.code, 0) << table.out;
  EXPECT_EQ(table.out.find("scenarios-model"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("\nscenarios-both   ok"), std::string::npos) << table.out;
  EXPECT_EQ(Zxspec("verify --only scenarios").code, 2);  // not a stage name
  Ran help = Zxspec("verify --help");
  for (const char* name : {"scenarios-model", "scenarios-both", "properties", "proofs", "diff"}) {
    EXPECT_NE(help.out.find(name), std::string::npos) << name;
  }
}

// zxspec diff --json: per-run results and the total, exit 0 on agreement.
TEST(ZxspecCli, DiffJsonReportsRunsAndSteps) {
  Ran r = Zxspec("diff --json --seed 3 --steps 50 --runs 2");
  EXPECT_EQ(r.code, 0) << r.out;
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.out;
  EXPECT_TRUE(json["agreed"].get<bool>());
  ASSERT_EQ(json["runs"].size(), 2u);
  EXPECT_EQ(json["runs"][1]["seed"], 4);
  EXPECT_EQ(json["steps"].get<size_t>(),
            json["runs"][0]["steps"].get<size_t>() + json["runs"][1]["steps"].get<size_t>());
}

}  // namespace
