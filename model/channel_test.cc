// Channels: channel-fidl.md CHAN-001..043 (create, write, write_etc, read, read_etc,
// consumption of handles, PEER_CLOSED, transfer between processes).
#include "model/test_util.h"

#include "model/core.h"
#include "model/invariants.h"

namespace zxspec::model {
namespace {

class ZxChannel : public ModelTest {
 protected:
  std::pair<zx_handle_t, zx_handle_t> Channel() {
    auto r = k.zx_channel_create(self, 0);
    EXPECT_TRUE(r.is_ok()) << r.status_value();
    return r.is_ok() ? std::pair{r->first, r->second} : std::pair{0u, 0u};
  }
  bool Valid(zx_handle_t h) {
    return k.Apply(self, ObjectGetInfo{h, ZX_INFO_HANDLE_VALID}).status == ZX_OK;  // HANDLE-040
  }
  bool Alive(zx_koid_t koid) { return k.state().objects.count(koid) > 0; }
  zx_handle_t Replace(zx_handle_t h, zx_rights_t rights) {
    auto r = k.zx_handle_replace(self, h, rights);
    EXPECT_TRUE(r.is_ok()) << r.status_value();
    return r.is_ok() ? r.value() : 0;
  }
  static zx_handle_disposition_t Disp(uint32_t op, zx_handle_t h, zx_obj_type_t type,
                                      zx_rights_t rights) {
    zx_handle_disposition_t d;
    d.operation = op;
    d.handle = h;
    d.type = type;
    d.rights = rights;
    return d;
  }
};

Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

// ---- zx_channel_create ----

// CHAN-012: two fresh endpoints in creation order, default rights, each related to the other.
TEST_F(ZxChannel, CreateMakesRelatedEndpointsWithDefaultRights) {
  auto [h0, h1] = Channel();
  EXPECT_EQ(h0, (5u << 2) | 3u);  // after job, self, root, vmex (README "Identities")
  EXPECT_EQ(h1, (6u << 2) | 3u);
  zx_info_handle_basic_t a = Basic(h0), b = Basic(h1);
  EXPECT_EQ(a.koid, ZX_KOID_FIRST + 4);
  EXPECT_EQ(b.koid, a.koid + 1);
  EXPECT_EQ(a.related_koid, b.koid);
  EXPECT_EQ(b.related_koid, a.koid);
  EXPECT_EQ(a.type, ZX_OBJ_TYPE_CHANNEL);
  EXPECT_EQ(a.rights, ZX_DEFAULT_CHANNEL_RIGHTS);
  EXPECT_EQ(b.rights, 0xF00Eu);
  ExpectInvariants();
}

// CHAN-011: options must be 0; nothing is created.
TEST_F(ZxChannel, CreateRejectsOptions) {
  State before = k.state();
  EXPECT_EQ(k.zx_channel_create(self, 1).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_channel_create(self, 0x80000000u).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.state(), before);
}

// ---- write / read: the queue ----

// CHAN-001, CHAN-022 (7), CHAN-042: messages go to the peer's queue, FIFO.
TEST_F(ZxChannel, MessagesArriveAtThePeerInOrder) {
  auto [h0, h1] = Channel();
  ASSERT_EQ(k.zx_channel_write(self, h0, B("one"), {}), ZX_OK);
  ASSERT_EQ(k.zx_channel_write(self, h0, B("two"), {}), ZX_OK);
  ASSERT_EQ(k.zx_channel_write(self, h1, B("back"), {}), ZX_OK);
  EXPECT_EQ(k.zx_channel_read(self, h1)->data, B("one"));
  EXPECT_EQ(k.zx_channel_read(self, h1)->data, B("two"));
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_SHOULD_WAIT);
  EXPECT_EQ(k.zx_channel_read(self, h0)->data, B("back"));
  ExpectInvariants();
}

// CHAN-001, CHAN-042: an empty message is a message.
TEST_F(ZxChannel, EmptyMessageIsReadable) {
  auto [h0, h1] = Channel();
  ASSERT_EQ(k.zx_channel_write(self, h0, {}, {}), ZX_OK);
  auto r = k.zx_channel_read(self, h1);
  ASSERT_TRUE(r.is_ok());
  EXPECT_TRUE(r->data.empty());
  EXPECT_TRUE(r->handles.empty());
}

// CHAN-041 (3): empty queue -> SHOULD_WAIT, or PEER_CLOSED once the peer is gone; CHAN-002 (3)
// and CHAN-042: what was queued before stays readable.
TEST_F(ZxChannel, ReadDrainsQueueAfterPeerClosedThenReportsPeerClosed) {
  auto [h0, h1] = Channel();
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_SHOULD_WAIT);
  ASSERT_EQ(k.zx_channel_write(self, h0, B("last words"), {}), ZX_OK);
  ASSERT_EQ(k.zx_handle_close(self, h0), ZX_OK);
  EXPECT_EQ(k.zx_channel_read(self, h1)->data, B("last words"));
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_PEER_CLOSED);
  EXPECT_EQ(k.zx_channel_read_etc(self, h1).status_value(), ZX_ERR_PEER_CLOSED);
  ExpectInvariants();
}

// CHAN-041 (1): GEN-001 order for the reader, READ required.
TEST_F(ZxChannel, ReadLookupOrder) {
  auto [h0, h1] = Channel();
  zx_handle_t vmo = Vmo(4096);
  EXPECT_EQ(k.zx_channel_read(self, 0).status_value(), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_channel_read(self, 0x1234).status_value(), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_channel_read(self, vmo).status_value(), ZX_ERR_WRONG_TYPE);
  zx_handle_t no_read = Replace(h1, ZX_DEFAULT_CHANNEL_RIGHTS & ~ZX_RIGHT_READ);
  EXPECT_EQ(k.zx_channel_read_etc(self, no_read).status_value(), ZX_ERR_ACCESS_DENIED);
  // A VMO without rights is still WRONG_TYPE first (GEN-001).
  zx_handle_t bare = Replace(vmo, ZX_RIGHT_NONE);
  EXPECT_EQ(k.zx_channel_read(self, bare).status_value(), ZX_ERR_WRONG_TYPE);
  (void)h0;
}

// CHAN-022 (2): GEN-001 order for the writer, WRITE required; CHAN-021: listed handles are
// closed even so.
TEST_F(ZxChannel, WriteLookupFailureConsumesListedHandles) {
  auto [h0, h1] = Channel();
  zx_handle_t vmo = Vmo(4096);
  zx_koid_t vmo_koid = Basic(vmo).koid;
  EXPECT_EQ(k.zx_channel_write(self, 0x1234, B("x"), {vmo}), ZX_ERR_BAD_HANDLE);
  EXPECT_FALSE(Valid(vmo));
  EXPECT_FALSE(Alive(vmo_koid));

  zx_handle_t vmo2 = Vmo(4096);
  zx_handle_t vmo3 = Vmo(4096);
  EXPECT_EQ(k.zx_channel_write(self, vmo2, B("x"), {vmo3}), ZX_ERR_WRONG_TYPE);
  EXPECT_FALSE(Valid(vmo3));
  EXPECT_TRUE(Valid(vmo2));  // the target handle is not consumed unless listed

  zx_handle_t ro = Replace(h0, ZX_DEFAULT_CHANNEL_RIGHTS & ~ZX_RIGHT_WRITE);
  zx_handle_t vmo4 = Vmo(4096);
  EXPECT_EQ(k.zx_channel_write(self, ro, B("x"), {vmo4}), ZX_ERR_ACCESS_DENIED);
  EXPECT_FALSE(Valid(vmo4));
  EXPECT_TRUE(Valid(ro));
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_SHOULD_WAIT);
  ExpectInvariants();
}

// CHAN-022 (3): 65536 bytes and 64 handles are the limits; one more is OUT_OF_RANGE, and the
// listed handles are closed (CHAN-021).
TEST_F(ZxChannel, MessageBoundsGiveOutOfRange) {
  auto [h0, h1] = Channel();
  EXPECT_EQ(k.zx_channel_write(self, h0, Bytes(65536, 7), {}), ZX_OK);
  zx_handle_t vmo = Vmo(4096);
  EXPECT_EQ(k.zx_channel_write(self, h0, Bytes(65537, 7), {vmo}), ZX_ERR_OUT_OF_RANGE);
  EXPECT_FALSE(Valid(vmo));

  std::vector<zx_handle_t> many;
  for (int i = 0; i < 65; ++i) many.push_back(Vmo(0));
  EXPECT_EQ(k.zx_channel_write(self, h0, {}, many), ZX_ERR_OUT_OF_RANGE);
  for (zx_handle_t h : many) EXPECT_FALSE(Valid(h));

  many.clear();
  for (int i = 0; i < 64; ++i) many.push_back(Vmo(0));
  EXPECT_EQ(k.zx_channel_write(self, h0, {}, many), ZX_OK);
  EXPECT_EQ(k.zx_channel_read(self, h1)->data.size(), 65536u);
  auto r = k.zx_channel_read(self, h1);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->handles.size(), 64u);
  ExpectInvariants();
}

// CHAN-022 step 3 comes after step 2: a bad writer with too many bytes is BAD_HANDLE.
TEST_F(ZxChannel, LookupIsCheckedBeforeBounds) {
  EXPECT_EQ(k.zx_channel_write(self, 0, Bytes(70000, 0), {}), ZX_ERR_BAD_HANDLE);
  zx_handle_t vmo = Vmo(0);
  EXPECT_EQ(k.zx_channel_write(self, vmo, Bytes(70000, 0), {}), ZX_ERR_WRONG_TYPE);
}

// CHAN-021, CHAN-022 (4)(5): a handle without TRANSFER is ACCESS_DENIED; every other listed
// handle is consumed too and nothing is enqueued.
TEST_F(ZxChannel, NonTransferableHandleFailsTheWriteAndEverythingIsConsumed) {
  auto [h0, h1] = Channel();
  zx_handle_t ok_vmo = Vmo(4096);
  zx_handle_t stuck = Replace(Vmo(4096), ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_TRANSFER);
  zx_koid_t ok_koid = Basic(ok_vmo).koid;
  zx_koid_t stuck_koid = Basic(stuck).koid;
  EXPECT_EQ(k.zx_channel_write(self, h0, B("x"), {ok_vmo, stuck}), ZX_ERR_ACCESS_DENIED);
  EXPECT_FALSE(Valid(ok_vmo));
  EXPECT_FALSE(Valid(stuck));
  EXPECT_FALSE(Alive(ok_koid));
  EXPECT_FALSE(Alive(stuck_koid));
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_SHOULD_WAIT);
  ExpectInvariants();
}

// CHAN-022 (4): a repeated value is BAD_HANDLE for the repeat (already removed); the first
// error in array order is the one returned.
TEST_F(ZxChannel, RepeatedHandleIsBadHandleAndFirstErrorWins) {
  auto [h0, h1] = Channel();
  zx_handle_t vmo = Vmo(4096);
  EXPECT_EQ(k.zx_channel_write(self, h0, {}, {vmo, vmo}), ZX_ERR_BAD_HANDLE);
  EXPECT_FALSE(Valid(vmo));

  zx_handle_t stuck = Replace(Vmo(4096), ZX_RIGHT_READ);
  zx_handle_t later = Vmo(4096);
  EXPECT_EQ(k.zx_channel_write(self, h0, {}, {0x4321, stuck, later}), ZX_ERR_BAD_HANDLE);
  EXPECT_FALSE(Valid(stuck));
  EXPECT_FALSE(Valid(later));

  zx_handle_t stuck2 = Replace(Vmo(4096), ZX_RIGHT_READ);
  EXPECT_EQ(k.zx_channel_write(self, h0, {}, {stuck2, 0x4321}), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_SHOULD_WAIT);
  ExpectInvariants();
}

// CHAN-023: listing the channel's own handle is NOT_SUPPORTED and consumes it, so the endpoint
// closes and the peer sees PEER_CLOSED.
TEST_F(ZxChannel, WritingOwnHandleConsumesItAndClosesTheEndpoint) {
  auto [h0, h1] = Channel();
  zx_koid_t ep0 = Basic(h0).koid;
  EXPECT_EQ(k.zx_channel_write(self, h0, B("x"), {h0}), ZX_ERR_NOT_SUPPORTED);
  EXPECT_FALSE(Valid(h0));
  EXPECT_FALSE(Alive(ep0));
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_PEER_CLOSED);
  EXPECT_EQ(k.zx_channel_write(self, h1, B("x"), {}), ZX_ERR_PEER_CLOSED);
  ExpectInvariants();
}

// CHAN-023: the peer's handle may be sent through h; handles in messages keep the endpoint open
// (CHAN-002), so sending a peer into its own queue keeps it alive and h0 is not peer-closed.
TEST_F(ZxChannel, SendingThePeerHandleIsAllowedAndKeepsItOpen) {
  auto [h0, h1] = Channel();
  zx_koid_t ep1 = Basic(h1).koid;
  EXPECT_EQ(k.zx_channel_write(self, h0, B("x"), {h1}), ZX_OK);
  EXPECT_FALSE(Valid(h1));
  EXPECT_TRUE(Alive(ep1));
  EXPECT_EQ(k.zx_channel_write(self, h0, B("y"), {}), ZX_OK);  // peer still open
  ExpectInvariants();
}

// CHAN-022 (6): the peer is gone -> PEER_CLOSED after the handle checks; the message and its
// handles are destroyed.
TEST_F(ZxChannel, WriteToClosedPeerDestroysTheMessage) {
  auto [h0, h1] = Channel();
  ASSERT_EQ(k.zx_handle_close(self, h1), ZX_OK);
  zx_handle_t vmo = Vmo(4096);
  zx_koid_t vmo_koid = Basic(vmo).koid;
  EXPECT_EQ(k.zx_channel_write(self, h0, B("x"), {vmo}), ZX_ERR_PEER_CLOSED);
  EXPECT_FALSE(Valid(vmo));
  EXPECT_FALSE(Alive(vmo_koid));
  // Handle errors are reported before PEER_CLOSED (step 4 before step 6).
  zx_handle_t stuck = Replace(Vmo(4096), ZX_RIGHT_READ);
  EXPECT_EQ(k.zx_channel_write(self, h0, B("x"), {stuck}), ZX_ERR_ACCESS_DENIED);
  ExpectInvariants();
}

// ---- handles in transit and endpoint closure (CHAN-002) ----

// CHAN-042: the reader gets the handles in message order under fresh values, with the object
// and rights they travelled with.
TEST_F(ZxChannel, HandlesAreMovedAndInstalledInMessageOrder) {
  auto [h0, h1] = Channel();
  zx_handle_t a = Vmo(4096);
  zx_handle_t b = Replace(Vmo(8192), ZX_RIGHT_TRANSFER | ZX_RIGHT_READ);
  zx_koid_t ka = Basic(a).koid, kb = Basic(b).koid;
  ASSERT_EQ(k.zx_channel_write(self, h0, B("ab"), {b, a}), ZX_OK);
  EXPECT_FALSE(Valid(a));
  EXPECT_FALSE(Valid(b));
  EXPECT_TRUE(Alive(ka));  // in transit, still referenced
  auto r = k.zx_channel_read_etc(self, h1);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->handles.size(), 2u);
  // Installed 7th..10th so far: a(7), vmo(8), b(9); the read installs the 10th and 11th.
  EXPECT_EQ(r->handles[0].handle, (10u << 2) | 3u);
  EXPECT_EQ(r->handles[1].handle, (11u << 2) | 3u);
  EXPECT_EQ(Basic(r->handles[0].handle).koid, kb);
  EXPECT_EQ(Basic(r->handles[1].handle).koid, ka);
  EXPECT_EQ(r->handles[0].type, ZX_OBJ_TYPE_VMO);
  EXPECT_EQ(r->handles[0].rights, ZX_RIGHT_TRANSFER | ZX_RIGHT_READ);
  EXPECT_EQ(r->handles[1].rights, ZX_DEFAULT_VMO_RIGHTS);
  EXPECT_EQ(r->handles[1].unused, 0u);
  ExpectInvariants();
}

// CHAN-040/042: channel_read reports the same handle records as read_etc (api/outcome.h).
TEST_F(ZxChannel, ReadAndReadEtcReportTheSameRecords) {
  auto [h0, h1] = Channel();
  ASSERT_EQ(k.zx_channel_write(self, h0, B("1"), {Vmo(0)}), ZX_OK);
  ASSERT_EQ(k.zx_channel_write(self, h0, B("1"), {Vmo(0)}), ZX_OK);
  auto a = k.zx_channel_read(self, h1);
  auto b = k.zx_channel_read_etc(self, h1);
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_EQ(a->handles[0].type, b->handles[0].type);
  EXPECT_EQ(a->handles[0].rights, b->handles[0].rights);
  EXPECT_EQ(b->handles[0].handle, a->handles[0].handle + 4);
}

// CHAN-002 (2): closing an endpoint destroys the messages queued at it and closes their
// handles, recursively: an endpoint in transit closes and its own peer sees PEER_CLOSED.
TEST_F(ZxChannel, ClosingAnEndpointDestroysQueuedHandlesRecursively) {
  auto [a0, a1] = Channel();
  auto [b0, b1] = Channel();
  zx_handle_t vmo = Vmo(4096);
  zx_koid_t vmo_koid = Basic(vmo).koid;
  zx_koid_t b1_koid = Basic(b1).koid;
  ASSERT_EQ(k.zx_channel_write(self, b0, B("inner"), {vmo}), ZX_OK);  // queued at b1
  ASSERT_EQ(k.zx_channel_write(self, a0, B("outer"), {b1}), ZX_OK);   // b1 queued at a1
  EXPECT_TRUE(Alive(b1_koid));
  EXPECT_TRUE(Alive(vmo_koid));
  ASSERT_EQ(k.zx_handle_close(self, a1), ZX_OK);
  EXPECT_FALSE(Alive(b1_koid));
  EXPECT_FALSE(Alive(vmo_koid));
  EXPECT_EQ(k.zx_channel_read(self, b0).status_value(), ZX_ERR_PEER_CLOSED);
  EXPECT_EQ(k.zx_channel_write(self, a0, {}, {}), ZX_ERR_PEER_CLOSED);
  ExpectInvariants();
}

// CHAN-002: an endpoint in transit stays open and can be read from after it arrives.
TEST_F(ZxChannel, EndpointInTransitStaysUsable) {
  auto [a0, a1] = Channel();
  auto [b0, b1] = Channel();
  ASSERT_EQ(k.zx_channel_write(self, b0, B("hello"), {}), ZX_OK);
  ASSERT_EQ(k.zx_channel_write(self, a0, {}, {b1}), ZX_OK);
  auto r = k.zx_channel_read(self, a1);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->handles.size(), 1u);
  EXPECT_EQ(r->handles[0].type, ZX_OBJ_TYPE_CHANNEL);
  EXPECT_EQ(k.zx_channel_read(self, r->handles[0].handle)->data, B("hello"));
}

// ---- zx_channel_write_etc (CHAN-030..032) ----

// CHAN-031/032: MOVE with a rights subset delivers exactly those rights; SAME_RIGHTS keeps them;
// NONE and sets without TRANSFER are allowed.
TEST_F(ZxChannel, WriteEtcMoveReducesRights) {
  auto [h0, h1] = Channel();
  zx_handle_t a = Vmo(4096), b = Vmo(4096), c = Vmo(4096);
  ASSERT_EQ(k.zx_channel_write_etc(
                self, h0, {},
                {Disp(ZX_HANDLE_OP_MOVE, a, ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ | ZX_RIGHT_MAP),
                 Disp(ZX_HANDLE_OP_MOVE, b, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS),
                 Disp(ZX_HANDLE_OP_MOVE, c, ZX_OBJ_TYPE_VMO, ZX_RIGHT_NONE)}),
            ZX_OK);
  EXPECT_FALSE(Valid(a));
  EXPECT_FALSE(Valid(b));
  EXPECT_FALSE(Valid(c));
  auto r = k.zx_channel_read_etc(self, h1);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->handles.size(), 3u);
  EXPECT_EQ(r->handles[0].rights, ZX_RIGHT_READ | ZX_RIGHT_MAP);
  EXPECT_EQ(r->handles[1].rights, ZX_DEFAULT_VMO_RIGHTS);
  EXPECT_EQ(r->handles[2].rights, ZX_RIGHT_NONE);
  // CHAN-032: without TRANSFER the receiver cannot send the handle on.
  EXPECT_EQ(k.zx_channel_write(self, h1, {}, {r->handles[0].handle}), ZX_ERR_ACCESS_DENIED);
  EXPECT_FALSE(Valid(r->handles[0].handle));
  ExpectInvariants();
}

// CHAN-031: DUPLICATE leaves the source in the table and sends a new handle.
TEST_F(ZxChannel, WriteEtcDuplicateKeepsTheSource) {
  auto [h0, h1] = Channel();
  zx_handle_t a = Vmo(4096);
  ASSERT_EQ(k.zx_channel_write_etc(self, h0, {},
                                   {Disp(ZX_HANDLE_OP_DUPLICATE, a, ZX_OBJ_TYPE_VMO,
                                         ZX_RIGHT_READ)}),
            ZX_OK);
  EXPECT_TRUE(Valid(a));
  EXPECT_EQ(Basic(a).rights, ZX_DEFAULT_VMO_RIGHTS);
  auto r = k.zx_channel_read_etc(self, h1);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->handles[0].rights, ZX_RIGHT_READ);
  EXPECT_EQ(Basic(r->handles[0].handle).koid, Basic(a).koid);
}

// CHAN-031: per-entry check order for DUPLICATE: TRANSFER, own endpoint, type, rights subset,
// then DUPLICATE; the source always stays.
TEST_F(ZxChannel, WriteEtcDuplicateCheckOrder) {
  auto [h0, h1] = Channel();
  zx_handle_t no_dup = Replace(Vmo(4096), ZX_RIGHT_TRANSFER | ZX_RIGHT_READ);
  auto one = [&, end = h0](zx_obj_type_t type, zx_rights_t rights) {  // clang 14: no binding
    return k.zx_channel_write_etc(self, end, {},
                                  {Disp(ZX_HANDLE_OP_DUPLICATE, no_dup, type, rights)});
  };
  EXPECT_EQ(one(ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_READ), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(one(ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(one(ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ), ZX_ERR_ACCESS_DENIED);
  EXPECT_TRUE(Valid(no_dup));
  zx_handle_t no_transfer = Replace(Vmo(4096), ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ);
  EXPECT_EQ(k.zx_channel_write_etc(self, h0, {},
                                   {Disp(ZX_HANDLE_OP_DUPLICATE, no_transfer, ZX_OBJ_TYPE_CHANNEL,
                                         ZX_RIGHT_WRITE)}),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_TRUE(Valid(no_transfer));
  // Own endpoint, DUPLICATE: NOT_SUPPORTED and h0 stays.
  EXPECT_EQ(k.zx_channel_write_etc(self, h0, {},
                                   {Disp(ZX_HANDLE_OP_DUPLICATE, h0, ZX_OBJ_TYPE_NONE,
                                         ZX_RIGHT_SAME_RIGHTS)}),
            ZX_ERR_NOT_SUPPORTED);
  EXPECT_TRUE(Valid(h0));
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_SHOULD_WAIT);
  ExpectInvariants();
}

// CHAN-031: MOVE removes the source first, then checks: WRONG_TYPE, INVALID_ARGS (not a subset;
// SAME_RIGHTS with other bits is not the sentinel), unknown op -> INVALID_ARGS.
TEST_F(ZxChannel, WriteEtcMoveFailuresConsumeTheSource) {
  auto [h0, h1] = Channel();
  struct Case {
    uint32_t op;
    zx_obj_type_t type;
    zx_rights_t rights;
    zx_status_t want;
  };
  for (const Case& c : {Case{ZX_HANDLE_OP_MOVE, ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_SAME_RIGHTS,
                             ZX_ERR_WRONG_TYPE},
                        Case{ZX_HANDLE_OP_MOVE, ZX_OBJ_TYPE_VMO, ZX_RIGHT_EXECUTE,
                             ZX_ERR_INVALID_ARGS},
                        Case{ZX_HANDLE_OP_MOVE, ZX_OBJ_TYPE_VMO,
                             ZX_RIGHT_SAME_RIGHTS | ZX_RIGHT_READ, ZX_ERR_INVALID_ARGS},
                        Case{2, ZX_OBJ_TYPE_VMO, ZX_RIGHT_SAME_RIGHTS, ZX_ERR_INVALID_ARGS}}) {
    zx_handle_t v = Vmo(4096);
    zx_koid_t koid = Basic(v).koid;
    EXPECT_EQ(k.zx_channel_write_etc(self, h0, {}, {Disp(c.op, v, c.type, c.rights)}), c.want);
    EXPECT_FALSE(Valid(v));
    EXPECT_FALSE(Alive(koid));
  }
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_SHOULD_WAIT);
  ExpectInvariants();
}

// CHAN-031: the source must have TRANSFER even when |rights| drops it.
TEST_F(ZxChannel, WriteEtcNeedsTransferOnTheSource) {
  auto [h0, h1] = Channel();
  zx_handle_t v = Replace(Vmo(4096), ZX_RIGHT_READ);
  EXPECT_EQ(k.zx_channel_write_etc(self, h0, {},
                                   {Disp(ZX_HANDLE_OP_MOVE, v, ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ)}),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_FALSE(Valid(v));
  (void)h1;
}

// CHAN-031: an entry error discards fresh duplicates and closes moved sources; DUPLICATE sources
// stay; the first error in array order is returned.
TEST_F(ZxChannel, WriteEtcEntryErrorRollsBackTheMessage) {
  auto [h0, h1] = Channel();
  zx_handle_t dup_src = Vmo(4096);
  zx_handle_t moved = Vmo(4096);
  zx_handle_t wrong = Vmo(4096);
  size_t objects = k.state().objects.size();
  EXPECT_EQ(k.zx_channel_write_etc(
                self, h0, B("x"),
                {Disp(ZX_HANDLE_OP_DUPLICATE, dup_src, ZX_OBJ_TYPE_VMO, ZX_RIGHT_SAME_RIGHTS),
                 Disp(ZX_HANDLE_OP_MOVE, moved, ZX_OBJ_TYPE_VMO, ZX_RIGHT_SAME_RIGHTS),
                 Disp(ZX_HANDLE_OP_MOVE, wrong, ZX_OBJ_TYPE_PROCESS, ZX_RIGHT_SAME_RIGHTS),
                 Disp(ZX_HANDLE_OP_MOVE, 0x4321, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS)}),
            ZX_ERR_WRONG_TYPE);
  EXPECT_TRUE(Valid(dup_src));
  EXPECT_FALSE(Valid(moved));
  EXPECT_FALSE(Valid(wrong));
  EXPECT_EQ(k.state().objects.size(), objects - 2);
  EXPECT_EQ(k.zx_channel_read(self, h1).status_value(), ZX_ERR_SHOULD_WAIT);
  ExpectInvariants();
}

// CHAN-031: on an early failure (steps 1-3) only non-DUPLICATE entries are closed.
TEST_F(ZxChannel, WriteEtcEarlyFailureKeepsDuplicateSources) {
  auto [h0, h1] = Channel();
  zx_handle_t d = Vmo(4096), m = Vmo(4096), bad_op = Vmo(4096);
  EXPECT_EQ(k.zx_channel_write_etc(
                self, h0, Bytes(65537, 0),
                {Disp(ZX_HANDLE_OP_DUPLICATE, d, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS),
                 Disp(ZX_HANDLE_OP_MOVE, m, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS),
                 Disp(7, bad_op, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS)}),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_TRUE(Valid(d));
  EXPECT_FALSE(Valid(m));
  EXPECT_FALSE(Valid(bad_op));
  EXPECT_EQ(k.zx_channel_write_etc(self, h1, {}, std::vector<zx_handle_disposition_t>(65)),
            ZX_ERR_OUT_OF_RANGE);
}

// CHAN-031: a source duplicated twice in one message, and DUPLICATE then MOVE of one handle.
TEST_F(ZxChannel, WriteEtcSameSourceSeveralTimes) {
  auto [h0, h1] = Channel();
  zx_handle_t a = Vmo(4096);
  ASSERT_EQ(k.zx_channel_write_etc(
                self, h0, {},
                {Disp(ZX_HANDLE_OP_DUPLICATE, a, ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ),
                 Disp(ZX_HANDLE_OP_DUPLICATE, a, ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE),
                 Disp(ZX_HANDLE_OP_MOVE, a, ZX_OBJ_TYPE_VMO, ZX_RIGHT_SAME_RIGHTS)}),
            ZX_OK);
  EXPECT_FALSE(Valid(a));
  auto r = k.zx_channel_read_etc(self, h1);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->handles.size(), 3u);
  EXPECT_EQ(r->handles[0].rights, ZX_RIGHT_READ);
  EXPECT_EQ(r->handles[1].rights, ZX_RIGHT_WRITE);
  EXPECT_EQ(r->handles[2].rights, ZX_DEFAULT_VMO_RIGHTS);
  // MOVE then DUPLICATE: the duplicate finds nothing (BAD_HANDLE).
  zx_handle_t b = Vmo(4096);
  EXPECT_EQ(k.zx_channel_write_etc(
                self, h0, {},
                {Disp(ZX_HANDLE_OP_MOVE, b, ZX_OBJ_TYPE_VMO, ZX_RIGHT_SAME_RIGHTS),
                 Disp(ZX_HANDLE_OP_DUPLICATE, b, ZX_OBJ_TYPE_VMO, ZX_RIGHT_SAME_RIGHTS)}),
            ZX_ERR_BAD_HANDLE);
  EXPECT_FALSE(Valid(b));
  ExpectInvariants();
}

// ---- between processes ----

TEST(ZxChannelProcesses, HandlesTravelBetweenProcessTables) {
  State s = InitialState();
  zx_koid_t self = s.initial.self_koid;
  zx_koid_t other = AddRunningProcess(s, "other");
  ModelKernel k0(std::move(s));
  auto ch = k0.zx_channel_create(self, 0);
  ASSERT_TRUE(ch.is_ok());
  // Hand h1 to the other process.
  State s1 = k0.state();
  HandleEntry e = RemoveHandle(s1, self, ch->second);
  zx_handle_t theirs = InstallHandle(s1, other, e);
  EXPECT_EQ(theirs, (1u << 2) | 3u);  // the other table's first handle
  ModelKernel k(std::move(s1));

  auto vmo = k.zx_vmo_create(self, 4096, 0);
  ASSERT_TRUE(vmo.is_ok());
  ASSERT_EQ(k.zx_vmo_write(self, vmo.value(), 0, B("shared")), ZX_OK);
  ASSERT_EQ(k.zx_channel_write(self, ch->first, B("take this"), {vmo.value()}), ZX_OK);
  // The other process cannot use self's values, and self cannot read its own queue.
  EXPECT_EQ(k.zx_channel_read(other, ch->first).status_value(), ZX_ERR_BAD_HANDLE);
  auto r = k.zx_channel_read_etc(other, theirs);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->handles.size(), 1u);
  zx_handle_t got = r->handles[0].handle;
  EXPECT_EQ(got, (2u << 2) | 3u);
  EXPECT_EQ(k.zx_vmo_read(other, got, 0, 6).value(), B("shared"));
  EXPECT_EQ(k.zx_vmo_read(self, vmo.value(), 0, 6).status_value(), ZX_ERR_BAD_HANDLE);
  // And back again, with fewer rights.
  zx_handle_disposition_t d{ZX_HANDLE_OP_MOVE, got, ZX_OBJ_TYPE_VMO,
                            ZX_RIGHT_READ | ZX_RIGHT_TRANSFER, ZX_OK};
  ASSERT_EQ(k.zx_channel_write_etc(other, theirs, {}, {d}), ZX_OK);
  auto back = k.zx_channel_read(self, ch->first);
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back->handles[0].rights, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER);
  EXPECT_EQ(k.zx_vmo_write(self, back->handles[0].handle, 0, B("x")), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.CheckInvariants(), std::vector<std::string>{});
}

// CHAN-002, PROC-002: the death of the process holding an endpoint closes it.
TEST(ZxChannelProcesses, ProcessDeathClosesItsEndpoints) {
  State s = InitialState();
  zx_koid_t self = s.initial.self_koid;
  zx_koid_t other = AddRunningProcess(s, "other");
  StepResult created = Step(std::move(s), self, ChannelCreate{0});
  auto pair = std::get<HandlePairResult>(created.outcome.payload);
  State s1 = std::move(created.state);
  InstallHandle(s1, other, RemoveHandle(s1, self, pair.second));
  KillProcess(s1, other, -1);
  CollectGarbage(s1);
  ModelKernel k(std::move(s1));
  EXPECT_EQ(k.zx_channel_read(self, pair.first).status_value(), ZX_ERR_PEER_CLOSED);
  EXPECT_EQ(k.zx_channel_write(self, pair.first, {}, {}), ZX_ERR_PEER_CLOSED);
  EXPECT_EQ(k.CheckInvariants(), std::vector<std::string>{});
}

// The catalog's channel invariants catch a planted violation (test the tester).
TEST(ZxChannelInvariants, OversizedQueuedMessageIsReported) {
  StepResult r = Step(InitialState(), ZX_KOID_FIRST + 1, ChannelCreate{0});
  ASSERT_EQ(r.outcome.status, ZX_OK);
  EXPECT_EQ(CheckInvariants(r.state), std::vector<std::string>{});
  Get<ChannelEndpoint>(r.state, ZX_KOID_FIRST + 4).queue.push_back(Message{Bytes(65537, 0), {}});
  auto v = CheckInvariants(r.state);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rfind("channel-messages-bounded:", 0), 0u) << v[0];
}

}  // namespace
}  // namespace zxspec::model
