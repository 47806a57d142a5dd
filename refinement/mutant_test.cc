// Testing the tester (exemplars.md item 22): each test below runs the differential check against
// an implementation with one planted bug and requires it to be caught at a known step. The test
// binary for mutant M is linked with zxspec_impl_mutant_M and runs only the tests named after M
// (refinement/CMakeLists.txt), so every binary fails if its mutant slips through.
#include <gtest/gtest.h>

#include "model/model.h"
#include "refinement/run_diff.h"
#include "refinement/zxs.h"
#include "scenario/runner.h"

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
  EXPECT_NE(FormatReport(r).find("vmo_set_size(h23, 4096)"), std::string::npos) << FormatReport(r);
  EXPECT_NE(FormatReport(r).find("memory-sizes"), std::string::npos) << FormatReport(r);
}

// VMO-086: a snapshot shares its parent's pages only until either side writes. The mutant
// stores into a shared page in place, so the parent's later write shows through the child.
TEST(Mutant, shared_write) {
  constexpr zx_handle_t kChild = (6u << 2) | 3u;
  FixedCalls calls({
      {0, VmoCreate{8192, 0}},
      {0, VmoWrite{kFirst, 0, Bytes{'o', 'l', 'd'}}},
      {0, VmoCreateChild{kFirst, ZX_VMO_CHILD_SNAPSHOT, 0, 8192}},
      {0, VmoWrite{kFirst, 0, Bytes{'n', 'e', 'w'}}},
      {0, VmoRead{kChild, 0, 3}},
  });
  DiffReport r = RunDiff(1, 10, calls);
  ASSERT_TRUE(r.first.has_value()) << "the mutant was not caught";
  // Caught by the state comparison right after the parent's write (the child's memory changed).
  EXPECT_EQ(r.first->step, 3u);
  EXPECT_EQ(r.first->verdict.failed, Failed::kAbstraction);
  EXPECT_NE(r.first->verdict.state_diff.find("content differs first at byte 0"), std::string::npos)
      << FormatReport(r);
  // Comparing outcomes only, the child's read exposes it one step later.
  FixedCalls again({
      {0, VmoCreate{8192, 0}},
      {0, VmoWrite{kFirst, 0, Bytes{'o', 'l', 'd'}}},
      {0, VmoCreateChild{kFirst, ZX_VMO_CHILD_SNAPSHOT, 0, 8192}},
      {0, VmoWrite{kFirst, 0, Bytes{'n', 'e', 'w'}}},
      {0, VmoRead{kChild, 0, 3}},
  });
  DiffReport o = RunDiff(1, 10, again, /*abstraction_every=*/1000);
  ASSERT_TRUE(o.first.has_value());
  EXPECT_EQ(o.first->step, 4u);
  EXPECT_EQ(o.first->verdict.failed, Failed::kOutcome);
  EXPECT_NE(FormatReport(o).find("model: ZX_OK \"old\""), std::string::npos) << FormatReport(o);
}

// Shrinking: with unrelated calls around the bug, the report comes down to the four calls that
// matter (create, write, snapshot, write).
TEST(Mutant, shared_write_shrinks) {
  constexpr zx_handle_t kOther = (6u << 2) | 3u;
  constexpr zx_handle_t kChild = (8u << 2) | 3u;
  FixedCalls calls({
      {0, VmoCreate{8192, 0}},
      {0, VmoCreate{4096, ZX_VMO_RESIZABLE}},
      {0, VmoWrite{kFirst, 0, Bytes{'o', 'l', 'd'}}},
      {0, VmoSetSize{kOther, 8192}},
      {0, HandleDuplicate{kOther, ZX_RIGHT_READ}},
      {0, VmoCreateChild{kFirst, ZX_VMO_CHILD_SNAPSHOT, 0, 8192}},
      {0, VmoGetSize{kChild}},
      {0, VmoWrite{kOther, 5, Bytes{1}}},
      {0, VmoWrite{kFirst, 0, Bytes{'n', 'e', 'w'}}},
      {0, VmoRead{kChild, 0, 3}},
  });
  DiffReport r = RunDiff(1, 20, calls, DiffOptions{});
  ASSERT_TRUE(r.first.has_value()) << "the mutant was not caught";
  EXPECT_EQ(r.original_length, 9u);
  EXPECT_EQ(r.first->history.size(), 3u) << FormatReport(r);
  EXPECT_NE(FormatReport(r).find("shrunk from 9"), std::string::npos) << FormatReport(r);
}

// `zxspec diff --save` (refinement/zxs.h): the disagreement as a .zxs file that passes on the
// model and, replayed on model and (mutant) impl in lock-step, fails at the same divergence.
// Everything after the report's DISAGREEMENT line parses as that scenario.
scenario::RunReport ReplayBoth(const std::string& text) {
  model::ModelKernel m;
  impl::ImplKernel i;
  return scenario::RunSource(text, "saved.zxs", m, &i, {});
}

scenario::RunReport ReplayModel(const std::string& text) {
  model::ModelKernel m;
  return scenario::RunSource(text, "saved.zxs", m, nullptr, {});
}

std::string AfterDisagreementLine(const std::string& report) {
  size_t at = report.find("DISAGREEMENT");
  return report.substr(report.find('\n', at) + 1);
}

// VMO-042: a representation-invariant divergence fails at the final check_invariants().
TEST(Mutant, set_size_keeps_stream_size_saves_a_replayable_scenario) {
  FixedCalls calls({
      {0, VmoCreate{10000, ZX_VMO_RESIZABLE}},
      {0, VmoSetSize{kFirst, 4096}},
  });
  DiffReport r = RunDiff(1, 10, calls);
  ASSERT_TRUE(r.first.has_value()) << "the mutant was not caught";
  DisagreementScenario saved = ScenarioOf(r);
  EXPECT_NE(saved.text.find("h23 = vmo_create(10000, RESIZABLE)"), std::string::npos) << saved.text;
  EXPECT_EQ(ReplayModel(saved.text).verdict, scenario::Verdict::kPass) << saved.text;
  scenario::RunReport both = ReplayBoth(saved.text);
  EXPECT_EQ(both.verdict, scenario::Verdict::kFail) << saved.text;
  EXPECT_NE(both.message.find("impl: memory-sizes"), std::string::npos) << both.Describe();
  scenario::RunReport printed = ReplayBoth(AfterDisagreementLine(FormatReport(r)));
  EXPECT_EQ(printed.verdict, scenario::Verdict::kFail) << FormatReport(r);
}

// VMO-086: a state-only divergence (the parent's write shows through the snapshot) gets an
// observing read appended, which the targets disagree on.
TEST(Mutant, shared_write_saves_a_replayable_scenario) {
  FixedCalls calls({
      {0, VmoCreate{8192, 0}},
      {0, VmoWrite{kFirst, 0, Bytes{'o', 'l', 'd'}}},
      {0, VmoCreateChild{kFirst, ZX_VMO_CHILD_SNAPSHOT, 0, 8192}},
      {0, VmoWrite{kFirst, 0, Bytes{'n', 'e', 'w'}}},
  });
  DiffReport r = RunDiff(1, 10, calls);
  ASSERT_TRUE(r.first.has_value()) << "the mutant was not caught";
  ASSERT_EQ(r.first->verdict.failed, Failed::kAbstraction);
  DisagreementScenario saved = ScenarioOf(r);
  EXPECT_TRUE(saved.observable);
  EXPECT_NE(saved.text.find("vmo_read(h27, 0, 16)"), std::string::npos) << saved.text;
  EXPECT_EQ(ReplayModel(saved.text).verdict, scenario::Verdict::kPass) << saved.text;
  scenario::RunReport both = ReplayBoth(saved.text);
  EXPECT_EQ(both.verdict, scenario::Verdict::kFail) << saved.text;
  EXPECT_NE(both.message.find("targets disagree on vmo_read"), std::string::npos)
      << both.Describe();
  EXPECT_EQ(ReplayBoth(AfterDisagreementLine(FormatReport(r))).verdict, scenario::Verdict::kFail);
}

}  // namespace
}  // namespace zxspec::refinement
