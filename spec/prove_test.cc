// The prover rejects what it claims to rule out (issue 10, exemplars item 22): bugs planted in
// test-only copies of the encodings are each caught by the obligation that names them, with a
// counterexample that replays on model::Step and says whose bug it is, or a VACUOUS path.
#include "spec/prove.h"

#include <gtest/gtest.h>

#include "spec/obligations.h"

namespace zxspec::spec {
namespace {

ProveOptions Only(std::vector<std::string> ids, bool paths = false) {
  ProveOptions o;
  o.invariants = std::move(ids);
  o.paths = paths;
  o.walks = 16;
  return o;
}

// |op| with |step| in place of its own.
OpSpec Planted(const OpSpec& op, Paths (*step)(const SymState&, const z3::expr&, const SymArgs&)) {
  OpSpec copy = op;
  copy.step = step;
  return copy;
}

const ProofRow& Row(const ProveReport& r, std::string_view id) {
  for (const auto& row : r.rows) {
    if (row.invariant == id) return row;
  }
  for (const auto& row : r.steps) {
    if (row.invariant == id) return row;
  }
  static const ProofRow kMissing{"(missing)", "", false, ProofStatus::kUnknown, 0, 0, 0, "", {}};
  return kMissing;
}

// The row |id| of the planted |op| is a counterexample in the encoding (the model's own step
// keeps the property), replayable as a scenario calling |call|.
void ExpectEncodingBug(const OpSpec& op, std::string_view id, std::string_view call) {
  ProveReport r = ProveOperation(op, Only({std::string(id)}));
  const ProofRow& row = Row(r, id);
  ASSERT_EQ(row.status, ProofStatus::kCounterexample) << id << ": " << row.detail;
  ASSERT_TRUE(row.counterexample.has_value());
  EXPECT_EQ(row.counterexample->verdict, Verdict::kEncodingBug) << row.detail;
  EXPECT_NE(row.counterexample->zxs.find(std::string(call) + "("), std::string::npos) << row.detail;
  EXPECT_FALSE(r.ok());
}

// ---- the three bugs of issue 10 ----

// FTP-028, RIGHTS-002: a handle_duplicate that adds SET_PROPERTY|MAP to the duplicate.
Paths DuplicateAddsRights(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = HandleDuplicateOp().step(pre, caller, a);
  for (Path& p : paths) {
    for (const Install& in : p.installs) {
      z3::expr more = p.post.h_rights(in.at) | U32(pre.ctx(), ZX_RIGHT_SET_PROPERTY | ZX_RIGHT_MAP);
      p.post.h_rights = p.post.h_rights.Set(in.at, more);
    }
  }
  return paths;
}

TEST(PlantedBugs, DuplicateAddingRightsBreaksRightsMonotone) {
  ExpectEncodingBug(Planted(HandleDuplicateOp(), &DuplicateAddsRights), "rights-monotone",
                    "handle_duplicate");
}

// RFC-0080: a vmo_set_stream_size that needs only READ (VMO-045 asks for WRITE), so it changes
// the stream size of an IMMUTABLE VMO.
Paths SetStreamSizeNeedsRead(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ,
                          [&](const FoundHandle& h) {
    return SetStreamSizeChecked(pre, ViewOf(pre, h.object), a[1], "VMO-049");
  }, "VMO-045");
}

TEST(PlantedBugs, SetStreamSizeWithReadBreaksImmutableStable) {
  ExpectEncodingBug(Planted(VmoSetStreamSizeOp(), &SetStreamSizeNeedsRead), "immutable-stable",
                    "vmo_set_stream_size");
}

// A stream_writev whose successful half is dead code: it always fails with BAD_STATE. Every
// proof holds of it (nothing changes); its success paths have no witness.
Paths WritevDeadSuccess(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = StreamWritevOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.status == ZX_OK) p.guard = p.guard && Formula(pre.ctx().bool_val(false));
  }
  return paths;
}

TEST(PlantedBugs, DeadSuccessHalfOfStreamWritevIsVacuous) {
  ProveReport r = ProveOperation(Planted(StreamWritevOp(), &WritevDeadSuccess), Only({}, true));
  EXPECT_EQ(r.Count(ProofStatus::kCounterexample), 0u);
  size_t ok_paths = 0;
  for (const PathRow& p : r.paths) {
    if (p.status != ZX_OK || p.source != "solver") continue;
    ++ok_paths;
    EXPECT_FALSE(p.witnessed) << p.path;
    EXPECT_EQ(p.detail.rfind("VACUOUS", 0), 0u) << p.path << ": " << p.detail;
  }
  EXPECT_GE(ok_paths, 2u);  // append and positioned
  EXPECT_FALSE(r.ok());
  EXPECT_NE(FormatTable(r).find("VACUOUS"), std::string::npos);
}

// ---- one more per step obligation ----

// immutable-stable (bytes): a stream_writev that skips STREAM-032's WRITE check writes through
// a read-only stream into an IMMUTABLE VMO. Stepped as if the stream handle had WRITE; the
// handle's rights themselves are left as they were.
Paths WritevSkipsWriteCheck(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  SymState granted = pre;
  z3::expr with_write = pre.h_rights(caller, a[0]) | U32(pre.ctx(), ZX_RIGHT_WRITE);
  granted.h_rights = pre.h_rights.Set(caller, a[0], with_write);
  Paths paths = StreamWritevOp().step(granted, caller, a);
  for (Path& p : paths) p.post.h_rights = pre.h_rights;
  return paths;
}

TEST(PlantedBugs, WritevWithoutWriteRightBreaksImmutableStable) {
  ExpectEncodingBug(Planted(StreamWritevOp(), &WritevSkipsWriteCheck), "immutable-stable",
                    "stream_writev");
}

// rights-monotone: a handle_replace that gives the new handle the rights asked for, without
// HANDLE-030's subset check.
Paths ReplaceGrantsRequested(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = HandleReplaceOp().step(pre, caller, a);
  for (Path& p : paths) {
    for (const Install& in : p.installs) p.post.h_rights = p.post.h_rights.Set(in.at, a[1]);
  }
  return paths;
}

TEST(PlantedBugs, ReplaceGrantingRequestedRightsBreaksRightsMonotone) {
  ExpectEncodingBug(Planted(HandleReplaceOp(), &ReplaceGrantsRequested), "rights-monotone",
                    "handle_replace");
}

// size-frame: a handle_duplicate that also resets every stream size to 0 (RFC-0238: only the
// calls the rulebook names change it).
Paths DuplicateResetsStreamSizes(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = HandleDuplicateOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.status != ZX_OK) continue;
    p.post.m_stream_size =
        p.post.m_stream_size.Update([](const Args&, const z3::expr& old) { return old - old; });
  }
  return paths;
}

TEST(PlantedBugs, DuplicateChangingStreamSizesBreaksSizeFrame) {
  ExpectEncodingBug(Planted(HandleDuplicateOp(), &DuplicateResetsStreamSizes), "size-frame",
                    "handle_duplicate");
}

// error-no-effect: a handle_duplicate that closes its handle argument when it fails (only
// HANDLE-031's replace and VMO-121's replace_as_executable consume on error).
Paths DuplicateConsumesOnError(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = HandleDuplicateOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.status == ZX_OK) continue;
    p.post.h_alive = p.post.h_alive.Set(caller, a[0], pre.ctx().bool_val(false));
  }
  return paths;
}

TEST(PlantedBugs, DuplicateClosingOnErrorBreaksErrorNoEffect) {
  ExpectEncodingBug(Planted(HandleDuplicateOp(), &DuplicateConsumesOnError), "error-no-effect",
                    "handle_duplicate");
}

// A state invariant too: vmo_set_size without VMO-042's stream-size truncation leaves a stream
// size above the new size.
Paths SetSizeKeepsStreamSize(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmoSetSizeOp().step(pre, caller, a);
  for (Path& p : paths) p.post.m_stream_size = pre.m_stream_size;
  return paths;
}

TEST(PlantedBugs, SetSizeWithoutTruncationBreaksStreamSizeLeSize) {
  ExpectEncodingBug(Planted(VmoSetSizeOp(), &SetSizeKeepsStreamSize), "stream-size-le-size",
                    "vmo_set_size");
}

// ---- the real encodings ----

// Every step obligation, every encoded operation: proved (and listed per operation).
TEST(Prove, StepObligationsHoldForEveryOperation) {
  ProveOptions o;
  o.state = false;
  o.paths = false;
  ProveReport r = ProveAll(o);
  EXPECT_EQ(r.steps.size(), Operations().size() * StepObligations().size());
  for (const auto& row : r.steps) {
    EXPECT_EQ(row.status, ProofStatus::kProved) << row.operation << " " << row.invariant << ": "
                                                << row.detail;
  }
}

// Path names are unique within an operation (rows, witnesses and `explain` key on them).
TEST(Prove, PathNamesAreUniquePerOperation) {
  for (const auto& op : Operations()) {
    z3::context c;
    SymState pre = SymState::Fresh(c, "pre");
    std::set<std::string> names;
    for (const Path& p : StepOf(op, pre, c.bv_const("caller", 64), FreshArgs(c, op))) {
      EXPECT_TRUE(names.insert(p.name).second) << op.name << ": " << p.name;
    }
    EXPECT_GE(names.size(), 3u) << op.name;
  }
}

}  // namespace
}  // namespace zxspec::spec
