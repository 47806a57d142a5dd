// who-changes answers from the encodings (issue 16): the paths that change a quantity are
// exactly the ones the rulebook names, each change replayed on model::Step, and the ones that
// do not are proved. A planted encoding that changes more is caught.
#include <gtest/gtest.h>

#include <set>

#include "spec/query.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

using Answers = std::set<std::pair<std::string, std::string>>;  // (operation, path)

ProveOptions Calls(std::vector<std::string> ops) {
  ProveOptions o;
  o.operations = std::move(ops);
  o.walks = 16;
  return o;
}

// The (operation, path) pairs answered |a|; every row answered (no unknown).
Answers With(const ChangeReport& r, Change a) {
  Answers out;
  for (const ChangeRow& row : r.rows) {
    EXPECT_NE(row.answer, Change::kUnknown) << row.operation << " " << row.path << ": " << row.detail;
    if (row.answer == a) out.insert({row.operation, row.path});
  }
  return out;
}

// RFC-0238: which calls change a live VMO's stream size. vmo_set_size only when it shrinks
// below the stream size (VMO-042); the reads, get_size and duplicate never.
TEST(WhoChanges, StreamSizeIsChangedByTheCallsTheRulebookNames) {
  ChangeReport r = WhoChanges(*FindQuantity("stream_size"),
                              Calls({"vmo_set_size", "vmo_set_stream_size", "vmo_read",
                                     "vmo_get_size", "handle_duplicate", "stream_readv"}));
  Answers changes = With(r, Change::kChanges);
  EXPECT_EQ(changes, (Answers{{"vmo_set_size", "VMO-041 (shrink) ZX_OK"},
                              {"vmo_set_stream_size", "VMO-049 ZX_OK"}}));
  for (const ChangeRow& row : r.rows) {
    if (row.answer != Change::kChanges) continue;
    EXPECT_TRUE(row.by_model) << row.path << ": " << row.detail;  // a change the model makes
    EXPECT_NE(row.zxs.find(row.operation + "("), std::string::npos) << row.zxs;
  }
  EXPECT_GE(With(r, Change::kNever).size(), 20u);
  EXPECT_NE(FormatTable(r, false).find("vmo_set_size  VMO-041 (shrink) ZX_OK  changes"),
            std::string::npos)
      << FormatTable(r, false);
}

// FTP-028: no call changes the rights of a handle that survives it (rights only drop by making a
// new handle: duplicate, replace).
TEST(WhoChanges, NoCallChangesALiveHandlesRights) {
  ChangeReport r = WhoChanges(*FindQuantity("rights"),
                              Calls({"handle_duplicate", "handle_close", "vmo_set_size",
                                     "stream_seek", "object_get_property"}));
  EXPECT_TRUE(With(r, Change::kChanges).empty());
  EXPECT_GE(r.rows.size(), 20u);
}

// A raw state field: the seek field changes on the paths that move a seek, and only there.
TEST(WhoChanges, RawFieldSeek) {
  ChangeReport r = WhoChanges(*FindQuantity("field:seek"),
                              Calls({"stream_seek", "stream_readv", "stream_readv_at"}));
  EXPECT_EQ(With(r, Change::kChanges),
            (Answers{{"stream_seek", "STREAM-053 ZX_OK"}, {"stream_readv", "STREAM-026 ZX_OK"}}));
}

// The answer comes from the encoding: a readv_at that moves the seek is reported as changing
// it (and model::Step does not: the verdict says whose change it is).
TEST(WhoChanges, FollowsTheEncoding) {
  Quantity seek = *FindQuantity("seek");
  ChangeReport honest = WhoChanges(seek, Calls({"stream_readv_at"}));
  EXPECT_TRUE(With(honest, Change::kChanges).empty());
  // The planted call is not in Operations(): given as the calls to ask about.
  OpSpec planted = Planted(StreamReadvAtOp(), &ReadvAtMovesTheSeek);
  ChangeReport bug = WhoChanges(seek, Calls({"stream_readv_at"}), std::span<const OpSpec>(&planted, 1));
  ASSERT_EQ(With(bug, Change::kChanges), (Answers{{"stream_readv_at", "STREAM-026 ZX_OK"}}));
  for (const ChangeRow& row : bug.rows) {
    if (row.answer != Change::kChanges) continue;
    EXPECT_FALSE(row.by_model) << row.detail;
  }
}

TEST(WhoChanges, QuantitiesAreKnownByName) {
  EXPECT_TRUE(FindQuantity("immutable").has_value());
  EXPECT_TRUE(FindQuantity("field:committed").has_value());
  EXPECT_FALSE(FindQuantity("stream size").has_value());
  EXPECT_FALSE(FindQuantity("field:nope").has_value());
}

}  // namespace
}  // namespace zxspec::spec
