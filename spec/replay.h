// File: spec/replay.h (internal to spec/)
//
// A proof's counterexample replayed on model::Step (spec/prove_run.cc): its verdict (the model
// breaks the obligation too, or only the encoding does, or the pre-state is one the model cannot
// hold) and its description as a .zxs; and the handle slots the model's post-state holds, which
// the evaluation of an obligation on a post-state needs as candidates.
#pragma once

#include <functional>

#include "spec/logic.h"
#include "spec/prove.h"
#include "spec/witness.h"

namespace zxspec::spec {

// A counterexample's verdict: whether the model's own step violates what failed.
using Violated = std::function<bool(z3::context& c, const Concrete& x, const SymState& post)>;

// The handle slots model::Step's post-state holds after |x|, as extra candidates for the
// evaluation of an obligation on a post-state.
GroundOptions HandlesAfter(z3::context& c, const OpSpec& op, const Concrete& x);

// |x| on |path| of |op| replayed on model::Step, with its verdict under |violated|.
Counterexample Explain(const OpSpec& op, const Concrete& x, const Path& path, const Violated& violated);

}  // namespace zxspec::spec
