#include "scenario/runner.h"

#include <gtest/gtest.h>

#include "api/format.h"
#include "model/model.h"

namespace zxspec::scenario {
namespace {

RunReport RunModel(std::string_view src) {
  model::ModelKernel k;
  return RunSource(src, "t.zxs", k, nullptr, RunOptions{});
}

// The example of scenario-format.md, as far as it uses calls of this slice.
TEST(Run, FormatExampleSizes) {
  RunReport r = RunModel(R"(
# RFC-0238: set_size truncates the stream size
vmo = vmo_create(10000, RESIZABLE)
vmo_get_size(vmo)                  -> ZX_OK 12288
vmo_get_stream_size(vmo)           -> ZX_OK 10000
vmo_set_size(vmo, 4097)            -> ZX_ERR_INVALID_ARGS
vmo_set_size(vmo, 4096)
vmo_get_stream_size(vmo)           -> ZX_OK 4096
vmo_write(vmo, 0, "hello")
vmo_read(vmo, 0, 5)                -> ZX_OK "hello"
check_invariants()
)");
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.Describe();
  EXPECT_EQ(r.ExitCode(), 0);
  EXPECT_EQ(r.statements_run, 9u);
}

TEST(Run, FailedExpectationNamesTheLine) {
  RunReport r = RunModel("v = vmo_create(1, 0)\nvmo_get_size(v) -> ZX_OK 8192\n");
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.ExitCode(), 1);
  EXPECT_EQ(r.line, 2);
  EXPECT_NE(r.message.find("expected 8192, got 4096"), std::string::npos) << r.message;
}

// HANDLE-052: a TIMED_OUT wait's observed signals are compared like ZX_OK's results, and the
// status first.
TEST(Run, ValuesAfterAnErrorStatusAreCompared) {
  EXPECT_EQ(RunModel("a, b = channel_create(0)\n"
                     "object_wait_one(a, READABLE, 0) -> ZX_ERR_TIMED_OUT CHANNEL_WRITABLE\n")
                .verdict,
            Verdict::kPass);
  RunReport r = RunModel("a, b = channel_create(0)\n"
                         "object_wait_one(a, READABLE, 0) -> ZX_ERR_TIMED_OUT CHANNEL_READABLE\n");
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_NE(r.message.find("expected 1, got 2"), std::string::npos) << r.message;
  r = RunModel("a, b = channel_create(0)\nobject_wait_one(a, WRITABLE, 0) -> ZX_ERR_TIMED_OUT 2\n");
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_NE(r.message.find("expected ZX_ERR_TIMED_OUT, got ZX_OK"), std::string::npos) << r.message;
}

TEST(Run, NoExpectationMeansOk) {
  RunReport r = RunModel("vmo_create(UINT64_MAX, 0)\n");
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_NE(r.message.find("expected ZX_OK, got ZX_ERR_OUT_OF_RANGE"), std::string::npos);
}

// P-5: after the default caller kills itself, check_invariants() still runs; a call does not.
TEST(Run, CallsAsADeadProcessFailButChecksRun) {
  EXPECT_EQ(RunModel("task_kill(self)\ncheck_invariants()\n").verdict, Verdict::kPass);
  RunReport r = RunModel("task_kill(self)\nvmo_create(4096, 0)\n");
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.line, 2);
  EXPECT_NE(r.message.find("calling process is dead"), std::string::npos) << r.message;
}

// A name keeps the object it was bound to: `@p` acts as a process whose handles are all
// closed while it lives, and is refused once it is dead or when the object is no process.
TEST(Run, NamesKeepTheirObjectAfterTheHandleCloses) {
  const std::string start =
      "p, pv = process_create(job, \"c\", 0)\nq = handle_duplicate(p, SAME_RIGHTS)\n"
      "v = vmo_create(4096, 0)\nh = process_start(p, v)\nhandle_close(p)\n";
  EXPECT_EQ(RunModel(start + "@p vmo_get_size(h) -> ZX_OK 4096\n").verdict, Verdict::kPass);
  RunReport dead = RunModel(start + "task_kill(q)\n@p vmo_get_size(h)\n");
  EXPECT_EQ(dead.verdict, Verdict::kFail);
  EXPECT_EQ(dead.line, 7);
  EXPECT_NE(dead.message.find("calling process is dead"), std::string::npos) << dead.message;
  RunReport vmo = RunModel("v = vmo_create(4096, 0)\nhandle_close(v)\n@v vmo_create(1, 0)\n");
  EXPECT_EQ(vmo.verdict, Verdict::kFail);
  EXPECT_NE(vmo.message.find("'v' is not a process handle"), std::string::npos) << vmo.message;
  // An INITIAL process dies with its last handle (PROC-014): the kept name acts as a dead one.
  RunReport initial = RunModel("p, pv = process_create(job, \"c\", 0)\nhandle_close(p)\n@p vmo_create(1, 0)\n");
  EXPECT_EQ(initial.verdict, Verdict::kFail);
  EXPECT_NE(initial.message.find("calling process is dead"), std::string::npos) << initial.message;
}

TEST(Run, RecordsFlagsAndKoidReferences) {
  RunReport r = RunModel(R"(
v = vmo_create(4096, 0)
object_get_info(v, VMO) -> ZX_OK {flags: +TYPE_PAGED|VIA_HANDLE, size_bytes: 4096, koid: v}
object_get_info(v, VMO) -> ZX_OK {flags: -RESIZABLE|IMMUTABLE, handle_rights: DEFAULT_VMO_RIGHTS}
object_get_info(v, HANDLE_BASIC) -> ZX_OK {type: VMO, rights: DEFAULT_VMO_RIGHTS, related_koid: 0}
object_get_info(self, HANDLE_BASIC) -> ZX_OK {koid: self, type: PROCESS}
)");
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.Describe();
  RunReport bad = RunModel("v = vmo_create(4096, 0)\nobject_get_info(v, VMO) -> ZX_OK {flags: +IMMUTABLE}\n");
  EXPECT_EQ(bad.verdict, Verdict::kFail);
  EXPECT_NE(bad.message.find("expected bits +IMMUTABLE"), std::string::npos) << bad.message;
}

// `+A|B -C`: set and clear tests in one expectation, each checked (the first that fails is
// reported); a sign after a set starts a new test, never arithmetic.
TEST(Run, SetAndClearBitsInOneExpectation) {
  const std::string make = "v = vmo_create(4096, RESIZABLE)\n";
  EXPECT_EQ(RunModel(make + "object_get_info(v, VMO) -> ZX_OK {flags: +RESIZABLE|VIA_HANDLE -IMMUTABLE|IS_COW_CLONE}\n")
                .verdict,
            Verdict::kPass);
  RunReport set = RunModel(make + "object_get_info(v, VMO) -> ZX_OK {flags: -IMMUTABLE +IS_COW_CLONE}\n");
  EXPECT_EQ(set.verdict, Verdict::kFail);
  EXPECT_NE(set.message.find("expected bits +IS_COW_CLONE"), std::string::npos) << set.message;
  RunReport clear = RunModel(make + "object_get_info(v, VMO) -> ZX_OK {flags: +RESIZABLE -RESIZABLE}\n");
  EXPECT_EQ(clear.verdict, Verdict::kFail);
  EXPECT_NE(clear.message.find("RESIZABLE"), std::string::npos) << clear.message;
}

TEST(Run, BindingsArithmeticAndLiteralHandles) {
  RunReport r = RunModel(R"(
v = vmo_create(8K, 0)
n = vmo_get_size(v)
vmo_write(v, n - 2, "ab")
vmo_read(v, n - 2, 2) -> ZX_OK "ab"
d = vmo_read(v, n - 2, 2)
vmo_read(v, 8190, 2) -> ZX_OK d
handle_close(0)
handle_close(12345) -> ZX_ERR_BAD_HANDLE
handle_close(v)
vmo_get_size(v) -> ZX_ERR_BAD_HANDLE
)");
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.Describe();
}

TEST(Run, ParseErrorsExitTwo) {
  RunReport r = RunModel("v = vmo_create(1, 0)\nvmo_write(v, 0, \"oops)\n");
  EXPECT_EQ(r.ExitCode(), 2);
  EXPECT_EQ(r.Describe(), "t.zxs:2:17: error: unterminated string (no closing '\"' on this line)");
}

// A model that claims to model nothing: every call is "not modeled".
class NothingModeled final : public Kernel {
 public:
  std::string_view Name() const override { return "nothing"; }
  InitialEnvironment Initial() const override { return model_.Initial(); }
  CallerState Caller(zx_koid_t p) const override { return model_.Caller(p); }
  bool Models(const Call&) const override { return false; }
  Outcome Apply(zx_koid_t caller, const Call& c) override { return model_.Apply(caller, c); }
  std::vector<std::string> CheckInvariants() const override { return {}; }

 private:
  model::ModelKernel model_;
};

TEST(Run, NotModeledCallsAreReportedNotRun) {
  for (const char* src : {"v = vmo_create(1, 0)\n", "fidl_recv(root, [])\n"}) {
    NothingModeled k;
    EXPECT_EQ(RunSource(src, "t.zxs", k, nullptr, RunOptions{}).ExitCode(), 2) << src;
    EXPECT_EQ(RunSource(src, "t.zxs", k, nullptr, RunOptions{true}).ExitCode(), kSkipExitCode)
        << src;
  }
}

// FIDL-010/020: fidl_send and fidl_recv lines run the fidl/ layer over the target, alone and in
// lock-step.
TEST(Run, FidlLinesRunTheBindingsLayer) {
  const char* src = R"(
a, b = channel_create(0)
v = vmo_create(4096, 0)
fidl_send(a, "m", [{handle: v, type: VMO, rights: READ, optional: MAP}])
data, got = fidl_recv(b, [{type: VMO, rights: READ, optional: NONE}]) -> ZX_OK "m", [{type: VMO, rights: READ}]
object_get_info(got, HANDLE_BASIC) -> ZX_OK {rights: READ}
fidl_send(b, "", [{handle: got, type: VMO, rights: READ, optional: NONE}]) -> ZX_ERR_BAD_STATE
fidl_recv(a, []) -> ZX_ERR_BAD_STATE
)";
  RunReport r = RunModel(src);
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.Describe();
  EXPECT_EQ(r.statements_run, 7u);
  model::ModelKernel k1, k2;
  RunReport both = RunSource(src, "t.zxs", k1, &k2, RunOptions{});
  EXPECT_EQ(both.verdict, Verdict::kPass) << both.Describe();
  RunReport wrong = RunModel("a, b = channel_create(0)\nfidl_recv(b, []) -> ZX_OK\n");
  EXPECT_EQ(wrong.verdict, Verdict::kFail);
  EXPECT_NE(wrong.message.find("ZX_ERR_SHOULD_WAIT"), std::string::npos) << wrong.message;
}

TEST(Run, InvariantsAreChecked) {
  RunReport r = RunModel("check_invariants()\n");
  EXPECT_EQ(r.verdict, Verdict::kPass);
}

// Two targets in lock-step: identical kernels agree.
TEST(Run, BothTargetsAgree) {
  model::ModelKernel a, b;
  RunReport r = RunSource("v = vmo_create(1, 0)\nvmo_write(v, 0, \"x\")\n", "t.zxs", a, &b,
                          RunOptions{});
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.Describe();
}

// A kernel that answers differently makes `both` fail even without an expectation.
class LyingKernel final : public Kernel {
 public:
  std::string_view Name() const override { return "liar"; }
  InitialEnvironment Initial() const override { return inner_.Initial(); }
  CallerState Caller(zx_koid_t p) const override { return inner_.Caller(p); }
  bool Models(const Call& c) const override { return inner_.Models(c); }
  Outcome Apply(zx_koid_t caller, const Call& c) override {
    Outcome o = inner_.Apply(caller, c);
    if (std::holds_alternative<VmoGetSize>(c) && o.status == ZX_OK) {
      std::get<U64Result>(o.payload).value += ZX_PAGE_SIZE;
    }
    return o;
  }
  std::vector<std::string> CheckInvariants() const override { return {}; }

 private:
  model::ModelKernel inner_;
};

TEST(Run, BothTargetsDisagreementFails) {
  model::ModelKernel a;
  LyingKernel b;
  RunReport r = RunSource("v = vmo_create(1, 0)\nvmo_get_size(v) -> any\n", "t.zxs", a, &b,
                          RunOptions{});
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.line, 2);
  EXPECT_NE(r.message.find("targets disagree"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace zxspec::scenario

// RunOptions::trace sees every call line with the outcome the target returned, `-> any` lines
// and failing lines included (zxspec run --trace); check_invariants() is not a call.
namespace zxspec::scenario {
namespace {

TEST(Run, TraceReportsEachCallsOutcome) {
  model::ModelKernel k;
  std::vector<std::string> seen;
  RunOptions options;
  options.trace = [&](const Statement& st, const Outcome& o) {
    seen.push_back(std::to_string(st.pos.line) + " " + FormatOutcome(o));
  };
  RunReport r = RunSource(
      "v = vmo_create(1, 0)\nvmo_get_size(v) -> any\ncheck_invariants()\n"
      "vmo_set_size(v, 1) -> ZX_OK\n",
      "t.zxs", k, nullptr, options);
  EXPECT_EQ(r.verdict, Verdict::kFail);  // VMO-037: not resizable
  EXPECT_EQ(seen, (std::vector<std::string>{"1 ZX_OK 23", "2 ZX_OK 4096",
                                            "4 ZX_ERR_UNAVAILABLE"}));
}

}  // namespace
}  // namespace zxspec::scenario
