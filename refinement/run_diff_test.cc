// The differential runner on fixed call lists (until the shared generator of props/ drives it).
#include "refinement/run_diff.h"

#include <gtest/gtest.h>

namespace zxspec::refinement {
namespace {

// Handle values are predictable (HANDLE-001): the first VMO gets 23, the next 27, ...
constexpr zx_handle_t kFirst = (5u << 2) | 3u;
constexpr zx_handle_t kSecond = (6u << 2) | 3u;

std::vector<CallerCall> VmoSession() {
  return {
      {0, VmoCreate{8192, ZX_VMO_RESIZABLE}},
      {0, VmoWrite{kFirst, 10, Bytes{1, 2, 3}}},
      {0, HandleDuplicate{kFirst, ZX_RIGHT_SAME_RIGHTS}},
      {0, VmoSetSize{kSecond, 4096}},
      {0, VmoRead{kFirst, 0, 4096}},
      {0, VmoGetStreamSize{kSecond}},
      {0, VmoSetStreamSize{kFirst, 5000}},
      {0, ObjectGetInfo{kFirst, ZX_INFO_VMO}},
      {0, HandleClose{kFirst}},
      {0, VmoRead{kFirst, 0, 1}},
      {0, HandleClose{kSecond}},
  };
}

TEST(RunDiff, AgreesOnAVmoSession) {
  FixedCalls calls(VmoSession());
  DiffReport r = RunDiff(1, 100, calls);
  EXPECT_FALSE(r.first.has_value()) << FormatReport(r);
  EXPECT_EQ(r.steps_run, VmoSession().size());
  EXPECT_EQ(r.skipped, 0u);
  EXPECT_NE(FormatReport(r).find("agree"), std::string::npos);
}

TEST(RunDiff, StopsAfterTheRequestedSteps) {
  FixedCalls calls(VmoSession());
  DiffReport r = RunDiff(1, 3, calls, /*abstraction_every=*/2);
  EXPECT_FALSE(r.first.has_value()) << FormatReport(r);
  EXPECT_EQ(r.steps_run, 3u);
}

// Calls whose caller is not a live process are harness errors: skipped, not compared.
TEST(RunDiff, SkipsCallsOfUnknownCallers) {
  FixedCalls calls({{999999, VmoCreate{4096, 0}}, {0, VmoCreate{4096, 0}}});
  DiffReport r = RunDiff(1, 10, calls);
  EXPECT_FALSE(r.first.has_value()) << FormatReport(r);
  EXPECT_EQ(r.steps_run, 1u);
  EXPECT_EQ(r.skipped, 1u);
}

}  // namespace
}  // namespace zxspec::refinement
