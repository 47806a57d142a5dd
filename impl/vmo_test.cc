// VMOs in the optimized implementation: create / read / write / sizes / stream size / content
// size / ZX_INFO_VMO, children of every kind with copy-on-write sharing, op_range and
// replace_as_executable (vmo.md VMO-010..140; seeds RFC-0238, RFC-0080).
#include "impl/test_util.h"

namespace zxspec::impl {
namespace {

using ImplVmo = ImplTest;

const Memory& MemoryOfHandle(const ImplKernel& k, zx_koid_t self, zx_handle_t h) {
  const auto* p = k.core().Find<ProcessObj>(self);
  return *As<VmoObj>(p->handles.Find(h)->object)->memory;
}

// VMO-015/017: size rounds up, the stream size keeps the argument.
TEST_F(ImplVmo, CreateRoundsSizeAndKeepsStreamSize) {
  zx_handle_t h = Vmo(42);
  EXPECT_EQ(k.zx_vmo_get_size(self, h).value(), 4096u);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 42u);
  zx_handle_t u = Vmo(42, ZX_VMO_UNBOUNDED);
  EXPECT_EQ(k.zx_vmo_get_size(self, u).value(), kVmoMaxSize);
  EXPECT_EQ(k.zx_vmo_set_size(self, u, 8192), ZX_ERR_UNAVAILABLE);  // VMO-037
}

// VMO-011..014 in order.
TEST_F(ImplVmo, CreateErrorOrder) {
  EXPECT_EQ(k.zx_vmo_create(self, 0, ZX_VMO_UNBOUNDED | ZX_VMO_RESIZABLE).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_create(self, UINT64_MAX, 0x100).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_create(self, kVmoMaxSize + 1, 0).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_create(self, 4096, ZX_VMO_TRAP_DIRTY).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_create(self, UINT64_MAX, ZX_VMO_UNBOUNDED).status_value(),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Basic(Vmo(1, ZX_VMO_RESIZABLE)).rights, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_RESIZE);
}

// VMO-020..025: bounds are the VMO size; unwritten bytes read zero; huge offsets are fine.
TEST_F(ImplVmo, ReadWriteBoundsAreTheVmoSize) {
  zx_handle_t h = Vmo(10);
  EXPECT_EQ(k.zx_vmo_write(self, h, 4090, Bytes{1, 2, 3, 4, 5, 6}), ZX_OK);
  EXPECT_EQ(Read(h, 4094, 2), (Bytes{5, 6}));
  EXPECT_EQ(k.zx_vmo_read(self, h, 4095, 2).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_read(self, h, 4096, 0).status_value(), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, h, 4097, 0).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_read(self, h, UINT64_MAX, 2).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 10u);
  zx_handle_t u = Vmo(0, ZX_VMO_UNBOUNDED);
  ASSERT_EQ(k.zx_vmo_write(self, u, kVmoMaxSize - 3, B("end")), ZX_OK);
  EXPECT_EQ(Read(u, kVmoMaxSize - 3, 3), B("end"));
  EXPECT_EQ(InfoVmo(u).committed_bytes, 4096u);
}

// VMO-035..042: RFC-0238 set_size; VMO-041: shrink then grow reads zero.
TEST_F(ImplVmo, SetSizeTruncatesStreamSizeAndDiscards) {
  zx_handle_t h = Vmo(10000, ZX_VMO_RESIZABLE);
  ASSERT_EQ(k.zx_vmo_write(self, h, 8192, Bytes{9, 9}), ZX_OK);
  EXPECT_EQ(k.zx_vmo_set_size(self, h, 4097), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_set_size(self, h, UINT64_MAX), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_set_size(self, h, 4096), ZX_OK);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 4096u);
  EXPECT_EQ(k.zx_vmo_set_size(self, h, 16384), ZX_OK);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 4096u);
  EXPECT_EQ(Read(h, 8192, 2), (Bytes{0, 0}));
  EXPECT_EQ(InfoVmo(h).committed_bytes, 0u);
  auto no_resize = k.zx_handle_duplicate(self, h, ZX_DEFAULT_VMO_RIGHTS).value();
  EXPECT_EQ(k.zx_vmo_set_size(self, no_resize, 8192), ZX_ERR_ACCESS_DENIED);  // VMO-036
}

// VMO-045..049
TEST_F(ImplVmo, SetStreamSizeZeroesPastTheStream) {
  zx_handle_t h = Vmo(8192);
  ASSERT_EQ(k.zx_vmo_write(self, h, 0, Bytes(8192, 7)), ZX_OK);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, 8192), ZX_OK);  // VMO-047: no effect
  EXPECT_EQ(Read(h, 8191, 1), Bytes{7});
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, 8193), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, 100), ZX_OK);
  EXPECT_EQ(Read(h, 99, 2), (Bytes{7, 0}));
  EXPECT_EQ(Read(h, 8191, 1), Bytes{0});
  EXPECT_EQ(InfoVmo(h).committed_bytes, 4096u);  // page 1 wholly zeroed: released
  ASSERT_EQ(k.zx_vmo_write(self, h, 200, Bytes{5}), ZX_OK);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, 300), ZX_OK);
  EXPECT_EQ(Read(h, 200, 1), Bytes{0});
}

// VMO-052/053
TEST_F(ImplVmo, ContentSizeProperty) {
  zx_handle_t h = Vmo(5000);
  EXPECT_EQ(std::get<U64Result>(
                k.zx_object_get_property(self, h, ZX_PROP_VMO_CONTENT_SIZE).value()).value,
            5000u);
  EXPECT_EQ(k.zx_object_set_property(self, h, ZX_PROP_VMO_CONTENT_SIZE, EncodeU64(6000)), ZX_OK);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 6000u);
  EXPECT_EQ(k.zx_object_set_property(self, h, ZX_PROP_VMO_CONTENT_SIZE, Bytes{1, 2}),
            ZX_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(k.zx_object_set_property(self, k.Initial().job, ZX_PROP_VMO_CONTENT_SIZE,
                                     EncodeU64(1)),
            ZX_ERR_WRONG_TYPE);
}

// VMO-086: a snapshot shares the parent's pages (O(1)) and copies them on first write.
TEST_F(ImplVmo, SnapshotSharesPagesUntilWritten) {
  zx_handle_t p = Vmo(4 * 4096);
  for (uint64_t i = 0; i < 4; ++i) {
    ASSERT_EQ(k.zx_vmo_write(self, p, i * 4096, Bytes{static_cast<uint8_t>(i + 1)}), ZX_OK);
  }
  zx_handle_t c = Child(p, ZX_VMO_CHILD_SNAPSHOT, 0, 4 * 4096);
  const Memory& pm = MemoryOfHandle(k, self, p);
  const Memory& cm = MemoryOfHandle(k, self, c);
  EXPECT_EQ(pm.pages.Find(2), cm.pages.Find(2));  // the same page object, not a copy
  ASSERT_EQ(k.zx_vmo_write(self, c, 2 * 4096, Bytes{0xCC}), ZX_OK);
  EXPECT_NE(pm.pages.Find(2), cm.pages.Find(2));
  EXPECT_EQ(pm.pages.Find(3), cm.pages.Find(3));  // untouched pages stay shared
  EXPECT_EQ(Read(p, 2 * 4096, 1), Bytes{3});
  EXPECT_EQ(Read(c, 2 * 4096, 1), Bytes{0xCC});
  ASSERT_EQ(k.zx_vmo_write(self, p, 3 * 4096, Bytes{0xDD}), ZX_OK);
  EXPECT_EQ(Read(c, 3 * 4096, 1), Bytes{4});  // parent writes never reach the child
}

// VMO-086: past the parent's size the snapshot reads zero; offsets shift; growth is zero.
TEST_F(ImplVmo, SnapshotWindowAndGrowth) {
  zx_handle_t p = Vmo(3 * 4096);
  ASSERT_EQ(k.zx_vmo_write(self, p, 0, Bytes(3 * 4096, 0x11)), ZX_OK);
  zx_handle_t c = Child(p, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE, 4096, 4 * 4096);
  EXPECT_EQ(Read(c, 0, 1), Bytes{0x11});
  EXPECT_EQ(Read(c, 2 * 4096 - 1, 2), (Bytes{0x11, 0}));  // the parent ends inside the child
  ASSERT_EQ(k.zx_vmo_set_size(self, c, 4096), ZX_OK);
  ASSERT_EQ(k.zx_vmo_set_size(self, c, 3 * 4096), ZX_OK);
  EXPECT_EQ(Read(c, 4096, 1), Bytes{0});  // never re-exposed from the parent (VMO-041)
  // A snapshot of a snapshot at an offset composes.
  zx_handle_t g = Child(c, ZX_VMO_CHILD_SNAPSHOT, 0, 4096);
  EXPECT_EQ(Read(g, 0, 1), Bytes{0x11});
  EXPECT_EQ(InfoVmo(g).parent_koid, Basic(c).koid);
}

// VMO-070..077: the check order of create_child.
TEST_F(ImplVmo, CreateChildErrorOrder) {
  zx_handle_t p = Vmo(8192);
  EXPECT_EQ(k.zx_vmo_create_child(self, 0, ZX_VMO_CHILD_SLICE, 0, UINT64_MAX).status_value(),
            ZX_ERR_OUT_OF_RANGE);  // VMO-070 before the lookup
  EXPECT_EQ(k.zx_vmo_create_child(self, 0, ZX_VMO_CHILD_NO_WRITE | ZX_VMO_CHILD_RESIZABLE, 0, 0)
                .status_value(),
            ZX_ERR_INVALID_ARGS);  // VMO-071 before the lookup
  EXPECT_EQ(k.zx_vmo_create_child(self, 0, ZX_VMO_CHILD_SNAPSHOT, 0, 0).status_value(),
            ZX_ERR_BAD_HANDLE);
  auto ro = k.zx_handle_duplicate(self, p, ZX_RIGHT_READ).value();
  EXPECT_EQ(k.zx_vmo_create_child(self, ro, ZX_VMO_CHILD_SNAPSHOT, 0, 4096).status_value(),
            ZX_ERR_ACCESS_DENIED);  // no DUPLICATE
  EXPECT_EQ(k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE, 0, 0)
                .status_value(),
            ZX_ERR_ACCESS_DENIED);  // no RESIZE on a non-resizable parent's handle
  zx_handle_t d = Vmo(4096, ZX_VMO_DISCARDABLE);
  EXPECT_EQ(k.zx_vmo_create_child(self, d, 0x100, 0, 0).status_value(),
            ZX_ERR_NOT_SUPPORTED);  // VMO-073 before the type
  EXPECT_EQ(k.zx_vmo_create_child(self, p, 0, 0, 4096).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_SNAPSHOT, 0, 4096)
                .status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_SNAPSHOT, 1, 4096).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_SNAPSHOT, 0, 4095).status_value(),
            ZX_ERR_INVALID_ARGS);  // RFC-0238: no rounding
  EXPECT_EQ(k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_SNAPSHOT, UINT64_MAX - 4095, 8192)
                .status_value(),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_SLICE, 4096, 8192).status_value(),
            ZX_ERR_INVALID_ARGS);  // VMO-076: not inside the parent
  zx_handle_t r = Vmo(4096, ZX_VMO_RESIZABLE);
  EXPECT_EQ(k.zx_vmo_create_child(self, r, ZX_VMO_CHILD_SLICE, 0, 4096).status_value(),
            ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(k.zx_vmo_create_child(self, p, ZX_VMO_CHILD_REFERENCE, 4096, 0).status_value(),
            ZX_ERR_INVALID_ARGS);
  zx_handle_t s = Child(p, ZX_VMO_CHILD_SLICE, 0, 4096);
  EXPECT_EQ(k.zx_vmo_create_child(self, s, ZX_VMO_CHILD_REFERENCE, 0, 0).status_value(),
            ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(k.zx_vmo_create_child(self, s, ZX_VMO_CHILD_SNAPSHOT, 0, 4096).status_value(),
            ZX_ERR_NOT_SUPPORTED);
  EXPECT_TRUE(
      k.zx_vmo_create_child(self, s, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, 0, 4096).is_ok());
}

// VMO-083, VMO-085, VMO-131: rights, immutability and flags of children.
TEST_F(ImplVmo, ChildRightsAndFlags) {
  zx_handle_t p = Vmo(4096);
  EXPECT_EQ(Basic(Child(p, ZX_VMO_CHILD_SNAPSHOT, 0, 4096)).rights, 0xD0EFu);
  zx_handle_t imm = Child(p, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, 4096);
  EXPECT_EQ(Basic(imm).rights, 0xD0E7u);
  EXPECT_EQ(InfoVmo(imm).flags, 0x10Du);
  EXPECT_EQ(Basic(Child(p, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE, 0, 4096)).rights,
            0x40D0EFu);
  EXPECT_EQ(Basic(Child(p, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_NO_WRITE, 0, 4096)).rights, 0xD0E7u);
  auto narrow = k.zx_handle_duplicate(self, p, ZX_RIGHT_READ | ZX_RIGHT_MAP | ZX_RIGHT_DUPLICATE);
  EXPECT_EQ(Basic(Child(narrow.value(), ZX_VMO_CHILD_SNAPSHOT, 0, 4096)).rights, 0xEDu);
  EXPECT_EQ(Basic(Child(narrow.value(), ZX_VMO_CHILD_SLICE, 0, 4096)).rights, 0xE5u);
  auto exec = k.zx_vmo_replace_as_executable(self, Vmo(4096), k.Initial().vmex).value();
  EXPECT_EQ(Basic(Child(exec, ZX_VMO_CHILD_SNAPSHOT, 0, 4096)).rights, 0xD0EFu);
  EXPECT_EQ(Basic(Child(exec, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, 4096)).rights,
            0xD0F7u);
  EXPECT_EQ(Basic(Child(exec, ZX_VMO_CHILD_SLICE, 0, 4096)).rights, 0xD0FFu);
  EXPECT_EQ(InfoVmo(Child(p, ZX_VMO_CHILD_SLICE, 0, 4096)).flags, 0x9u);
}

// VMO-088/089: slices and references alias; their stream sizes differ (VMO-005/081).
TEST_F(ImplVmo, SlicesAndReferencesAlias) {
  zx_handle_t p = Vmo(3 * 4096, ZX_VMO_RESIZABLE);
  auto pr = k.zx_handle_duplicate(self, p, ZX_RIGHT_SAME_RIGHTS).value();
  zx_handle_t ref = Child(pr, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE, 0, 0);
  ASSERT_EQ(k.zx_vmo_write(self, ref, 5, B("ref")), ZX_OK);
  EXPECT_EQ(Read(p, 5, 3), B("ref"));
  ASSERT_EQ(k.zx_vmo_set_size(self, ref, 4096), ZX_OK);
  EXPECT_EQ(k.zx_vmo_get_size(self, p).value(), 4096u);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, p, 7), ZX_OK);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, ref).value(), 7u);
  EXPECT_EQ(InfoVmo(ref).committed_bytes, 0u);  // VMO-133: attributed to the owner
  EXPECT_EQ(InfoVmo(p).committed_bytes, 4096u);

  zx_handle_t q = Vmo(3 * 4096);
  zx_handle_t s = Child(q, ZX_VMO_CHILD_SLICE, 4096, 4096);
  zx_handle_t ss = Child(s, ZX_VMO_CHILD_SLICE, 0, 4096);
  ASSERT_EQ(k.zx_vmo_write(self, ss, 1, B("x")), ZX_OK);
  EXPECT_EQ(Read(q, 4097, 1), B("x"));
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, s).value(), 4096u);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, s, 0), ZX_OK);  // zeroes the slice's bytes only
  EXPECT_EQ(Read(q, 4097, 1), Bytes{0});
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, q).value(), 3u * 4096);
}

// VMO-084, VMO-132: a dying VMO's children move to its parent.
TEST_F(ImplVmo, ChildrenAreReparentedOnDeath) {
  zx_handle_t a = Vmo(4096);
  zx_handle_t b = Child(a, ZX_VMO_CHILD_SNAPSHOT, 0, 4096);
  zx_handle_t c = Child(b, ZX_VMO_CHILD_SNAPSHOT, 0, 4096);
  EXPECT_EQ(InfoVmo(a).num_children, 1u);
  ASSERT_EQ(k.zx_handle_close(self, b), ZX_OK);
  EXPECT_EQ(InfoVmo(c).parent_koid, Basic(a).koid);
  EXPECT_EQ(InfoVmo(a).num_children, 1u);
  ASSERT_EQ(k.zx_handle_close(self, a), ZX_OK);
  EXPECT_EQ(InfoVmo(c).parent_koid, 0u);
}

// VMO-060..068, VMO-100..103
TEST_F(ImplVmo, OpRange) {
  zx_handle_t h = Vmo(4 * 4096);
  EXPECT_EQ(k.zx_vmo_op_range(self, h, 5, 0, 0), ZX_ERR_INVALID_ARGS);  // unknown op
  EXPECT_EQ(k.zx_vmo_op_range(self, h, ZX_VMO_OP_COMMIT, 4097, 0), ZX_OK);  // quirk: one page
  EXPECT_EQ(InfoVmo(h).committed_bytes, 4096u);
  EXPECT_EQ(k.zx_vmo_op_range(self, h, ZX_VMO_OP_COMMIT, 0, 5 * 4096), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_op_range(self, h, ZX_VMO_OP_COMMIT, 0, UINT64_MAX), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_op_range(self, h, ZX_VMO_OP_COMMIT, 0, 4 * 4096), ZX_OK);
  EXPECT_EQ(InfoVmo(h).committed_bytes, 4u * 4096);
  ASSERT_EQ(k.zx_vmo_write(self, h, 0, Bytes(3 * 4096, 1)), ZX_OK);
  EXPECT_EQ(k.zx_vmo_op_range(self, h, ZX_VMO_OP_ZERO, 10, 4096 * 2), ZX_OK);
  EXPECT_EQ(Read(h, 9, 2), (Bytes{1, 0}));
  EXPECT_EQ(Read(h, 8201, 2), (Bytes{0, 1}));
  EXPECT_EQ(InfoVmo(h).committed_bytes, 3u * 4096);  // page 1 released
  EXPECT_EQ(k.zx_vmo_op_range(self, h, ZX_VMO_OP_DECOMMIT, 1, 4096), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmo_op_range(self, h, ZX_VMO_OP_DECOMMIT, 0, 4096), ZX_OK);
  EXPECT_EQ(Read(h, 0, 1), Bytes{0});
  zx_handle_t c = Child(h, ZX_VMO_CHILD_SNAPSHOT, 0, 4096);
  EXPECT_EQ(k.zx_vmo_op_range(self, c, ZX_VMO_OP_DECOMMIT, 0, 4096), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(k.zx_vmo_op_range(self, c, ZX_VMO_OP_DECOMMIT, 0, 0), ZX_OK);
  auto ro = k.zx_handle_duplicate(self, h, ZX_RIGHT_READ).value();
  EXPECT_EQ(k.zx_vmo_op_range(self, ro, ZX_VMO_OP_ZERO, 0, 1), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_vmo_op_range(self, ro, ZX_VMO_OP_CACHE_SYNC, 0, 1), ZX_OK);
  EXPECT_EQ(k.zx_vmo_op_range(self, h, ZX_VMO_OP_LOCK, 0, 4096), ZX_ERR_NOT_SUPPORTED);
}

// VMO-120..124: vmex validated first, reported after the VMO handle; h always consumed.
TEST_F(ImplVmo, ReplaceAsExecutable) {
  zx_handle_t h = Vmo(4096);
  auto x = k.zx_vmo_replace_as_executable(self, h, k.Initial().vmex);
  ASSERT_TRUE(x.is_ok());
  EXPECT_EQ(Basic(x.value()).rights, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_EXECUTE);
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_vmo_replace_as_executable(self, 0x1234, 0x999).status_value(),
            ZX_ERR_BAD_HANDLE);
  zx_handle_t v = Vmo(4096);
  EXPECT_EQ(k.zx_vmo_replace_as_executable(self, v, k.Initial().job).status_value(),
            ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_handle_close(self, v), ZX_ERR_BAD_HANDLE);  // consumed anyway
  EXPECT_EQ(k.zx_vmo_replace_as_executable(self, k.Initial().job, 0).status_value(),
            ZX_ERR_BAD_HANDLE);  // VMO-122: not a VMO
  EXPECT_TRUE(k.zx_vmo_replace_as_executable(self, Vmo(1), ZX_HANDLE_INVALID).is_ok());
}

}  // namespace
}  // namespace zxspec::impl
