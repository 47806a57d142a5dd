// File: spec/prove_run.h (internal to spec/)
//
// One proof run (spec/prove_run.cc): the selected rows (state invariants, step obligations) or
// the path table of one operation, in a z3::context of its own; and the small helpers
// spec/prove.cc shares with it. spec/prove.cc splits a request into runs and merges them.
#pragma once

#include <algorithm>
#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spec/explore.h"
#include "spec/prove.h"

namespace zxspec::spec {

using Clock = std::chrono::steady_clock;

inline double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// The run of |op| for the rows and paths |o| selects, with the walks' witnesses and samples
// |explored|. A z3::exception becomes an unknown row "*" with its message.
ProveReport RunOperation(const OpSpec& op, std::span<const SpecInvariant> table,
                         const ProveOptions& o, const Explored& explored);

}  // namespace zxspec::spec
