// File: spec/query.h
//
// Questions a user asks the specification (issue 16), answered by Z3 from the encodings of
// spec/ops.h, never from a hand-kept table.
//
// `WhoChanges(q)`: for every path of every encoded call (every way it can end, each with its
// status), whether a call taking that path can change quantity |q| of the state. Each path is
// a step obligation "q unchanged" proved by the prover of spec/prove.h over the unbounded state
// (every state invariant assumed):
//   never    proved: no state satisfying the invariants lets this path change q;
//   changes  a counterexample: a pre-state and arguments where it does, replayed on model::Step
//            (`by_model`: the model's own step changes q there too; its .zxs reproduces it);
//   unknown  the solver gave up (a timeout): neither answer is claimed.
// A quantity compares what exists before and after the call: a VMO's size "changes" only when
// the VMO is alive before and after it (creating a VMO changes no size; `objects` says that).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spec/predicate.h"
#include "spec/prove.h"

namespace zxspec::spec {

struct Quantity {
  std::string name;       // "stream_size", "rights", ... or "field:<state field>"
  std::string meaning;    // what "changes" means, for the user
  // "unchanged" over a call's pre- and post-state.
  Formula (*unchanged)(const SymState& pre, const SymState& post) = nullptr;
  const FieldDesc* field = nullptr;  // a raw state field (name "field:<name>"): any entry differs
};

// The named quantities, then one per state field (spec/state.h Fields()).
std::vector<Quantity> Quantities();
std::optional<Quantity> FindQuantity(std::string_view name);

enum class Change { kNever, kChanges, kUnknown };
std::string_view ToString(Change c);

struct ChangeRow {
  std::string operation;
  std::string path;    // "<rule> <STATUS>[ branch]"
  zx_status_t status = ZX_OK;
  Change answer = Change::kUnknown;
  bool by_model = false;  // kChanges: model::Step changes it from that state as well
  std::string detail;     // the reason of an unknown; the verdict of a change
  std::string zxs;        // kChanges: the pre-state and the call as a .zxs
  double ms = 0;
};

struct ChangeReport {
  std::string quantity;
  std::vector<ChangeRow> rows;
  double total_ms = 0;
};

// The calls of |ops| that |options.operations| selects (empty: all); its timeout, walks and
// threads apply.
ChangeReport WhoChanges(const Quantity& q, const ProveOptions& options,
                        std::span<const OpSpec> ops = Operations());

std::string FormatTable(const ChangeReport& report, bool all_paths);
nlohmann::json ToJson(const ChangeReport& report);

// `zxspec prove --assert EXPR` (spec/predicate.h): the rows of a step obligation "assert" per
// call of |ops|, over the unbounded state with the catalog invariants assumed:
//  - a state predicate P: every path keeps it (P(pre) and the path => P(post)), and it holds in
//    model::InitialState() (else `initial_state_failures` says so): P is then true in every
//    reachable state. A counterexample is a pre-state where P and the catalog hold and the call
//    breaks P: replayed on model::Step, "model-bug" says the model's own step breaks it there
//    (reachable or not: a reached sample's .zxs replays from the initial state), "induction"
//    that the pre-state is not one the model keeps (P may still hold: strengthen it);
//  - a step predicate (old(...) allowed): it holds of every path's pre- and post-state.
inline constexpr const char* kAssertId = "assert";
ProveReport ProveAssertion(const Predicate& p, const ProveOptions& options,
                           std::span<const OpSpec> ops = Operations());

}  // namespace zxspec::spec
