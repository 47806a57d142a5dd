// VMOs: zx_vmo_create, zx_vmo_read, zx_vmo_write, zx_vmo_get_size, zx_vmo_set_size,
// zx_vmo_get_stream_size, zx_vmo_set_stream_size, ZX_PROP_VMO_CONTENT_SIZE and ZX_INFO_VMO
// (vmo.md), with the size rules of seed RFC-0238 and the immutability flag of seed RFC-0080.
#include "model/vmo.h"

#include <algorithm>
#include <set>

#include "model/core.h"
#include "model/families.h"

namespace zxspec::model {

// ---- views ----

Memory& MemoryOf(State& s, const Vmo& v) { return s.memories.at(v.memory); }
const Memory& MemoryOf(const State& s, const Vmo& v) { return s.memories.at(v.memory); }

uint64_t VmoSize(const State& s, const Vmo& v) {
  return v.kind == VmoKind::kSlice ? v.slice_size : MemoryOf(s, v).size;
}

uint64_t VmoStreamSize(const State& s, const Vmo& v) {
  return v.kind == VmoKind::kSlice ? v.slice_stream_size : MemoryOf(s, v).stream_size;
}

bool VmoResizable(const State& s, const Vmo& v) {
  return v.kind != VmoKind::kSlice && MemoryOf(s, v).resizable;
}

bool VmoDiscardable(const State& s, const Vmo& v) {
  return v.kind == VmoKind::kRoot && MemoryOf(s, v).discardable;
}

Bytes ReadVmo(const State& s, const Vmo& v, uint64_t offset, uint64_t len) {
  return MemoryOf(s, v).content.Read(v.offset + offset, len);
}

void WriteVmo(State& s, const Vmo& v, uint64_t offset, const Bytes& data) {
  if (data.empty()) return;
  Memory& m = MemoryOf(s, v);
  uint64_t start = v.offset + offset;
  m.content.Write(start, data);
  for (uint64_t p = start / ZX_PAGE_SIZE; p <= (start + data.size() - 1) / ZX_PAGE_SIZE; ++p) {
    m.committed.insert(p);
  }
}

void ZeroVmo(State& s, const Vmo& v, uint64_t offset, uint64_t len) {
  if (len == 0) return;
  Memory& m = MemoryOf(s, v);
  uint64_t start = v.offset + offset;
  uint64_t end = start + len;
  m.content.Zero(start, len);
  uint64_t first_whole = (start + ZX_PAGE_SIZE - 1) / ZX_PAGE_SIZE;
  uint64_t end_whole = end / ZX_PAGE_SIZE;
  for (auto it = m.committed.lower_bound(first_whole);
       it != m.committed.end() && *it < end_whole;) {
    it = m.committed.erase(it);
  }
}

void SetStreamSize(State& s, zx_koid_t vmo, uint64_t size) {
  Vmo& v = Get<Vmo>(s, vmo);
  uint64_t lo = std::min(size, VmoStreamSize(s, v));
  ZeroVmo(s, v, lo, VmoSize(s, v) - lo);  // VMO-049
  if (v.kind == VmoKind::kSlice) {
    v.slice_stream_size = size;  // slices own their cell (VMO-081)
  } else {
    MemoryOf(s, v).stream_size = size;  // shared with references and streams (VMO-005)
  }
}

uint64_t NumChildren(const State& s, zx_koid_t koid) {
  uint64_t n = 0;
  for (const auto& [k, body] : s.objects) {
    if (const auto* v = std::get_if<Vmo>(&body); v != nullptr && v->parent == koid) ++n;
  }
  return n;
}

template <class F>
static void ForEachMapping(const State& s, F f) {
  for (const auto& [k, body] : s.objects) {
    const auto* vmar = std::get_if<Vmar>(&body);
    if (vmar == nullptr || vmar->state != Lifecycle::kAlive) continue;
    for (const auto& c : vmar->children) {
      if (const auto* m = std::get_if<Mapping>(&c)) f(*vmar, *m);
    }
  }
}

uint64_t NumMappings(const State& s, zx_koid_t koid) {
  uint64_t n = 0;
  ForEachMapping(s, [&](const Vmar&, const Mapping& m) { n += m.vmo == koid ? 1 : 0; });
  return n;
}

uint64_t ShareCount(const State& s, zx_koid_t koid) {
  std::set<zx_koid_t> processes;
  ForEachMapping(s, [&](const Vmar& vmar, const Mapping& m) {
    if (m.vmo == koid) processes.insert(vmar.process);
  });
  return processes.size();
}

// ---- zx_vmo_create: VMO-010..017 ----

Outcome Do(State& s, zx_koid_t caller, const VmoCreate& c) {
  // VMO-010: the model's default job policy allows ZX_POL_NEW_VMO.
  const bool resizable = (c.options & ZX_VMO_RESIZABLE) != 0;
  const bool discardable = (c.options & ZX_VMO_DISCARDABLE) != 0;
  const bool unbounded = (c.options & ZX_VMO_UNBOUNDED) != 0;
  if (resizable && unbounded) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-011
  uint64_t size = kVmoMaxSize;
  if (!unbounded) {
    auto rounded = RoundUpPage(c.size);
    if (!rounded || *rounded > kVmoMaxSize) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-012
    size = *rounded;
  }
  if ((c.options & ~(ZX_VMO_RESIZABLE | ZX_VMO_DISCARDABLE | ZX_VMO_UNBOUNDED)) != 0) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-013
  }
  if (unbounded && c.size > kVmoMaxSize) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-014

  Memory m;  // VMO-015
  m.size = size;
  m.stream_size = c.size;
  m.resizable = resizable;
  m.discardable = discardable;
  Vmo v;
  v.kind = VmoKind::kRoot;
  v.memory = NewMemory(s, std::move(m));
  zx_koid_t koid = NewObject(s, std::move(v));
  zx_rights_t rights = ZX_DEFAULT_VMO_RIGHTS | (resizable ? ZX_RIGHT_RESIZE : 0);  // VMO-016
  return Outcome::Ok(HandleResult{InstallHandle(s, caller, {koid, rights})});
}

// ---- zx_vmo_read / zx_vmo_write: VMO-020..025 ----

// VMO-021/022: offset + len must not wrap and must lie within the VMO size.
static bool InBounds(uint64_t offset, uint64_t len, uint64_t size) {
  return offset <= UINT64_MAX - len && offset + len <= size;
}

Outcome Do(State& s, zx_koid_t caller, const VmoRead& c) {
  auto e = LookupWithRights<Vmo>(s, caller, c.handle, ZX_RIGHT_READ);  // VMO-020
  if (e.is_error()) return Outcome::Status(e.status_value());
  const Vmo& v = Get<Vmo>(s, e->object);
  if (c.offset > UINT64_MAX - c.len) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-021
  if (!InBounds(c.offset, c.len, VmoSize(s, v))) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-022
  }
  return Outcome::Ok(BytesResult{ReadVmo(s, v, c.offset, c.len)});  // VMO-024
}

Outcome Do(State& s, zx_koid_t caller, const VmoWrite& c) {
  auto e = LookupWithRights<Vmo>(s, caller, c.handle, ZX_RIGHT_WRITE);  // VMO-020
  if (e.is_error()) return Outcome::Status(e.status_value());
  const Vmo& v = Get<Vmo>(s, e->object);
  const uint64_t len = c.data.size();
  if (c.offset > UINT64_MAX - len) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-021
  if (!InBounds(c.offset, len, VmoSize(s, v))) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-022
  }
  WriteVmo(s, v, c.offset, c.data);  // VMO-025: stream size unchanged
  return Outcome::Ok();
}

// ---- sizes: VMO-030..049 ----

Outcome Do(State& s, zx_koid_t caller, const VmoGetSize& c) {
  auto e = LookupTyped<Vmo>(s, caller, c.handle);  // VMO-030: no rights
  if (e.is_error()) return Outcome::Status(e.status_value());
  return Outcome::Ok(U64Result{VmoSize(s, Get<Vmo>(s, e->object))});  // VMO-031
}

Outcome Do(State& s, zx_koid_t caller, const VmoGetStreamSize& c) {
  auto e = LookupTyped<Vmo>(s, caller, c.handle);  // VMO-030
  if (e.is_error()) return Outcome::Status(e.status_value());
  return Outcome::Ok(U64Result{VmoStreamSize(s, Get<Vmo>(s, e->object))});  // VMO-032
}

Outcome Do(State& s, zx_koid_t caller, const VmoSetSize& c) {
  auto e = LookupWithRights<Vmo>(s, caller, c.handle, ZX_RIGHT_WRITE);  // VMO-035
  if (e.is_error()) return Outcome::Status(e.status_value());
  const Vmo& v = Get<Vmo>(s, e->object);
  const bool resizable = VmoResizable(s, v);
  if (resizable && !HasRights(e->rights, ZX_RIGHT_RESIZE)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-036
  }
  if (!resizable) return Outcome::Status(ZX_ERR_UNAVAILABLE);             // VMO-037
  if (c.size > kVmoMaxSize) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-038
  if (!IsPageAligned(c.size)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-039
  Memory& m = MemoryOf(s, v);
  if (c.size < m.size) {  // VMO-041: discarded bytes never come back
    m.content.TruncateFrom(c.size);
    m.committed.erase(m.committed.lower_bound(c.size / ZX_PAGE_SIZE), m.committed.end());
  }
  m.size = c.size;
  m.stream_size = std::min(m.stream_size, c.size);  // VMO-042 (RFC-0238)
  return Outcome::Ok();
}

// VMO-046..049, shared by zx_vmo_set_stream_size and ZX_PROP_VMO_CONTENT_SIZE.
static Outcome SetStreamSizeChecked(State& s, zx_koid_t vmo_koid, uint64_t size) {
  const Vmo& v = Get<Vmo>(s, vmo_koid);
  if (size == VmoStreamSize(s, v)) return Outcome::Ok();                    // VMO-047
  if (size > VmoSize(s, v)) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-048
  SetStreamSize(s, vmo_koid, size);                                       // VMO-049
  return Outcome::Ok();
}

Outcome Do(State& s, zx_koid_t caller, const VmoSetStreamSize& c) {
  auto e = LookupWithRights<Vmo>(s, caller, c.handle, ZX_RIGHT_WRITE);  // VMO-045
  if (e.is_error()) return Outcome::Status(e.status_value());
  return SetStreamSizeChecked(s, e->object, c.size);
}

// ---- ZX_PROP_VMO_CONTENT_SIZE: VMO-052/053 (after the generic checks of object.cc) ----

Outcome GetVmoContentSize(const State& s, const HandleEntry& e, size_t value_size) {
  if (value_size < sizeof(uint64_t)) return Outcome::Status(ZX_ERR_BUFFER_TOO_SMALL);  // VMO-052
  const auto* v = Find<Vmo>(s, e.object);
  if (v == nullptr) return Outcome::Status(ZX_ERR_WRONG_TYPE);
  return Outcome::Ok(U64Result{VmoStreamSize(s, *v)});
}

Outcome SetVmoContentSize(State& s, const HandleEntry& e, const Bytes& value) {
  if (!HasRights(e.rights, ZX_RIGHT_WRITE)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-053
  if (value.size() < sizeof(uint64_t)) return Outcome::Status(ZX_ERR_BUFFER_TOO_SMALL);
  if (Find<Vmo>(s, e.object) == nullptr) return Outcome::Status(ZX_ERR_WRONG_TYPE);
  return SetStreamSizeChecked(s, e.object, DecodeLe(value));
}

// ---- ZX_INFO_VMO: VMO-130..133 ----

static uint32_t InfoFlags(const State& s, const Vmo& v) {  // VMO-131
  uint32_t f = ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE;
  if (VmoResizable(s, v)) f |= ZX_INFO_VMO_RESIZABLE;
  if (v.kind == VmoKind::kCowClone) f |= ZX_INFO_VMO_IS_COW_CLONE;
  if (VmoDiscardable(s, v)) f |= ZX_INFO_VMO_DISCARDABLE;
  if (v.immutable_at_creation) f |= ZX_INFO_VMO_IMMUTABLE;
  return f;
}

// VMO-133: roots and COW clones report the pages their memory holds; slices and references 0.
static uint64_t CommittedBytes(const State& s, const Vmo& v) {
  if (v.kind == VmoKind::kSlice || v.kind == VmoKind::kReference) return 0;
  return MemoryOf(s, v).committed.size() * ZX_PAGE_SIZE;
}

Outcome InfoVmo(const State& s, zx_koid_t caller, zx_handle_t h) {
  auto e = LookupTyped<Vmo>(s, caller, h);  // VMO-130: no rights required
  if (e.is_error()) return Outcome::Status(e.status_value());
  const Vmo& v = Get<Vmo>(s, e->object);
  zx_info_vmo_t info;  // VMO-132
  info.koid = e->object;
  std::copy_n(v.name.begin(), std::min<size_t>(v.name.size(), ZX_MAX_NAME_LEN - 1),
              info.name.begin());
  info.size_bytes = VmoSize(s, v);
  info.parent_koid = v.parent;
  info.num_children = NumChildren(s, e->object);
  info.num_mappings = NumMappings(s, e->object);
  info.share_count = ShareCount(s, e->object);
  info.flags = InfoFlags(s, v);
  info.committed_bytes = CommittedBytes(s, v);
  info.populated_bytes = info.committed_bytes;
  info.handle_rights = e->rights;
  info.cache_policy = ZX_CACHE_POLICY_CACHED;
  return Outcome::Ok(InfoResult{info});
}

}  // namespace zxspec::model
