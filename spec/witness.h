// File: spec/witness.h (internal to spec/)
//
// From a solver model to something concrete: the pre-state, caller and arguments of a
// counterexample or of a path witness (`FromModel`), their description in words, and what
// model::Step does with them.
//
// A solver model interprets every field as a function on all of its domain; only the points the
// grounded formula mentions matter to it, so the concrete state keeps exactly those: each
// uninterpreted application in the formula, evaluated. Every other point has its default, which
// changes no truth value of the formula.
#pragma once

#include <string>

#include "api/outcome.h"
#include "model/state.h"
#include "spec/abstraction.h"
#include "spec/ops.h"

namespace zxspec::spec {

struct Concrete {
  StateValue pre;
  zx_koid_t caller = 0;
  ArgValues args;
};

// How many objects are alive in |x|'s pre-state (the walks keep and try the largest first).
inline size_t LiveObjects(const Concrete& x) { return x.pre.at(&SymState::alive).size(); }

// The concrete pre-state, caller and arguments of |m|, reading the points |formula| mentions.
// Buffer arguments longer than |max_buffer| elements are cut (their length is kept).
Concrete FromModel(const z3::model& m, const SymState& pre, const z3::expr& caller,
                   const OpSpec& op, const SymArgs& args, const z3::expr& formula);

// One "# " line per live object, handle, memory, mapping and queued message of |v|.
std::string DescribeState(const StateValue& v);

// The spec's step on a concrete state: the paths whose guards hold (exactly one when the
// encoding is deterministic there).
struct ConcreteStep {
  std::vector<Path> taken;
};
// With |model_post|, the path's choices (garbage collection) are the model's own (spec/lifecycle.h).
ConcreteStep StepConcrete(z3::context& c, const OpSpec& op, const Concrete& x,
                          const StateValue* model_post = nullptr);
// "" when the choice constraints of |p| (over a concrete state) hold, else the first that fails.
std::string BrokenChoice(const Path& p);

// The spec post-state of |p| as tables, given the points |hint| lists (every point where either
// state has a non-default value is compared by `SamePost`).
// Whether the spec's post-state |post| (over a concrete pre-state) equals |model_post| at every
// point; |diff| names the first field that differs.
bool SamePost(z3::context& c, const SymState& post, const StateValue& model_post, std::string* diff);
// Whether the spec's result |r| equals the model's payload; |diff| says how not.
bool SameResult(const SymResult& r, const Outcome& model, std::string* diff);

// Compares the spec's path |taken| (stepped on a concrete state) with the model's |r|: status,
// result, post-state and the path's choice constraints; "" when they agree, else the first
// difference.
std::string CompareWithModel(z3::context& c, const Path& taken, const model::StepResult& r);

// The call line of |x| in .zxs syntax.
std::string CallLine(const OpSpec& op, const Concrete& x);

}  // namespace zxspec::spec
