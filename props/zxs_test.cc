// The scenario writer names handles by value, pins statuses and ends in check_invariants; the
// props interpreter replays what it writes (scenario-format.md; HANDLE-010/011, VMO-012).
#include "props/zxs.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "props/test_util.h"
#include "props/suite.h"

namespace zxspec::props {
namespace {

// Runs |calls| as the initial process from the initial state, recording a trace.
Trace RunCalls(const std::vector<Call>& calls) {
  model::State s = model::InitialState();
  Trace trace;
  for (const auto& c : calls) {
    Action a{s.initial.self_koid, c};
    auto r = model::Step(s, a.caller, a.call);
    trace.push_back(MakeTraceStep(s, a, r));
    s = std::move(r.state);
  }
  return trace;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) out.push_back(line);
  return out;
}

TEST(PropsZxs, NamesHandlesByValueAndPinsStatuses) {
  Trace t = RunCalls({VmoCreate{4096, 0}, VmoGetSize{23}, HandleDuplicate{23, ZX_RIGHT_SAME_RIGHTS},
                 HandleClose{23}, HandleClose{23}, HandleClose{0},
                 VmoCreate{UINT64_MAX, 0}, VmoRead{27, 0, 3}});
  ScenarioHeader h;
  h.property = "invariants";
  h.rules = "VMO-002 HANDLE-001";
  std::string text = FormatScenario(t, model::InitialState(), h);
  auto lines = Lines(text);
  ASSERT_GE(lines.size(), 9u);
  // First line names the rule ids (DEVELOPERS.md scenario files).
  EXPECT_EQ(lines[0].rfind("# VMO-002 HANDLE-001:", 0), 0u) << lines[0];
  std::vector<std::string> calls;
  for (const auto& l : lines) {
    if (!l.empty() && l[0] != '#') calls.push_back(l);
  }
  ASSERT_EQ(calls.size(), 9u) << text;
  EXPECT_EQ(calls[0], "h23 = vmo_create(4096, 0)");
  EXPECT_EQ(calls[1].substr(0, 16), "vmo_get_size(h23");
  EXPECT_NE(calls[1].find("-> ZX_OK 4096"), std::string::npos);
  EXPECT_EQ(calls[2], "h27 = handle_duplicate(h23, SAME_RIGHTS)");
  EXPECT_EQ(calls[3], "handle_close(h23)");
  EXPECT_NE(calls[4].find("handle_close(h23)"), std::string::npos);
  EXPECT_NE(calls[4].find("-> ZX_ERR_BAD_HANDLE"), std::string::npos);  // HANDLE-011
  EXPECT_EQ(calls[5], "handle_close(0)");                               // HANDLE-010
  EXPECT_NE(calls[6].find("-> ZX_ERR_OUT_OF_RANGE"), std::string::npos);  // VMO-012
  EXPECT_NE(calls[7].find("vmo_read(h27, 0, 3)"), std::string::npos);
  EXPECT_NE(calls[7].find("-> ZX_OK \"\\x00\\x00\\x00\""), std::string::npos);
  EXPECT_EQ(calls[8], "check_invariants()");
}

// The written file replays through the project's scenario runner; a wrong expectation fails
// at its line (scenario-format.md "-> STATUS").
TEST(PropsZxs, WrittenScenarioReplaysThroughTheRunner) {
  Trace t = RunCalls({VmoCreate{4096, 0}, VmoGetSize{23}, HandleClose{23}, HandleClose{23},
                      ObjectSetProperty{19, ZX_PROP_NAME, Bytes{'a', 0, '"'}}});
  std::string text = FormatScenario(t, model::InitialState(), {});
  auto ok = Replay(text, &model::Step);
  EXPECT_EQ(ok.verdict, scenario::Verdict::kPass) << ok.Describe() << "\n" << text;
  auto bad = Replay("h23 = vmo_create(4096, 0)\nhandle_close(h23) -> ZX_ERR_BAD_HANDLE\n",
                    &model::Step);
  EXPECT_EQ(bad.verdict, scenario::Verdict::kFail);
  EXPECT_EQ(bad.line, 2);
}

// A step function that throws replays as ZX_ERR_INTERNAL, the status the writer pins for it.
TEST(PropsZxs, ThrowingStepReplaysAsInternalError) {
  StepFn throws = [](model::State, zx_koid_t, const Call&) -> model::StepResult {
    throw std::length_error("too big");
  };
  auto r = Replay("vmo_create(1, 0) -> ZX_ERR_INTERNAL\n", throws);
  EXPECT_EQ(r.verdict, scenario::Verdict::kPass) << r.Describe();
}

// Every generated run of the correct model, written out, replays: the writer and the reader
// agree on every call and argument form the generator draws.
RC_GTEST_PROP(PropsZxs, GeneratedRunsReplay, ()) {
  Recorder recorder;
  CheckSequence(*FindProperty("handles-stable"), &model::Step, &recorder);
  ScenarioHeader h;
  h.property = "handles-stable";
  std::string text = FormatScenario(recorder.trace, model::InitialState(), h);
  auto r = Replay(text, &model::Step);
  if (r.verdict != scenario::Verdict::kPass) RC_FAIL(r.Describe() + "\n" + text);
}

}  // namespace
}  // namespace zxspec::props

namespace zxspec::props {
namespace {

// Calls as another process print as `@p<value>` (the name its handle was bound to in the
// initial process), and handles returned into its table are named k<koid>_h<value>.
TEST(PropsZxs, OtherCallersPrintAsNamedProcesses) {
  const model::State s = model::InitialState();
  const zx_koid_t self = s.initial.self_koid, child = 1028;
  TraceStep create;  // process_create(job, "c", 0) as returned by PROC-012
  create.action = {self, ProcessCreate{7, Bytes{'c'}, 0}, {}, 0};
  create.outcome = Outcome::Ok(HandlePairResult{23, 27});
  create.result_owner = self;
  create.result_types = {ZX_OBJ_TYPE_PROCESS, ZX_OBJ_TYPE_VMAR};
  TraceStep as_child;  // vmo_create as the child
  as_child.action = {child, VmoCreate{4096, 0}, {}, 1};
  as_child.outcome = Outcome::Ok(HandleResult{3 | (1 << 2)});
  as_child.caller_handle = 23;
  as_child.result_owner = child;
  as_child.result_types = {ZX_OBJ_TYPE_VMO};
  TraceStep close = as_child;
  close.action.call = HandleClose{7};
  close.outcome = Outcome::Ok();
  close.result_types.clear();
  std::string text = FormatScenario({create, as_child, close}, s, {});
  EXPECT_NE(text.find("p23, h27 = process_create(job, \"c\", 0)"), std::string::npos) << text;
  EXPECT_NE(text.find("@p23 k1028_h7 = vmo_create(4096, 0)"), std::string::npos) << text;
  EXPECT_NE(text.find("@p23 handle_close(k1028_h7)"), std::string::npos) << text;
}

}  // namespace
}  // namespace zxspec::props
