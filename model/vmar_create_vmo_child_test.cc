// zx_vmar_create_vmo_child steps 1..7 and the EXECUTE condition (vmar.md VMAR-080..084, seed
// RFC-0013, open point V-7).
#include "model/vmar_test_util.h"

namespace zxspec::model {
namespace {

constexpr uint64_t kPage = ZX_PAGE_SIZE;

class Checks : public VmarTest {
 protected:
  zx_status_t Status(zx_handle_t vmar, uint32_t options, zx_vaddr_t addr, uint64_t size) {
    return CheckVmarCreateVmoChild(k.state(), self, VmarCreateVmoChild{vmar, options, addr, size})
        .status_value();
  }
  Result<VmoChildSource> Source(zx_handle_t vmar, uint32_t options, zx_vaddr_t addr,
                                uint64_t size) {
    return CheckVmarCreateVmoChild(k.state(), self, VmarCreateVmoChild{vmar, options, addr, size});
  }
};

constexpr uint32_t kSnap = ZX_VMO_CHILD_SNAPSHOT;

// VMAR-082 (1)..(5) in order.
TEST_F(Checks, LookupOptionsShapeAndState) {
  auto v = AllocOk(root, kCanAll, 0, 4 * kPage);
  zx_handle_t vmo = Vmo(4 * kPage);
  MapOk(v.child, ZX_VM_PERM_READ, 0, vmo, 0, 4 * kPage);
  EXPECT_EQ(Status(0, kSnap, v.addr, kPage), ZX_ERR_BAD_HANDLE);                 // (1)
  EXPECT_EQ(Status(vmo, kSnap, v.addr, kPage), ZX_ERR_WRONG_TYPE);               // (1)
  zx_handle_t blind = WithRights(v.child, ZX_DEFAULT_VMAR_RIGHTS & ~ZX_RIGHT_INSPECT);
  EXPECT_EQ(Status(blind, 0x100, v.addr + 1, 0), ZX_ERR_ACCESS_DENIED);          // (1) first
  for (uint32_t bad : {ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_RESIZABLE, ZX_VMO_CHILD_REFERENCE,
                       ZX_VMO_CHILD_SNAPSHOT_MODIFIED, 0x100u}) {
    EXPECT_EQ(Status(v.child, kSnap | bad, v.addr + 1, kPage), ZX_ERR_INVALID_ARGS) << bad;  // (2)
  }
  EXPECT_EQ(Status(v.child, kSnap, v.addr + 1, kPage), ZX_ERR_INVALID_ARGS);     // (3)
  EXPECT_EQ(Status(v.child, kSnap, v.addr, kPage + 1), ZX_ERR_INVALID_ARGS);     // (3)
  EXPECT_EQ(Status(v.child, kSnap, v.addr, 0), ZX_ERR_INVALID_ARGS);             // (4)
  EXPECT_EQ(Status(v.child, kSnap, v.addr, kPage), ZX_OK);
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(Status(v.child, kSnap, v.addr, 0), ZX_ERR_INVALID_ARGS);             // (4) before (5)
  EXPECT_EQ(Status(v.child, kSnap, v.addr, kPage), ZX_ERR_BAD_STATE);            // (5)
  EXPECT_EQ(Status(v.child, kSnap, 0, kPage), ZX_ERR_BAD_STATE);                 // (5) before (6)
}

// VMAR-082 (6): one single mapping, found by descending from the VMAR.
TEST_F(Checks, RangeMustLieInOneMapping) {
  auto v = AllocOk(root, kCanAll, 0, 16 * kPage);
  auto sub = AllocOk(v.child, kCanAll | ZX_VM_SPECIFIC, 8 * kPage, 8 * kPage);
  zx_handle_t a = Vmo(8 * kPage);
  zx_handle_t b = Vmo(8 * kPage);
  MapOk(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0, a, 0, 2 * kPage);
  MapOk(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 2 * kPage, b, 0, 2 * kPage);
  MapOk(sub.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, kPage, a, 4 * kPage, 4 * kPage);
  EXPECT_EQ(Status(v.child, kSnap, v.addr + kPage, 2 * kPage), ZX_ERR_INVALID_ARGS);  // two
  EXPECT_EQ(Status(v.child, kSnap, v.addr + 2 * kPage, 3 * kPage), ZX_ERR_INVALID_ARGS);  // hole
  EXPECT_EQ(Status(v.child, kSnap, v.addr + 4 * kPage, kPage), ZX_ERR_INVALID_ARGS);  // unmapped
  EXPECT_EQ(Status(v.child, kSnap, v.addr + 8 * kPage, kPage), ZX_ERR_INVALID_ARGS);  // sub hole
  EXPECT_EQ(Status(sub.child, kSnap, v.addr, kPage), ZX_ERR_INVALID_ARGS);  // outside the VMAR
  EXPECT_EQ(Status(v.child, kSnap, UINT64_MAX - 4095, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(v.child, kSnap, v.addr, UINT64_MAX - 4095), ZX_ERR_INVALID_ARGS);  // wraps
  // Through the process root VMAR, down two levels (V-7 (d)); offset within the VMO.
  auto src = Source(root, kSnap, v.addr + 10 * kPage, 2 * kPage);
  ASSERT_TRUE(src.is_ok());
  EXPECT_EQ(src->vmo, KoidOf(a));
  EXPECT_EQ(src->offset, 5 * kPage);
  EXPECT_FALSE(src->executable);
  EXPECT_EQ(Status(root, kSnap, v.addr + 9 * kPage, 4 * kPage), ZX_OK);  // the whole mapping
  EXPECT_EQ(Status(root, kSnap, v.addr + 9 * kPage, 5 * kPage), ZX_ERR_INVALID_ARGS);
}

// VMAR-082 (7), VMAR-084, V-7 (c): the flag on the mapping or on any VMAR above it.
TEST_F(Checks, CannotCreateVmoChildFlag) {
  zx_handle_t vmo = Vmo(4 * kPage);
  auto guarded = AllocOk(root, kCanAll | ZX_VM_CANNOT_CREATE_VMO_CHILD, 0, 8 * kPage);
  auto inner = AllocOk(guarded.child, kCanAll, 0, 4 * kPage);
  zx_vaddr_t a = MapOk(inner.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  EXPECT_EQ(Status(inner.child, kSnap, a, kPage), ZX_ERR_ACCESS_DENIED);  // ancestor flag
  EXPECT_EQ(Status(root, kSnap, a, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(Status(inner.child, kSnap, a, 2 * kPage), ZX_ERR_INVALID_ARGS);  // (6) before (7)
  zx_vaddr_t b = MapOk(root, ZX_VM_PERM_READ | ZX_VM_CANNOT_CREATE_VMO_CHILD, 0, vmo, 0, kPage);
  EXPECT_EQ(Status(root, kSnap, b, kPage), ZX_ERR_ACCESS_DENIED);  // mapping flag
  // VMAR-084: the flag takes part in the merge test, so the next page of the VMO mapped right
  // after |b| stays a mapping of its own, without the flag.
  zx_vaddr_t c = MapOk(root, ZX_VM_PERM_READ, 0, vmo, kPage, kPage);
  ASSERT_EQ(c, b + kPage);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 3u);
  EXPECT_EQ(Status(root, kSnap, c, kPage), ZX_OK);
}

// VMAR-083, V-7 (b)/(f): executable means every page of the range has PERM_EXECUTE now.
TEST_F(Checks, ExecutableRange) {
  zx_handle_t vmo = Vmo(4 * kPage);
  ModelKernel kx = WithForgedRights(vmo, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_EXECUTE);
  const zx_vm_option_t rx = ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE;
  auto a = kx.zx_vmar_map(self, root, rx, 0, vmo, 0, 4 * kPage);
  ASSERT_TRUE(a.is_ok());
  ASSERT_EQ(kx.zx_vmar_protect(self, root, ZX_VM_PERM_READ, *a + 3 * kPage, kPage), ZX_OK);
  auto src = [&](zx_vaddr_t addr, uint64_t size) {
    return CheckVmarCreateVmoChild(kx.state(), self, VmarCreateVmoChild{root, kSnap, addr, size});
  };
  EXPECT_TRUE(src(*a, 3 * kPage)->executable);
  EXPECT_FALSE(src(*a, 4 * kPage)->executable);
  EXPECT_FALSE(src(*a + 3 * kPage, kPage)->executable);
}

}  // namespace
}  // namespace zxspec::model
