// File: spec/explore.h (internal to spec/)
//
// Reachable witnesses for the per-path checks: walks of the one call generator (props/gen.h)
// from the initial state; every step whose call an encoded operation accepts is also stepped in
// the spec, on the abstraction of the state the walk reached. The first time a path is taken,
// the spec's status, result and post-state are compared with model::Step's, and the walk so far
// is kept as a scenario that replays to that call. Fixtures (spec/fixtures.h: a VMO
// with distinct bytes and a name, streams, an IMMUTABLE snapshot, DISCARDABLE VMOs, a queued
// message carrying a handle) are tried with typical and boundary arguments; while a path is
// unreached after the walks, further walks draw only from the watched operations' families.
// Paths none of this reaches are left to the solver (spec/paths.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "spec/prove.h"
#include "spec/witness.h"

namespace zxspec::spec {

struct ExploreOptions {
  uint64_t seed = 1;
  size_t walks = 48;
  size_t steps = 40;
  // The operations to watch; a call is stepped in the spec until |per_op_budget| calls of its
  // operation were, or every path of it seen so far agrees and none is new for a while.
  std::vector<const OpSpec*> ops;
  size_t per_op_budget = 400;
  // Only these paths are witnessed and sampled (empty: all; ProveOptions::path_names): the walks
  // end once they are reached, and calls taking another path are not compared with the model.
  std::vector<std::string> path_names;
};

using PathSamples = std::map<std::string, std::vector<Concrete>>;  // path -> reached pre-states

struct Explored {
  std::map<std::string, std::map<std::string, PathRow>> rows;  // operation -> path -> row
  // operation -> path -> the kSamples largest reached states that took it (candidates a proof
  // checks concretely when the solver gives no answer: a reachable counterexample).
  std::map<std::string, PathSamples> samples;
  static constexpr size_t kSamples = 12;
  size_t steps = 0;        // generated calls run
  size_t evaluations = 0;  // of them, stepped in the spec
};

Explored Explore(const ExploreOptions& options);

}  // namespace zxspec::spec
