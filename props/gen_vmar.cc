// Generators for the VMAR family (vmar.md VMAR-012..084). Calls with many flags reach their
// success path through FlagSpace::common words and page-aligned places (the edges of the
// caller's VMARs and mappings); the general biases (random and invalid words, unaligned and
// overflowing offsets) still make up a large share of the draws.
#include <algorithm>
#include <optional>
#include <tuple>

#include "model/vmo.h"
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

namespace {

// The alignment field of VMAR-010: none mostly, valid exponents, and the invalid ones (1..9,
// above 32).
rc::Gen<uint32_t> GenAlign() {
  return Weighted<uint32_t>(
      {{80, gen::just(uint32_t{0})},
       {12, Elements<uint32_t>({ZX_VM_ALIGN_4KB, ZX_VM_ALIGN_64KB, ZX_VM_ALIGN_1MB,
                                ZX_VM_ALIGN_4GB})},
       {8, Elements<uint32_t>({5u << ZX_VM_ALIGN_BASE, 33u << ZX_VM_ALIGN_BASE})}});
}

// Offsets relative to the VMAR |h|: the absolute anchors minus its base.
std::vector<uint64_t> RelativeAnchors(const CallerView& v, zx_handle_t h) {
  std::vector<uint64_t> out;
  const HandleView* hv = FindHandle(v, h);
  const auto* vmar = hv ? std::get_if<model::Vmar>(&v.state->objects.at(hv->koid)) : nullptr;
  for (uint64_t a : AddressAnchors(v, h)) out.push_back(vmar ? a - vmar->base : a);
  return out;
}

// A third of the vmar_map draws: a map that passes every check of VMAR-022 when the caller
// holds a live VMAR handle and a VMO handle with MAP and READ: READ, or READ|WRITE when both
// handles allow it, of the VMO's first pages (at most 16; one page of an empty VMO) from
// offset 0, placed by the VMAR (or SPECIFIC at its start). Without it, successful maps came up about 9 times in 200 cases
// of 40 calls, too rarely for the properties about mappings (vmar-map-rights, -perms-origin,
// -maps-agree, vmar_create_vmo_child content, mem_read/mem_write successes).
std::optional<VmarMap> WellFormedMap(const CallerView& v) {
  std::vector<const HandleView*> vmars, vmos;
  for (const auto& h : v.live) {
    if (h.type == ZX_OBJ_TYPE_VMAR) vmars.push_back(&h);
    if (h.type == ZX_OBJ_TYPE_VMO && (h.rights & (ZX_RIGHT_MAP | ZX_RIGHT_READ)) ==
                                         (ZX_RIGHT_MAP | ZX_RIGHT_READ)) {
      vmos.push_back(&h);
    }
  }
  if (vmars.empty() || vmos.empty()) return std::nullopt;
  const HandleView* vmar = *gen::elementOf(vmars);
  const HandleView* vmo = *gen::elementOf(vmos);
  const auto* body = std::get_if<model::Vmo>(&v.state->objects.at(vmo->koid));
  if (body == nullptr) return std::nullopt;
  const uint64_t pages = model::VmoSize(*v.state, *body) / ZX_PAGE_SIZE;
  VmarMap c;
  c.vmar = vmar->value;
  c.vmo = vmo->value;
  const bool writable = (vmo->rights & vmar->rights & ZX_RIGHT_WRITE) != 0;
  c.options = ZX_VM_PERM_READ | (writable && *gen::inRange(0, 2) == 0 ? ZX_VM_PERM_WRITE : 0);
  // One in four at the VMAR's first page, SPECIFIC: placed there while it is free, else
  // ALREADY_EXISTS (VMAR-022 step 26) once something was mapped or allocated there.
  if (*gen::inRange(0, 4) == 0) c.options |= ZX_VM_SPECIFIC;
  c.len = std::clamp<uint64_t>(pages, 1, 16) * ZX_PAGE_SIZE;
  c.vmo_offset = 0;
  c.vmar_offset = 0;
  return c;
}

}  // namespace

// VMAR-012..016: CAN_MAP_* subsets (ACCESS_DENIED when the parent lacks them), SPECIFIC and
// OFFSET_IS_UPPER_LIMIT (and both, step 9), PERM bits and map-only flags (invalid here).
rc::Gen<Call> GenVmarAllocate(const ViewPtr& v) {
  constexpr uint32_t kRW = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE;
  FlagSpace options{ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE |
                        ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_SPECIFIC | ZX_VM_COMPACT |
                        ZX_VM_OFFSET_IS_UPPER_LIMIT | ZX_VM_CANNOT_CREATE_VMO_CHILD,
                    0,
                    {ZX_VM_PERM_READ, ZX_VM_SPECIFIC_OVERWRITE, ZX_VM_MAP_RANGE,
                     ZX_VM_FAULT_BEYOND_STREAM_SIZE, 1u << 17},
                    {ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT},
                    {0, kRW, kRW | ZX_VM_CAN_MAP_SPECIFIC,
                     kRW | ZX_VM_CAN_MAP_EXECUTE | ZX_VM_CAN_MAP_SPECIFIC,
                     ZX_VM_CAN_MAP_READ | ZX_VM_SPECIFIC | ZX_VM_CAN_MAP_SPECIFIC,
                     kRW | ZX_VM_SPECIFIC | ZX_VM_CAN_MAP_SPECIFIC, kRW | ZX_VM_COMPACT,
                     kRW | ZX_VM_OFFSET_IS_UPPER_LIMIT,
                     kRW | ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_CANNOT_CREATE_VMO_CHILD}};
  return gen::exec([v, options] {
    VmarAllocate c;
    c.parent = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    c.options = *GenFlags(options) | *GenAlign();
    auto anchors = RelativeAnchors(*v, c.parent);
    c.size = *GenRangeSize(anchors);
    c.offset = (c.options & (ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT)) == 0 &&
                       *gen::inRange(0, 4) != 0
                   ? 0  // VMAR-014 step 10: non-specific placements take offset 0
                   : *GenPlace(anchors, c.size);
    return Call{c};
  });
}

// VMAR-020..028: PERM subsets (W or X without R: VMAR-008), SPECIFIC / SPECIFIC_OVERWRITE /
// OFFSET_IS_UPPER_LIMIT, ALLOW_FAULTS with FAULT_BEYOND_STREAM_SIZE, the flags only allocate
// accepts; vmo offsets and lengths page-aligned mostly, else anchored at the VMO's size.
rc::Gen<Call> GenVmarMap(const ViewPtr& v) {
  constexpr uint32_t kR = ZX_VM_PERM_READ, kRW = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE;
  constexpr uint32_t kFaults = ZX_VM_ALLOW_FAULTS | ZX_VM_FAULT_BEYOND_STREAM_SIZE;
  FlagSpace options{ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE | ZX_VM_SPECIFIC |
                        ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_OFFSET_IS_UPPER_LIMIT |
                        ZX_VM_ALLOW_FAULTS | ZX_VM_FAULT_BEYOND_STREAM_SIZE | ZX_VM_MAP_RANGE |
                        ZX_VM_REQUIRE_NON_RESIZABLE | ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED |
                        ZX_VM_CANNOT_CREATE_VMO_CHILD,
                    0,
                    {ZX_VM_CAN_MAP_READ, ZX_VM_COMPACT, ZX_VM_CAN_MAP_SPECIFIC, 1u << 17},
                    {ZX_VM_PERM_WRITE, ZX_VM_MAP_RANGE | ZX_VM_SPECIFIC_OVERWRITE,
                     kR | ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT,
                     kR | ZX_VM_FAULT_BEYOND_STREAM_SIZE},
                    {0, kR, kRW, kR | ZX_VM_PERM_EXECUTE, kR | ZX_VM_SPECIFIC,
                     kRW | ZX_VM_SPECIFIC, kRW | ZX_VM_SPECIFIC_OVERWRITE,
                     kR | ZX_VM_OFFSET_IS_UPPER_LIMIT, kR | kFaults, kRW | kFaults | ZX_VM_SPECIFIC,
                     kR | ZX_VM_MAP_RANGE, kR | ZX_VM_REQUIRE_NON_RESIZABLE,
                     ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED | ZX_VM_PERM_EXECUTE,
                     kRW | ZX_VM_CANNOT_CREATE_VMO_CHILD}};
  return gen::exec([v, options] {
    if (*gen::inRange(0, 3) == 0) {
      if (auto fit = WellFormedMap(*v)) return Call{*fit};
    }
    VmarMap c;
    c.vmar = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    c.options = *GenFlags(options) | *GenAlign();
    c.vmo = *GenHandle(v, ZX_OBJ_TYPE_VMO);
    auto vmo_anchors = VmoAnchors(*v, c.vmo);
    c.len = *GenRangeSize(vmo_anchors);
    c.vmo_offset = *Weighted<uint64_t>(
        {{60, GenPageMultiple()}, {40, GenOffsetFor(c.len, vmo_anchors)}});
    const bool placed = (c.options & (ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE |
                                      ZX_VM_OFFSET_IS_UPPER_LIMIT)) != 0;
    c.vmar_offset = !placed && *gen::inRange(0, 4) != 0
                        ? 0  // VMAR-022 step 22: non-specific maps take offset 0
                        : *GenPlace(RelativeAnchors(*v, c.vmar), c.len);
    return Call{c};
  });
}

// VMAR-030..033: addresses at VMAR and mapping edges (plus pages, +-1), lengths that split a
// mapping, cover a child VMAR, or wrap.
rc::Gen<Call> GenVmarUnmap(const ViewPtr& v) {
  return gen::exec([v] {
    VmarUnmap c;
    c.vmar = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    if (auto inside = *GenInsideMapping(v)) {
      std::tie(c.addr, c.len) = *inside;  // splits or trims a mapping (VMAR-033)
      return Call{c};
    }
    c.len = *GenRangeSize();
    c.addr = *GenPlace(AddressAnchors(*v, c.vmar), c.len);
    return Call{c};
  });
}

// VMAR-040..043: PERM subsets (and XOM), non-PERM flags (step 6), ranges as for unmap.
rc::Gen<Call> GenVmarProtect(const ViewPtr& v) {
  constexpr uint32_t kR = ZX_VM_PERM_READ;
  FlagSpace options{ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE |
                        ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED,
                    0,
                    {ZX_VM_SPECIFIC, ZX_VM_COMPACT, ZX_VM_CAN_MAP_READ,
                     ZX_VM_CANNOT_CREATE_VMO_CHILD, ZX_VM_ALIGN_4KB},
                    {ZX_VM_PERM_WRITE, ZX_VM_PERM_EXECUTE},
                    {0, kR, kR | ZX_VM_PERM_WRITE, kR | ZX_VM_PERM_EXECUTE,
                     ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED}};
  return gen::exec([v, options] {
    VmarProtect c;
    c.vmar = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    c.options = *GenFlags(options);
    if (auto inside = *GenInsideMapping(v)) {
      std::tie(c.addr, c.len) = *inside;
      return Call{c};
    }
    c.len = *GenRangeSize();
    c.addr = *GenPlace(AddressAnchors(*v, c.vmar), c.len);
    return Call{c};
  });
}

// VMAR-050..052: any VMAR handle, the root one included (NOT_SUPPORTED).
rc::Gen<Call> GenVmarDestroy(const ViewPtr& v) {
  return gen::map(GenHandle(v, ZX_OBJ_TYPE_VMAR),
                  [](zx_handle_t h) { return Call{VmarDestroy{h}}; });
}

// VMAR-080..084: SNAPSHOT / AT_LEAST_ON_WRITE with NO_WRITE, the child types it rejects;
// ranges at mapping edges (inside, across, outside).
rc::Gen<Call> GenVmarCreateVmoChild(const ViewPtr& v) {
  FlagSpace options{ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE |
                        ZX_VMO_CHILD_NO_WRITE,
                    ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                    {ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_RESIZABLE, ZX_VMO_CHILD_REFERENCE,
                     ZX_VMO_CHILD_SNAPSHOT_MODIFIED},
                    {},
                    {ZX_VMO_CHILD_SNAPSHOT, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE,
                     ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                     ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_NO_WRITE}};
  return gen::exec([v, options] {
    VmarCreateVmoChild c;
    c.vmar = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    c.options = *GenFlags(options);
    if (auto inside = *GenInsideMapping(v)) {
      std::tie(c.addr, c.size) = *inside;
      return Call{c};
    }
    c.size = *GenRangeSize();
    c.addr = *GenPlace(AddressAnchors(*v, c.vmar), c.size);
    return Call{c};
  });
}

}  // namespace zxspec::props
