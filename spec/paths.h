// File: spec/paths.h (internal to spec/)
//
// Per-path vacuity and agreement with the model. For each path of an operation:
//  1. Z3 finds a pre-state, caller and arguments that satisfy the assumed invariants and the
//     path's guard (buffers kept short so the call can be built);
//  2. the pre-state is made a model::State (spec/abstraction.h) and must satisfy every model
//     invariant and be closed under model::CollectGarbage (a state the model keeps); if not, the
//     search is repeated with one more instantiation round, then given up: the path is VACUOUS
//     as far as the spec can show;
//  3. the spec's step on that concrete state must take exactly this path, and model::Step must
//     return the same status and result and reach the same post-state, field by field.
#pragma once

#include <vector>

#include "spec/prove.h"
#include "spec/witness.h"

namespace zxspec::spec {

struct PathContext {
  const OpSpec& op;
  z3::context& c;
  const SymState& pre;
  const z3::expr& caller;
  const SymArgs& args;
  const std::vector<Formula>& assumed;
  unsigned timeout_ms;
};

PathRow WitnessPath(const PathContext& ctx, const Path& path);

// A concrete pre-state, caller and arguments within the bounded domain of the witness search
// (numeral koids from ZX_KOID_FIRST, the initial environment pinned, every universal expanded)
// that take |path| and satisfy |extra| (a negated proof goal: a counterexample search), or
// nullopt with |why|.
std::optional<Concrete> FindBounded(const PathContext& ctx, const Path& path,
                                    const std::optional<Formula>& extra, std::string* why);

}  // namespace zxspec::spec
