// The parser of the predicate language (spec/predicate.h, docs/predicates.md): a lexer, a
// recursive-descent parser by precedence, and the type and scope checks, so that every tree it
// returns compiles. Every error names FILE:LINE:COLUMN; input size and nesting are bounded.
#include <cctype>
#include <map>
#include <optional>
#include <sstream>

#include "api/constants.h"
#include "spec/predicate.h"
#include "spec/predicate_ast.h"

namespace zxspec::spec {
namespace {

using Node = PredicateNode;
using NodePtr = std::shared_ptr<const Node>;
using Op = Node::Op;

enum class T { kIdent, kNumber, kPunct, kEnd };

struct Token {
  T kind = T::kEnd;
  std::string text;
  uint64_t number = 0;
  int line = 1, col = 1;
};

struct Failure {
  int line, col;
  std::string message;
};

// Splits |text| into tokens; throws nothing, reports the first bad byte.
std::optional<Failure> Lex(std::string_view text, std::vector<Token>* out) {
  static const char* kPuncts[] = {"&&", "||", "=>", "==", "!=", "<=", ">=", "(", ")", ",", ":",
                                  ".",  "!",  "<",  ">",  "|",  "&",  "+",  "-"};
  int line = 1, col = 1;
  size_t i = 0;
  auto advance = [&](size_t n) {
    for (size_t k = 0; k < n; ++k, ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
  };
  while (i < text.size()) {
    unsigned char ch = static_cast<unsigned char>(text[i]);
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      advance(1);
      continue;
    }
    if (ch == '#') {  // a comment to the end of the line
      while (i < text.size() && text[i] != '\n') advance(1);
      continue;
    }
    Token t;
    t.line = line;
    t.col = col;
    if (std::isalpha(ch) || ch == '_') {
      size_t j = i;
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
      t.kind = T::kIdent;
      t.text = std::string(text.substr(i, j - i));
      advance(j - i);
    } else if (std::isdigit(ch)) {
      size_t j = i;
      int base = 10;
      if (ch == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
        base = 16;
        j += 2;
      }
      size_t digits = j;
      uint64_t v = 0;
      bool overflow = false;
      while (j < text.size() && std::isxdigit(static_cast<unsigned char>(text[j]))) {
        char d = text[j];
        unsigned dv = static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(d))
                                                ? d - '0'
                                                : std::tolower(d) - 'a' + 10);
        uint64_t b = base == 16 ? 16 : 10;
        if (dv >= b) break;
        if (v > (UINT64_MAX - dv) / b) overflow = true;
        v = v * b + dv;
        ++j;
      }
      if (j == digits) return Failure{line, col, "a hexadecimal number needs digits after 0x"};
      if (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) {
        return Failure{line, col, "malformed number '" + std::string(text.substr(i, j + 1 - i)) + "'"};
      }
      if (overflow) return Failure{line, col, "number does not fit in 64 bits"};
      t.kind = T::kNumber;
      t.number = v;
      t.text = std::string(text.substr(i, j - i));
      advance(j - i);
    } else {
      for (const char* p : kPuncts) {
        if (text.substr(i).starts_with(p)) {
          t.kind = T::kPunct;
          t.text = p;
          break;
        }
      }
      if (t.kind != T::kPunct) {
        std::ostringstream m;
        if (ch >= 0x20 && ch < 0x7f) {
          m << "unexpected character '" << static_cast<char>(ch) << "'";
        } else {
          m << "unexpected byte 0x" << std::hex << static_cast<unsigned>(ch)
            << " (a predicate is ASCII)";
        }
        return Failure{line, col, m.str()};
      }
      advance(t.text.size());
    }
    out->push_back(std::move(t));
  }
  Token end;
  end.line = line;
  end.col = col;
  out->push_back(end);
  return std::nullopt;
}

struct Scope {
  std::string name;
  const PredicateKind* kind;
};

class Parser {
 public:
  Parser(std::vector<Token> tokens, bool two_state) : t_(std::move(tokens)), two_state_(two_state) {}

  NodePtr Top() {
    NodePtr n = Predicate();
    if (peek().kind != T::kEnd) Fail(peek(), "unexpected '" + peek().text + "' after the predicate");
    Truth(n, "the predicate");
    return n;
  }

  std::optional<Failure> failure;

 private:
  struct Abort {};

  const Token& peek() const { return t_[pos_]; }
  bool At(const char* punct) const { return peek().kind == T::kPunct && peek().text == punct; }
  bool AtWord(const char* word) const { return peek().kind == T::kIdent && peek().text == word; }
  Token Next() { return t_[pos_ < t_.size() - 1 ? pos_++ : pos_]; }
  [[noreturn]] void Fail(int line, int col, std::string m) {
    failure = Failure{line, col, std::move(m)};
    throw Abort{};
  }
  [[noreturn]] void Fail(const Token& t, std::string m) { Fail(t.line, t.col, std::move(m)); }
  void Expect(const char* punct, const std::string& what) {
    if (!At(punct)) {
      Fail(peek(), std::string("expected '") + punct + "' " + what + ", found " + Describe(peek()));
    }
    Next();
  }
  static std::string Describe(const Token& t) {
    return t.kind == T::kEnd ? "the end" : "'" + t.text + "'";
  }
  void Truth(const NodePtr& n, const std::string& what) {
    if (!n->truth) Fail(n->line, n->col, what + " must be a truth value, not a number");
  }
  void Number(const NodePtr& n, const std::string& what) {
    if (n->truth) Fail(n->line, n->col, what + " must be a number, not a truth value");
  }

  // Nesting guard: every recursive rule enters one level.
  struct Level {
    explicit Level(Parser* p) : p_(p) {
      if (++p_->depth_ > kMaxPredicateDepth) {
        p_->Fail(p_->peek(), "nested more than " + std::to_string(kMaxPredicateDepth) + " levels deep");
      }
    }
    ~Level() { --p_->depth_; }
    Parser* p_;
  };

  static std::shared_ptr<Node> Make(Op op, bool truth, const Token& at) {
    auto n = std::make_shared<Node>();
    n->op = op;
    n->truth = truth;
    n->line = at.line;
    n->col = at.col;
    return n;
  }

  NodePtr Predicate() {
    if (AtWord("forall") || AtWord("exists")) return Quantified();
    return Implication();
  }

  NodePtr Quantified() {
    Level level(this);
    Token q = Next();
    auto n = Make(q.text == "forall" ? Op::kForall : Op::kExists, true, q);
    size_t scope_size = scope_.size();
    do {
      Token name = Next();
      if (name.kind != T::kIdent) Fail(name, "expected a variable name after " + q.text + ", found " + Describe(name));
      if (Bound(name.text) != nullptr) Fail(name, "'" + name.text + "' is already bound");
      Expect(":", "after the variable name");
      Token kind = Next();
      const PredicateKind* k = kind.kind == T::kIdent ? FindPredicateKind(kind.text) : nullptr;
      if (k == nullptr) {
        std::string known;
        for (const auto& pk : PredicateKinds()) known += std::string(known.empty() ? "" : ", ") + pk.name;
        Fail(kind, "unknown kind " + Describe(kind) + "; kinds: " + known);
      }
      n->binders.push_back({name.text, k});
      scope_.push_back({name.text, k});
    } while (At(",") && (Next(), true));
    Expect(":", "before the quantifier's body");
    NodePtr body = Predicate();
    Truth(body, "the body of " + q.text);
    n->kids.push_back(body);
    scope_.resize(scope_size);
    return n;
  }

  NodePtr Implication() {
    NodePtr a = Disjunction();
    if (!At("=>")) return a;
    Token op = Next();
    Level level(this);
    NodePtr b = (AtWord("forall") || AtWord("exists")) ? Quantified() : Implication();
    return Binary(Op::kImplies, op, a, b, true);
  }

  NodePtr Disjunction() { return Chain({{"||", Op::kOr}}, &Parser::Conjunction, true); }
  NodePtr Conjunction() { return Chain({{"&&", Op::kAnd}}, &Parser::Negation, true); }

  NodePtr Negation() {
    if (!At("!")) return Comparison();
    Level level(this);
    Token op = Next();
    NodePtr a = Negation();
    Truth(a, "the operand of '!'");
    auto n = Make(Op::kNot, true, op);
    n->kids.push_back(a);
    return n;
  }

  NodePtr Comparison() {
    static const std::map<std::string, Op> kOps = {{"==", Op::kEq}, {"!=", Op::kNe}, {"<", Op::kLt},
                                                   {"<=", Op::kLe}, {">", Op::kGt},  {">=", Op::kGe}};
    NodePtr a = BitOr();
    std::optional<Op> op;
    if (peek().kind == T::kPunct && kOps.count(peek().text)) op = kOps.at(peek().text);
    if (AtWord("has")) op = Op::kHas;
    if (!op) return a;
    Token at = Next();
    NodePtr b = BitOr();
    bool equality = *op == Op::kEq || *op == Op::kNe;
    if (equality && a->truth != b->truth) Fail(at, "'" + at.text + "' compares a truth value with a number");
    if (!equality) {
      Number(a, "the left operand of '" + at.text + "'");
      Number(b, "the right operand of '" + at.text + "'");
    }
    auto n = Make(*op, true, at);
    n->kids = {a, b};
    return n;
  }

  NodePtr BitOr() { return Chain({{"|", Op::kBitOr}}, &Parser::BitAnd, false); }
  NodePtr BitAnd() { return Chain({{"&", Op::kBitAnd}}, &Parser::Sum, false); }
  NodePtr Sum() { return Chain({{"+", Op::kAdd}, {"-", Op::kSub}}, &Parser::Primary, false); }

  // A left-associative chain of |ops| over |next|, of truth values or of numbers.
  NodePtr Chain(const std::map<std::string, Op>& ops, NodePtr (Parser::*next)(), bool truth) {
    NodePtr a = (this->*next)();
    while (peek().kind == T::kPunct && ops.count(peek().text)) {
      Token op = Next();
      NodePtr b = (this->*next)();
      if (!truth) {
        Number(a, "the left operand of '" + op.text + "'");
        Number(b, "the right operand of '" + op.text + "'");
      }
      a = Binary(ops.at(op.text), op, a, b, truth);
    }
    return a;
  }

  NodePtr Binary(Op op, const Token& at, const NodePtr& a, const NodePtr& b, bool truth) {
    if (truth) {
      Truth(a, "the left operand of '" + at.text + "'");
      Truth(b, "the right operand of '" + at.text + "'");
    }
    auto n = Make(op, truth, at);
    n->kids = {a, b};
    return n;
  }

  NodePtr Primary() {
    Token t = peek();
    if (t.kind == T::kNumber) {
      Next();
      auto n = Make(Op::kNumber, false, t);
      n->number = t.number;
      return n;
    }
    if (At("(")) {
      Level level(this);
      Next();
      NodePtr n = Predicate();
      Expect(")", "to close the '(' at " + std::to_string(t.line) + ":" + std::to_string(t.col));
      return n;
    }
    if (t.kind != T::kIdent) Fail(t, "expected a value or a predicate, found " + Describe(t));
    Next();
    if (t.text == "true" || t.text == "false") {
      auto n = Make(Op::kTruth, true, t);
      n->number = t.text == "true";
      return n;
    }
    if (t.text == "old" || t.text == "alive") return Call(t);
    if (t.text == "forall" || t.text == "exists" || t.text == "has") {
      Fail(t, "'" + t.text + "' cannot stand here (parenthesize a quantifier inside an expression)");
    }
    if (const Scope* v = Bound(t.text)) return Variable(t, *v);
    return Constant(t);
  }

  NodePtr Call(const Token& t) {
    Level level(this);
    Expect("(", "after " + t.text);
    const Scope* v = peek().kind == T::kIdent ? Bound(peek().text) : nullptr;
    if (t.text == "alive" && v != nullptr && t_[pos_ + 1].kind == T::kPunct && t_[pos_ + 1].text == ")") {
      auto n = Make(Op::kAlive, true, t);  // alive(x) of a variable: any kind
      n->var = v->name;
      n->kind = v->kind;
      Next();
      Next();
      return n;
    }
    NodePtr arg = Predicate();
    Expect(")", "to close " + t.text + "(");
    auto n = Make(t.text == "old" ? Op::kOld : Op::kAlive, t.text == "old" ? arg->truth : true, t);
    if (n->op == Op::kOld && !two_state_) {
      Fail(t, "old(...) reads the pre-state of a call: only in a step predicate (prove --assert --step)");
    }
    if (n->op == Op::kAlive) Number(arg, "the argument of alive (a koid)");
    n->kids.push_back(arg);
    return n;
  }

  NodePtr Variable(const Token& t, const Scope& v) {
    if (At(".")) {
      Next();
      Token f = Next();
      const PredicateField* field = f.kind == T::kIdent ? FindPredicateField(v.kind->name, f.text) : nullptr;
      if (field == nullptr) {
        std::string known;
        for (const auto& pf : PredicateFields()) {
          if (std::string(pf.kind) == v.kind->name) known += std::string(known.empty() ? "" : " ") + pf.name;
        }
        Fail(f, std::string("a ") + v.kind->name + " has no field " + Describe(f) + "; fields: " + known);
      }
      auto n = Make(Op::kField, field->truth != nullptr, t);
      n->var = t.text;
      n->field = field;
      return n;
    }
    if (v.kind->sorts.size() != 1) {
      Fail(t, "'" + t.text + "' is a " + v.kind->name + ", not a number: name one of its fields (" +
                  t.text + ".field)");
    }
    auto n = Make(Op::kVar, false, t);
    n->var = t.text;
    return n;
  }

  NodePtr Constant(const Token& t) {
    for (const NamedConstant& c : AllConstants()) {
      if (c.name == t.text) {
        auto n = Make(Op::kNumber, false, t);
        n->number = c.value;
        return n;
      }
    }
    Fail(t, "unknown name '" + t.text + "': not a bound variable, nor a Zircon constant (by its full "
            "name, e.g. ZX_RIGHT_WRITE)");
  }

  const Scope* Bound(const std::string& name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->name == name) return &*it;
    }
    return nullptr;
  }

  std::vector<Token> t_;
  size_t pos_ = 0;
  bool two_state_;
  int depth_ = 0;
  std::vector<Scope> scope_;

 public:
  NodePtr Run() {
    try {
      return Top();
    } catch (const Abort&) {
      return nullptr;
    }
  }
};

}  // namespace

std::unique_ptr<Predicate> Predicate::Parse(std::string_view text, std::string_view file,
                                            bool two_state, std::string* error) {
  auto fail = [&](int line, int col, const std::string& m) {
    *error = std::string(file) + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + m;
    return nullptr;
  };
  if (text.size() > kMaxPredicateBytes) {
    return fail(1, 1, "a predicate is at most " + std::to_string(kMaxPredicateBytes) + " bytes");
  }
  std::vector<Token> tokens;
  if (auto f = Lex(text, &tokens)) return fail(f->line, f->col, f->message);
  if (tokens.size() == 1) return fail(1, 1, "empty predicate");
  if (tokens.size() > kMaxPredicateTokens + 1) {
    const auto& t = tokens[kMaxPredicateTokens];
    return fail(t.line, t.col, "a predicate is at most " + std::to_string(kMaxPredicateTokens) + " tokens");
  }
  Parser p(std::move(tokens), two_state);
  NodePtr root = p.Run();
  if (!root) return fail(p.failure->line, p.failure->col, p.failure->message);
  return std::unique_ptr<Predicate>(new Predicate(std::string(text), two_state, std::move(root)));
}

}  // namespace zxspec::spec
