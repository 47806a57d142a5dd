// The inductiveness prover (see prove.h).
#include "spec/prove.h"

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <map>
#include <sstream>

#include "api/constants.h"
#include "model/invariants.h"
#include "spec/abstraction.h"
#include "spec/counterexample.h"
#include "spec/facts.h"
#include "spec/invariants.h"

namespace zxspec::spec {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool Contains(const std::vector<std::string>& v, std::string_view name) {
  return std::find(v.begin(), v.end(), name) != v.end();
}

bool Selected(const std::vector<std::string>& filter, std::string_view name) {
  return filter.empty() || Contains(filter, name);
}

std::vector<const SpecInvariant*> SelectedInvariants(std::span<const SpecInvariant> table,
                                                     const ProveOptions& o) {
  std::vector<const SpecInvariant*> out;
  for (const auto& inv : table) {
    if (Selected(o.invariants, inv.id)) out.push_back(&inv);
  }
  return out;
}

// Every selected invariant gets the same verdict (a failed guard, an exception).
std::vector<ProofRow> AllRows(const OpSpec& op, const std::vector<const SpecInvariant*>& invs,
                              ProofStatus status, const std::string& detail) {
  std::vector<ProofRow> rows;
  for (const auto* inv : invs) {
    rows.push_back(ProofRow{std::string(inv->id), std::string(op.name), status, 0, detail, {}});
  }
  return rows;
}

zx_status_t StatusOf(const z3::model& m, const z3::expr& status) {
  return static_cast<zx_status_t>(
      static_cast<uint32_t>(m.eval(status, true).get_numeral_uint64()));
}

std::string CoreNames(const z3::expr_vector& core) {
  std::string s;
  for (unsigned i = 0; i < core.size(); ++i) {
    s += (i ? ", " : "") + core[static_cast<int>(i)].to_string();
  }
  return s;
}

// The solver for every check: a QF_BV pipeline whose simplifier lifts if-then-else out of
// bit-vector terms and comparisons (push_ite_bv, pull_cheap_ite), so that min/max-style values
// and path-selected fields turn into case splits before bit-blasting.
z3::solver MakeSolver(z3::context& c, unsigned timeout_ms) {
  z3::params ite(c);
  ite.set("push_ite_bv", true);
  ite.set("pull_cheap_ite", true);
  ite.set("ite_extra_rules", true);
  z3::tactic simplify = z3::with(z3::tactic(c, "simplify"), ite);
  z3::solver s = (simplify & z3::tactic(c, "propagate-values") & z3::tactic(c, "solve-eqs") &
                  simplify & z3::tactic(c, "bit-blast") & z3::tactic(c, "sat"))
                     .mk_solver();
  z3::params p(c);
  p.set("timeout", timeout_ms);
  s.set(p);
  return s;
}

// Object slot |i| of |s| is held the way the model keeps objects alive (model/lifecycle.cc): by
// a handle, a mapping, or (VMOs) a stream.
z3::expr Held(const SymState& s, size_t i) {
  std::vector<z3::expr> by;
  for (const auto& h : s.handles) by.push_back(h.alive && h.object == static_cast<int>(i));
  for (const auto& m : s.mappings) by.push_back(m.alive && m.vmo == static_cast<int>(i));
  for (const auto& st : s.objects) {
    by.push_back(st.alive && IsType(st, ZX_OBJ_TYPE_STREAM) &&
                 st.stream_vmo == static_cast<int>(i));
  }
  return OrAll(s.ctx(), by);
}

// A model of |assumptions| and |goal| with as few live slots in |pre| as the solver finds
// within |timeout_ms| (a readable counterexample), preferring objects that something holds (so
// that model::Step's garbage collection keeps them when the counterexample is replayed), or
// nullopt.
std::optional<z3::model> SmallModel(z3::context& c, unsigned timeout_ms,
                                    const z3::expr& assumptions, const z3::expr& goal,
                                    const SymState& pre) {
  z3::optimize opt(c);
  z3::params p(c);
  p.set("timeout", timeout_ms);
  opt.set(p);
  opt.add(assumptions);
  opt.add(goal);
  auto prefer_dead = [&](const auto& pool) {
    for (const auto& slot : pool) opt.add_soft(!slot.alive, 1);
  };
  prefer_dead(pre.memories);
  prefer_dead(pre.objects);
  for (size_t i = 0; i < pre.objects.size(); ++i) {
    opt.add_soft(!pre.objects[i].alive || Held(pre, i), 3);
  }
  prefer_dead(pre.handles);
  prefer_dead(pre.mappings);
  if (opt.check() != z3::sat) return std::nullopt;
  return opt.get_model();
}

// The post-state and status of the path whose guard holds in |m|.
struct Taken {
  StateValue post;
  zx_status_t status = ZX_OK;
};
Taken TakenPath(const z3::model& m, const Paths& paths) {
  for (const Path& p : paths) {
    if (m.eval(p.guard, true).is_true()) return {p.state.Eval(m), StatusOf(m, p.status)};
  }
  return {};
}

// A fresh non-incremental solver holding |assumptions| and |goal|.
z3::check_result CheckOnce(z3::context& c, unsigned timeout_ms, const z3::expr& assumptions,
                           const z3::expr& goal, std::optional<z3::model>* model,
                           std::string* reason) {
  z3::solver s = MakeSolver(c, timeout_ms);
  s.add(assumptions);
  s.add(goal);
  z3::check_result r = s.check();
  if (r == z3::sat && model != nullptr) *model = s.get_model();
  if (r == z3::unknown && reason != nullptr) *reason = s.reason_unknown();
  return r;
}

// The proof run of |op| (see prove.h, steps 1-4). |guard_ms| accumulates the guards' time.
std::vector<ProofRow> Run(const OpSpec& op, std::span<const SpecInvariant> table,
                          const std::vector<const SpecInvariant*>& invs, const ProveOptions& o,
                          double* guard_ms) {
  z3::context c;
  SymState pre = SymState::Fresh(c, o.bounds, "pre");
  SymArgs args = FreshArgs(c, op);
  SymStep step = op.step(pre, args);
  auto t0 = Clock::now();

  // Guard 1: the assumptions are satisfiable. Z3's general solver, which gives unsat cores.
  z3::solver tracked(c);
  z3::params tracked_params(c);
  tracked_params.set("timeout", o.timeout_ms);
  tracked.set(tracked_params);
  std::vector<z3::expr> assumed;
  std::map<std::string, int> uses;  // tracked names must be unique: "fact:x", "fact:x#2", ...
  auto track = [&](const std::string& name, const z3::expr& e) {
    int n = ++uses[name];
    tracked.add(e, (n == 1 ? name : name + "#" + std::to_string(n)).c_str());
    assumed.push_back(e);
  };
  for (const auto& inv : table) {
    if (!Contains(o.not_assumed, inv.id)) {
      track(std::string(inv.id), inv.encode(pre));
    }
  }
  for (const auto& a : step.assumes) track(a.name, a.e);
  z3::expr assumptions = AndAll(c, assumed);
  switch (tracked.check()) {
    case z3::unsat:
      *guard_ms += MsSince(t0);
      return AllRows(op, invs, ProofStatus::kVacuous,
                     "the assumptions contradict each other: " + CoreNames(tracked.unsat_core()));
    case z3::unknown:
      *guard_ms += MsSince(t0);
      return AllRows(op, invs, ProofStatus::kUnknown, "assumptions: " + tracked.reason_unknown());
    case z3::sat:
      break;
  }
  std::string reason;  // guard 2: the operation can succeed
  z3::check_result can_succeed =
      CheckOnce(c, o.timeout_ms, assumptions, StatusOf(step.paths) == StatusVal(c, ZX_OK),
                nullptr, &reason);
  if (can_succeed != z3::sat) {
    *guard_ms += MsSince(t0);
    return AllRows(op, invs,
                   can_succeed == z3::unsat ? ProofStatus::kVacuous : ProofStatus::kUnknown,
                   can_succeed == z3::unsat
                       ? "no pre-state satisfying the invariants lets the call return ZX_OK"
                       : "success guard: " + reason);
  }
  std::optional<z3::model> uncovered;  // guard 3: the paths cover every pre-state and argument
  z3::check_result gap =
      CheckOnce(c, o.timeout_ms, assumptions, !Covered(step.paths), &uncovered, &reason);
  *guard_ms += MsSince(t0);
  if (gap == z3::unknown) return AllRows(op, invs, ProofStatus::kUnknown, "coverage: " + reason);
  if (gap == z3::sat) {
    return AllRows(op, invs, ProofStatus::kVacuous,
                   "the encoding has no path for this pre-state:\n" +
                       DescribeState(pre.Eval(*uncovered)));
  }

  std::vector<ProofRow> rows;
  for (const auto* inv : invs) {
    ProofRow row{std::string(inv->id), std::string(op.name), ProofStatus::kUnknown, 0, "", {}};
    std::optional<z3::model> m;
    auto t1 = Clock::now();
    z3::check_result r = CheckOnce(c, o.timeout_ms, assumptions,
                                   !HoldsAfter(step.paths, inv->encode, assumptions), &m,
                                   &reason);
    row.ms = MsSince(t1);
    if (r == z3::unsat) {
      row.status = ProofStatus::kProved;
    } else if (r == z3::unknown) {
      row.detail = "solver: " + reason;
    } else {
      z3::expr goal = !HoldsAfter(step.paths, inv->encode, assumptions);
      if (auto small = SmallModel(c, o.timeout_ms, assumptions, goal, pre)) m = small;
      ArgValues values;
      for (const auto& a : args) values.push_back(m->eval(a, true).get_numeral_uint64());
      Taken t = TakenPath(*m, step.paths);
      row.status = ProofStatus::kCounterexample;
      row.counterexample = MakeCounterexample(*inv, op, pre.Eval(*m), t.post, values, t.status);
      row.detail = row.counterexample->zxs;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// "id: reason" for each spec invariant that the concrete initial state violates.
std::vector<std::string> CheckInitialState() {
  std::vector<std::string> out;
  model::State init = model::InitialState();
  for (const auto& v : model::CheckInvariants(init)) out.push_back("model " + v);
  auto a = Abstract(init, init.initial.self_koid);
  if (a.is_error()) return {"the initial state has no spec counterpart"};
  z3::context c;
  SymState s = SymState::Const(c, a.value().value);
  for (const auto& inv : SpecInvariants()) {
    z3::expr v = inv.encode(s).simplify();
    if (!v.is_true()) out.push_back(std::string(inv.id) + ": false in the initial state");
  }
  return out;
}

std::string Cell(const ProofRow& r) {
  std::ostringstream os;
  switch (r.status) {
    case ProofStatus::kProved:
      os << "ok " << std::fixed << std::setprecision(0) << r.ms << "ms";
      return os.str();
    case ProofStatus::kCounterexample:
      return "COUNTEREX";
    case ProofStatus::kUnknown:
      return "UNKNOWN";
    case ProofStatus::kVacuous:
      return "VACUOUS";
  }
  return "?";
}

}  // namespace

std::string_view ToString(ProofStatus s) {
  switch (s) {
    case ProofStatus::kProved:
      return "proved";
    case ProofStatus::kCounterexample:
      return "counterexample";
    case ProofStatus::kUnknown:
      return "unknown";
    case ProofStatus::kVacuous:
      return "vacuous";
  }
  return "unknown";
}

bool ProveReport::ok() const {
  bool facts_ok = std::all_of(facts.begin(), facts.end(), [](const ProofRow& r) {
    return r.status == ProofStatus::kProved;
  });
  return facts_ok && initial_state_failures.empty() && Count(ProofStatus::kProved) == rows.size();
}

size_t ProveReport::Count(ProofStatus s) const {
  return static_cast<size_t>(
      std::count_if(rows.begin(), rows.end(), [&](const ProofRow& r) { return r.status == s; }));
}

std::vector<ProofRow> ProveOperation(const OpSpec& op, const ProveOptions& options,
                                     double* guard_ms) {
  return ProveOperation(op, SpecInvariants(), options, guard_ms);
}

std::vector<ProofRow> ProveOperation(const OpSpec& op, std::span<const SpecInvariant> invariants,
                                     const ProveOptions& options, double* guard_ms) {
  std::vector<const SpecInvariant*> invs = SelectedInvariants(invariants, options);
  if (invs.empty()) return {};
  double ignored = 0;
  try {
    return Run(op, invariants, invs, options, guard_ms != nullptr ? guard_ms : &ignored);
  } catch (const z3::exception& e) {
    return AllRows(op, invs, ProofStatus::kUnknown, std::string("z3 error: ") + e.msg());
  }
}

std::vector<ProofRow> ProveFacts(const ProveOptions& options) {
  std::vector<ProofRow> rows;
  for (const auto& f : Facts()) {
    ProofRow row{std::string(f.id), "fact", ProofStatus::kUnknown, 0, std::string(f.statement), {}};
    try {
      z3::context c;
      std::vector<z3::expr> vars;
      for (unsigned i = 0; i < f.arity; ++i) vars.push_back(c.bv_const(("v" + std::to_string(i)).c_str(), 64));
      std::string reason;
      auto t0 = Clock::now();
      z3::check_result r = CheckOnce(c, options.timeout_ms, c.bool_val(true),
                                     !f.instance(vars.data()), nullptr, &reason);
      row.ms = MsSince(t0);
      row.status = r == z3::unsat  ? ProofStatus::kProved
                   : r == z3::sat ? ProofStatus::kCounterexample
                                  : ProofStatus::kUnknown;
      if (r == z3::unknown) row.detail += " (solver: " + reason + ")";
    } catch (const z3::exception& e) {
      row.detail = std::string("z3 error: ") + e.msg();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

ProveReport ProveAll(const ProveOptions& options) {
  auto t0 = Clock::now();
  ProveReport report;
  report.bounds = options.bounds;
  report.timeout_ms = options.timeout_ms;
  try {
    report.initial_state_failures = CheckInitialState();
  } catch (const z3::exception& e) {
    report.initial_state_failures.push_back(std::string("z3 error: ") + e.msg());
  }
  report.facts = ProveFacts(options);
  for (const auto& op : Operations()) {
    if (!Selected(options.operations, op.name)) continue;
    for (auto& row : ProveOperation(op, options, &report.guard_ms)) {
      report.rows.push_back(std::move(row));
    }
  }
  if (!report.initial_state_failures.empty()) {  // never trust what the initial state breaks
    for (auto& row : report.rows) {
      for (const auto& f : report.initial_state_failures) {
        if (f.rfind(row.invariant + ":", 0) == 0 && row.status == ProofStatus::kProved) {
          row.status = ProofStatus::kVacuous;
          row.detail = f;
        }
      }
    }
  }
  report.total_ms = MsSince(t0);
  return report;
}

std::vector<ProofRef> ProofsFor(std::string_view id) {
  std::vector<ProofRef> out;
  if (FindSpecInvariant(id) == nullptr) return out;
  for (const auto& op : Operations()) out.push_back({op.name, op.rules});
  return out;
}

std::string FormatTable(const ProveReport& report) {
  std::vector<std::string> ops, invs;
  for (const auto& r : report.rows) {
    if (std::find(ops.begin(), ops.end(), r.operation) == ops.end()) ops.push_back(r.operation);
    if (std::find(invs.begin(), invs.end(), r.invariant) == invs.end()) invs.push_back(r.invariant);
  }
  size_t w0 = 9;
  for (const auto& op : ops) w0 = std::max(w0, op.size());
  std::vector<size_t> w;
  for (const auto& id : invs) w.push_back(std::max<size_t>(id.size(), 9));
  std::ostringstream os;
  os << std::left << std::setw(static_cast<int>(w0)) << "operation";
  for (size_t j = 0; j < invs.size(); ++j) os << "  " << std::setw(static_cast<int>(w[j])) << invs[j];
  os << "\n";
  for (const auto& op : ops) {
    os << std::setw(static_cast<int>(w0)) << op;
    for (size_t j = 0; j < invs.size(); ++j) {
      std::string cell = "-";
      for (const auto& r : report.rows) {
        if (r.operation == op && r.invariant == invs[j]) cell = Cell(r);
      }
      os << "  " << std::setw(static_cast<int>(w[j])) << cell;
    }
    os << "\n";
  }
  os << "\n"
     << report.Count(ProofStatus::kProved) << " proved, "
     << report.Count(ProofStatus::kCounterexample) << " counterexamples, "
     << report.Count(ProofStatus::kUnknown) << " unknown, " << report.Count(ProofStatus::kVacuous)
     << " vacuous; " << std::fixed << std::setprecision(0) << report.total_ms
     << " ms in total; bounds: " << report.bounds.memories << " memories, "
     << report.bounds.objects << " objects, " << report.bounds.handles << " handles, "
     << report.bounds.mappings << " mappings; timeout " << report.timeout_ms << " ms per check\n";
  os << "vacuity and coverage guards: " << std::fixed << std::setprecision(0) << report.guard_ms
     << " ms\n";
  for (const auto& f : report.facts) {
    os << f.invariant << ": " << ToString(f.status) << " (" << std::setprecision(0) << f.ms
       << "ms) " << f.detail << "\n";
  }
  for (const auto& f : report.initial_state_failures) os << "initial state: " << f << "\n";
  for (const auto& r : report.rows) {
    if (r.status == ProofStatus::kProved) continue;
    os << "\n== " << r.invariant << " after " << r.operation << ": " << ToString(r.status)
       << "\n"
       << r.detail << (r.detail.empty() || r.detail.back() == '\n' ? "" : "\n");
  }
  return os.str();
}

namespace {

template <class V>
nlohmann::json PoolJson(const std::vector<V>& pool, const auto& fields) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& slot : pool) {
    nlohmann::json j;
    ZipFields(slot, slot, [&](size_t i, uint64_t x, uint64_t) {
      if (fields[i].bits == 0) {
        j[fields[i].name] = x != 0;
      } else {
        j[fields[i].name] = x;
      }
    });
    out.push_back(j);
  }
  return out;
}

nlohmann::json StateJson(const StateValue& v) {
  return {{"memories", PoolJson(v.memories, kMemoryFields)},
          {"objects", PoolJson(v.objects, kObjectFields)},
          {"handles", PoolJson(v.handles, kHandleFields)},
          {"mappings", PoolJson(v.mappings, kMappingFields)}};
}

nlohmann::json CounterexampleJson(const Counterexample& cx) {
  nlohmann::json j = {{"pre", StateJson(cx.pre)},
                      {"post", StateJson(cx.post)},
                      {"args", cx.args},
                      {"status", StatusName(cx.status)},
                      {"zxs", cx.zxs}};
  j["replay"] = {{"concretized", cx.replay.concretized},
                 {"note", cx.replay.note},
                 {"pre_ok", cx.replay.pre_ok},
                 {"model_status", StatusName(cx.replay.model_status)},
                 {"status_agrees", cx.replay.status_agrees},
                 {"post_violates", cx.replay.post_violates},
                 {"post_violations", cx.replay.post_violations}};
  return j;
}

}  // namespace

nlohmann::json ToJson(const ProveReport& report) {
  nlohmann::json facts = nlohmann::json::array();
  for (const auto& f : report.facts) {
    facts.push_back({{"fact", f.invariant},
                     {"status", ToString(f.status)},
                     {"ms", f.ms},
                     {"statement", f.detail}});
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : report.rows) {
    nlohmann::json j = {{"invariant", r.invariant},
                        {"operation", r.operation},
                        {"status", ToString(r.status)},
                        {"ms", r.ms},
                        {"detail", r.detail}};
    if (r.counterexample) j["counterexample"] = CounterexampleJson(*r.counterexample);
    rows.push_back(j);
  }
  return {{"bounds",
           {{"memories", report.bounds.memories},
            {"objects", report.bounds.objects},
            {"handles", report.bounds.handles},
            {"mappings", report.bounds.mappings}}},
          {"timeout_ms", report.timeout_ms},
          {"total_ms", report.total_ms},
          {"guard_ms", report.guard_ms},
          {"ok", report.ok()},
          {"initial_state_failures", report.initial_state_failures},
          {"summary",
           {{"proved", report.Count(ProofStatus::kProved)},
            {"counterexample", report.Count(ProofStatus::kCounterexample)},
            {"unknown", report.Count(ProofStatus::kUnknown)},
            {"vacuous", report.Count(ProofStatus::kVacuous)}}},
          {"rows", rows},
          {"facts", facts}};
}

}  // namespace zxspec::spec
