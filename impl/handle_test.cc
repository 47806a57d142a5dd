// Handles, identities and object lifetime in the optimized implementation
// (handles-rights.md HANDLE-001..044, RIGHTS-010..016; DEVELOPERS.md "Identities").
#include "impl/test_util.h"

namespace zxspec::impl {
namespace {

using ImplHandle = ImplTest;

// HANDLE-001: the k-th handle of a table has value (k << 2) | 3; values are never reused.
TEST_F(ImplHandle, ValuesFollowTheIdentityRule) {
  auto env = k.Initial();
  EXPECT_EQ(env.job, 7u);
  EXPECT_EQ(env.self, 11u);
  EXPECT_EQ(env.root, 15u);
  EXPECT_EQ(env.vmex, 19u);
  zx_handle_t a = Vmo(4096);
  EXPECT_EQ(a, (5u << 2) | 3u);
  ASSERT_EQ(k.zx_handle_close(self, a), ZX_OK);
  EXPECT_EQ(Vmo(4096), (6u << 2) | 3u);
}

// Koids: one counter from ZX_KOID_FIRST; job, self, root VMAR, vmex are 1024..1027.
TEST_F(ImplHandle, KoidsComeFromOneCounter) {
  auto env = k.Initial();
  EXPECT_EQ(Basic(env.job).koid, 1024u);
  EXPECT_EQ(self, 1025u);
  EXPECT_EQ(Basic(env.root).koid, 1026u);
  EXPECT_EQ(Basic(env.vmex).koid, 1027u);
  EXPECT_EQ(Basic(Vmo(1)).koid, 1028u);
  EXPECT_EQ(Basic(Vmo(1)).koid, 1029u);
}

// HANDLE-010/011/012
TEST_F(ImplHandle, CloseInvalidIsOkAndCloseTwiceIsBadHandle) {
  EXPECT_EQ(k.zx_handle_close(self, ZX_HANDLE_INVALID), ZX_OK);
  zx_handle_t h = Vmo(0);
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_OK);
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_handle_close(self, 0x12345), ZX_ERR_BAD_HANDLE);
}

// HANDLE-020..023
TEST_F(ImplHandle, DuplicateChecksDuplicateRightThenSubset) {
  zx_handle_t h = Vmo(4096);
  auto same = k.zx_handle_duplicate(self, h, ZX_RIGHT_SAME_RIGHTS);
  ASSERT_TRUE(same.is_ok());
  EXPECT_EQ(Basic(same.value()).rights, ZX_DEFAULT_VMO_RIGHTS);
  EXPECT_EQ(Basic(same.value()).koid, Basic(h).koid);
  auto fewer = k.zx_handle_duplicate(self, h, ZX_RIGHT_READ);
  ASSERT_TRUE(fewer.is_ok());
  EXPECT_EQ(k.zx_handle_duplicate(self, fewer.value(), 0xFFFFFFFF).status_value(),
            ZX_ERR_ACCESS_DENIED);  // HANDLE-021 before the mask
  EXPECT_EQ(k.zx_handle_duplicate(self, h, ZX_RIGHT_EXECUTE).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_handle_duplicate(self, h, ZX_RIGHT_SAME_RIGHTS | ZX_RIGHT_READ).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_handle_duplicate(self, 0, ZX_RIGHT_SAME_RIGHTS).status_value(),
            ZX_ERR_BAD_HANDLE);
}

// HANDLE-030..032
TEST_F(ImplHandle, ReplaceConsumesTheInputEvenOnInvalidArgs) {
  zx_handle_t h = Vmo(4096);
  auto r = k.zx_handle_replace(self, h, ZX_RIGHT_READ | ZX_RIGHT_MAP);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(Basic(r.value()).rights, ZX_RIGHT_READ | ZX_RIGHT_MAP);
  size_t before = ObjectCount();
  EXPECT_EQ(k.zx_handle_replace(self, r.value(), ZX_RIGHT_WRITE).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_handle_close(self, r.value()), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(ObjectCount(), before - 1);  // that was the last handle: the VMO is gone
}

// HANDLE-032: replacing the only handle never destroys the object in between.
TEST_F(ImplHandle, ReplaceOfTheLastHandleKeepsTheObject) {
  zx_handle_t h = Vmo(4096);
  ASSERT_EQ(k.zx_vmo_write(self, h, 0, B("keep")), ZX_OK);
  auto r = k.zx_handle_replace(self, h, ZX_RIGHT_SAME_RIGHTS);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(Read(r.value(), 0, 4), B("keep"));
}

// HANDLE-003: the object lives while a handle does.
TEST_F(ImplHandle, ClosingTheLastHandleDestroysTheVmo) {
  size_t before = ObjectCount();
  zx_handle_t h = Vmo(4096);
  auto dup = k.zx_handle_duplicate(self, h, ZX_RIGHT_SAME_RIGHTS).value();
  ASSERT_EQ(k.zx_handle_close(self, h), ZX_OK);
  EXPECT_EQ(ObjectCount(), before + 1);
  ASSERT_EQ(k.zx_handle_close(self, dup), ZX_OK);
  EXPECT_EQ(ObjectCount(), before);
}

// HANDLE-041, RIGHTS-010..016: the initial objects and their default rights.
TEST_F(ImplHandle, BasicInfoOfTheInitialEnvironment) {
  auto env = k.Initial();
  EXPECT_EQ(Basic(env.job).type, ZX_OBJ_TYPE_JOB);
  EXPECT_EQ(Basic(env.job).rights, ZX_DEFAULT_JOB_RIGHTS);
  EXPECT_EQ(Basic(env.self).type, ZX_OBJ_TYPE_PROCESS);
  EXPECT_EQ(Basic(env.self).related_koid, Basic(env.job).koid);
  EXPECT_EQ(Basic(env.root).type, ZX_OBJ_TYPE_VMAR);
  EXPECT_EQ(Basic(env.root).rights, 0x20801Fu);
  EXPECT_EQ(Basic(env.vmex).type, ZX_OBJ_TYPE_RESOURCE);
  EXPECT_EQ(Basic(env.vmex).rights, ZX_DEFAULT_RESOURCE_RIGHTS);
  EXPECT_EQ(Basic(Vmo(1)).related_koid, 0u);
}

// HANDLE-040/043: HANDLE_VALID, unknown topics refused before the lookup.
TEST_F(ImplHandle, InfoTopicChecks) {
  zx_handle_t v = Vmo(1);
  EXPECT_EQ(k.Apply(self, ObjectGetInfo{v, ZX_INFO_HANDLE_VALID}), Outcome::Ok());
  EXPECT_EQ(k.Apply(self, ObjectGetInfo{0, ZX_INFO_HANDLE_VALID}).status, ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_object_get_info(self, ZX_HANDLE_INVALID, 0x4242).status_value(),
            ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(k.zx_object_get_info(self, ZX_HANDLE_INVALID, ZX_INFO_HANDLE_BASIC).status_value(),
            ZX_ERR_BAD_HANDLE);
}

// P-5: a caller that is not a live process is refused.
TEST_F(ImplHandle, UnknownCallerIsRefused) {
  EXPECT_EQ(k.Caller(999999), CallerState::kUnknown);
  EXPECT_EQ(k.Apply(999999, VmoCreate{}).status, ZX_ERR_BAD_STATE);
}

// VMO-054: names are cut at the first NUL and at 31 bytes.
TEST_F(ImplHandle, NameProperty) {
  zx_handle_t v = Vmo(1);
  Bytes long_name(40, 'a');
  ASSERT_EQ(k.zx_object_set_property(self, v, ZX_PROP_NAME, long_name), ZX_OK);
  auto got = k.zx_object_get_property(self, v, ZX_PROP_NAME);
  ASSERT_TRUE(got.is_ok());
  EXPECT_EQ(std::get<BytesResult>(got.value()).data, Bytes(31, 'a'));
  ASSERT_EQ(k.zx_object_set_property(self, v, ZX_PROP_NAME, Bytes{'x', 0, 'y'}), ZX_OK);
  EXPECT_EQ(std::get<BytesResult>(k.zx_object_get_property(self, v, ZX_PROP_NAME).value()).data,
            B("x"));
  EXPECT_EQ(k.zx_object_set_property(self, k.Initial().root, ZX_PROP_NAME, B("r")),
            ZX_ERR_ACCESS_DENIED);  // VMAR handles lack SET_PROPERTY
}

}  // namespace
}  // namespace zxspec::impl
