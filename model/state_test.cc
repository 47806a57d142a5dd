// PageSet, the committed-page set of a Memory (vmo.md VMO-133): runs stay canonical, so states
// compare equal exactly when the sets are equal, and huge ranges are cheap.
#include <gtest/gtest.h>

#include "model/state.h"

namespace zxspec::model {
namespace {

PageSet Of(std::initializer_list<std::pair<uint64_t, uint64_t>> runs) {
  PageSet s;
  for (auto [first, end] : runs) s.InsertRange(first, end);
  return s;
}

TEST(PageSet, InsertMergesAdjacentAndOverlappingRuns) {
  PageSet s = Of({{0, 2}, {5, 7}});
  EXPECT_EQ(s.size(), 4u);
  s.InsertRange(2, 5);  // touches both neighbours
  EXPECT_EQ(s, Of({{0, 7}}));
  EXPECT_EQ(s.size(), 7u);
  s.insert(3);  // already inside
  EXPECT_EQ(s, Of({{0, 7}}));
  s.InsertRange(9, 9);  // empty range: no effect
  EXPECT_EQ(s, Of({{0, 7}}));
  // Insertion order does not matter (canonical form).
  EXPECT_EQ(Of({{4, 6}, {0, 2}, {2, 4}}), Of({{0, 6}}));
}

TEST(PageSet, EraseSplitsRuns) {
  PageSet s = Of({{0, 10}});
  s.EraseRange(3, 5);
  EXPECT_EQ(s, Of({{0, 3}, {5, 10}}));
  EXPECT_FALSE(s.contains(3));
  EXPECT_FALSE(s.contains(4));
  EXPECT_TRUE(s.contains(5));
  EXPECT_TRUE(s.contains(2));
  EXPECT_FALSE(s.contains(10));
  s.EraseRange(0, UINT64_MAX);
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.End(), 0u);
}

TEST(PageSet, HugeRangesAreCheap) {
  // VMO_MAX_SIZE / 4096 pages: the COMMIT of a whole UNBOUNDED VMO (VMO-062/133).
  const uint64_t pages = kVmoMaxSize / ZX_PAGE_SIZE;
  PageSet s;
  s.InsertRange(0, pages);
  EXPECT_EQ(s.size(), pages);
  EXPECT_EQ(s.size() * ZX_PAGE_SIZE, kVmoMaxSize);
  s.EraseRange(1, pages - 1);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(s.End(), pages);
}

}  // namespace
}  // namespace zxspec::model
