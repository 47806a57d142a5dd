// Abstraction and concretization (spec/abstraction.h): every state the model reaches goes to
// the spec's tables and back unchanged, so a counterexample or a witness replays on the model
// state that means what the spec state meant; tables no model state has are named errors.
#include "spec/abstraction.h"

#include <gtest/gtest.h>

#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

TEST(Abstraction, ReachableStatesRoundTrip) {
  size_t checked = 0;
  for (const ReachedStep& step : ReachableSteps(/*seed=*/7, /*walks=*/24, /*steps=*/40)) {
    auto a = Abstract(step.result.state);
    if (a.is_error()) continue;  // larger than kMaxConcretePoints
    Concretized back = Concretize(a.value());
    ASSERT_EQ(back.problem, "");
    EXPECT_TRUE(back.state == step.result.state);
    ++checked;
  }
  EXPECT_GE(checked, 500u);
}

// A huge committed range (COMMIT of a large VMO) is few runs in the model: abstracting it must
// not walk every page up to the end of the range.
TEST(Abstraction, LargeSparseCommitmentIsRefusedOrListed) {
  model::State s = model::InitialState();
  model::Memory m;
  m.size = uint64_t{1} << 40;
  m.committed.InsertRange(0, 4);
  m.committed.InsertRange(uint64_t{1} << 27, (uint64_t{1} << 27) + 2);
  s.memories[s.next_memory++] = m;
  auto a = Abstract(s);
  ASSERT_TRUE(a.is_ok());
  EXPECT_EQ(a.value().at(&SymState::committed).size(), 6u);
  m.committed.InsertRange(0, uint64_t{1} << 30);  // 2^30 pages: too many points
  s.memories[1] = m;
  EXPECT_EQ(Abstract(s).error_value().status, ZX_ERR_OUT_OF_RANGE);
}

TEST(Abstraction, AVmoViewingNoMemoryHasNoModelState) {
  StateValue v = Abstract(model::InitialState()).value();
  v.Put(&SymState::alive, {5000}, 1);
  v.Put(&SymState::type, {5000}, ZX_OBJ_TYPE_VMO);
  v.Put(&SymState::vmo_memory, {5000}, 77);
  EXPECT_NE(Concretize(v).problem, "");
}

// GEN-006: a handle table whose counter one call could push past 2^30 - 1 is no state
// model::Step can run from (its install asserts): Concretize refuses it, one below is fine.
TEST(Abstraction, AHandleTableAtItsLimitHasNoModelState) {
  StateValue v = Abstract(model::InitialState()).value();
  const zx_koid_t self = model::InitialState().initial.self_koid;
  constexpr uint64_t kMost = (uint64_t{1} << 30) - 1 - ZX_CHANNEL_MAX_MSG_HANDLES;
  v.Put(&SymState::proc_installed, {self}, kMost);
  EXPECT_EQ(Concretize(v).problem, "");
  v.Put(&SymState::proc_installed, {self}, kMost + 1);
  EXPECT_NE(Concretize(v).problem, "");
}

}  // namespace
}  // namespace zxspec::spec
