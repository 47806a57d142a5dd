// Test helpers for the address-space tests of model/ (vmar, mem, maps, process).
#pragma once

#include "model/core.h"
#include "model/test_util.h"
#include "model/vmar.h"

namespace zxspec::model {

class VmarTest : public ModelTest {
 protected:
  static constexpr zx_vaddr_t kBase = kUserAspaceBase;
  static constexpr zx_vm_option_t kRW = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE;
  static constexpr zx_vm_option_t kCanRW = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE;
  static constexpr zx_vm_option_t kCanAll =
      ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE | ZX_VM_CAN_MAP_SPECIFIC;
  zx_handle_t root = k.Initial().root;

  zx_vaddr_t MapOk(zx_handle_t vmar, zx_vm_option_t options, uint64_t vmar_offset, zx_handle_t vmo,
                   uint64_t vmo_offset, uint64_t len) {
    auto r = k.zx_vmar_map(self, vmar, options, vmar_offset, vmo, vmo_offset, len);
    EXPECT_TRUE(r.is_ok()) << "vmar_map: " << r.status_value();
    return r.is_ok() ? r.value() : 0;
  }
  zx_status_t MapStatus(zx_handle_t vmar, zx_vm_option_t options, uint64_t vmar_offset,
                        zx_handle_t vmo, uint64_t vmo_offset, uint64_t len) {
    return k.zx_vmar_map(self, vmar, options, vmar_offset, vmo, vmo_offset, len).status_value();
  }
  VmarAllocateResult AllocOk(zx_handle_t parent, zx_vm_option_t options, uint64_t offset,
                             uint64_t size) {
    auto r = k.zx_vmar_allocate(self, parent, options, offset, size);
    EXPECT_TRUE(r.is_ok()) << "vmar_allocate: " << r.status_value();
    return r.is_ok() ? r.value() : VmarAllocateResult{};
  }
  zx_status_t AllocStatus(zx_handle_t parent, zx_vm_option_t options, uint64_t offset,
                          uint64_t size) {
    return k.zx_vmar_allocate(self, parent, options, offset, size).status_value();
  }
  std::vector<zx_info_maps_t> VmarMaps(zx_handle_t h) {
    auto r = k.zx_object_get_info(self, h, ZX_INFO_VMAR_MAPS);
    EXPECT_TRUE(r.is_ok()) << "VMAR_MAPS: " << r.status_value();
    return r.is_ok() ? std::get<std::vector<zx_info_maps_t>>(r.value())
                     : std::vector<zx_info_maps_t>{};
  }
  zx_koid_t KoidOf(zx_handle_t h) { return Basic(h).koid; }
  const Vmar& VmarOf(zx_handle_t h) { return Get<Vmar>(k.state(), KoidOf(h)); }
  // A handle to the same object with exactly |rights|.
  zx_handle_t WithRights(zx_handle_t h, zx_rights_t rights) {
    auto r = k.zx_handle_duplicate(self, h, rights);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? r.value() : 0;
  }
  // A kernel whose state is the current one with |h|'s rights forced to |rights|, bypassing
  // RIGHTS-002: only to reach checks that handles made by syscalls can never reach (V-5).
  ModelKernel WithForgedRights(zx_handle_t h, zx_rights_t rights) {
    State st = k.state();
    Get<Process>(st, self).handles.entries.at(h).rights = rights;
    return ModelKernel(std::move(st));
  }
};

}  // namespace zxspec::model
