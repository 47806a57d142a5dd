// HandleTable: values follow the identity rule (HANDLE-001) and are never reused.
#include "impl/handle_table.h"

#include <gtest/gtest.h>

#include "impl/objects.h"

namespace zxspec::impl {
namespace {

TEST(HandleTable, KthInstalledHandleHasValueKShiftedWithFixedBits) {
  JobObj obj(1024);
  HandleTable t;
  EXPECT_EQ(t.Install({&obj, 1}), (1u << 2) | 3u);
  EXPECT_EQ(t.Install({&obj, 2}), (2u << 2) | 3u);
  t.Take((1u << 2) | 3u);
  EXPECT_EQ(t.Install({&obj, 3}), (3u << 2) | 3u);  // value 7 is never handed out again
  EXPECT_EQ(t.Find((1u << 2) | 3u), nullptr);
  ASSERT_NE(t.Find((2u << 2) | 3u), nullptr);
  EXPECT_EQ(t.Find((2u << 2) | 3u)->rights, 2u);
  EXPECT_TRUE(t.WellFormed());
}

TEST(HandleTable, RejectsZeroWrongBitsAndUnknownValues) {
  JobObj obj(1024);
  HandleTable t;
  zx_handle_t v = t.Install({&obj, 1});
  EXPECT_EQ(t.Find(0), nullptr);          // GEN-003
  EXPECT_EQ(t.Find(v & ~1u), nullptr);    // fixed bits missing
  EXPECT_EQ(t.Find(v + 4), nullptr);      // not installed yet
  EXPECT_EQ(t.Find(0xFFFFFFFF), nullptr);
}

TEST(HandleTable, ClosedFrontSlotsAreDropped) {
  JobObj obj(1024);
  HandleTable t;
  std::vector<zx_handle_t> values;
  for (int i = 0; i < 100; ++i) values.push_back(t.Install({&obj, 0}));
  for (int i = 0; i < 99; ++i) t.Take(values[static_cast<size_t>(i)]);
  EXPECT_EQ(t.size(), 1u);
  EXPECT_TRUE(t.WellFormed());
  int seen = 0;
  t.ForEach([&](zx_handle_t v, const Handle&) {
    EXPECT_EQ(v, values.back());
    ++seen;
  });
  EXPECT_EQ(seen, 1);
  EXPECT_EQ(t.TakeAll().size(), 1u);
  EXPECT_EQ(t.Install({&obj, 0}), (101u << 2) | 3u);
}

}  // namespace
}  // namespace zxspec::impl
