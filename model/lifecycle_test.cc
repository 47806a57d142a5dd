// Object lifetime and the purity of Step (HANDLE-003, README "Identities").
#include "model/test_util.h"

#include "model/core.h"

namespace zxspec::model {
namespace {

using Lifecycle = ModelTest;

TEST_F(Lifecycle, ClosingTheLastHandleDestroysTheVmo) {
  size_t before = k.state().objects.size();
  zx_handle_t h = Vmo(4096);
  auto dup = k.zx_handle_duplicate(self, h, ZX_RIGHT_SAME_RIGHTS).value();
  EXPECT_EQ(k.state().objects.size(), before + 1);
  ASSERT_EQ(k.zx_handle_close(self, h), ZX_OK);
  EXPECT_EQ(k.state().objects.size(), before + 1);
  ASSERT_EQ(k.zx_handle_close(self, dup), ZX_OK);
  EXPECT_EQ(k.state().objects.size(), before);
  EXPECT_TRUE(k.state().memories.empty());
}

TEST_F(Lifecycle, StepIsPureAndDeterministic) {
  State s0 = k.state();
  StepResult a = Step(s0, self, VmoCreate{4096, 0});
  StepResult b = Step(s0, self, VmoCreate{4096, 0});
  EXPECT_EQ(a.outcome, b.outcome);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(s0, k.state());  // the input was not touched
  EXPECT_FALSE(a.state == s0);
}

TEST_F(Lifecycle, KoidsComeFromOneCounter) {
  zx_handle_t a = Vmo(1);
  zx_handle_t b = Vmo(1);
  EXPECT_EQ(Basic(b).koid, Basic(a).koid + 1);
  EXPECT_EQ(Basic(a).koid, ZX_KOID_FIRST + 4);  // after job, self, root VMAR, vmex
}

TEST_F(Lifecycle, DeadCallerIsRefused) {
  State s = k.state();
  EXPECT_EQ(CallerStateOf(s, self), CallerState::kLive);
  EXPECT_EQ(CallerStateOf(s, 999999), CallerState::kUnknown);
  EXPECT_EQ(Step(s, 999999, VmoCreate{}).outcome.status, ZX_ERR_BAD_STATE);
}

TEST_F(Lifecycle, PageStoreIsCanonical) {
  PageStore a, b;
  a.Write(10, Bytes{1, 2, 3});
  a.Write(10, Bytes{0, 0, 0});
  EXPECT_EQ(a, b);
  a.Write(5000, Bytes{7});
  a.TruncateFrom(4097);
  EXPECT_EQ(a, b);
  a.Write(4096, Bytes{1, 1});
  a.TruncateFrom(4097);
  EXPECT_EQ(a.Read(4096, 2), (Bytes{1, 0}));
}

}  // namespace
}  // namespace zxspec::model
