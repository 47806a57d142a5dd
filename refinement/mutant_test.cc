// Testing the tester (exemplars.md item 22): each test below runs the differential check against
// an implementation with one planted bug and requires it to be caught at a known step. The test
// binary for mutant M is linked with zxspec_impl_mutant_M and runs only the tests named after M
// (refinement/CMakeLists.txt), so every binary fails if its mutant slips through.
#include <gtest/gtest.h>

#include "refinement/run_diff.h"

namespace zxspec::refinement {
namespace {

constexpr zx_handle_t kFirst = (5u << 2) | 3u;

// VMO-042 (RFC-0238): set_size must truncate the stream size. The mutant keeps it; the step of
// set_size itself is caught (the stream size now exceeds the size, which the representation
// invariant forbids).
TEST(Mutant, set_size_keeps_stream_size) {
  FixedCalls calls({
      {0, VmoCreate{10000, ZX_VMO_RESIZABLE}},
      {0, VmoSetSize{kFirst, 4096}},
      {0, VmoGetStreamSize{kFirst}},
  });
  DiffReport r = RunDiff(1, 10, calls);
  ASSERT_TRUE(r.first.has_value()) << "the mutant was not caught";
  EXPECT_EQ(r.first->step, 1u);
  EXPECT_EQ(r.first->verdict.failed, Failed::kRepInvariant);
  EXPECT_NE(FormatReport(r).find("vmo_set_size(23, 4096)"), std::string::npos) << FormatReport(r);
  EXPECT_NE(FormatReport(r).find("memory-sizes"), std::string::npos) << FormatReport(r);
}

}  // namespace
}  // namespace zxspec::refinement
