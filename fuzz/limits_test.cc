// The limits end to end (issue 12, README "Limits"): the zxspec program on hostile inputs gives
// a clear file:line:column error with exit 2, or the correct result; it never aborts.
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/format.h"
#include "cli/test_util.h"

namespace zxspec {
namespace {

using cli::testing::Ran;
using cli::testing::Zxspec;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

class Limits : public ::testing::Test {
 protected:
  fs::path dir_ = fs::temp_directory_path() /
                  ("zxspec_limits_" + std::to_string(::getpid()) + "_" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override { fs::create_directories(dir_); }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return "'" + (dir_ / name).string() + "'";
  }
  // zxspec |args| with ZXSPEC_MEMORY_BUDGET=|budget|.
  static Ran WithBudget(const std::string& budget, const std::string& args) {
    ::setenv("ZXSPEC_MEMORY_BUDGET", budget.c_str(), 1);
    Ran r = Zxspec(args);
    ::unsetenv("ZXSPEC_MEMORY_BUDGET");
    return r;
  }
};

// Deep nesting used to overflow the recursive parser's stack (about 8,000 levels in this build,
// 1-2k under ASan).
TEST_F(Limits, DeepNestingIsAnErrorAtItsColumn) {
  std::string deep = "v = vmo_create(4096, 0)\nvmo_write(v, 0, " + std::string(20000, '[') + "\n";
  Ran r = Zxspec("run --target both " + Write("deep.zxs", deep));
  EXPECT_EQ(r.code, 2) << r.out;
  // Column 17 is the first '['; the 33rd is at column 49.
  EXPECT_THAT(r.out, HasSubstr("deep.zxs:2:49: error: nesting deeper than 32 levels"));
}

// About 18,000 terms used to overflow it too.
TEST_F(Limits, LongExpressionIsAnError) {
  std::string chain = "vmo_create(1";
  for (int i = 0; i < 20000; ++i) chain += "+1";
  Ran r = Zxspec("run " + Write("chain.zxs", chain + ", 0)\n"));
  EXPECT_EQ(r.code, 2) << r.out.substr(0, 500);
  // The operator before the 1025th term: column 12 + 2 * 1024 - 1.
  EXPECT_THAT(r.out, HasSubstr("chain.zxs:1:2059: error: more than 1024 terms"));
}

// A raw non-UTF-8 line in a report used to abort --json (nlohmann type_error 316); the file
// name may be any bytes too.
TEST_F(Limits, InvalidUtf8GoesIntoJsonEscaped) {
  std::string file = Write("bad-\xff-name.zxs",
                           "v = vmo_create(4096, 0)\nvmo_get_size(v) -> ZX_OK 1 # caf\xe9\n");
  for (const char* target : {"model", "both"}) {
    Ran r = Zxspec(std::string("run --json --target ") + target + " " + file, false);
    EXPECT_EQ(r.code, 1) << r.out;
    auto j = nlohmann::json::parse(r.out);  // valid JSON, hence valid UTF-8
    const auto& f = j.at("files").at(0);
    EXPECT_THAT(f.at("file").get<std::string>(), HasSubstr("bad-\\xff-name.zxs"));
    EXPECT_THAT(f.at("message").get<std::string>(), HasSubstr("# caf\\xe9"));
    EXPECT_EQ(f.at("line"), 2);
  }
}

TEST_F(Limits, NulBytesAreAnErrorAtTheFirstOne) {
  Ran r = Zxspec("run " + Write("nul.zxs", std::string(4096, '\0')));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("nul.zxs:1:1: error: unexpected character '\\x00'"));
}

// Twenty 256 MiB writes on both targets need about 10 GB (the implementation stores the zero
// pages written explicitly): the budget stops the run at the line that needs the memory.
TEST_F(Limits, RunawayMemoryIsABudgetErrorAtItsLine) {
  std::string src;
  for (int i = 0; i < 20; ++i) {
    src += "v" + std::to_string(i) + " = vmo_create(256M, 0)\nvmo_write(v" + std::to_string(i) +
           ", 0, zeros(256M))\n";
  }
  Ran r = WithBudget("600M", "run --target both " + Write("huge.zxs", src));
  EXPECT_EQ(r.code, 2) << r.out;
  // The first write holds 2 x 256 MiB of pages; the second needs another 256 MiB buffer.
  EXPECT_THAT(r.out, HasSubstr("huge.zxs:4:1: error: this line needs more memory than the "
                               "budget leaves"));
  EXPECT_THAT(r.out, HasSubstr("of 600 MiB (raise it with ZXSPEC_MEMORY_BUDGET=SIZE"));
}

// Outside a scenario line (here: reading the file) the top-level handler reports it.
TEST_F(Limits, BudgetOutsideAScenarioIsAMessage) {
  Ran r = WithBudget("1M", "run " + Write("small.zxs", std::string(4 << 20, '#')));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("zxspec: out of memory: the run needs more than its memory "
                               "budget of 1 MiB"));
}

TEST_F(Limits, InvalidBudgetIsAnError) {
  Ran r = WithBudget("lots", "list");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("ZXSPEC_MEMORY_BUDGET must be a number of bytes"));
}

// A 10 MB scenario of simple lines parses and runs (in time proportional to its size:
// bench/parse_bench.cc measures that, 1 to 8 MB).
TEST_F(Limits, TenMegabyteScenarioRuns) {
  std::string src = "v = vmo_create(4096, 0)\n";
  size_t lines = 1;
  while (src.size() < 10'000'000) {
    src += "vmo_write(v, 8, \"hello\")\nvmo_read(v, 8, 5) -> ZX_OK \"hello\"\n";
    lines += 2;
  }
  Ran r = Zxspec("run --target both " + Write("big.zxs", src));
  EXPECT_EQ(r.code, 0) << r.out.substr(0, 500);
  EXPECT_THAT(r.out, HasSubstr("(" + std::to_string(lines) + " calls)"));
}

}  // namespace
}  // namespace zxspec
