#include "props/zxs.h"

#include <map>
#include <sstream>

#include "api/format.h"
#include "api/syscalls.h"

namespace zxspec::props {
namespace {

// Scenario names of handle values, per owning process (see zxs.h).
class Names {
 public:
  explicit Names(const model::State& s) : initial_(s.initial.self_koid) {
    names_[{initial_, s.initial.job}] = "job";
    names_[{initial_, s.initial.self}] = "self";
    names_[{initial_, s.initial.root}] = "root";
    names_[{initial_, s.initial.vmex}] = "vmex";
  }

  std::string Arg(zx_koid_t owner, zx_handle_t value) const {
    auto it = names_.find({owner, value});
    return it == names_.end() ? std::to_string(value) : it->second;
  }

  std::string Bind(zx_koid_t owner, zx_handle_t value, zx_obj_type_t type) {
    std::string name = owner == initial_ ? "" : "k" + std::to_string(owner) + "_";
    name += (type == ZX_OBJ_TYPE_PROCESS ? "p" : "h") + std::to_string(value);
    names_[{owner, value}] = name;
    return name;
  }

 private:
  zx_koid_t initial_;
  std::map<std::pair<zx_koid_t, zx_handle_t>, std::string> names_;
};

// "a, b = " for the results of |t|, binding its handles; empty when it returned no handle.
std::string BindOutputs(const TraceStep& t, size_t line, Names& names) {
  const auto handles = ResultHandles(t.outcome);
  if (handles.empty()) return "";
  std::vector<std::string> outs;
  for (size_t i = 0; i < handles.size(); ++i) {
    zx_obj_type_t type = i < t.result_types.size() ? t.result_types[i] : ZX_OBJ_TYPE_NONE;
    outs.push_back(names.Bind(t.result_owner, handles[i], type));
  }
  if (std::holds_alternative<VmarAllocateResult>(t.outcome.payload)) {
    outs.push_back("a" + std::to_string(line));  // child_addr
  } else if (std::holds_alternative<ChannelReadResult>(t.outcome.payload)) {
    outs.insert(outs.begin(), "b" + std::to_string(line));  // the message bytes
  }
  std::string s;
  for (const auto& o : outs) s += (s.empty() ? "" : ", ") + o;
  return s + " = ";
}

// The expectation of a line: the status, and for lines without handles a short integer or
// byte-string result (with ZX_OK, or with the error a call returns results with: a TIMED_OUT
// wait's observed signals, HANDLE-052).
std::string Expectation(const Outcome& o) {
  if (o.status != ZX_OK && !std::holds_alternative<U64Result>(o.payload)) return StatusName(o.status);
  if (std::holds_alternative<U64Result>(o.payload) ||
      std::holds_alternative<BytesResult>(o.payload)) {
    std::string full = FormatOutcome(o);
    if (full.size() <= 80) return full;
  }
  return "";
}

// |s| on one comment line.
std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

}  // namespace

std::string FormatScenario(const Trace& trace, const model::State& initial,
                           const ScenarioHeader& h) {
  std::ostringstream os;
  size_t acted = 0;
  for (const auto& t : trace) acted += t.acted ? 1 : 0;
  if (h.title.empty()) {
    os << "# " << OneLine(h.rules) << ": counterexample to property \"" << h.property
       << "\" (zxspec props)\n";
  } else {
    os << "# " << OneLine(h.title) << "\n";
  }
  if (!h.statement.empty()) os << "# " << OneLine(h.statement) << "\n";
  if (!h.message.empty()) os << "# failure: " << OneLine(h.message) << "\n";
  os << "# " << (h.origin.empty() ? "" : h.origin + ", ") << "shrunk to " << acted << " call"
     << (acted == 1 ? "" : "s") << "\n";
  if (!h.reproduce.empty()) os << "# reproduce: " << OneLine(h.reproduce) << "\n";
  if (!h.rerun.empty()) os << "# rerun: " << OneLine(h.rerun) << "\n";

  Names names(initial);
  const zx_koid_t self = initial.initial.self_koid;
  size_t line = 0, idle = 0, seen = 0;
  for (const auto& t : trace) {
    if (!t.acted) {
      ++idle;
      continue;
    }
    ++line;
    ++seen;
    std::string text;
    if (t.action.caller != self) text += "@" + names.Arg(self, t.caller_handle) + " ";
    const zx_koid_t caller = t.action.caller;
    std::string call = FormatCall(t.action.call, [&](zx_handle_t v) { return names.Arg(caller, v); });
    text += BindOutputs(t, line, names) + call;
    // The outcome the property expected of the failing step is pinned in full.
    std::string expect = t.expect ? FormatOutcome(*t.expect) : Expectation(t.outcome);
    if (!expect.empty()) {
      if (text.size() < 48) text.resize(48, ' ');
      text += " -> " + expect;
    }
    if (seen == acted) os << "# " << OneLine(h.last_call_note) << "\n";
    os << text << "\n";
  }
  if (idle > 0) {
    os << "# " << idle << " further generated step" << (idle == 1 ? "" : "s")
       << " had no live caller (process-maps.md P-5) and are left out\n";
  }
  if (!h.witnesses.empty()) os << "# " << OneLine(h.witness_note) << "\n";
  for (const auto& w : h.witnesses) {
    if (!w.why.empty()) os << "# " << OneLine(w.why) << "\n";
    std::string text;
    if (w.caller != self) text += "@" + names.Arg(self, w.caller_handle) + " ";
    if (w.raw.empty()) {
      text += FormatCall(w.call, [&](zx_handle_t v) { return names.Arg(w.caller, v); });
    } else {
      std::string raw = w.raw;
      if (auto at = raw.find("{h}"); at != std::string::npos) {
        raw.replace(at, 3, names.Arg(w.caller, w.raw_handle));
      }
      text += raw;
    }
    if (!w.expect.empty()) {
      if (text.size() < 48) text.resize(48, ' ');
      text += " -> " + w.expect;
    }
    os << (w.dead_caller ? "# " : "") << text << "\n";
  }
  os << "check_invariants()\n";
  return os.str();
}

}  // namespace zxspec::props
