// The props scenario interpreter (see replay.h). Every failure is a ReplayResult naming the line;
// nothing here throws or aborts on malformed input.
#include "props/replay.h"

#include <charconv>
#include <map>
#include <optional>
#include <variant>
#include <vector>

#include "api/constants.h"
#include "api/format.h"
#include "api/syscalls.h"
#include "model/invariants.h"
#include "props/trace.h"

namespace zxspec::props {
namespace {

using ArgValue = std::variant<uint64_t, int64_t, Bytes, std::vector<zx_handle_t>,
                              std::vector<zx_handle_disposition_t>>;
using Bindings = std::map<std::string, uint64_t, std::less<>>;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Position of the first |c| (or of the two-character |c|+|next|) outside strings and brackets,
// or npos.
size_t FindTop(std::string_view s, char c, char next = 0) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char ch = s[i];
    if (in_string) {
      if (ch == '\\') {
        ++i;
      } else if (ch == '"') {
        in_string = false;
      }
      continue;
    }
    if (ch == '"') {
      in_string = true;
    } else if (ch == '(' || ch == '[' || ch == '{') {
      ++depth;
    } else if (ch == ')' || ch == ']' || ch == '}') {
      --depth;
    } else if (depth == 0 && ch == c && (next == 0 || (i + 1 < s.size() && s[i + 1] == next))) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::vector<std::string_view> SplitTop(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  s = Trim(s);
  if (s.empty()) return out;
  for (size_t at = FindTop(s, sep); at != std::string_view::npos; at = FindTop(s, sep)) {
    out.push_back(Trim(s.substr(0, at)));
    s = s.substr(at + 1);
  }
  out.push_back(Trim(s));
  return out;
}

std::optional<uint64_t> ParseInt(std::string_view s, const Bindings& names) {
  s = Trim(s);
  if (auto it = names.find(s); it != names.end()) return it->second;
  uint64_t scale = 1;
  if (!s.empty() && (s.back() == 'K' || s.back() == 'M' || s.back() == 'G')) {
    scale = s.back() == 'K' ? 1024 : s.back() == 'M' ? 1024 * 1024 : 1024 * 1024 * 1024;
    s.remove_suffix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  if (v > UINT64_MAX / scale) return std::nullopt;
  return v * scale;
}

std::optional<uint64_t> ParseFlags(std::string_view s, ConstKind kind, const Bindings& names) {
  uint64_t v = 0;
  for (auto part : SplitTop(s, '|')) {
    if (auto n = ParseInt(part, names)) {
      v |= *n;
    } else if (auto r = ResolveConstant(part, kind); r.value) {
      v |= *r.value;
    } else {
      return std::nullopt;
    }
  }
  return v;
}

std::optional<Bytes> ParseBytes(std::string_view s) {
  s = Trim(s);
  if (s.substr(0, 6) == "zeros(" && s.back() == ')') {
    auto n = ParseInt(s.substr(6, s.size() - 7), {});
    if (!n || *n > (uint64_t{1} << 26)) return std::nullopt;
    return Bytes(*n, 0);
  }
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::nullopt;
  Bytes out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (c != '\\') {
      out.push_back(static_cast<uint8_t>(c));
      continue;
    }
    if (++i + 1 >= s.size()) return std::nullopt;  // the backslash escaped the closing quote
    switch (s[i]) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case '\\': out.push_back('\\'); break;
      case '"': out.push_back('"'); break;
      case 'x': {
        uint8_t b = 0;
        if (i + 3 >= s.size()) return std::nullopt;  // two hex digits before the closing quote
        auto [p, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, b, 16);
        if (ec != std::errc() || p != s.data() + i + 3) return std::nullopt;
        out.push_back(b);
        i += 2;
        break;
      }
      default: return std::nullopt;
    }
  }
  return out;
}

std::optional<std::vector<std::string_view>> ListItems(std::string_view s) {
  s = Trim(s);
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') return std::nullopt;
  return SplitTop(s.substr(1, s.size() - 2), ',');
}

std::optional<zx_handle_disposition_t> ParseDisposition(std::string_view s, const Bindings& names) {
  s = Trim(s);
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') return std::nullopt;
  zx_handle_disposition_t d;
  for (auto field : SplitTop(s.substr(1, s.size() - 2), ',')) {
    size_t colon = field.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto key = Trim(field.substr(0, colon));
    auto value = field.substr(colon + 1);
    std::optional<uint64_t> v;
    if (key == "op") v = ParseFlags(value, ConstKind::kHandleOp, names);
    if (key == "handle") v = ParseInt(value, names);
    if (key == "type") v = ParseFlags(value, ConstKind::kObjType, names);
    if (key == "rights") v = ParseFlags(value, ConstKind::kRight, names);
    if (!v) return std::nullopt;
    if (key == "op") d.operation = static_cast<uint32_t>(*v);
    if (key == "handle") d.handle = static_cast<zx_handle_t>(*v);
    if (key == "type") d.type = static_cast<zx_obj_type_t>(*v);
    if (key == "rights") d.rights = static_cast<zx_rights_t>(*v);
  }
  return d;
}

std::optional<ArgValue> ParseArg(std::string_view s, ArgKind kind, const Bindings& names) {
  switch (kind) {
    case ArgKind::kHandle:
    case ArgKind::kU64:
    case ArgKind::kChannelOptions:
      if (auto v = ParseInt(s, names)) return ArgValue{*v};
      return std::nullopt;
    case ArgKind::kI64: {
      s = Trim(s);
      bool negative = !s.empty() && s.front() == '-';
      auto v = ParseInt(negative ? s.substr(1) : s, names);
      if (!v) return std::nullopt;
      return ArgValue{negative ? static_cast<int64_t>(0 - *v) : static_cast<int64_t>(*v)};
    }
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
      if (auto v = ParseFlags(s, ConstKindOf(kind), names)) return ArgValue{*v};
      return std::nullopt;
    case ArgKind::kPropertyValue:
      if (auto b = ParseBytes(s)) return ArgValue{*b};
      if (auto v = ParseInt(s, names)) return ArgValue{*v};
      return std::nullopt;
    case ArgKind::kBytes:
    case ArgKind::kString:
      if (auto b = ParseBytes(s)) return ArgValue{*b};
      return std::nullopt;
    case ArgKind::kHandleList: {
      auto items = ListItems(s);
      if (!items) return std::nullopt;
      std::vector<zx_handle_t> out;
      for (auto item : *items) {
        auto v = ParseInt(item, names);
        if (!v) return std::nullopt;
        out.push_back(static_cast<zx_handle_t>(*v));
      }
      return ArgValue{out};
    }
    case ArgKind::kDispositionList: {
      auto items = ListItems(s);
      if (!items) return std::nullopt;
      std::vector<zx_handle_disposition_t> out;
      for (auto item : *items) {
        auto d = ParseDisposition(item, names);
        if (!d) return std::nullopt;
        out.push_back(*d);
      }
      return ArgValue{out};
    }
    case ArgKind::kFidlSendList:
    case ArgKind::kFidlRecvList: return std::nullopt;
  }
  return std::nullopt;
}

// Reads parsed arguments into a call struct, in the order of api/calls.h's fields.
class Args {
 public:
  explicit Args(const std::vector<ArgValue>& v) : v_(v) {}
  uint64_t U() { return std::get<uint64_t>(v_[i_++]); }
  uint32_t U32() { return static_cast<uint32_t>(U()); }
  zx_handle_t H() { return static_cast<zx_handle_t>(U()); }
  int64_t I() { return std::get<int64_t>(v_[i_++]); }
  Bytes B() { return std::get<Bytes>(v_[i_++]); }
  std::vector<zx_handle_t> L() { return std::get<std::vector<zx_handle_t>>(v_[i_++]); }
  std::vector<zx_handle_disposition_t> D() {
    return std::get<std::vector<zx_handle_disposition_t>>(v_[i_++]);
  }
  // ZX_PROP_* values: a string as is, an integer as 8 little-endian bytes (1 for MODE_APPEND).
  Bytes Value(uint32_t property) {
    const ArgValue& a = v_[i_++];
    if (const auto* b = std::get_if<Bytes>(&a)) return *b;
    Bytes out = EncodeU64(std::get<uint64_t>(a));
    if (property == ZX_PROP_STREAM_MODE_APPEND) out.resize(1);
    return out;
  }

 private:
  const std::vector<ArgValue>& v_;
  size_t i_ = 0;
};

void Fill(HandleClose& c, Args& a) { c.handle = a.H(); }
void Fill(HandleDuplicate& c, Args& a) { c.handle = a.H(), c.rights = a.U32(); }
void Fill(HandleReplace& c, Args& a) { c.handle = a.H(), c.rights = a.U32(); }
void Fill(ObjectGetInfo& c, Args& a) { c.handle = a.H(), c.topic = a.U32(); }
void Fill(ObjectGetProperty& c, Args& a) { c.handle = a.H(), c.property = a.U32(); }
void Fill(ObjectSetProperty& c, Args& a) {
  c.handle = a.H(), c.property = a.U32(), c.value = a.Value(c.property);
}
void Fill(VmoCreate& c, Args& a) { c.size = a.U(), c.options = a.U32(); }
void Fill(VmoCreateChild& c, Args& a) {
  c.handle = a.H(), c.options = a.U32(), c.offset = a.U(), c.size = a.U();
}
void Fill(VmoRead& c, Args& a) { c.handle = a.H(), c.offset = a.U(), c.len = a.U(); }
void Fill(VmoWrite& c, Args& a) { c.handle = a.H(), c.offset = a.U(), c.data = a.B(); }
void Fill(VmoGetSize& c, Args& a) { c.handle = a.H(); }
void Fill(VmoSetSize& c, Args& a) { c.handle = a.H(), c.size = a.U(); }
void Fill(VmoGetStreamSize& c, Args& a) { c.handle = a.H(); }
void Fill(VmoSetStreamSize& c, Args& a) { c.handle = a.H(), c.size = a.U(); }
void Fill(VmoOpRange& c, Args& a) {
  c.handle = a.H(), c.op = a.U32(), c.offset = a.U(), c.size = a.U();
}
void Fill(VmoReplaceAsExecutable& c, Args& a) { c.handle = a.H(), c.vmex = a.H(); }
void Fill(StreamCreate& c, Args& a) { c.options = a.U32(), c.vmo = a.H(), c.seek = a.U(); }
void Fill(StreamWritev& c, Args& a) { c.handle = a.H(), c.options = a.U32(), c.data = a.B(); }
void Fill(StreamWritevAt& c, Args& a) {
  c.handle = a.H(), c.options = a.U32(), c.offset = a.U(), c.data = a.B();
}
void Fill(StreamReadv& c, Args& a) { c.handle = a.H(), c.options = a.U32(), c.len = a.U(); }
void Fill(StreamReadvAt& c, Args& a) {
  c.handle = a.H(), c.options = a.U32(), c.offset = a.U(), c.len = a.U();
}
void Fill(StreamSeek& c, Args& a) { c.handle = a.H(), c.whence = a.U32(), c.offset = a.I(); }
void Fill(VmarAllocate& c, Args& a) {
  c.parent = a.H(), c.options = a.U32(), c.offset = a.U(), c.size = a.U();
}
void Fill(VmarMap& c, Args& a) {
  c.vmar = a.H(), c.options = a.U32(), c.vmar_offset = a.U(), c.vmo = a.H(),
  c.vmo_offset = a.U(), c.len = a.U();
}
void Fill(VmarUnmap& c, Args& a) { c.vmar = a.H(), c.addr = a.U(), c.len = a.U(); }
void Fill(VmarProtect& c, Args& a) {
  c.vmar = a.H(), c.options = a.U32(), c.addr = a.U(), c.len = a.U();
}
void Fill(VmarDestroy& c, Args& a) { c.vmar = a.H(); }
void Fill(VmarCreateVmoChild& c, Args& a) {
  c.vmar = a.H(), c.options = a.U32(), c.addr = a.U(), c.size = a.U();
}
void Fill(ProcessCreate& c, Args& a) { c.job = a.H(), c.name = a.B(), c.options = a.U32(); }
void Fill(TaskKill& c, Args& a) { c.handle = a.H(); }
void Fill(ProcessStart& c, Args& a) { c.process = a.H(), c.handle = a.H(); }
void Fill(ChannelCreate& c, Args& a) { c.options = a.U32(); }
void Fill(ChannelWrite& c, Args& a) { c.handle = a.H(), c.bytes = a.B(), c.handles = a.L(); }
void Fill(ChannelWriteEtc& c, Args& a) {
  c.handle = a.H(), c.bytes = a.B(), c.dispositions = a.D();
}
void Fill(ChannelRead& c, Args& a) { c.handle = a.H(); }
void Fill(ChannelReadEtc& c, Args& a) { c.handle = a.H(); }
void Fill(MemRead& c, Args& a) { c.addr = a.U(), c.len = a.U(); }
void Fill(MemWrite& c, Args& a) { c.addr = a.U(), c.data = a.B(); }

template <size_t... I>
Call DefaultCallAt(size_t index, std::index_sequence<I...>) {
  Call out;
  ((I == index ? (out = Call(std::in_place_index<I>), true) : false) || ...);
  return out;
}

// The results of an OK outcome in binding order (byte strings bind to 0).
std::vector<uint64_t> ResultValues(const Outcome& o) {
  std::vector<uint64_t> out;
  if (const auto* a = std::get_if<VmarAllocateResult>(&o.payload)) return {a->child, a->addr};
  if (std::holds_alternative<ChannelReadResult>(o.payload)) out.push_back(0);
  if (const auto* u = std::get_if<U64Result>(&o.payload)) return {u->value};
  for (zx_handle_t h : ResultHandles(o)) out.push_back(h);
  return out;
}

class Interpreter {
 public:
  explicit Interpreter(const StepFn& step) : step_(step), state_(model::InitialState()) {
    names_["job"] = state_.initial.job;
    names_["self"] = state_.initial.self;
    names_["root"] = state_.initial.root;
    names_["vmex"] = state_.initial.vmex;
  }

  // An empty string when the line held, else what failed.
  std::string Line(std::string_view text) {
    if (size_t hash = FindTop(text, '#'); hash != std::string_view::npos) {
      text = text.substr(0, hash);
    }
    text = Trim(text);
    if (text.empty()) return "";
    zx_koid_t caller = state_.initial.self_koid;
    if (text.front() == '@') {
      size_t space = text.find(' ');
      if (space == std::string_view::npos) return "a caller without a call";
      auto who = ParseInt(text.substr(1, space - 1), names_);
      if (!who) return "unknown caller name";
      auto koid = HandleKoid(static_cast<zx_handle_t>(*who));
      if (!koid) return "the caller name is not a handle of the initial process";
      caller = *koid;
      text = Trim(text.substr(space));
    }
    std::string_view expect;
    if (size_t arrow = FindTop(text, '-', '>'); arrow != std::string_view::npos) {
      expect = Trim(text.substr(arrow + 2));
      text = Trim(text.substr(0, arrow));
    }
    std::vector<std::string_view> outs;
    if (size_t eq = FindTop(text, '='); eq != std::string_view::npos) {
      outs = SplitTop(text.substr(0, eq), ',');
      text = Trim(text.substr(eq + 1));
    }
    size_t open = text.find('(');
    if (open == std::string_view::npos || text.back() != ')') return "not a call";
    auto name = Trim(text.substr(0, open));
    auto args = SplitTop(text.substr(open + 1, text.size() - open - 2), ',');
    if (name == "check_invariants") {
      auto broken = model::CheckInvariants(state_);
      return broken.empty() ? "" : "check_invariants: " + broken.front();
    }
    const SyscallInfo* info = FindSyscall(name);
    if (info == nullptr || !info->call_index) return "unknown call " + std::string(name);
    if (args.size() != info->args.size()) return "wrong number of arguments";
    std::vector<ArgValue> values;
    for (size_t i = 0; i < args.size(); ++i) {
      auto v = ParseArg(args[i], info->args[i].kind, names_);
      if (!v) return "cannot read argument " + std::string(info->args[i].name);
      values.push_back(*v);
    }
    Call call = DefaultCallAt(*info->call_index, std::make_index_sequence<kCallKindCount>{});
    Args reader(values);
    std::visit([&](auto& c) { Fill(c, reader); }, call);
    if (model::CallerStateOf(state_, caller) != CallerState::kLive) return "the caller is not live";
    model::StepResult r;
    try {
      r = step_(state_, caller, call);
    } catch (const std::exception& e) {
      return std::string("the step function threw: ") + e.what();
    }
    state_ = std::move(r.state);
    if (std::string why = Compare(r.outcome, expect); !why.empty()) return why;
    if (!outs.empty()) {
      auto results = ResultValues(r.outcome);
      if (results.size() != outs.size()) return "the call does not return " +
                                                 std::to_string(outs.size()) + " results";
      for (size_t i = 0; i < outs.size(); ++i) names_[std::string(outs[i])] = results[i];
    }
    return "";
  }

 private:
  std::optional<zx_koid_t> HandleKoid(zx_handle_t h) const {
    const auto& self = std::get<model::Process>(state_.objects.at(state_.initial.self_koid));
    auto it = self.handles.entries.find(h);
    if (it == self.handles.entries.end()) return std::nullopt;
    return it->second.object;
  }

  static std::string Compare(const Outcome& o, std::string_view expect) {
    if (expect.empty()) {
      return o.status == ZX_OK ? "" : "expected ZX_OK, got " + StatusName(o.status);
    }
    if (expect.substr(0, 5) == "ZX_OK" && expect.size() > 5) {
      std::string got = FormatOutcome(o);
      return got == expect ? "" : "expected " + std::string(expect) + ", got " + got;
    }
    std::string got = StatusName(o.status);
    return got == expect ? "" : "expected " + std::string(expect) + ", got " + got;
  }

  const StepFn& step_;
  model::State state_;
  Bindings names_;
};

}  // namespace

ReplayResult ReplayScenario(std::string_view text, const StepFn& step) {
  Interpreter interpreter(step);
  size_t line = 0;
  while (!text.empty()) {
    ++line;
    size_t nl = text.find('\n');
    std::string_view current = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (std::string why = interpreter.Line(current); !why.empty()) return {false, line, why};
  }
  return {true, 0, ""};
}

}  // namespace zxspec::props
