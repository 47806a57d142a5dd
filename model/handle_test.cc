// Handles and rights: handles-rights.md HANDLE-001..044, RIGHTS-010.
#include "model/test_util.h"

namespace zxspec::model {
namespace {

using ZxHandle = ModelTest;

// HANDLE-001: values are non-zero, carry the fixed bits, and are never reused.
TEST_F(ZxHandle, ValuesAreFreshAndCarryFixedBits) {
  zx_handle_t a = Vmo(4096);
  ASSERT_EQ(k.zx_handle_close(self, a), ZX_OK);
  zx_handle_t b = Vmo(4096);
  EXPECT_NE(a, b);
  EXPECT_EQ(a & ZX_HANDLE_FIXED_BITS_MASK, ZX_HANDLE_FIXED_BITS_MASK);
  EXPECT_EQ(b & ZX_HANDLE_FIXED_BITS_MASK, ZX_HANDLE_FIXED_BITS_MASK);
  // Initial environment: job, self, root, vmex take the first four values.
  EXPECT_EQ(a, (5u << 2) | 3u);
}

// HANDLE-010/011/012
TEST_F(ZxHandle, CloseInvalidIsOkAndCloseTwiceIsBadHandle) {
  EXPECT_EQ(k.zx_handle_close(self, ZX_HANDLE_INVALID), ZX_OK);
  zx_handle_t h = Vmo(0);
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_OK);
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_handle_close(self, 0x12345), ZX_ERR_BAD_HANDLE);
}

// HANDLE-020..023
TEST_F(ZxHandle, DuplicateChecksDuplicateRightThenSubset) {
  zx_handle_t h = Vmo(4096);
  auto same = k.zx_handle_duplicate(self, h, ZX_RIGHT_SAME_RIGHTS);
  ASSERT_TRUE(same.is_ok());
  EXPECT_EQ(Basic(same.value()).rights, ZX_DEFAULT_VMO_RIGHTS);
  EXPECT_EQ(Basic(same.value()).koid, Basic(h).koid);
  auto fewer = k.zx_handle_duplicate(self, h, ZX_RIGHT_READ);
  ASSERT_TRUE(fewer.is_ok());
  EXPECT_EQ(Basic(fewer.value()).rights, ZX_RIGHT_READ);
  // No DUPLICATE on the source: denied before the mask is looked at (HANDLE-021).
  EXPECT_EQ(k.zx_handle_duplicate(self, fewer.value(), 0xFFFFFFFF).status_value(),
            ZX_ERR_ACCESS_DENIED);
  // Not a subset (HANDLE-022), including SAME_RIGHTS mixed with other bits.
  EXPECT_EQ(k.zx_handle_duplicate(self, h, ZX_RIGHT_EXECUTE).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_handle_duplicate(self, h, ZX_RIGHT_SAME_RIGHTS | ZX_RIGHT_READ).status_value(),
            ZX_ERR_INVALID_ARGS);
  auto none = k.zx_handle_duplicate(self, h, ZX_RIGHT_NONE);
  ASSERT_TRUE(none.is_ok());
  EXPECT_EQ(Basic(none.value()).rights, ZX_RIGHT_NONE);
  EXPECT_EQ(k.zx_handle_duplicate(self, 0, ZX_RIGHT_SAME_RIGHTS).status_value(),
            ZX_ERR_BAD_HANDLE);
  ExpectInvariants();
}

// HANDLE-030..032
TEST_F(ZxHandle, ReplaceConsumesTheInputEvenOnInvalidArgs) {
  zx_handle_t h = Vmo(4096);
  auto r = k.zx_handle_replace(self, h, ZX_RIGHT_READ | ZX_RIGHT_MAP);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(Basic(r.value()).rights, ZX_RIGHT_READ | ZX_RIGHT_MAP);
  // Widening fails and closes the input (HANDLE-031).
  EXPECT_EQ(k.zx_handle_replace(self, r.value(), ZX_RIGHT_WRITE).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_handle_close(self, r.value()), ZX_ERR_BAD_HANDLE);
  // No right needed on the input, not even DUPLICATE.
  zx_handle_t g = Vmo(0);
  auto bare = k.zx_handle_replace(self, g, ZX_RIGHT_NONE);
  ASSERT_TRUE(bare.is_ok());
  auto again = k.zx_handle_replace(self, bare.value(), ZX_RIGHT_SAME_RIGHTS);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(k.zx_handle_replace(self, 0, ZX_RIGHT_SAME_RIGHTS).status_value(), ZX_ERR_BAD_HANDLE);
}

// HANDLE-041, RIGHTS-010/012/013/015/016: initial objects and their default rights.
TEST_F(ZxHandle, BasicInfoOfTheInitialEnvironment) {
  auto env = k.Initial();
  EXPECT_EQ(Basic(env.job).type, ZX_OBJ_TYPE_JOB);
  EXPECT_EQ(Basic(env.job).rights, ZX_DEFAULT_JOB_RIGHTS);
  EXPECT_EQ(Basic(env.self).type, ZX_OBJ_TYPE_PROCESS);
  EXPECT_EQ(Basic(env.self).koid, self);
  EXPECT_EQ(Basic(env.self).related_koid, Basic(env.job).koid);
  EXPECT_EQ(Basic(env.root).type, ZX_OBJ_TYPE_VMAR);
  EXPECT_EQ(Basic(env.root).rights, 0x20801Fu);
  EXPECT_EQ(Basic(env.vmex).type, ZX_OBJ_TYPE_RESOURCE);
  EXPECT_EQ(Basic(env.vmex).rights, ZX_DEFAULT_RESOURCE_RIGHTS);
  EXPECT_EQ(Basic(env.job).koid, ZX_KOID_FIRST);
  zx_handle_t v = Vmo(1);
  EXPECT_EQ(Basic(v).type, ZX_OBJ_TYPE_VMO);
  EXPECT_EQ(Basic(v).related_koid, 0u);
}

// HANDLE-041 needs no rights; HANDLE-043: unknown topics are refused before the lookup.
TEST_F(ZxHandle, InfoTopicChecks) {
  zx_handle_t v = Vmo(1);
  auto bare = k.zx_handle_replace(self, v, ZX_RIGHT_NONE);
  ASSERT_TRUE(bare.is_ok());
  EXPECT_EQ(Basic(bare.value()).rights, ZX_RIGHT_NONE);
  EXPECT_EQ(k.zx_object_get_info(self, ZX_HANDLE_INVALID, 0x4242).status_value(),
            ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(k.zx_object_get_info(self, ZX_HANDLE_INVALID, ZX_INFO_HANDLE_BASIC).status_value(),
            ZX_ERR_BAD_HANDLE);
}

}  // namespace
}  // namespace zxspec::model
