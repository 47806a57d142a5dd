#include "scenario/lexer.h"

#include <gtest/gtest.h>

namespace zxspec::scenario {
namespace {

std::vector<Token> Ok(std::string_view src) {
  auto r = Lex(src);
  EXPECT_TRUE(std::holds_alternative<std::vector<Token>>(r))
      << std::get<Diagnostic>(r).message;
  return std::get<std::vector<Token>>(r);
}

Diagnostic Err(std::string_view src) {
  auto r = Lex(src);
  EXPECT_TRUE(std::holds_alternative<Diagnostic>(r));
  return std::holds_alternative<Diagnostic>(r) ? std::get<Diagnostic>(r) : Diagnostic{};
}

TEST(Lex, IntegersWithSuffixesAndHex) {
  auto t = Ok("8192 0x2000 64K 1M 1G 0 18446744073709551615");
  EXPECT_EQ(t[0].value, 8192u);
  EXPECT_EQ(t[1].value, 0x2000u);
  EXPECT_EQ(t[2].value, 64u * 1024);
  EXPECT_EQ(t[3].value, 1024u * 1024);
  EXPECT_EQ(t[4].value, 1024ull * 1024 * 1024);
  EXPECT_EQ(t[6].value, UINT64_MAX);
}

TEST(Lex, OverflowingIntegerIsAnErrorAtItsColumn) {
  Diagnostic d = Err("vmo_create(18446744073709551616, 0)");
  EXPECT_EQ(d.pos.line, 1);
  EXPECT_EQ(d.pos.col, 12);
  EXPECT_NE(d.message.find("does not fit in 64 bits"), std::string::npos);
  EXPECT_EQ(Err("x(0x10000000000000000)").pos.col, 3);
  EXPECT_NE(Err("x(17179869184G)").message.find("64 bits"), std::string::npos);
  EXPECT_NE(Err("x(12Q)").message.find("integer literal"), std::string::npos);
}

TEST(Lex, StringsAndEscapes) {
  auto t = Ok(R"(w("a\n\t\\\"\x41"))");
  EXPECT_EQ(t[2].kind, Tok::kString);
  EXPECT_EQ(t[2].bytes, (Bytes{'a', '\n', '\t', '\\', '"', 'A'}));
}

TEST(Lex, UnterminatedStringPointsAtItsStart) {
  Diagnostic d = Err("\n  vmo_write(h, 0, \"abc)\nnext()");
  EXPECT_EQ(d.pos.line, 2);
  EXPECT_EQ(d.pos.col, 19);
  EXPECT_NE(d.message.find("unterminated string"), std::string::npos);
  EXPECT_NE(Err(R"(x("\q"))").message.find("unknown escape"), std::string::npos);
  EXPECT_NE(Err(R"(x("\x4"))").message.find("two hex digits"), std::string::npos);
}

TEST(Lex, CommentsArrowAndPositions) {
  auto t = Ok("a = b() # comment \"not a string\n-> c");
  EXPECT_EQ(t[0].text, "a");
  EXPECT_EQ(t[1].kind, Tok::kEquals);
  EXPECT_EQ(t[5].kind, Tok::kNewline);
  EXPECT_EQ(t[6].kind, Tok::kArrow);
  EXPECT_EQ(t[6].pos.line, 2);
  EXPECT_EQ(t[7].pos.col, 4);
  EXPECT_NE(Err("a $ b").message.find("unexpected character '$'"), std::string::npos);
}

}  // namespace
}  // namespace zxspec::scenario
