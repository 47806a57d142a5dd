// The differential runner with a kernel under test other than impl::ImplKernel (a `Target`,
// refinement/refinement.h): kernels written here against api/kernel.h that delegate to the
// model, each with or without one planted bug. Outcomes and CheckInvariants are compared on
// every step; the state only when the target supplies an abstraction.
#include <gtest/gtest.h>

#include "model/model.h"
#include "refinement/generated_calls.h"
#include "refinement/run_diff.h"
#include "refinement/zxs.h"
#include "scenario/runner.h"

namespace zxspec::refinement {
namespace {

constexpr zx_handle_t kFirst = (5u << 2) | 3u;  // HANDLE-001: the first new handle

enum class Bug {
  kNone,
  kDuplicateAnyRights,  // HANDLE-022 broken: any non-zero mask copies all the handle's rights
  kStrayWrite,          // VMO-024: a write also stores one byte past its range
  kBrokenInvariant,     // CheckInvariants complains once a VMO exists
};

class Delegating final : public Kernel {
 public:
  explicit Delegating(Bug bug) : bug_(bug), initial_objects_(inner_.state().objects.size()) {}
  std::string_view Name() const override { return "delegating"; }
  InitialEnvironment Initial() const override { return inner_.Initial(); }
  CallerState Caller(zx_koid_t p) const override { return inner_.Caller(p); }
  bool Models(const Call& call) const override { return inner_.Models(call); }
  std::vector<std::string> CheckInvariants() const override {
    std::vector<std::string> bad = inner_.CheckInvariants();
    if (bug_ == Bug::kBrokenInvariant && inner_.state().objects.size() > initial_objects_ + 1) {
      bad.push_back("planted: a second new object");
    }
    return bad;
  }
  Outcome Apply(zx_koid_t caller, const Call& call) override {
    const auto* dup = std::get_if<HandleDuplicate>(&call);
    if (bug_ == Bug::kDuplicateAnyRights && dup != nullptr && dup->rights != 0) {
      return inner_.Apply(caller, HandleDuplicate{dup->handle, ZX_RIGHT_SAME_RIGHTS});
    }
    Outcome out = inner_.Apply(caller, call);
    const auto* write = std::get_if<VmoWrite>(&call);
    if (bug_ == Bug::kStrayWrite && write != nullptr && out.status == ZX_OK) {
      inner_.Apply(caller, VmoWrite{write->handle, write->offset + write->data.size(), {0xEE}});
    }
    return out;
  }
  const model::State& state() const { return inner_.state(); }

 private:
  model::ModelKernel inner_;
  Bug bug_;
  size_t initial_objects_;
};

Target Delegate(Bug bug, bool with_abstraction, int* made = nullptr) {
  Target t;
  t.make = [bug, made]() -> std::unique_ptr<Kernel> {
    if (made != nullptr) ++*made;
    return std::make_unique<Delegating>(bug);
  };
  if (with_abstraction) {
    t.abstraction = [](const Kernel& k) { return static_cast<const Delegating&>(k).state(); };
  }
  return t;
}

TEST(KernelTarget, CorrectKernelAgreesOnGeneratedRuns) {
  for (bool abstraction : {false, true}) {
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      GeneratedCalls calls;
      DiffReport r = RunDiff(seed, 300, calls, DiffOptions{}, Delegate(Bug::kNone, abstraction));
      EXPECT_FALSE(r.first.has_value()) << FormatReport(r);
      EXPECT_GT(r.steps_run, 200u);
      EXPECT_EQ(r.kernel_name, "delegating");
      EXPECT_NE(FormatReport(r).find("model and delegating agree"), std::string::npos);
    }
  }
}

std::vector<CallerCall> WriteThenRead() {
  return {{0, VmoCreate{8192, 0}}, {0, VmoWrite{kFirst, 0, Bytes{1, 2, 3}}},
          {0, VmoRead{kFirst, 0, 4}}};
}

// With an abstraction the stray byte is caught by the state comparison at the write itself.
TEST(KernelTarget, AbstractionComparesTheWholeState) {
  FixedCalls calls(WriteThenRead());
  DiffReport r = RunDiff(1, 10, calls, DiffOptions{}, Delegate(Bug::kStrayWrite, true));
  ASSERT_TRUE(r.first.has_value());
  EXPECT_EQ(r.first->step, 1u);
  EXPECT_EQ(r.first->verdict.failed, Failed::kAbstraction);
  EXPECT_NE(r.first->verdict.state_diff.find("content differs first at byte 3"),
            std::string::npos) << FormatReport(r);
  DisagreementScenario zxs = ScenarioOf(r);
  EXPECT_TRUE(zxs.observable);
  EXPECT_NE(zxs.text.find("delegating: ZX_OK"), std::string::npos) << zxs.text;
}

// Without one, outcomes only: the write agrees, the read that sees the stray byte does not.
TEST(KernelTarget, WithoutAbstractionOutcomesOnly) {
  FixedCalls two({WriteThenRead()[0], WriteThenRead()[1]});
  DiffReport quiet = RunDiff(1, 10, two, DiffOptions{}, Delegate(Bug::kStrayWrite, false));
  EXPECT_FALSE(quiet.first.has_value()) << FormatReport(quiet);
  FixedCalls calls(WriteThenRead());
  DiffReport r = RunDiff(1, 10, calls, DiffOptions{}, Delegate(Bug::kStrayWrite, false));
  ASSERT_TRUE(r.first.has_value());
  EXPECT_EQ(r.first->step, 2u);
  EXPECT_EQ(r.first->verdict.failed, Failed::kOutcome);
  EXPECT_TRUE(r.first->verdict.state_diff.empty());
  EXPECT_NE(FormatReport(r).find("# delegating: ZX_OK \"\\x01\\x02\\x03\\xee\""),
            std::string::npos) << FormatReport(r);
}

TEST(KernelTarget, KernelInvariantsAreChecked) {
  FixedCalls calls({{0, VmoCreate{4096, 0}}, {0, VmoCreate{4096, 0}}});
  DiffReport r = RunDiff(1, 10, calls, DiffOptions{}, Delegate(Bug::kBrokenInvariant, false));
  ASSERT_TRUE(r.first.has_value());
  EXPECT_EQ(r.first->step, 1u);
  EXPECT_EQ(r.first->verdict.failed, Failed::kRepInvariant);
  EXPECT_NE(FormatReport(r).find("rep invariant: planted: a second new object"),
            std::string::npos) << FormatReport(r);
}

// HANDLE-022 broken (a duplicate keeps rights it was asked to drop): a generated run finds it
// where the model refuses and the kernel does not (a duplicate asking for rights beyond its
// source, INVALID_ARGS, or a dropped right used later, ACCESS_DENIED: which comes first depends on
// the generator's draws), shrinking replays on fresh kernels, and the shrunk .zxs passes on the
// model and fails on the buggy kernel.
TEST(KernelTarget, PlantedRightsBugIsCaughtAndShrunk) {
  int made = 0;
  const Target buggy = Delegate(Bug::kDuplicateAnyRights, false, &made);
  GeneratedCalls calls;
  DiffReport r = RunDiff(1, 2000, calls, DiffOptions{}, buggy);
  ASSERT_TRUE(r.first.has_value()) << FormatReport(r);
  EXPECT_EQ(r.first->verdict.failed, Failed::kOutcome);
  const zx_status_t refused = r.first->verdict.model_outcome.status;
  EXPECT_TRUE(refused == ZX_ERR_ACCESS_DENIED || refused == ZX_ERR_INVALID_ARGS) << refused;
  EXPECT_EQ(r.first->verdict.impl_outcome.status, ZX_OK);
  EXPECT_LE(r.first->history.size(), 3u) << FormatReport(r);
  EXPECT_LT(r.first->history.size() + 1, r.original_length);
  EXPECT_GT(made, 1) << "shrinking must replay on fresh kernels";
  const std::string zxs = ScenarioOf(r).text;
  EXPECT_NE(zxs.find("handle_duplicate("), std::string::npos) << zxs;
  model::ModelKernel model;
  EXPECT_EQ(scenario::RunSource(zxs, "shrunk.zxs", model, nullptr, {}).verdict,
            scenario::Verdict::kPass) << zxs;
  auto kernel = buggy.make();
  scenario::RunReport on_buggy = scenario::RunSource(zxs, "shrunk.zxs", *kernel, nullptr, {});
  EXPECT_EQ(on_buggy.verdict, scenario::Verdict::kFail) << zxs;
}

}  // namespace
}  // namespace zxspec::refinement
