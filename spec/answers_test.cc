// Answers and effects are checked against model::Step (issue 10, issue 14): a planted wrong
// answer or a lost effect in an encoding shows as a witnessed path that disagrees with the
// model on a reached state, with a .zxs that replays it. The proofs cannot see these bugs (a
// read that answers the wrong bytes keeps every invariant); the path table does.
#include <gtest/gtest.h>

#include <algorithm>

#include "spec/content.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

// The witnessed path |path| of the planted |op| disagrees with model::Step (detail naming
// |why|), replayable as a scenario calling |op|.
void ExpectDisagreement(const OpSpec& op, std::string_view path, std::string_view why) {
  ProveOptions o = PathsOnly();
  o.path_names = {std::string(path)};
  ProveReport r = ProveOperation(op, o);
  bool found = false;
  for (const PathRow& p : r.paths) {
    if (p.path != path) continue;
    EXPECT_TRUE(p.witnessed) << p.detail;
    EXPECT_FALSE(p.agrees) << p.detail << p.zxs;
    EXPECT_NE(p.detail.find(std::string(why)), std::string::npos) << p.detail;
    EXPECT_NE(p.zxs.find(std::string(op.name) + "("), std::string::npos) << p.zxs;
    found = true;
  }
  EXPECT_TRUE(found) << FormatTable(r);
  EXPECT_FALSE(r.ok());
}

// A path name as a template argument.
template <size_t N>
struct PathName {
  char s[N];
  constexpr PathName(const char (&v)[N]) { std::copy_n(v, N, s); }  // NOLINT: implicit
};

// |Op| whose path |P| ends in the pre-state: its effect is lost.
template <const OpSpec& (*Op)(), PathName P>
Paths LosesEffect(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = Op().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name == P.s) p.post = pre;
  }
  return paths;
}

// |Op| whose path |P| answers |answer(pre, object, args)| instead.
template <const OpSpec& (*Op)(), PathName P,
          SymResult (*answer)(const SymState&, const z3::expr&, const SymArgs&)>
Paths Answers(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = Op().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name == P.s) p.result = answer(pre, pre.h_object(caller, a[0]), a);
  }
  return paths;
}

// |Op| planted with LosesEffect on path |P| is caught there, the detail naming |field|.
template <const OpSpec& (*Op)(), PathName P>
void ExpectLostEffectCaught(std::string_view field) {
  ExpectDisagreement(Planted(Op(), &LosesEffect<Op, P>), P.s, field);
}

// |Op| planted with Answers on path |P| is caught there as a wrong result.
template <const OpSpec& (*Op)(), PathName P,
          SymResult (*answer)(const SymState&, const z3::expr&, const SymArgs&)>
void ExpectWrongAnswerCaught() {
  ExpectDisagreement(Planted(Op(), &Answers<Op, P, answer>), P.s, "result");
}

// ---- wrong answers ----

// VMO-031: get_size answering the stream size (they differ once vmo_create rounds a size up,
// RFC-0238).
SymResult StreamSize(const SymState& pre, const z3::expr& k, const SymArgs&) {
  return SymResult::U64Value(ViewOf(pre, k).stream_size);
}
TEST(PlantedAnswers, GetSizeAnsweringTheStreamSize) {
  ExpectWrongAnswerCaught<&VmoGetSizeOp, "VMO-031 ZX_OK", &StreamSize>();
}

// VMO-032 and VMO-052 (RFC-0238): the stream size, not the size.
SymResult Size(const SymState& pre, const z3::expr& k, const SymArgs&) {
  return SymResult::U64Value(ViewOf(pre, k).size);
}
TEST(PlantedAnswers, GetStreamSizeAnsweringTheSize) {
  ExpectWrongAnswerCaught<&VmoGetStreamSizeOp, "VMO-032 ZX_OK", &Size>();
}
TEST(PlantedAnswers, ContentSizePropertyAnsweringTheSize) {
  ExpectWrongAnswerCaught<&ObjectGetPropertyOp, "VMO-052 ZX_OK", &Size>();
}

// VMO-024: a read from byte 0 whatever the offset.
SymResult BytesFromZero(const SymState& pre, const z3::expr& k, const SymArgs& a) {
  return BytesAt(pre, ViewOf(pre, k), U64(pre.ctx(), 0), a[2]);
}
TEST(PlantedAnswers, VmoReadIgnoringTheOffset) {
  ExpectWrongAnswerCaught<&VmoReadOp, "VMO-024 ZX_OK", &BytesFromZero>();
}

// ---- lost effects ----

// HANDLE-012: a close that returns ZX_OK and leaves the handle in the table.
TEST(PlantedEffects, CloseKeepingTheHandle) {
  // (the kept handle, or the object it keeps alive: "h_alive" or "alive" differs)
  ExpectLostEffectCaught<&HandleCloseOp, "HANDLE-012 ZX_OK">("alive differs");
}

// STREAM-053: a seek that answers the target and leaves the stream's seek where it was.
TEST(PlantedEffects, SeekKeepingTheSeek) {
  ExpectLostEffectCaught<&StreamSeekOp, "STREAM-053 ZX_OK">("seek");
}

// STREAM-027: a readv that leaves the seek where it was.
TEST(PlantedEffects, ReadvKeepingTheSeek) {
  ExpectLostEffectCaught<&StreamReadvOp, "STREAM-026 ZX_OK">("seek");
}

// VMO-025: a write that returns ZX_OK and stores nothing.
TEST(PlantedEffects, VmoWriteStoringNothing) {
  ExpectLostEffectCaught<&VmoWriteOp, "VMO-025 ZX_OK">("content");
}

// CHAN-021: a write failing on an entry (no TRANSFER) that leaves the handles it took in the
// caller's table.
TEST(PlantedEffects, FailedWriteKeepingTheTakenHandles) {
  ExpectLostEffectCaught<&ChannelWriteOp, "CHAN-022 (4, transfer) ZX_ERR_ACCESS_DENIED">("alive differs");
}

// CHAN-022 (7): a write that returns ZX_OK and queues nothing.
TEST(PlantedEffects, WriteEtcQueueingNothing) {
  ExpectLostEffectCaught<&ChannelWriteEtcOp, "CHAN-031 (7) ZX_OK">("differs");
}

// VMO-086 (issue 14): a copy-on-write write that reaches the parent's bytes: vmo_write on a COW
// clone writes the memory of the VMO it was cloned from. (immutable-stable rejects it only where
// the parent is IMMUTABLE, a state the prover does not build within its timeout; the path table
// meets it on the walks' clones.)
Paths CowWriteReachesParent(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  z3::expr k = pre.h_object(caller, a[0]), parent = pre.vmo_parent(k);
  z3::expr cow = pre.vmo_kind(k) == U8(c, kKindCowClone) && IsType(pre, parent, ZX_OBJ_TYPE_VMO);
  SymState redirected = pre;
  redirected.vmo_memory = pre.vmo_memory.Set(k, z3::ite(cow, pre.vmo_memory(parent), pre.vmo_memory(k)));
  Paths paths = VmoWriteOp().step(redirected, caller, a);
  for (Path& p : paths) p.post.vmo_memory = pre.vmo_memory;
  return paths;
}

TEST(PlantedEffects, CowWriteReachingTheParent) {
  ExpectDisagreement(Planted(VmoWriteOp(), &CowWriteReachesParent), "VMO-025 ZX_OK", "content");
}

// STREAM-027: a readv_at that moves the seek past what it read, as readv does.
TEST(PlantedEffects, ReadvAtMovingTheSeek) {
  ExpectDisagreement(Planted(StreamReadvAtOp(), &ReadvAtMovesTheSeek), "STREAM-026 ZX_OK", "seek");
}

}  // namespace
}  // namespace zxspec::spec
