// Test helpers for spec/ tests: model states the model reaches (walks of the one call
// generator, props/gen.h, from the initial state), spec formulas evaluated on them, and
// encodings with a planted bug.
#pragma once

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "model/model.h"
#include "props/gen.h"
#include "spec/abstraction.h"
#include "spec/logic.h"
#include "spec/ops.h"
#include "spec/prove.h"

namespace zxspec::spec {

// One reached state and the call the walk made there (with model::Step's answer).
struct ReachedStep {
  model::State pre;
  props::Action action;
  model::StepResult result;
};

// |walks| walks of up to |steps| generated calls each, seeded from |seed|, leaving out the calls
// that change nothing (props::ForStateSearch, as exploration's walks).
inline std::vector<ReachedStep> ReachableSteps(uint64_t seed, size_t walks, size_t steps) {
  const props::GenOptions options = props::ForStateSearch();
  std::vector<ReachedStep> out;
  for (size_t w = 0; w < walks; ++w) {
    std::mt19937_64 rng(seed * 1000003 + w);
    model::State state = model::InitialState();
    for (size_t i = 0; i < steps && props::CanAct(state, state.initial.self_koid); ++i) {
      props::Action a;
      try {
        a = props::GenAction(state, options)(rc::Random(rng())).value();
      } catch (const std::exception&) {
        break;
      }
      model::StepResult r = model::Step(state, a.caller, a.call);
      out.push_back({state, a, r});
      state = r.state;
    }
  }
  return out;
}

// Whether |f| (over a state of numerals and tables) is true.
inline bool Holds(const Formula& f) { return EvaluateConcrete(f).is_true(); }

// Options witnessing the path table alone (no proof rows) over 16 walks.
inline ProveOptions PathsOnly() {
  ProveOptions o;
  o.state = false;
  o.steps = false;
  o.walks = 16;
  return o;
}

// Options proving only the rows |ids| (and, with |paths|, the path table) over 16 walks.
inline ProveOptions Only(std::vector<std::string> ids, bool paths = false) {
  ProveOptions o;
  o.invariants = std::move(ids);
  o.paths = paths;
  o.walks = 16;
  return o;
}

// The row (state invariant or step obligation) |id| of |r|.
inline const ProofRow& Row(const ProveReport& r, std::string_view id) {
  for (const auto& row : r.rows) {
    if (row.invariant == id) return row;
  }
  for (const auto& row : r.steps) {
    if (row.invariant == id) return row;
  }
  static const ProofRow kMissing{"(missing)", "", false, ProofStatus::kUnknown, 0, 0, 0, "", {}};
  return kMissing;
}

// The path row |path| of |op| in |r|, or nullptr.
inline const PathRow* FindPath(const ProveReport& r, std::string_view op, std::string_view path) {
  for (const PathRow& p : r.paths) {
    if (p.operation == op && p.path == path) return &p;
  }
  return nullptr;
}

// Each row |o.invariants| of the planted |op| is a counterexample in the encoding (the model's
// own step keeps the property), replayable as a scenario calling |call|. One run for all of them
// (the walks, most of a run's time, are made once).
inline void ExpectEncodingBugsWith(const OpSpec& op, const ProveOptions& o, std::string_view call) {
  ProveReport r = ProveOperation(op, o);
  for (const std::string& id : o.invariants) {
    const ProofRow& row = Row(r, id);
    ASSERT_EQ(row.status, ProofStatus::kCounterexample) << id << ": " << row.detail;
    ASSERT_TRUE(row.counterexample.has_value());
    EXPECT_EQ(row.counterexample->verdict, Verdict::kEncodingBug) << row.detail;
    EXPECT_NE(row.counterexample->zxs.find(std::string(call) + "("), std::string::npos) << row.detail;
  }
  EXPECT_FALSE(r.ok());
}
// The same over the rows |ids|. With |paths|, only those paths (where the bug is planted) are
// proved: the other paths' proofs can only hold, and may take minutes.
inline void ExpectEncodingBugs(const OpSpec& op, const std::vector<std::string>& ids, std::string_view call,
                               std::vector<std::string> paths = {}) {
  ProveOptions o = Only(ids);
  o.path_names = std::move(paths);
  ExpectEncodingBugsWith(op, o, call);
}
inline void ExpectEncodingBug(const OpSpec& op, std::string_view id, std::string_view call,
                              std::vector<std::string> paths = {}) {
  ExpectEncodingBugs(op, {std::string(id)}, call, std::move(paths));
}

// |op| with |step| in place of its own.
inline OpSpec Planted(const OpSpec& op,
                      Paths (*step)(const SymState&, const z3::expr&, const SymArgs&)) {
  OpSpec copy = op;
  copy.step = step;
  return copy;
}

// |paths| with the path |from| taken by the path |into| instead: the check |from| names is
// skipped and the call goes on as |into| does.
inline Paths Skipping(Paths paths, std::string_view from, std::string_view into) {
  Formula skipped = Formula(False(paths.front().guard.ctx()));
  for (const Path& p : paths) {
    if (p.name == from) skipped = p.guard;
  }
  Paths out;
  for (Path& p : paths) {
    if (p.name == from) continue;
    if (p.name == into) p.guard = p.guard || skipped;
    out.push_back(p);
  }
  return out;
}

// The path |path| of the real encoding with its result changed by |edit|.
template <class Edit>
Paths EditResult(Paths paths, std::string_view path, Edit edit) {
  for (Path& p : paths) {
    if (p.name == path) edit(p.result);
  }
  return paths;
}

// Every path of |op| (|paths| of them) is good: witnessed and agreeing with model::Step, or
// proved unreachable.
inline void ExpectEveryPathGood(const OpSpec& op, size_t paths) {
  ProveReport r = ProveOperation(op, Only({"rights-monotone"}, /*paths=*/true));
  EXPECT_TRUE(r.ok()) << FormatTable(r);
  EXPECT_EQ(r.paths.size(), paths);
  for (const PathRow& p : r.paths) {
    EXPECT_TRUE(p.good()) << p.operation << " / " << p.path << ": " << p.detail;
    EXPECT_TRUE(p.unreachable || (p.witnessed && p.agrees)) << p.path << ": " << p.detail;
  }
}

// The (planted) |op|'s path |path| disagrees with model::Step at a reached state.
inline void ExpectPathDisagrees(const OpSpec& op, std::string_view path) {
  ProveReport r = ProveOperation(op, Only({"rights-monotone"}, /*paths=*/true));
  EXPECT_FALSE(r.ok());
  const PathRow* p = FindPath(r, op.name, path);
  ASSERT_NE(p, nullptr) << path;
  EXPECT_FALSE(p->good()) << p->detail;
}

// STREAM-027 planted: a readv_at that moves the seek past what it read, as readv does.
inline Paths ReadvAtMovesTheSeek(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = StreamReadvAtOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name != "STREAM-026 ZX_OK") continue;
    p.post.seek = p.post.seek.Set(pre.h_object(caller, a[0]), a[2] + p.result.values.at(0));
  }
  return paths;
}

}  // namespace zxspec::spec
