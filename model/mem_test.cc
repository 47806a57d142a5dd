// mem_read / mem_write: fault statuses, their order, check-first, and the effects of sizes and
// stream sizes at the time of the access (vmar.md MEM-001..006, seed RFC-0238).
#include "model/vmar_test_util.h"

namespace zxspec::model {
namespace {

using MemAccess = VmarTest;


Bytes Str(const char* s) { return Bytes(s, s + std::char_traits<char>::length(s)); }

// MEM-006: zero length succeeds without any check.
TEST_F(MemAccess, ZeroLengthAlwaysSucceeds) {
  EXPECT_EQ(k.mem_read(self, 0, 0).value(), Bytes{});
  EXPECT_EQ(k.mem_write(self, UINT64_MAX, Bytes{}), ZX_OK);
}

// MEM-001, MEM-002 (1): unmapped pages, including the wrap past 2^64.
TEST_F(MemAccess, UnmappedIsNotFound) {
  EXPECT_EQ(k.mem_read(self, 0, 1).status_value(), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.mem_read(self, kBase, 1).status_value(), ZX_ERR_NOT_FOUND);  // empty root
  EXPECT_EQ(k.mem_read(self, kBase + kUserAspaceSize, 1).status_value(), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.mem_write(self, UINT64_MAX, Bytes{1, 2}), ZX_ERR_NOT_FOUND);
  // A range that starts mapped and wraps past 2^64 meets the unmapped top first.
  zx_handle_t vmo = Vmo(kPage);
  zx_vaddr_t top = kBase + kUserAspaceSize - kPage;
  MapOk(root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, top - kBase, vmo, 0, kPage);
  EXPECT_EQ(k.mem_read(self, top, kPage).status_value(), ZX_OK);
  EXPECT_EQ(k.mem_read(self, top, UINT64_MAX).status_value(), ZX_ERR_NOT_FOUND);
  // An empty child VMAR is a hole.
  auto v = AllocOk(root, kCanAll, 0, 4 * kPage);
  EXPECT_EQ(k.mem_read(self, v.addr, 1).status_value(), ZX_ERR_NOT_FOUND);
}

// MEM-002 (2): permissions per page, current ones.
TEST_F(MemAccess, PermissionsAreCheckedPerAccess) {
  zx_handle_t vmo = Vmo(2 * kPage);
  zx_vaddr_t a = MapOk(root, ZX_VM_PERM_READ, 0, vmo, 0, 2 * kPage);
  EXPECT_EQ(k.mem_write(self, a, Bytes{1}), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.mem_read(self, a, 1).value(), Bytes{0});
  ASSERT_EQ(k.zx_vmar_protect(self, root, kRW, a + kPage, kPage), ZX_OK);
  EXPECT_EQ(k.mem_write(self, a + kPage, Bytes{1}), ZX_OK);
  ASSERT_EQ(k.zx_vmar_protect(self, root, 0, a, kPage), ZX_OK);
  EXPECT_EQ(k.mem_read(self, a, 1).status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.mem_read(self, a + kPage, 1).value(), Bytes{1});
}

// MEM-002 (3), MEM-005, VMAR-023: pages past the VMO's current size fault.
TEST_F(MemAccess, BeyondTheVmoSizeIsOutOfRange) {
  zx_handle_t vmo = Vmo(kPage, ZX_VMO_RESIZABLE);
  zx_vaddr_t a = MapOk(root, kRW, 0, vmo, 0, 3 * kPage);
  EXPECT_EQ(k.mem_write(self, a + kPage - 1, Bytes{5}), ZX_OK);
  EXPECT_EQ(k.mem_read(self, a + kPage, 1).status_value(), ZX_ERR_OUT_OF_RANGE);
  ASSERT_EQ(k.zx_vmo_set_size(self, vmo, 3 * kPage), ZX_OK);  // growing makes pages accessible
  EXPECT_EQ(k.mem_read(self, a + 2 * kPage, 1).value(), Bytes{0});
  ASSERT_EQ(k.zx_vmo_set_size(self, vmo, 0), ZX_OK);  // shrinking makes them fault
  EXPECT_EQ(k.mem_read(self, a, 1).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.mem_write(self, a, Bytes{1}), ZX_ERR_OUT_OF_RANGE);
  // A mapping at a VMO offset past the end faults from its first page.
  zx_handle_t small = Vmo(kPage);
  zx_vaddr_t b = MapOk(root, ZX_VM_PERM_READ, 0, small, 4 * kPage, kPage);
  EXPECT_EQ(k.mem_read(self, b, 1).status_value(), ZX_ERR_OUT_OF_RANGE);
}

// MEM-002 (4), seed RFC-0238: with FAULT_BEYOND_STREAM_SIZE, pages past the last stream page
// fault; the rest of the last stream page stays accessible.
TEST_F(MemAccess, FaultBeyondStreamSize) {
  zx_handle_t vmo = Vmo(3 * kPage);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, vmo, 5000), ZX_OK);
  const zx_vm_option_t fault =
      ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_ALLOW_FAULTS | ZX_VM_FAULT_BEYOND_STREAM_SIZE;
  zx_vaddr_t a = MapOk(root, fault, 0, vmo, 0, 3 * kPage);
  zx_vaddr_t plain = MapOk(root, ZX_VM_PERM_READ, 0, vmo, 0, 3 * kPage);
  EXPECT_EQ(k.mem_read(self, a + 5000, 2 * kPage - 5000).status_value(), ZX_OK);
  EXPECT_EQ(k.mem_read(self, a + 2 * kPage, 1).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.mem_write(self, a + 2 * kPage - 1, Bytes{1, 2}), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.mem_read(self, plain + 2 * kPage, 1).status_value(), ZX_OK);
  // Shrinking the stream makes more pages fault; growing it brings them back (MEM-005).
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, vmo, 0), ZX_OK);
  EXPECT_EQ(k.mem_read(self, a, 1).status_value(), ZX_ERR_OUT_OF_RANGE);
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, vmo, 3 * kPage), ZX_OK);
  EXPECT_EQ(k.mem_read(self, a + 2 * kPage, 1).status_value(), ZX_OK);
}

// MEM-002 order within a page, and MEM-003: the first failing page decides.
TEST_F(MemAccess, FirstFailingPageDecides) {
  auto v = AllocOk(root, kCanAll, 0, 8 * kPage);
  zx_handle_t vmo = Vmo(kPage);
  const zx_vm_option_t s = ZX_VM_SPECIFIC;
  MapOk(v.child, ZX_VM_PERM_READ | s, 0, vmo, 0, 2 * kPage);  // page 1 past the VMO end
  MapOk(v.child, s, 3 * kPage, vmo, 0, kPage);                // no access
  EXPECT_EQ(k.mem_read(self, v.addr, 2 * kPage).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.mem_read(self, v.addr + kPage, 3 * kPage).status_value(), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.mem_read(self, v.addr + 2 * kPage, 2 * kPage).status_value(), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.mem_read(self, v.addr + 3 * kPage, 2 * kPage).status_value(), ZX_ERR_ACCESS_DENIED);
  // Permission before size on the same page: the no-access mapping past the VMO end.
  MapOk(v.child, s, 5 * kPage, vmo, 4 * kPage, kPage);
  EXPECT_EQ(k.mem_read(self, v.addr + 5 * kPage, 1).status_value(), ZX_ERR_ACCESS_DENIED);
}

// MEM-003/004: a store is all-or-nothing; a successful one is a vmo_write.
TEST_F(MemAccess, WritesAreCheckedFirstAndLandInTheVmo) {
  zx_handle_t vmo = Vmo(kPage);
  zx_vaddr_t a = MapOk(root, kRW, 0, vmo, 0, kPage);
  State before = k.state();
  EXPECT_EQ(k.mem_write(self, a + kPage - 2, Str("abcd")), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.state(), before);
  EXPECT_EQ(k.mem_write(self, a + 10, Str("hello")), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, vmo, 10, 5).value(), Str("hello"));
  EXPECT_EQ(InfoVmo(vmo).committed_bytes, kPage);  // same commit effect as vmo_write
  // Visible through another mapping of the same VMO (MEM-004).
  zx_vaddr_t b = MapOk(root, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  EXPECT_EQ(k.mem_read(self, b + 10, 5).value(), Str("hello"));
  // No handle right is involved: a read-only VMO handle does not matter once mapped RW.
  ASSERT_EQ(k.zx_handle_close(self, vmo), ZX_OK);
  EXPECT_EQ(k.mem_write(self, a, Str("x")), ZX_OK);
  EXPECT_EQ(k.mem_read(self, b, 1).value(), Str("x"));
}

// MEM-004: one access may span several mappings and VMOs.
TEST_F(MemAccess, AccessAcrossMappings) {
  auto v = AllocOk(root, kCanAll, 0, 4 * kPage);
  zx_handle_t x = Vmo(kPage);
  zx_handle_t y = Vmo(2 * kPage);
  MapOk(v.child, kRW | ZX_VM_SPECIFIC, 0, x, 0, kPage);
  MapOk(v.child, kRW | ZX_VM_SPECIFIC, kPage, y, kPage, kPage);
  ASSERT_EQ(k.mem_write(self, v.addr + kPage - 2, Str("wxyz")), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, x, kPage - 2, 2).value(), Str("wx"));
  EXPECT_EQ(k.zx_vmo_read(self, y, kPage, 2).value(), Str("yz"));
  EXPECT_EQ(k.mem_read(self, v.addr + kPage - 2, 4).value(), Str("wxyz"));
}

// VMAR-052, MEM-002 (1): a destroyed range is unmapped.
TEST_F(MemAccess, DestroyedRangeIsNotFound) {
  auto v = AllocOk(root, kCanAll, 0, 4 * kPage);
  zx_handle_t vmo = Vmo(kPage);
  zx_vaddr_t a = MapOk(v.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  EXPECT_EQ(k.mem_read(self, a, 1).status_value(), ZX_OK);
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(k.mem_read(self, a, 1).status_value(), ZX_ERR_NOT_FOUND);
}

// GEN-006 model limit: a load larger than kMaxUserBufferBytes that faults nowhere returns
// NO_MEMORY instead of a buffer; a faulting one still reports its fault first.
TEST_F(MemAccess, HugeLoadsHitTheBufferLimitAfterTheFaultChecks) {
  const uint64_t huge = kMaxUserBufferBytes + kPage;
  zx_handle_t vmo = Vmo(huge);
  zx_vaddr_t a = MapOk(root, ZX_VM_PERM_READ, 0, vmo, 0, huge);
  EXPECT_EQ(k.mem_read(self, a, huge).status_value(), ZX_ERR_NO_MEMORY);
  EXPECT_EQ(k.mem_read(self, a, huge + 1).status_value(), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.mem_read(self, a + huge - 2, 2).value(), (Bytes{0, 0}));
}

}  // namespace
}  // namespace zxspec::model
