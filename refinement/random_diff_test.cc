// Differential runs over calls from the shared generator of props/: model and impl must agree
// on every outcome and every state, for several seeds.
#include <gtest/gtest.h>

#include "refinement/generated_calls.h"

namespace zxspec::refinement {
namespace {

TEST(RandomDiff, ModelAndImplAgreeOnGeneratedRuns) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    GeneratedCalls calls;
    DiffReport r = RunDiff(seed, 400, calls);
    EXPECT_FALSE(r.first.has_value()) << FormatReport(r);
    EXPECT_GT(r.steps_run, 0u);
  }
}

// The same seed gives the same run (a reported seed reproduces its disagreement).
TEST(RandomDiff, SeedsAreReproducible) {
  GeneratedCalls a;
  GeneratedCalls b;
  DiffReport x = RunDiff(42, 200, a);
  DiffReport y = RunDiff(42, 200, b);
  EXPECT_EQ(x.steps_run, y.steps_run);
  EXPECT_EQ(x.skipped, y.skipped);
}

}  // namespace
}  // namespace zxspec::refinement
