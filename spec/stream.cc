// Streams in Z3: zx_stream_create, the reads, the writes and zx_stream_seek (stream.md
// STREAM-010..014, STREAM-020..027, STREAM-030..040, STREAM-050..053), mirroring model/stream.cc.
#include "spec/content.h"
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

using Opt = std::optional<ArgValues>;

// ---- zx_stream_create: STREAM-010..014 ----

Paths StreamCreateStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& options = a[0];
  const z3::expr& seek = a[2];
  z3::expr mode_read = HasBits(options, ZX_STREAM_MODE_READ);
  z3::expr mode_write = HasBits(options, ZX_STREAM_MODE_WRITE);
  z3::expr append = HasBits(options, ZX_STREAM_MODE_APPEND);
  z3::expr zero = U32(c, 0);
  // STREAM-011: READ for MODE_READ, WRITE for MODE_WRITE or MODE_APPEND.
  z3::expr need = z3::ite(mode_read, U32(c, ZX_RIGHT_READ), zero) |
                  z3::ite(mode_write || append, U32(c, ZX_RIGHT_WRITE), zero);
  z3::expr rights = U32(c, ZX_DEFAULT_STREAM_RIGHTS) |
                    z3::ite(mode_read, U32(c, ZX_RIGHT_READ), zero) |
                    z3::ite(mode_write, U32(c, ZX_RIGHT_WRITE), zero);  // STREAM-014, RIGHTS-011
  Checks early(c);
  early.Fail(HasBits(options, ~uint64_t{ZX_STREAM_CREATE_MASK}), ZX_ERR_INVALID_ARGS, "STREAM-010");
  Paths looked_up = LookupWithRights(pre, caller, a[1], ZX_OBJ_TYPE_VMO, need,
                                     [&](const FoundHandle& h) {
    // STREAM-013: physical and contiguous VMOs are outside the model.
    z3::expr k = U64(c, 0), out = U32(c, 0);
    SymState s = NewObject(pre, ZX_OBJ_TYPE_STREAM, &k);  // STREAM-014: seek not validated
    s.stream_vmo = s.stream_vmo.Set(k, h.object);
    s.mode_read = s.mode_read.Set(k, mode_read);
    s.mode_write = s.mode_write.Set(k, mode_write);
    s.append = s.append.Set(k, append);
    s.seek = s.seek.Set(k, seek);
    s = InstallHandle(s, caller, k, rights, &out);
    Paths ok = Ok(s, "STREAM-014", SymResult::Handle(out));
    ok[0].installs.push_back({{caller, out}, rights, "STREAM-014: a new stream's rights", true});
    return ok;
  }, "STREAM-012");
  return Then(pre, early, looked_up);
}

Call StreamCreateCall(const ArgValues& a) {
  return StreamCreate{static_cast<uint32_t>(a.v[0]), static_cast<zx_handle_t>(a.v[1]), a.v[2]};
}
Opt StreamCreateArgs(const Call& call) {
  const auto* c = std::get_if<StreamCreate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->options, c->vmo, c->seek}, {{}, {}, {}}};
}

// ---- writes: STREAM-030..040 ----

// STREAM-034f / 040d: the bytes land at [start, end) and the stream size grows to cover them.
SymState Transfer(const SymState& s, const View& v, const z3::expr& start, const z3::expr& end,
                  const Fn& data) {
  SymState out = WriteBytes(s, v, start, end - start, data);
  return v.WithStreamSize(out, Max(v.stream_size, end));
}

// |s| with stream |k|'s seek at |seek| (STREAM-034g, STREAM-040d).
SymState Seek(const SymState& s, const z3::expr& k, const z3::expr& seek) {
  SymState out = s;
  out.seek = s.seek.Set(k, seek);
  return out;
}

// STREAM-034: the positioned path at |start|; |moves_seek| for zx_stream_writev.
Paths Positioned(const SymState& pre, const z3::expr& k, const View& v, const z3::expr& start,
                 const z3::expr& cap, const Fn& data, bool moves_seek) {
  z3::context& c = pre.ctx();
  Checks checks(c);
  checks.Succeed(cap == U64(c, 0), "STREAM-034a", SymResult::U64Value(U64(c, 0)))
      .Fail(!NoWrap(start, cap), ZX_ERR_FILE_BIG, "STREAM-034b")
      .Fail(z3::ule(v.size, start), ZX_ERR_OUT_OF_RANGE, "STREAM-034c");
  z3::expr end = Min(start + cap, v.size);  // STREAM-034d: a write past the size is partial
  // STREAM-034e: a gap between the stream size and the start is zeroed.
  z3::expr gap = z3::ugt(end, v.stream_size) && z3::ult(v.stream_size, start);
  SymState zeroed = ZeroBytes(pre, v, v.stream_size, start - v.stream_size);
  auto finish = [&](const SymState& from) {
    SymState s = Transfer(from, v, start, end, data);
    if (moves_seek) s = Seek(s, k, end);  // STREAM-034g
    return Ok(s, "STREAM-034f", SymResult::U64Value(end - start));
  };
  return Then(pre, checks, Case(gap, Named("(gap)", finish(zeroed)), finish(pre)));
}

// STREAM-040: the append path, from the stream size.
Paths Append(const SymState& pre, const z3::expr& k, const View& v, const z3::expr& cap,
             const Fn& data) {
  z3::context& c = pre.ctx();
  const z3::expr& start = v.stream_size;  // STREAM-040b
  Checks checks(c);
  checks.Succeed(cap == U64(c, 0), "STREAM-040a", SymResult::U64Value(U64(c, 0)))
      .Fail(!NoWrap(start, cap), ZX_ERR_OUT_OF_RANGE, "STREAM-040b")
      .Fail(z3::ule(v.size, start), ZX_ERR_OUT_OF_RANGE, "STREAM-040c");
  z3::expr end = Min(start + cap, v.size);  // STREAM-040d
  SymState s = Seek(Transfer(pre, v, start, end, data), k, end);
  return Then(pre, checks, Ok(s, "STREAM-040d", SymResult::U64Value(end - start)));
}

// zx_stream_writev: STREAM-030..034, 040.
Paths WritevStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& options = a[1];
  const z3::expr& cap = a[2];
  Checks early(c);
  early.Fail(HasBits(options, ~uint64_t{ZX_STREAM_APPEND}), ZX_ERR_INVALID_ARGS, "STREAM-030");
  Paths looked_up = LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_STREAM, ZX_RIGHT_WRITE,
                                     [&](const FoundHandle& h) {
    const z3::expr& k = h.object;
    View v = ViewOf(pre, pre.stream_vmo(k));
    z3::expr append = HasBits(options, ZX_STREAM_APPEND) || pre.append(k);  // STREAM-033
    return Case(append, Append(pre, k, v, cap, a.elems(2)),
                Positioned(pre, k, v, pre.seek(k), cap, a.elems(2), /*moves_seek=*/true));
  }, "STREAM-032");
  return Then(pre, early, looked_up);
}

// zx_stream_writev_at: STREAM-030..034 (always positioned, append mode ignored).
Paths WritevAtStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  Checks early(c);
  early.Fail(a[1] != U32(c, 0), ZX_ERR_INVALID_ARGS, "STREAM-030");
  Paths looked_up = LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_STREAM, ZX_RIGHT_WRITE,
                                     [&](const FoundHandle& h) {
    View v = ViewOf(pre, pre.stream_vmo(h.object));
    return Positioned(pre, h.object, v, a[2], a[3], a.elems(3), /*moves_seek=*/false);
  }, "STREAM-032");
  return Then(pre, early, looked_up);
}

// ---- reads: STREAM-020..027 ----

// STREAM-024..027 from |start| (the seek for readv, the offset for readv_at): the bytes
// [start, limit) with limit = min(start + cap saturated at 2^64 - 1, stream size); nothing is
// read when cap is 0 or limit <= start; a transfer over the buffer limit is NO_MEMORY (GEN-006).
// |moves_seek|: zx_stream_readv's seek becomes limit (STREAM-027).
Paths ReadFrom(const SymState& pre, const z3::expr& k, const z3::expr& start, const z3::expr& cap,
               bool moves_seek) {
  z3::context& c = pre.ctx();
  View v = ViewOf(pre, pre.stream_vmo(k));
  z3::expr want_end = z3::ite(NoWrap(start, cap), start + cap, U64(c, UINT64_MAX));
  z3::expr limit = Min(want_end, v.stream_size);  // STREAM-025
  Checks checks(c);
  checks.Succeed(cap == U64(c, 0), "STREAM-024", NoBytes(c))
      .Succeed(z3::ule(limit, start), "STREAM-025", NoBytes(c))
      .Fail(z3::ugt(limit - start, U64(c, kMaxUserBufferBytes)), ZX_ERR_NO_MEMORY, "GEN-006");
  // STREAM-026: stream size <= size (VMO-002), so the bytes lie within the VMO.
  SymState post = moves_seek ? Seek(pre, k, limit) : pre;  // STREAM-027
  return Then(pre, checks, Ok(post, "STREAM-026", BytesAt(pre, v, start, limit - start)));
}

// zx_stream_readv (|at| false) and zx_stream_readv_at: STREAM-020, then the lookup of
// STREAM-022 (READ needed), then ReadFrom.
Paths Read(const SymState& pre, const z3::expr& caller, const SymArgs& a, bool at) {
  z3::context& c = pre.ctx();
  Checks early(c);
  early.Fail(a[1] != U32(c, 0), ZX_ERR_INVALID_ARGS, "STREAM-020");
  Paths looked_up = LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_STREAM, ZX_RIGHT_READ,
                                     [&](const FoundHandle& h) {
    const z3::expr& k = h.object;
    return at ? ReadFrom(pre, k, a[2], a[3], /*moves_seek=*/false)
              : ReadFrom(pre, k, pre.seek(k), a[2], /*moves_seek=*/true);
  }, "STREAM-022");
  return Then(pre, early, looked_up);
}

Paths ReadvStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return Read(pre, caller, a, /*at=*/false);
}
Paths ReadvAtStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return Read(pre, caller, a, /*at=*/true);
}

Call ReadvCall(const ArgValues& a) {
  return StreamReadv{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1]), a.v[2]};
}
Opt ReadvArgs(const Call& call) {
  const auto* c = std::get_if<StreamReadv>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->options, c->len}, {{}, {}, {}}};
}
Call ReadvAtCall(const ArgValues& a) {
  return StreamReadvAt{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1]), a.v[2],
                       a.v[3]};
}
Opt ReadvAtArgs(const Call& call) {
  const auto* c = std::get_if<StreamReadvAt>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->options, c->offset, c->len}, {{}, {}, {}, {}}};
}

// zx_stream_seek: STREAM-050..053. The target is base + offset (offset signed) when it lies
// in [0, 2^64): the base is 0 for ORIGIN_START (offset >= 0 only), the seek for
// ORIGIN_CURRENT, the stream size of the VMO for ORIGIN_END; any other whence is invalid.
Paths SeekStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr &whence = a[1], &offset = a[2];
  return LookupTyped(pre, caller, a[0], ZX_OBJ_TYPE_STREAM, [&](const FoundHandle& h) {
    auto within = [&](const z3::expr& base) {  // model AddSigned: no wrap either way
      return z3::ite(z3::slt(offset, U64(c, 0)), z3::ule(-offset, base), NoWrap(base, offset));
    };
    z3::expr start = whence == U32(c, ZX_STREAM_SEEK_ORIGIN_START);
    z3::expr current = whence == U32(c, ZX_STREAM_SEEK_ORIGIN_CURRENT);
    z3::expr end = whence == U32(c, ZX_STREAM_SEEK_ORIGIN_END);
    z3::expr base = z3::ite(current, pre.seek(h.object),
                            z3::ite(end, ViewOf(pre, pre.stream_vmo(h.object)).stream_size, U64(c, 0)));
    z3::expr valid = (start && z3::sge(offset, U64(c, 0))) || ((current || end) && within(base));
    Checks checks(c);
    checks.Fail(!HasBits(h.rights, ZX_RIGHT_READ | ZX_RIGHT_WRITE), ZX_ERR_ACCESS_DENIED, "STREAM-051")
        .Fail(!valid, ZX_ERR_INVALID_ARGS, "STREAM-052");
    z3::expr target = base + offset;
    return Then(pre, checks, Ok(Seek(pre, h.object, target), "STREAM-053", SymResult::U64Value(target)));
  }, "STREAM-050");
}

Call SeekCall(const ArgValues& a) {
  return StreamSeek{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1]),
                    static_cast<int64_t>(a.v[2])};
}
Opt SeekArgs(const Call& call) {
  const auto* c = std::get_if<StreamSeek>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->whence, static_cast<uint64_t>(c->offset)}, {{}, {}, {}}};
}

Call WritevCall(const ArgValues& a) {
  return StreamWritev{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1]), BytesOf(a.buf[2])};
}
Opt WritevArgs(const Call& call) {
  const auto* c = std::get_if<StreamWritev>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->options, c->data.size()}, {{}, {}, ElemsOf(c->data)}};
}

Call WritevAtCall(const ArgValues& a) {
  return StreamWritevAt{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1]), a.v[2],
                        BytesOf(a.buf[3])};
}
Opt WritevAtArgs(const Call& call) {
  const auto* c = std::get_if<StreamWritevAt>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->options, c->offset, c->data.size()}, {{}, {}, {}, ElemsOf(c->data)}};
}

}  // namespace

const OpSpec& StreamCreateOp() {
  static const OpSpec op{"stream_create", "STREAM-010..STREAM-014",
                         {{"options", 32}, {"vmo", 32}, {"seek", 64}},
                         &StreamCreateStep, &StreamCreateCall, &StreamCreateArgs};
  return op;
}

const OpSpec& StreamReadvOp() {
  static const OpSpec op{"stream_readv", "STREAM-020..STREAM-027 GEN-006",
                         {{"handle", 32}, {"options", 32}, {"len", 64}}, &ReadvStep, &ReadvCall,
                         &ReadvArgs};
  return op;
}

const OpSpec& StreamReadvAtOp() {
  static const OpSpec op{"stream_readv_at", "STREAM-020..STREAM-027 GEN-006",
                         {{"handle", 32}, {"options", 32}, {"offset", 64}, {"len", 64}},
                         &ReadvAtStep, &ReadvAtCall, &ReadvAtArgs};
  return op;
}

const OpSpec& StreamSeekOp() {
  static const OpSpec op{"stream_seek", "STREAM-050..STREAM-053",
                         {{"handle", 32}, {"whence", 32}, {"offset", 64}}, &SeekStep, &SeekCall,
                         &SeekArgs};
  return op;
}

const OpSpec& StreamWritevOp() {
  static const OpSpec op{"stream_writev", "STREAM-030..STREAM-034 STREAM-040",
                         {{"handle", 32}, {"options", 32}, {"data", 64, 8}},
                         &WritevStep, &WritevCall, &WritevArgs, {true, nullptr}};
  return op;
}

const OpSpec& StreamWritevAtOp() {
  static const OpSpec op{"stream_writev_at", "STREAM-030..STREAM-034",
                         {{"handle", 32}, {"options", 32}, {"offset", 64}, {"data", 64, 8}},
                         &WritevAtStep, &WritevAtCall, &WritevAtArgs, {true, nullptr}};
  return op;
}

}  // namespace zxspec::spec
