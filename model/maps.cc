// The VMAR info topics of zx_object_get_info: ZX_INFO_VMAR, ZX_INFO_VMAR_MAPS (seed RFC-0253)
// and ZX_INFO_PROCESS_MAPS with its older versions (process-maps.md MAPS-001..024).
#include <algorithm>
#include <string>

#include "model/core.h"
#include "model/families.h"
#include "model/vmar.h"
#include "model/vmo.h"

namespace zxspec::model {
namespace {


zx_name_t NameField(const std::string& name) {
  zx_name_t out{};
  std::copy_n(name.begin(), std::min<size_t>(name.size(), ZX_MAX_NAME_LEN - 1), out.begin());
  return out;
}

// MAPS-020: committed bytes of |vmo| in [offset, offset + len), counted as VMO-133 counts them
// (slices and references own no pages; pages past the VMO size count 0).
uint64_t CommittedInRange(const State& s, const Vmo& vmo, uint64_t offset, uint64_t len) {
  if (vmo.kind == VmoKind::kSlice || vmo.kind == VmoKind::kReference) return 0;
  const uint64_t end = std::min(offset + len, VmoSize(s, vmo));
  if (offset >= end) return 0;
  PageSet in_range = MemoryOf(s, vmo).committed;  // keep only the pages of the range
  in_range.EraseRange(0, (vmo.offset + offset) / kPage);
  in_range.EraseRange((vmo.offset + end) / kPage, UINT64_MAX);
  return in_range.size() * kPage;
}

// MAPS-020: one MAPPING entry per permission run of |m|.
void EmitMapping(const State& s, const Mapping& m, uint64_t depth,
                 std::vector<zx_info_maps_t>& out) {
  const Vmo& vmo = Get<Vmo>(s, m.vmo);
  for (const PermRun& r : m.perms) {
    zx_info_maps_t e;
    e.name = NameField(vmo.name);
    e.base = m.base + r.first_page * kPage;
    e.size = r.pages * kPage;
    e.depth = depth;
    e.type = ZX_INFO_MAPS_TYPE_MAPPING;
    auto& mp = e.u.mapping;
    mp.mmu_flags = r.perms;
    mp.vmo_koid = m.vmo;
    mp.vmo_offset = m.vmo_offset + r.first_page * kPage;
    mp.committed_bytes = CommittedInRange(s, vmo, mp.vmo_offset, e.size);
    mp.populated_bytes = mp.committed_bytes;
    // Open point P-8: private and scaled fields 0, fractional fields all ones.
    mp.committed_fractional_scaled_bytes = UINT64_MAX;
    mp.populated_fractional_scaled_bytes = UINT64_MAX;
    out.push_back(e);
  }
}

// MAPS-011: depth-first pre-order walk of the ALIVE VMAR |koid| at |depth|.
void Walk(const State& s, zx_koid_t koid, uint64_t depth, std::vector<zx_info_maps_t>& out) {
  const Vmar& v = Get<Vmar>(s, koid);
  zx_info_maps_t e;  // MAPS-022: zero union
  e.name = NameField(v.name);
  e.base = v.base;
  e.size = v.size;
  e.depth = depth;
  e.type = ZX_INFO_MAPS_TYPE_VMAR;
  out.push_back(e);
  for (const VmarChild& c : v.children) {  // ascending base
    if (const auto* m = std::get_if<Mapping>(&c)) {
      EmitMapping(s, *m, depth + 1, out);
    } else {
      Walk(s, std::get<zx_koid_t>(c), depth + 1, out);
    }
  }
}

}  // namespace

// ZX_INFO_VMAR: MAPS-003 (no state test: a DEAD VMAR keeps its base and size, V-11)
Outcome InfoVmar(const State& s, zx_koid_t caller, zx_handle_t h) {
  auto e = LookupWithRights<Vmar>(s, caller, h, ZX_RIGHT_INSPECT);
  if (e.is_error()) return Outcome::Status(e.status_value());
  const Vmar& v = Get<Vmar>(s, e->object);
  return Outcome::Ok(InfoResult{zx_info_vmar_t{v.base, v.size}});
}

// ZX_INFO_VMAR_MAPS: MAPS-010..012, MAPS-020..023 (seed RFC-0253)
Outcome InfoVmarMaps(const State& s, zx_koid_t caller, zx_handle_t h) {
  auto e = LookupWithRights<Vmar>(s, caller, h, ZX_RIGHT_INSPECT);  // MAPS-010
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (Get<Vmar>(s, e->object).state == Lifecycle::kDead) {
    return Outcome::Status(ZX_ERR_BAD_STATE);  // MAPS-010: destroyed, or its process died
  }
  std::vector<zx_info_maps_t> out;
  Walk(s, e->object, 0, out);  // MAPS-011: the queried VMAR first, at depth 0
  return Outcome::Ok(InfoResult{std::move(out)});
}

// ZX_INFO_PROCESS_MAPS (and _V1, _V2, which list the same entries): MAPS-015..017
Outcome InfoProcessMaps(const State& s, zx_koid_t caller, zx_handle_t h) {
  auto e = LookupWithRights<Process>(s, caller, h, ZX_RIGHT_INSPECT);  // MAPS-015
  if (e.is_error()) return Outcome::Status(e.status_value());
  const Process& p = Get<Process>(s, e->object);
  const Vmar* root = Find<Vmar>(s, p.root_vmar);
  if (p.state == ProcessState::kDead || root == nullptr || root->state == Lifecycle::kDead) {
    return Outcome::Status(ZX_ERR_BAD_STATE);  // MAPS-015: address space destroyed
  }
  std::vector<zx_info_maps_t> out;
  zx_info_maps_t aspace;  // MAPS-016 (1)
  aspace.name = NameField("proc:" + std::to_string(e->object));
  aspace.base = root->base;
  aspace.size = root->size;
  aspace.depth = 0;
  aspace.type = ZX_INFO_MAPS_TYPE_ASPACE;
  out.push_back(aspace);
  Walk(s, p.root_vmar, 1, out);  // MAPS-016 (2): depths shifted by one
  return Outcome::Ok(InfoResult{std::move(out)});
}

}  // namespace zxspec::model
