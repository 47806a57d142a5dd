// Streams in the optimized implementation (stream.md STREAM-010..072, seed RFC-0238).
#include "impl/test_util.h"

namespace zxspec::impl {
namespace {

using ImplStream = ImplTest;

zx_info_stream_t InfoStreamOf(ImplKernel& k, zx_koid_t self, zx_handle_t h) {
  auto r = k.zx_object_get_info(self, h, ZX_INFO_STREAM);
  EXPECT_TRUE(r.is_ok());
  return r.is_ok() ? std::get<zx_info_stream_t>(r.value()) : zx_info_stream_t{};
}

// STREAM-010..014: option check first, rights from the modes, handle rights.
TEST_F(ImplStream, CreateChecksAndRights) {
  zx_handle_t v = Vmo(4096);
  EXPECT_EQ(k.zx_stream_create(self, 0x8, 0, 0).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_stream_create(self, 0, 0, 0).status_value(), ZX_ERR_BAD_HANDLE);
  auto ro = k.zx_handle_duplicate(self, v, ZX_RIGHT_READ).value();
  EXPECT_EQ(k.zx_stream_create(self, ZX_STREAM_MODE_APPEND, ro, 0).status_value(),
            ZX_ERR_ACCESS_DENIED);  // APPEND needs WRITE (open point 1)
  EXPECT_EQ(Basic(k.zx_stream_create(self, 0, v, 0).value()).rights, 0xD0C3u);
  EXPECT_EQ(Basic(k.zx_stream_create(self, ZX_STREAM_MODE_READ, v, 0).value()).rights, 0xD0C7u);
  auto wa = k.zx_stream_create(self, ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND, v, 7).value();
  EXPECT_EQ(Basic(wa).rights, 0xD0CBu);
  EXPECT_EQ(InfoStreamOf(k, self, wa).seek, 7u);
  EXPECT_EQ(InfoStreamOf(k, self, wa).options, ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND);
}

// STREAM-001: the stream keeps its VMO alive after the VMO handles are closed.
TEST_F(ImplStream, StreamKeepsTheVmoAlive) {
  zx_handle_t v = Vmo(3);  // stream size 3
  auto s = k.zx_stream_create(self, ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE, v, 0).value();
  ASSERT_EQ(k.zx_handle_close(self, v), ZX_OK);
  EXPECT_EQ(k.zx_stream_writev(self, s, 0, B("abc")).value(), 3u);
  EXPECT_EQ(k.zx_stream_readv_at(self, s, 0, 0, 10).value(), B("abc"));
  size_t before = ObjectCount();
  ASSERT_EQ(k.zx_handle_close(self, s), ZX_OK);
  EXPECT_EQ(ObjectCount(), before - 2);  // stream, then its VMO
}

// STREAM-034: positioned writes grow the stream, zero the gap, stop at the VMO size.
TEST_F(ImplStream, PositionedWrites) {
  zx_handle_t v = Vmo(8192);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 0), ZX_OK);
  ASSERT_EQ(k.zx_vmo_write(self, v, 10, B("junk")), ZX_OK);  // past the stream end
  auto s = k.zx_stream_create(self, ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE, v, 0).value();
  EXPECT_EQ(k.zx_stream_writev_at(self, s, 0, 20, B("xy")).value(), 2u);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, v).value(), 22u);
  EXPECT_EQ(Read(v, 10, 4), Bytes(4, 0));  // gap [0, 20) zeroed (034e)
  EXPECT_EQ(InfoStreamOf(k, self, s).seek, 0u);  // writev_at never moves the seek
  EXPECT_EQ(k.zx_stream_writev_at(self, s, 0, 8190, B("abcd")).value(), 2u);  // partial (034d)
  EXPECT_EQ(k.zx_stream_writev_at(self, s, 0, 8192, B("a")).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_stream_writev_at(self, s, 0, UINT64_MAX, B("ab")).status_value(),
            ZX_ERR_FILE_BIG);
  EXPECT_EQ(k.zx_stream_writev_at(self, s, 1, 0, B("a")).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_get_size(self, v).value(), 8192u);  // never resized (STREAM-015)
}

// STREAM-040: appends start at the stream size and move the seek there.
TEST_F(ImplStream, AppendPath) {
  zx_handle_t v = Vmo(4096);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 5), ZX_OK);
  auto s = k.zx_stream_create(self, ZX_STREAM_MODE_WRITE, v, 100).value();
  EXPECT_EQ(k.zx_stream_writev(self, s, ZX_STREAM_APPEND, B("abc")).value(), 3u);
  EXPECT_EQ(InfoStreamOf(k, self, s).seek, 8u);
  EXPECT_EQ(InfoStreamOf(k, self, s).content_size, 8u);
  EXPECT_EQ(k.zx_stream_writev(self, s, 2, B("a")).status_value(), ZX_ERR_INVALID_ARGS);
  ASSERT_EQ(k.zx_object_set_property(self, s, ZX_PROP_STREAM_MODE_APPEND, Bytes{1}), ZX_OK);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 4096), ZX_OK);
  EXPECT_EQ(k.zx_stream_writev(self, s, 0, B("z")).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(std::get<U64Result>(
                k.zx_object_get_property(self, s, ZX_PROP_STREAM_MODE_APPEND).value()).value,
            1u);
}

// STREAM-025..027: reads stop at the stream size; readv moves the seek.
TEST_F(ImplStream, ReadsStopAtTheStreamSize) {
  zx_handle_t v = Vmo(4096);
  ASSERT_EQ(k.zx_vmo_write(self, v, 0, B("hello world")), ZX_OK);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 5), ZX_OK);
  auto s = k.zx_stream_create(self, ZX_STREAM_MODE_READ, v, 0).value();
  EXPECT_EQ(k.zx_stream_readv(self, s, 0, 3).value(), B("hel"));
  EXPECT_EQ(k.zx_stream_readv(self, s, 0, UINT64_MAX).value(), B("lo"));
  EXPECT_EQ(k.zx_stream_readv(self, s, 0, 10).value(), Bytes{});
  EXPECT_EQ(InfoStreamOf(k, self, s).seek, 5u);
  EXPECT_EQ(k.zx_stream_readv(self, s, 1, 1).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_stream_writev(self, s, 0, B("x")).status_value(), ZX_ERR_ACCESS_DENIED);
}

// STREAM-050..053
TEST_F(ImplStream, Seek) {
  zx_handle_t v = Vmo(4096);
  auto s = k.zx_stream_create(self, ZX_STREAM_MODE_READ, v, 0).value();
  EXPECT_EQ(k.zx_stream_seek(self, s, ZX_STREAM_SEEK_ORIGIN_END, -96).value(), 4000u);
  EXPECT_EQ(k.zx_stream_seek(self, s, ZX_STREAM_SEEK_ORIGIN_CURRENT, INT64_MAX).value(),
            4000u + static_cast<uint64_t>(INT64_MAX));
  EXPECT_EQ(k.zx_stream_seek(self, s, ZX_STREAM_SEEK_ORIGIN_CURRENT, INT64_MAX).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_stream_seek(self, s, ZX_STREAM_SEEK_ORIGIN_START, -1).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_stream_seek(self, s, ZX_STREAM_SEEK_ORIGIN_CURRENT, INT64_MIN).value(),
            4000u + static_cast<uint64_t>(INT64_MAX) - static_cast<uint64_t>(INT64_MAX) - 1);
  EXPECT_EQ(k.zx_stream_seek(self, s, 3, 0).status_value(), ZX_ERR_INVALID_ARGS);
  auto none = k.zx_stream_create(self, 0, v, 0).value();
  EXPECT_EQ(k.zx_stream_seek(self, none, 0, 0).status_value(), ZX_ERR_ACCESS_DENIED);
}

}  // namespace
}  // namespace zxspec::impl
