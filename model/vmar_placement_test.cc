// Placement: the model's lowest fit (VMAR-060) and the legality check CheckPlacement offered to
// implementations with another placement policy (vmar.md V-2).
#include <random>

#include "model/vmar_test_util.h"

namespace zxspec::model {
namespace {

using Placement = VmarTest;


// Each status of CheckPlacement.
TEST_F(Placement, CheckPlacementStatuses) {
  auto v = AllocOk(root, kCanAll, 0, 16 * kPage);
  const zx_koid_t vk = KoidOf(v.child);
  zx_handle_t vmo = Vmo(kPage);
  MapOk(v.child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 4 * kPage, vmo, 0, kPage);
  AllocOk(v.child, ZX_VM_SPECIFIC, 8 * kPage, 2 * kPage);
  const State& s = k.state();
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, 0, 0, v.addr), ZX_OK);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, 0, 0, v.addr + 15 * kPage), ZX_OK);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, 0, 0, v.addr + 4 * kPage), ZX_ERR_ALREADY_EXISTS);
  EXPECT_EQ(CheckPlacement(s, vk, 2 * kPage, kPage, 0, 0, v.addr + 7 * kPage),
            ZX_ERR_ALREADY_EXISTS);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, 0, 0, v.addr + 16 * kPage), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(CheckPlacement(s, vk, 2 * kPage, kPage, 0, 0, v.addr + 15 * kPage),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, 0, 0, v.addr - kPage), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, 0, 0, UINT64_MAX - 4095), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, 0, 0, v.addr + 1), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, 0x10000, 0, 0, v.addr + kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, 3 * kPage, 0, 0, v.addr), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, 1024, 0, 0, v.addr), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(CheckPlacement(s, vk, 0, kPage, 0, 0, v.addr), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(CheckPlacement(s, vk, 100, kPage, 0, 0, v.addr), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(CheckPlacement(s, KoidOf(vmo), kPage, kPage, 0, 0, v.addr), ZX_ERR_BAD_STATE);
  EXPECT_EQ(CheckPlacement(s, 999999, kPage, kPage, 0, 0, v.addr), ZX_ERR_BAD_STATE);
  // OFFSET_IS_UPPER_LIMIT: the range must end at or below base + offset.
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, ZX_VM_OFFSET_IS_UPPER_LIMIT, 4 * kPage,
                           v.addr + 3 * kPage),
            ZX_OK);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, ZX_VM_OFFSET_IS_UPPER_LIMIT, 3 * kPage,
                           v.addr + 3 * kPage),
            ZX_ERR_OUT_OF_RANGE);
  // SPECIFIC: exactly base + offset.
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, ZX_VM_SPECIFIC, 2 * kPage, v.addr + 2 * kPage),
            ZX_OK);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, ZX_VM_SPECIFIC, 2 * kPage, v.addr + 3 * kPage),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(CheckPlacement(s, vk, kPage, kPage, ZX_VM_SPECIFIC, UINT64_MAX, v.addr),
            ZX_ERR_INVALID_ARGS);
  // SPECIFIC_OVERWRITE may cover mappings, never child VMARs.
  EXPECT_EQ(CheckPlacement(s, vk, 2 * kPage, kPage, ZX_VM_SPECIFIC_OVERWRITE, 3 * kPage,
                           v.addr + 3 * kPage),
            ZX_OK);
  EXPECT_EQ(CheckPlacement(s, vk, 2 * kPage, kPage, ZX_VM_SPECIFIC_OVERWRITE, 7 * kPage,
                           v.addr + 7 * kPage),
            ZX_ERR_ALREADY_EXISTS);
  // A destroyed VMAR admits nothing.
  ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  EXPECT_EQ(CheckPlacement(k.state(), vk, kPage, kPage, 0, 0, v.addr), ZX_ERR_BAD_STATE);
}

// LowestFit is the least base CheckPlacement accepts, and fails exactly when none is accepted:
// exhaustively over every page-aligned candidate, on VMARs filled at random (fixed seed).
TEST_F(Placement, LowestFitIsTheLeastLegalBase) {
  std::mt19937_64 rng(20240719);
  constexpr uint64_t kPages = 32;
  for (int round = 0; round < 12; ++round) {
    auto v = AllocOk(root, kCanAll, 0, kPages * kPage);
    zx_handle_t vmo = Vmo(kPage);
    for (int i = 0; i < 6; ++i) {  // a few children at random places; failures are fine
      const uint64_t at = rng() % kPages;
      const uint64_t n = 1 + rng() % 4;
      if (rng() % 2) {
        (void)k.zx_vmar_allocate(self, v.child, ZX_VM_SPECIFIC, at * kPage, n * kPage);
      } else {
        (void)k.zx_vmar_map(self, v.child, ZX_VM_SPECIFIC, at * kPage, vmo, 0, n * kPage);
      }
    }
    const State& s = k.state();
    const zx_koid_t vk = KoidOf(v.child);
    for (uint64_t size = 1; size <= 6; ++size) {
      for (uint64_t align : {kPage, 2 * kPage, 4 * kPage, 16 * kPage}) {
        for (uint64_t limit : {uint64_t{0}, 8 * kPage, kPages * kPage}) {
          const zx_vm_option_t opts = limit ? ZX_VM_OFFSET_IS_UPPER_LIMIT : 0;
          std::optional<zx_vaddr_t> least;
          for (uint64_t p = 0; p <= kPages + 2; ++p) {
            const zx_vaddr_t base = v.addr + p * kPage;
            if (CheckPlacement(s, vk, size * kPage, align, opts, limit, base) == ZX_OK && !least) {
              least = base;
            }
          }
          auto fit = LowestFit(s, vk, size * kPage, align, opts, limit);
          ASSERT_EQ(fit.is_ok(), least.has_value()) << round << " " << size << " " << align;
          if (fit.is_ok()) {
            EXPECT_EQ(*fit, *least);
          } else {
            EXPECT_EQ(fit.status_value(), ZX_ERR_NO_RESOURCES);
          }
        }
      }
    }
    ASSERT_EQ(k.zx_vmar_destroy(self, v.child), ZX_OK);
  }
}

// Every placement the model makes through the syscalls passes CheckPlacement on the state
// before the call (random map/allocate/unmap sequences, fixed seed).
TEST_F(Placement, ModelPlacementsAreLegal) {
  std::mt19937_64 rng(7);
  auto v = AllocOk(root, kCanAll, 0, 64 * kPage);
  zx_handle_t vmo = Vmo(8 * kPage);
  const zx_koid_t vk = KoidOf(v.child);
  int placed = 0;
  for (int i = 0; i < 300; ++i) {
    const uint64_t size = (1 + rng() % 6) * kPage;
    const uint32_t a = std::array<uint32_t, 4>{0, 13, 14, 16}[rng() % 4];
    const zx_vm_option_t align = a ? (a << ZX_VM_ALIGN_BASE) : 0;
    const bool upper = rng() % 3 == 0;
    const uint64_t limit = upper ? (8 + rng() % 57) * kPage : 0;
    const zx_vm_option_t opts = align | (upper ? ZX_VM_OFFSET_IS_UPPER_LIMIT : 0);
    const State before = k.state();
    switch (rng() % 3) {
      case 0: {
        auto r = k.zx_vmar_map(self, v.child, opts | ZX_VM_PERM_READ, limit, vmo, 0, size);
        if (r.is_ok()) {
          ++placed;
          EXPECT_EQ(CheckPlacement(before, vk, size, EffectiveAlignment(a), opts, limit, *r),
                    ZX_OK);
        }
        break;
      }
      case 1: {
        auto r = k.zx_vmar_allocate(self, v.child, opts, limit, size);
        if (r.is_ok()) {
          ++placed;
          EXPECT_EQ(CheckPlacement(before, vk, size, EffectiveAlignment(a), opts, limit, r->addr),
                    ZX_OK);
        }
        break;
      }
      default:
        (void)k.zx_vmar_unmap(self, v.child, v.addr + (rng() % 60) * kPage, size);
    }
    ASSERT_EQ(k.CheckInvariants(), std::vector<std::string>{});
  }
  EXPECT_GT(placed, 50);
}

}  // namespace
}  // namespace zxspec::model
