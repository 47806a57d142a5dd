// ParseHandleType: the FTP-028 handle declaration syntax (FIDLRIGHTS-001..004, FIDL-002/003).
// A small recursive-descent parser over the declaration text; the grammar is in fidl/fidl.h.
#include <bit>
#include <cctype>

#include "api/constants.h"
#include "api/format.h"  // PrintableByte
#include "fidl/fidl.h"

namespace zxspec::fidl {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<HandleConstraint> Declaration() {
    size_t start = Skip();
    std::string_view word = Identifier();
    if (word == "handle") return Handle();
    if (word == "client_end" || word == "server_end") {
      if (!Expect(':')) return Fail();
      return Endpoint();
    }
    if (word == "request") {  // FTP-028's request<P>
      if (!Expect('<')) return Fail();
      return Endpoint(/*closing=*/'>');
    }
    return Fail(start, "expected `handle`, `client_end:`, `server_end:` or `request<`");
  }

  const std::string& error() const { return error_; }

 private:
  // handle [ '<' subtype [ ',' RIGHTS [ ',' [optional ':'] RIGHTS ] ] '>' ]
  Result<HandleConstraint> Handle() {
    HandleConstraint c{ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS, ZX_RIGHT_NONE};
    if (AtEnd()) return c;  // bare handle: no subtype, no rights (FIDLRIGHTS-001)
    if (!Expect('<')) return Fail();
    auto type = Subtype();
    if (!type) return Fail();
    c.type = *type;
    if (Accept(',')) {
      auto required = Rights();  // FIDLRIGHTS-001: at least one right
      if (!required) return Fail();
      c.rights = *required;
      if (Accept(',')) {
        size_t at = Skip();
        if (Peek() == 'o') {  // `optional:` label
          std::string_view label = Identifier();
          if (label != "optional") return Fail(at, "expected a right or `optional:`");
          if (!Expect(':')) return Fail();
        }
        auto optional = Rights();
        if (!optional) return Fail();
        c.optional = *optional;
      }
    }
    if (!Expect('>')) return Fail();
    if (!AtEnd()) return Fail(Skip(), Trailing());
    return c;
  }

  // A protocol name, then the end (or |closing| then the end). FIDL-003.
  Result<HandleConstraint> Endpoint(char closing = '\0') {
    size_t at = Skip();
    if (!IsIdentStart(Peek())) return Fail(at, "expected a protocol name");
    while (true) {
      Identifier();
      if (Peek() != '.') break;
      ++pos_;
      if (!IsIdentStart(Peek())) return Fail(pos_, "expected an identifier after `.`");
    }
    if (closing != '\0' && !Expect(closing)) return Fail();
    if (!AtEnd()) {
      return Fail(Skip(),
                  "protocol endpoints carry no other constraint (FIDL-003); use "
                  "handle<channel, RIGHTS> for custom rights");
    }
    return HandleConstraint{ZX_OBJ_TYPE_CHANNEL, kProtocolEndpointRights, ZX_RIGHT_NONE};
  }

  // A ZX_OBJ_TYPE_* name in lower case.
  std::optional<zx_obj_type_t> Subtype() {
    size_t at = Skip();
    std::string_view word = Identifier();
    if (word.empty()) {
      Fail(at, "expected a handle subtype (vmo, channel, ...)");
      return std::nullopt;
    }
    for (const NamedConstant& nc : AllConstants()) {
      if (nc.kind != ConstKind::kObjType || nc.value == ZX_OBJ_TYPE_NONE) continue;
      if (Lower(nc.name.substr(std::string_view("ZX_OBJ_TYPE_").size())) == word) {
        return static_cast<zx_obj_type_t>(nc.value);
      }
    }
    Fail(at, "unknown handle subtype `" + std::string(word) + "`");
    return std::nullopt;
  }

  // RIGHT ( '|' RIGHT )*
  std::optional<zx_rights_t> Rights() {
    zx_rights_t out = 0;
    do {
      auto r = Right();
      if (!r) return std::nullopt;
      out |= *r;
    } while (Accept('|'));
    return out;
  }

  // zx.rights.NAME or zx.NAME, NAME one single-bit right.
  std::optional<zx_rights_t> Right() {
    size_t at = Skip();
    if (Identifier() != "zx" || !Expect('.')) {
      Fail(at, "expected a right such as zx.rights.READ");
      return std::nullopt;
    }
    size_t name_at = Skip();
    std::string_view name = Identifier();
    if (name == "rights") {
      if (!Expect('.')) return std::nullopt;
      name_at = Skip();
      name = Identifier();
    }
    for (const NamedConstant& nc : AllConstants()) {
      if (nc.kind == ConstKind::kRight && nc.name.substr(0, 9) == "ZX_RIGHT_" &&
          nc.name.substr(9) == name && std::has_single_bit(nc.value) &&
          nc.value != ZX_RIGHT_SAME_RIGHTS) {
        return static_cast<zx_rights_t>(nc.value);
      }
    }
    Fail(name_at, name.empty() ? std::string("expected a right name")
                               : "`" + std::string(name) + "` is not a right");
    return std::nullopt;
  }

  // ---- lexing ----
  static bool IsIdentStart(char ch) {
    return std::isalpha(static_cast<unsigned char>(ch)) || ch == '_';
  }
  static bool IsIdent(char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
  }
  static std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  // Skips blanks; returns the position of the next token.
  size_t Skip() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    return pos_;
  }
  bool AtEnd() { return Skip() == text_.size(); }
  std::string_view Identifier() {
    Skip();
    size_t start = pos_;
    if (!IsIdentStart(Peek())) return {};
    while (pos_ < text_.size() && IsIdent(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  bool Accept(char ch) {
    Skip();
    if (Peek() != ch) return false;
    ++pos_;
    return true;
  }
  bool Expect(char ch) {
    if (Accept(ch)) return true;
    Fail(pos_, std::string("expected `") + ch + "`" + Found());
    return false;
  }
  std::string Found() const {
    if (pos_ >= text_.size()) return ", found the end";
    return ", found `" + PrintableByte(text_[pos_]) + "`";
  }
  std::string Trailing() const {
    if (text_.substr(pos_, 1) == ":") {
      return "unexpected `:`: nullable handles are not modelled (Open point C-4)";
    }
    return "unexpected text after the declaration";
  }
  // Records the first error; later calls keep it.
  Error Fail(size_t at, std::string what) {
    if (error_.empty()) error_ = "column " + std::to_string(at + 1) + ": " + std::move(what);
    return Error{ZX_ERR_INVALID_ARGS};
  }
  Error Fail() { return Fail(pos_, "syntax error"); }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

Result<HandleConstraint> ParseHandleType(std::string_view decl, std::string* error_message) {
  Parser p(decl);
  auto r = p.Declaration();
  if (r.is_error() && error_message != nullptr) *error_message = p.error();
  return r;
}

}  // namespace zxspec::fidl
