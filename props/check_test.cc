// Tests of the testers (exemplars.md adopted item 22): deliberately wrong model variants and a
// wrong property are caught, shrunk to a handful of calls, saved as .zxs files that fail on
// replay; the campaign is deterministic, its shards partition it and merge back; its JSON
// round-trips; RapidCheck's reproduce string replays the shrunk case.
#include "props/check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <rapidcheck.h>

#include "api/syscalls.h"
#include "model/invariants.h"
#include "props/test_util.h"
#include "props/suite.h"

namespace zxspec::props {
namespace {

// Planted bug 1 (RIGHTS-002 / RIGHTS-010..016): handle_duplicate leaks ZX_RIGHT_DESTROY into the
// new handle. Caught by the invariant rights-bounded; minimal: one duplicate of a handle whose
// type never holds DESTROY (the root VMAR or the VMEX resource of the initial environment, or a
// VMO made first).
model::StepResult LeakyDuplicate(model::State s, zx_koid_t caller, const Call& call) {
  auto r = model::Step(std::move(s), caller, call);
  if (std::holds_alternative<HandleDuplicate>(call) && r.outcome.status == ZX_OK) {
    zx_handle_t h = std::get<HandleResult>(r.outcome.payload).handle;
    std::get<model::Process>(r.state.objects.at(caller)).handles.entries.at(h).rights |=
        ZX_RIGHT_DESTROY;
  }
  return r;
}

// Planted bug 2 (seed RFC-0238, VMO-025): vmo_write adds the bytes written to the stream size,
// as if writes appended. Caught by stream-size-le-size; minimal: a VMO whose stream size is its
// size, then any non-empty write (2 calls).
model::StepResult WriteGrowsStream(model::State s, zx_koid_t caller, const Call& call) {
  auto r = model::Step(std::move(s), caller, call);
  if (const auto* w = std::get_if<VmoWrite>(&call); w != nullptr && r.outcome.status == ZX_OK) {
    const auto& table = std::get<model::Process>(r.state.objects.at(caller)).handles.entries;
    const auto& vmo = std::get<model::Vmo>(r.state.objects.at(table.at(w->handle).object));
    r.state.memories.at(vmo.memory).stream_size += w->data.size();
  }
  return r;
}

// A wrong property: "the stream size equals the size" (false for vmo_create(1, 0), VMO-015).
std::optional<std::string> StreamSizeIsSize(const StepView& v) {
  for (const auto& [id, m] : v.after.state.memories) {
    if (m.stream_size != m.size) return "stream size differs from size";
  }
  return std::nullopt;
}

// The invariants property over the handle, object and VMO families only: the planted bugs live
// there, and the shrunk sizes asserted below then do not move as other families land.
PropertyInfo InvariantsOverVmos() {
  PropertyInfo p = *FindProperty("invariants");
  p.gen.families = {"handle", "object", "vmo"};
  return p;
}

CheckOptions Options(StepFn step, uint64_t runs = 300) {
  return VariantCampaign(std::move(step), 7, runs);
}

std::vector<size_t> CallKinds(const Trace& trace) {
  std::vector<size_t> out;
  for (const auto& t : trace) {
    if (t.acted) out.push_back(t.action.call.index());
  }
  return out;
}

TEST(PropsCheck, PlantedRightsLeakIsCaughtShrunkAndFailsOnReplay) {
  auto report = CheckProperty(InvariantsOverVmos(), Options(&LeakyDuplicate), nullptr);
  ASSERT_EQ(report.failures, 1u);
  ASSERT_EQ(report.counterexamples.size(), 1u);
  const auto& cx = report.counterexamples[0];
  EXPECT_NE(cx.message.find("rights-bounded"), std::string::npos) << cx.message;
  // Minimal is one duplicate of the root VMAR or the VMEX resource; RapidCheck's greedy shrinking
  // may keep the vmo_create of a VMO it duplicates instead.
  EXPECT_LE(cx.calls, 2u) << cx.scenario;
  ASSERT_FALSE(CallKinds(cx.trace).empty());
  EXPECT_EQ(CallKinds(cx.trace).back(), Call(HandleDuplicate{}).index()) << cx.scenario;
  // The saved scenario fails on replay (the project's scenario runner) against the planted bug,
  // at its last line (check_invariants), and passes against the model.
  auto buggy = Replay(cx.scenario, &LeakyDuplicate);
  EXPECT_EQ(buggy.verdict, scenario::Verdict::kFail) << buggy.Describe() << "\n" << cx.scenario;
  EXPECT_EQ(static_cast<size_t>(buggy.line), LineCount(cx.scenario)) << buggy.Describe();
  EXPECT_NE(buggy.message.find("rights-bounded"), std::string::npos) << buggy.Describe();
  auto fixed = Replay(cx.scenario, &model::Step);
  EXPECT_EQ(fixed.verdict, scenario::Verdict::kPass) << fixed.Describe() << "\n" << cx.scenario;
}

TEST(PropsCheck, PlantedStreamSizeBugIsShrunkToAFewCalls) {
  auto report = CheckProperty(InvariantsOverVmos(), Options(&WriteGrowsStream), nullptr);
  ASSERT_EQ(report.failures, 1u);
  const auto& cx = report.counterexamples[0];
  EXPECT_NE(cx.message.find("stream-size-le-size"), std::string::npos) << cx.message;
  // Minimal is vmo_create then vmo_write; greedy shrinking may keep a vmo_set_stream_size
  // between them when it cannot simplify the create's size first.
  auto kinds = CallKinds(cx.trace);
  ASSERT_GE(kinds.size(), 2u) << cx.scenario;
  EXPECT_LE(kinds.size(), 3u) << cx.scenario;
  EXPECT_EQ(kinds.front(), Call(VmoCreate{}).index()) << cx.scenario;
  EXPECT_EQ(kinds.back(), Call(VmoWrite{}).index()) << cx.scenario;
  EXPECT_NE(cx.scenario.find("h23 = vmo_create("), std::string::npos) << cx.scenario;
  EXPECT_NE(cx.scenario.find("vmo_write(h23, "), std::string::npos) << cx.scenario;
  auto buggy = Replay(cx.scenario, &WriteGrowsStream);
  EXPECT_EQ(buggy.verdict, scenario::Verdict::kFail) << buggy.Describe();
  EXPECT_EQ(static_cast<size_t>(buggy.line), LineCount(cx.scenario)) << buggy.Describe();
  auto fixed = Replay(cx.scenario, &model::Step);
  EXPECT_EQ(fixed.verdict, scenario::Verdict::kPass) << fixed.Describe() << "\n" << cx.scenario;
}

TEST(PropsCheck, WrongPropertyIsCaughtWithOneCall) {
  PropertyInfo wrong{"stream-size-is-size", "wrong on purpose", "VMO-015", "Wrong/Property", {},
                     &StreamSizeIsSize};
  auto report = CheckProperty(wrong, Options(&model::Step), nullptr);
  ASSERT_EQ(report.failures, 1u);
  const auto& cx = report.counterexamples[0];
  EXPECT_EQ(CallKinds(cx.trace).size(), 1u) << cx.scenario;
  EXPECT_EQ(CallKinds(cx.trace)[0], Call(VmoCreate{}).index());
}

TEST(PropsCheck, CounterexampleIsWrittenToTheOutDir) {
  auto dir = std::filesystem::temp_directory_path() / "zxspec-props-check-test";
  std::filesystem::remove_all(dir);
  CheckOptions o = Options(&LeakyDuplicate);
  o.out_dir = dir.string();
  auto report = CheckProperty(*FindProperty("invariants"), o, nullptr);
  ASSERT_EQ(report.failures, 1u);
  const auto& cx = report.counterexamples[0];
  ASSERT_FALSE(cx.file.empty());
  std::ifstream in(cx.file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), cx.scenario);
  EXPECT_NE(cx.file.find("invariants-seed7-case"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// The reproduce string replays the shrunk case through RapidCheck's own reproduce mode, as
// RC_PARAMS does for the gtest suite.
TEST(PropsCheck, ReproduceStringReplaysTheShrunkCase) {
  PropertyInfo leaky = *FindProperty("invariants");
  auto report = CheckProperty(leaky, Options(&LeakyDuplicate), nullptr);
  ASSERT_EQ(report.failures, 1u);
  const auto& cx = report.counterexamples[0];
  ASSERT_EQ(cx.reproduce.rfind("RC_PARAMS=\"reproduce=", 0), 0u) << cx.reproduce;
  std::string params = cx.reproduce.substr(11, cx.reproduce.size() - 12);
  auto config = rc::detail::configFromString(params);
  Recorder recorder;
  auto property = rc::detail::toProperty(
      [&] { CheckSequence(leaky, &LeakyDuplicate, &recorder); });
  rc::detail::TestMetadata metadata{std::string(leaky.gtest_id), "reproduce"};
  struct Quiet : rc::detail::TestListener {
    void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
    void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
    void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
  } quiet;
  auto result = rc::detail::checkProperty(property, metadata, config.testParams, quiet,
                                          config.reproduce);
  EXPECT_TRUE(result.is<rc::detail::FailureResult>());
  EXPECT_EQ(CallKinds(recorder.trace), CallKinds(cx.trace));
}

TEST(PropsCheck, CorrectModelPassesEveryProperty) {
  CheckOptions o;
  o.seed = 11;
  o.runs = 25;
  o.max_steps = 25;
  CheckReport r = RunCheck(o);
  EXPECT_EQ(r.ExitCode(), 0) << FormatTable(r);
  EXPECT_EQ(r.properties.size(), Properties().size());
  for (const auto& p : r.properties) EXPECT_EQ(p.cases, 25u) << p.id;
  EXPECT_GT(r.coverage.Count(Call(VmoCreate{}).index(), ZX_OK), 0u);
  EXPECT_GT(r.coverage.Count(Call(HandleClose{}).index(), ZX_ERR_BAD_HANDLE), 0u);
  EXPECT_NE(FormatTable(r).find("coverage:"), std::string::npos);
}

TEST(PropsCheck, CampaignIsDeterministic) {
  CheckOptions o;
  o.property = "invariants";
  o.seed = 5;
  o.runs = 20;
  o.max_steps = 30;
  CheckReport a = RunCheck(o), b = RunCheck(o);
  EXPECT_EQ(a.coverage, b.coverage);
  EXPECT_EQ(a.properties[0].steps, b.properties[0].steps);
  o.seed = 6;
  EXPECT_NE(RunCheck(o).coverage, a.coverage);
}

// Shards run disjoint cases of the same campaign; their merged JSON equals the whole campaign.
TEST(PropsCheck, ShardsPartitionTheCampaignAndMergeBack) {
  CheckOptions o;
  o.property = "invariants,identities";
  o.seed = 3;
  o.runs = 13;
  o.max_steps = 20;
  CheckReport whole = RunCheck(o);
  std::vector<CheckReport> parts;
  o.shard_count = 3;
  for (uint64_t i = 0; i < 3; ++i) {
    o.shard_index = i;
    auto back = ReportFromJson(ToJson(RunCheck(o)));
    ASSERT_TRUE(back.is_ok());
    parts.push_back(back.value());
  }
  std::string why;
  auto merged = MergeReports(parts, &why);
  ASSERT_TRUE(merged.is_ok()) << why;
  EXPECT_EQ(merged.value().coverage, whole.coverage);
  EXPECT_EQ(merged.value().shards, (std::vector<uint64_t>{0, 1, 2}));
  ASSERT_EQ(merged.value().properties.size(), 2u);
  for (size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(merged.value().properties[k].cases, 13u);
    EXPECT_EQ(merged.value().properties[k].steps, whole.properties[k].steps);
  }
  // A shard missing: the reports do not cover the campaign.
  std::vector<CheckReport> two(parts.begin(), parts.begin() + 2);
  EXPECT_FALSE(MergeReports(two, &why).is_ok());
  EXPECT_NE(why.find("shard 2/3 is missing"), std::string::npos) << why;
  // Shards of different campaigns, or the same shard twice, do not merge.
  parts[1].seed = 4;
  EXPECT_FALSE(MergeReports(parts, &why).is_ok());
  parts[1] = parts[0];
  EXPECT_FALSE(MergeReports(parts, &why).is_ok());
  EXPECT_NE(why.find("twice"), std::string::npos);
}

// A campaign in which no case ran tested nothing: exit code 4, not 0.
TEST(PropsCheck, NoCaseRunIsNotAPass) {
  CheckOptions o;
  o.property = "invariants";
  o.runs = 0;
  EXPECT_EQ(RunCheck(o).ExitCode(), 4);
  o.runs = 2;
  o.shard_count = 3;
  o.shard_index = 2;  // cases 0 and 1 belong to shards 0 and 1
  EXPECT_EQ(RunCheck(o).ExitCode(), 4);
}

TEST(PropsCheck, JsonCarriesTheCoverageTable) {
  CheckOptions o;
  o.property = "invariants";
  o.runs = 10;
  o.max_steps = 20;
  CheckReport r = RunCheck(o);
  auto j = ToJson(r);
  EXPECT_EQ(j["exit_code"], 0);
  EXPECT_GT(j["coverage"]["named_pairs"].get<size_t>(), 0u);
  EXPECT_FALSE(j["coverage"]["reached"].empty());
  EXPECT_TRUE(j["coverage"].contains("unreached"));
  EXPECT_TRUE(j["coverage"].contains("not_drawn"));
  auto back = ReportFromJson(nlohmann::json::parse(j.dump()));
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back.value().coverage, r.coverage);
  EXPECT_EQ(ToJson(back.value()), j);
  std::string why;
  EXPECT_FALSE(ReportFromJson(nlohmann::json::parse("{\"format\": 1}"), &why).is_ok());
  EXPECT_FALSE(ReportFromJson(nlohmann::json::object(), &why).is_ok());
}

TEST(PropsCheck, BadOptionsGiveExitCodeTwo) {
  CheckOptions o;
  o.property = "no-such-property";
  EXPECT_EQ(RunCheck(o).ExitCode(), 2);
  o.property = "";
  o.shard_index = 3;
  o.shard_count = 3;
  EXPECT_EQ(RunCheck(o).ExitCode(), 2);
  o.shard_index = 0;
  o.max_steps = 0;
  EXPECT_EQ(RunCheck(o).ExitCode(), 2);
}

TEST(PropsCheck, FailuresGiveExitCodeOne) {
  CheckOptions o = Options(&LeakyDuplicate);
  o.property = "invariants";
  CheckReport r = RunCheck(o);
  EXPECT_EQ(r.ExitCode(), 1);
  EXPECT_EQ(ToJson(r)["exit_code"], 1);
}

// A spent time budget stops starting new cases (not a timing assertion: the budget is one
// nanosecond, so at most the case already started runs).
TEST(PropsCheck, TimeBudgetStopsNewCases) {
  CheckOptions o;
  o.property = "invariants";
  o.runs = 1000;
  o.time_budget_seconds = 1e-9;
  EXPECT_LE(RunCheck(o).properties[0].cases, 1u);
}

TEST(PropsCheck, ProgressIsReportedAfterEveryCase) {
  CheckOptions o;
  o.property = "identities";
  o.runs = 7;
  o.max_steps = 10;
  std::vector<uint64_t> seen;
  o.progress = [&](const Progress& p) {
    EXPECT_EQ(p.property, "identities");
    EXPECT_EQ(p.cases_planned, 7u);
    seen.push_back(p.cases);
  };
  RunCheck(o);
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7}));
}

TEST(PropsCheck, CaseSeedsDependOnSeedPropertyAndIndex) {
  EXPECT_EQ(CaseSeed(1, "invariants", 5), CaseSeed(1, "invariants", 5));
  EXPECT_NE(CaseSeed(1, "invariants", 5), CaseSeed(1, "invariants", 6));
  EXPECT_NE(CaseSeed(1, "invariants", 5), CaseSeed(2, "invariants", 5));
  EXPECT_NE(CaseSeed(1, "invariants", 5), CaseSeed(1, "identities", 5));
}

// Every kernel call's row of the syscall table lists the statuses the rulebook names, OK
// among them (every call can succeed).
TEST(PropsCheck, EveryKernelCallListsItsRulebookStatuses) {
  for (size_t i = 0; i < kCallKindCount; ++i) {
    const auto& info = SyscallAt(i);
    ASSERT_FALSE(info.statuses.empty()) << info.name;
    EXPECT_EQ(info.statuses.front(), ZX_OK) << info.name;
  }
}

// B Init_A: the initial state satisfies every invariant the suites check after each step.
TEST(PropsCheck, InitialStateSatisfiesTheCatalog) {
  EXPECT_EQ(model::CheckInvariants(model::InitialState()), std::vector<std::string>{});
}

}  // namespace
}  // namespace zxspec::props
