// Streams: zx_stream_create, zx_stream_readv(_at), zx_stream_writev(_at), zx_stream_seek and
// ZX_INFO_STREAM (stream.md STREAM-001..072, seed RFC-0238: streams never resize their VMO).
#include <algorithm>
#include <optional>

#include "impl/families.h"
#include "impl/vmo.h"

namespace zxspec::impl {

// ---- zx_stream_create: STREAM-010..014 ----

Outcome Do(Core& k, ProcessObj& caller, const StreamCreate& c) {
  if ((c.options & ~ZX_STREAM_CREATE_MASK) != 0) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-010
  }
  const bool read = (c.options & ZX_STREAM_MODE_READ) != 0;
  const bool write = (c.options & ZX_STREAM_MODE_WRITE) != 0;
  const bool append = (c.options & ZX_STREAM_MODE_APPEND) != 0;
  zx_rights_t need = (read ? ZX_RIGHT_READ : 0) | (write || append ? ZX_RIGHT_WRITE : 0);  // 011
  auto r = k.LookupWithRights<VmoObj>(caller, c.vmo, need);  // STREAM-012
  if (r.is_error()) return Outcome::Status(r.status_value());
  StreamObj& s = k.Create<StreamObj>();  // STREAM-014
  s.vmo = r->object;
  k.AddKernelRef(s.vmo);  // STREAM-001: the stream keeps its VMO alive
  s.mode_read = read;
  s.mode_write = write;
  s.append = append;
  s.seek = c.seek;
  zx_rights_t rights =
      ZX_DEFAULT_STREAM_RIGHTS | (read ? ZX_RIGHT_READ : 0) | (write ? ZX_RIGHT_WRITE : 0);
  return Outcome::Ok(HandleResult{k.InstallNew(caller, &s, rights)});
}

// ---- reads: STREAM-020..027 ----

// STREAM-024..026: bytes [start, min(start + cap, ss)) of the VMO (start + cap saturates); a
// transfer larger than the model's buffer limit is ZX_ERR_NO_MEMORY (GEN-006).
static Result<Bytes> ReadAt(const StreamObj& s, uint64_t start, uint64_t cap) {
  const uint64_t ss = VmoStreamSize(*s.vmo);
  const uint64_t want = start > UINT64_MAX - cap ? UINT64_MAX : start + cap;
  const uint64_t limit = std::min(want, ss);
  if (cap == 0 || limit <= start) return Bytes{};
  if (limit - start > kMaxUserBufferBytes) return Error{ZX_ERR_NO_MEMORY};
  return ReadVmo(*s.vmo, start, limit - start);
}

Outcome Do(Core& k, ProcessObj& caller, const StreamReadv& c) {
  if (c.options != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-020
  auto r = k.LookupWithRights<StreamObj>(caller, c.handle, ZX_RIGHT_READ);  // STREAM-022
  if (r.is_error()) return Outcome::Status(r.status_value());
  StreamObj& s = *r->object;
  auto data = ReadAt(s, s.seek, c.len);
  if (data.is_error()) return Outcome::Status(data.status_value());
  s.seek += data->size();  // STREAM-027
  return Outcome::Ok(BytesResult{std::move(data).value()});
}

Outcome Do(Core& k, ProcessObj& caller, const StreamReadvAt& c) {
  if (c.options != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-020
  auto r = k.LookupWithRights<StreamObj>(caller, c.handle, ZX_RIGHT_READ);  // STREAM-022
  if (r.is_error()) return Outcome::Status(r.status_value());
  auto data = ReadAt(*r->object, c.offset, c.len);  // seek unchanged
  if (data.is_error()) return Outcome::Status(data.status_value());
  return Outcome::Ok(BytesResult{std::move(data).value()});
}

// ---- writes: STREAM-030..041 ----

// STREAM-034: the positioned path at |start|; returns the status and the bytes written.
static Outcome WritePositioned(StreamObj& s, uint64_t start, const Bytes& data, bool move_seek) {
  const uint64_t cap = data.size();
  if (cap == 0) return Outcome::Ok(U64Result{0});                            // 034a
  if (start > UINT64_MAX - cap) return Outcome::Status(ZX_ERR_FILE_BIG);    // 034b
  VmoObj& v = *s.vmo;
  const uint64_t size = VmoSize(v);
  if (size <= start) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);           // 034c
  const uint64_t end = std::min(start + cap, size);                         // 034d
  const uint64_t ss = VmoStreamSize(v);
  if (end > ss && ss < start) ZeroVmo(v, ss, start - ss);                   // 034e
  WriteVmo(v, start, data.data(), end - start);                             // 034f
  SetStreamSizeCell(v, std::max(ss, end));
  if (move_seek) s.seek = end;                                              // 034g
  return Outcome::Ok(U64Result{end - start});
}

// STREAM-040: the append path.
static Outcome WriteAppend(StreamObj& s, const Bytes& data) {
  const uint64_t cap = data.size();
  if (cap == 0) return Outcome::Ok(U64Result{0});  // 040a: seek not moved
  VmoObj& v = *s.vmo;
  const uint64_t start = VmoStreamSize(v);                                   // 040b
  if (start > UINT64_MAX - cap) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);
  const uint64_t size = VmoSize(v);
  if (size <= start) return Outcome::Status(ZX_ERR_OUT_OF_RANGE);           // 040c
  const uint64_t end = std::min(start + cap, size);                         // 040d
  WriteVmo(v, start, data.data(), end - start);
  SetStreamSizeCell(v, end);
  s.seek = end;
  return Outcome::Ok(U64Result{end - start});
}

Outcome Do(Core& k, ProcessObj& caller, const StreamWritev& c) {
  if ((c.options & ~ZX_STREAM_APPEND) != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // 030
  auto r = k.LookupWithRights<StreamObj>(caller, c.handle, ZX_RIGHT_WRITE);  // STREAM-032
  if (r.is_error()) return Outcome::Status(r.status_value());
  StreamObj& s = *r->object;
  if ((c.options & ZX_STREAM_APPEND) != 0 || s.append) return WriteAppend(s, c.data);  // 033
  return WritePositioned(s, s.seek, c.data, /*move_seek=*/true);
}

Outcome Do(Core& k, ProcessObj& caller, const StreamWritevAt& c) {
  if (c.options != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-030
  auto r = k.LookupWithRights<StreamObj>(caller, c.handle, ZX_RIGHT_WRITE);  // STREAM-032
  if (r.is_error()) return Outcome::Status(r.status_value());
  return WritePositioned(*r->object, c.offset, c.data, /*move_seek=*/false);  // STREAM-033
}

// ---- zx_stream_seek: STREAM-050..053 ----

// |base| + |offset| when it lies in [0, 2^64), else nullopt.
static std::optional<uint64_t> AddSigned(uint64_t base, int64_t offset) {
  if (offset >= 0) {
    uint64_t o = static_cast<uint64_t>(offset);
    if (base > UINT64_MAX - o) return std::nullopt;
    return base + o;
  }
  uint64_t o = static_cast<uint64_t>(-(offset + 1)) + 1;  // |offset| without overflow
  if (o > base) return std::nullopt;
  return base - o;
}

Outcome Do(Core& k, ProcessObj& caller, const StreamSeek& c) {
  auto r = k.LookupTyped<StreamObj>(caller, c.handle);  // STREAM-050
  if (r.is_error()) return Outcome::Status(r.status_value());
  if (!HasRights(r->rights, ZX_RIGHT_READ) && !HasRights(r->rights, ZX_RIGHT_WRITE)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // STREAM-051
  }
  StreamObj& s = *r->object;
  std::optional<uint64_t> target;  // STREAM-052
  switch (c.whence) {
    case ZX_STREAM_SEEK_ORIGIN_START:
      if (c.offset >= 0) target = static_cast<uint64_t>(c.offset);
      break;
    case ZX_STREAM_SEEK_ORIGIN_CURRENT:
      target = AddSigned(s.seek, c.offset);
      break;
    case ZX_STREAM_SEEK_ORIGIN_END:
      target = AddSigned(VmoStreamSize(*s.vmo), c.offset);
      break;
    default:
      break;
  }
  if (!target) return Outcome::Status(ZX_ERR_INVALID_ARGS);
  s.seek = *target;  // STREAM-053
  return Outcome::Ok(U64Result{*target});
}

// ---- ZX_INFO_STREAM: STREAM-060 ----

Outcome InfoStream(const Core& k, const ProcessObj& caller, zx_handle_t h) {
  auto r = k.LookupWithRights<StreamObj>(caller, h, ZX_RIGHT_INSPECT);
  if (r.is_error()) return Outcome::Status(r.status_value());
  const StreamObj& s = *r->object;
  zx_info_stream_t info;
  info.options = (s.mode_read ? ZX_STREAM_MODE_READ : 0) |
                 (s.mode_write ? ZX_STREAM_MODE_WRITE : 0) |
                 (s.append ? ZX_STREAM_MODE_APPEND : 0);
  info.seek = s.seek;
  info.content_size = VmoStreamSize(*s.vmo);
  return Outcome::Ok(InfoResult{info});
}

}  // namespace zxspec::impl
