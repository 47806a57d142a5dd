// File: scenario/lexer.h
//
// Tokens of the `.zxs` scenario format (scenario-format.md "Lexical rules"): identifiers,
// unsigned 64-bit integers (decimal or 0x hex, optional K/M/G binary suffix), strings with
// \n \t \\ \" \xNN escapes, punctuation, and one NEWLINE token per line end. `#` starts a comment
// outside strings. Every token carries its 1-based line and column; every error names the
// position where it starts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "api/calls.h"

namespace zxspec::scenario {

struct Pos {
  int line = 0;
  int col = 0;
};

enum class Tok {
  kIdent,
  kInt,
  kString,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kComma,
  kEquals,
  kArrow,  // ->
  kPipe,
  kPlus,
  kMinus,
  kColon,
  kAt,
  kNewline,
  kEnd,
};

struct Token {
  Tok kind = Tok::kEnd;
  Pos pos;
  std::string text;     // identifier text, or the literal's source text
  uint64_t value = 0;   // kInt
  Bytes bytes;          // kString
};

struct Diagnostic {
  Pos pos;
  std::string message;
};

// Either all tokens (ending with kNewline, kEnd) or the first lexical error. |source| starts at
// line |first_line| (the parser lexes one line at a time). More than kMaxLineTokens tokens on
// one line is an error (scenario/limits.h).
std::variant<std::vector<Token>, Diagnostic> Lex(std::string_view source, int first_line = 1);

std::string_view TokName(Tok t);

}  // namespace zxspec::scenario
