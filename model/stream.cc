// Streams: zx_stream_create, zx_stream_readv, zx_stream_readv_at, zx_stream_writev,
// zx_stream_writev_at, zx_stream_seek and ZX_INFO_STREAM (stream.md), with seed RFC-0238's rule
// that stream operations never resize the VMO. ZX_PROP_STREAM_MODE_APPEND is in object.cc.
//
// A stream has no stream size of its own: it reads and writes the cell of its VMO (VMO-005),
// through the view functions of model/vmo.h. The DSL hands a writev exactly one buffer and a
// readv one length (api/calls.h), so the iovec capacity sum cannot overflow here: STREAM-002,
// STREAM-023, STREAM-034a's and STREAM-040a's INVALID_ARGS are unreachable, and so are the
// NULL-iovec checks STREAM-021/031.
#include <algorithm>
#include <cstddef>
#include <optional>

#include "model/core.h"
#include "model/families.h"
#include "model/vmo.h"

namespace zxspec::model {

// zx_stream_create: STREAM-010..015
Outcome Do(State& s, zx_koid_t caller, const StreamCreate& c) {
  if ((c.options & ~ZX_STREAM_CREATE_MASK) != 0) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-010
  }
  const bool mode_read = (c.options & ZX_STREAM_MODE_READ) != 0;
  const bool mode_write = (c.options & ZX_STREAM_MODE_WRITE) != 0;
  const bool append = (c.options & ZX_STREAM_MODE_APPEND) != 0;
  const zx_rights_t needed =
      (mode_read ? ZX_RIGHT_READ : 0) | (mode_write || append ? ZX_RIGHT_WRITE : 0);  // STREAM-011
  auto e = LookupWithRights<Vmo>(s, caller, c.vmo, needed);  // STREAM-012
  if (e.is_error()) return Outcome::Status(e.status_value());
  // STREAM-013: physical and contiguous VMOs are outside the model; every model VMO qualifies.
  Stream st;  // STREAM-014: the seek offset is not validated
  st.vmo = e->object;
  st.mode_read = mode_read;
  st.mode_write = mode_write;
  st.append = append;
  st.seek = c.seek;
  zx_koid_t koid = NewObject(s, st);
  zx_rights_t rights = ZX_DEFAULT_STREAM_RIGHTS | (mode_read ? ZX_RIGHT_READ : 0) |
                       (mode_write ? ZX_RIGHT_WRITE : 0);  // STREAM-014, RIGHTS-011
  return Outcome::Ok(HandleResult{InstallHandle(s, caller, {koid, rights})});
}

// ---- reads: STREAM-020..027 ----

// STREAM-024..026: bytes [start, min(start + cap, ss)) of the stream's VMO; start + cap
// saturates instead of wrapping. A transfer larger than the model's buffer limit is
// ZX_ERR_NO_MEMORY (GEN-006, kMaxUserBufferBytes).
static Result<Bytes> ReadAt(const State& s, const Stream& st, uint64_t start, uint64_t cap) {
  const Vmo& v = Get<Vmo>(s, st.vmo);
  const uint64_t want_end = start > UINT64_MAX - cap ? UINT64_MAX : start + cap;
  const uint64_t limit = std::min(want_end, VmoStreamSize(s, v));  // STREAM-025
  if (cap == 0 || limit <= start) return Bytes{};                   // STREAM-024/025
  if (limit - start > kMaxUserBufferBytes) return Error{ZX_ERR_NO_MEMORY};
  return ReadVmo(s, v, start, limit - start);  // STREAM-026: ss <= V.size (VMO-002)
}

// zx_stream_readv: STREAM-020..027
Outcome Do(State& s, zx_koid_t caller, const StreamReadv& c) {
  if (c.options != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-020
  auto e = LookupWithRights<Stream>(s, caller, c.handle, ZX_RIGHT_READ);  // STREAM-022
  if (e.is_error()) return Outcome::Status(e.status_value());
  Stream& st = Get<Stream>(s, e->object);
  auto data = ReadAt(s, st, st.seek, c.len);
  if (data.is_error()) return Outcome::Status(data.status_value());
  st.seek += data->size();  // STREAM-027
  return Outcome::Ok(BytesResult{std::move(data).value()});
}

// zx_stream_readv_at: STREAM-020..027
Outcome Do(State& s, zx_koid_t caller, const StreamReadvAt& c) {
  if (c.options != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-020
  auto e = LookupWithRights<Stream>(s, caller, c.handle, ZX_RIGHT_READ);  // STREAM-022
  if (e.is_error()) return Outcome::Status(e.status_value());
  auto data = ReadAt(s, Get<Stream>(s, e->object), c.offset, c.len);  // STREAM-027: seek kept
  if (data.is_error()) return Outcome::Status(data.status_value());
  return Outcome::Ok(BytesResult{std::move(data).value()});
}

// ---- writes: STREAM-030..041 ----

// The bytes that land: data[0, len) at [start, start + len) of the stream's VMO, growing the
// stream size to cover them (STREAM-034f / 040d).
static void Transfer(State& s, const Stream& st, uint64_t start, const Bytes& data, uint64_t len) {
  const Vmo& v = Get<Vmo>(s, st.vmo);
  WriteVmo(s, v, start, Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(len)));
  const uint64_t ss = VmoStreamSize(s, v);
  if (start + len > ss) StoreStreamSize(s, st.vmo, start + len);
}

// STREAM-034: the positioned path at |start|. Returns the status and the bytes written.
static Result<uint64_t> WritePositioned(State& s, const Stream& st, uint64_t start,
                                        const Bytes& data) {
  const uint64_t cap = data.size();
  if (cap == 0) return uint64_t{0};                                     // STREAM-034a
  if (start > UINT64_MAX - cap) return Error{ZX_ERR_FILE_BIG};          // STREAM-034b
  const Vmo& v = Get<Vmo>(s, st.vmo);
  const uint64_t size = VmoSize(s, v);
  if (size <= start) return Error{ZX_ERR_OUT_OF_RANGE};                 // STREAM-034c
  const uint64_t end = std::min(start + cap, size);                     // STREAM-034d
  const uint64_t ss = VmoStreamSize(s, v);
  if (end > ss && ss < start) ZeroVmo(s, v, ss, start - ss);            // STREAM-034e
  Transfer(s, st, start, data, end - start);                            // STREAM-034f
  return end - start;
}

// STREAM-040: the append path: the write starts at the stream size.
static Result<uint64_t> WriteAppend(State& s, const Stream& st, const Bytes& data) {
  const uint64_t cap = data.size();
  if (cap == 0) return uint64_t{0};                                     // STREAM-040a
  const Vmo& v = Get<Vmo>(s, st.vmo);
  const uint64_t start = VmoStreamSize(s, v);                           // STREAM-040b
  if (start > UINT64_MAX - cap) return Error{ZX_ERR_OUT_OF_RANGE};      // STREAM-040b
  const uint64_t size = VmoSize(s, v);
  if (size <= start) return Error{ZX_ERR_OUT_OF_RANGE};                 // STREAM-040c
  const uint64_t end = std::min(start + cap, size);                     // STREAM-040d
  Transfer(s, st, start, data, end - start);
  return end - start;
}

// zx_stream_writev: STREAM-030..034, STREAM-040
Outcome Do(State& s, zx_koid_t caller, const StreamWritev& c) {
  if ((c.options & ~ZX_STREAM_APPEND) != 0) {
    return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-030
  }
  auto e = LookupWithRights<Stream>(s, caller, c.handle, ZX_RIGHT_WRITE);  // STREAM-032
  if (e.is_error()) return Outcome::Status(e.status_value());
  const Stream& st = Get<Stream>(s, e->object);
  const bool append = (c.options & ZX_STREAM_APPEND) != 0 || st.append;  // STREAM-033
  const uint64_t start = append ? VmoStreamSize(s, Get<Vmo>(s, st.vmo)) : st.seek;
  auto written = append ? WriteAppend(s, st, c.data) : WritePositioned(s, st, start, c.data);
  if (written.is_error()) return Outcome::Status(written.status_value());
  if (c.data.empty()) return Outcome::Ok(U64Result{0});  // STREAM-034a/040a: seek stays
  Get<Stream>(s, e->object).seek = start + *written;     // STREAM-034g, STREAM-040d
  return Outcome::Ok(U64Result{*written});
}

// zx_stream_writev_at: STREAM-030..034 (always positioned, append mode ignored)
Outcome Do(State& s, zx_koid_t caller, const StreamWritevAt& c) {
  if (c.options != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-030
  auto e = LookupWithRights<Stream>(s, caller, c.handle, ZX_RIGHT_WRITE);  // STREAM-032
  if (e.is_error()) return Outcome::Status(e.status_value());
  auto written = WritePositioned(s, Get<Stream>(s, e->object), c.offset, c.data);  // STREAM-033
  if (written.is_error()) return Outcome::Status(written.status_value());
  return Outcome::Ok(U64Result{*written});  // STREAM-034g: seek unchanged
}

// ---- zx_stream_seek: STREAM-050..053 ----

// |base| + |offset| as unsigned + signed; nullopt below 0 or above 2^64 - 1 (STREAM-052).
static std::optional<uint64_t> AddSigned(uint64_t base, int64_t offset) {
  if (offset >= 0) {
    const auto up = static_cast<uint64_t>(offset);
    if (base > UINT64_MAX - up) return std::nullopt;
    return base + up;
  }
  const uint64_t down = static_cast<uint64_t>(-(offset + 1)) + 1;  // |offset|, INT64_MIN too
  if (down > base) return std::nullopt;
  return base - down;
}

Outcome Do(State& s, zx_koid_t caller, const StreamSeek& c) {
  auto e = LookupTyped<Stream>(s, caller, c.handle);  // STREAM-050: no rights at lookup
  if (e.is_error()) return Outcome::Status(e.status_value());
  if ((e->rights & (ZX_RIGHT_READ | ZX_RIGHT_WRITE)) == 0) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // STREAM-051
  }
  Stream& st = Get<Stream>(s, e->object);
  std::optional<uint64_t> target;  // STREAM-052
  switch (c.whence) {
    case ZX_STREAM_SEEK_ORIGIN_START:
      if (c.offset >= 0) target = static_cast<uint64_t>(c.offset);
      break;
    case ZX_STREAM_SEEK_ORIGIN_CURRENT:
      target = AddSigned(st.seek, c.offset);
      break;
    case ZX_STREAM_SEEK_ORIGIN_END:
      target = AddSigned(VmoStreamSize(s, Get<Vmo>(s, st.vmo)), c.offset);
      break;
    default:
      break;
  }
  if (!target) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // STREAM-052
  st.seek = *target;                                          // STREAM-053
  return Outcome::Ok(U64Result{*target});
}

// ---- ZX_INFO_STREAM: STREAM-060 ----

Outcome InfoStream(const State& s, zx_koid_t caller, zx_handle_t h) {
  auto e = LookupWithRights<Stream>(s, caller, h, ZX_RIGHT_INSPECT);  // STREAM-060
  if (e.is_error()) return Outcome::Status(e.status_value());
  const Stream& st = Get<Stream>(s, e->object);
  zx_info_stream_t info;
  info.options = (st.mode_read ? ZX_STREAM_MODE_READ : 0) |
                 (st.mode_write ? ZX_STREAM_MODE_WRITE : 0) |
                 (st.append ? ZX_STREAM_MODE_APPEND : 0);
  info.seek = st.seek;
  info.content_size = VmoStreamSize(s, Get<Vmo>(s, st.vmo));
  return Outcome::Ok(InfoResult{info});
}

}  // namespace zxspec::model
