// File: model/invariants.h
//
// The invariant catalog: one registry of named invariants over the model state, each with an id,
// a one-line statement, the rulebook ids it rests on and a checker. The property suites run
// every checker after every step, the scenario pseudo-call `check_invariants` runs them, the Z3
// spec (spec/) encodes the same ids symbolically, and `zxspec invariants` / `zxspec explain`
// print this table.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/state.h"

namespace zxspec::model {

struct InvariantInfo {
  std::string_view id;         // "stream-size-le-size"
  std::string_view statement;  // one line
  std::string_view rules;      // rulebook ids and seeds it rests on
  // nullopt when the invariant holds in |s|, else what is wrong (naming objects by koid).
  std::optional<std::string> (*check)(const State& s);
};

std::span<const InvariantInfo> Invariants();
const InvariantInfo* FindInvariant(std::string_view id);
// "id: what is wrong" for every invariant that is false in |s|.
std::vector<std::string> CheckInvariants(const State& s);

}  // namespace zxspec::model
