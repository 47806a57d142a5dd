// File: spec/abstraction.h
//
// The bridge between model states and spec states. The spec state has the model's shape
// (spec/state.h), so both directions are field by field:
//
//  - `Abstract` lists a model::State as tables: each object's fields under its koid, each handle
//    under (process, value), each memory, its stored bytes and committed pages, each mapping under
//    (VMAR, base) with one perms point per page, each queued message under (endpoint, position).
//  - `Concretize` builds the model::State back (the initial environment, InitialState().initial,
//    is the same for every reachable state). Concretize(Abstract(s)) == s for every state the
//    model reaches; a table that no model state can have (a handle in a table that is not a
//    process's, a VMO viewing no memory, an unknown object type...) is an error that says so.
//
// Concrete tables list points one by one, so a state whose content, commitments or mappings are
// very large (more than kMaxConcretePoints points in one table) is refused (OUT_OF_RANGE).
#pragma once

#include <string>

#include "api/result.h"
#include "model/state.h"
#include "spec/state.h"

namespace zxspec::spec {

inline constexpr size_t kMaxConcretePoints = size_t{1} << 18;

Result<StateValue> Abstract(const model::State& s);

struct Concretized {
  model::State state;
  std::string problem;  // empty when the state was built
};
// The model state of |v|, or a description of what no model state can hold.
Concretized Concretize(const StateValue& v);

}  // namespace zxspec::spec
