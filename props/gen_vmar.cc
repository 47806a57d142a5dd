// Generators for the VMAR family (vmar.md VMAR-012..084).
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

namespace {

// The alignment field of VMAR-010: none mostly, valid exponents, and the invalid ones (1..9,
// above 32).
rc::Gen<uint32_t> GenAlign() {
  return Weighted<uint32_t>(
      {{70, gen::just(uint32_t{0})},
       {20, Elements<uint32_t>({ZX_VM_ALIGN_4KB, ZX_VM_ALIGN_64KB, ZX_VM_ALIGN_1MB,
                                   ZX_VM_ALIGN_4GB})},
       {10, Elements<uint32_t>({5u << ZX_VM_ALIGN_BASE, 33u << ZX_VM_ALIGN_BASE})}});
}

// Offsets relative to the VMAR |h|: the absolute anchors minus its base.
std::vector<uint64_t> RelativeAnchors(const CallerView& v, zx_handle_t h) {
  std::vector<uint64_t> out;
  const HandleView* hv = FindHandle(v, h);
  const auto* vmar = hv ? std::get_if<model::Vmar>(&v.state->objects.at(hv->koid)) : nullptr;
  for (uint64_t a : AddressAnchors(v, h)) out.push_back(vmar ? a - vmar->base : a);
  return out;
}

}  // namespace

// VMAR-012..016: CAN_MAP_* subsets (ACCESS_DENIED when the parent lacks them), SPECIFIC and
// OFFSET_IS_UPPER_LIMIT (and both, step 9), PERM bits and map-only flags (invalid here).
rc::Gen<Call> GenVmarAllocate(const ViewPtr& v) {
  FlagSpace options{ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE |
                        ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_SPECIFIC | ZX_VM_COMPACT |
                        ZX_VM_OFFSET_IS_UPPER_LIMIT | ZX_VM_CANNOT_CREATE_VMO_CHILD,
                    0,
                    {ZX_VM_PERM_READ, ZX_VM_SPECIFIC_OVERWRITE, ZX_VM_MAP_RANGE,
                     ZX_VM_FAULT_BEYOND_STREAM_SIZE, 1u << 17},
                    {ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT}};
  return gen::exec([v, options] {
    VmarAllocate c;
    c.parent = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    c.options = *GenFlags(options) | *GenAlign();
    auto anchors = RelativeAnchors(*v, c.parent);
    c.size = *GenU64(anchors);
    c.offset = *GenOffsetFor(c.size, anchors);
    return Call{c};
  });
}

// VMAR-020..028: PERM subsets (W or X without R: VMAR-008), SPECIFIC / SPECIFIC_OVERWRITE /
// OFFSET_IS_UPPER_LIMIT, ALLOW_FAULTS with FAULT_BEYOND_STREAM_SIZE, the flags only allocate
// accepts; vmo offsets and lengths anchored at the VMO's size.
rc::Gen<Call> GenVmarMap(const ViewPtr& v) {
  FlagSpace options{ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE | ZX_VM_SPECIFIC |
                        ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_OFFSET_IS_UPPER_LIMIT |
                        ZX_VM_ALLOW_FAULTS | ZX_VM_FAULT_BEYOND_STREAM_SIZE | ZX_VM_MAP_RANGE |
                        ZX_VM_REQUIRE_NON_RESIZABLE | ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED |
                        ZX_VM_CANNOT_CREATE_VMO_CHILD,
                    0,
                    {ZX_VM_CAN_MAP_READ, ZX_VM_COMPACT, ZX_VM_CAN_MAP_SPECIFIC, 1u << 17},
                    {ZX_VM_PERM_WRITE, ZX_VM_MAP_RANGE | ZX_VM_SPECIFIC_OVERWRITE,
                     ZX_VM_PERM_READ | ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT,
                     ZX_VM_PERM_READ | ZX_VM_FAULT_BEYOND_STREAM_SIZE}};
  return gen::exec([v, options] {
    VmarMap c;
    c.vmar = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    c.options = *GenFlags(options) | *GenAlign();
    c.vmo = *GenHandle(v, ZX_OBJ_TYPE_VMO);
    auto vmo_anchors = VmoAnchors(*v, c.vmo);
    c.len = *GenRangeLength(vmo_anchors);
    c.vmo_offset = *GenOffsetFor(c.len, vmo_anchors);
    c.vmar_offset = *GenOffsetFor(c.len, RelativeAnchors(*v, c.vmar));
    return Call{c};
  });
}

// VMAR-030..033: addresses at VMAR and mapping edges (+-1, +-page), lengths that split a
// mapping, cover a child VMAR, or wrap.
rc::Gen<Call> GenVmarUnmap(const ViewPtr& v) {
  return gen::exec([v] {
    VmarUnmap c;
    c.vmar = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    c.len = *GenRangeLength();
    c.addr = *GenOffsetFor(c.len, AddressAnchors(*v, c.vmar));
    return Call{c};
  });
}

// VMAR-040..043: PERM subsets (and XOM), non-PERM flags (step 6), ranges as for unmap.
rc::Gen<Call> GenVmarProtect(const ViewPtr& v) {
  FlagSpace options{ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE |
                        ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED,
                    0,
                    {ZX_VM_SPECIFIC, ZX_VM_COMPACT, ZX_VM_CAN_MAP_READ,
                     ZX_VM_CANNOT_CREATE_VMO_CHILD, ZX_VM_ALIGN_4KB},
                    {ZX_VM_PERM_WRITE, ZX_VM_PERM_EXECUTE}};
  return gen::exec([v, options] {
    VmarProtect c;
    c.vmar = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    c.options = *GenFlags(options);
    c.len = *GenRangeLength();
    c.addr = *GenOffsetFor(c.len, AddressAnchors(*v, c.vmar));
    return Call{c};
  });
}

// VMAR-050..052: any VMAR handle, the root one included (NOT_SUPPORTED).
rc::Gen<Call> GenVmarDestroy(const ViewPtr& v) {
  return gen::map(GenHandle(v, ZX_OBJ_TYPE_VMAR),
                  [](zx_handle_t h) { return Call{VmarDestroy{h}}; });
}

// VMAR-080..084: SNAPSHOT / AT_LEAST_ON_WRITE with NO_WRITE, the child types it rejects;
// ranges inside, across and outside mappings.
rc::Gen<Call> GenVmarCreateVmoChild(const ViewPtr& v) {
  FlagSpace options{ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE |
                        ZX_VMO_CHILD_NO_WRITE,
                    ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                    {ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_RESIZABLE, ZX_VMO_CHILD_REFERENCE,
                     ZX_VMO_CHILD_SNAPSHOT_MODIFIED},
                    {}};
  return gen::exec([v, options] {
    VmarCreateVmoChild c;
    c.vmar = *GenHandle(v, ZX_OBJ_TYPE_VMAR);
    c.options = *GenFlags(options);
    c.size = *GenRangeLength();
    c.addr = *GenOffsetFor(c.size, AddressAnchors(*v, c.vmar));
    return Call{c};
  });
}

}  // namespace zxspec::props
