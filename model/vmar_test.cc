// zx_vmar_allocate / map / unmap / protect / destroy: every listed error in the rulebook's check
// order, the boundaries, and the effects (vmar.md VMAR-001..060).
#include "model/vmar_test_util.h"
#include "model/vmo.h"

namespace zxspec::model {
namespace {

using ZxVmarAllocate = VmarTest;
using ZxVmarMap = VmarTest;
using ZxVmarUnmap = VmarTest;
using ZxVmarProtect = VmarTest;
using ZxVmarDestroy = VmarTest;
using VmOptions = VmarTest;


// ---- VMAR-010: the decode step ----

TEST_F(VmOptions, DecodeStepKnowsBits0To16ExceptMapRange) {
  EXPECT_TRUE(DecodeVmOptions(ZX_VM_PERM_READ | ZX_VM_FAULT_BEYOND_STREAM_SIZE |
                              ZX_VM_CANNOT_CREATE_VMO_CHILD)
                  .is_ok());
  EXPECT_EQ(DecodeVmOptions(ZX_VM_MAP_RANGE).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(DecodeVmOptions(1u << 17).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(DecodeVmOptions(1u << 23).status_value(), ZX_ERR_INVALID_ARGS);
  // The XOM bit is known and dropped.
  EXPECT_EQ(DecodeVmOptions(ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED)->flags, 0u);
}

TEST_F(VmOptions, AlignmentExponentBoundaries) {
  EXPECT_EQ(DecodeVmOptions(0)->align_log2, 0u);
  EXPECT_EQ(DecodeVmOptions(9u << ZX_VM_ALIGN_BASE).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(DecodeVmOptions(1u << ZX_VM_ALIGN_BASE).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(DecodeVmOptions(ZX_VM_ALIGN_1KB)->align_log2, 10u);
  EXPECT_EQ(DecodeVmOptions(ZX_VM_ALIGN_4GB)->align_log2, 32u);
  EXPECT_EQ(DecodeVmOptions(33u << ZX_VM_ALIGN_BASE).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(DecodeVmOptions(0xFFu << ZX_VM_ALIGN_BASE).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(EffectiveAlignment(0), 4096u);
  EXPECT_EQ(EffectiveAlignment(11), 4096u);
  EXPECT_EQ(EffectiveAlignment(16), 65536u);
}

// VMAR-008
TEST_F(VmOptions, ProtectionValidity) {
  EXPECT_TRUE(IsValidProtection(0));
  EXPECT_TRUE(IsValidProtection(ZX_VM_PERM_READ));
  EXPECT_TRUE(IsValidProtection(ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE));
  EXPECT_FALSE(IsValidProtection(ZX_VM_PERM_WRITE));
  EXPECT_FALSE(IsValidProtection(ZX_VM_PERM_EXECUTE));
  EXPECT_FALSE(IsValidProtection(ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE));
}

// ---- zx_vmar_allocate: VMAR-012..016 ----

// VMAR-014 (1), VMAR-013: rights follow the requested CAN_MAP flags; none otherwise.
TEST_F(ZxVmarAllocate, LookupAndRights) {
  EXPECT_EQ(AllocStatus(0, 0, 0, kPage), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(AllocStatus(Vmo(kPage), 0, 0, kPage), ZX_ERR_WRONG_TYPE);
  zx_handle_t bare = WithRights(root, ZX_RIGHT_NONE);
  EXPECT_EQ(AllocStatus(bare, 0, 0, kPage), ZX_OK);  // no right needed, not even OP_CHILDREN
  EXPECT_EQ(AllocStatus(bare, ZX_VM_CAN_MAP_READ, 0, kPage), ZX_ERR_ACCESS_DENIED);
  zx_handle_t r = WithRights(root, ZX_RIGHT_READ);
  EXPECT_EQ(AllocStatus(r, ZX_VM_CAN_MAP_WRITE, 0, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(AllocStatus(r, ZX_VM_CAN_MAP_EXECUTE, 0, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(AllocStatus(r, ZX_VM_CAN_MAP_READ, 0, kPage), ZX_OK);
  // Rights come before the decode step (1 before 2).
  EXPECT_EQ(AllocStatus(bare, ZX_VM_CAN_MAP_READ | (1u << 22), 0, kPage), ZX_ERR_ACCESS_DENIED);
}

// VMAR-014 (2)..(5) are argument-shape errors that come before the state test (6).
TEST_F(ZxVmarAllocate, ArgumentShapeErrorsBeforeBadState) {
  auto v = AllocOk(root, kCanAll, 0, 16 * kPage);
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(AllocStatus(v.child, 1u << 22, 0, kPage), ZX_ERR_INVALID_ARGS);                  // (2)
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_MAP_RANGE, 0, kPage), ZX_ERR_INVALID_ARGS);           // (2)
  EXPECT_EQ(AllocStatus(v.child, 9u << ZX_VM_ALIGN_BASE, 0, kPage), ZX_ERR_INVALID_ARGS);    // (2)
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_PERM_READ, 0, kPage), ZX_ERR_INVALID_ARGS);           // (3)
  EXPECT_EQ(AllocStatus(v.child, 0, 0, kPage + 1), ZX_ERR_INVALID_ARGS);                     // (4)
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC_OVERWRITE, 0, kPage), ZX_ERR_INVALID_ARGS);  // (5)
  EXPECT_EQ(AllocStatus(v.child, 0, 0, kPage), ZX_ERR_BAD_STATE);                            // (6)
  // (6) before (7) size 0 and before (9)..(15).
  EXPECT_EQ(AllocStatus(v.child, 0, 0, 0), ZX_ERR_BAD_STATE);
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT, 0, kPage),
            ZX_ERR_BAD_STATE);
}

// VMAR-014 (3), (4), (5) individually on a live VMAR.
TEST_F(ZxVmarAllocate, PermsUnalignedSizeAndForeignFlags) {
  for (zx_vm_option_t p : {ZX_VM_PERM_READ, ZX_VM_PERM_WRITE, ZX_VM_PERM_EXECUTE}) {
    EXPECT_EQ(AllocStatus(root, p, 0, kPage), ZX_ERR_INVALID_ARGS);
  }
  EXPECT_EQ(AllocStatus(root, 0, 0, 1), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(AllocStatus(root, 0, 0, UINT64_MAX), ZX_ERR_INVALID_ARGS);
  for (zx_vm_option_t f : {ZX_VM_SPECIFIC_OVERWRITE, ZX_VM_REQUIRE_NON_RESIZABLE,
                           ZX_VM_ALLOW_FAULTS, ZX_VM_FAULT_BEYOND_STREAM_SIZE}) {
    EXPECT_EQ(AllocStatus(root, f, 0, kPage), ZX_ERR_INVALID_ARGS) << f;
  }
  // The XOM bit is accepted and ignored (VMAR-009); CANNOT_CREATE_VMO_CHILD is recorded
  // (VMAR-084).
  auto x = AllocOk(root, ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED, 0, kPage);
  EXPECT_EQ(VmarOf(x.child).flags, 0u);
  auto c = AllocOk(root, ZX_VM_CANNOT_CREATE_VMO_CHILD | ZX_VM_COMPACT, 0, kPage);
  EXPECT_EQ(VmarOf(c.child).flags, ZX_VM_CANNOT_CREATE_VMO_CHILD | ZX_VM_COMPACT);
}

// VMAR-014 (7) size 0, before (8).
TEST_F(ZxVmarAllocate, ZeroSize) {
  EXPECT_EQ(AllocStatus(root, 0, 0, 0), ZX_ERR_INVALID_ARGS);
  auto ro = AllocOk(root, ZX_VM_CAN_MAP_READ, 0, 4 * kPage);
  ModelKernel forged =
      WithForgedRights(ro.child, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE);
  EXPECT_EQ(forged.zx_vmar_allocate(self, ro.child, ZX_VM_CAN_MAP_WRITE, 0, 0).status_value(),
            ZX_ERR_INVALID_ARGS);
}

// VMAR-014 (8): unreachable with syscall-made handles (VMAR-004); forged rights reach it.
TEST_F(ZxVmarAllocate, CanMapBeyondParentFlags) {
  auto ro = AllocOk(root, ZX_VM_CAN_MAP_READ, 0, 4 * kPage);
  EXPECT_EQ(AllocStatus(ro.child, ZX_VM_CAN_MAP_WRITE, 0, kPage), ZX_ERR_ACCESS_DENIED);  // (1)
  ModelKernel forged =
      WithForgedRights(ro.child, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE);
  EXPECT_EQ(forged.zx_vmar_allocate(self, ro.child, ZX_VM_CAN_MAP_WRITE, 0, kPage).status_value(),
            ZX_ERR_ACCESS_DENIED);  // (8)
  // (8) before (9).
  EXPECT_EQ(forged
                .zx_vmar_allocate(
                    self, ro.child,
                    ZX_VM_CAN_MAP_WRITE | ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT, 0, kPage)
                .status_value(),
            ZX_ERR_ACCESS_DENIED);
}

// VMAR-014 (9)..(12)
TEST_F(ZxVmarAllocate, OffsetModeChecks) {
  EXPECT_EQ(AllocStatus(root, ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT, kPage, kPage),
            ZX_ERR_INVALID_ARGS);                                                   // (9)
  EXPECT_EQ(AllocStatus(root, 0, kPage, kPage), ZX_ERR_INVALID_ARGS);               // (10)
  EXPECT_EQ(AllocStatus(root, ZX_VM_SPECIFIC, 0x800, kPage), ZX_ERR_INVALID_ARGS);  // (11)
  EXPECT_EQ(AllocStatus(root, ZX_VM_OFFSET_IS_UPPER_LIMIT, 0x1800, kPage),
            ZX_ERR_INVALID_ARGS);                // (11)
  auto plain = AllocOk(root, 0, 0, 16 * kPage);  // no CAN_MAP_SPECIFIC
  EXPECT_EQ(AllocStatus(plain.child, ZX_VM_SPECIFIC, 0, kPage), ZX_ERR_ACCESS_DENIED);  // (12)
  EXPECT_EQ(AllocStatus(plain.child, ZX_VM_OFFSET_IS_UPPER_LIMIT, 4 * kPage, kPage),
            ZX_ERR_ACCESS_DENIED);  // (12)
  // (11) before (12); (12) before (13).
  EXPECT_EQ(AllocStatus(plain.child, ZX_VM_SPECIFIC, 0x800, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(AllocStatus(plain.child, ZX_VM_SPECIFIC, 64 * kPage, kPage), ZX_ERR_ACCESS_DENIED);
  // CAN_MAP_SPECIFIC on the child is fine without it on the parent (VMAR-015).
  auto spec = AllocOk(plain.child, ZX_VM_CAN_MAP_SPECIFIC, 0, 4 * kPage);
  EXPECT_EQ(VmarOf(spec.child).flags, ZX_VM_CAN_MAP_SPECIFIC);
}

// VMAR-014 (13): bounds, both modes, at the boundaries.
TEST_F(ZxVmarAllocate, Bounds) {
  auto v = AllocOk(root, ZX_VM_CAN_MAP_SPECIFIC, 0, 16 * kPage);
  const uint64_t n = 16 * kPage;
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC, n, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC, n - kPage, 2 * kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC, UINT64_MAX - 4095, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(AllocStatus(v.child, 0, 0, n + kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_OFFSET_IS_UPPER_LIMIT, n + kPage, kPage),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_OFFSET_IS_UPPER_LIMIT, 2 * kPage, 3 * kPage),
            ZX_ERR_INVALID_ARGS);  // size > offset
  EXPECT_EQ(AllocOk(v.child, ZX_VM_SPECIFIC, n - kPage, kPage).addr, v.addr + n - kPage);
  EXPECT_EQ(AllocOk(v.child, ZX_VM_OFFSET_IS_UPPER_LIMIT, n - kPage, n - kPage).addr, v.addr);
  ExpectInvariants();
}

// VMAR-014 (14): requested alignment, then overlap.
TEST_F(ZxVmarAllocate, SpecificAlignmentThenOverlap) {
  auto v = AllocOk(root, ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_ALIGN_64KB, 0, 64 * kPage);
  ASSERT_EQ(v.addr % 0x10000, 0u);
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC | ZX_VM_ALIGN_64KB, kPage, kPage),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(AllocOk(v.child, ZX_VM_SPECIFIC | ZX_VM_ALIGN_64KB, 0x10000, kPage).addr,
            v.addr + 0x10000);
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC, 0x10000, kPage), ZX_ERR_ALREADY_EXISTS);
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC, 0xF000, 2 * kPage), ZX_ERR_ALREADY_EXISTS);
  // Alignment is tested before overlap.
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC | ZX_VM_ALIGN_128KB, 0x10000, kPage),
            ZX_ERR_INVALID_ARGS);
  // 1KB and 2KB alignments are satisfied by every page-aligned base.
  EXPECT_EQ(AllocStatus(v.child, ZX_VM_SPECIFIC | ZX_VM_ALIGN_2KB, kPage, kPage), ZX_OK);
}

// VMAR-014 (15), VMAR-060: lowest fit, alignment, exhaustion.
TEST_F(ZxVmarAllocate, LowestFitAndNoResources) {
  auto v = AllocOk(root, ZX_VM_CAN_MAP_SPECIFIC, 0, 8 * kPage);
  EXPECT_EQ(v.addr, kBase);  // the empty root's lowest fit
  EXPECT_EQ(AllocOk(v.child, ZX_VM_SPECIFIC, 2 * kPage, kPage).addr, kBase + 2 * kPage);
  EXPECT_EQ(AllocOk(v.child, 0, 0, 2 * kPage).addr, kBase);
  EXPECT_EQ(AllocOk(v.child, 0, 0, 2 * kPage).addr, kBase + 3 * kPage);  // skips the used page
  EXPECT_EQ(AllocStatus(v.child, 0, 0, 4 * kPage), ZX_ERR_NO_RESOURCES);
  EXPECT_EQ(AllocOk(v.child, 0, 0, 3 * kPage).addr, kBase + 5 * kPage);
  EXPECT_EQ(AllocStatus(v.child, 0, 0, kPage), ZX_ERR_NO_RESOURCES);
  // An alignment larger than the VMAR can never be met.
  auto w = AllocOk(root, 0, 0, 16 * kPage);
  EXPECT_EQ(AllocStatus(w.child, ZX_VM_ALIGN_1GB, 0, kPage), ZX_ERR_NO_RESOURCES);
  // OFFSET_IS_UPPER_LIMIT bounds the end of the placement.
  auto u = AllocOk(root, ZX_VM_CAN_MAP_SPECIFIC, 0, 8 * kPage);
  AllocOk(u.child, ZX_VM_SPECIFIC, 0, kPage);
  EXPECT_EQ(AllocStatus(u.child, ZX_VM_OFFSET_IS_UPPER_LIMIT, 2 * kPage, 2 * kPage),
            ZX_ERR_NO_RESOURCES);
  EXPECT_EQ(AllocOk(u.child, ZX_VM_OFFSET_IS_UPPER_LIMIT, 3 * kPage, 2 * kPage).addr,
            u.addr + kPage);
  ExpectInvariants();
}

// VMAR-015, VMAR-004: the new VMAR, its handle rights, name and info.
TEST_F(ZxVmarAllocate, SuccessRecordsTheChild) {
  auto v = AllocOk(root, ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_EXECUTE, 0, 4 * kPage);
  EXPECT_EQ(Basic(v.child).rights, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_EXECUTE);
  EXPECT_EQ(Basic(v.child).type, ZX_OBJ_TYPE_VMAR);
  const Vmar& child = VmarOf(v.child);
  EXPECT_EQ(child.name, "useralloc");
  EXPECT_EQ(child.parent, KoidOf(root));
  EXPECT_EQ(child.process, self);
  auto info = k.zx_object_get_info(self, v.child, ZX_INFO_VMAR);
  ASSERT_TRUE(info.is_ok());
  EXPECT_EQ(std::get<zx_info_vmar_t>(info.value()), (zx_info_vmar_t{v.addr, 4 * kPage}));
  EXPECT_EQ(Basic(AllocOk(root, 0, 0, kPage).child).rights, ZX_DEFAULT_VMAR_RIGHTS);
  ExpectInvariants();
}

// VMAR-005: closing the last handle neither destroys the VMAR nor frees its range.
TEST_F(ZxVmarAllocate, ClosingTheHandleKeepsTheRange) {
  auto v = AllocOk(root, 0, 0, 4 * kPage);
  ASSERT_EQ(k.zx_handle_close(self, v.child), ZX_OK);
  EXPECT_EQ(AllocStatus(root, ZX_VM_SPECIFIC, v.addr - kBase, kPage), ZX_ERR_ALREADY_EXISTS);
  EXPECT_EQ(AllocOk(root, 0, 0, kPage).addr, v.addr + 4 * kPage);
}

// ---- zx_vmar_map: VMAR-020..028 ----

// VMAR-022 (1), (2): type-only lookups, VMAR first.
TEST_F(ZxVmarMap, Lookups) {
  zx_handle_t vmo = Vmo(kPage);
  EXPECT_EQ(MapStatus(0, ZX_VM_PERM_READ, 0, vmo, 0, kPage), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(MapStatus(vmo, ZX_VM_PERM_READ, 0, vmo, 0, kPage), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(MapStatus(0, ZX_VM_PERM_READ, 0, 0, 0, kPage), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ, 0, 0, 0, kPage), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ, 0, root, 0, kPage), ZX_ERR_WRONG_TYPE);
  // No VMAR right is needed for a mapping without permissions (VMAR-021).
  EXPECT_NE(MapOk(WithRights(root, ZX_RIGHT_NONE), 0, 0, WithRights(vmo, ZX_RIGHT_MAP), 0, kPage),
            0u);
}

// VMAR-022 (4): MAP right on the VMO, before every option check.
TEST_F(ZxVmarMap, MapRight) {
  zx_handle_t vmo = WithRights(Vmo(kPage), ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_MAP);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ, 0, vmo, 0, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_WRITE, 0, vmo, 0, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(MapStatus(root, ZX_VM_CAN_MAP_READ, 0, vmo, 0, 0), ZX_ERR_ACCESS_DENIED);
}

// VMAR-022 (5), VMAR-009: XOM adds PERM_READ before the protection test.
TEST_F(ZxVmarMap, ExecuteOnlyFallback) {
  zx_handle_t vmo = Vmo(kPage);
  zx_vaddr_t a =
      MapOk(root, ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED | ZX_VM_PERM_WRITE, 0, vmo, 0, kPage);
  auto ref = FindMappingAt(k.state(), KoidOf(root), a);
  ASSERT_TRUE(ref);
  EXPECT_EQ(PermsAtPage(MappingAt(k.state(), *ref), 0), kRW);
  // The added READ needs READ rights like a requested one.
  zx_handle_t wo = WithRights(vmo, ZX_RIGHT_MAP | ZX_RIGHT_WRITE);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED, 0, wo, 0, kPage),
            ZX_ERR_ACCESS_DENIED);
}

// VMAR-022 (6), VMAR-008, before the rights test (9).
TEST_F(ZxVmarMap, ProtectionValidity) {
  zx_handle_t ro = WithRights(Vmo(kPage), ZX_RIGHT_MAP | ZX_RIGHT_READ);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_WRITE, 0, ro, 0, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_EXECUTE, 0, ro, 0, kPage), ZX_ERR_INVALID_ARGS);
}

// VMAR-022 (7), (8)
TEST_F(ZxVmarMap, MapRangeAndCanMapFlags) {
  zx_handle_t vmo = Vmo(kPage);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ | ZX_VM_MAP_RANGE | ZX_VM_SPECIFIC_OVERWRITE, 0, vmo, 0,
                      kPage),
            ZX_ERR_INVALID_ARGS);
  zx_vaddr_t a = MapOk(root, ZX_VM_PERM_READ | ZX_VM_MAP_RANGE, 0, vmo, 0, kPage);
  EXPECT_EQ(MappingAt(k.state(), *FindMappingAt(k.state(), KoidOf(root), a)).flags, 0u);
  zx_handle_t ro = WithRights(vmo, ZX_RIGHT_MAP);
  for (zx_vm_option_t f : {ZX_VM_CAN_MAP_READ, ZX_VM_CAN_MAP_WRITE, ZX_VM_CAN_MAP_EXECUTE}) {
    // (8) before the rights test (9).
    EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ | f, 0, ro, 0, kPage), ZX_ERR_INVALID_ARGS);
  }
}

// VMAR-022 (9), VMAR-021: READ, WRITE, EXECUTE on both handles, in that order.
TEST_F(ZxVmarMap, RightsPerPermission) {
  zx_handle_t vmo = Vmo(kPage);
  zx_handle_t no_read = WithRights(vmo, ZX_RIGHT_MAP | ZX_RIGHT_WRITE);
  zx_handle_t no_write = WithRights(vmo, ZX_RIGHT_MAP | ZX_RIGHT_READ);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ, 0, no_read, 0, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(MapStatus(root, kRW, 0, no_write, 0, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0, vmo, 0, kPage),
            ZX_ERR_ACCESS_DENIED);  // plain VMOs lack EXECUTE
  zx_handle_t vmar_ro = WithRights(root, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ);
  EXPECT_EQ(MapStatus(vmar_ro, kRW, 0, vmo, 0, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(MapStatus(WithRights(root, ZX_DEFAULT_VMAR_RIGHTS), ZX_VM_PERM_READ, 0, vmo, 0, kPage),
            ZX_ERR_ACCESS_DENIED);
  // (9) before (10).
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ | ZX_VM_FAULT_BEYOND_STREAM_SIZE, 0, no_read, 0, kPage),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_NE(MapOk(vmar_ro, ZX_VM_PERM_READ, 0, vmo, 0, kPage), 0u);
}

// VMAR-022 (10), seed RFC-0238: FAULT_BEYOND_STREAM_SIZE needs ALLOW_FAULTS; before (11)/(12).
TEST_F(ZxVmarMap, FaultBeyondStreamSizeNeedsAllowFaults) {
  zx_handle_t vmo = Vmo(kPage, ZX_VMO_RESIZABLE);
  EXPECT_EQ(MapStatus(root, ZX_VM_PERM_READ | ZX_VM_FAULT_BEYOND_STREAM_SIZE, 0, vmo, 0, kPage),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(
      MapStatus(root,
                ZX_VM_PERM_READ | ZX_VM_FAULT_BEYOND_STREAM_SIZE | ZX_VM_REQUIRE_NON_RESIZABLE, 0,
                vmo, 0, kPage),
      ZX_ERR_INVALID_ARGS);
  zx_vaddr_t a = MapOk(root, ZX_VM_PERM_READ | ZX_VM_FAULT_BEYOND_STREAM_SIZE | ZX_VM_ALLOW_FAULTS,
                       0, vmo, 0, kPage);
  // Recorded; ALLOW_FAULTS is not (VMAR-024).
  EXPECT_EQ(MappingAt(k.state(), *FindMappingAt(k.state(), KoidOf(root), a)).flags,
            ZX_VM_FAULT_BEYOND_STREAM_SIZE);
}

// VMAR-022 (11) .. (14)
TEST_F(ZxVmarMap, DecodeThenVmoKindThenMappingFlags) {
  zx_handle_t resizable = Vmo(kPage, ZX_VMO_RESIZABLE);
  zx_handle_t discardable = Vmo(kPage, ZX_VMO_DISCARDABLE);
  zx_handle_t plain = Vmo(kPage);
  const zx_vm_option_t r = ZX_VM_PERM_READ;
  EXPECT_EQ(MapStatus(root, r | ZX_VM_REQUIRE_NON_RESIZABLE | (1u << 22), 0, resizable, 0, kPage),
            ZX_ERR_INVALID_ARGS);  // (11) before (12)
  EXPECT_EQ(MapStatus(root, r | (9u << ZX_VM_ALIGN_BASE), 0, plain, 0, kPage),
            ZX_ERR_INVALID_ARGS);  // (11)
  EXPECT_EQ(
      MapStatus(root, r | ZX_VM_REQUIRE_NON_RESIZABLE | ZX_VM_COMPACT, 0, resizable, 0, kPage),
      ZX_ERR_NOT_SUPPORTED);  // (12) before (14)
  EXPECT_NE(MapOk(root, r | ZX_VM_REQUIRE_NON_RESIZABLE, 0, plain, 0, kPage), 0u);
  EXPECT_EQ(MapStatus(root, r | ZX_VM_COMPACT, 0, discardable, 0, kPage),
            ZX_ERR_NOT_SUPPORTED);  // (13) before (14)
  EXPECT_NE(MapOk(root, r | ZX_VM_ALLOW_FAULTS, 0, discardable, 0, kPage), 0u);
  EXPECT_EQ(MapStatus(root, r | ZX_VM_COMPACT, 0, plain, 0, kPage), ZX_ERR_INVALID_ARGS);  // (14)
  EXPECT_EQ(MapStatus(root, r | ZX_VM_CAN_MAP_SPECIFIC, 0, plain, 0, kPage),
            ZX_ERR_INVALID_ARGS);  // (14)
  // Resizable VMOs map without ALLOW_FAULTS (VMAR-023, V-3).
  EXPECT_NE(MapOk(root, r, 0, resizable, 0, kPage), 0u);
}

// VMAR-022 (15) and (20): unreachable with syscall-made handles (V-5); forged rights reach them.
TEST_F(ZxVmarMap, CanMapChecksWithForgedRights) {
  auto ro = AllocOk(root, ZX_VM_CAN_MAP_READ, 0, 4 * kPage);
  zx_handle_t vmo = Vmo(kPage);
  ModelKernel forged =
      WithForgedRights(ro.child, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE);
  // (15): PERM_WRITE is not permitted by the VMAR's flags; before (16).
  EXPECT_EQ(forged.zx_vmar_map(self, ro.child, kRW, 0, vmo, 1, kPage).status_value(),
            ZX_ERR_ACCESS_DENIED);
  // (20): only READ requested, but max_perms would include WRITE; after (19).
  EXPECT_EQ(forged.zx_vmar_map(self, ro.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage).status_value(),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(forged.zx_vmar_map(self, ro.child, ZX_VM_PERM_READ, 0, vmo, 0, 0).status_value(),
            ZX_ERR_INVALID_ARGS);
  // Without the forged WRITE the same map succeeds.
  EXPECT_NE(MapOk(ro.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage), 0u);
}

// VMAR-022 (16), (17), (19) and their boundaries.
TEST_F(ZxVmarMap, OffsetsAndLengths) {
  zx_handle_t vmo = Vmo(kPage);
  const zx_vm_option_t r = ZX_VM_PERM_READ;
  EXPECT_EQ(MapStatus(root, r, 0, vmo, 1, UINT64_MAX), ZX_ERR_INVALID_ARGS);  // (16) before (17)
  EXPECT_EQ(MapStatus(root, r, 0, vmo, 0, UINT64_MAX), ZX_ERR_OUT_OF_RANGE);  // (17) wrap
  EXPECT_EQ(MapStatus(root, r, 0, vmo, 0, UINT64_MAX - 4094), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(MapStatus(root, r, 0, vmo, UINT64_MAX - 4095, kPage), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(MapStatus(root, r, 0, vmo, UINT64_MAX - 8191, 4097), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(MapStatus(root, r, 0, vmo, 0, 0), ZX_ERR_INVALID_ARGS);  // (19)
  // (17) passes when vmo_offset + size is exactly 2^64 - 4096: the mapping lies past the VMO
  // end, which the kernel allows (VMAR-023).
  EXPECT_NE(MapOk(root, r, 0, vmo, UINT64_MAX - 8191, kPage), 0u);
  // len rounds up to pages.
  zx_vaddr_t a = MapOk(root, r, 0, vmo, 0, 1);
  EXPECT_EQ(MappingAt(k.state(), *FindMappingAt(k.state(), KoidOf(root), a)).size, kPage);
  ExpectInvariants();
}

// VMAR-022 (18): dead VMAR, after (17) and before (19).
TEST_F(ZxVmarMap, DeadVmar) {
  auto v = AllocOk(root, kCanAll, 0, 4 * kPage);
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  zx_handle_t vmo = Vmo(kPage);
  EXPECT_EQ(MapStatus(v.child, ZX_VM_PERM_READ, 0, vmo, 0, UINT64_MAX), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(MapStatus(v.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage), ZX_ERR_BAD_STATE);
  EXPECT_EQ(MapStatus(v.child, ZX_VM_PERM_READ, 0, vmo, 0, 0), ZX_ERR_BAD_STATE);
  EXPECT_EQ(MapStatus(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0x800, vmo, 0, kPage),
            ZX_ERR_BAD_STATE);
}

// VMAR-022 (21)..(25)
TEST_F(ZxVmarMap, OffsetModeChecks) {
  zx_handle_t vmo = Vmo(kPage);
  const zx_vm_option_t r = ZX_VM_PERM_READ;
  for (zx_vm_option_t sp : {ZX_VM_SPECIFIC, ZX_VM_SPECIFIC_OVERWRITE}) {
    EXPECT_EQ(MapStatus(root, r | sp | ZX_VM_OFFSET_IS_UPPER_LIMIT, kPage, vmo, 0, kPage),
              ZX_ERR_INVALID_ARGS);  // (21)
  }
  EXPECT_EQ(MapStatus(root, r, kPage, vmo, 0, kPage), ZX_ERR_INVALID_ARGS);  // (22)
  EXPECT_EQ(MapStatus(root, r | ZX_VM_SPECIFIC, 0x800, vmo, 0, kPage),
            ZX_ERR_INVALID_ARGS);  // (23)
  auto plain = AllocOk(root, ZX_VM_CAN_MAP_READ, 0, 4 * kPage);
  for (zx_vm_option_t sp :
       {ZX_VM_SPECIFIC, ZX_VM_SPECIFIC_OVERWRITE, ZX_VM_OFFSET_IS_UPPER_LIMIT}) {
    EXPECT_EQ(MapStatus(plain.child, r | sp, 2 * kPage, vmo, 0, kPage),
              ZX_ERR_ACCESS_DENIED);  // (24)
  }
  auto v = AllocOk(root, kCanAll, 0, 4 * kPage);
  EXPECT_EQ(MapStatus(v.child, r | ZX_VM_SPECIFIC, 4 * kPage, vmo, 0, kPage),
            ZX_ERR_INVALID_ARGS);  // (25)
  EXPECT_EQ(MapStatus(v.child, r | ZX_VM_SPECIFIC, 3 * kPage, vmo, 0, 2 * kPage),
            ZX_ERR_INVALID_ARGS);                                               // (25)
  EXPECT_EQ(MapStatus(v.child, r, 0, vmo, 0, 5 * kPage), ZX_ERR_INVALID_ARGS);  // (25)
  EXPECT_EQ(MapStatus(v.child, r | ZX_VM_OFFSET_IS_UPPER_LIMIT, kPage, vmo, 0, 2 * kPage),
            ZX_ERR_INVALID_ARGS);  // (25) size > upper limit
  EXPECT_EQ(MapOk(v.child, r | ZX_VM_SPECIFIC, 3 * kPage, vmo, 0, kPage), v.addr + 3 * kPage);
}

// VMAR-022 (26), (27), VMAR-060
TEST_F(ZxVmarMap, SpecificOverlapAndPlacement) {
  auto v = AllocOk(root, kCanAll | ZX_VM_ALIGN_64KB, 0, 32 * kPage);
  zx_handle_t vmo = Vmo(32 * kPage);
  const zx_vm_option_t r = ZX_VM_PERM_READ;
  EXPECT_EQ(MapStatus(v.child, r | ZX_VM_SPECIFIC | ZX_VM_ALIGN_64KB, kPage, vmo, 0, kPage),
            ZX_ERR_INVALID_ARGS);  // (26) alignment
  EXPECT_EQ(MapOk(v.child, r | ZX_VM_SPECIFIC, 2 * kPage, vmo, 0, kPage), v.addr + 2 * kPage);
  EXPECT_EQ(MapStatus(v.child, r | ZX_VM_SPECIFIC, kPage, vmo, 0, 2 * kPage),
            ZX_ERR_ALREADY_EXISTS);                            // (26) overlap
  EXPECT_EQ(MapOk(v.child, r, 0, vmo, 0, 2 * kPage), v.addr);  // lowest fit
  EXPECT_EQ(MapOk(v.child, r | ZX_VM_ALIGN_32KB, 0, vmo, 0, kPage), v.addr + 8 * kPage);
  EXPECT_EQ(MapStatus(v.child, r, 0, vmo, 0, 32 * kPage), ZX_ERR_NO_RESOURCES);  // (27)
  ExpectInvariants();
}

// VMAR-026: SPECIFIC_OVERWRITE replaces mappings, refuses over a child VMAR.
TEST_F(ZxVmarMap, SpecificOverwrite) {
  auto v = AllocOk(root, kCanAll, 0, 16 * kPage);
  zx_handle_t a = Vmo(16 * kPage);
  zx_handle_t b = Vmo(16 * kPage);
  const zx_vm_option_t rs = ZX_VM_PERM_READ | ZX_VM_SPECIFIC;
  MapOk(v.child, rs, 0, a, 0, 4 * kPage);
  // Free range: behaves like SPECIFIC.
  MapOk(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, 8 * kPage, b, 0, kPage);
  // Over the middle of the first mapping: it splits around the new one.
  MapOk(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, kPage, b, 0, 2 * kPage);
  auto maps = VmarMaps(v.child);
  ASSERT_EQ(maps.size(), 5u);
  EXPECT_EQ(maps[1].base, v.addr);
  EXPECT_EQ(maps[1].u.mapping.vmo_koid, KoidOf(a));
  EXPECT_EQ(maps[2].u.mapping.vmo_koid, KoidOf(b));
  EXPECT_EQ(maps[3].base, v.addr + 3 * kPage);
  EXPECT_EQ(maps[3].u.mapping.vmo_offset, 3 * kPage);
  // A child VMAR in the target range: INVALID_ARGS and nothing changes.
  AllocOk(v.child, ZX_VM_SPECIFIC, 12 * kPage, kPage);
  State before = k.state();
  EXPECT_EQ(
      MapStatus(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, 10 * kPage, a, 0, 4 * kPage),
      ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.state(), before);
  ExpectInvariants();
}

// VMAR-028, MAPS-021: adjacent mappings of consecutive VMO ranges merge.
TEST_F(ZxVmarMap, AdjacentMappingsMerge) {
  auto v = AllocOk(root, kCanAll, 0, 16 * kPage);
  zx_handle_t vmo = Vmo(16 * kPage);
  const zx_vm_option_t rs = ZX_VM_PERM_READ | ZX_VM_SPECIFIC;
  MapOk(v.child, rs, 0, vmo, 0, kPage);
  MapOk(v.child, rs, 2 * kPage, vmo, 2 * kPage, kPage);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 2u);
  MapOk(v.child, rs, kPage, vmo, kPage, kPage);  // merges right, then left
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 1u);
  auto maps = VmarMaps(v.child);
  ASSERT_EQ(maps.size(), 2u);
  EXPECT_EQ(maps[1].size, 3 * kPage);
  // Non-contiguous VMO offsets, different perms-at-map (max_perms), different flags: no merge.
  MapOk(v.child, rs, 3 * kPage, vmo, 5 * kPage, kPage);
  MapOk(v.child, ZX_VM_SPECIFIC, 4 * kPage, vmo, 6 * kPage, kPage);  // same max_perms, perms 0
  MapOk(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, 5 * kPage, vmo, 7 * kPage, kPage);
  zx_handle_t ro = WithRights(vmo, ZX_RIGHT_MAP | ZX_RIGHT_READ);
  MapOk(v.child, rs, 6 * kPage, ro, 8 * kPage, kPage);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 4u);
  maps = VmarMaps(v.child);
  // Page 4 (perms 0, same flags and max_perms) merged with page 3; each run is an entry.
  ASSERT_EQ(maps.size(), 6u);
  EXPECT_EQ(maps[2].base, v.addr + 3 * kPage);
  EXPECT_EQ(maps[2].u.mapping.mmu_flags, ZX_VM_PERM_READ);
  EXPECT_EQ(maps[3].base, v.addr + 4 * kPage);
  EXPECT_EQ(maps[3].u.mapping.mmu_flags, 0u);
  ExpectInvariants();
}

// VMAR-025/027: mapping fields and max_perms from both handles.
TEST_F(ZxVmarMap, MappingRecordsMaxPerms) {
  zx_handle_t vmo = Vmo(kPage);
  zx_vaddr_t a = MapOk(root, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  const Mapping& m = MappingAt(k.state(), *FindMappingAt(k.state(), KoidOf(root), a));
  EXPECT_EQ(m.max_perms, kRW);  // the VMO has no EXECUTE
  EXPECT_EQ(m.vmo, KoidOf(vmo));
  EXPECT_EQ(a, kBase);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 1u);
  EXPECT_EQ(InfoVmo(vmo).share_count, 1u);
  // The mapping keeps the VMO alive (VMAR-002).
  zx_koid_t koid = KoidOf(vmo);
  ASSERT_EQ(k.zx_handle_close(self, vmo), ZX_OK);
  EXPECT_NE(Find<model::Vmo>(k.state(), koid), nullptr);
  ExpectInvariants();
}

// ---- zx_vmar_unmap: VMAR-030..033 ----

TEST_F(ZxVmarUnmap, CheckOrder) {
  EXPECT_EQ(k.zx_vmar_unmap(self, 0, kBase, kPage), ZX_ERR_BAD_HANDLE);           // (1)
  EXPECT_EQ(k.zx_vmar_unmap(self, Vmo(kPage), kBase, kPage), ZX_ERR_WRONG_TYPE);  // (1)
  auto v = AllocOk(root, kCanAll, 0, 4 * kPage);
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, v.addr + 1, kPage), ZX_ERR_INVALID_ARGS);   // (2)
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, v.addr, 0), ZX_ERR_INVALID_ARGS);           // (3)
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, v.addr, UINT64_MAX), ZX_ERR_INVALID_ARGS);  // (3) wrap
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, 0, kPage), ZX_ERR_BAD_STATE);  // (4) before (5)
  EXPECT_EQ(k.zx_vmar_unmap(self, root, kBase - kPage, kPage), ZX_ERR_INVALID_ARGS);  // (5)
  EXPECT_EQ(k.zx_vmar_unmap(self, root, kBase + kUserAspaceSize, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_unmap(self, root, UINT64_MAX - 4095, kPage), ZX_ERR_INVALID_ARGS);
  // (6): nothing to do; no right needed (VMAR-031).
  EXPECT_EQ(k.zx_vmar_unmap(self, WithRights(root, ZX_RIGHT_NONE), kBase, kPage), ZX_OK);
}

// VMAR-032 (7): child VMARs must lie wholly inside the range, and need OP_CHILDREN.
TEST_F(ZxVmarUnmap, ChildVmars) {
  auto v = AllocOk(root, kCanAll, 0, 16 * kPage);
  auto sub = AllocOk(v.child, ZX_VM_SPECIFIC | kCanRW, 4 * kPage, 4 * kPage);
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, v.addr + 4 * kPage, 2 * kPage), ZX_ERR_INVALID_ARGS);
  zx_handle_t no_op = WithRights(v.child, ZX_DEFAULT_VMAR_RIGHTS & ~ZX_RIGHT_OP_CHILDREN);
  EXPECT_EQ(k.zx_vmar_unmap(self, no_op, v.addr, 16 * kPage), ZX_ERR_INVALID_ARGS);
  // All children are checked before any change: the mapping in front stays.
  zx_handle_t vmo = Vmo(kPage);
  MapOk(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0, vmo, 0, kPage);
  EXPECT_EQ(k.zx_vmar_unmap(self, no_op, v.addr, 16 * kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 1u);
  // With OP_CHILDREN, a child wholly inside is destroyed (VMAR-033, VMAR-052).
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, v.addr, 16 * kPage), ZX_OK);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 0u);
  EXPECT_EQ(VmarOf(sub.child).state, Lifecycle::kDead);
  EXPECT_EQ(k.zx_vmar_unmap(self, sub.child, sub.addr, kPage), ZX_ERR_BAD_STATE);
  ExpectInvariants();
}

// VMAR-033: removing, trimming and splitting mappings; gaps are not an error.
TEST_F(ZxVmarUnmap, TrimAndSplit) {
  auto v = AllocOk(root, kCanAll, 0, 16 * kPage);
  zx_handle_t vmo = Vmo(16 * kPage);
  MapOk(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0, vmo, 0, 8 * kPage);
  ASSERT_EQ(k.zx_vmar_protect(self, v.child, kRW, v.addr + 5 * kPage, kPage), ZX_OK);
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, v.addr + 2 * kPage, 2 * kPage), ZX_OK);  // split
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, v.addr, 1), ZX_OK);  // len rounds up (V-4): prefix
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, v.addr + 7 * kPage, 4 * kPage), ZX_OK);  // suffix+gap
  auto maps = VmarMaps(v.child);
  ASSERT_EQ(maps.size(), 5u);
  EXPECT_EQ(maps[1].base, v.addr + kPage);
  EXPECT_EQ(maps[1].size, kPage);
  EXPECT_EQ(maps[1].u.mapping.vmo_offset, kPage);
  EXPECT_EQ(maps[2].base, v.addr + 4 * kPage);
  EXPECT_EQ(maps[2].u.mapping.vmo_offset, 4 * kPage);
  EXPECT_EQ(maps[3].base, v.addr + 5 * kPage);
  EXPECT_EQ(maps[3].u.mapping.mmu_flags, kRW);  // kept per-page perms
  EXPECT_EQ(maps[4].size, kPage);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 2u);
  EXPECT_EQ(k.zx_vmar_unmap(self, v.child, v.addr + 12 * kPage, kPage), ZX_OK);  // only a gap
  ExpectInvariants();
}

// VMAR-033: mappings inside child VMARs are never partially unmapped through the parent.
TEST_F(ZxVmarUnmap, DoesNotReachIntoChildVmarMappings) {
  auto sub = AllocOk(root, kCanAll, 0, 4 * kPage);
  zx_handle_t vmo = Vmo(4 * kPage);
  MapOk(sub.child, ZX_VM_PERM_READ, 0, vmo, 0, 4 * kPage);
  EXPECT_EQ(k.zx_vmar_unmap(self, root, sub.addr, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 1u);
}

// ---- zx_vmar_protect: VMAR-040..043 ----

TEST_F(ZxVmarProtect, LookupAndArgumentChecks) {
  auto v = AllocOk(root, kCanAll, 0, 4 * kPage);
  zx_handle_t vmo = Vmo(4 * kPage);
  MapOk(v.child, kRW, 0, vmo, 0, 4 * kPage);
  const zx_vaddr_t a = v.addr;
  EXPECT_EQ(k.zx_vmar_protect(self, 0, ZX_VM_PERM_READ, a, kPage), ZX_ERR_BAD_HANDLE);  // (2)
  EXPECT_EQ(k.zx_vmar_protect(self, vmo, ZX_VM_PERM_READ, a, kPage), ZX_ERR_WRONG_TYPE);
  zx_handle_t ro = WithRights(v.child, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ);
  EXPECT_EQ(k.zx_vmar_protect(self, ro, kRW, a, kPage), ZX_ERR_ACCESS_DENIED);
  // (1) XOM adds READ before the rights lookup (2).
  zx_handle_t none = WithRights(v.child, ZX_DEFAULT_VMAR_RIGHTS);
  EXPECT_EQ(k.zx_vmar_protect(self, none, ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED, a, kPage),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_vmar_protect(self, none, 0, a, kPage), ZX_OK);  // no perms, no right
  // (2) before (3).
  EXPECT_EQ(k.zx_vmar_protect(self, ro, ZX_VM_PERM_WRITE, a, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_WRITE, a, kPage),
            ZX_ERR_INVALID_ARGS);  // (3)
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, a + 1, kPage),
            ZX_ERR_INVALID_ARGS);  // (4)
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ | ZX_VM_MAP_RANGE, a, kPage),
            ZX_ERR_INVALID_ARGS);  // (5)
  for (zx_vm_option_t f :
       {ZX_VM_SPECIFIC, ZX_VM_COMPACT, ZX_VM_CAN_MAP_READ, ZX_VM_ALLOW_FAULTS,
        ZX_VM_CANNOT_CREATE_VMO_CHILD, ZX_VM_FAULT_BEYOND_STREAM_SIZE, ZX_VM_ALIGN_64KB}) {
    EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ | f, a, kPage),
              ZX_ERR_INVALID_ARGS)
        << f;  // (6)
  }
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, a, 0), ZX_ERR_INVALID_ARGS);  // (7)
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, a, UINT64_MAX),
            ZX_ERR_INVALID_ARGS);  // (7) wrap
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, a, 5 * kPage),
            ZX_ERR_INVALID_ARGS);  // (9)
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, a - kPage, kPage),
            ZX_ERR_INVALID_ARGS);  // (9)
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, a, 5 * kPage),
            ZX_ERR_BAD_STATE);  // (8) before (9)
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, a, 0), ZX_ERR_INVALID_ARGS);  // (7)
}

// VMAR-042 (10a) and the final cursor test.
TEST_F(ZxVmarProtect, HolesAreNotFound) {
  auto v = AllocOk(root, kCanAll, 0, 16 * kPage);
  zx_handle_t vmo = Vmo(16 * kPage);
  const zx_vm_option_t rs = ZX_VM_PERM_READ | ZX_VM_SPECIFIC;
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, v.addr, kPage), ZX_ERR_NOT_FOUND);
  MapOk(v.child, rs, kPage, vmo, 0, kPage);
  MapOk(v.child, rs, 3 * kPage, vmo, 5 * kPage, kPage);
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, 0, v.addr, 2 * kPage), ZX_ERR_NOT_FOUND);  // front
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, 0, v.addr + kPage, 3 * kPage), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, 0, v.addr + 3 * kPage, 2 * kPage),
            ZX_ERR_NOT_FOUND);  // tail
  // An empty child VMAR in the range is a hole too.
  AllocOk(v.child, ZX_VM_SPECIFIC, 2 * kPage, kPage);
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, 0, v.addr + kPage, 3 * kPage), ZX_ERR_NOT_FOUND);
  // Failures change nothing (VMAR-043).
  EXPECT_EQ(VmarMaps(v.child)[1].u.mapping.mmu_flags, ZX_VM_PERM_READ);
}

// VMAR-042 (10b), VMAR-027: max_perms bound protect, even after the VMO handle is gone.
TEST_F(ZxVmarProtect, MaxPerms) {
  zx_handle_t vmo = Vmo(kPage);
  zx_handle_t ro = WithRights(vmo, ZX_RIGHT_MAP | ZX_RIGHT_READ);
  zx_vaddr_t a = MapOk(root, ZX_VM_PERM_READ, 0, ro, 0, kPage);  // max_perms R
  EXPECT_EQ(k.zx_vmar_protect(self, root, kRW, a, kPage), ZX_ERR_ACCESS_DENIED);
  zx_vaddr_t b = MapOk(root, 0, 0, vmo, 0, kPage);               // max_perms RW, perms none
  zx_vaddr_t c = MapOk(root, ZX_VM_PERM_READ, 0, ro, 0, kPage);  // max_perms R
  ASSERT_EQ(c, b + kPage);
  // (10b) fails on the second mapping after the first passed: nothing changes (VMAR-043).
  EXPECT_EQ(k.zx_vmar_protect(self, root, kRW, b, 2 * kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(PermsAtPage(MappingAt(k.state(), *FindMappingAt(k.state(), KoidOf(root), b)), 0), 0u);
  ASSERT_EQ(k.zx_handle_close(self, vmo), ZX_OK);
  EXPECT_EQ(k.zx_vmar_protect(self, root, kRW, b, kPage), ZX_OK);
  EXPECT_EQ(k.zx_vmar_protect(self, root, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, b, kPage),
            ZX_ERR_ACCESS_DENIED);
  ExpectInvariants();
}

// VMAR-042 (10c), VMAR-041: mappings of child VMARs need OP_CHILDREN and can only lose perms.
TEST_F(ZxVmarProtect, ChildVmarMappings) {
  auto v = AllocOk(root, kCanAll, 0, 8 * kPage);
  auto sub = AllocOk(v.child, ZX_VM_SPECIFIC | kCanRW, 0, 4 * kPage);
  zx_handle_t vmo = Vmo(8 * kPage);
  MapOk(sub.child, ZX_VM_PERM_READ, 0, vmo, 0, 4 * kPage);
  zx_handle_t no_op = WithRights(
      v.child, (ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE) &
                   ~ZX_RIGHT_OP_CHILDREN);
  EXPECT_EQ(k.zx_vmar_protect(self, no_op, ZX_VM_PERM_READ, v.addr, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, kRW, v.addr, kPage), ZX_ERR_ACCESS_DENIED);  // adds W
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, 0, v.addr, kPage), ZX_OK);        // removes R
  EXPECT_EQ(k.zx_vmar_protect(self, sub.child, kRW, sub.addr, kPage), ZX_OK);  // direct child
  auto maps = VmarMaps(sub.child);
  ASSERT_EQ(maps.size(), 3u);
  EXPECT_EQ(maps[1].u.mapping.mmu_flags, kRW);
  EXPECT_EQ(maps[2].u.mapping.mmu_flags, ZX_VM_PERM_READ);
  // (10b) comes before (10c): beyond max_perms is ACCESS_DENIED even without OP_CHILDREN.
  EXPECT_EQ(k.zx_vmar_protect(self, no_op, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, v.addr, kPage),
            ZX_ERR_ACCESS_DENIED);
}

// VMAR-043: per-page perms across several mappings; perms are replaced, not added.
TEST_F(ZxVmarProtect, AcrossMappings) {
  auto v = AllocOk(root, kCanAll, 0, 8 * kPage);
  zx_handle_t a = Vmo(8 * kPage);
  zx_handle_t b = Vmo(8 * kPage);
  MapOk(v.child, kRW | ZX_VM_SPECIFIC, 0, a, 0, 2 * kPage);
  MapOk(v.child, kRW | ZX_VM_SPECIFIC, 2 * kPage, b, 0, 2 * kPage);
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, ZX_VM_PERM_READ, v.addr + kPage, 2 * kPage), ZX_OK);
  auto maps = VmarMaps(v.child);
  ASSERT_EQ(maps.size(), 5u);
  EXPECT_EQ(maps[1].u.mapping.mmu_flags, kRW);
  EXPECT_EQ(maps[2].u.mapping.mmu_flags, ZX_VM_PERM_READ);
  EXPECT_EQ(maps[3].u.mapping.mmu_flags, ZX_VM_PERM_READ);
  EXPECT_EQ(maps[4].u.mapping.mmu_flags, kRW);
  // Back to RW: the runs coalesce again.
  EXPECT_EQ(k.zx_vmar_protect(self, v.child, kRW, v.addr, 4 * kPage), ZX_OK);
  EXPECT_EQ(VmarMaps(v.child).size(), 3u);
  ExpectInvariants();
}

// ---- zx_vmar_destroy: VMAR-050..052 ----

TEST_F(ZxVmarDestroy, CheckOrder) {
  EXPECT_EQ(k.zx_vmar_destroy(self, 0), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_vmar_destroy(self, Vmo(kPage)), ZX_ERR_WRONG_TYPE);
  auto v = AllocOk(root, kCanAll, 0, 4 * kPage);
  EXPECT_EQ(k.zx_vmar_destroy(self, WithRights(v.child, ZX_RIGHT_INSPECT)), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_vmar_destroy(self, root), ZX_ERR_NOT_SUPPORTED);  // (2)
  EXPECT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(k.zx_vmar_destroy(self, v.child), ZX_ERR_BAD_STATE);  // (3)
}

// VMAR-052: the subtree dies, mappings go, the range is free, handles stay valid.
TEST_F(ZxVmarDestroy, DestroysTheSubtree) {
  auto v = AllocOk(root, kCanAll, 0, 8 * kPage);
  auto sub = AllocOk(v.child, kCanAll, 0, 4 * kPage);
  zx_handle_t vmo = Vmo(kPage);
  MapOk(sub.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  MapOk(v.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 2u);
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 0u);
  EXPECT_EQ(VmarOf(sub.child).state, Lifecycle::kDead);
  EXPECT_EQ(AllocStatus(sub.child, 0, 0, kPage), ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.zx_vmar_destroy(self, sub.child), ZX_ERR_BAD_STATE);
  auto info = k.zx_object_get_info(self, v.child, ZX_INFO_VMAR);  // still works (V-11)
  ASSERT_TRUE(info.is_ok());
  EXPECT_EQ(std::get<zx_info_vmar_t>(info.value()).base, v.addr);
  // The range is free again.
  EXPECT_EQ(MapOk(root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, v.addr - kBase, vmo, 0, 8 * kPage),
            v.addr);
  EXPECT_TRUE(VmarMaps(root).size() == 2u);
  ExpectInvariants();
}

}  // namespace
}  // namespace zxspec::model
