// PageSet, the committed-page set of a Memory (vmo.md VMO-133): runs stay canonical, so states
// compare equal exactly when the sets are equal, and huge ranges are cheap.
#include <map>
#include <random>

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

// PageStore against the plainest reference, a map of non-zero bytes: random writes, zeroing and
// truncation across page edges give the same content, and the store stays canonical (no all-zero
// page stored), so equal content compares equal.
TEST(PageStore, AgreesWithAByteMapAcrossPageEdges) {
  std::mt19937_64 rng(7);
  PageStore store;
  std::map<uint64_t, uint8_t> ref;  // offset -> non-zero byte
  constexpr uint64_t kSpan = 4 * ZX_PAGE_SIZE;
  auto pick = [&](uint64_t below) { return rng() % below; };
  for (int step = 0; step < 400; ++step) {
    const uint64_t off = pick(kSpan);
    const uint64_t len = pick(std::min<uint64_t>(kSpan - off, 2 * ZX_PAGE_SIZE) + 1);
    switch (pick(3)) {
      case 0: {
        Bytes data(len);
        for (auto& b : data) b = pick(3) == 0 ? 0 : static_cast<uint8_t>(pick(256));
        store.Write(off, data);
        for (uint64_t i = 0; i < len; ++i) {
          if (data[i] != 0) ref[off + i] = data[i]; else ref.erase(off + i);
        }
        break;
      }
      case 1:
        store.Zero(off, len);
        ref.erase(ref.lower_bound(off), ref.lower_bound(off + len));
        break;
      default:
        if (pick(8) != 0) break;  // truncate rarely, so content builds up
        store.TruncateFrom(off);
        ref.erase(ref.lower_bound(off), ref.end());
        break;
    }
    Bytes all = store.Read(0, kSpan);
    for (uint64_t a = 0; a < kSpan; ++a) {
      auto it = ref.find(a);
      ASSERT_EQ(all[a], it == ref.end() ? 0 : it->second) << "step " << step << " byte " << a;
    }
    for (const auto& [index, page] : store.pages) ASSERT_FALSE(page.IsZero()) << index;
  }
}

// Copies share page buffers; a write through one copy leaves the other unchanged.
TEST(PageStore, CopiesAreIndependentValues) {
  PageStore a;
  a.Write(ZX_PAGE_SIZE - 2, Bytes{1, 2, 3, 4});
  PageStore b = a;
  b.Write(ZX_PAGE_SIZE - 1, Bytes{9, 9});
  EXPECT_EQ(a.Read(ZX_PAGE_SIZE - 2, 4), (Bytes{1, 2, 3, 4}));
  EXPECT_EQ(b.Read(ZX_PAGE_SIZE - 2, 4), (Bytes{1, 9, 9, 4}));
  b.Zero(0, 2 * ZX_PAGE_SIZE);
  EXPECT_TRUE(b.pages.empty());
  EXPECT_EQ(a.pages.size(), 2u);
}

}  // namespace
}  // namespace zxspec::model
