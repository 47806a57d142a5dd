// File: spec/counterexample.h (internal to spec/)
//
// Turning a solver model into something a kernel engineer can read and replay: the pre-state
// slot by slot, the post-state slots that changed, the call in .zxs syntax (handles named h<i>
// after their slot), and, when the pre-state is made of things the initial environment can
// create (root VMOs, streams on them, handles the caller holds), the calls that build it, so the
// text is a scenario file as is. The counterexample is also replayed on model::Step.
#pragma once

#include <string>

#include "spec/invariants.h"
#include "spec/prove.h"

namespace zxspec::spec {

// One "# " comment line per live slot of |v|; with |before|, only the slots that differ.
std::string DescribeState(const StateValue& v, const StateValue* before = nullptr);

// Builds the call, replays it on the model and writes the text.
Counterexample MakeCounterexample(const SpecInvariant& inv, const OpSpec& op, StateValue pre,
                                  StateValue post, ArgValues args, zx_status_t status);

}  // namespace zxspec::spec
