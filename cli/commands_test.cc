// End-to-end tests of the top level (--version, unknown subcommands, help with defaults and exit
// codes), `zxspec diff` (families, nothing tested, --save) and `zxspec explain RULE-ID`.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "cli/test_util.h"

namespace {

namespace fs = std::filesystem;

using zxspec::cli::testing::Ran;
using zxspec::cli::testing::Zxspec;

bool Has(const Ran& r, const std::string& s) { return r.out.find(s) != std::string::npos; }

// `zxspec |args|` exits |code| and says |says|.
void ExpectExit(const std::string& args, int code, const std::string& says) {
  Ran r = Zxspec(args);
  EXPECT_EQ(r.code, code) << args << "\n" << r.out;
  EXPECT_TRUE(Has(r, says)) << args << "\n" << r.out;
}

TEST(TopLevel, VersionAndUnknownSubcommand) {
  Ran v = Zxspec("--version");
  EXPECT_EQ(v.code, 0);
  EXPECT_EQ(v.out, "zxspec 0.1.0 (JSON schema 2)\n");
  ExpectExit("frobnicate", 2, "unknown subcommand 'frobnicate'; subcommands: run, ");
  ExpectExit("", 2, "A subcommand (see --help) is required");
}

// Every help screen ends with the exit codes; diff, prove, run, check and verify show their
// defaults.
TEST(TopLevel, HelpShowsDefaultsAndExitCodes) {
  const std::pair<const char*, std::vector<std::string>> cases[] = {
      {"diff", {"--seed", "=1\n", "--steps", "=1000", "--check-every"}},
      {"prove", {"--timeout", "=10000", "--no-paths"}},
      {"run", {"--target", "=model"}},
      {"check", {"--runs", "=100", "--max-steps", "=50", "--shard", "=0/1"}},
      {"verify", {"--diff-steps", "=1000", "--timeout", "=10000"}},
  };
  for (const auto& [cmd, needles] : cases) {
    Ran r = Zxspec(std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    for (const auto& n : needles) EXPECT_TRUE(Has(r, n)) << cmd << ": " << n << "\n" << r.out;
    EXPECT_TRUE(Has(r, "Exit codes: 0 everything that ran passed; 1 a test failed"))
        << cmd << r.out;
  }
  EXPECT_TRUE(Has(Zxspec("--help"), "4 nothing was tested"));
}

// Issue 11: bad families are usage errors (they aborted with exit 134), lists work both ways.
TEST(Diff, FamiliesAreCheckedAndListsAccepted) {
  for (const char* flags : {"--family vmo,stream", "--family vmo --family stream"}) {
    Ran r = Zxspec(std::string("diff --steps 40 ") + flags);
    EXPECT_EQ(r.code, 0) << flags << r.out;
    EXPECT_TRUE(Has(r, "model and impl agree: 40 steps")) << r.out;
  }
  for (const char* bad : {"fidl", "VMO", "vmo,nothing"}) {
    Ran r = Zxspec(std::string("diff --steps 10 --family ") + bad);
    EXPECT_EQ(r.code, 2) << bad << r.out;
    EXPECT_TRUE(Has(r, "has no call the generator draws; families: channel handle mem object"))
        << r.out;
  }
}

// Issue 11: no step is not an agreement (exit 4); numbers are range-checked (issue 12).
TEST(Diff, NothingTestedAndBadNumbers) {
  for (const char* flags : {"--steps 0", "--runs 0"}) {
    Ran r = Zxspec(std::string("diff ") + flags);
    EXPECT_EQ(r.code, 4) << flags << r.out;
    EXPECT_TRUE(Has(r, "nothing was tested")) << r.out;
  }
  for (const char* bad : {"--steps -1", "--runs -5", "--seed -1", "--check-every 0"}) {
    EXPECT_EQ(Zxspec(std::string("diff ") + bad).code, 2) << bad;
  }
  EXPECT_EQ(Zxspec("prove --timeout -1").code, 2);
  EXPECT_EQ(Zxspec("verify --runs -1").code, 2);
}

// --save writes nothing when the two agree (the disagreement path is tested against the impl
// mutants in refinement/mutant_test.cc, whose saved files replay to the same divergence).
// Issue 11: prove exits 3 (inconclusive) when Z3 answers unknown, not 1 as for a
// counterexample (which cli_unit_test maps on synthetic reports): a 1 ms budget per check is
// far too short for any check of vmo_set_size's proof run.
TEST(Prove, UnknownIsInconclusiveNotAFailure) {
  Ran r = Zxspec(
      "prove --json --timeout 1 --operation vmo_set_size --invariant stream-size-le-size", false);
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_TRUE(Has(r, "\"unknown\": 1")) << r.out;
  EXPECT_TRUE(Has(r, "\"exit_code\": 3")) << r.out;
}

using DiffSave = zxspec::cli::testing::TempDirTest;
TEST_F(DiffSave, WritesOnlyDisagreements) {
  Ran r = Zxspec("diff --steps 30 --save " + Path("saved"));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_FALSE(fs::exists(Path("saved")) && !fs::is_empty(Path("saved")));
}

// Issue 11: explain RULE-ID prints the rule from docs/rules and the places that cite it.
TEST(Explain, RuleTextAndCitations) {
  Ran r = Zxspec("explain VMO-042");
  EXPECT_EQ(r.code, 0) << r.out;
  for (const char* s : {"VMO-042: docs/rules/vmo.md:", "(section 4. zx_vmo_set_size)",
                        "**VMO-042 (RFC OVERRIDE: stream size).** After a successful set_size",
                        "Cited in ", "  model:\n    model/", "    model/vmo.cc:", "  impl:\n    impl/vmo.cc:",
                        "  scenarios:\n    scenarios/", "  tests:\n"}) {
    EXPECT_TRUE(Has(r, s)) << s << "\n" << r.out;
  }
  // A group id names its lettered rules.
  Ran group = Zxspec("explain STREAM-034");
  EXPECT_EQ(group.code, 0) << group.out;
  EXPECT_TRUE(Has(group, "STREAM-034a: docs/rules/stream.md:")) << group.out;
  EXPECT_TRUE(Has(group, "STREAM-034h: docs/rules/stream.md:")) << group.out;
  ExpectExit("explain VMO-999", 2, "no rule VMO-999 in ");
  ExpectExit("explain VMO-042 --source-root /nonexistent", 2,
             "give the source tree with --source-root");
}

// Issue 16: who-changes answers from the spec, per path, and rejects what it does not know.
TEST(WhoChanges, AnswersPerPathAndRejectsUnknownNames) {
  Ran r = Zxspec("who-changes stream_size --operation vmo_set_size,vmo_read");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(Has(r, "vmo_set_size  VMO-041 (shrink) ZX_OK  changes (model::Step agrees)")) << r.out;
  EXPECT_FALSE(Has(r, "vmo_read  VMO-024")) << r.out;  // never: listed with --all only
  EXPECT_TRUE(Has(r, "2 calls, ")) << r.out;
  EXPECT_TRUE(Has(r, "1 change it")) << r.out;
  Ran all = Zxspec("who-changes stream_size --operation vmo_read --all");
  EXPECT_TRUE(Has(all, "vmo_read  VMO-024 ZX_OK  never")) << all.out;
  ExpectExit("who-changes bogus", 2, "unknown quantity 'bogus'; known:\n  size: ");
  ExpectExit("who-changes size --operation vmo_frob", 2, "no spec encoding of operation 'vmo_frob'");
  ExpectExit("who-changes size --timeout 0", 2, "");
}

// Issue 16: predicates on the command line: errors name the place, bad combinations and
// unreadable files exit 2, an assertion false in the initial state fails before any proof.
TEST(Predicates, ErrorsAndBadCombinationsExit2) {
  ExpectExit("reach 'exists v: vmo: v.bogus > 0'", 2,
             "zxspec reach: <expr>:1:18: a vmo has no field 'bogus'; fields: koid size");
  ExpectExit("prove --assert 'forall v: vmo: old(v.size) > 0'", 2,
             "<expr>:1:16: old(...) reads the pre-state of a call: only in a step predicate");
  ExpectExit("prove --step", 2, "--step qualifies --assert EXPR");
  ExpectExit("prove --assert true --invariant immutability", 2, "--assert proves one predicate");
  ExpectExit("prove --assert @/nonexistent/q.zxp", 2, "cannot read /nonexistent/q.zxp (not a readable file)");
  ExpectExit("reach true --depth 0", 2, "");
  ExpectExit("reach true --depth 13", 2, "");
  ExpectExit("reach true --operation vmo_frob", 2, "no spec encoding of operation 'vmo_frob'");
  fs::path file = fs::temp_directory_path() / "zxspec_commands_test.zxp";
  {
    std::ofstream out(file);
    out << "# two lines\nexists v: vmo:\n  v.size >> 1\n";
  }
  ExpectExit("reach @" + file.string(), 2, file.string() + ":3:11: expected a value or a predicate, found '>'");
  fs::remove(file);
  Ran r = Zxspec("prove --assert 'exists v: vmo: true'");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(Has(r, "assert: false in the initial state (model::InitialState())")) << r.out;
}

// reach's exit codes: 0 reached (with the scenario), 1 unreachable within the stated bounds.
TEST(Predicates, ReachAnswersWithExitCodes) {
  Ran r = Zxspec("reach 'exists v: vmo: v.stream_size != 0' --operation vmo_create --depth 2");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(Has(r, "reached in 1 call: exists v: vmo: v.stream_size != 0\n  vmo_create(")) << r.out;
  EXPECT_TRUE(Has(r, "check_invariants()")) << r.out;
  Ran never = Zxspec("reach 'exists v: vmo: v.immutable' --operation vmo_create,handle_duplicate --depth 2");
  EXPECT_EQ(never.code, 1) << never.out;
  EXPECT_TRUE(Has(never, "unreachable in 2 steps (at most 2 calls, each one of the 2 encoded calls made "
                         "by the initial process, buffers of at most 16 elements): exists v: vmo: v.immutable")) << never.out;
}

}  // namespace
