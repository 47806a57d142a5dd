// File: model/vmar.h
//
// Address-space vocabulary shared by the VMAR, memory-access and MAPS code of the model
// (vmar.md, process-maps.md), and the placement legality check offered to implementations
// that place non-SPECIFIC requests differently from the model.
//
// An address space is a tree: a root VMAR (`Process::root_vmar`), whose children are sub-VMARs
// (by koid) and mappings (in place), ordered by base and pairwise disjoint (VMAR-001/002/006).
// A mapping's per-page permissions are kept as canonical runs (`PermRun`: adjacent runs
// differ, together they cover the mapping), so two mappings with the same pages compare equal.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "api/result.h"
#include "model/state.h"

namespace zxspec::model {

// ---- option words (VMAR-009, VMAR-010) ----

inline constexpr zx_vm_option_t kVmPerms = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE;
inline constexpr zx_vm_option_t kVmCanMapPerms =
    ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE;

// The decode step of VMAR-010: |flags| holds the named flags of the word with
// PERM_READ_IF_XOM_UNSUPPORTED removed (the decode drops it); |align_log2| is A (0 = none).
struct DecodedVmOptions {
  zx_vm_option_t flags = 0;
  uint32_t align_log2 = 0;
};
// INVALID_ARGS for an unknown bit in 0..23 (MAP_RANGE included) or A in 1..9 or > 32.
Result<DecodedVmOptions> DecodeVmOptions(zx_vm_option_t options);
// 2^max(A, 12) (VMAR-010).
uint64_t EffectiveAlignment(uint32_t align_log2);
// VMAR-008: W or X without R is invalid; the empty set is valid.
bool IsValidProtection(zx_vm_option_t perms);
// ZX_VM_PERM_* bits -> the ZX_VM_CAN_MAP_* bits that permit them.
zx_vm_option_t CanMapFor(zx_vm_option_t perms);

// ---- tree access ----

// [base, base + size) of a child (sub-VMAR or mapping).
std::pair<zx_vaddr_t, uint64_t> ChildRange(const State& s, const VmarChild& c);
// Whether [a, a + n) and [b, b + m) intersect (n, m > 0, no overflow).
bool Intersects(uint64_t a, uint64_t n, uint64_t b, uint64_t m);
// VMAR-007: [a, a + n) lies within |v| (a + n must not overflow).
bool WithinVmar(const Vmar& v, uint64_t a, uint64_t n);

// The permissions of page |page| (index relative to the mapping's base).
uint32_t PermsAtPage(const Mapping& m, uint64_t page);

// A mapping located by address: the VMAR whose child list holds it, and its index there.
struct MappingRef {
  zx_koid_t vmar = 0;
  size_t index = 0;
};
// The mapping containing |addr| found by descending from the ALIVE VMAR |vmar| through child
// VMARs; nullopt when |addr| falls in a hole, outside |vmar|, or |vmar| is DEAD.
std::optional<MappingRef> FindMappingAt(const State& s, zx_koid_t vmar, zx_vaddr_t addr);
const Mapping& MappingAt(const State& s, const MappingRef& r);

// ---- placement (VMAR-060) ----

// The model's placement: the lowest multiple of |align| at or above |vmar|.base such that
// [p, p + size) fits in |vmar| (and, with OFFSET_IS_UPPER_LIMIT in |options|, ends at or below
// |vmar|.base + |offset|) and meets no child. NO_RESOURCES when there is none.
// Preconditions: |vmar| is an ALIVE VMAR, |size| > 0 is page-aligned, |align| a power of two.
Result<zx_vaddr_t> LowestFit(const State& s, zx_koid_t vmar, uint64_t size, uint64_t align,
                             zx_vm_option_t options, uint64_t offset);

// Whether a kernel may place a new child (VMAR or mapping) of |size| bytes at |proposed_base|
// in VMAR |vmar| for a request with option word |options| (only SPECIFIC, SPECIFIC_OVERWRITE
// and OFFSET_IS_UPPER_LIMIT are consulted) and argument |offset| (the VMAR offset, or the upper
// limit), with effective alignment |align| (2^max(A, 12), see EffectiveAlignment). Use it on the
// state *before* the call, for a request that passed every check that precedes placement
// (VMAR-014 steps 1..13, VMAR-022 steps 1..25), to accept an implementation whose non-SPECIFIC
// placement policy differs from the model's lowest fit (vmar.md V-2). Returns:
//  - ZX_OK: legal. SPECIFIC / SPECIFIC_OVERWRITE: the base is |vmar|.base + |offset|; every
//    request: the base is a multiple of |align|, [base, base + size) lies within |vmar| (and
//    below the upper limit) and meets no child (for SPECIFIC_OVERWRITE: no child VMAR).
//  - ZX_ERR_BAD_STATE: |vmar| is not an ALIVE VMAR.
//  - ZX_ERR_INVALID_ARGS: |size| is 0 or not page-aligned, |align| is not a power of two
//    >= 4096, the base is misaligned, or (SPECIFIC) is not |vmar|.base + |offset|.
//  - ZX_ERR_OUT_OF_RANGE: the range leaves |vmar| or passes the upper limit.
//  - ZX_ERR_ALREADY_EXISTS: the range meets an existing child.
// The model's own choice always passes: for every state and request, LowestFit(...) = p implies
// CheckPlacement(..., p) == ZX_OK, and LowestFit fails exactly when no base passes.
zx_status_t CheckPlacement(const State& s, zx_koid_t vmar, uint64_t size, uint64_t align,
                           zx_vm_option_t options, uint64_t offset, zx_vaddr_t proposed_base);

// ---- zx_vmar_create_vmo_child, steps 1..7 (VMAR-082) ----

// What steps 1..7 of VMAR-082 establish: the mapped VMO, the child's offset within it, and
// whether every page of the range is currently executable (VMAR-083, open point V-7 (f)).
struct VmoChildSource {
  zx_koid_t vmo = 0;
  uint64_t offset = 0;
  bool executable = false;
};
Result<VmoChildSource> CheckVmarCreateVmoChild(const State& s, zx_koid_t caller,
                                               const VmarCreateVmoChild& c);

}  // namespace zxspec::model
