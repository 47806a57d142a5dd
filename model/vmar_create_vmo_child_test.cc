// zx_vmar_create_vmo_child: steps 1..7, step 8 (zx_vmo_create_child's checks), the child and its
// handle rights (vmar.md VMAR-080..084, seed RFC-0013, open point V-7; vmo.md VMO-073..086).
#include "model/vmar_test_util.h"

namespace zxspec::model {
namespace {


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
  EXPECT_EQ(Status(0, kSnap, v.addr, kPage), ZX_ERR_BAD_HANDLE);    // (1)
  EXPECT_EQ(Status(vmo, kSnap, v.addr, kPage), ZX_ERR_WRONG_TYPE);  // (1)
  zx_handle_t blind = WithRights(v.child, ZX_DEFAULT_VMAR_RIGHTS & ~ZX_RIGHT_INSPECT);
  EXPECT_EQ(Status(blind, 0x100, v.addr + 1, 0), ZX_ERR_ACCESS_DENIED);  // (1) first
  for (uint32_t bad : {ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_RESIZABLE, ZX_VMO_CHILD_REFERENCE,
                       ZX_VMO_CHILD_SNAPSHOT_MODIFIED, 0x100u}) {
    EXPECT_EQ(Status(v.child, kSnap | bad, v.addr + 1, kPage), ZX_ERR_INVALID_ARGS) << bad;  // (2)
  }
  EXPECT_EQ(Status(v.child, kSnap, v.addr + 1, kPage), ZX_ERR_INVALID_ARGS);  // (3)
  EXPECT_EQ(Status(v.child, kSnap, v.addr, kPage + 1), ZX_ERR_INVALID_ARGS);  // (3)
  EXPECT_EQ(Status(v.child, kSnap, v.addr, 0), ZX_ERR_INVALID_ARGS);          // (4)
  EXPECT_EQ(Status(v.child, kSnap, v.addr, kPage), ZX_OK);
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(Status(v.child, kSnap, v.addr, 0), ZX_ERR_INVALID_ARGS);   // (4) before (5)
  EXPECT_EQ(Status(v.child, kSnap, v.addr, kPage), ZX_ERR_BAD_STATE);  // (5)
  EXPECT_EQ(Status(v.child, kSnap, 0, kPage), ZX_ERR_BAD_STATE);       // (5) before (6)
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
  EXPECT_EQ(Status(v.child, kSnap, v.addr + kPage, 2 * kPage), ZX_ERR_INVALID_ARGS);      // two
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

using ZxVmarCreateVmoChild = VmarTest;

// VMAR-083, VMO-080/081/086: a COW child of the mapped VMO at the mapped offset; the tree, the
// mapping and the VMO are unchanged.
TEST_F(ZxVmarCreateVmoChild, SnapshotOfTheMappedRange) {
  zx_handle_t vmo = Vmo(4 * kPage);
  ASSERT_EQ(k.zx_object_set_property(self, vmo, ZX_PROP_NAME, Bytes{'z', 'y', 'g'}), ZX_OK);
  zx_vaddr_t a = MapOk(root, kRW, 0, vmo, kPage, 3 * kPage);
  ASSERT_EQ(k.mem_write(self, a + kPage, Bytes{1, 2, 3}), ZX_OK);
  const State before = k.state();
  auto h = k.zx_vmar_create_vmo_child(self, root, kSnap, a + kPage, kPage);
  ASSERT_TRUE(h.is_ok()) << h.status_value();
  EXPECT_EQ(Get<Vmar>(k.state(), KoidOf(root)), Get<Vmar>(before, KoidOf(root)));
  zx_info_vmo_t info = InfoVmo(*h);
  EXPECT_EQ(info.parent_koid, KoidOf(vmo));
  EXPECT_EQ(info.size_bytes, kPage);
  EXPECT_EQ(info.handle_rights, ZX_DEFAULT_VMO_RIGHTS);
  EXPECT_EQ(info.flags & ZX_INFO_VMO_IS_COW_CLONE, ZX_INFO_VMO_IS_COW_CLONE);
  EXPECT_EQ(std::string(info.name.data()), "zyg");
  EXPECT_EQ(k.zx_vmo_read(self, *h, 0, 3).value(), (Bytes{1, 2, 3}));  // VMO offset 2 pages
  // Copy-on-write both ways (VMO-086).
  ASSERT_EQ(k.mem_write(self, a + kPage, Bytes{9}), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, *h, 0, 1).value(), Bytes{1});
  ASSERT_EQ(k.zx_vmo_write(self, *h, 1, Bytes{7}), ZX_OK);
  EXPECT_EQ(k.mem_read(self, a + kPage + 1, 1).value(), Bytes{2});
  EXPECT_EQ(InfoVmo(vmo).num_children, 1u);
  ExpectInvariants();
}

// VMAR-083, V-7 (b): WRITE goes with NO_WRITE; EXECUTE comes only with NO_WRITE and an executable
// range; SNAPSHOT|NO_WRITE is immutable (VMO-085).
TEST_F(ZxVmarCreateVmoChild, HandleRights) {
  zx_handle_t vmo = Vmo(2 * kPage);
  ModelKernel kx = WithForgedRights(vmo, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_EXECUTE);
  auto a = kx.zx_vmar_map(self, root, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0, vmo, 0, 2 * kPage);
  ASSERT_TRUE(a.is_ok());
  ASSERT_EQ(kx.zx_vmar_protect(self, root, ZX_VM_PERM_READ, *a + kPage, kPage), ZX_OK);
  auto rights = [&](uint32_t options, zx_vaddr_t addr, uint64_t size) -> zx_rights_t {
    auto h = kx.zx_vmar_create_vmo_child(self, root, options, addr, size);
    EXPECT_TRUE(h.is_ok()) << h.status_value();
    if (h.is_error()) return 0;
    auto info = kx.zx_object_get_info(self, *h, ZX_INFO_HANDLE_BASIC);
    return std::get<zx_info_handle_basic_t>(info.value()).rights;
  };
  const uint32_t nw = ZX_VMO_CHILD_NO_WRITE;
  EXPECT_EQ(rights(kSnap, *a, kPage), ZX_DEFAULT_VMO_RIGHTS);  // executable, but writable
  EXPECT_EQ(rights(kSnap | nw, *a, kPage),
            (ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE) | ZX_RIGHT_EXECUTE);
  EXPECT_EQ(rights(kSnap | nw, *a, 2 * kPage), ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE);
  EXPECT_EQ(rights(ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | nw, *a, kPage),
            (ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE) | ZX_RIGHT_EXECUTE);
  auto imm = kx.zx_vmar_create_vmo_child(self, root, kSnap | nw, *a, kPage);
  ASSERT_TRUE(imm.is_ok());
  auto info = kx.zx_object_get_info(self, *imm, ZX_INFO_VMO);
  EXPECT_EQ(std::get<zx_info_vmo_t>(info.value()).flags & ZX_INFO_VMO_IMMUTABLE,
            ZX_INFO_VMO_IMMUTABLE);
  EXPECT_EQ(kx.CheckInvariants(), std::vector<std::string>{});
}

// VMAR-082 (8): zx_vmo_create_child's own errors on the mapped VMO (VMO-073..075).
TEST_F(ZxVmarCreateVmoChild, CreateChildErrors) {
  zx_handle_t vmo = Vmo(4 * kPage);
  zx_vaddr_t a = MapOk(root, ZX_VM_PERM_READ, 0, vmo, 0, 4 * kPage);
  EXPECT_EQ(k.zx_vmar_create_vmo_child(self, root, 0, a, kPage).status_value(),
            ZX_ERR_INVALID_ARGS);  // no type (VMO-074)
  EXPECT_EQ(k.zx_vmar_create_vmo_child(self, root, ZX_VMO_CHILD_NO_WRITE, a, kPage).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_create_vmo_child(self, root, kSnap | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                                       a, kPage)
                .status_value(),
            ZX_ERR_INVALID_ARGS);  // two type bits (VMO-074)
  // A discardable VMO (mapped with ALLOW_FAULTS) has no children (VMO-073).
  zx_handle_t d = Vmo(kPage, ZX_VMO_DISCARDABLE);
  zx_vaddr_t b = MapOk(root, ZX_VM_PERM_READ | ZX_VM_ALLOW_FAULTS, 0, d, 0, kPage);
  EXPECT_EQ(k.zx_vmar_create_vmo_child(self, root, kSnap, b, kPage).status_value(),
            ZX_ERR_NOT_SUPPORTED);
  // A snapshot of a slice is NOT_SUPPORTED (VMO-075).
  auto slice = k.zx_vmo_create_child(self, vmo, ZX_VMO_CHILD_SLICE, 0, kPage);
  ASSERT_TRUE(slice.is_ok());
  zx_vaddr_t c = MapOk(root, ZX_VM_PERM_READ, 0, *slice, 0, kPage);
  EXPECT_EQ(k.zx_vmar_create_vmo_child(self, root, kSnap, c, kPage).status_value(),
            ZX_ERR_NOT_SUPPORTED);
  // Step 7 comes before step 8.
  zx_vaddr_t e = MapOk(root, ZX_VM_PERM_READ | ZX_VM_CANNOT_CREATE_VMO_CHILD, 0, vmo, 0, kPage);
  EXPECT_EQ(k.zx_vmar_create_vmo_child(self, root, 0, e, kPage).status_value(),
            ZX_ERR_ACCESS_DENIED);
}

// VMAR-082 (8): no handle-rights check on the mapped VMO; the mapping keeps it alive.
TEST_F(ZxVmarCreateVmoChild, NoRightsCheckOnTheMappedVmo) {
  zx_handle_t vmo = Vmo(kPage);
  ASSERT_EQ(k.zx_vmo_write(self, vmo, 0, Bytes{4, 2}), ZX_OK);
  zx_handle_t map_only = WithRights(vmo, ZX_RIGHT_MAP);
  zx_vaddr_t a = MapOk(root, 0, 0, map_only, 0, 2 * kPage);
  ASSERT_EQ(k.zx_handle_close(self, vmo), ZX_OK);
  ASSERT_EQ(k.zx_handle_close(self, map_only), ZX_OK);
  // The range may pass the VMO end: the snapshot reads zero there (VMO-075/086).
  auto h = k.zx_vmar_create_vmo_child(self, root, kSnap, a, 2 * kPage);
  ASSERT_TRUE(h.is_ok()) << h.status_value();
  EXPECT_EQ(k.zx_vmo_read(self, *h, 0, 2).value(), (Bytes{4, 2}));
  EXPECT_EQ(k.zx_vmo_read(self, *h, kPage, 1).value(), Bytes{0});
  ExpectInvariants();
}

}  // namespace
}  // namespace zxspec::model
