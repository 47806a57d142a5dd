// File: spec/prove.h
//
// Push-button proofs over the unbounded spec state, one proof run per encoded operation, each in
// its own z3::context (runs go in parallel, `threads` at a time):
//  1. a havoc pre-state (SymState::Fresh), a fresh caller and fresh arguments, and the paths of
//     the operation (spec/ops.h);
//  2. assumed: every invariant (spec/invariants.h) on the pre-state, the operation's stated
//     bounds ("bound:..."), and each path's choice constraints;
//  3. per path and per obligation: a state invariant's conjuncts on the post-state, and the step
//     obligations (spec/obligations.h) over pre- and post-state. A conjunct that reads no field
//     the path changes holds by frame (it is an assumed conjunct, term for term); the others are
//     goals. The path's assumptions are grounded once for all its goals (spec/logic.h: Skolem
//     constants, instances at the goals' terms) and each goal is checked on top (push / pop):
//     unsat = proved, sat = a candidate counterexample, unknown (timeout) = unknown, never proved;
//  4. a candidate counterexample is made concrete (pre-state, arguments), replayed on
//     model::Step and classified: the model reproduces the violation (a real bug in the model),
//     the spec's post-state violates it but the model's does not (a bug in the encoding), or the
//     pre-state breaks a model invariant (a counterexample to induction: strengthen a lemma).
// Before any of this, every invariant must hold in the concrete initial state
// (model::InitialState()), or its rows are reported vacuous.
//
// No pool bound is assumed: the proofs hold for every state, with the bounds each operation
// states ("bound:handle-values": fewer than 2^30 - 1 - 128 handles ever installed in a table
// before the call, which installs at most 128 (fidl_recv: a read's 64, CHAN-042, then a
// replacement of each, FIDL-020 (5)), so every table stays below GEN-006's 2^30 - 1,
// "bound:identities": fewer than 2^63 koids and memories ever made). What the proofs cost per
// operation: bench/prove_bench.cc (README "Proof cost").
// No z3::exception leaves this API: it becomes an `unknown` row with the message.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/zircon.h"
#include "spec/invariants.h"
#include "spec/obligations.h"
#include "spec/ops.h"

namespace zxspec::spec {

enum class ProofStatus { kProved, kCounterexample, kUnknown, kVacuous };
std::string_view ToString(ProofStatus s);  // "proved", "counterexample", "unknown", "vacuous"

struct ProveOptions {
  unsigned timeout_ms = 10000;          // per solver check
  std::vector<std::string> invariants;  // only these ids (empty: all; step obligation ids too)
  std::vector<std::string> operations;  // only these operations (empty: all)
  // Only these paths of each operation, by name (empty: all): the obligations are proved and the
  // paths witnessed on them alone (a planted bug's test names the path it plants on).
  std::vector<std::string> path_names;
  // Ids the proofs do not assume (to show what a lemma or an invariant is needed for).
  std::vector<std::string> not_assumed;
  // Non-empty: these step obligations instead of StepObligations() (a query's, spec/query.h).
  std::vector<StepObligation> step_table;
  bool state = true;   // prove the state invariants
  bool steps = true;   // prove the step obligations
  bool paths = true;   // witness every path and compare it with model::Step
  int rounds = 1;      // instantiation rounds (spec/logic.h)
  unsigned threads = 2;
  // Also write every goal as SMT-LIB 2 (ProveReport::smt2), quantifiers and all.
  bool smt2 = false;
  // Reachable witnesses: walks of the call generator from the initial state (spec/explore.h).
  uint64_t seed = 1;
  size_t walks = 48;
  size_t walk_steps = 40;
};

// What model::Step makes of a counterexample's pre-state and call.
enum class Verdict {
  kModelBug,      // the model's own post-state violates it too
  kEncodingBug,   // the spec's post-state violates it, the model's does not
  kInduction,     // the pre-state is not a state the model keeps (a model invariant fails)
  kUnreplayable,  // no model state could be built from it
};
std::string_view ToString(Verdict v);

struct Counterexample {
  StateValue pre;
  ArgValues args;
  zx_koid_t caller = 0;
  std::string path;          // the path taken
  zx_status_t status = ZX_OK;
  std::optional<Call> call;
  Verdict verdict = Verdict::kUnreplayable;
  std::string note;          // why not replayable; the model invariants the pre-state breaks
  std::string zxs;           // the pre-state as a .zxs setup where it can be built, and the call
};

struct ProofRow {
  std::string invariant;  // an invariant id or a step obligation id
  std::string operation;
  bool step = false;      // a step obligation
  ProofStatus status = ProofStatus::kUnknown;
  double ms = 0;           // solver time of its goals
  size_t goals = 0;        // conjuncts checked by the solver
  size_t framed = 0;       // conjuncts that hold by frame
  std::string detail;
  std::optional<Counterexample> counterexample;
};

// Per path: a pre-state and arguments that take it (or none: VACUOUS), and what model::Step
// does there.
struct PathRow {
  std::string operation;
  std::string path;
  zx_status_t status = ZX_OK;
  // Where the witness came from: "reachable" (a generated call sequence from the initial state
  // reached it: |zxs| replays it), "solver" (Z3 found a state satisfying every invariant);
  // "proof" for a path proved unreachable.
  std::string source;
  bool witnessed = false;  // a state satisfying every model invariant takes the path
  bool agrees = false;     // model::Step gives the spec's status, result and post-state
  double ms = 0;
  std::string detail;      // what differs, or why no witness was found
  std::string zxs;         // the witness as a .zxs scenario
  // The encoding declares the path unreachable (spec/encode.h Path::unreachable) and Z3 proved
  // that no state satisfying the invariants takes it (|source| "proof"): a good row, like a
  // witnessed one that agrees.
  bool unreachable = false;
  bool good() const { return unreachable || (witnessed && agrees); }
};

struct ProveReport {
  unsigned timeout_ms = 0;
  std::vector<ProofRow> rows;   // state invariants
  std::vector<ProofRow> steps;  // step obligations
  std::vector<PathRow> paths;
  std::vector<std::string> initial_state_failures;  // "id: reason"
  double total_ms = 0;
  size_t operations = 0;
  // With ProveOptions::smt2: one (push) ... (check-sat) (pop) block per goal, each headed by a
  // comment naming the call, path and obligation; every goal holds when its block is unsat.
  std::string smt2;
  bool ok() const;
  size_t Count(ProofStatus s) const;  // over rows and steps
};

// Every selected operation (ProveOptions::operations) with a selected path (path_names).
ProveReport ProveAll(const ProveOptions& options);
// Whether |op| has a path |path_names| selects (empty: every path is selected).
bool HasSelectedPath(const OpSpec& op, const std::vector<std::string>& path_names);
// The same over the operations |ops| (e.g. a test's planted ones) instead of Operations().
ProveReport ProveAll(const ProveOptions& options, std::span<const OpSpec> ops);
// The report of one operation (also one that is not in Operations(), e.g. a test's broken one),
// over the given invariant table.
ProveReport ProveOperation(const OpSpec& op, const ProveOptions& options);
ProveReport ProveOperation(const OpSpec& op, std::span<const SpecInvariant> invariants,
                           const ProveOptions& options);

// Where invariant or obligation |id| is proven: the operations with their rules.
struct ProofRef {
  std::string_view operation;
  std::string_view rules;
};
std::vector<ProofRef> ProofsFor(std::string_view id);

std::string FormatTable(const ProveReport& report);
nlohmann::json ToJson(const ProveReport& report);

}  // namespace zxspec::spec
