// VMOs: zx_vmo_create, zx_vmo_create_child, zx_vmo_read, zx_vmo_write, zx_vmo_get_size,
// zx_vmo_set_size, zx_vmo_get_stream_size, zx_vmo_set_stream_size, zx_vmo_op_range,
// zx_vmo_replace_as_executable, ZX_PROP_VMO_CONTENT_SIZE and ZX_INFO_VMO (vmo.md), with the size
// rules of seed RFC-0238 and the immutability flag of seed RFC-0080.
#include "impl/vmo.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "impl/families.h"

namespace zxspec::impl {
namespace {

// Page-tree bases stay below this bound; a clone whose base would pass it gets its own copy of
// the pages it sees instead (only reachable through thousands of nested offset clones).
constexpr uint64_t kMaxBasePage = uint64_t{1} << 62;

}  // namespace

// ---- memory level ----

void MemoryRead(const Memory& m, uint64_t offset, uint64_t len, uint8_t* out) {
  uint64_t pos = 0;
  while (pos < len) {
    uint64_t a = offset + pos;
    uint64_t in = a % kPage;
    uint64_t n = std::min(kPage - in, len - pos);
    const PageBytes* p = m.pages.Find(m.base_page + a / kPage);
    if (p != nullptr) {
      std::memcpy(out + pos, p->bytes.data() + in, n);
    } else {
      std::memset(out + pos, 0, n);  // absent page: zero
    }
    pos += n;
  }
}

void MemoryWrite(Memory& m, uint64_t offset, const uint8_t* data, uint64_t len) {
  if (len == 0) return;
  uint64_t pos = 0;
  while (pos < len) {
    uint64_t a = offset + pos;
    uint64_t in = a % kPage;
    uint64_t n = std::min(kPage - in, len - pos);
#ifdef ZXSPEC_IMPL_MUTANT_SHARED_WRITE
    // Test-only mutant (refinement/mutant_test.cc): stores into a shared page in place, so a
    // write leaks into every tree that shares it. Never compiled into zxspec_impl.
    if (const PageBytes* shared = m.pages.Find(m.base_page + a / kPage)) {
      std::memcpy(const_cast<PageBytes*>(shared)->bytes.data() + in, data + pos, n);
      pos += n;
      continue;
    }
#endif
    std::memcpy(m.pages.Mutable(m.base_page + a / kPage).bytes.data() + in, data + pos, n);
    pos += n;
  }
  m.committed.Insert(offset / kPage, (offset + len - 1) / kPage + 1);  // VMO-133
}

void MemoryZero(Memory& m, uint64_t offset, uint64_t len) {
  if (len == 0) return;
  uint64_t end = offset + len;
  uint64_t first_whole = offset / kPage + (offset % kPage != 0 ? 1 : 0);
  uint64_t end_whole = end / kPage;
  auto zero_part = [&](uint64_t from, uint64_t to) {  // within one page
    if (from >= to) return;
    if (m.pages.Find(m.base_page + from / kPage) == nullptr) return;  // already zero
    uint8_t* bytes = m.pages.Mutable(m.base_page + from / kPage).bytes.data();
    std::memset(bytes + from % kPage, 0, to - from);
  };
  if (first_whole >= end_whole) {  // no whole page inside the range
    uint64_t split = std::min(end, (offset / kPage + 1) * kPage);
    zero_part(offset, split);
    zero_part(split, end);
    return;
  }
  zero_part(offset, first_whole * kPage);
  zero_part(end_whole * kPage, end);
  m.pages.EraseRange(m.base_page + first_whole, m.base_page + end_whole);  // released
  m.committed.Erase(first_whole, end_whole);
}

void MemoryTruncate(Memory& m, uint64_t new_size) {
  uint64_t new_pages = new_size / kPage;
  uint64_t old_pages = m.size / kPage;
  if (new_pages >= old_pages) return;
  m.pages.EraseRange(m.base_page + new_pages, m.base_page + old_pages);
  m.committed.Erase(new_pages, old_pages);
}

// ---- VMO views ----

uint64_t VmoSize(const VmoObj& v) {
  return v.vmo_kind == VmoKind::kSlice ? v.slice_size : v.memory->size;
}

uint64_t VmoStreamSize(const VmoObj& v) {
  return v.vmo_kind == VmoKind::kSlice ? v.slice_stream_size : v.memory->stream_size;
}

bool VmoResizable(const VmoObj& v) {
  return v.vmo_kind != VmoKind::kSlice && v.memory->resizable;
}

bool VmoDiscardable(const VmoObj& v) {
  return v.vmo_kind == VmoKind::kRoot && v.memory->discardable;
}

void ReadVmo(const VmoObj& v, uint64_t offset, uint64_t len, uint8_t* out) {
  MemoryRead(*v.memory, v.offset + offset, len, out);
}

Bytes ReadVmo(const VmoObj& v, uint64_t offset, uint64_t len) {
  Bytes out(len);
  ReadVmo(v, offset, len, out.data());
  return out;
}

void WriteVmo(VmoObj& v, uint64_t offset, const uint8_t* data, uint64_t len) {
  MemoryWrite(*v.memory, v.offset + offset, data, len);
}

void ZeroVmo(VmoObj& v, uint64_t offset, uint64_t len) {
  MemoryZero(*v.memory, v.offset + offset, len);
}

void SetStreamSizeCell(VmoObj& v, uint64_t size) {
  if (v.vmo_kind == VmoKind::kSlice) {
    v.slice_stream_size = size;  // slices own their cell (VMO-081)
  } else {
    v.memory->stream_size = size;  // shared with references and streams (VMO-005)
  }
}

void SetStreamSize(VmoObj& v, uint64_t size) {
  uint64_t lo = std::min(size, VmoStreamSize(v));
  ZeroVmo(v, lo, VmoSize(v) - lo);  // VMO-049
  SetStreamSizeCell(v, size);
}

// ---- zx_vmo_create: VMO-010..017 ----

Outcome Do(Core& k, ProcessObj& caller, const VmoCreate& c) {
  // VMO-010: the default job policy allows ZX_POL_NEW_VMO.
  const bool resizable = (c.options & ZX_VMO_RESIZABLE) != 0;
  const bool discardable = (c.options & ZX_VMO_DISCARDABLE) != 0;
  const bool unbounded = (c.options & ZX_VMO_UNBOUNDED) != 0;
  if (resizable && unbounded) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-011
  uint64_t size = kVmoMaxSize;
  if (!unbounded && (!RoundUpPage(c.size, &size) || size > kVmoMaxSize)) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-012
  }
  if ((c.options & ~(ZX_VMO_RESIZABLE | ZX_VMO_DISCARDABLE | ZX_VMO_UNBOUNDED)) != 0) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-013
  }
  if (unbounded && c.size > kVmoMaxSize) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-014

  auto m = std::make_shared<Memory>();  // VMO-015
  m->size = size;
  m->stream_size = c.size;
  m->resizable = resizable;
  m->discardable = discardable;
  VmoObj& v = k.Create<VmoObj>();
  v.vmo_kind = VmoKind::kRoot;
  v.memory = std::move(m);
  zx_rights_t rights = ZX_DEFAULT_VMO_RIGHTS | (resizable ? ZX_RIGHT_RESIZE : 0);  // VMO-016
  return Outcome::Ok(HandleResult{k.InstallNew(caller, &v, rights)});
}

// ---- zx_vmo_read / zx_vmo_write: VMO-020..025 ----

// VMO-021/022: offset + len must not wrap and must lie within the VMO size.
static zx_status_t CheckBounds(uint64_t offset, uint64_t len, uint64_t size) {
  if (offset > UINT64_MAX - len) return ZX_ERR_OUT_OF_RANGE;  // VMO-021
  if (offset + len > size) return ZX_ERR_OUT_OF_RANGE;        // VMO-022
  return ZX_OK;
}

Outcome Do(Core& k, ProcessObj& caller, const VmoRead& c) {
  auto r = k.LookupWithRights<VmoObj>(caller, c.handle, ZX_RIGHT_READ);  // VMO-020
  if (r.is_error()) return Outcome::Status(r.status_value());
  const VmoObj& v = *r->object;
  if (zx_status_t s = CheckBounds(c.offset, c.len, VmoSize(v)); s != ZX_OK) {
    return Outcome::Status(s);
  }
  if (c.len > kMaxUserBufferBytes) return Outcome::Status(ZX_ERR_NO_MEMORY);  // GEN-006 limit
  return Outcome::Ok(BytesResult{ReadVmo(v, c.offset, c.len)});  // VMO-024
}

Outcome Do(Core& k, ProcessObj& caller, const VmoWrite& c) {
  auto r = k.LookupWithRights<VmoObj>(caller, c.handle, ZX_RIGHT_WRITE);  // VMO-020
  if (r.is_error()) return Outcome::Status(r.status_value());
  VmoObj& v = *r->object;
  if (zx_status_t s = CheckBounds(c.offset, c.data.size(), VmoSize(v)); s != ZX_OK) {
    return Outcome::Status(s);
  }
  WriteVmo(v, c.offset, c.data.data(), c.data.size());  // VMO-025: stream size unchanged
  return Outcome::Ok();
}

// ---- sizes: VMO-030..049 ----

Outcome Do(Core& k, ProcessObj& caller, const VmoGetSize& c) {
  auto r = k.LookupTyped<VmoObj>(caller, c.handle);  // VMO-030: no rights
  if (r.is_error()) return Outcome::Status(r.status_value());
  return Outcome::Ok(U64Result{VmoSize(*r->object)});  // VMO-031
}

Outcome Do(Core& k, ProcessObj& caller, const VmoGetStreamSize& c) {
  auto r = k.LookupTyped<VmoObj>(caller, c.handle);  // VMO-030
  if (r.is_error()) return Outcome::Status(r.status_value());
  return Outcome::Ok(U64Result{VmoStreamSize(*r->object)});  // VMO-032
}

Outcome Do(Core& k, ProcessObj& caller, const VmoSetSize& c) {
  auto r = k.LookupWithRights<VmoObj>(caller, c.handle, ZX_RIGHT_WRITE);  // VMO-035
  if (r.is_error()) return Outcome::Status(r.status_value());
  VmoObj& v = *r->object;
  const bool resizable = VmoResizable(v);
  if (resizable && !HasRights(r->rights, ZX_RIGHT_RESIZE)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-036
  }
  if (!resizable) return Outcome::Status(ZX_ERR_UNAVAILABLE);               // VMO-037
  if (c.size > kVmoMaxSize) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);    // VMO-038
  if (!IsPageAligned(c.size)) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-039
  Memory& m = *v.memory;
  if (m.root_offset > UINT64_MAX - c.size) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-039b
  MemoryTruncate(m, c.size);  // VMO-041: discarded bytes never come back
  m.size = c.size;
#ifndef ZXSPEC_IMPL_MUTANT_SET_SIZE_KEEPS_STREAM_SIZE  // test-only mutant (mutant_test.cc)
  m.stream_size = std::min(m.stream_size, c.size);  // VMO-042 (RFC-0238)
#endif
  return Outcome::Ok();
}

// VMO-046..049, shared by zx_vmo_set_stream_size and ZX_PROP_VMO_CONTENT_SIZE.
static Outcome SetStreamSizeChecked(VmoObj& v, uint64_t size) {
  if (size == VmoStreamSize(v)) return Outcome::Ok();                   // VMO-047
  if (size > VmoSize(v)) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-048
  SetStreamSize(v, size);                                              // VMO-049
  return Outcome::Ok();
}

Outcome Do(Core& k, ProcessObj& caller, const VmoSetStreamSize& c) {
  auto r = k.LookupWithRights<VmoObj>(caller, c.handle, ZX_RIGHT_WRITE);  // VMO-045
  if (r.is_error()) return Outcome::Status(r.status_value());
  return SetStreamSizeChecked(*r->object, c.size);
}

// ---- ZX_PROP_VMO_CONTENT_SIZE: VMO-052/053 (after the generic checks of object.cc) ----

Outcome GetVmoContentSize(const Handle& e) {
  const auto* v = As<VmoObj>(e.object);  // VMO-052 (the 8-byte buffer is always large enough)
  if (v == nullptr) return Outcome::Status(ZX_ERR_WRONG_TYPE);
  return Outcome::Ok(U64Result{VmoStreamSize(*v)});
}

Outcome SetVmoContentSize(const Handle& e, const Bytes& value) {
  if (!HasRights(e.rights, ZX_RIGHT_WRITE)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-053
  if (value.size() < sizeof(uint64_t)) return Outcome::Status(ZX_ERR_BUFFER_TOO_SMALL);
  auto* v = As<VmoObj>(e.object);
  if (v == nullptr) return Outcome::Status(ZX_ERR_WRONG_TYPE);
  return SetStreamSizeChecked(*v, DecodeLe(value));
}

// ---- zx_vmo_create_child: VMO-070..090 ----

// VMO-074: the child type selected by |options| (NO_WRITE already removed), or nullopt for
// INVALID_ARGS.
static std::optional<uint32_t> ChildType(uint32_t options) {
  if (options & ZX_VMO_CHILD_SLICE) {  // (a)
    return options == ZX_VMO_CHILD_SLICE ? std::optional<uint32_t>(ZX_VMO_CHILD_SLICE)
                                         : std::nullopt;
  }
  if (options & ZX_VMO_CHILD_REFERENCE) {  // (b)
    if ((options & ~(ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE)) != 0) return std::nullopt;
    return ZX_VMO_CHILD_REFERENCE;
  }
  for (uint32_t t : {ZX_VMO_CHILD_SNAPSHOT, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                     ZX_VMO_CHILD_SNAPSHOT_MODIFIED}) {  // (c)
    if (options & t) {
      if ((options & ~(t | ZX_VMO_CHILD_RESIZABLE)) != 0) return std::nullopt;
      return t;
    }
  }
  return std::nullopt;
}

// VMO-075..077: the argument checks of the selected type.
static zx_status_t CheckChildArgs(const VmoObj& parent, uint32_t type, bool resizable,
                                  uint64_t offset, uint64_t size) {
  switch (type) {
    case ZX_VMO_CHILD_SLICE:
      if (!IsPageAligned(offset) || !IsPageAligned(size)) return ZX_ERR_INVALID_ARGS;  // VMO-076
      if (offset > VmoSize(parent) || size > VmoSize(parent) - offset) {
        return ZX_ERR_INVALID_ARGS;
      }
      if (VmoResizable(parent)) return ZX_ERR_NOT_SUPPORTED;
      return ZX_OK;
    case ZX_VMO_CHILD_REFERENCE:
      if (offset != 0 || size != 0) return ZX_ERR_INVALID_ARGS;  // VMO-077
      if (parent.vmo_kind == VmoKind::kSlice) return ZX_ERR_NOT_SUPPORTED;
      if (resizable && !VmoResizable(parent)) return ZX_ERR_NOT_SUPPORTED;
      return ZX_OK;
    default:
      if (!IsPageAligned(offset) || !IsPageAligned(size)) return ZX_ERR_INVALID_ARGS;  // VMO-075
      if (offset > UINT64_MAX - size || parent.offset > UINT64_MAX - (offset + size)) {
        return ZX_ERR_OUT_OF_RANGE;  // with the parent's slice offset
      }
      if (parent.memory->root_offset > UINT64_MAX - (parent.offset + offset + size)) {
        return ZX_ERR_INVALID_ARGS;  // projection onto the root of the clone tree
      }
      if (type == ZX_VMO_CHILD_SNAPSHOT && parent.vmo_kind == VmoKind::kSlice) {
        return ZX_ERR_NOT_SUPPORTED;
      }
      return ZX_OK;
  }
}

// VMO-083: the child handle's rights from the parent handle's rights |p|.
static zx_rights_t ChildRights(zx_rights_t p, uint32_t type, bool no_write, bool resizable) {
  zx_rights_t r = (p & ~ZX_RIGHT_RESIZE) | (resizable ? ZX_RIGHT_RESIZE : 0) |
                  ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY;
  if (no_write) {
    r &= ~ZX_RIGHT_WRITE;
  } else if (type != ZX_VMO_CHILD_SLICE && type != ZX_VMO_CHILD_REFERENCE) {
    r = (r & ~ZX_RIGHT_EXECUTE) | ZX_RIGHT_WRITE;
  }
  return r;
}

// VMO-086/087: a memory that starts as exactly what |parent| shows at [offset, offset + size)
// (zero past the parent's size), sharing the parent's page tree until either side writes.
static std::shared_ptr<Memory> SnapshotMemory(const VmoObj& parent, uint64_t offset,
                                              uint64_t size, bool resizable) {
  const Memory& pm = *parent.memory;
  auto m = std::make_shared<Memory>(pm.tree);  // VMO-066: the parent's copy-on-write tree
  m->size = size;
  m->stream_size = size;  // VMO-081; nothing held yet (VMO-133)
  m->resizable = resizable;
  m->root_offset = pm.root_offset + parent.offset + offset;  // VMO-075 (checked)
  const uint64_t psize = VmoSize(parent);
  const uint64_t visible = offset < psize ? std::min(size, psize - offset) / kPage : 0;
  if (visible == 0) return m;
  const uint64_t first = pm.base_page + (parent.offset + offset) / kPage;
  if (first <= kMaxBasePage) {
    m->pages = pm.pages;  // O(1): share the whole tree, then cut it to the visible window
    m->base_page = first;
    m->pages.EraseRange(0, first);
    m->pages.EraseRange(first + visible, UINT64_MAX);
  } else {
    pm.pages.ForEach(first, first + visible, [&](uint64_t index, const PageBytes& page) {
      m->pages.Mutable(index - first) = page;
    });
  }
  return m;
}

Result<NewChild> MakeVmoChild(Core& k, VmoObj& parent, uint32_t options, bool no_write,
                              bool resizable, uint64_t offset, uint64_t size, bool inherit_name) {
  if (VmoDiscardable(parent)) return Error{ZX_ERR_NOT_SUPPORTED};  // VMO-073
  auto type = ChildType(options);
  if (!type) return Error{ZX_ERR_INVALID_ARGS};  // VMO-074
  if (zx_status_t s = CheckChildArgs(parent, *type, resizable, offset, size); s != ZX_OK) {
    return Error{s};
  }
  VmoObj& child = k.Create<VmoObj>();  // VMO-080
  switch (*type) {
    case ZX_VMO_CHILD_SLICE:
      child.vmo_kind = VmoKind::kSlice;
      child.memory = parent.memory;
      child.offset = parent.offset + offset;
      child.slice_size = size;
      child.slice_stream_size = size;  // VMO-081
      break;
    case ZX_VMO_CHILD_REFERENCE:
      child.vmo_kind = VmoKind::kReference;
      child.memory = parent.memory;  // VMO-089: same content, size and stream size
      child.offset = parent.offset;
      break;
    default:
      child.vmo_kind = VmoKind::kCowClone;
      child.memory = SnapshotMemory(parent, offset, size, resizable);
      child.immutable_at_creation = *type == ZX_VMO_CHILD_SNAPSHOT && no_write;  // VMO-085
      break;
  }
  child.parent = &parent;
  parent.children.push_back(&child);
  if (inherit_name) child.name = parent.name;  // VMO-082
  return NewChild{&child, *type};
}

Outcome Do(Core& k, ProcessObj& caller, const VmoCreateChild& c) {
  if (c.size > kVmoMaxSize) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-070
  const bool no_write = (c.options & ZX_VMO_CHILD_NO_WRITE) != 0;
  const bool resizable = (c.options & ZX_VMO_CHILD_RESIZABLE) != 0;
  if (no_write && resizable) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-071
  const uint32_t options = c.options & ~ZX_VMO_CHILD_NO_WRITE;
  zx_rights_t need = ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ;
  if ((options & ZX_VMO_CHILD_REFERENCE) && resizable) need |= ZX_RIGHT_RESIZE;
  auto r = k.LookupWithRights<VmoObj>(caller, c.handle, need);  // VMO-072
  if (r.is_error()) return Outcome::Status(r.status_value());
  auto child = MakeVmoChild(k, *r->object, options, no_write, resizable, c.offset, c.size,
                            HasRights(r->rights, ZX_RIGHT_GET_PROPERTY));
  if (child.is_error()) return Outcome::Status(child.status_value());
  zx_rights_t rights = ChildRights(r->rights, child->type, no_write, resizable);  // VMO-083
  return Outcome::Ok(HandleResult{k.InstallNew(caller, child->vmo, rights)});
}

// ---- zx_vmo_op_range: VMO-060..068, VMO-100..103 ----

// VMO-062: COMMIT rounds the range out to pages.
static Outcome OpCommit(VmoObj& v, uint64_t offset, uint64_t size) {
  if (offset > UINT64_MAX - size) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);
  uint64_t end = 0;
  if (!RoundUpPage(offset + size, &end)) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);
  uint64_t start = offset - offset % kPage;
  if (end > VmoSize(v)) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);
  if (start >= end) return Outcome::Ok();
  uint64_t mem_start = v.offset + start;  // VMO-063: content unchanged, pages held
  v.memory->committed.Insert(mem_start / kPage, (mem_start + (end - start)) / kPage);
  return Outcome::Ok();
}

// VMO-065..068
static Outcome OpDecommit(VmoObj& v, uint64_t offset, uint64_t size) {
  if (offset > UINT64_MAX - size || offset + size > VmoSize(v)) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-065
  }
  if (size == 0) return Outcome::Ok();
  if (v.memory->tree->live_memories > 1) {
    return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // VMO-066: in a live copy-on-write relation
  }
  if (!IsPageAligned(offset) || !IsPageAligned(size)) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-067
  }
  ZeroVmo(v, offset, size);  // VMO-068: zero, pages no longer held
  return Outcome::Ok();
}

// VMO-101/102
static Outcome OpZero(VmoObj& v, uint64_t offset, uint64_t size) {
  if (offset > UINT64_MAX - size || offset + size > VmoSize(v)) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);  // VMO-101
  }
  ZeroVmo(v, offset, size);  // VMO-102
  return Outcome::Ok();
}

// VMO-103: LOCK / TRY_LOCK / UNLOCK of a discardable VMO, on the whole VMO, as a lock count
// (nothing is ever discarded, so TRY_LOCK behaves as LOCK).
static Outcome OpLock(VmoObj& v, uint32_t op, uint64_t offset, uint64_t size) {
  if (!VmoDiscardable(v)) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);
  if (offset > UINT64_MAX - size) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);
  if (offset != 0 || size != VmoSize(v)) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);
  Memory& m = *v.memory;
  if (op == ZX_VMO_OP_UNLOCK) {
    if (m.lock_count == 0) return Outcome::Status(ZX_ERR_BAD_STATE);
    --m.lock_count;
  } else {
    ++m.lock_count;
  }
  return Outcome::Ok();
}

// VMO-103: cache maintenance has no effect; an empty range is invalid, the range must fit.
static Outcome OpCache(const VmoObj& v, uint64_t offset, uint64_t size) {
  if (size == 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);
  if (offset > UINT64_MAX - size || offset + size > VmoSize(v)) {
    return Outcome::Status(ZX_ERR_OUT_OF_RANGE);
  }
  return Outcome::Ok();
}

Outcome Do(Core& k, ProcessObj& caller, const VmoOpRange& c) {
  auto r = k.LookupTyped<VmoObj>(caller, c.handle);  // VMO-060: no rights at lookup
  if (r.is_error()) return Outcome::Status(r.status_value());
  VmoObj& v = *r->object;
  zx_rights_t need = 0;  // VMO-060: the op, then its right
  switch (c.op) {
    case ZX_VMO_OP_COMMIT:    // VMO-061
    case ZX_VMO_OP_DECOMMIT:  // VMO-064
    case ZX_VMO_OP_ZERO:      // VMO-100
      need = ZX_RIGHT_WRITE;
      break;
    case ZX_VMO_OP_CACHE_SYNC:
    case ZX_VMO_OP_CACHE_CLEAN:
    case ZX_VMO_OP_CACHE_CLEAN_INVALIDATE:
    case ZX_VMO_OP_PREFETCH:
      need = ZX_RIGHT_READ;  // VMO-103
      break;
    case ZX_VMO_OP_CACHE_INVALIDATE:
      return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // VMO-103: debugging syscalls only
    case ZX_VMO_OP_LOCK:
    case ZX_VMO_OP_TRY_LOCK:
    case ZX_VMO_OP_UNLOCK:
      if ((r->rights & (ZX_RIGHT_READ | ZX_RIGHT_WRITE)) == 0) {
        return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-103: READ or WRITE
      }
      return OpLock(v, c.op, c.offset, c.size);
    case ZX_VMO_OP_DONT_NEED:
    case ZX_VMO_OP_ALWAYS_NEED:
      return Outcome::Ok();  // VMO-103: hints, no right
    default:
      return Outcome::Status(ZX_ERR_INVALID_ARGS);  // VMO-060: unknown op
  }
  if (!HasRights(r->rights, need)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);
  switch (c.op) {
    case ZX_VMO_OP_COMMIT:
      return OpCommit(v, c.offset, c.size);
    case ZX_VMO_OP_DECOMMIT:
      return OpDecommit(v, c.offset, c.size);
    case ZX_VMO_OP_ZERO:
      return OpZero(v, c.offset, c.size);
    case ZX_VMO_OP_PREFETCH:
      return Outcome::Ok();  // VMO-103: a hint
    default:
      return OpCache(v, c.offset, c.size);
  }
}

// ---- zx_vmo_replace_as_executable: VMO-120..124 ----

// VMO-120: the status of the vmex argument, evaluated first and reported after the VMO.
static zx_status_t VmexStatus(const Core& k, const ProcessObj& caller, zx_handle_t vmex) {
  if (vmex == ZX_HANDLE_INVALID) return ZX_OK;  // ZX_POL_AMBIENT_MARK_VMO_EXEC: default allow
  auto r = k.LookupTyped<ResourceObj>(caller, vmex);
  if (r.is_error()) return r.status_value();
  const ResourceObj& res = *r->object;
  if (res.rsrc_kind == ZX_RSRC_KIND_ROOT) return ZX_OK;
  if (res.rsrc_kind != ZX_RSRC_KIND_SYSTEM) return ZX_ERR_WRONG_TYPE;
  bool covers = res.base <= ZX_RSRC_SYSTEM_VMEX_BASE && res.size >= 1 &&
                ZX_RSRC_SYSTEM_VMEX_BASE - res.base <= res.size - 1;
  return covers ? ZX_OK : ZX_ERR_OUT_OF_RANGE;
}

Outcome Do(Core& k, ProcessObj& caller, const VmoReplaceAsExecutable& c) {
  const zx_status_t vmex_status = VmexStatus(k, caller, c.vmex);  // VMO-120
  if (caller.handles.Find(c.handle) == nullptr) {
    return Outcome::Status(ZX_ERR_BAD_HANDLE);  // VMO-121: nothing changes
  }
  Handle h = caller.handles.Take(c.handle);  // consumed from here on
  if (As<VmoObj>(h.object) == nullptr) {
    k.DropHandle(h);
    return Outcome::Status(ZX_ERR_BAD_HANDLE);  // VMO-122
  }
  if (vmex_status != ZX_OK) {
    k.DropHandle(h);
    return Outcome::Status(vmex_status);  // VMO-123
  }
  h.rights |= ZX_RIGHT_EXECUTE;  // VMO-124
  return Outcome::Ok(HandleResult{k.Install(caller, h)});
}

// ---- ZX_INFO_VMO: VMO-130..133 ----

static uint32_t InfoFlags(const VmoObj& v) {  // VMO-131
  uint32_t f = ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE;
  if (VmoResizable(v)) f |= ZX_INFO_VMO_RESIZABLE;
  if (v.vmo_kind == VmoKind::kCowClone) f |= ZX_INFO_VMO_IS_COW_CLONE;
  if (VmoDiscardable(v)) f |= ZX_INFO_VMO_DISCARDABLE;
  if (v.immutable_at_creation) f |= ZX_INFO_VMO_IMMUTABLE;
  return f;
}

// VMO-133: roots and COW clones report the pages their memory holds; slices and references 0.
static uint64_t CommittedBytes(const VmoObj& v) {
  if (v.vmo_kind == VmoKind::kSlice || v.vmo_kind == VmoKind::kReference) return 0;
  return v.memory->committed.Count() * kPage;
}

Outcome InfoVmo(const Core& k, const ProcessObj& caller, zx_handle_t h) {
  auto r = k.LookupTyped<VmoObj>(caller, h);  // VMO-130: no rights required
  if (r.is_error()) return Outcome::Status(r.status_value());
  const VmoObj& v = *r->object;
  zx_info_vmo_t info;  // VMO-132
  info.koid = v.koid;
  std::copy_n(v.name.begin(), std::min<size_t>(v.name.size(), ZX_MAX_NAME_LEN - 1),
              info.name.begin());
  info.size_bytes = VmoSize(v);
  info.parent_koid = v.parent != nullptr ? v.parent->koid : 0;
  info.num_children = v.children.size();
  info.num_mappings = v.num_mappings;
  info.share_count = v.mappings_per_process.size();
  info.flags = InfoFlags(v);
  info.committed_bytes = CommittedBytes(v);
  info.populated_bytes = info.committed_bytes;
  info.handle_rights = r->rights;
  info.cache_policy = ZX_CACHE_POLICY_CACHED;
  return Outcome::Ok(InfoResult{info});
}

}  // namespace zxspec::impl
