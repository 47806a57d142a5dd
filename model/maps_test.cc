// ZX_INFO_VMAR, ZX_INFO_VMAR_MAPS (seed RFC-0253) and ZX_INFO_PROCESS_MAPS
// (process-maps.md MAPS-001..024).
#include "model/vmar_test_util.h"

namespace zxspec::model {
namespace {

using InfoVmar = VmarTest;
using InfoVmarMaps = VmarTest;
using InfoProcessMaps = VmarTest;


std::string NameOf(const zx_info_maps_t& e) { return std::string(e.name.data()); }

// MAPS-003
TEST_F(InfoVmar, BaseAndLenAndNoStateTest) {
  auto r = k.zx_object_get_info(self, root, ZX_INFO_VMAR);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(std::get<zx_info_vmar_t>(r.value()), (zx_info_vmar_t{kBase, kUserAspaceSize}));
  EXPECT_EQ(k.zx_object_get_info(self, Vmo(1), ZX_INFO_VMAR).status_value(), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(
      k.zx_object_get_info(self, WithRights(root, ZX_RIGHT_READ), ZX_INFO_VMAR).status_value(),
      ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_object_get_info(self, 0, ZX_INFO_VMAR).status_value(), ZX_ERR_BAD_HANDLE);
  auto v = AllocOk(root, 0, 0, 2 * kPage);
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  r = k.zx_object_get_info(self, v.child, ZX_INFO_VMAR);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(std::get<zx_info_vmar_t>(r.value()), (zx_info_vmar_t{v.addr, 2 * kPage}));
}

// MAPS-010
TEST_F(InfoVmarMaps, CheckOrder) {
  EXPECT_EQ(k.zx_object_get_info(self, 0, ZX_INFO_VMAR_MAPS).status_value(), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_object_get_info(self, k.Initial().self, ZX_INFO_VMAR_MAPS).status_value(),
            ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_object_get_info(self, k.Initial().job, ZX_INFO_VMAR_MAPS).status_value(),
            ZX_ERR_WRONG_TYPE);
  zx_handle_t no_inspect = WithRights(root, ZX_DEFAULT_VMAR_RIGHTS & ~ZX_RIGHT_INSPECT);
  EXPECT_EQ(k.zx_object_get_info(self, no_inspect, ZX_INFO_VMAR_MAPS).status_value(),
            ZX_ERR_ACCESS_DENIED);
  auto v = AllocOk(root, 0, 0, 2 * kPage);
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(k.zx_object_get_info(self, v.child, ZX_INFO_VMAR_MAPS).status_value(),
            ZX_ERR_BAD_STATE);
  // Lacking INSPECT is reported before the state (ACCESS_DENIED before BAD_STATE).
  EXPECT_EQ(k.zx_object_get_info(self, WithRights(v.child, ZX_RIGHT_NONE), ZX_INFO_VMAR_MAPS)
                .status_value(),
            ZX_ERR_ACCESS_DENIED);
}

// MAPS-012
TEST_F(InfoVmarMaps, EmptyRootIsOneEntry) {
  auto maps = VmarMaps(root);
  ASSERT_EQ(maps.size(), 1u);
  zx_info_maps_t want;
  want.name = {'r', 'o', 'o', 't'};
  want.base = kBase;
  want.size = kUserAspaceSize;
  want.depth = 0;
  want.type = ZX_INFO_MAPS_TYPE_VMAR;
  EXPECT_EQ(maps[0], want);  // the union is zero
}

// MAPS-024: the worked example, for both topics.
TEST_F(InfoVmarMaps, WorkedExample) {
  auto v = AllocOk(root, kCanRW | ZX_VM_CAN_MAP_SPECIFIC, 0, 4 * kPage);
  ASSERT_EQ(v.addr, 0x200000u);
  zx_handle_t vmo = Vmo(2 * kPage);
  MapOk(v.child, kRW | ZX_VM_SPECIFIC, kPage, vmo, 0, 2 * kPage);
  ASSERT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, 0x202000, kPage), ZX_OK);
  auto maps = VmarMaps(v.child);
  ASSERT_EQ(maps.size(), 3u);
  EXPECT_EQ(maps[0].type, ZX_INFO_MAPS_TYPE_VMAR);
  EXPECT_EQ(NameOf(maps[0]), "useralloc");
  EXPECT_EQ(maps[0].depth, 0u);
  EXPECT_EQ(maps[0].size, 0x4000u);
  EXPECT_EQ(maps[1].type, ZX_INFO_MAPS_TYPE_MAPPING);
  EXPECT_EQ(maps[1].depth, 1u);
  EXPECT_EQ(maps[1].base, 0x201000u);
  EXPECT_EQ(maps[1].size, 0x1000u);
  EXPECT_EQ(maps[1].u.mapping.mmu_flags, kRW);
  EXPECT_EQ(maps[1].u.mapping.vmo_koid, KoidOf(vmo));
  EXPECT_EQ(maps[1].u.mapping.vmo_offset, 0u);
  EXPECT_EQ(maps[2].base, 0x202000u);
  EXPECT_EQ(maps[2].u.mapping.mmu_flags, ZX_VM_PERM_READ);
  EXPECT_EQ(maps[2].u.mapping.vmo_offset, 0x1000u);
  auto r = k.zx_object_get_info(self, k.Initial().self, ZX_INFO_PROCESS_MAPS);
  ASSERT_TRUE(r.is_ok());
  auto pm = std::get<std::vector<zx_info_maps_t>>(r.value());
  ASSERT_EQ(pm.size(), 5u);
  EXPECT_EQ(pm[0].type, ZX_INFO_MAPS_TYPE_ASPACE);
  EXPECT_EQ(NameOf(pm[0]), "proc:" + std::to_string(self));
  EXPECT_EQ(pm[0].base, kBase);
  EXPECT_EQ(pm[0].size, kUserAspaceSize);
  EXPECT_EQ(pm[0].depth, 0u);
  EXPECT_EQ(pm[1].type, ZX_INFO_MAPS_TYPE_VMAR);
  EXPECT_EQ(NameOf(pm[1]), "root");
  EXPECT_EQ(pm[1].depth, 1u);
  for (size_t i = 0; i < 3; ++i) {  // the sub-range equals VMAR_MAPS with depths + 2
    zx_info_maps_t e = maps[i];
    e.depth += 2;
    EXPECT_EQ(pm[i + 2], e) << i;
  }
}

// MAPS-011: pre-order, ascending bases, relative depths.
TEST_F(InfoVmarMaps, PreOrderWithRelativeDepths) {
  auto a = AllocOk(root, kCanAll, 0, 16 * kPage);
  auto b = AllocOk(a.child, kCanAll | ZX_VM_SPECIFIC, 8 * kPage, 4 * kPage);
  auto c = AllocOk(b.child, kCanAll | ZX_VM_SPECIFIC, kPage, kPage);
  zx_handle_t vmo = Vmo(kPage);
  MapOk(a.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 12 * kPage, vmo, 0, kPage);
  MapOk(b.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0, vmo, 0, kPage);
  MapOk(c.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  MapOk(a.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0, vmo, 0, kPage);
  auto maps = VmarMaps(a.child);
  std::vector<std::pair<uint64_t, uint32_t>> shape;  // (depth, type)
  for (const auto& e : maps) shape.push_back({e.depth, e.type});
  const uint32_t V = ZX_INFO_MAPS_TYPE_VMAR, M = ZX_INFO_MAPS_TYPE_MAPPING;
  EXPECT_EQ(shape, (std::vector<std::pair<uint64_t, uint32_t>>{
                       {0, V}, {1, M}, {1, V}, {2, M}, {2, V}, {3, M}, {1, M}}));
  for (size_t i = 1; i < maps.size(); ++i) EXPECT_LE(maps[i - 1].base, maps[i].base);
  auto sub = VmarMaps(b.child);
  ASSERT_EQ(sub.size(), 4u);
  EXPECT_EQ(sub[0].depth, 0u);
  EXPECT_EQ(sub[3].depth, 2u);
}

// MAPS-020: name, committed bytes, and the attribution fields of P-8.
TEST_F(InfoVmarMaps, MappingEntryFields) {
  zx_handle_t vmo = Vmo(4 * kPage);
  ASSERT_EQ(k.zx_object_set_property(self, vmo, ZX_PROP_NAME, Bytes{'d', 'a', 't', 'a'}), ZX_OK);
  ASSERT_EQ(k.zx_vmo_write(self, vmo, kPage, Bytes{1}), ZX_OK);
  ASSERT_EQ(k.zx_vmo_write(self, vmo, 3 * kPage, Bytes{1}), ZX_OK);
  auto v = AllocOk(root, kCanAll, 0, 8 * kPage);
  // VMO pages 1..4 (page 4 lies past the VMO end and counts 0).
  MapOk(v.child, ZX_VM_PERM_READ, 0, vmo, kPage, 4 * kPage);
  auto maps = VmarMaps(v.child);
  ASSERT_EQ(maps.size(), 2u);
  const auto& m = maps[1].u.mapping;
  EXPECT_EQ(NameOf(maps[1]), "data");
  EXPECT_EQ(m.vmo_offset, kPage);
  EXPECT_EQ(m.committed_bytes, 2 * kPage);
  EXPECT_EQ(m.populated_bytes, 2 * kPage);
  EXPECT_EQ(m.committed_private_bytes, 0u);
  EXPECT_EQ(m.committed_scaled_bytes, 0u);
  EXPECT_EQ(m.committed_fractional_scaled_bytes, UINT64_MAX);
  EXPECT_EQ(m.populated_fractional_scaled_bytes, UINT64_MAX);
  // Protection runs split the count.
  ASSERT_EQ(k.zx_vmar_protect(self, v.child, 0, v.addr, 2 * kPage), ZX_OK);
  maps = VmarMaps(v.child);
  ASSERT_EQ(maps.size(), 3u);
  EXPECT_EQ(maps[1].u.mapping.committed_bytes, kPage);
  EXPECT_EQ(maps[2].u.mapping.committed_bytes, kPage);
  EXPECT_EQ(maps[2].u.mapping.vmo_offset, 3 * kPage);
}

// MAPS-015
TEST_F(InfoProcessMaps, CheckOrder) {
  EXPECT_EQ(k.zx_object_get_info(self, 0, ZX_INFO_PROCESS_MAPS).status_value(), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_object_get_info(self, root, ZX_INFO_PROCESS_MAPS).status_value(),
            ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_object_get_info(self, k.Initial().job, ZX_INFO_PROCESS_MAPS).status_value(),
            ZX_ERR_WRONG_TYPE);
  zx_handle_t no_inspect = WithRights(k.Initial().self, ZX_RIGHT_READ | ZX_RIGHT_DUPLICATE);
  EXPECT_EQ(k.zx_object_get_info(self, no_inspect, ZX_INFO_PROCESS_MAPS).status_value(),
            ZX_ERR_ACCESS_DENIED);
  auto child = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  EXPECT_EQ(k.zx_object_get_info(self, child.first, ZX_INFO_PROCESS_MAPS).status_value(), ZX_OK);
  ASSERT_EQ(k.zx_task_kill(self, child.first), ZX_OK);
  EXPECT_EQ(k.zx_object_get_info(self, child.first, ZX_INFO_PROCESS_MAPS).status_value(),
            ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.zx_object_get_info(self, child.second, ZX_INFO_VMAR_MAPS).status_value(),
            ZX_ERR_BAD_STATE);
}

// MAPS-016/017: an unstarted process; the older topics list the same entries.
TEST_F(InfoProcessMaps, UnstartedProcessAndOlderTopics) {
  auto child = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  auto r = k.zx_object_get_info(self, child.first, ZX_INFO_PROCESS_MAPS);
  ASSERT_TRUE(r.is_ok());
  auto pm = std::get<std::vector<zx_info_maps_t>>(r.value());
  ASSERT_EQ(pm.size(), 2u);
  EXPECT_EQ(NameOf(pm[0]), "proc:" + std::to_string(KoidOf(child.first)));
  EXPECT_EQ(pm[1].depth, 1u);
  EXPECT_EQ(pm[1].base, kBase);
  for (auto topic : {ZX_INFO_PROCESS_MAPS_V1, ZX_INFO_PROCESS_MAPS_V2}) {
    auto old = k.zx_object_get_info(self, child.first, topic);
    ASSERT_TRUE(old.is_ok());
    EXPECT_EQ(std::get<std::vector<zx_info_maps_t>>(old.value()), pm);
  }
}

}  // namespace
}  // namespace zxspec::model
