// Streams (stream.md STREAM-010..072) with seed RFC-0238's sizes: stream operations never resize
// the VMO, writes stop at the VMO size, the stream size is the VMO's shared cell.
#include <string_view>

#include "model/test_util.h"

namespace zxspec::model {
namespace {

constexpr uint32_t kRW = ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE;

Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

class ZxStream : public ModelTest {
 protected:
  zx_handle_t Stream(uint32_t options, zx_handle_t vmo, uint64_t seek = 0) {
    auto r = k.zx_stream_create(self, options, vmo, seek);
    EXPECT_TRUE(r.is_ok()) << "stream_create failed: " << r.status_value();
    return r.is_ok() ? r.value() : 0;
  }
  zx_handle_t Dup(zx_handle_t h, zx_rights_t rights) {
    auto r = k.zx_handle_duplicate(self, h, rights);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? r.value() : 0;
  }
  zx_info_stream_t Info(zx_handle_t h) {
    auto r = k.zx_object_get_info(self, h, ZX_INFO_STREAM);
    EXPECT_TRUE(r.is_ok()) << r.status_value();
    return r.is_ok() ? std::get<zx_info_stream_t>(r.value()) : zx_info_stream_t{};
  }
  uint64_t Seek(zx_handle_t st) { return Info(st).seek; }
  uint64_t StreamSize(zx_handle_t vmo) { return k.zx_vmo_get_stream_size(self, vmo).value(); }
  Bytes VmoRead(zx_handle_t h, uint64_t offset, uint64_t len) {
    auto r = k.zx_vmo_read(self, h, offset, len);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? r.value() : Bytes{};
  }
  Result<uint64_t> Write(zx_handle_t st, std::string_view s, uint32_t options = 0) {
    return k.zx_stream_writev(self, st, options, B(s));
  }
  Result<uint64_t> WriteAt(zx_handle_t st, uint64_t offset, std::string_view s) {
    return k.zx_stream_writev_at(self, st, 0, offset, B(s));
  }
};

// ---- zx_stream_create: STREAM-010..015 ----

TEST_F(ZxStream, CreateChecksInOrder) {
  zx_handle_t v = Vmo(kPage);
  EXPECT_EQ(k.zx_stream_create(self, 0x8, 0, 0).status_value(), ZX_ERR_INVALID_ARGS);  // -010
  EXPECT_EQ(k.zx_stream_create(self, 0x80000000, v, 0).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_stream_create(self, kRW, 0, 0).status_value(), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_stream_create(self, kRW, k.Initial().job, 0).status_value(), ZX_ERR_WRONG_TYPE);
  zx_handle_t ro = Dup(v, ZX_RIGHT_READ);
  zx_handle_t wo = Dup(v, ZX_RIGHT_WRITE);
  zx_handle_t none = Dup(v, ZX_RIGHT_NONE);
  EXPECT_EQ(k.zx_stream_create(self, ZX_STREAM_MODE_WRITE, ro, 0).status_value(),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_stream_create(self, ZX_STREAM_MODE_APPEND, ro, 0).status_value(),
            ZX_ERR_ACCESS_DENIED);  // STREAM-011: APPEND needs WRITE
  EXPECT_EQ(k.zx_stream_create(self, ZX_STREAM_MODE_READ, wo, 0).status_value(),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_TRUE(k.zx_stream_create(self, ZX_STREAM_MODE_READ, ro, 0).is_ok());
  EXPECT_TRUE(k.zx_stream_create(self, ZX_STREAM_MODE_APPEND, wo, 0).is_ok());
  EXPECT_TRUE(k.zx_stream_create(self, 0, none, 0).is_ok());  // options 0: no right needed
  // A stream is not a VMO.
  zx_handle_t st = Stream(0, v);
  EXPECT_EQ(k.zx_stream_create(self, 0, st, 0).status_value(), ZX_ERR_WRONG_TYPE);
  ExpectInvariants();
}

TEST_F(ZxStream, HandleRightsAndInfo) {  // STREAM-014, STREAM-060, STREAM-062, RIGHTS-011
  zx_handle_t v = Vmo(100);
  struct Case {
    uint32_t options;
    zx_rights_t rights;
  };
  for (Case c : {Case{0, 0xD0C3}, Case{ZX_STREAM_MODE_READ, 0xD0C7},
                 Case{ZX_STREAM_MODE_WRITE, 0xD0CB}, Case{kRW, 0xD0CF},
                 Case{ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND, 0xD0CB},
                 Case{ZX_STREAM_MODE_APPEND, 0xD0C3}}) {
    zx_handle_t st = Stream(c.options, v, 77);
    zx_info_handle_basic_t basic = Basic(st);
    EXPECT_EQ(basic.rights, c.rights) << c.options;
    EXPECT_EQ(basic.type, ZX_OBJ_TYPE_STREAM);
    EXPECT_EQ(basic.related_koid, 0u);
    zx_info_stream_t info = Info(st);
    EXPECT_EQ(info.options, c.options);
    EXPECT_EQ(info.seek, 77u);
    EXPECT_EQ(info.content_size, 100u);
  }
  // The seek offset is not validated.
  EXPECT_EQ(Seek(Stream(kRW, v, UINT64_MAX)), UINT64_MAX);
  // ZX_INFO_STREAM needs INSPECT and a stream.
  zx_handle_t st = Stream(kRW, v);
  EXPECT_EQ(k.zx_object_get_info(self, Dup(st, ZX_RIGHT_READ), ZX_INFO_STREAM).status_value(),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_object_get_info(self, v, ZX_INFO_STREAM).status_value(), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_object_get_info(self, 0, ZX_INFO_STREAM).status_value(), ZX_ERR_BAD_HANDLE);
}

TEST_F(ZxStream, StreamKeepsItsVmoAlive) {  // STREAM-001, HANDLE-003
  zx_handle_t v = Vmo(kPage);
  ASSERT_EQ(k.zx_vmo_write(self, v, 0, B("alive")), ZX_OK);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 5), ZX_OK);
  zx_handle_t st = Stream(kRW, v);
  ASSERT_EQ(k.zx_handle_close(self, v), ZX_OK);
  EXPECT_EQ(k.zx_stream_readv(self, st, 0, 10).value(), B("alive"));
  EXPECT_EQ(Write(st, "!").value(), 1u);
  ExpectInvariants();
}

// ---- reads: STREAM-020..027 ----

TEST_F(ZxStream, ReadsStopAtTheStreamSize) {
  zx_handle_t v = Vmo(kPage);
  ASSERT_EQ(k.zx_vmo_write(self, v, 0, B("0123456789")), ZX_OK);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 6), ZX_OK);  // zeroes 6.. (VMO-049)
  zx_handle_t st = Stream(kRW, v);
  EXPECT_EQ(k.zx_stream_readv(self, st, 1, 4).status_value(), ZX_ERR_INVALID_ARGS);  // -020
  EXPECT_EQ(k.zx_stream_readv(self, st, 0, 4).value(), B("0123"));
  EXPECT_EQ(Seek(st), 4u);
  EXPECT_EQ(k.zx_stream_readv(self, st, 0, 100).value(), B("45"));  // STREAM-025
  EXPECT_EQ(Seek(st), 6u);
  EXPECT_EQ(k.zx_stream_readv(self, st, 0, 100).value(), Bytes{});
  EXPECT_EQ(Seek(st), 6u);
  EXPECT_EQ(k.zx_stream_readv(self, st, 0, 0).value(), Bytes{});  // STREAM-024
  // readv_at: never moves seek; offset >= ss reads nothing; start + cap saturates.
  EXPECT_EQ(k.zx_stream_readv_at(self, st, 0, 2, UINT64_MAX).value(), B("2345"));
  EXPECT_EQ(k.zx_stream_readv_at(self, st, 0, 6, 1).value(), Bytes{});
  EXPECT_EQ(k.zx_stream_readv_at(self, st, 0, UINT64_MAX, UINT64_MAX).value(), Bytes{});
  EXPECT_EQ(k.zx_stream_readv_at(self, st, 1, 0, 1).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Seek(st), 6u);
}

TEST_F(ZxStream, ReadLookupOrder) {  // STREAM-020, STREAM-022
  zx_handle_t v = Vmo(kPage);
  zx_handle_t wo = Stream(ZX_STREAM_MODE_WRITE, v);
  EXPECT_EQ(k.zx_stream_readv(self, wo, 0, 1).status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_stream_readv_at(self, wo, 0, 0, 1).status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_stream_readv(self, v, 0, 1).status_value(), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_stream_readv(self, 0, 0, 1).status_value(), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_stream_readv(self, 0, 2, 1).status_value(), ZX_ERR_INVALID_ARGS);  // first
}

// ---- positioned writes: STREAM-030..034 ----

TEST_F(ZxStream, WriteGrowsTheStreamNeverTheVmo) {  // STREAM-034, STREAM-015
  zx_handle_t v = Vmo(0, ZX_VMO_RESIZABLE);
  ASSERT_EQ(k.zx_vmo_set_size(self, v, kPage), ZX_OK);
  zx_handle_t st = Stream(kRW, v);
  EXPECT_EQ(Write(st, "hello").value(), 5u);
  EXPECT_EQ(StreamSize(v), 5u);
  EXPECT_EQ(Seek(st), 5u);
  // Partial write at the VMO's end; the resizable VMO does not grow.
  EXPECT_EQ(WriteAt(st, kPage - 3, "abcdef").value(), 3u);
  EXPECT_EQ(StreamSize(v), kPage);
  EXPECT_EQ(k.zx_vmo_get_size(self, v).value(), kPage);
  EXPECT_EQ(Seek(st), 5u);  // writev_at leaves seek alone
  // At the VMO's end: nothing fits.
  EXPECT_EQ(WriteAt(st, kPage, "x").status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(WriteAt(st, kPage + 1, "x").status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(WriteAt(st, 0xFFFFFFFFFFFFFFF8, "1234567").status_value(), ZX_ERR_OUT_OF_RANGE);
  // start + cap wrapping is FILE_BIG, checked before the VMO bound.
  EXPECT_EQ(WriteAt(st, 0xFFFFFFFFFFFFFFF8, "12345678").status_value(), ZX_ERR_FILE_BIG);
  EXPECT_EQ(WriteAt(st, UINT64_MAX, "12").status_value(), ZX_ERR_FILE_BIG);
  // An empty write succeeds anywhere, with no effect.
  EXPECT_EQ(WriteAt(st, UINT64_MAX, "").value(), 0u);
  ExpectInvariants();
}

TEST_F(ZxStream, WritevFromSeekAndPartialAtTheEnd) {  // STREAM-034d/g
  zx_handle_t v = Vmo(kPage);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 0), ZX_OK);
  zx_handle_t st = Stream(kRW, v, kPage - 2);
  EXPECT_EQ(Write(st, "wxyz").value(), 2u);
  EXPECT_EQ(Seek(st), kPage);
  EXPECT_EQ(StreamSize(v), kPage);
  EXPECT_EQ(VmoRead(v, kPage - 2, 2), B("wx"));
  EXPECT_EQ(Write(st, "more").status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Seek(st), kPage);  // failures leave seek alone
  EXPECT_EQ(Write(st, "").value(), 0u);
  // Seek far beyond the VMO: empty writes still succeed and do not move seek.
  ASSERT_TRUE(k.zx_stream_seek(self, st, ZX_STREAM_SEEK_ORIGIN_START, INT64_MAX).is_ok());
  EXPECT_EQ(Write(st, "").value(), 0u);
  EXPECT_EQ(Seek(st), static_cast<uint64_t>(INT64_MAX));
}

TEST_F(ZxStream, GapBeforeAnExtendingWriteIsZeroed) {  // STREAM-034e, STREAM-072
  zx_handle_t v = Vmo(kPage);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 4), ZX_OK);
  // Bytes placed past the stream end by zx_vmo_write...
  ASSERT_EQ(k.zx_vmo_write(self, v, 4, B("JUNKJUNKJUNK")), ZX_OK);
  zx_handle_t st = Stream(kRW, v);
  // ...are zeroed in the gap [ss, start), and left alone after the write's end.
  EXPECT_EQ(WriteAt(st, 8, "ok").value(), 2u);
  EXPECT_EQ(VmoRead(v, 4, 12), (Bytes{0, 0, 0, 0, 'o', 'k', 'N', 'K', 'J', 'U', 'N', 'K'}));
  EXPECT_EQ(StreamSize(v), 10u);
  // A write inside the stream zeroes nothing.
  ASSERT_EQ(k.zx_vmo_write(self, v, 2, B("QQ")), ZX_OK);
  EXPECT_EQ(WriteAt(st, 0, "a").value(), 1u);
  EXPECT_EQ(VmoRead(v, 0, 4), (Bytes{'a', 0, 'Q', 'Q'}));
  EXPECT_EQ(StreamSize(v), 10u);
  // Nor does a write that does not pass the stream end, even past a gap.
  EXPECT_EQ(k.zx_stream_readv_at(self, st, 0, 0, 100).value(),
            (Bytes{'a', 0, 'Q', 'Q', 0, 0, 0, 0, 'o', 'k'}));
}

TEST_F(ZxStream, WriteOptionsAndRights) {  // STREAM-030, STREAM-032
  zx_handle_t v = Vmo(kPage);
  zx_handle_t st = Stream(kRW, v);
  EXPECT_EQ(Write(st, "x", 0x2).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_stream_writev_at(self, st, ZX_STREAM_APPEND, 0, B("x")).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Write(Stream(ZX_STREAM_MODE_READ, v), "x").status_value(), ZX_ERR_ACCESS_DENIED);
  // APPEND mode alone adds no WRITE right (STREAM-014).
  EXPECT_EQ(Write(Stream(ZX_STREAM_MODE_APPEND, v), "x").status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(Write(v, "x").status_value(), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(Write(0, "x").status_value(), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_stream_writev(self, 0, 0x4, B("x")).status_value(), ZX_ERR_INVALID_ARGS);
}

// ---- appends: STREAM-040 ----

TEST_F(ZxStream, AppendStartsAtTheStreamSize) {
  zx_handle_t v = Vmo(10);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 2), ZX_OK);
  zx_handle_t st = Stream(kRW, v, 1000);
  EXPECT_EQ(Write(st, "ab", ZX_STREAM_APPEND).value(), 2u);
  EXPECT_EQ(StreamSize(v), 4u);
  EXPECT_EQ(Seek(st), 4u);  // regardless of the old seek
  // Append mode through the property, then plain writev appends; writev_at ignores it.
  ASSERT_EQ(k.zx_object_set_property(self, st, ZX_PROP_STREAM_MODE_APPEND, Bytes{1}), ZX_OK);
  EXPECT_EQ(Info(st).options & ZX_STREAM_MODE_APPEND, ZX_STREAM_MODE_APPEND);
  ASSERT_TRUE(k.zx_stream_seek(self, st, ZX_STREAM_SEEK_ORIGIN_START, 0).is_ok());
  EXPECT_EQ(Write(st, "cd").value(), 2u);
  EXPECT_EQ(StreamSize(v), 6u);
  EXPECT_EQ(WriteAt(st, 0, "Z").value(), 1u);
  EXPECT_EQ(StreamSize(v), 6u);
  EXPECT_EQ(VmoRead(v, 0, 6), (Bytes{'Z', 0, 'a', 'b', 'c', 'd'}));
  // Partial append at the VMO's end, then nothing fits.
  EXPECT_EQ(Write(st, std::string(kPage, 'x')).value(), kPage - 6);
  EXPECT_EQ(StreamSize(v), kPage);
  EXPECT_EQ(Seek(st), kPage);
  EXPECT_EQ(Write(st, "y").status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Write(st, "").value(), 0u);
  // Append mode created with the stream.
  zx_handle_t v2 = Vmo(5);
  zx_handle_t ap = Stream(ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND, v2, 0);
  EXPECT_EQ(Write(ap, "end").value(), 3u);
  EXPECT_EQ(StreamSize(v2), 8u);
  EXPECT_EQ(Seek(ap), 8u);
  ExpectInvariants();
}

TEST_F(ZxStream, AppendOnAFullVmoFails) {  // STREAM-040c
  zx_handle_t v = Vmo(kPage);  // stream size = VMO size
  zx_handle_t ap = Stream(ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND, v);
  EXPECT_EQ(Write(ap, "x").status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Seek(ap), 0u);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 10), ZX_OK);
  EXPECT_EQ(Write(ap, "x").value(), 1u);
  EXPECT_EQ(Seek(ap), 11u);
}

// ---- zx_stream_seek: STREAM-050..053 ----

TEST_F(ZxStream, Seek) {
  zx_handle_t v = Vmo(100);
  zx_handle_t st = Stream(ZX_STREAM_MODE_READ, v);
  auto seek = [&](uint32_t whence, int64_t offset) {
    return k.zx_stream_seek(self, st, whence, offset);
  };
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_START, 10).value(), 10u);
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_START, -1).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_CURRENT, -10).value(), 0u);
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_CURRENT, -1).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_END, -100).value(), 0u);
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_END, -101).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_END, 5).value(), 105u);  // past ss and allowed
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_END, INT64_MIN).status_value(), ZX_ERR_INVALID_ARGS);
  // Up to 2^64 - 1 via CURRENT (the kernel test reaches INT64_MAX + 1038).
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_START, INT64_MAX).value(), uint64_t{INT64_MAX});
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_CURRENT, 1038).value(), uint64_t{INT64_MAX} + 1038);
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_START, INT64_MAX).value(), uint64_t{INT64_MAX});
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_CURRENT, INT64_MAX).value(), 2 * uint64_t{INT64_MAX});
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_CURRENT, 1).value(), UINT64_MAX);
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_CURRENT, 1).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(seek(ZX_STREAM_SEEK_ORIGIN_CURRENT, INT64_MIN).value(),
            UINT64_MAX - uint64_t{INT64_MAX} - 1);
  EXPECT_EQ(seek(3, 0).status_value(), ZX_ERR_INVALID_ARGS);
  // Failed seeks leave the offset alone; seeking changes neither ss nor the VMO.
  EXPECT_EQ(Seek(st), UINT64_MAX - uint64_t{INT64_MAX} - 1);
  EXPECT_EQ(StreamSize(v), 100u);
}

TEST_F(ZxStream, SeekRights) {  // STREAM-050, STREAM-051
  zx_handle_t v = Vmo(100);
  EXPECT_EQ(k.zx_stream_seek(self, Stream(0, v), 0, 0).status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_stream_seek(self, Stream(ZX_STREAM_MODE_APPEND, Dup(v, ZX_RIGHT_WRITE)), 0, 0)
                .status_value(),
            ZX_ERR_ACCESS_DENIED);
  // Rights come before the whence check.
  EXPECT_EQ(k.zx_stream_seek(self, Stream(0, v), 9, 0).status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_TRUE(k.zx_stream_seek(self, Stream(ZX_STREAM_MODE_WRITE, v), 0, 1).is_ok());
  EXPECT_EQ(k.zx_stream_seek(self, v, 0, 0).status_value(), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_stream_seek(self, 0, 0, 0).status_value(), ZX_ERR_BAD_HANDLE);
}

// ---- ZX_PROP_STREAM_MODE_APPEND: STREAM-061 ----

TEST_F(ZxStream, AppendModeProperty) {
  zx_handle_t v = Vmo(kPage);
  zx_handle_t st = Stream(ZX_STREAM_MODE_READ, v);  // no WRITE needed for the property
  auto get = [&](zx_handle_t h) {
    return k.zx_object_get_property(self, h, ZX_PROP_STREAM_MODE_APPEND);
  };
  EXPECT_EQ(std::get<U64Result>(get(st).value()).value, 0u);
  EXPECT_EQ(k.zx_object_set_property(self, st, ZX_PROP_STREAM_MODE_APPEND, Bytes{0x80}), ZX_OK);
  EXPECT_EQ(std::get<U64Result>(get(st).value()).value, 1u);
  EXPECT_EQ(k.zx_object_set_property(self, st, ZX_PROP_STREAM_MODE_APPEND, Bytes{0}), ZX_OK);
  EXPECT_EQ(std::get<U64Result>(get(st).value()).value, 0u);
  EXPECT_EQ(k.zx_object_set_property(self, st, ZX_PROP_STREAM_MODE_APPEND, Bytes{}),
            ZX_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(k.zx_object_set_property(self, v, ZX_PROP_STREAM_MODE_APPEND, Bytes{1}),
            ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(get(v).status_value(), ZX_ERR_WRONG_TYPE);
  zx_handle_t no_props = Dup(st, ZX_RIGHT_READ);
  EXPECT_EQ(get(no_props).status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_object_set_property(self, no_props, ZX_PROP_STREAM_MODE_APPEND, Bytes{1}),
            ZX_ERR_ACCESS_DENIED);
}

// ---- the shared stream size: STREAM-001, STREAM-070/071, VMO-005 ----

TEST_F(ZxStream, StreamsShareTheVmoCellAndItsReferences) {
  zx_handle_t v = Vmo(kPage, ZX_VMO_RESIZABLE);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 0), ZX_OK);
  zx_handle_t ref = k.zx_vmo_create_child(self, v, ZX_VMO_CHILD_REFERENCE, 0, 0).value();
  zx_handle_t a = Stream(kRW, v);
  zx_handle_t b = Stream(kRW, ref);
  EXPECT_EQ(Write(a, "from-a").value(), 6u);
  EXPECT_EQ(Info(b).content_size, 6u);
  EXPECT_EQ(k.zx_stream_readv(self, b, 0, 100).value(), B("from-a"));
  // Shrinking the stream through the VMO: reads stop there (STREAM-070).
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, ref, 3), ZX_OK);
  EXPECT_EQ(k.zx_stream_readv_at(self, a, 0, 0, 100).value(), B("fro"));
  // set_size below ss truncates it (STREAM-071); growing the VMO leaves it.
  EXPECT_EQ(WriteAt(a, 0, std::string(kPage, 'q')).value(), kPage);
  ASSERT_EQ(k.zx_vmo_set_size(self, v, 0), ZX_OK);
  EXPECT_EQ(Info(a).content_size, 0u);
  ASSERT_EQ(k.zx_vmo_set_size(self, v, 2 * kPage), ZX_OK);
  EXPECT_EQ(Info(b).content_size, 0u);
  EXPECT_EQ(WriteAt(b, kPage, "x").value(), 1u);  // the gap [0, 4096) was zero already
  EXPECT_EQ(StreamSize(v), kPage + 1);
  ExpectInvariants();
}

TEST_F(ZxStream, StreamsOnChildrenFollowTheChildKind) {  // STREAM-034f, VMO-081
  zx_handle_t p = Vmo(2 * kPage);
  ASSERT_EQ(k.zx_vmo_write(self, p, 0, B("parent")), ZX_OK);
  zx_handle_t snap = k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_SNAPSHOT, 0, kPage).value();
  zx_handle_t sst = Stream(kRW, snap);
  EXPECT_EQ(WriteAt(sst, 0, "SNAP").value(), 4u);
  EXPECT_EQ(VmoRead(p, 0, 6), B("parent"));
  zx_handle_t slice = k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_SLICE, kPage, kPage).value();
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, slice, 0), ZX_OK);
  zx_handle_t lst = Stream(kRW, slice);
  EXPECT_EQ(Write(lst, "via-slice").value(), 9u);
  EXPECT_EQ(VmoRead(p, kPage, 9), B("via-slice"));
  EXPECT_EQ(StreamSize(slice), 9u);
  EXPECT_EQ(StreamSize(p), 2 * kPage);  // the slice has its own cell
  // The slice's bound is its own size.
  EXPECT_EQ(WriteAt(lst, kPage - 1, "ab").value(), 1u);
  // An immutable snapshot cannot get a writable stream.
  zx_handle_t imm = k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE,
                                          0, kPage)
                        .value();
  EXPECT_EQ(k.zx_stream_create(self, ZX_STREAM_MODE_WRITE, imm, 0).status_value(),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_stream_readv(self, Stream(ZX_STREAM_MODE_READ, imm), 0, 6).value(), B("parent"));
  ExpectInvariants();
}

TEST_F(ZxStream, CommittedPagesFollowStreamWrites) {  // VMO-133
  zx_handle_t v = Vmo(3 * kPage);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, v, 0), ZX_OK);
  zx_handle_t st = Stream(kRW, v);
  EXPECT_EQ(WriteAt(st, kPage - 1, "ab").value(), 2u);  // touches pages 0 and 1
  EXPECT_EQ(InfoVmo(v).committed_bytes, 2 * kPage);
}

}  // namespace
}  // namespace zxspec::model
