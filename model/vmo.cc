// VMOs: zx_vmo_create, zx_vmo_create_child, zx_vmo_read, zx_vmo_write, zx_vmo_get_size,
// zx_vmo_set_size, zx_vmo_get_stream_size, zx_vmo_set_stream_size, zx_vmo_op_range,
// zx_vmo_replace_as_executable, ZX_PROP_VMO_CONTENT_SIZE and ZX_INFO_VMO (vmo.md), with the size
// rules of seed RFC-0238 and the immutability flag of seed RFC-0080.
#include "model/vmo.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

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
  m.committed.InsertRange(start / ZX_PAGE_SIZE, (start + data.size() - 1) / ZX_PAGE_SIZE + 1);
}

void ZeroVmo(State& s, const Vmo& v, uint64_t offset, uint64_t len) {
  if (len == 0) return;
  Memory& m = MemoryOf(s, v);
  uint64_t start = v.offset + offset;
  uint64_t end = start + len;
  m.content.Zero(start, len);
  uint64_t first_whole = start / ZX_PAGE_SIZE + (start % ZX_PAGE_SIZE != 0 ? 1 : 0);
  m.committed.EraseRange(first_whole, end / ZX_PAGE_SIZE);
}

void SetStreamSize(State& s, zx_koid_t vmo, uint64_t size) {
  Vmo& v = Get<Vmo>(s, vmo);
  uint64_t lo = std::min(size, VmoStreamSize(s, v));
  ZeroVmo(s, v, lo, VmoSize(s, v) - lo);  // VMO-049
  StoreStreamSize(s, vmo, size);
}

void StoreStreamSize(State& s, zx_koid_t vmo, uint64_t size) {
  Vmo& v = Get<Vmo>(s, vmo);
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
  if (c.len > kMaxUserBufferBytes) return Outcome::Status(ZX_ERR_NO_MEMORY);  // GEN-006 limit
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

namespace {

// a + b + c without wrapping around 2^64.
bool SumFits(uint64_t a, uint64_t b, uint64_t c = 0) {
  return a <= UINT64_MAX - b && a + b <= UINT64_MAX - c;
}

}  // namespace

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
  if (!SumFits(m.root_offset, c.size)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-039b
  if (c.size < m.size) {  // VMO-041: discarded bytes never come back
    m.content.TruncateFrom(c.size);
    m.committed.EraseRange(c.size / ZX_PAGE_SIZE, UINT64_MAX);
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

// ---- zx_vmo_create_child: VMO-070..090 ----

namespace {

enum class ChildType { kSnapshot, kAtLeastOnWrite, kModified, kSlice, kReference };

bool IsSnapshotFamily(ChildType t) {
  return t == ChildType::kSnapshot || t == ChildType::kAtLeastOnWrite ||
         t == ChildType::kModified;
}

// VMO-074: the child type from the option bits that remain once NO_WRITE is removed (VMO-071).
Result<ChildType> SelectChildType(uint32_t options) {
  if ((options & ZX_VMO_CHILD_SLICE) != 0) {
    if (options != ZX_VMO_CHILD_SLICE) return Error{ZX_ERR_INVALID_ARGS};  // VMO-074 (a)
    return ChildType::kSlice;
  }
  if ((options & ZX_VMO_CHILD_REFERENCE) != 0) {
    if ((options & ~(ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE)) != 0) {
      return Error{ZX_ERR_INVALID_ARGS};  // VMO-074 (b)
    }
    return ChildType::kReference;
  }
  ChildType type;
  uint32_t bit;
  if ((options & ZX_VMO_CHILD_SNAPSHOT) != 0) {
    type = ChildType::kSnapshot, bit = ZX_VMO_CHILD_SNAPSHOT;
  } else if ((options & ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE) != 0) {
    type = ChildType::kAtLeastOnWrite, bit = ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE;
  } else if ((options & ZX_VMO_CHILD_SNAPSHOT_MODIFIED) != 0) {
    type = ChildType::kModified, bit = ZX_VMO_CHILD_SNAPSHOT_MODIFIED;
  } else {
    return Error{ZX_ERR_INVALID_ARGS};  // VMO-074 (c): no type
  }
  if ((options & ~(bit | ZX_VMO_CHILD_RESIZABLE)) != 0) {
    return Error{ZX_ERR_INVALID_ARGS};  // VMO-074 (c): a second type or an unknown bit
  }
  return type;
}

// VMO-075: the SNAPSHOT family's argument checks against parent |p|.
zx_status_t CheckSnapshotArgs(const State& s, const Vmo& p, ChildType type, uint64_t offset,
                              uint64_t size) {
  // (parent contiguous -> INVALID_ARGS: outside the model)
  if (!IsPageAligned(offset)) return ZX_ERR_INVALID_ARGS;  // VMO-075
  if (!IsPageAligned(size)) return ZX_ERR_INVALID_ARGS;    // VMO-075 (RFC-0238)
  if (!SumFits(p.offset, offset, size)) return ZX_ERR_OUT_OF_RANGE;  // VMO-075: with slice offset
  // (parent not cached -> BAD_STATE: outside the model)
  if (!SumFits(MemoryOf(s, p).root_offset, p.offset + offset, size)) {
    return ZX_ERR_INVALID_ARGS;  // VMO-075: projection onto the root of the clone tree
  }
  if (type == ChildType::kSnapshot && p.kind == VmoKind::kSlice) {
    return ZX_ERR_NOT_SUPPORTED;  // VMO-075: a full snapshot through a slice
  }
  // (user-pager-backed parent -> NOT_SUPPORTED, pinned pages -> BAD_STATE: not modeled)
  return ZX_OK;
}

// VMO-076: SLICE argument checks against parent |p|.
zx_status_t CheckSliceArgs(const State& s, const Vmo& p, uint64_t offset, uint64_t size) {
  if (!IsPageAligned(offset)) return ZX_ERR_INVALID_ARGS;  // VMO-076
  if (!IsPageAligned(size)) return ZX_ERR_INVALID_ARGS;    // VMO-076 (RFC-0238)
  const uint64_t psize = VmoSize(s, p);
  if (offset > psize || size > psize - offset) {
    return ZX_ERR_INVALID_ARGS;  // VMO-076: not wholly inside the parent
  }
  if (VmoResizable(s, p)) return ZX_ERR_NOT_SUPPORTED;  // VMO-076
  return ZX_OK;
}

// VMO-077: REFERENCE argument checks against parent |p|.
zx_status_t CheckReferenceArgs(const State& s, const Vmo& p, uint32_t options, uint64_t offset,
                               uint64_t size) {
  if (offset != 0 || size != 0) return ZX_ERR_INVALID_ARGS;  // VMO-077
  if (p.kind == VmoKind::kSlice) return ZX_ERR_NOT_SUPPORTED;  // VMO-077
  // (parent contiguous -> NOT_SUPPORTED: outside the model)
  if ((options & ZX_VMO_CHILD_RESIZABLE) != 0 && !VmoResizable(s, p)) {
    return ZX_ERR_NOT_SUPPORTED;  // VMO-077 (unreachable through zx_vmo_create_child: VMO-072)
  }
  return ZX_OK;
}

// VMO-086/087/089: the eager copy a SNAPSHOT-family child starts from: parent bytes
// [offset, offset + size) where they lie below the parent's size, zero elsewhere. Offsets are
// page aligned, so pages move whole.
PageStore SnapshotContent(const State& s, const Vmo& p, uint64_t offset, uint64_t size) {
  PageStore out;
  const uint64_t psize = VmoSize(s, p);
  const uint64_t visible = offset < psize ? std::min(size, psize - offset) : 0;
  const uint64_t first = (p.offset + offset) / ZX_PAGE_SIZE;
  const uint64_t end = first + visible / ZX_PAGE_SIZE;
  const auto& pages = MemoryOf(s, p).content.pages;
  for (auto it = pages.lower_bound(first); it != pages.end() && it->first < end; ++it) {
    out.pages.emplace(it->first - first, it->second);
  }
  return out;
}

}  // namespace

Result<zx_koid_t> CreateVmoChild(State& s, zx_koid_t parent_vmo, uint32_t options,
                                 uint64_t offset, uint64_t size, bool copy_name) {
  if (size > kVmoMaxSize) return Error{ZX_ERR_OUT_OF_RANGE};  // VMO-070 (again, see vmo.h)
  const bool no_write = (options & ZX_VMO_CHILD_NO_WRITE) != 0;
  const bool resizable = (options & ZX_VMO_CHILD_RESIZABLE) != 0;
  if (no_write && resizable) return Error{ZX_ERR_INVALID_ARGS};  // VMO-071 (again)
  const uint32_t rest = options & ~ZX_VMO_CHILD_NO_WRITE;         // VMO-071, VMO-078

  const Vmo& p = Get<Vmo>(s, parent_vmo);
  if (VmoDiscardable(s, p)) return Error{ZX_ERR_NOT_SUPPORTED};  // VMO-073
  auto type = SelectChildType(rest);                              // VMO-074
  if (type.is_error()) return type.error_value();
  zx_status_t checked = IsSnapshotFamily(*type) ? CheckSnapshotArgs(s, p, *type, offset, size)
                        : *type == ChildType::kSlice
                            ? CheckSliceArgs(s, p, offset, size)
                            : CheckReferenceArgs(s, p, rest, offset, size);
  if (checked != ZX_OK) return Error{checked};  // VMO-075/076/077

  Vmo child;  // VMO-080
  child.parent = parent_vmo;
  child.name = copy_name ? p.name : std::string();  // VMO-082
  if (IsSnapshotFamily(*type)) {
    const Memory& pm = MemoryOf(s, p);
    Memory m;
    m.size = size;
    m.stream_size = size;  // VMO-081 (RFC-0238)
    m.resizable = resizable;
    m.content = SnapshotContent(s, p, offset, size);  // VMO-086/087; nothing committed (VMO-133)
    m.root_offset = pm.root_offset + p.offset + offset;  // VMO-075 (checked above)
    m.cow_tree = pm.cow_tree != 0 ? pm.cow_tree : p.memory;  // VMO-066
    child.kind = VmoKind::kCowClone;
    child.memory = NewMemory(s, std::move(m));
    child.immutable_at_creation = *type == ChildType::kSnapshot && no_write;  // VMO-085
  } else if (*type == ChildType::kSlice) {
    child.kind = VmoKind::kSlice;  // VMO-088: an alias of [offset, offset + size)
    child.memory = p.memory;
    child.offset = p.offset + offset;  // slices of slices compose offsets
    child.slice_size = size;
    child.slice_stream_size = size;  // VMO-081
  } else {
    child.kind = VmoKind::kReference;  // VMO-089: size, resizability and stream size shared
    child.memory = p.memory;
    child.offset = p.offset;
  }
  return NewObject(s, std::move(child));
}

// VMO-083: the child handle's rights from the parent handle's rights |parent|.
static zx_rights_t ChildRights(zx_rights_t parent, uint32_t options, bool snapshot_family) {
  zx_rights_t r = (parent & ~ZX_RIGHT_RESIZE) |
                  ((options & ZX_VMO_CHILD_RESIZABLE) != 0 ? ZX_RIGHT_RESIZE : 0) |
                  ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY;
  if ((options & ZX_VMO_CHILD_NO_WRITE) != 0) {
    r &= ~ZX_RIGHT_WRITE;
  } else if (snapshot_family) {
    r = (r & ~ZX_RIGHT_EXECUTE) | ZX_RIGHT_WRITE;
  }
  return r;
}

// zx_vmo_create_child: VMO-070..085
Outcome Do(State& s, zx_koid_t caller, const VmoCreateChild& c) {
  if (c.size > kVmoMaxSize) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-070
  if ((c.options & ZX_VMO_CHILD_NO_WRITE) != 0 && (c.options & ZX_VMO_CHILD_RESIZABLE) != 0) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-071
  }
  const bool resizable_reference = (c.options & ZX_VMO_CHILD_REFERENCE) != 0 &&
                                   (c.options & ZX_VMO_CHILD_RESIZABLE) != 0;
  auto e = LookupWithRights<Vmo>(
      s, caller, c.handle,
      ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ | (resizable_reference ? ZX_RIGHT_RESIZE : 0));
  if (e.is_error()) return Outcome::Status(e.status_value());  // VMO-072
  auto child = CreateVmoChild(s, e->object, c.options, c.offset, c.size,
                              HasRights(e->rights, ZX_RIGHT_GET_PROPERTY));  // VMO-073..082
  if (child.is_error()) return Outcome::Status(child.status_value());
  const bool snapshot_family = Get<Vmo>(s, *child).kind == VmoKind::kCowClone;
  zx_rights_t rights = ChildRights(e->rights, c.options, snapshot_family);  // VMO-083
  return Outcome::Ok(HandleResult{InstallHandle(s, caller, {*child, rights})});
}

// ---- zx_vmo_op_range: VMO-060..068, VMO-100..103 ----

namespace {

// VMO-066: whether |v|'s pages belong to a copy-on-write tree that holds another live memory.
// In Zircon a SNAPSHOT-family child puts both sides under a hidden node, and a node with a
// parent cannot decommit; the hidden node goes away (merging into the survivor) once only one
// side is alive. So: the owner of a live clone, and a clone whose relatives are still alive.
bool InCowRelation(const State& s, const Vmo& v) {
  auto tree = [&](MemoryId id) {
    const MemoryId t = s.memories.at(id).cow_tree;
    return t != 0 ? t : id;
  };
  const MemoryId mine = tree(v.memory);
  for (const auto& [id, m] : s.memories) {
    if (id != v.memory && tree(id) == mine) return true;
  }
  return false;
}

// VMO-101/065: offset + size must not wrap and must lie within |vmo_size|.
bool RangeInside(uint64_t offset, uint64_t size, uint64_t vmo_size) {
  return offset <= UINT64_MAX - size && offset + size <= vmo_size;
}

// VMO-062/063
Outcome OpCommit(State& s, const Vmo& v, uint64_t offset, uint64_t size) {
  if (offset > UINT64_MAX - size) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-062
  auto end = RoundUpPage(offset + size);
  if (!end) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);                          // VMO-062
  const uint64_t start = offset - offset % ZX_PAGE_SIZE;
  if (*end > VmoSize(s, v)) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);         // VMO-062
  if (start == *end) return Outcome::Ok();
  MemoryOf(s, v).committed.InsertRange((v.offset + start) / ZX_PAGE_SIZE,
                                       (v.offset + *end) / ZX_PAGE_SIZE);  // VMO-063
  return Outcome::Ok();
}

// VMO-065..068
Outcome OpDecommit(State& s, const Vmo& v, uint64_t offset, uint64_t size) {
  if (!RangeInside(offset, size, VmoSize(s, v))) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-065
  }
  if (size == 0) return Outcome::Ok();                                    // VMO-065
  if (InCowRelation(s, v)) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // VMO-066
  if (!IsPageAligned(offset) || !IsPageAligned(size)) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-067
  }
  ZeroVmo(s, v, offset, size);  // VMO-068: whole pages, so they also stop being committed
  return Outcome::Ok();
}

// VMO-101/102
Outcome OpZero(State& s, const Vmo& v, uint64_t offset, uint64_t size) {
  if (!RangeInside(offset, size, VmoSize(s, v))) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-101
  }
  ZeroVmo(s, v, offset, size);  // VMO-102 (size 0: no effect)
  return Outcome::Ok();
}

// VMO-103: LOCK, TRY_LOCK and UNLOCK of a discardable VMO, as a lock count (the kernel's
// DiscardableVmoTracker). The model never discards, so TRY_LOCK behaves as LOCK; the LOCK output
// buffer is outside the DSL and taken to be large enough.
Outcome OpLock(State& s, const Vmo& v, uint32_t op, uint64_t offset, uint64_t size) {
  if (!VmoDiscardable(s, v)) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);       // VMO-103
  if (offset > UINT64_MAX - size) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);   // VMO-103
  if (offset != 0 || size != VmoSize(s, v)) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-103: the whole VMO at once
  }
  Memory& m = MemoryOf(s, v);
  if (op == ZX_VMO_OP_UNLOCK) {
    if (m.lock_count == 0) return Outcome::Status(ZX_ERR_BAD_STATE);  // VMO-103
    --m.lock_count;
  } else {
    ++m.lock_count;
  }
  return Outcome::Ok();
}

// VMO-103: CACHE_SYNC / CACHE_CLEAN / CACHE_CLEAN_INVALIDATE have no effect in the model; their
// argument checks are those of the kernel's VmObject::CacheOp (an empty range is invalid).
Outcome OpCache(const State& s, const Vmo& v, uint64_t offset, uint64_t size) {
  if (size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);
  if (!RangeInside(offset, size, VmoSize(s, v))) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);
  return Outcome::Ok();
}

// VMO-060/061/064/100/103: the right each op needs; nullopt for an unknown op.
std::optional<zx_rights_t> OpRights(uint32_t op) {
  switch (op) {
    case ZX_VMO_OP_COMMIT:
    case ZX_VMO_OP_DECOMMIT:
    case ZX_VMO_OP_ZERO:
    case ZX_VMO_OP_CACHE_INVALIDATE:
      return ZX_RIGHT_WRITE;
    case ZX_VMO_OP_LOCK:
    case ZX_VMO_OP_TRY_LOCK:
    case ZX_VMO_OP_UNLOCK:
      return ZX_RIGHT_NONE;  // READ or WRITE, checked by the caller
    case ZX_VMO_OP_CACHE_SYNC:
    case ZX_VMO_OP_CACHE_CLEAN:
    case ZX_VMO_OP_CACHE_CLEAN_INVALIDATE:
    case ZX_VMO_OP_PREFETCH:
      return ZX_RIGHT_READ;
    case ZX_VMO_OP_DONT_NEED:
    case ZX_VMO_OP_ALWAYS_NEED:
      return ZX_RIGHT_NONE;
    default:
      return std::nullopt;
  }
}

bool IsLockOp(uint32_t op) {
  return op == ZX_VMO_OP_LOCK || op == ZX_VMO_OP_TRY_LOCK || op == ZX_VMO_OP_UNLOCK;
}

}  // namespace

// zx_vmo_op_range: VMO-060..068, VMO-100..103
Outcome Do(State& s, zx_koid_t caller, const VmoOpRange& c) {
  auto e = LookupTyped<Vmo>(s, caller, c.handle);  // VMO-060: no rights at lookup
  if (e.is_error()) return Outcome::Status(e.status_value());
  auto rights = OpRights(c.op);
  if (!rights) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-060: unknown op
  if (c.op == ZX_VMO_OP_CACHE_INVALIDATE) {
    return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // VMO-103: debugging syscalls are disabled
  }
  if (!HasRights(e->rights, *rights) ||
      (IsLockOp(c.op) && (e->rights & (ZX_RIGHT_READ | ZX_RIGHT_WRITE)) == 0)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-061/064/100/103
  }
  const Vmo& v = Get<Vmo>(s, e->object);
  switch (c.op) {
    case ZX_VMO_OP_COMMIT:
      return OpCommit(s, v, c.offset, c.size);
    case ZX_VMO_OP_DECOMMIT:
      return OpDecommit(s, v, c.offset, c.size);
    case ZX_VMO_OP_ZERO:
      return OpZero(s, v, c.offset, c.size);
    case ZX_VMO_OP_LOCK:
    case ZX_VMO_OP_TRY_LOCK:
    case ZX_VMO_OP_UNLOCK:
      return OpLock(s, v, c.op, c.offset, c.size);
    case ZX_VMO_OP_CACHE_SYNC:
    case ZX_VMO_OP_CACHE_CLEAN:
    case ZX_VMO_OP_CACHE_CLEAN_INVALIDATE:
      return OpCache(s, v, c.offset, c.size);
    default:
      return Outcome::Ok();  // VMO-103: DONT_NEED, ALWAYS_NEED, PREFETCH are hints
  }
}

// ---- zx_vmo_replace_as_executable: VMO-120..124 ----

// VMO-120: the status of validating |vmex| (a ranged resource covering ZX_RSRC_SYSTEM_VMEX_BASE,
// or ROOT); for ZX_HANDLE_INVALID the model's default job policy allows
// ZX_POL_AMBIENT_MARK_VMO_EXEC.
static zx_status_t ValidateVmex(const State& s, zx_koid_t caller, zx_handle_t vmex) {
  if (vmex == ZX_HANDLE_INVALID) return ZX_OK;
  auto e = LookupTyped<Resource>(s, caller, vmex);  // BAD_HANDLE, WRONG_TYPE
  if (e.is_error()) return e.status_value();
  const Resource& r = Get<Resource>(s, e->object);
  if (r.kind == ZX_RSRC_KIND_ROOT) return ZX_OK;
  if (r.kind != ZX_RSRC_KIND_SYSTEM) return ZX_ERR_WRONG_TYPE;
  const bool covers = r.base <= ZX_RSRC_SYSTEM_VMEX_BASE && r.size >= 1 &&
                      ZX_RSRC_SYSTEM_VMEX_BASE - r.base <= r.size - 1;
  return covers ? ZX_OK : ZX_ERR_OUT_OF_RANGE;
}

// zx_vmo_replace_as_executable: VMO-120..124
Outcome Do(State& s, zx_koid_t caller, const VmoReplaceAsExecutable& c) {
  const zx_status_t vmex_status = ValidateVmex(s, caller, c.vmex);  // VMO-120: reported later
  auto e = LookupHandle(s, caller, c.handle);
  if (e.is_error()) return Outcome::Status(ZX_ERR_BAD_HANDLE);  // VMO-121: nothing changes
  RemoveHandle(s, caller, c.handle);                             // VMO-121: |handle| is consumed
  if (Find<Vmo>(s, e->object) == nullptr) return Outcome::Status(ZX_ERR_BAD_HANDLE);  // VMO-122
  if (vmex_status != ZX_OK) return Outcome::Status(vmex_status);                      // VMO-123
  zx_handle_t out = InstallHandle(s, caller, {e->object, e->rights | ZX_RIGHT_EXECUTE});
  return Outcome::Ok(HandleResult{out});  // VMO-124
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
