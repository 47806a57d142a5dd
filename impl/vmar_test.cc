// VMARs, mappings, memory access and the MAPS topics in the optimized implementation
// (vmar.md VMAR-001..084, MEM-001..006; process-maps.md MAPS-003..024).
#include "impl/test_util.h"

namespace zxspec::impl {
namespace {

class ImplVmar : public ImplTest {
 protected:
  zx_handle_t root = k.Initial().root;

  std::vector<zx_info_maps_t> Maps(zx_handle_t vmar) {
    auto r = k.zx_object_get_info(self, vmar, ZX_INFO_VMAR_MAPS);
    EXPECT_TRUE(r.is_ok()) << r.status_value();
    return r.is_ok() ? std::get<std::vector<zx_info_maps_t>>(r.value())
                     : std::vector<zx_info_maps_t>{};
  }
  zx_vaddr_t Map(zx_handle_t vmar, uint32_t options, uint64_t offset, zx_handle_t vmo,
                 uint64_t vmo_offset, uint64_t len) {
    auto r = k.zx_vmar_map(self, vmar, options, offset, vmo, vmo_offset, len);
    EXPECT_TRUE(r.is_ok()) << r.status_value();
    return r.is_ok() ? r.value() : 0;
  }
};

constexpr uint32_t kRW = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE;

// MAPS-024: the worked example of the rulebook.
TEST_F(ImplVmar, MapsWorkedExample) {
  auto v = k.zx_vmar_allocate(self, root,
                              ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC,
                              0, 16384);
  ASSERT_TRUE(v.is_ok());
  EXPECT_EQ(v->addr, 0x200000u);  // VMAR-060: lowest fit
  zx_handle_t vmo = Vmo(8192);
  EXPECT_EQ(Map(v->child, kRW | ZX_VM_SPECIFIC, 0x1000, vmo, 0, 8192), 0x201000u);
  ASSERT_EQ(k.zx_vmar_protect(self, v->child, ZX_VM_PERM_READ, 0x202000, 4096), ZX_OK);
  auto maps = Maps(v->child);
  ASSERT_EQ(maps.size(), 3u);
  EXPECT_EQ(maps[0].type, ZX_INFO_MAPS_TYPE_VMAR);
  EXPECT_EQ(std::string(maps[0].name.data()), "useralloc");
  EXPECT_EQ(maps[0].size, 0x4000u);
  EXPECT_EQ(maps[1].base, 0x201000u);
  EXPECT_EQ(maps[1].depth, 1u);
  EXPECT_EQ(maps[1].u.mapping.mmu_flags, kRW);
  EXPECT_EQ(maps[2].base, 0x202000u);
  EXPECT_EQ(maps[2].u.mapping.mmu_flags, ZX_VM_PERM_READ);
  EXPECT_EQ(maps[2].u.mapping.vmo_offset, 0x1000u);
  auto pm = k.zx_object_get_info(self, k.Initial().self, ZX_INFO_PROCESS_MAPS);
  ASSERT_TRUE(pm.is_ok());
  auto list = std::get<std::vector<zx_info_maps_t>>(pm.value());
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(std::string(list[0].name.data()), "proc:1025");
  EXPECT_EQ(list[1].depth, 1u);
  EXPECT_EQ(std::string(list[1].name.data()), "root");
  EXPECT_EQ(list[4].depth, 3u);
}

// VMAR-014: allocate's check order.
TEST_F(ImplVmar, AllocateErrorOrder) {
  EXPECT_EQ(k.zx_vmar_allocate(self, root, 0x100000, 0, 4096).status_value(),
            ZX_ERR_INVALID_ARGS);  // decode: unknown bit 20
  EXPECT_EQ(k.zx_vmar_allocate(self, root, ZX_VM_PERM_READ, 0, 4096).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_allocate(self, root, 0, 0, 4095).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_allocate(self, root, ZX_VM_SPECIFIC_OVERWRITE, 0, 4096).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_allocate(self, root, 0, 0, 0).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_allocate(self, root, 0, 4096, 4096).status_value(), ZX_ERR_INVALID_ARGS);
  auto sub = k.zx_vmar_allocate(self, root, ZX_VM_CAN_MAP_READ, 0, 8192).value();
  EXPECT_EQ(Basic(sub.child).rights, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ);
  EXPECT_EQ(k.zx_vmar_allocate(self, sub.child, ZX_VM_CAN_MAP_WRITE, 0, 4096).status_value(),
            ZX_ERR_ACCESS_DENIED);  // lookup: no WRITE right
  EXPECT_EQ(k.zx_vmar_allocate(self, sub.child, ZX_VM_SPECIFIC, 0, 4096).status_value(),
            ZX_ERR_ACCESS_DENIED);  // no CAN_MAP_SPECIFIC
  EXPECT_EQ(k.zx_vmar_allocate(self, sub.child, 0, 0, 3 * 4096).status_value(),
            ZX_ERR_INVALID_ARGS);  // larger than the parent
  EXPECT_EQ(k.zx_vmar_allocate(self, root, ZX_VM_SPECIFIC, sub.addr - 0x200000, 4096)
                .status_value(),
            ZX_ERR_ALREADY_EXISTS);
  EXPECT_EQ(k.zx_vmar_allocate(self, sub.child, 0, 0, 8192).status_value(), ZX_OK);
  EXPECT_EQ(k.zx_vmar_allocate(self, sub.child, 0, 0, 4096).status_value(), ZX_ERR_NO_RESOURCES);
}

// VMAR-060: lowest fit honours alignment and the upper limit.
TEST_F(ImplVmar, Placement) {
  zx_handle_t vmo = Vmo(4096);
  EXPECT_EQ(Map(root, ZX_VM_PERM_READ, 0, vmo, 0, 4096), 0x200000u);
  EXPECT_EQ(Map(root, ZX_VM_PERM_READ | ZX_VM_ALIGN_64KB, 0, vmo, 0, 4096), 0x210000u);
  EXPECT_EQ(Map(root, ZX_VM_PERM_READ, 0, vmo, 0, 4096), 0x201000u);
  EXPECT_EQ(k.zx_vmar_map(self, root, ZX_VM_PERM_READ | ZX_VM_OFFSET_IS_UPPER_LIMIT, 0x2000, vmo,
                          0, 4096)
                .status_value(),
            ZX_ERR_NO_RESOURCES);
  EXPECT_EQ(k.zx_vmar_map(self, root, ZX_VM_PERM_READ | (9u << 24), 0, vmo, 0, 4096)
                .status_value(),
            ZX_ERR_INVALID_ARGS);  // alignment exponent below 10
}

// VMAR-060: a hole freed below packed children is found again (the search's packed prefix
// shrinks when a child goes).
TEST_F(ImplVmar, PlacementReusesFreedHoles) {
  zx_handle_t vmo = Vmo(4096);
  std::vector<zx_vaddr_t> at;
  for (int i = 0; i < 5; ++i) at.push_back(Map(root, ZX_VM_PERM_READ, 0, vmo, 0, 4096));
  EXPECT_EQ(at[4], 0x204000u);
  ASSERT_EQ(k.zx_vmar_unmap(self, root, at[1], 4096), ZX_OK);
  EXPECT_EQ(Map(root, ZX_VM_PERM_READ, 0, vmo, 0, 8192), 0x205000u);  // too big for the hole
  EXPECT_EQ(Map(root, ZX_VM_PERM_READ, 0, vmo, 0, 4096), at[1]);
  auto sub = k.zx_vmar_allocate(self, root, ZX_VM_CAN_MAP_READ, 0, 4096).value();
  EXPECT_EQ(sub.addr, 0x207000u);
  ASSERT_EQ(k.zx_vmar_destroy(self, sub.child), ZX_OK);
  ASSERT_EQ(k.zx_vmar_unmap(self, root, at[0], 4096), ZX_OK);
  EXPECT_EQ(Map(root, ZX_VM_PERM_READ, 0, vmo, 0, 4096), 0x200000u);
  EXPECT_EQ(Map(root, ZX_VM_PERM_READ, 0, vmo, 0, 4096), 0x207000u);
}

// VMAR-021/022/027: rights per permission, max perms bound protect.
TEST_F(ImplVmar, MapRightsAndMaxPerms) {
  zx_handle_t vmo = Vmo(8192);
  auto ro = k.zx_handle_duplicate(self, vmo, ZX_RIGHT_READ | ZX_RIGHT_MAP).value();
  EXPECT_EQ(k.zx_vmar_map(self, root, kRW, 0, ro, 0, 4096).status_value(), ZX_ERR_ACCESS_DENIED);
  auto nomap = k.zx_handle_duplicate(self, vmo, ZX_RIGHT_READ).value();
  EXPECT_EQ(k.zx_vmar_map(self, root, ZX_VM_PERM_READ, 0, nomap, 0, 4096).status_value(),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_vmar_map(self, root, ZX_VM_PERM_WRITE, 0, vmo, 0, 4096).status_value(),
            ZX_ERR_INVALID_ARGS);  // VMAR-008
  EXPECT_EQ(k.zx_vmar_map(self, root, ZX_VM_PERM_READ, 0, vmo, 0, UINT64_MAX).status_value(),
            ZX_ERR_OUT_OF_RANGE);  // length rounds past 2^64
  EXPECT_EQ(k.zx_vmar_map(self, root, ZX_VM_PERM_READ, 0, vmo, 0, 0).status_value(),
            ZX_ERR_INVALID_ARGS);
  zx_vaddr_t a = Map(root, ZX_VM_PERM_READ, 0, ro, 0, 4096);
  EXPECT_EQ(k.zx_vmar_protect(self, root, kRW, a, 4096), ZX_ERR_ACCESS_DENIED);  // max = R
  zx_vaddr_t b = Map(root, ZX_VM_PERM_READ, 0, vmo, 0, 4096);
  EXPECT_EQ(k.zx_vmar_protect(self, root, kRW, b, 4096), ZX_OK);  // max = RW from the rights
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 2u);
  EXPECT_EQ(InfoVmo(vmo).share_count, 1u);
}

// VMAR-028 / MAPS-021: back-to-back maps of consecutive ranges merge.
TEST_F(ImplVmar, AdjacentMappingsMerge) {
  zx_handle_t vmo = Vmo(3 * 4096);
  Map(root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0x1000, vmo, 0x1000, 4096);
  Map(root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0x0000, vmo, 0x0000, 4096);
  Map(root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0x2000, vmo, 0x2000, 4096);
  EXPECT_EQ(Maps(root).size(), 2u);  // root + one mapping
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 1u);
  Map(root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0x4000, vmo, 0x0000, 4096);  // offsets not contiguous
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 2u);
}

// VMAR-032/033: unmap splits, trims, removes; gaps are fine; child VMARs need OP_CHILDREN.
TEST_F(ImplVmar, UnmapSplitsAndTrims) {
  zx_handle_t vmo = Vmo(4 * 4096);
  ASSERT_EQ(k.zx_vmo_write(self, vmo, 0x3000, B("tail")), ZX_OK);
  zx_vaddr_t a = Map(root, kRW, 0, vmo, 0, 4 * 4096);
  ASSERT_EQ(k.zx_vmar_protect(self, root, ZX_VM_PERM_READ, a + 0x3000, 4096), ZX_OK);
  ASSERT_EQ(k.zx_vmar_unmap(self, root, a + 0x1000, 4096), ZX_OK);
  auto maps = Maps(root);
  ASSERT_EQ(maps.size(), 4u);  // root, [0,1), [2,3) RW, [3,4) R
  EXPECT_EQ(maps[2].base, a + 0x2000);
  EXPECT_EQ(maps[2].u.mapping.vmo_offset, 0x2000u);
  EXPECT_EQ(maps[3].u.mapping.mmu_flags, ZX_VM_PERM_READ);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 2u);
  auto r = k.mem_read(self, a + 0x3000, 4);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value(), B("tail"));
  EXPECT_EQ(k.mem_read(self, a + 0x1000, 1).status_value(), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.zx_vmar_unmap(self, root, a + 1, 4096), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_unmap(self, root, a, 0), ZX_ERR_INVALID_ARGS);
  ASSERT_EQ(k.zx_vmar_unmap(self, root, a, 4 * 4096), ZX_OK);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 0u);
  auto sub = k.zx_vmar_allocate(self, root, ZX_VM_CAN_MAP_READ, 0, 8192).value();
  auto no_op = k.zx_handle_duplicate(self, root, ZX_DEFAULT_VMAR_RIGHTS & ~ZX_RIGHT_OP_CHILDREN);
  EXPECT_EQ(k.zx_vmar_unmap(self, no_op.value(), sub.addr, 8192), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_unmap(self, root, sub.addr, 4096), ZX_ERR_INVALID_ARGS);  // partial
  EXPECT_EQ(k.zx_vmar_unmap(self, root, sub.addr, 8192), ZX_OK);  // destroys it
  EXPECT_EQ(k.zx_vmar_map(self, sub.child, ZX_VM_PERM_READ, 0, vmo, 0, 4096).status_value(),
            ZX_ERR_BAD_STATE);
}

// VMAR-026: SPECIFIC_OVERWRITE replaces mappings but never child VMARs.
TEST_F(ImplVmar, SpecificOverwrite) {
  zx_handle_t a = Vmo(2 * 4096);
  zx_handle_t b = Vmo(4096);
  ASSERT_EQ(k.zx_vmo_write(self, a, 0, B("aa")), ZX_OK);
  ASSERT_EQ(k.zx_vmo_write(self, b, 0, B("bb")), ZX_OK);
  zx_vaddr_t at = Map(root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0, a, 0, 2 * 4096);
  EXPECT_EQ(k.zx_vmar_map(self, root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0, b, 0, 4096)
                .status_value(),
            ZX_ERR_ALREADY_EXISTS);
  Map(root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, 0, b, 0, 4096);
  EXPECT_EQ(k.mem_read(self, at, 2).value(), B("bb"));
  EXPECT_EQ(InfoVmo(a).num_mappings, 1u);
  auto sub = k.zx_vmar_allocate(self, root, ZX_VM_CAN_MAP_READ | ZX_VM_SPECIFIC, 0x10000, 4096);
  ASSERT_TRUE(sub.is_ok());
  EXPECT_EQ(k.zx_vmar_map(self, root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, 0x10000, b, 0,
                          4096)
                .status_value(),
            ZX_ERR_INVALID_ARGS);
}

// VMAR-042: the protect scan (holes, max perms, nested mappings need OP_CHILDREN and may only
// lose permissions).
TEST_F(ImplVmar, ProtectScan) {
  zx_handle_t vmo = Vmo(4 * 4096);
  zx_vaddr_t a = Map(root, kRW | ZX_VM_SPECIFIC, 0, vmo, 0, 4096);
  Map(root, kRW | ZX_VM_SPECIFIC, 0x2000, vmo, 0x2000, 4096);
  EXPECT_EQ(k.zx_vmar_protect(self, root, ZX_VM_PERM_READ, a, 3 * 4096), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.zx_vmar_protect(self, root, ZX_VM_PERM_READ, a + 0x5000, 4096), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.zx_vmar_protect(self, root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, a, 4096),
            ZX_ERR_INVALID_ARGS);
  auto sub = k.zx_vmar_allocate(self, root,
                                ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_SPECIFIC,
                                0x10000, 4096)
                 .value();
  Map(sub.child, ZX_VM_PERM_READ, 0, vmo, 0, 4096);
  EXPECT_EQ(k.zx_vmar_protect(self, root, kRW, sub.addr, 4096), ZX_ERR_ACCESS_DENIED);  // adds W
  EXPECT_EQ(k.zx_vmar_protect(self, root, 0, sub.addr, 4096), ZX_OK);
  EXPECT_EQ(k.mem_read(self, sub.addr, 1).status_value(), ZX_ERR_ACCESS_DENIED);
}

// MEM-002..006: fault order and check-first semantics.
TEST_F(ImplVmar, MemAccess) {
  zx_handle_t vmo = Vmo(2 * 4096, ZX_VMO_RESIZABLE);
  zx_vaddr_t a = Map(root, kRW | ZX_VM_ALLOW_FAULTS | ZX_VM_FAULT_BEYOND_STREAM_SIZE, 0, vmo, 0,
                     3 * 4096);
  EXPECT_EQ(k.mem_write(self, a + 4090, Bytes(10, 1)), ZX_OK);  // spans two pages
  EXPECT_EQ(k.zx_vmo_read(self, vmo, 4090, 10).value(), Bytes(10, 1));
  EXPECT_EQ(k.mem_read(self, a + 2 * 4096, 1).status_value(), ZX_ERR_OUT_OF_RANGE);  // > size
  ASSERT_EQ(k.zx_vmo_set_stream_size(self, vmo, 10), ZX_OK);
  EXPECT_EQ(k.mem_read(self, a + 4096, 1).status_value(), ZX_ERR_OUT_OF_RANGE);  // > stream
  EXPECT_EQ(k.mem_read(self, a + 100, 1).status_value(), ZX_OK);  // same page as the stream end
  // Check-first: a write failing on its second page writes nothing at all.
  EXPECT_EQ(k.mem_write(self, a + 4000, Bytes(200, 9)), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(k.zx_vmo_read(self, vmo, 4000, 1).value(), Bytes{0});
  EXPECT_EQ(k.mem_read(self, 0x7FFFFFFFF000, 1).status_value(), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.mem_read(self, UINT64_MAX, 2).status_value(), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.mem_read(self, 0, 0).value(), Bytes{});  // MEM-006
  // The mapping keeps the VMO alive (VMAR-002).
  ASSERT_EQ(k.zx_handle_close(self, vmo), ZX_OK);
  EXPECT_EQ(k.mem_read(self, a, 1).value(), Bytes{0});
}

// VMAR-051/052: destroy.
TEST_F(ImplVmar, Destroy) {
  EXPECT_EQ(k.zx_vmar_destroy(self, root), ZX_ERR_NOT_SUPPORTED);
  auto sub = k.zx_vmar_allocate(self, root, ZX_VM_CAN_MAP_READ, 0, 8192).value();
  zx_handle_t vmo = Vmo(4096);
  zx_vaddr_t a = Map(sub.child, ZX_VM_PERM_READ, 0, vmo, 0, 4096);
  ASSERT_EQ(k.zx_vmar_destroy(self, sub.child), ZX_OK);
  EXPECT_EQ(k.zx_vmar_destroy(self, sub.child), ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.mem_read(self, a, 1).status_value(), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 0u);
  auto info = k.zx_object_get_info(self, sub.child, ZX_INFO_VMAR);
  ASSERT_TRUE(info.is_ok());  // MAPS-003: still the old range
  EXPECT_EQ(std::get<zx_info_vmar_t>(info.value()).base, sub.addr);
  EXPECT_EQ(k.zx_object_get_info(self, sub.child, ZX_INFO_VMAR_MAPS).status_value(),
            ZX_ERR_BAD_STATE);
  size_t before = ObjectCount();
  ASSERT_EQ(k.zx_handle_close(self, sub.child), ZX_OK);
  EXPECT_EQ(ObjectCount(), before - 1);  // a dead VMAR goes with its last handle
}

// VMAR-082/083 (seed RFC-0013): snapshot a mapped range.
TEST_F(ImplVmar, CreateVmoChildFromAMapping) {
  zx_handle_t vmo = Vmo(2 * 4096);
  ASSERT_EQ(k.zx_vmo_write(self, vmo, 4096, B("second")), ZX_OK);
  auto x = k.zx_vmo_replace_as_executable(self, vmo, k.Initial().vmex).value();
  zx_vaddr_t a = Map(root, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0, x, 0, 2 * 4096);
  auto c = k.zx_vmar_create_vmo_child(self, root, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE,
                                      a + 4096, 4096);
  ASSERT_TRUE(c.is_ok());
  EXPECT_EQ(Read(c.value(), 0, 6), B("second"));
  EXPECT_EQ(Basic(c.value()).rights, (ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE) | ZX_RIGHT_EXECUTE);
  EXPECT_EQ(InfoVmo(c.value()).flags & ZX_INFO_VMO_IMMUTABLE, ZX_INFO_VMO_IMMUTABLE);
  auto w = k.zx_vmar_create_vmo_child(self, root, ZX_VMO_CHILD_SNAPSHOT, a, 4096);
  EXPECT_EQ(Basic(w.value()).rights, ZX_DEFAULT_VMO_RIGHTS);
  EXPECT_EQ(k.zx_vmar_create_vmo_child(self, root, ZX_VMO_CHILD_SLICE, a, 4096).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_create_vmo_child(self, root, ZX_VMO_CHILD_SNAPSHOT, a, 3 * 4096)
                .status_value(),
            ZX_ERR_INVALID_ARGS);  // leaves the mapping
  auto sub = k.zx_vmar_allocate(self, root, ZX_VM_CAN_MAP_READ | ZX_VM_CANNOT_CREATE_VMO_CHILD, 0,
                                4096)
                 .value();
  zx_vaddr_t b = Map(sub.child, ZX_VM_PERM_READ, 0, x, 0, 4096);
  EXPECT_EQ(k.zx_vmar_create_vmo_child(self, root, ZX_VMO_CHILD_SNAPSHOT, b, 4096).status_value(),
            ZX_ERR_ACCESS_DENIED);
}

}  // namespace
}  // namespace zxspec::impl
