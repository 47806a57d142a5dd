// PageSet: held-page runs (VMO-133 accounting).
#include "impl/page_set.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace zxspec::impl {
namespace {

TEST(PageSet, InsertMergesAdjacentAndOverlappingRuns) {
  PageSet s;
  s.Insert(0, 2);
  s.Insert(4, 6);
  s.Insert(2, 4);
  EXPECT_EQ(s.Count(), 6u);
  int runs = 0;
  s.ForEachRun([&](uint64_t, uint64_t) { ++runs; });
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(s.WellFormed());
}

TEST(PageSet, EraseSplitsRuns) {
  PageSet s;
  s.Insert(0, 10);
  s.Erase(3, 5);
  EXPECT_EQ(s.Count(), 8u);
  EXPECT_FALSE(s.Contains(3));
  EXPECT_TRUE(s.Contains(5));
  EXPECT_EQ(s.CountIn(2, 6), 2u);
  EXPECT_TRUE(s.WellFormed());
}

TEST(PageSet, AgreesWithStdSetUnderRandomOperations) {
  std::mt19937_64 rng(7);
  PageSet s;
  std::set<uint64_t> want;
  for (int step = 0; step < 4000; ++step) {
    uint64_t lo = rng() % 200;
    uint64_t hi = lo + rng() % 20;
    if (rng() % 2) {
      s.Insert(lo, hi);
      for (uint64_t i = lo; i < hi; ++i) want.insert(i);
    } else {
      s.Erase(lo, hi);
      for (uint64_t i = lo; i < hi; ++i) want.erase(i);
    }
    ASSERT_TRUE(s.WellFormed());
    ASSERT_EQ(s.Count(), want.size());
    uint64_t a = rng() % 220;
    uint64_t b = a + rng() % 40;
    uint64_t n = 0;
    for (uint64_t i = a; i < b; ++i) n += want.count(i);
    ASSERT_EQ(s.CountIn(a, b), n);
  }
}

}  // namespace
}  // namespace zxspec::impl
