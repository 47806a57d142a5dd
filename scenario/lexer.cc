#include "scenario/lexer.h"

#include <cctype>
#include <cstdio>
#include <optional>

#include "api/format.h"  // PrintableByte
#include "scenario/limits.h"

namespace zxspec::scenario {
namespace {

class Lexer {
 public:
  Lexer(std::string_view src, int first_line) : src_(src), line_(first_line) {}

  std::variant<std::vector<Token>, Diagnostic> Run() {
    while (i_ < src_.size()) {
      char c = src_[i_];
      Pos p = Here();
      if (c == '\n') {
        Push(Tok::kNewline, p, "\\n");
        Advance();
      } else if (c == ' ' || c == '\t' || c == '\r') {
        Advance();
      } else if (c == '#') {
        while (i_ < src_.size() && src_[i_] != '\n') Advance();
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        if (auto d = LexIdent(p)) return *d;
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        if (auto d = LexInt(p)) return *d;
      } else if (c == '"') {
        if (auto d = LexString(p)) return *d;
      } else if (c == '-' && Peek(1) == '>') {
        Push(Tok::kArrow, p, "->");
        Advance();
        Advance();
      } else if (auto t = Punct(c)) {
        Push(*t, p, std::string(1, c));
        Advance();
      } else {
        return Diagnostic{p, "unexpected character '" + PrintableByte(c) + "'"};
      }
      if (tokens_on_line_ > kMaxLineTokens) {
        return Diagnostic{tokens_.back().pos, "more than " + std::to_string(kMaxLineTokens) +
                                                  " tokens on one line (the limit)"};
      }
    }
    Push(Tok::kNewline, Here(), "\\n");
    Push(Tok::kEnd, Here(), "");
    return std::move(tokens_);
  }

 private:
  static std::optional<Tok> Punct(char c) {
    switch (c) {
      case '(': return Tok::kLParen;
      case ')': return Tok::kRParen;
      case '[': return Tok::kLBracket;
      case ']': return Tok::kRBracket;
      case '{': return Tok::kLBrace;
      case '}': return Tok::kRBrace;
      case ',': return Tok::kComma;
      case '=': return Tok::kEquals;
      case '|': return Tok::kPipe;
      case '+': return Tok::kPlus;
      case '-': return Tok::kMinus;
      case ':': return Tok::kColon;
      case '@': return Tok::kAt;
      default: return std::nullopt;
    }
  }

  Pos Here() const { return Pos{line_, col_}; }
  char Peek(size_t ahead) const { return i_ + ahead < src_.size() ? src_[i_ + ahead] : '\0'; }
  void Advance() {
    if (src_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++i_;
  }
  void Push(Tok kind, Pos p, std::string text) {
    Token t;
    t.kind = kind;
    t.pos = p;
    t.text = std::move(text);
    tokens_.push_back(std::move(t));
    tokens_on_line_ = kind == Tok::kNewline ? 0 : tokens_on_line_ + 1;
  }

  std::optional<Diagnostic> LexIdent(Pos p) {
    size_t start = i_;
    while (i_ < src_.size() &&
           (std::isalnum(static_cast<unsigned char>(src_[i_])) || src_[i_] == '_')) {
      Advance();
    }
    if (i_ - start > kMaxNameBytes) {
      return Diagnostic{p, "a name longer than " + std::to_string(kMaxNameBytes) +
                               " characters (the limit)"};
    }
    Push(Tok::kIdent, p, std::string(src_.substr(start, i_ - start)));
    return std::nullopt;
  }

  std::optional<Diagnostic> LexInt(Pos p) {
    size_t start = i_;
    uint64_t base = 10;
    if (src_[i_] == '0' && (Peek(1) == 'x' || Peek(1) == 'X')) {
      base = 16;
      Advance();
      Advance();
      if (!std::isxdigit(static_cast<unsigned char>(Peek(0)))) {
        return Diagnostic{p, "hex literal needs at least one digit after 0x"};
      }
    }
    uint64_t v = 0;
    bool overflow = false;
    while (i_ < src_.size()) {
      char c = src_[i_];
      int digit;
      if (std::isdigit(static_cast<unsigned char>(c))) {
        digit = c - '0';
      } else if (base == 16 && std::isxdigit(static_cast<unsigned char>(c))) {
        digit = std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
      } else {
        break;
      }
      if (static_cast<uint64_t>(digit) >= base) break;
      if (v > (UINT64_MAX - static_cast<uint64_t>(digit)) / base) overflow = true;
      v = v * base + static_cast<uint64_t>(digit);
      Advance();
    }
    uint64_t mult = 1;
    if (i_ < src_.size() && (src_[i_] == 'K' || src_[i_] == 'M' || src_[i_] == 'G')) {
      mult = src_[i_] == 'K' ? 1024ull : src_[i_] == 'M' ? 1024ull * 1024 : 1024ull * 1024 * 1024;
      Advance();
    }
    if (i_ < src_.size() &&
        (std::isalnum(static_cast<unsigned char>(src_[i_])) || src_[i_] == '_')) {
      return Diagnostic{Here(), "invalid character '" + PrintableByte(src_[i_]) +
                                    "' in integer literal (suffixes are K, M, G)"};
    }
    std::string text(src_.substr(start, i_ - start));
    if (overflow || (mult > 1 && v > UINT64_MAX / mult)) {
      return Diagnostic{p, "integer literal " + text + " does not fit in 64 bits"};
    }
    Push(Tok::kInt, p, text);
    tokens_.back().value = v * mult;
    return std::nullopt;
  }

  std::optional<Diagnostic> LexString(Pos p) {
    Advance();  // opening quote
    Bytes out;
    while (true) {
      if (i_ >= src_.size() || src_[i_] == '\n') {
        return Diagnostic{p, "unterminated string (no closing '\"' on this line)"};
      }
      char c = src_[i_];
      if (c == '"') {
        Advance();
        break;
      }
      if (c != '\\') {
        out.push_back(static_cast<uint8_t>(c));
        Advance();
        continue;
      }
      Pos esc = Here();
      Advance();
      char e = i_ < src_.size() ? src_[i_] : '\0';
      switch (e) {
        case 'n': out.push_back('\n'); Advance(); break;
        case 't': out.push_back('\t'); Advance(); break;
        case '\\': out.push_back('\\'); Advance(); break;
        case '"': out.push_back('"'); Advance(); break;
        case 'x': {
          Advance();
          int hi = HexDigit(Peek(0)), lo = HexDigit(Peek(1));
          if (hi < 0 || lo < 0) return Diagnostic{esc, "\\x escape needs two hex digits"};
          Advance();
          Advance();
          out.push_back(static_cast<uint8_t>(hi * 16 + lo));
          break;
        }
        default:
          return Diagnostic{esc, "unknown escape '\\" + PrintableByte(e) +
                                     "' (known: \\n \\t \\\\ \\\" \\xNN)"};
      }
    }
    Push(Tok::kString, p, "string");
    tokens_.back().bytes = std::move(out);
    return std::nullopt;
  }

  static int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  std::string_view src_;
  size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
  std::vector<Token> tokens_;
  size_t tokens_on_line_ = 0;
};

}  // namespace

std::variant<std::vector<Token>, Diagnostic> Lex(std::string_view source, int first_line) {
  return Lexer(source, first_line).Run();
}

std::string_view TokName(Tok t) {
  switch (t) {
    case Tok::kIdent: return "a name";
    case Tok::kInt: return "an integer";
    case Tok::kString: return "a string";
    case Tok::kLParen: return "'('";
    case Tok::kRParen: return "')'";
    case Tok::kLBracket: return "'['";
    case Tok::kRBracket: return "']'";
    case Tok::kLBrace: return "'{'";
    case Tok::kRBrace: return "'}'";
    case Tok::kComma: return "','";
    case Tok::kEquals: return "'='";
    case Tok::kArrow: return "'->'";
    case Tok::kPipe: return "'|'";
    case Tok::kPlus: return "'+'";
    case Tok::kMinus: return "'-'";
    case Tok::kColon: return "':'";
    case Tok::kAt: return "'@'";
    case Tok::kNewline: return "end of line";
    case Tok::kEnd: return "end of file";
  }
  return "?";
}

}  // namespace zxspec::scenario
