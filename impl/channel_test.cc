// Channels in the optimized implementation (channel-fidl.md CHAN-001..043).
#include "impl/test_util.h"

namespace zxspec::impl {
namespace {

class ImplChannel : public ImplTest {
 protected:
  HandlePairResult Channel() {
    auto r = k.zx_channel_create(self, 0);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? r.value() : HandlePairResult{};
  }
  bool Valid(zx_handle_t h) {
    return k.Apply(self, ObjectGetInfo{h, ZX_INFO_HANDLE_VALID}).status == ZX_OK;
  }
};

// CHAN-010..012: endpoints in creation order, related to each other, default rights.
TEST_F(ImplChannel, CreateMakesRelatedEndpoints) {
  auto c = Channel();
  EXPECT_EQ(Basic(c.first).related_koid, Basic(c.second).koid);
  EXPECT_EQ(Basic(c.second).related_koid, Basic(c.first).koid);
  EXPECT_EQ(Basic(c.first).koid + 1, Basic(c.second).koid);
  EXPECT_EQ(Basic(c.first).rights, ZX_DEFAULT_CHANNEL_RIGHTS);
  EXPECT_EQ(k.zx_channel_create(self, 1).status_value(), ZX_ERR_INVALID_ARGS);
}

// CHAN-022/042: a message and its handles travel; the handles get fresh values on read.
TEST_F(ImplChannel, WriteThenReadMovesHandles) {
  auto c = Channel();
  zx_handle_t vmo = Vmo(4096);
  ASSERT_EQ(k.zx_channel_write(self, c.first, B("hi"), {vmo}), ZX_OK);
  EXPECT_FALSE(Valid(vmo));  // left the caller's table
  auto r = k.zx_channel_read_etc(self, c.second);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->data, B("hi"));
  ASSERT_EQ(r->handles.size(), 1u);
  EXPECT_EQ(r->handles[0].type, ZX_OBJ_TYPE_VMO);
  EXPECT_EQ(r->handles[0].rights, ZX_DEFAULT_VMO_RIGHTS);
  EXPECT_TRUE(Valid(r->handles[0].handle));
  EXPECT_EQ(k.zx_channel_read(self, c.second).status_value(), ZX_ERR_SHOULD_WAIT);
}

// CHAN-021/022: every listed handle is consumed; the first error in array order is reported.
TEST_F(ImplChannel, FailedWriteConsumesEveryHandle) {
  auto c = Channel();
  zx_handle_t a = Vmo(1);
  auto no_transfer = k.zx_handle_duplicate(self, Vmo(1), ZX_RIGHT_READ).value();
  zx_handle_t b = Vmo(1);
  EXPECT_EQ(k.zx_channel_write(self, c.first, {}, {a, no_transfer, a, b}), ZX_ERR_ACCESS_DENIED);
  EXPECT_FALSE(Valid(a));
  EXPECT_FALSE(Valid(no_transfer));
  EXPECT_FALSE(Valid(b));
  EXPECT_EQ(k.zx_channel_read(self, c.second).status_value(), ZX_ERR_SHOULD_WAIT);
  zx_handle_t d = Vmo(1);
  EXPECT_EQ(k.zx_channel_write(self, c.first, Bytes(65537, 0), {d}), ZX_ERR_OUT_OF_RANGE);
  EXPECT_FALSE(Valid(d));
  // CHAN-023: writing a channel's own handle: NOT_SUPPORTED, and it is consumed.
  EXPECT_EQ(k.zx_channel_write(self, c.first, {}, {c.first}), ZX_ERR_NOT_SUPPORTED);
  EXPECT_FALSE(Valid(c.first));
  EXPECT_EQ(k.zx_channel_read(self, c.second).status_value(), ZX_ERR_PEER_CLOSED);
}

// CHAN-002: closing an endpoint destroys its queue and the handles in it; the peer keeps its
// own queue readable.
TEST_F(ImplChannel, ClosureDestroysQueuedHandles) {
  auto c = Channel();
  size_t before = ObjectCount();
  ASSERT_EQ(k.zx_channel_write(self, c.first, B("x"), {Vmo(1)}), ZX_OK);
  ASSERT_EQ(k.zx_channel_write(self, c.second, B("y"), {}), ZX_OK);
  EXPECT_EQ(ObjectCount(), before + 1);  // the VMO lives in the message
  ASSERT_EQ(k.zx_handle_close(self, c.second), ZX_OK);
  EXPECT_EQ(ObjectCount(), before - 1);  // endpoint and the VMO queued at it
  EXPECT_EQ(k.zx_channel_write(self, c.first, B("z"), {}), ZX_ERR_PEER_CLOSED);
  EXPECT_EQ(k.zx_channel_read(self, c.first).value().data, B("y"));
  EXPECT_EQ(k.zx_channel_read(self, c.first).status_value(), ZX_ERR_PEER_CLOSED);
}

// CHAN-031/032: dispositions: duplicates keep the source, moves may reduce rights, checks in
// order, DUPLICATE right checked last.
TEST_F(ImplChannel, WriteEtcDispositions) {
  auto c = Channel();
  zx_handle_t v = Vmo(1);
  std::vector<zx_handle_disposition_t> ds = {
      {ZX_HANDLE_OP_DUPLICATE, v, ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER, 0},
      {ZX_HANDLE_OP_MOVE, v, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS, 0},
  };
  ASSERT_EQ(k.zx_channel_write_etc(self, c.first, {}, ds), ZX_OK);
  EXPECT_FALSE(Valid(v));
  auto r = k.zx_channel_read_etc(self, c.second).value();
  ASSERT_EQ(r.handles.size(), 2u);
  EXPECT_EQ(r.handles[0].rights, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER);
  EXPECT_EQ(r.handles[1].rights, ZX_DEFAULT_VMO_RIGHTS);
  zx_handle_t w = Vmo(1);
  EXPECT_EQ(k.zx_channel_write_etc(self, c.first, {},
                                   {{ZX_HANDLE_OP_DUPLICATE, w, ZX_OBJ_TYPE_CHANNEL,
                                     ZX_RIGHT_SAME_RIGHTS, 0}}),
            ZX_ERR_WRONG_TYPE);
  EXPECT_TRUE(Valid(w));  // a DUPLICATE source always stays
  EXPECT_EQ(k.zx_channel_write_etc(self, c.first, {},
                                   {{ZX_HANDLE_OP_MOVE, w, ZX_OBJ_TYPE_NONE, ZX_RIGHT_EXECUTE, 0}}),
            ZX_ERR_INVALID_ARGS);
  EXPECT_FALSE(Valid(w));
  zx_handle_t x = Vmo(1);
  EXPECT_EQ(k.zx_channel_write_etc(self, c.first, {}, {{7, x, 0, ZX_RIGHT_SAME_RIGHTS, 0}}),
            ZX_ERR_INVALID_ARGS);  // unknown op: removed, then refused
  EXPECT_FALSE(Valid(x));
}

}  // namespace
}  // namespace zxspec::impl
