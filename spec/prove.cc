// The prover (see prove.h): a request split into runs (spec/prove_run.h), one row or path table
// of one operation each, run in parallel and merged.
#include "spec/prove.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "model/invariants.h"
#include "model/model.h"
#include "spec/explore.h"
#include "spec/obligations.h"
#include "spec/prove_run.h"
#include "spec/witness.h"

namespace zxspec::spec {
namespace {

void Append(ProveReport& into, ProveReport from) {
  for (auto& r : from.rows) into.rows.push_back(std::move(r));
  for (auto& r : from.steps) into.steps.push_back(std::move(r));
  for (auto& r : from.paths) into.paths.push_back(std::move(r));
  into.smt2 += from.smt2;
}

// A proof run of one row (a state invariant or a step obligation) of one operation, or of its
// path table: every run has a z3::context of its own, so a row's goals meet the same terms
// whatever else is proved (the solver's answers within a budget depend on the context's terms:
// measured, task_kill's vmar-dead-childless took 70 ms alone and timed out after 10 s beside the
// other rows).
struct Unit {
  const OpSpec* op;
  ProveOptions options;
};

std::vector<Unit> UnitsOf(const OpSpec& op, std::span<const SpecInvariant> table,
                          const ProveOptions& o) {
  std::vector<Unit> out;
  auto one = [&](const std::string& id, bool state) {
    ProveOptions u = o;
    u.invariants = {id};
    u.state = state;
    u.steps = !state;
    u.paths = false;
    out.push_back({&op, std::move(u)});
  };
  for (const auto& inv : table) {
    if (o.state && Selected(o.invariants, inv.id)) one(std::string(inv.id), true);
  }
  std::span<const StepObligation> steps =
      o.step_table.empty() ? StepObligations() : std::span<const StepObligation>(o.step_table);
  for (const auto& ob : steps) {
    if (o.steps && Selected(o.invariants, ob.id)) one(std::string(ob.id), false);
  }
  if (o.paths) {
    ProveOptions u = o;
    u.state = u.steps = false;
    out.push_back({&op, std::move(u)});
  }
  return out;
}

// The units of |ops|, |o.threads| at a time, appended in order (operation by operation).
ProveReport RunUnits(const std::vector<const OpSpec*>& ops, std::span<const SpecInvariant> table,
                     const ProveOptions& o, const Explored& explored) {
  std::vector<Unit> units;
  for (const OpSpec* op : ops) {
    for (Unit& u : UnitsOf(*op, table, o)) units.push_back(std::move(u));
  }
  std::vector<ProveReport> parts(units.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < units.size(); i = next++) {
      parts[i] = RunOperation(*units[i].op, table, units[i].options, explored);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::max(1u, o.threads); ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  ProveReport report;
  for (auto& p : parts) Append(report, std::move(p));
  return report;
}

std::vector<std::string> CheckInitialState(std::span<const SpecInvariant> table) {
  std::vector<std::string> out;
  model::State init = model::InitialState();
  for (const auto& v : model::CheckInvariants(init)) out.push_back("model " + v);
  auto a = Abstract(init);
  if (a.is_error()) return {"the initial state has no spec counterpart"};
  z3::context c;
  SymState s = ConcreteState(c, a.value());
  for (const auto& inv : table) {
    if (!EvaluateConcrete(inv.encode(s)).is_true()) {
      out.push_back(std::string(inv.id) + ": false in the initial state");
    }
  }
  return out;
}

}  // namespace

ProveReport ProveOperation(const OpSpec& op, const ProveOptions& options) {
  return ProveOperation(op, SpecInvariants(), options);
}

Explored ExploreFor(const std::vector<const OpSpec*>& ops, const ProveOptions& o) {
  if (o.walks == 0) return {};  // walks give path witnesses and counterexample candidates
  ExploreOptions eo;
  eo.seed = o.seed;
  eo.walks = o.walks;
  eo.steps = o.walk_steps;
  eo.ops = ops;
  eo.path_names = o.path_names;
  auto t0 = Clock::now();
  Explored out;
  try {
    out = Explore(eo);
  } catch (const z3::exception&) {
    // An encoding Z3 rejects: no walk can evaluate it. Its proof run meets the same error and
    // reports it as an unknown row ("z3 error: ..."); the walks' witnesses are dropped.
    return {};
  }
  if (std::getenv("ZXSPEC_PROVE_DEBUG") != nullptr) {
    std::fprintf(stderr, "explore: %zu steps, %zu evaluations, %.0f ms\n", out.steps, out.evaluations, MsSince(t0));
  }
  return out;
}


ProveReport ProveOperation(const OpSpec& op, std::span<const SpecInvariant> invariants,
                           const ProveOptions& options) {
  auto t0 = Clock::now();
  Explored explored = ExploreFor({&op}, options);
  ProveReport r = RunUnits({&op}, invariants, options, explored);
  r.timeout_ms = options.timeout_ms;
  r.operations = 1;
  r.total_ms = MsSince(t0);
  return r;
}

ProveReport ProveAll(const ProveOptions& options) { return ProveAll(options, Operations()); }

bool HasSelectedPath(const OpSpec& op, const std::vector<std::string>& path_names) {
  if (path_names.empty()) return true;
  for (const std::string& name : PathNames(op)) {
    if (Listed(path_names, name)) return true;
  }
  return false;
}

ProveReport ProveAll(const ProveOptions& options, std::span<const OpSpec> table) {
  auto t0 = Clock::now();
  std::vector<const OpSpec*> ops;
  for (const auto& op : table) {
    if (Selected(options.operations, op.name) && HasSelectedPath(op, options.path_names)) ops.push_back(&op);
  }
  Explored explored = ExploreFor(ops, options);
  ProveReport report = RunUnits(ops, SpecInvariants(), options, explored);
  report.timeout_ms = options.timeout_ms;
  report.operations = ops.size();
  try {
    report.initial_state_failures = CheckInitialState(SpecInvariants());
  } catch (const z3::exception& e) {
    report.initial_state_failures.push_back(std::string("z3 error: ") + e.msg());
  }
  for (auto& row : report.rows) {  // never trust what the initial state breaks
    for (const auto& f : report.initial_state_failures) {
      if (f.rfind(row.invariant + ":", 0) == 0) {
        row.status = ProofStatus::kVacuous;
        row.detail = f;
      }
    }
  }
  report.total_ms = MsSince(t0);
  return report;
}

}  // namespace zxspec::spec
