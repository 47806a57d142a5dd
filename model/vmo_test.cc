// VMO create / read / write / sizes / stream size / content size / ZX_INFO_VMO basics
// (vmo.md VMO-010..053, VMO-130..133; seed RFC-0238).
#include "model/test_util.h"

namespace zxspec::model {
namespace {

using ZxVmo = ModelTest;

// VMO-015/017: size rounds up, the stream size keeps the argument.
TEST_F(ZxVmo, CreateRoundsSizeAndKeepsStreamSize) {
  zx_handle_t h = Vmo(42);
  EXPECT_EQ(k.zx_vmo_get_size(self, h).value(), 4096u);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 42u);
  zx_handle_t z = Vmo(0);
  EXPECT_EQ(k.zx_vmo_get_size(self, z).value(), 0u);
  zx_handle_t u = Vmo(42, ZX_VMO_UNBOUNDED);
  EXPECT_EQ(k.zx_vmo_get_size(self, u).value(), kVmoMaxSize);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, u).value(), 42u);
  EXPECT_EQ(k.zx_vmo_set_size(self, u, 8192), ZX_ERR_UNAVAILABLE);  // VMO-037
  ExpectInvariants();
}

// VMO-011..014 in order.
TEST_F(ZxVmo, CreateErrorOrder) {
  EXPECT_EQ(k.zx_vmo_create(self, 0, ZX_VMO_UNBOUNDED | ZX_VMO_RESIZABLE).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_create(self, UINT64_MAX, 0x100).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_create(self, kVmoMaxSize + 1, 0).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_create(self, 4096, ZX_VMO_TRAP_DIRTY).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_create(self, UINT64_MAX, ZX_VMO_UNBOUNDED).status_value(),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_TRUE(k.zx_vmo_create(self, kVmoMaxSize, 0).is_ok());
  EXPECT_TRUE(k.zx_vmo_create(self, 1, ZX_VMO_RESIZABLE | ZX_VMO_DISCARDABLE).is_ok());
}

// VMO-016
TEST_F(ZxVmo, HandleRightsDependOnResizable) {
  EXPECT_EQ(Basic(Vmo(1)).rights, ZX_DEFAULT_VMO_RIGHTS);
  EXPECT_EQ(Basic(Vmo(1, ZX_VMO_RESIZABLE)).rights, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_RESIZE);
}

// VMO-020..025
TEST_F(ZxVmo, ReadWriteBoundsAreTheVmoSize) {
  zx_handle_t h = Vmo(10);
  EXPECT_EQ(k.zx_vmo_write(self, h, 4090, Bytes{1, 2, 3, 4, 5, 6}), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, h, 4094, 2).value(), (Bytes{5, 6}));
  EXPECT_EQ(k.zx_vmo_read(self, h, 4095, 2).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_read(self, h, 4096, 0).status_value(), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, h, 4097, 0).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_read(self, h, UINT64_MAX, 2).status_value(), ZX_ERR_OUT_OF_RANGE);
  // Writes never move the stream size (VMO-025).
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 10u);
  // Never-written bytes read as zero.
  EXPECT_EQ(k.zx_vmo_read(self, h, 0, 3).value(), (Bytes{0, 0, 0}));
}

// VMO-020 / GEN-001: bad handle, wrong type, then rights.
TEST_F(ZxVmo, ReadWriteLookupOrder) {
  zx_handle_t h = Vmo(4096);
  auto ro = k.zx_handle_duplicate(self, h, ZX_RIGHT_READ).value();
  EXPECT_EQ(k.zx_vmo_write(self, ro, 0, Bytes{1}), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_vmo_read(self, k.Initial().job, 0, 1).status_value(), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_vmo_read(self, 0, 0, 1).status_value(), ZX_ERR_BAD_HANDLE);
  auto none = k.zx_handle_duplicate(self, h, ZX_RIGHT_NONE).value();
  EXPECT_EQ(k.zx_vmo_read(self, none, 0, 1).status_value(), ZX_ERR_ACCESS_DENIED);
}

// VMO-035..042 (RFC-0238 overrides)
TEST_F(ZxVmo, SetSizeChecksAndTruncatesStreamSize) {
  zx_handle_t h = Vmo(10000, ZX_VMO_RESIZABLE);
  EXPECT_EQ(k.zx_vmo_get_size(self, h).value(), 12288u);
  EXPECT_EQ(k.zx_vmo_set_size(self, h, 4097), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_set_size(self, h, UINT64_MAX), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_set_size(self, h, 4096), ZX_OK);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 4096u);
  EXPECT_EQ(k.zx_vmo_set_size(self, h, 16384), ZX_OK);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 4096u);  // never grows
  auto no_resize = k.zx_handle_duplicate(self, h, ZX_DEFAULT_VMO_RIGHTS).value();
  EXPECT_EQ(k.zx_vmo_set_size(self, no_resize, 8192), ZX_ERR_ACCESS_DENIED);  // VMO-036
  auto no_write = k.zx_handle_duplicate(self, h, ZX_RIGHT_READ | ZX_RIGHT_RESIZE).value();
  EXPECT_EQ(k.zx_vmo_set_size(self, no_write, 8192), ZX_ERR_ACCESS_DENIED);  // VMO-035
  zx_handle_t fixed = Vmo(4096);
  EXPECT_EQ(k.zx_vmo_set_size(self, fixed, UINT64_MAX), ZX_ERR_UNAVAILABLE);  // VMO-037 first
  ExpectInvariants();
}

// VMO-041: shrinking discards, regrowing reads zero.
TEST_F(ZxVmo, ShrinkThenGrowReadsZero) {
  zx_handle_t h = Vmo(8192, ZX_VMO_RESIZABLE);
  ASSERT_EQ(k.zx_vmo_write(self, h, 4096, Bytes{9, 9}), ZX_OK);
  ASSERT_EQ(k.zx_vmo_set_size(self, h, 4096), ZX_OK);
  ASSERT_EQ(k.zx_vmo_set_size(self, h, 8192), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, h, 4096, 2).value(), (Bytes{0, 0}));
}

// VMO-045..049
TEST_F(ZxVmo, SetStreamSizeZeroesPastTheStream) {
  zx_handle_t h = Vmo(8192);
  ASSERT_EQ(k.zx_vmo_write(self, h, 0, Bytes(8192, 7)), ZX_OK);
  // Equal size: no effect, nothing zeroed (VMO-047).
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, 8192), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, h, 8191, 1).value(), Bytes{7});
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, 8193), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, UINT64_MAX), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, 100), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, h, 99, 2).value(), (Bytes{7, 0}));
  EXPECT_EQ(k.zx_vmo_read(self, h, 8191, 1).value(), Bytes{0});
  // Growing zeroes from the old stream end (bytes written past it by vmo_write vanish).
  ASSERT_EQ(k.zx_vmo_write(self, h, 200, Bytes{5}), ZX_OK);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, 300), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, h, 200, 1).value(), Bytes{0});
  auto ro = k.zx_handle_duplicate(self, h, ZX_RIGHT_READ).value();
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, ro, 10), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, ro).value(), 300u);  // VMO-030: no rights
}

// VMO-050..053: the content-size property needs GET/SET_PROPERTY, and WRITE to set.
TEST_F(ZxVmo, ContentSizeProperty) {
  zx_handle_t h = Vmo(5000);
  auto v = k.zx_object_get_property(self, h, ZX_PROP_VMO_CONTENT_SIZE);
  ASSERT_TRUE(v.is_ok());
  EXPECT_EQ(std::get<U64Result>(v.value()).value, 5000u);
  EXPECT_EQ(k.zx_object_set_property(self, h, ZX_PROP_VMO_CONTENT_SIZE, EncodeU64(6000)), ZX_OK);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 6000u);
  EXPECT_EQ(k.zx_object_set_property(self, h, ZX_PROP_VMO_CONTENT_SIZE, EncodeU64(9000)),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_object_set_property(self, h, ZX_PROP_VMO_CONTENT_SIZE, Bytes{1, 2}),
            ZX_ERR_BUFFER_TOO_SMALL);
  auto no_write = k.zx_handle_duplicate(self, h, ZX_RIGHT_SET_PROPERTY).value();
  EXPECT_EQ(k.zx_object_set_property(self, no_write, ZX_PROP_VMO_CONTENT_SIZE, EncodeU64(1)),
            ZX_ERR_ACCESS_DENIED);
  auto no_prop = k.zx_handle_duplicate(self, h, ZX_RIGHT_READ).value();
  EXPECT_EQ(k.zx_object_get_property(self, no_prop, ZX_PROP_VMO_CONTENT_SIZE).status_value(),
            ZX_ERR_ACCESS_DENIED);
  // Not a VMO: WRITE is checked before the type (VMO-053).
  EXPECT_EQ(k.zx_object_set_property(self, k.Initial().job, ZX_PROP_VMO_CONTENT_SIZE,
                                     EncodeU64(1)),
            ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_object_get_property(self, h, 12345).status_value(), ZX_ERR_NOT_SUPPORTED);
}

// VMO-130..133
TEST_F(ZxVmo, InfoOfARootVmo) {
  zx_handle_t h = Vmo(4096 * 3, ZX_VMO_RESIZABLE);
  ASSERT_EQ(k.zx_vmo_write(self, h, 4096, Bytes{1}), ZX_OK);
  ASSERT_EQ(k.zx_vmo_write(self, h, 8192, Bytes(4096, 0)), ZX_OK);  // zeros commit too
  zx_info_vmo_t info = InfoVmo(h);
  EXPECT_EQ(info.flags, ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE | ZX_INFO_VMO_RESIZABLE);
  EXPECT_EQ(info.size_bytes, 12288u);
  EXPECT_EQ(info.committed_bytes, 8192u);
  EXPECT_EQ(info.handle_rights, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_RESIZE);
  EXPECT_EQ(info.parent_koid, 0u);
  EXPECT_EQ(info.num_children, 0u);
  EXPECT_EQ(InfoVmo(Vmo(1)).flags, 0x9u);
  EXPECT_EQ(InfoVmo(Vmo(1, ZX_VMO_DISCARDABLE)).flags & ZX_INFO_VMO_DISCARDABLE,
            ZX_INFO_VMO_DISCARDABLE);
  EXPECT_EQ(k.zx_object_get_info(self, k.Initial().job, ZX_INFO_VMO).status_value(),
            ZX_ERR_WRONG_TYPE);
}

}  // namespace
}  // namespace zxspec::model
