#include "scenario/parser.h"

#include <map>
#include <array>
#include <memory>
#include <optional>

#include "scenario/limits.h"

namespace zxspec::scenario {
namespace {

// ---- stage 1: a generic expression tree ----

// Depth is bounded by kMaxNesting and the size of a tree by kMaxLineTokens (scenario/limits.h):
// a statement is one line.
struct Field;
struct Node {
  enum class K { kInt, kName, kString, kZeros, kList, kRecord, kTerms, kNeg, kSetBits, kClearBits };
  K k = K::kInt;
  Pos pos;
  uint64_t value = 0;
  std::string name;  // kName
  Bytes bytes;       // kString
  std::vector<char> ops;   // kTerms: the operator before each term ('+' before the first)
  std::vector<Node> kids;  // kZeros [n], kList items, kTerms terms, kNeg/kSet/kClear [x]
  std::vector<Field> fields;  // kRecord
};

// A record field `name: value` (a struct, not a std::pair: a pair needs Node complete).
struct Field {
  std::pair<std::string, Pos> key;  // the name and where it is
  Node value;
};

// Thrown inside the parser only and caught in Parse(); never crosses the API.
struct ParseError {
  Diagnostic d;
};

[[noreturn]] void Fail(Pos p, std::string msg) { throw ParseError{Diagnostic{p, std::move(msg)}}; }

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// Parses one line at a time (a statement is one line), so the work and the token memory per
// line are bounded by the line and the whole file is read once.
class Parser {
 public:
  explicit Parser(std::string file) {
    program_.file = std::move(file);
    for (const char* n : {"job", "self", "root", "vmex"}) bindings_[n] = ValueType::kHandle;
  }

  // |toks| are the tokens of line |text| (ending with kNewline, kEnd).
  void ParseLine(std::vector<Token> toks, std::string_view text) {
    toks_ = std::move(toks);
    i_ = 0;
    line_ = text;
    if (Cur().kind == Tok::kNewline || Cur().kind == Tok::kEnd) return;  // blank or comment
    program_.statements.push_back(ParseStatement());
  }

  Program Finish() { return std::move(program_); }

 private:
  // ---- tokens ----
  const Token& Cur() const { return toks_[i_]; }
  const Token& Ahead(size_t n) const { return toks_[std::min(i_ + n, toks_.size() - 1)]; }
  const Token& Next() { return toks_[i_ < toks_.size() - 1 ? i_++ : i_]; }
  bool Accept(Tok t) {
    if (Cur().kind != t) return false;
    Next();
    return true;
  }
  const Token& Require(Tok t, std::string_view what) {
    if (Cur().kind != t) {
      Fail(Cur().pos, "expected " + std::string(what) + ", found " + Describe(Cur()));
    }
    return Next();
  }
  static std::string Describe(const Token& t) {
    if (t.kind == Tok::kIdent) return Quote(t.text);
    if (t.kind == Tok::kInt) return "integer " + t.text;
    return std::string(TokName(t.kind));
  }

  // The statement's line for reports, without trailing blanks.
  std::string LineText() const {
    std::string_view s = line_;
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
    return std::string(s);
  }

  // ---- stage 1 ----

  // One level of nesting: a list, a record or zeros(...), the only constructs through which the
  // parse functions below recurse; kMaxNesting bounds the recursion.
  class Nest {
   public:
    Nest(Parser& p, Pos at) : p_(p) {
      if (++p_.depth_ > kMaxNesting) {
        Fail(at, "nesting deeper than " + std::to_string(kMaxNesting) + " levels (the limit)");
      }
    }
    ~Nest() { --p_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& p_;
  };

  // Terms joined by '+', '-', '|' (left to right): one term is returned as itself, several as
  // one flat kTerms node, so long chains cost neither stack nor tree depth. |pipes_only|: terms
  // joined by '|' alone, the set after a bit test's sign (a '+' or '-' starts the next test).
  Node ParseExpr(bool pipes_only = false) {
    auto joins = [&] {
      return Cur().kind == Tok::kPipe || (!pipes_only && (Cur().kind == Tok::kPlus || Cur().kind == Tok::kMinus));
    };
    Node first = ParseUnary();
    if (!joins()) return first;
    Node e;
    e.k = Node::K::kTerms;
    e.pos = first.pos;
    e.ops.push_back('+');
    e.kids.push_back(std::move(first));
    while (joins()) {
      if (e.kids.size() == kMaxExprTerms) {
        Fail(Cur().pos, "more than " + std::to_string(kMaxExprTerms) +
                            " terms in one expression (the limit)");
      }
      e.ops.push_back(Cur().kind == Tok::kPipe ? '|' : Cur().kind == Tok::kPlus ? '+' : '-');
      Next();
      e.kids.push_back(ParseUnary());
    }
    return e;
  }

  Node ParseUnary() {
    if (Cur().kind == Tok::kMinus) {
      Node n;
      n.k = Node::K::kNeg;
      n.pos = Next().pos;
      n.kids.push_back(ParsePrimary());
      return n;
    }
    return ParsePrimary();
  }

  Node ParsePrimary() {
    Node n;
    n.pos = Cur().pos;
    Tok kind = Cur().kind;
    if (kind == Tok::kInt) {
      n.k = Node::K::kInt;
      n.value = Next().value;
      return n;
    }
    if (kind == Tok::kString) {
      n.k = Node::K::kString;
      n.bytes = Next().bytes;
      return n;
    }
    if (kind == Tok::kIdent) {
      n.name = Next().text;
      if (n.name == "zeros" && Cur().kind == Tok::kLParen) {
        Nest nest(*this, n.pos);
        Next();
        n.k = Node::K::kZeros;
        n.kids.push_back(ParseExpr());
        Require(Tok::kRParen, "')' after zeros(N");
        return n;
      }
      n.k = Node::K::kName;
      return n;
    }
    if (kind == Tok::kLBracket) {
      Nest nest(*this, n.pos);
      Next();
      n.k = Node::K::kList;
      if (!Accept(Tok::kRBracket)) {
        do {
          n.kids.push_back(ParseExpr());
        } while (Accept(Tok::kComma));
        Require(Tok::kRBracket, "',' or ']' in list");
      }
      return n;
    }
    if (kind == Tok::kLBrace) {
      Nest nest(*this, n.pos);
      Next();
      n.k = Node::K::kRecord;
      if (!Accept(Tok::kRBrace)) {
        do {
          const Token& name = Require(Tok::kIdent, "a field name");
          Require(Tok::kColon, "':' after field name");
          if (Cur().kind != Tok::kPlus && Cur().kind != Tok::kMinus) {
            n.fields.push_back({{name.text, name.pos}, ParseExpr()});
            continue;
          }
          // Bit tests, `+A|B -C`: each sign starts a test of the '|'-joined set after it, and
          // each test is a field expectation of its own (FieldExpect::Mode).
          while (Cur().kind == Tok::kPlus || Cur().kind == Tok::kMinus) {
            Node v;
            v.k = Cur().kind == Tok::kPlus ? Node::K::kSetBits : Node::K::kClearBits;
            v.pos = Next().pos;
            v.kids.push_back(ParseExpr(/*pipes_only=*/true));
            n.fields.push_back({{name.text, name.pos}, std::move(v)});
          }
        } while (Accept(Tok::kComma));
        Require(Tok::kRBrace, "',' or '}' in record");
      }
      return n;
    }
    Fail(Cur().pos, "expected a value, found " + Describe(Cur()));
  }

  // ---- statements ----
  Statement ParseStatement() {
    Statement st;
    st.pos = Cur().pos;
    st.source = LineText();
    if (Accept(Tok::kAt)) {
      const Token& p = Require(Tok::kIdent, "a process handle name after '@'");
      Node n;
      n.k = Node::K::kName;
      n.pos = p.pos;
      n.name = p.text;
      st.proc = ResolveHandle(n, "the @ process");
    }
    // Outputs: NAME {, NAME} '=' ahead of the call.
    if (Cur().kind == Tok::kIdent && (Ahead(1).kind == Tok::kComma || Ahead(1).kind == Tok::kEquals)) {
      do {
        const Token& o = Require(Tok::kIdent, "a name to bind");
        st.outs.push_back({o.text, o.pos});
      } while (Accept(Tok::kComma));
      Require(Tok::kEquals, "'=' after the names to bind");
    }
    const Token& name = Require(Tok::kIdent, "a call name");
    st.call_pos = name.pos;
    st.call = FindSyscall(name.text);
    if (st.call == nullptr) Fail(name.pos, "unknown call " + Quote(name.text) + SuggestCall(name.text));
    Require(Tok::kLParen, "'(' after the call name");
    std::vector<Node> args;
    if (!Accept(Tok::kRParen)) {
      do {
        args.push_back(ParseExpr());
      } while (Accept(Tok::kComma));
      Require(Tok::kRParen, "',' or ')' in the argument list");
    }
    if (args.size() != st.call->args.size()) {
      std::string names;
      for (const auto& a : st.call->args) names += (names.empty() ? "" : ", ") + std::string(a.name);
      Fail(name.pos, std::string(st.call->name) + " takes " +
                         std::to_string(st.call->args.size()) + " argument" +
                         (st.call->args.size() == 1 ? "" : "s") + " (" + names + "), got " +
                         std::to_string(args.size()));
    }
    for (size_t i = 0; i < args.size(); ++i) st.args.push_back(ResolveArg(*st.call, i, args, st));
    results_ = ResultTypes(st);
    // Integer results name constants of the call's kind: signals for object_wait_one.
    result_consts_ = st.call->name == "object_wait_one" ? ConstKind::kSignal : ConstKind::kLimit;
    if (Accept(Tok::kArrow)) ParseExpectation(st);
    if (Cur().kind != Tok::kNewline && Cur().kind != Tok::kEnd) {
      Fail(Cur().pos, "expected end of line, found " + Describe(Cur()));
    }
    BindOuts(st);
    return st;
  }

  static std::string SuggestCall(std::string_view name) {
    std::string best;
    size_t best_common = 0;
    for (const auto& s : AllSyscalls()) {
      size_t common = 0;
      while (common < s.name.size() && common < name.size() && s.name[common] == name[common]) {
        ++common;
      }
      if (common > best_common) {
        best_common = common;
        best = std::string(s.name);
      }
    }
    return best_common >= 3 ? "; did you mean " + Quote(best) + "?" : "";
  }

  // ---- argument resolution ----
  Arg ResolveArg(const SyscallInfo& call, size_t i, const std::vector<Node>& args, Statement& st) {
    const Node& n = args[i];
    const ArgInfo& a = call.args[i];
    std::string what = std::string(call.name) + " argument " + Quote(a.name);
    switch (a.kind) {
      case ArgKind::kHandle: return ResolveHandle(n, what);
      case ArgKind::kI64: return ResolveInt(n, ConstKind::kLimit, what, /*is_signed=*/true);
      case ArgKind::kBytes: return ResolveBytes(n, what);
      case ArgKind::kString: {
        if (n.k != Node::K::kString) Fail(n.pos, what + " must be a string");
        BytesExpr b;
        b.pos = n.pos;
        b.bytes = n.bytes;
        return b;
      }
      case ArgKind::kPropertyValue: {
        // The value's shape follows the property argument (a constant): ZX_PROP_NAME takes a
        // string, the others an integer (written at the property's width) or the value buffer
        // itself as a string, of any length (VMO-053, STREAM-061: a short one is too small).
        const auto* prop = std::get_if<IntExpr>(&st.args[1]);
        auto pv = prop ? StaticValue(*prop) : std::nullopt;
        if (!pv) Fail(args[1].pos, "the property must be a constant");
        if (*pv == ZX_PROP_NAME || n.k == Node::K::kString || n.k == Node::K::kZeros) {
          return ResolveBytes(n, what);
        }
        return ResolveInt(n, ConstKind::kLimit, what, false);
      }
      case ArgKind::kHandleList: {
        if (n.k != Node::K::kList) Fail(n.pos, what + " must be a list [h, ...]");
        std::vector<HandleExpr> hs;
        for (const auto& item : n.kids) hs.push_back(ResolveHandle(item, "a handle in " + what));
        return hs;
      }
      case ArgKind::kDispositionList: return ResolveDispositions(n, what);
      case ArgKind::kFidlSendList: return ResolveSendSlots(n, what);
      case ArgKind::kFidlRecvList: return ResolveRecvSlots(n, what);
      case ArgKind::kU64:
      case ArgKind::kRights:
      case ArgKind::kVmoCreateOptions:
      case ArgKind::kVmoChildOptions:
      case ArgKind::kVmOptions:
      case ArgKind::kVmoOp:
      case ArgKind::kTopic:
      case ArgKind::kProperty:
      case ArgKind::kStreamCreateOptions:
      case ArgKind::kStreamIoOptions:
      case ArgKind::kSeekOrigin:
      case ArgKind::kProcessOptions:
      case ArgKind::kSignals:
      case ArgKind::kChannelOptions:
        return ResolveInt(n, ConstKindOf(a.kind), what, false);
    }
    Fail(n.pos, "internal: unhandled argument kind");
  }

  std::optional<ValueType> BindingType(const std::string& name) const {
    auto it = bindings_.find(name);
    if (it == bindings_.end()) return std::nullopt;
    return it->second;
  }

  IntTerm ResolveTerm(const Node& n, ConstKind kind, const std::string& what) {
    IntTerm t;
    t.pos = n.pos;
    if (n.k == Node::K::kInt) {
      t.value = n.value;
      return t;
    }
    if (n.k != Node::K::kName) Fail(n.pos, what + " must be an integer or a constant");
    if (n.name == "_") Fail(n.pos, "'_' can only be used in expectations and as a name to bind");
    if (auto bt = BindingType(n.name)) {
      if (*bt != ValueType::kInt && *bt != ValueType::kHandle) {
        Fail(n.pos, Quote(n.name) + " is bound to " + std::string(ValueTypeName(*bt)) +
                        ", not an integer");
      }
      t.binding = n.name;
      return t;
    }
    Resolution r = ResolveConstant(n.name, kind);
    if (r.value) {
      t.value = *r.value;
      return t;
    }
    if (r.ambiguous) {
      Fail(n.pos, "ambiguous name " + Quote(n.name) + " for " + what + "; candidates: " +
                      Join(r.candidates));
    }
    std::string msg = "unknown name " + Quote(n.name) + " for " + what + " (" +
                      std::string(KindName(kind)) + ")";
    if (!r.candidates.empty()) msg += "; did you mean " + Join(r.candidates) + "?";
    Fail(n.pos, msg);
  }

  static std::string Join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  }

  void Flatten(const Node& n, ConstKind kind, const std::string& what, IntExpr& out) {
    if (n.k != Node::K::kTerms) {
      AddTerm(n, kind, what, out, '+');
      return;
    }
    for (size_t i = 0; i < n.kids.size(); ++i) AddTerm(n.kids[i], kind, what, out, n.ops[i]);
  }

  void AddTerm(const Node& n, ConstKind kind, const std::string& what, IntExpr& out, char op) {
    if (n.k == Node::K::kNeg) {
      Fail(n.pos, "a '-' sign is only allowed at the start of a signed argument (stream_seek)");
    }
    out.terms.push_back({op, ResolveTerm(n, kind, what)});
  }

  IntExpr ResolveInt(const Node& n, ConstKind kind, const std::string& what, bool is_signed) {
    IntExpr e;
    e.pos = n.pos;
    const Node* body = &n;
    if (n.k == Node::K::kNeg) {
      if (!is_signed) Fail(n.pos, what + " is unsigned; negative values are not allowed");
      e.negative = true;
      body = &n.kids[0];
    }
    if (body->k == Node::K::kString || body->k == Node::K::kList || body->k == Node::K::kRecord ||
        body->k == Node::K::kZeros) {
      Fail(body->pos, what + " must be an integer");
    }
    Flatten(*body, kind, what, e);
    // Constant expressions are evaluated now, so overflow is a parse error.
    if (StaticValue(e, /*report=*/true) && e.negative && StaticValue(e) > (1ull << 63)) {
      Fail(n.pos, what + " is below INT64_MIN");
    }
    return e;
  }

  // The value of an expression without bindings; nullopt if it has bindings.
  std::optional<uint64_t> StaticValue(const IntExpr& e, bool report = false) {
    uint64_t v = 0;
    for (const auto& [op, t] : e.terms) {
      if (!t.binding.empty()) return std::nullopt;
      if (op == '+') {
        if (v > UINT64_MAX - t.value) {
          if (report) Fail(t.pos, "arithmetic overflows 64 bits");
          return std::nullopt;
        }
        v += t.value;
      } else if (op == '-') {
        if (t.value > v) {
          if (report) Fail(t.pos, "arithmetic goes below zero");
          return std::nullopt;
        }
        v -= t.value;
      } else {
        v |= t.value;
      }
    }
    return v;
  }

  HandleExpr ResolveHandle(const Node& n, const std::string& what) {
    HandleExpr h;
    h.pos = n.pos;
    if (n.k == Node::K::kInt) {
      if (n.value > UINT32_MAX) Fail(n.pos, "a handle value fits in 32 bits");
      h.literal = static_cast<zx_handle_t>(n.value);
      return h;
    }
    if (n.k != Node::K::kName) Fail(n.pos, what + " must be a handle name or a handle value");
    if (auto bt = BindingType(n.name)) {
      if (*bt != ValueType::kHandle) {
        Fail(n.pos, Quote(n.name) + " is bound to " + std::string(ValueTypeName(*bt)) +
                        ", not a handle");
      }
      h.binding = n.name;
      return h;
    }
    if (n.name == "ZX_HANDLE_INVALID" || n.name == "HANDLE_INVALID") return h;
    Fail(n.pos, Quote(n.name) + " is not bound to a handle (" + what + ")");
  }

  BytesExpr ResolveBytes(const Node& n, const std::string& what) {
    BytesExpr b;
    b.pos = n.pos;
    if (n.k == Node::K::kString) {
      b.bytes = n.bytes;
      return b;
    }
    if (n.k == Node::K::kZeros) {
      b.zeros = ResolveInt(n.kids[0], ConstKind::kLimit, "zeros(N)", false);
      return b;
    }
    if (n.k == Node::K::kName) {
      if (auto bt = BindingType(n.name); bt && *bt == ValueType::kBytes) {
        b.binding = n.name;
        return b;
      }
    }
    Fail(n.pos, what + " must be a string, zeros(N), or a bound byte string");
  }

  // Fields of a record argument, each resolved by |resolve|; |required| fields must be present.
  template <class F>
  void ForFields(const Node& rec, const std::string& what, std::vector<std::string_view> known,
                 std::vector<std::string_view> required, F resolve) {
    if (rec.k != Node::K::kRecord) Fail(rec.pos, what + " entries must be records {...}");
    for (const auto& [key, value] : rec.fields) {
      bool ok = false;
      for (auto k : known) ok = ok || k == key.first;
      if (!ok) {
        std::string list;
        for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        Fail(key.second, "unknown field " + Quote(key.first) + " in " + what + " (fields: " + list + ")");
      }
      resolve(key.first, value);
    }
    for (auto r : required) {
      bool present = false;
      for (const auto& [key, value] : rec.fields) present = present || key.first == r;
      if (!present) Fail(rec.pos, what + " entry needs a " + Quote(r) + " field");
    }
  }

  static IntExpr Literal(Pos p, uint64_t v) {
    IntExpr e;
    e.pos = p;
    IntTerm t;
    t.pos = p;
    t.value = v;
    e.terms.push_back({'+', t});
    return e;
  }

  // An integer field of a record list entry: its name, where it goes, how its constants resolve,
  // and its value when the entry leaves it out.
  template <class T>
  struct IntField {
    std::string_view name;
    IntExpr T::*member;
    ConstKind kind;
    uint64_t omitted;
  };

  // A list of records [{...}, ...], each entry a |T| whose fields are |known| (in the order the
  // error message shows them); |handle|, when not null, is the required `handle` field.
  template <class T>
  std::vector<T> ResolveRecords(const Node& n, const std::string& what,
                                std::vector<std::string_view> known, HandleExpr T::*handle,
                                const std::vector<IntField<T>>& ints) {
    std::string shape;
    for (auto k : known) shape += (shape.empty() ? "" : ", ") + std::string(k);
    if (n.k != Node::K::kList) Fail(n.pos, what + " must be a list [{" + shape + "}, ...]");
    std::vector<std::string_view> required;
    if (handle != nullptr) required.push_back("handle");
    std::vector<T> out;
    for (const auto& rec : n.kids) {
      T entry;
      entry.pos = rec.pos;
      for (const auto& f : ints) entry.*(f.member) = Literal(rec.pos, f.omitted);
      ForFields(rec, what, known, required, [&](const std::string& k, const Node& v) {
        if (handle != nullptr && k == "handle") entry.*handle = ResolveHandle(v, "handle");
        for (const auto& f : ints) {
          if (k == f.name) entry.*(f.member) = ResolveInt(v, f.kind, k, false);
        }
      });
      out.push_back(std::move(entry));
    }
    return out;
  }

  std::vector<DispositionExpr> ResolveDispositions(const Node& n, const std::string& what) {
    using D = DispositionExpr;
    return ResolveRecords<D>(n, what, {"op", "handle", "type", "rights"}, &D::handle,
                             {{"op", &D::op, ConstKind::kHandleOp, ZX_HANDLE_OP_MOVE},
                              {"type", &D::type, ConstKind::kObjType, ZX_OBJ_TYPE_NONE},
                              {"rights", &D::rights, ConstKind::kRight, ZX_RIGHT_SAME_RIGHTS}});
  }

  // fidl_send / fidl_recv slots: omitted fields mean no constraint (README, FIDL slots).
  template <class S>
  static std::vector<IntField<S>> ConstraintFields() {
    return {{"type", &S::type, ConstKind::kObjType, ZX_OBJ_TYPE_NONE},
            {"rights", &S::rights, ConstKind::kRight, ZX_RIGHT_SAME_RIGHTS},
            {"optional", &S::optional, ConstKind::kRight, ZX_RIGHT_NONE}};
  }

  std::vector<SendSlotExpr> ResolveSendSlots(const Node& n, const std::string& what) {
    return ResolveRecords<SendSlotExpr>(n, what, {"handle", "type", "rights", "optional"},
                                        &SendSlotExpr::handle, ConstraintFields<SendSlotExpr>());
  }

  std::vector<RecvSlotExpr> ResolveRecvSlots(const Node& n, const std::string& what) {
    return ResolveRecords<RecvSlotExpr>(n, what, {"type", "rights", "optional"}, nullptr,
                                        ConstraintFields<RecvSlotExpr>());
  }

  // ---- results ----
  struct Results {
    std::vector<ValueType> fixed;
    std::optional<ValueType> tail;  // variadic handles (channel_read, fidl_recv)
  };

  Results ResultTypes(const Statement& st) {
    std::string_view n = st.call->name;
    using V = ValueType;
    if (n == "handle_duplicate" || n == "handle_replace" || n == "vmo_create" ||
        n == "vmo_create_child" || n == "vmo_replace_as_executable" || n == "stream_create" ||
        n == "vmar_create_vmo_child" || n == "process_start") {
      return {{V::kHandle}, {}};
    }
    if (n == "channel_create" || n == "process_create") return {{V::kHandle, V::kHandle}, {}};
    if (n == "vmar_allocate") return {{V::kHandle, V::kInt}, {}};
    if (n == "vmar_map" || n == "vmo_get_size" || n == "vmo_get_stream_size" || n == "object_wait_one" ||
        n == "stream_writev" || n == "stream_writev_at" || n == "stream_seek") {
      return {{V::kInt}, {}};
    }
    if (n == "vmo_read" || n == "stream_readv" || n == "stream_readv_at" || n == "mem_read") {
      return {{V::kBytes}, {}};
    }
    if (n == "channel_read" || n == "channel_read_etc" || n == "fidl_recv") {
      return {{V::kBytes}, V::kHandleInfo};
    }
    if (n == "object_get_property") {
      auto p = StaticValue(std::get<IntExpr>(st.args[1]));
      return {{p && *p == ZX_PROP_NAME ? V::kBytes : V::kInt}, {}};
    }
    if (n == "object_get_info") {
      auto topic = StaticValue(std::get<IntExpr>(st.args[1]));
      if (!topic) Fail(st.call_pos, "the info topic must be a constant");
      switch (*topic) {
        case ZX_INFO_HANDLE_BASIC: return {{V::kHandleBasic}, {}};
        case ZX_INFO_VMO:
        case ZX_INFO_VMO_V1:
        case ZX_INFO_VMO_V2:
        case ZX_INFO_VMO_V3: return {{V::kInfoVmo}, {}};
        case ZX_INFO_VMAR: return {{V::kInfoVmar}, {}};
        case ZX_INFO_STREAM: return {{V::kInfoStream}, {}};
        case ZX_INFO_HANDLE_COUNT: return {{V::kHandleCount}, {}};
        case ZX_INFO_VMAR_MAPS:
        case ZX_INFO_PROCESS_MAPS: return {{V::kList}, {}};
        default: return {{}, {}};
      }
    }
    return {{}, {}};
  }

  std::optional<ValueType> ResultType(size_t i) const {
    if (i < results_.fixed.size()) return results_.fixed[i];
    return results_.tail;
  }

  void BindOuts(const Statement& st) {
    if (!st.outs.empty() && st.expect == ExpectKind::kStatus) {
      Fail(st.outs[0].second,
           "cannot bind the results of a call that is expected to fail with " +
               StatusName(st.status));
    }
    for (size_t i = 0; i < st.outs.size(); ++i) {
      const auto& [name, pos] = st.outs[i];
      auto t = ResultType(i);
      if (!t) {
        Fail(pos, std::string(st.call->name) + " has " + std::to_string(results_.fixed.size()) +
                      " result" + (results_.fixed.size() == 1 ? "" : "s") + "; cannot bind " +
                      Quote(name));
      }
      if (name == "_") continue;
      if (FindSyscall(name) != nullptr) Fail(pos, Quote(name) + " is a call name");
      bindings_[name] = *t == ValueType::kHandleInfo ? ValueType::kHandle : *t;
    }
  }

  // ---- expectations ----
  void ParseExpectation(Statement& st) {
    const Token& t = Require(Tok::kIdent, "a status (ZX_OK, ZX_ERR_...) or 'any' after '->'");
    if (t.text == "any") {
      st.expect = ExpectKind::kAny;
      return;
    }
    Resolution r = ResolveConstant(t.text, ConstKind::kStatus);
    bool is_status = false;
    if (r.value) {
      for (const auto& c : AllConstants()) {
        is_status = is_status || (c.kind == ConstKind::kStatus && c.value == *r.value);
      }
    }
    if (!is_status) {
      std::string msg = "unknown status " + Quote(t.text);
      if (!r.candidates.empty()) msg += "; did you mean " + Join(r.candidates) + "?";
      Fail(t.pos, msg);
    }
    st.status = static_cast<zx_status_t>(*r.value);
    if (Cur().kind == Tok::kNewline || Cur().kind == Tok::kEnd) {
      st.expect = st.status == ZX_OK ? ExpectKind::kOk : ExpectKind::kStatus;
      return;
    }
    if (!HasResultsOn(*st.call, st.status)) {
      Fail(Cur().pos, std::string(st.call->name) + " returns no values with " +
                          StatusName(st.status));
    }
    st.expect = st.status == ZX_OK ? ExpectKind::kOkValues : ExpectKind::kStatusValues;
    std::vector<Node> nodes;
    do {
      nodes.push_back(ParseExpr());
    } while (Accept(Tok::kComma));
    for (size_t i = 0; i < nodes.size(); ++i) {
      // channel_read_etc / fidl_recv: the handles may be compared as one list after the bytes.
      if (results_.tail && i == results_.fixed.size() && i + 1 == nodes.size() &&
          nodes[i].k == Node::K::kList) {
        Expect e;
        e.pos = nodes[i].pos;
        e.kind = Expect::Kind::kList;
        e.record_type = *results_.tail;
        for (const auto& item : nodes[i].kids) e.items.push_back(ResolveExpect(item, *results_.tail));
        st.values.push_back(std::move(e));
        continue;
      }
      auto rt = ResultType(i);
      if (!rt) {
        Fail(nodes[i].pos, std::string(st.call->name) + " has only " +
                               std::to_string(results_.fixed.size()) + " result" +
                               (results_.fixed.size() == 1 ? "" : "s"));
      }
      st.values.push_back(ResolveExpect(nodes[i], *rt));
    }
  }

  Expect ResolveExpect(const Node& n, ValueType t) {
    Expect e;
    e.pos = n.pos;
    if (n.k == Node::K::kName && n.name == "_") return e;  // wildcard
    switch (t) {
      case ValueType::kHandle:
        if (n.k == Node::K::kName && BindingType(n.name)) {
          e.kind = Expect::Kind::kBinding;
          e.binding = n.name;
          return e;
        }
        e.kind = Expect::Kind::kInt;
        e.int_value = ResolveInt(n, ConstKind::kLimit, "expected handle value", false);
        return e;
      case ValueType::kInt:
        e.kind = Expect::Kind::kInt;
        e.int_value = ResolveInt(n, result_consts_, "expected integer", false);
        return e;
      case ValueType::kBytes:
        e.kind = Expect::Kind::kBytes;
        e.bytes = ResolveBytes(n, "expected bytes");
        return e;
      case ValueType::kList:
        if (n.k != Node::K::kList) Fail(n.pos, "expected a list [{...}, ...] of MAPS records");
        e.kind = Expect::Kind::kList;
        e.record_type = ValueType::kMaps;
        for (const auto& item : n.kids) e.items.push_back(ResolveExpect(item, ValueType::kMaps));
        return e;
      case ValueType::kHandleBasic:
      case ValueType::kInfoVmo:
      case ValueType::kInfoVmar:
      case ValueType::kInfoStream:
      case ValueType::kHandleCount:
      case ValueType::kMaps:
      case ValueType::kHandleInfo:
        return ResolveRecordExpect(n, t);
    }
    Fail(n.pos, "internal: unhandled value type");
  }

  Expect ResolveRecordExpect(const Node& n, ValueType t) {
    if (t == ValueType::kHandleInfo && n.k == Node::K::kName && BindingType(n.name)) {
      Expect e;
      e.pos = n.pos;
      e.kind = Expect::Kind::kBinding;
      e.binding = n.name;
      return e;
    }
    if (n.k != Node::K::kRecord) {
      Fail(n.pos, "expected " + std::string(ValueTypeName(t)) + " as {field: value, ...}");
    }
    Expect e;
    e.pos = n.pos;
    e.kind = Expect::Kind::kRecord;
    e.record_type = t;
    for (const auto& [key, value] : n.fields) {
      const FieldInfo* f = FindField(t, key.first);
      if (f == nullptr) {
        std::string list;
        for (const auto& fi : FieldsOf(t)) list += (list.empty() ? "" : ", ") + std::string(fi.name);
        Fail(key.second, "no field " + Quote(key.first) + " in " + std::string(ValueTypeName(t)) +
                             " (fields: " + list + ")");
      }
      FieldExpect fe;
      fe.pos = key.second;
      fe.field = f;
      const Node* v = &value;
      if (value.k == Node::K::kSetBits || value.k == Node::K::kClearBits) {
        if (f->kind != FieldKind::kFlags) {
          Fail(value.pos, "'+'/'-' bit tests only apply to flags fields; " + Quote(key.first) +
                              " is not one");
        }
        fe.mode = value.k == Node::K::kSetBits ? FieldExpect::Mode::kSet : FieldExpect::Mode::kClear;
        v = &value.kids[0];
      }
      fe.value = ResolveFieldValue(*v, *f);
      e.fields.push_back(std::move(fe));
    }
    return e;
  }

  Expect ResolveFieldValue(const Node& n, const FieldInfo& f) {
    Expect e;
    e.pos = n.pos;
    if (n.k == Node::K::kName && n.name == "_") return e;
    std::string what = "field " + Quote(f.name);
    switch (f.kind) {
      case FieldKind::kName:
        if (n.k != Node::K::kString) Fail(n.pos, what + " is a name; expected a string");
        e.kind = Expect::Kind::kBytes;
        e.bytes.pos = n.pos;
        e.bytes.bytes = n.bytes;
        return e;
      case FieldKind::kKoid:
      case FieldKind::kHandle:
        if (n.k == Node::K::kName && BindingType(n.name) == ValueType::kHandle) {
          e.kind = Expect::Kind::kBinding;  // koid fields: that handle's object koid
          e.binding = n.name;
          return e;
        }
        e.kind = Expect::Kind::kInt;
        e.int_value = ResolveInt(n, ConstKind::kLimit, what, false);
        return e;
      case FieldKind::kInt:
      case FieldKind::kFlags:
      case FieldKind::kEnum:
        e.kind = Expect::Kind::kInt;
        e.int_value = ResolveInt(n, f.consts, what, false);
        return e;
    }
    Fail(n.pos, "internal: unhandled field kind");
  }

  std::vector<Token> toks_;
  size_t i_ = 0;
  std::string_view line_;
  int depth_ = 0;
  Program program_;
  std::map<std::string, ValueType> bindings_;
  Results results_;
  ConstKind result_consts_ = ConstKind::kLimit;
};

}  // namespace

std::variant<Program, Diagnostic> Parse(std::string_view source, std::string file) {
  if (source.size() > kMaxFileBytes) {
    return Diagnostic{{1, 1}, "the file is larger than " + std::to_string(kMaxFileBytes) +
                                  " bytes (the limit)"};
  }
  Parser parser(std::move(file));
  int line = 1;
  for (size_t start = 0; start <= source.size(); ++line) {
    size_t end = std::min(source.find('\n', start), source.size());
    std::string_view text = source.substr(start, end - start);
    if (text.size() > kMaxLineBytes) {
      return Diagnostic{{line, static_cast<int>(kMaxLineBytes) + 1},
                        "the line is longer than " + std::to_string(kMaxLineBytes) +
                            " bytes (the limit)"};
    }
    auto lexed = Lex(text, line);
    if (auto* d = std::get_if<Diagnostic>(&lexed)) return *d;
    try {
      parser.ParseLine(std::get<std::vector<Token>>(std::move(lexed)), text);
    } catch (const ParseError& e) {
      return e.d;
    }
    start = end + 1;
  }
  return parser.Finish();
}

std::string ReadSource(std::istream& in) {
  std::string out;
  std::array<char, size_t{1} << 16> buf;
  while (out.size() <= kMaxFileBytes && in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    out.append(buf.data(), static_cast<size_t>(in.gcount()));
  }
  if (out.size() > kMaxFileBytes + 1) out.resize(kMaxFileBytes + 1);
  return out;
}

std::string FormatDiagnostic(const std::string& file, const Diagnostic& d) {
  return file + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) +
         ": error: " + d.message;
}

}  // namespace zxspec::scenario
