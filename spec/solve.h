// File: spec/solve.h (internal to spec/)
//
// What the prover (spec/prove.cc) checks goals with: the two solvers of its portfolio, the
// fields a formula reads (for the frame rule) and the identities a candidate counterexample
// uses (instantiation terms for refinement).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <z3++.h>

#include "spec/logic.h"
#include "spec/witness.h"

namespace zxspec::spec {

// The names of the pre-state fields |f| reads ("pre.<field>" applications).
std::set<std::string> FieldsRead(const Formula& f);

// Checks |formula|: the quick solver for |quick_ms|, then (when |timeout_ms| is larger) the
// robust one for |timeout_ms|. The model of a sat answer is put in |model|; |reason| says why
// unknown.
z3::check_result CheckPortfolio(z3::context& c, const z3::expr& formula, unsigned quick_ms,
                                unsigned timeout_ms, std::optional<z3::model>* model,
                                std::string* reason);

// The identities (koids, memory ids, handle values, queue positions and slots) a candidate's
// pre-state uses as keys, and the koids and memory ids its fields hold, added to |seen| as
// instantiation terms; whether any is new. Offsets and addresses are left out: a state has many
// and the invariants they break are found at the ground terms already.
bool AddValues(z3::context& c, const Concrete& x, std::map<Sort, std::vector<z3::expr>>& seen);

}  // namespace zxspec::spec
