// The bounds of the .zxs reader (scenario/limits.h, issue 12): each one is a diagnostic at the
// line and column where the input passes it, never a crash; inputs just inside each bound
// parse (and run) correctly.
#include "scenario/limits.h"

#include <gtest/gtest.h>

#include <sstream>

#include "model/model.h"
#include "scenario/parser.h"
#include "scenario/runner.h"

namespace zxspec::scenario {
namespace {

Diagnostic Err(std::string_view src) {
  auto r = Parse(src, "t.zxs");
  EXPECT_TRUE(std::holds_alternative<Diagnostic>(r)) << "expected a parse error";
  return std::holds_alternative<Diagnostic>(r) ? std::get<Diagnostic>(r) : Diagnostic{};
}

void ExpectAt(const Diagnostic& d, int line, int col, std::string_view fragment) {
  EXPECT_EQ(d.pos.line, line) << d.message;
  EXPECT_EQ(d.pos.col, col) << d.message;
  EXPECT_NE(d.message.find(fragment), std::string::npos) << d.message;
}

RunReport RunOnModel(std::string_view src) {
  model::ModelKernel k;
  return RunSource(src, "t.zxs", k, nullptr, RunOptions{});
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Nesting used to recurse without bound: 8,000 levels killed the process.
TEST(Limits, NestingDeeperThanTheLimitIsAnError) {
  const std::string prefix = "vmo_write(1, 0, ";  // the argument starts at column 17
  for (std::string_view open : {"[", "{a: ", "zeros(", "{a: ["}) {
    std::string src = prefix + Repeat(open, 1000);
    Diagnostic d = Err(src);
    EXPECT_EQ(d.pos.line, 1);
    EXPECT_NE(d.message.find("nesting deeper than 32 levels"), std::string::npos)
        << open << ": " << d.message;
  }
  // The 33rd level is where it stops.
  ExpectAt(Err(prefix + Repeat("[", 40)), 1, 17 + 32, "nesting deeper than 32 levels");
  // 32 levels parse (and fail only because a list is not bytes).
  ExpectAt(Err(prefix + Repeat("[", 32) + Repeat("]", 32) + ")"), 1, 17,
           "must be a string, zeros(N), or a bound byte string");
}

// Long chains used to build a left-deep tree (18,000 terms overflowed the stack).
TEST(Limits, ExpressionTermsAreBounded) {
  ExpectAt(Err("vmo_create(" + Repeat("1+", 5000) + "1, 0)"), 1, 12 + 2 * 1024 - 1,
           "more than 1024 terms in one expression");
  // 1024 terms compute left to right.
  RunReport r = RunOnModel("v = vmo_create(" + Repeat("4+", 1023) + "4, 0)\n" +
                           "vmo_get_size(v) -> ZX_OK 4096\n");
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.Describe();
}

// A 1 MB name used to take 14 s (the closest-name suggestion) and went whole into the message.
TEST(Limits, NamesAreBounded) {
  const std::string longest(kMaxNameBytes, 'A');
  ExpectAt(Err("vmo_create(1, " + longest + ")"), 1, 15, "unknown name '" + longest + "'");
  ExpectAt(Err("vmo_create(1, " + longest + "B)"), 1, 15, "a name longer than 256 characters");
  ExpectAt(Err("x" + longest + " = vmo_create(1, 0)"), 1, 1, "a name longer than 256 characters");
}

TEST(Limits, LinesAreBounded) {
  std::string comment = "#" + std::string(kMaxLineBytes - 1, 'x');
  EXPECT_TRUE(std::holds_alternative<Program>(Parse(comment + "\n" + comment, "t.zxs")));
  ExpectAt(Err("vmo_create(1, 0)\n" + comment + "x\n"), 2, static_cast<int>(kMaxLineBytes) + 1,
           "longer than 1048576 bytes");
}

TEST(Limits, TokensPerLineAreBounded) {
  // channel_write ( 1 , "" , [ are 7 tokens, then one token per column from column 23: the
  // 65537th is the first past the limit.
  std::string list = "channel_write(1, \"\", [" + Repeat("0,", 40000) + "0])";
  ExpectAt(Err(list), 1, 23 + (65537 - 8), "more than 65536 tokens on one line");
}

TEST(Limits, FilesAreBounded) {
  std::string line = "#" + std::string(kMaxLineBytes - 2, 'x') + "\n";
  std::string big = Repeat(line, kMaxFileBytes / kMaxLineBytes);  // exactly the limit
  EXPECT_TRUE(std::holds_alternative<Program>(Parse(big, "t.zxs")));
  ExpectAt(Err(big + "\n"), 1, 1, "the file is larger than 67108864 bytes (the limit)");
  // Reading stops one byte past the limit, so a huge file is never held in memory whole.
  std::istringstream in(big + "tail");
  std::string read = ReadSource(in);
  EXPECT_EQ(read.size(), kMaxFileBytes + 1);
  ExpectAt(Err(read), 1, 1, "the file is larger than 67108864 bytes");
  std::istringstream small("vmo_create(1, 0)\n");
  EXPECT_EQ(ReadSource(small), "vmo_create(1, 0)\n");
}

TEST(Limits, NulBytesAreAnError) {
  ExpectAt(Err(std::string(1000, '\0')), 1, 1, "unexpected character '\\x00'");
  using namespace std::string_literals;
  ExpectAt(Err("vmo_create(1, 0)\n# ok\nvmo_create(1,\0 0)"s), 3, 14,
           "unexpected character '\\x00'");
}

// Each statement keeps only its own line: reports quote the right one, wherever it is.
TEST(Limits, ReportsQuoteTheirOwnLine) {
  std::string src = "v = vmo_create(4096, 0)\n" + Repeat("vmo_get_size(v) -> ZX_OK 4096\n", 5000) +
                    "vmo_get_size(v) -> ZX_OK 1\n";
  RunReport r = RunOnModel(src);
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.line, 5002);
  EXPECT_NE(r.message.find("vmo_get_size(v) -> ZX_OK 1\n"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace zxspec::scenario
