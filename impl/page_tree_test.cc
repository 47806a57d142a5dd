// PageTree: the copy-on-write radix page store behind VMO content (VMO-086/087 sharing).
#include "impl/page_tree.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace zxspec::impl {
namespace {

uint8_t At(const PageTree& t, uint64_t index, size_t byte) {
  const PageBytes* p = t.Find(index);
  return p == nullptr ? 0 : p->bytes[byte];
}

TEST(PageTree, AbsentPagesReadAsZeroWithoutAllocation) {
  PageTree t;
  EXPECT_EQ(t.Find(0), nullptr);
  EXPECT_EQ(t.Find(UINT64_MAX), nullptr);
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.CountPages(), 0u);
}

TEST(PageTree, StoresAtSmallAndHugeIndices) {
  PageTree t;
  t.Mutable(3).bytes[7] = 0xAB;
  EXPECT_EQ(t.height(), 1u);
  t.Mutable(UINT64_MAX).bytes[0] = 1;  // the tree grows to cover the whole index space
  t.Mutable(uint64_t{1} << 40).bytes[4095] = 2;
  EXPECT_EQ(At(t, 3, 7), 0xAB);
  EXPECT_EQ(At(t, UINT64_MAX, 0), 1);
  EXPECT_EQ(At(t, uint64_t{1} << 40, 4095), 2);
  EXPECT_EQ(t.CountPages(), 3u);
  EXPECT_EQ(t.Find(4), nullptr);
}

// VMO-086: a copy shares everything; a write through either side copies only that page's path.
TEST(PageTree, CopyIsSharedUntilFirstWrite) {
  PageTree parent;
  for (uint64_t i = 0; i < 200; ++i) parent.Mutable(i).bytes[0] = static_cast<uint8_t>(i);
  PageTree child = parent;
  EXPECT_TRUE(child.SharesRootWith(parent));
  EXPECT_TRUE(child.IsShared(5));
  child.Mutable(5).bytes[0] = 0xEE;
  EXPECT_EQ(At(child, 5, 0), 0xEE);
  EXPECT_EQ(At(parent, 5, 0), 5);  // the parent never sees the child's write
  EXPECT_FALSE(child.IsShared(5));
  EXPECT_TRUE(child.IsShared(6) || !child.SharesRootWith(parent));
  EXPECT_EQ(parent.Find(6), child.Find(6));  // untouched pages are the same object
  parent.Mutable(6).bytes[0] = 0x66;
  EXPECT_EQ(At(child, 6, 0), 6);  // and the child never sees the parent's
}

TEST(PageTree, EraseRangeDropsWholeSubtreesAndKeepsTheRest) {
  PageTree t;
  for (uint64_t i = 0; i < 5000; i += 7) t.Mutable(i).bytes[1] = 1;
  PageTree snapshot = t;
  t.EraseRange(64, 4096);
  for (uint64_t i = 0; i < 5000; i += 7) {
    EXPECT_EQ(At(t, i, 1), (i < 64 || i >= 4096) ? 1 : 0) << i;
    EXPECT_EQ(At(snapshot, i, 1), 1) << i;  // erasing in one tree never reaches a copy
  }
  t.EraseRange(0, UINT64_MAX);
  EXPECT_TRUE(t.empty());
}

// Differential check against a std::map of pages under random writes, copies and erases.
TEST(PageTree, AgreesWithAFlatMapUnderRandomOperations) {
  std::mt19937_64 rng(42);
  std::vector<PageTree> trees(3);
  std::vector<std::map<uint64_t, uint8_t>> want(3);  // first byte of each present page
  auto index = [&] { return rng() % 2 ? rng() % 300 : rng() % (uint64_t{1} << 20); };
  for (int step = 0; step < 5000; ++step) {
    size_t a = rng() % 3;
    switch (rng() % 4) {
      case 0:
      case 1: {
        uint64_t i = index();
        uint8_t v = static_cast<uint8_t>(rng() | 1);
        trees[a].Mutable(i).bytes[0] = v;
        want[a][i] = v;
        break;
      }
      case 2: {
        uint64_t lo = index();
        uint64_t hi = lo + rng() % 500;
        trees[a].EraseRange(lo, hi);
        want[a].erase(want[a].lower_bound(lo), want[a].lower_bound(hi));
        break;
      }
      case 3: {
        size_t b = rng() % 3;
        trees[b] = trees[a];
        want[b] = want[a];
        break;
      }
    }
  }
  for (size_t a = 0; a < 3; ++a) {
    std::map<uint64_t, uint8_t> got;
    trees[a].ForEach(0, UINT64_MAX, [&](uint64_t i, const PageBytes& p) { got[i] = p.bytes[0]; });
    EXPECT_EQ(got, want[a]);
  }
}

}  // namespace
}  // namespace zxspec::impl
