// File: spec/solve.h (internal to spec/)
//
// What the prover (spec/prove_run.cc) checks goals with: the two solvers of its portfolio, the
// fields a formula reads (for the frame rule) and the identities a candidate counterexample
// uses (instantiation terms for refinement).
#pragma once

#include <cstdint>
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

// The time budget of one check. Z3 4.8.12's timer pool (scoped_timer) misbehaves when a timer
// expires: a failed compare-exchange overwrites the expected value all timers share, and a
// worker can go back to the pool while still armed, so a timer armed inside another (try_for
// within a solver check that has a timeout) can wait on its own mutex forever (CI hung so in
// Z3_solver_check at 1 ms per check) and a later timer may never fire. So a check arms one
// timer only (the solver's "timeout" or a try_for, never both), and a resource limit of
// kRlimitPerMs units per ms (counted by Z3 itself, no thread) stops a check whose timer did not
// fire. Measured on this spec's goals, checks that ran out of time counted 200 to 5,200 units
// per ms, so the limit does not cut a check the timer would have let finish.
inline constexpr uint64_t kRlimitPerMs = 20000;

// The resource limit of an |ms| budget: |ms| * kRlimitPerMs, at most UINT32_MAX (Z3's limit is
// unsigned: a 3,600,000 ms budget must not wrap to a small one) and never 0 (which is none).
unsigned RlimitFor(unsigned ms);

// Sets |s|'s budget: a resource limit of RlimitFor(|ms|), and the solver's timeout of
// |ms| unless |timer_armed| (the solver is a try_for tactic's, which has its own timer).
void SetBudget(z3::context& c, z3::solver& s, unsigned ms, bool timer_armed);

// Why |s| answered unknown; a resource limit reached is named a timeout of |ms|.
std::string UnknownReason(const z3::solver& s, unsigned ms);

// Checks |formula|: the quick solver for |quick_ms|, then (when |timeout_ms| is larger) the
// robust one for |timeout_ms| and, when it answers unknown, Z3's own solver for |timeout_ms|
// (solve.cc). The model of a sat answer is put in |model|; |reason| says why unknown.
z3::check_result CheckPortfolio(z3::context& c, const z3::expr& formula, unsigned quick_ms,
                                unsigned timeout_ms, std::optional<z3::model>* model,
                                std::string* reason);

// The identities (koids, memory ids, handle values, queue positions and slots) a candidate's
// pre-state uses as keys, and the koids and memory ids its fields hold, added to |seen| as
// instantiation terms; whether any is new. Offsets and addresses are left out: a state has many
// and the invariants they break are found at the ground terms already.
bool AddValues(z3::context& c, const Concrete& x, std::map<Sort, std::vector<z3::expr>>& seen);

}  // namespace zxspec::spec
