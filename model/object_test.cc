// zx_object_wait_one: handles-rights.md HANDLE-050..053. The signals a scenario cannot reach (a
// job's: every caller lives in the default job; NOT_SUPPORTED: no VMAR handle carries WAIT) are
// shown on states built directly.
#include "model/test_util.h"

namespace zxspec::model {
namespace {

using ZxObjectWaitOne = ModelTest;

// HANDLE-052: observed is written with ZX_OK and with ZX_ERR_TIMED_OUT; 0 never matches.
TEST_F(ZxObjectWaitOne, ObservedIsWrittenWhetherOrNotTheWaitIsSatisfied) {
  auto pair = k.zx_channel_create(self, 0);
  ASSERT_TRUE(pair.is_ok());
  zx_signals_t observed = 0;
  EXPECT_EQ(k.zx_object_wait_one(self, pair->first, ZX_CHANNEL_WRITABLE, 0, &observed), ZX_OK);
  EXPECT_EQ(observed, ZX_CHANNEL_WRITABLE);
  observed = 0;
  EXPECT_EQ(k.zx_object_wait_one(self, pair->first, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, &observed),
            ZX_ERR_TIMED_OUT);
  EXPECT_EQ(observed, ZX_CHANNEL_WRITABLE);
  EXPECT_EQ(k.zx_object_wait_one(self, pair->first, 0, 0, nullptr), ZX_ERR_TIMED_OUT);
}

// HANDLE-051: BAD_HANDLE, then ACCESS_DENIED without WAIT (the VMAR's default rights lack it).
TEST_F(ZxObjectWaitOne, ChecksTheHandleThenTheWaitRight) {
  zx_signals_t observed = 7;
  EXPECT_EQ(k.zx_object_wait_one(self, 0x7ff3, ~0u, 0, &observed), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(observed, 7u);  // not written
  EXPECT_EQ(k.zx_object_wait_one(self, k.Initial().root, ~0u, 0, &observed), ZX_ERR_ACCESS_DENIED);
}

struct Waited {
  zx_status_t status;
  zx_signals_t observed;
};

Waited WaitOn(const State& s, zx_koid_t caller, zx_handle_t h, zx_signals_t signals) {
  StepResult r = Step(s, caller, ObjectWaitOne{h, signals, 0});
  const auto* v = std::get_if<U64Result>(&r.outcome.payload);
  return {r.outcome.status, v != nullptr ? static_cast<zx_signals_t>(v->value) : 0xDEAD};
}

// HANDLE-053: a job asserts NO_JOBS always, NO_PROCESSES | NO_CHILDREN while no child process
// lives, TERMINATED once killed.
TEST(ZxObjectWaitOneJob, JobSignalsFollowItsProcesses) {
  State s = InitialState();
  const zx_koid_t self = s.initial.self_koid;
  EXPECT_EQ(WaitOn(s, self, s.initial.job, ~0u).observed, ZX_JOB_NO_JOBS);  // self lives in it
  const zx_koid_t job = NewObject(s, Job{});
  const zx_handle_t h = InstallHandle(s, self, HandleEntry{job, ZX_DEFAULT_JOB_RIGHTS});
  constexpr zx_signals_t kEmpty = ZX_JOB_NO_JOBS | ZX_JOB_NO_PROCESSES | ZX_JOB_NO_CHILDREN;
  EXPECT_EQ(WaitOn(s, self, h, ~0u).observed, kEmpty);
  Process p;
  p.job = job;
  const zx_koid_t child = NewObject(s, std::move(p));
  Waited w = WaitOn(s, self, h, ZX_JOB_NO_PROCESSES);
  EXPECT_EQ(w.status, ZX_ERR_TIMED_OUT);
  EXPECT_EQ(w.observed, ZX_JOB_NO_JOBS);
  std::get<Job>(s.objects.at(job)).killed = true;
  std::get<Process>(s.objects.at(child)).state = ProcessState::kDead;
  w = WaitOn(s, self, h, ZX_JOB_TERMINATED);
  EXPECT_EQ(w.status, ZX_OK);
  EXPECT_EQ(w.observed, kEmpty | ZX_JOB_TERMINATED);
}

// HANDLE-051 (3): a VMAR is not waitable, even through a handle that (impossibly) has WAIT.
TEST(ZxObjectWaitOneJob, VmarsAreNotWaitable) {
  State s = InitialState();
  const zx_koid_t self = s.initial.self_koid;
  const zx_koid_t root = std::get<Process>(s.objects.at(self)).root_vmar;
  const zx_handle_t h = InstallHandle(s, self, HandleEntry{root, ZX_RIGHT_WAIT});
  EXPECT_EQ(WaitOn(s, self, h, ~0u).status, ZX_ERR_NOT_SUPPORTED);
}

// HANDLE-053, VMO-140: ZERO_CHILDREN follows the live children, including re-parented ones.
TEST_F(ZxObjectWaitOne, ZeroChildrenFollowsLiveDescendants) {
  zx_handle_t v = Vmo(2 * ZX_PAGE_SIZE);
  auto c = k.zx_vmo_create_child(self, v, ZX_VMO_CHILD_SNAPSHOT, 0, ZX_PAGE_SIZE);
  ASSERT_TRUE(c.is_ok());
  auto g = k.zx_vmo_create_child(self, c.value(), ZX_VMO_CHILD_SLICE, 0, ZX_PAGE_SIZE);
  ASSERT_TRUE(g.is_ok());
  zx_signals_t observed = 0;
  ASSERT_EQ(k.zx_handle_close(self, c.value()), ZX_OK);
  EXPECT_EQ(k.zx_object_wait_one(self, v, ZX_VMO_ZERO_CHILDREN, 0, &observed), ZX_ERR_TIMED_OUT);
  ASSERT_EQ(k.zx_handle_close(self, g.value()), ZX_OK);
  EXPECT_EQ(k.zx_object_wait_one(self, v, ZX_VMO_ZERO_CHILDREN, 0, &observed), ZX_OK);
  EXPECT_EQ(observed, ZX_VMO_ZERO_CHILDREN);
}

}  // namespace
}  // namespace zxspec::model
