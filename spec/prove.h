// File: spec/prove.h
//
// Push-button inductiveness proofs: for each encoded operation (spec/ops.h) and each spec
// invariant (spec/invariants.h), Z3 shows that every pre-state satisfying all invariants is
// taken by the operation, with any arguments, to a post-state satisfying the invariant.
//
// One proof run per operation, in its own z3::context:
//  1. a fresh symbolic pre-state (SymState::Fresh) and fresh arguments;
//  2. every invariant on the pre-state as a tracked assertion named by its id, and the
//     operation's own assumptions (free slots, finite buffers, instances of proven bit-vector
//     facts) under their names;
//  3. guards: the assertions are satisfiable (else the unsat core names the clashing ids), some
//     pre-state lets the operation return ZX_OK, and the encoding's paths cover every pre-state
//     and argument (else the uncovered pre-state is shown);
//  4. per invariant: its negation on the post-state, with the assumptions, in a fresh solver
//     (a non-incremental check lets Z3 preprocess the whole formula); unsat = proved, sat = a
//     counterexample (pre-state, arguments, status, post-state, replayed on the model), unknown
//     (timeout) = failure.
// Before any of this, every invariant must hold in the concrete initial state
// (model::InitialState()), or its rows are vacuous.
//
// The proofs hold for states with at most `Bounds` live slots per pool. No z3::exception leaves
// this API: it becomes an `unknown` row with the message.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/zircon.h"
#include "spec/invariants.h"
#include "spec/ops.h"
#include "spec/state.h"

namespace zxspec::spec {

enum class ProofStatus { kProved, kCounterexample, kUnknown, kVacuous };
std::string_view ToString(ProofStatus s);  // "proved", "counterexample", "unknown", "vacuous"

struct ProveOptions {
  unsigned timeout_ms = 10000;          // per solver check
  std::vector<std::string> invariants;  // only these ids (empty: all spec invariants)
  std::vector<std::string> operations;  // only these operations (empty: all)
  // Ids the proofs do not assume (to show what a lemma or an invariant is needed for); they
  // are still proven when selected.
  std::vector<std::string> not_assumed;
  Bounds bounds;
};

// What model::Step makes of a counterexample's pre-state and call.
struct Replay {
  bool concretized = false;   // the pre-state could be built as a model::State
  std::string note;           // why not, when it could not
  bool pre_ok = false;        // every model invariant holds in the concrete pre-state
  zx_status_t model_status = ZX_OK;
  bool status_agrees = false;  // the model returns the spec's status
  // The model's checker for the invariant fails after the step (catalog invariants only).
  bool post_violates = false;
  std::vector<std::string> post_violations;  // model::CheckInvariants after the step
};

struct Counterexample {
  StateValue pre;
  StateValue post;
  ArgValues args;
  zx_status_t status = ZX_OK;  // the spec's status for the call
  std::optional<Call> call;    // the concrete call (handle arguments as model handle values)
  Replay replay;
  std::string zxs;  // pre-state, post-state and call in .zxs syntax (see counterexample.h)
};

struct ProofRow {
  std::string invariant;
  std::string operation;
  ProofStatus status = ProofStatus::kUnknown;
  double ms = 0;       // this check's solver time
  std::string detail;  // why unknown / vacuous; the counterexample's .zxs text
  std::optional<Counterexample> counterexample;
};

struct ProveReport {
  Bounds bounds;
  unsigned timeout_ms = 0;
  std::vector<ProofRow> rows;
  // The bit-vector facts (spec/facts.h) whose instances encodings assume; each must be proved.
  std::vector<ProofRow> facts;
  // "id: reason" for every invariant that is false in the concrete initial state.
  std::vector<std::string> initial_state_failures;
  double total_ms = 0;
  double guard_ms = 0;  // spent in the vacuity and coverage guards
  bool ok() const;  // every row proved and the initial state satisfies every invariant
  size_t Count(ProofStatus s) const;
};

// Proves the selected invariants for the selected operations of Operations().
ProveReport ProveAll(const ProveOptions& options);

// The rows of one operation's proof run: every selected invariant, for |op| (also an operation
// that is not in Operations(), e.g. a test's deliberately broken transition).
std::vector<ProofRow> ProveOperation(const OpSpec& op, const ProveOptions& options,
                                     double* guard_ms = nullptr);
// The same over an explicit invariant table (what is assumed and what is proven), e.g. one
// with a deliberately wrong invariant.
std::vector<ProofRow> ProveOperation(const OpSpec& op, std::span<const SpecInvariant> invariants,
                                     const ProveOptions& options, double* guard_ms = nullptr);
// Proves every fact of spec/facts.h (one row each, operation "fact").
std::vector<ProofRow> ProveFacts(const ProveOptions& options);

// Where invariant |id| is proven: the operations whose proof run covers it, with their rules.
// Empty when the spec has no encoding of |id|.
struct ProofRef {
  std::string_view operation;
  std::string_view rules;
};
std::vector<ProofRef> ProofsFor(std::string_view id);

// A table with one line per operation and one column per invariant, then the details of every
// row that is not proved.
std::string FormatTable(const ProveReport& report);
nlohmann::json ToJson(const ProveReport& report);

}  // namespace zxspec::spec
