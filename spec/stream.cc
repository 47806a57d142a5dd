// Streams in Z3: zx_stream_create, zx_stream_writev and zx_stream_writev_at (stream.md
// STREAM-010..014, STREAM-030..040), mirroring model/stream.cc. Only what the invariants need is
// encoded: the stream's VMO and modes, its seek offset, and the stream size and VMO size of the
// VMO written through it. Byte contents are not spec state.
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

// Write buffers are represented by their length.
constexpr uint64_t kMaxDataLen = uint64_t{1} << 20;

// ---- zx_stream_create: STREAM-010..014 ----

SymStep CreateStep(const SymState& pre, const SymArgs& a) {
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
  z3::expr stream_rights = U32(c, ZX_DEFAULT_STREAM_RIGHTS) |
                           z3::ite(mode_read, U32(c, ZX_RIGHT_READ), zero) |
                           z3::ite(mode_write, U32(c, ZX_RIGHT_WRITE), zero);  // STREAM-014
  Paths looked_up = ForCallerHandle(pre, a[1], [&](size_t i) {  // STREAM-012
    return ForObject(pre, i, [&](size_t j) {
      const SymObject& vmo = pre.objects[j];
      Checks checks(c);
      checks.Fail(!(vmo.alive && IsVmo(vmo)), ZX_ERR_WRONG_TYPE)
          .Fail(!HasRights(pre.handles[i].rights, need), ZX_ERR_ACCESS_DENIED);
      // STREAM-013: physical and contiguous VMOs are outside the model.
      Paths created = [&] {  // STREAM-014
        size_t k = NewSlot(pre.objects);
        SymState s = pre;
        ObjectValue ov = DeadObject();
        ov.alive = 1;
        ov.type = ZX_OBJ_TYPE_STREAM;
        SymObject& st = s.objects[k];
        st = ConstObject(c, ov);
        st.stream_vmo = Index(c, j);
        st.mode_read = mode_read;
        st.mode_write = mode_write;
        st.append = append;
        st.seek = seek;
        return WithNewHandle(s, Index(c, k), stream_rights);
      }();
      return Then(pre, checks, created);
    });
  });
  Checks early(c);
  early.Fail(HasBits(options, ~uint64_t{ZX_STREAM_CREATE_MASK}), ZX_ERR_INVALID_ARGS);  // 010
  return {Then(pre, early, looked_up),
          {FreeSlotAssumption("object", LastSlotFree(pre.objects)),
           FreeSlotAssumption("handle", LastSlotFree(pre.handles))}};
}

Call CreateCall(const ArgValues& a, const HandleValueOf& hv) {
  return StreamCreate{static_cast<uint32_t>(a[0]), hv(a[1]), a[2]};
}
std::optional<ArgValues> CreateArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<StreamCreate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{c->options, ha(c->vmo), c->seek};
}

// ---- writes: STREAM-030..040 ----

// The stream size after a transfer that ends at |end| (STREAM-034f / 040d): it grows to |end|
// when that is past it, as paths (so each path's post-state holds a plain term).
Paths GrowStreamSize(const SymState& s, const View& v, const z3::expr& end) {
  return Case(s, z3::ule(end, v.stream_size), Ok(s), Ok(v.WithStreamSize(s, end)));
}

// STREAM-034a..g: the positioned path from |start| through stream slot |j| onto view |v|.
Paths Positioned(const SymState& pre, size_t j, const View& v, const z3::expr& start,
                 const z3::expr& cap, bool moves_seek) {
  z3::context& c = pre.ctx();
  Checks checks(c);
  checks.Fail(!z3::bvadd_no_overflow(start, cap, false), ZX_ERR_FILE_BIG)  // STREAM-034b
      .Fail(z3::ule(v.size, start), ZX_ERR_OUT_OF_RANGE);                  // STREAM-034c
  // STREAM-034d: end = min(start + cap, VMO size); a write past the VMO size is partial.
  auto transfer = [&](const z3::expr& end) {
    SymState s = pre;
    if (moves_seek) s.objects[j].seek = end;  // STREAM-034g
    return GrowStreamSize(s, v, end);          // STREAM-034f
  };
  z3::expr full = z3::ule(start + cap, v.size);
  return Case(pre, cap == U64(c, 0), Ok(pre),  // STREAM-034a
              Then(pre, checks, Case(pre, full, transfer(start + cap), transfer(v.size))));
}

// STREAM-040a..d: the append path, from the stream size.
Paths Append(const SymState& pre, size_t j, const View& v, const z3::expr& cap) {
  z3::context& c = pre.ctx();
  const z3::expr& start = v.stream_size;  // STREAM-040b
  Checks checks(c);
  checks.Fail(!z3::bvadd_no_overflow(start, cap, false), ZX_ERR_OUT_OF_RANGE)  // STREAM-040b
      .Fail(z3::ule(v.size, start), ZX_ERR_OUT_OF_RANGE);                      // STREAM-040c
  auto transfer = [&](const z3::expr& end) {  // STREAM-040d
    SymState s = v.WithStreamSize(pre, end);
    s.objects[j].seek = end;
    return Ok(s);
  };
  z3::expr full = z3::ule(start + cap, v.size);
  return Case(pre, cap == U64(c, 0), Ok(pre),  // STREAM-040a
              Then(pre, checks, Case(pre, full, transfer(start + cap), transfer(v.size))));
}

// The paths of f(view) for the VMO of stream slot |j|.
Paths ForStreamVmo(const SymState& pre, size_t j, const std::function<Paths(const View&)>& f) {
  return ForSlot(pre.objects, pre.objects[j].stream_vmo,
                 [&](size_t v) { return ForView(pre, v, f); });
}

// zx_stream_writev: STREAM-030..034, 040.
SymStep WritevStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& options = a[1];
  const z3::expr& cap = a[2];
  Paths looked_up = LookupWithRights(pre, a[0], ZX_OBJ_TYPE_STREAM, ZX_RIGHT_WRITE,  // 032
                                     [&](size_t, size_t j) {
    const SymObject& st = pre.objects[j];
    z3::expr append_path = HasBits(options, ZX_STREAM_APPEND) || st.append;  // STREAM-033
    return ForStreamVmo(pre, j, [&](const View& v) {
      return Join(Guard(append_path, Append(pre, j, v, cap)),
                  Guard(!append_path, Positioned(pre, j, v, st.seek, cap, /*moves_seek=*/true)));
    });
  });
  Checks early(c);
  early.Fail(HasBits(options, ~uint64_t{ZX_STREAM_APPEND}), ZX_ERR_INVALID_ARGS);  // STREAM-030
  return {Then(pre, early, looked_up),
          {NamedExpr{"arg:finite-buffer", z3::ule(cap, U64(c, kMaxDataLen))}}};
}

// zx_stream_writev_at: STREAM-030..034.
SymStep WritevAtStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& options = a[1];
  const z3::expr& offset = a[2];
  const z3::expr& cap = a[3];
  Paths looked_up = LookupWithRights(pre, a[0], ZX_OBJ_TYPE_STREAM, ZX_RIGHT_WRITE,  // 032
                                     [&](size_t, size_t j) {
    return ForStreamVmo(pre, j, [&](const View& v) {
      return Positioned(pre, j, v, offset, cap, /*moves_seek=*/false);
    });
  });
  Checks early(c);
  early.Fail(options != U32(c, 0), ZX_ERR_INVALID_ARGS);  // STREAM-030
  return {Then(pre, early, looked_up),
          {NamedExpr{"arg:finite-buffer", z3::ule(cap, U64(c, kMaxDataLen))}}};
}

Call WritevCall(const ArgValues& a, const HandleValueOf& hv) {
  return StreamWritev{hv(a[0]), static_cast<uint32_t>(a[1]), Bytes(a[2], 0)};
}
std::optional<ArgValues> WritevArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<StreamWritev>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{ha(c->handle), c->options, c->data.size()};
}

Call WritevAtCall(const ArgValues& a, const HandleValueOf& hv) {
  return StreamWritevAt{hv(a[0]), static_cast<uint32_t>(a[1]), a[2], Bytes(a[3], 0)};
}
std::optional<ArgValues> WritevAtArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<StreamWritevAt>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{ha(c->handle), c->options, c->offset, c->data.size()};
}

}  // namespace

const OpSpec& StreamCreateOp() {
  static const OpSpec op{"stream_create", "STREAM-010..STREAM-014",
                         {{"options", 32}, {"vmo", kIndexBits}, {"seek", 64}},
                         &CreateStep, &CreateCall, &CreateArgs};
  return op;
}

const OpSpec& StreamWritevOp() {
  static const OpSpec op{"stream_writev", "STREAM-030..STREAM-034 STREAM-040",
                         {{"handle", kIndexBits}, {"options", 32}, {"data_len", 64}},
                         &WritevStep, &WritevCall, &WritevArgs};
  return op;
}

const OpSpec& StreamWritevAtOp() {
  static const OpSpec op{"stream_writev_at", "STREAM-030..STREAM-034",
                         {{"handle", kIndexBits}, {"options", 32}, {"offset", 64}, {"data_len", 64}},
                         &WritevAtStep, &WritevAtCall, &WritevAtArgs};
  return op;
}

}  // namespace zxspec::spec
