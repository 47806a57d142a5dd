// Channels in Z3: zx_channel_create, zx_channel_read and zx_channel_read_etc (channel-fidl.md
// CHAN-010..012, CHAN-040..042), mirroring model/channel.cc.
//
// A queue is the messages of an endpoint by position, oldest 0 (spec/state.h): `q_len`, and per
// (endpoint, position) the byte and handle counts, bytes and handle slots. A read takes
// position 0 and moves every later message down by one; its n handles go to the caller's table
// under the next n values (HANDLE-001: value = (installed + 1 + i) << 2 | 3 for slot i), with
// the object and rights they travelled with, so the rights-monotone obligation bounds each by
// its slot's rights.
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

constexpr uint32_t kValueIndexMask = (1u << 30) - 1;  // the counter bits a handle value keeps

// ---- zx_channel_create: CHAN-010..012 ----

Paths CreateStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  Checks checks(c);
  // CHAN-011: ZX_POL_NEW_CHANNEL is allowed by the model's default job policy (GEN-005).
  checks.Fail(a[0] != U32(c, 0), ZX_ERR_INVALID_ARGS, "CHAN-011");
  z3::expr first = U64(c, 0), second = U64(c, 0), h0 = U32(c, 0), h1 = U32(c, 0);
  SymState s = NewObject(pre, ZX_OBJ_TYPE_CHANNEL, &first);
  s = NewObject(s, ZX_OBJ_TYPE_CHANNEL, &second);
  s.peer = s.peer.Set(first, second).Set(second, first);  // CHAN-012: peers of each other
  z3::expr rights = U32(c, ZX_DEFAULT_CHANNEL_RIGHTS);
  s = InstallHandle(s, caller, first, rights, &h0);
  s = InstallHandle(s, caller, second, rights, &h1);
  Paths ok = Ok(s, "CHAN-012", SymResult{SymResult::Kind::kHandlePair, {h0, h1}, std::nullopt});
  for (const z3::expr& h : {h0, h1}) {
    ok[0].installs.push_back({{caller, h}, rights, "CHAN-012: a new endpoint's rights", true});
  }
  return Then(pre, checks, ok);
}

Call CreateCall(const ArgValues& a) { return ChannelCreate{static_cast<uint32_t>(a.v[0])}; }
std::optional<ArgValues> CreateArgs(const Call& call) {
  const auto* c = std::get_if<ChannelCreate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->options}, {{}}};
}

// ---- zx_channel_read, zx_channel_read_etc: CHAN-040..042 ----

// |s| with the oldest message of endpoint |e| gone: position q + 1 moves to q.
SymState PopMessage(const SymState& s, const z3::expr& e) {
  z3::context& c = s.ctx();
  SymState out = s;
  auto at_e = [e](const Args& x) { return EqFold(x[0], e); };
  z3::expr last = s.q_len(e) - U64(c, 1);  // the new length (the call checked q_len > 0)
  auto next = [last](const Fn& f) {
    return [f, last](const Args& x) {
      Args y = x;
      y[1] = x[1] + U64(x[1].ctx(), 1);
      z3::expr none = x[1].ctx().bv_val(0, f.shape().bits);
      return z3::ite(z3::ult(x[1], last), f(y), none);  // nothing at or past the new length
    };
  };
  out.msg_nbytes = s.msg_nbytes.Where(at_e, next(s.msg_nbytes));
  out.msg_nhandles = s.msg_nhandles.Where(at_e, next(s.msg_nhandles));
  out.msg_byte = s.msg_byte.Where(at_e, next(s.msg_byte));
  out.mh_object = s.mh_object.Where(at_e, next(s.mh_object));
  out.mh_rights = s.mh_rights.Where(at_e, next(s.mh_rights));
  out.q_len = s.q_len.Set(e, s.q_len(e) - U64(c, 1));
  return out;
}

// CHAN-042: the read message's handles in |caller|'s table; |covers| says which (process,
// value) pairs they are and |rights_at| the rights each travelled with.
struct Installed {
  SymState state;
  std::function<z3::expr(const z3::expr& p, const z3::expr& v)> covers;
  std::function<z3::expr(const z3::expr& v)> rights_at;
};

Installed InstallMessageHandles(const SymState& s, const SymState& queued, const z3::expr& caller,
                                const z3::expr& e) {
  z3::context& c = s.ctx();
  z3::expr first = s.proc_installed(caller) + U32(c, 1);
  z3::expr n = queued.msg_nhandles(e, U64(c, 0));
  auto slot = [first](const z3::expr& v) {
    z3::context& cx = v.ctx();
    return (z3::lshr(v, U32(cx, 2)) - first) & U32(cx, kValueIndexMask);
  };
  auto covers = [caller, n, slot](const z3::expr& p, const z3::expr& v) {
    z3::context& cx = v.ctx();
    return p == caller && (v & U32(cx, ZX_HANDLE_FIXED_BITS_MASK)) == U32(cx, ZX_HANDLE_FIXED_BITS_MASK) &&
           z3::ult(slot(v), n);
  };
  auto mine = [covers](const Args& x) { return covers(x[0], x[1]); };
  Fn objects = queued.mh_object, rights = queued.mh_rights;
  z3::expr zero = U64(c, 0);
  SymState out = s;
  out.h_alive = s.h_alive.Where(mine, [&c](const Args&) { return True(c); });
  out.h_object = s.h_object.Where(mine, [objects, e, zero, slot](const Args& x) {
    return objects(e, zero, slot(x[1]));
  });
  auto rights_at = [rights, e, zero, slot](const z3::expr& v) { return rights(e, zero, slot(v)); };
  out.h_rights = s.h_rights.Where(mine, [rights_at](const Args& x) { return rights_at(x[1]); });
  out.proc_installed = s.proc_installed.Set(caller, s.proc_installed(caller) + n);
  return {out, covers, rights_at};
}

// CHAN-042's result: the bytes, and per handle its value, type and rights.
SymResult ReadResult(const SymState& pre, const z3::expr& caller, const z3::expr& e) {
  z3::context& c = pre.ctx();
  z3::expr zero = U64(c, 0), first = pre.proc_installed(caller) + U32(c, 1);
  Fn bytes = pre.msg_byte, objects = pre.mh_object, rights = pre.mh_rights, type = pre.type;
  auto column = [&c](unsigned bits, std::function<z3::expr(const z3::expr&)> f) {
    return Fn::Concrete(c, FnShape{{32}, bits}, {}).Where(
        [&c](const Args&) { return True(c); }, [f](const Args& i) { return f(i[0]); });
  };
  SymResult r;
  r.kind = SymResult::Kind::kChannelRead;
  r.values = {z3::zext(pre.msg_nbytes(e, zero), 32), pre.msg_nhandles(e, zero)};
  r.bytes = Fn::Concrete(c, FnShape{{64}, 8}, {}).Where(
      [&c](const Args&) { return True(c); }, [bytes, e, zero](const Args& i) { return bytes(e, zero, i[0]); });
  r.columns = {
      column(32, [first](const z3::expr& i) { return HandleValue(first + i); }),
      column(32, [type, objects, e, zero](const z3::expr& i) { return type(objects(e, zero, i)); }),
      column(32, [rights, e, zero](const z3::expr& i) { return rights(e, zero, i); })};
  return r;
}

Paths ReadStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_READ,
                          [&](const FoundHandle& h) {
    const z3::expr& e = h.object;
    z3::expr empty = pre.q_len(e) == U64(c, 0);
    Checks checks(c);
    checks.Fail(empty && pre.peer_closed(e), ZX_ERR_PEER_CLOSED, "CHAN-041 (3, peer closed)")
        .Fail(empty, ZX_ERR_SHOULD_WAIT, "CHAN-041 (3)");
    Installed in = InstallMessageHandles(PopMessage(pre, e), pre, caller, e);
    Paths ok = Ok(in.state, "CHAN-042", ReadResult(pre, caller, e));
    Install install{{caller, U32(c, 0)}, U32(c, 0), "CHAN-042: the rights each handle travelled with"};
    install.covers = in.covers;
    install.bound_at = in.rights_at;
    ok[0].installs.push_back(std::move(install));
    return Then(pre, checks, ok);
  }, "CHAN-041 (1)");
}

Call ReadCall(const ArgValues& a) { return ChannelRead{static_cast<zx_handle_t>(a.v[0])}; }
Call ReadEtcCall(const ArgValues& a) { return ChannelReadEtc{static_cast<zx_handle_t>(a.v[0])}; }
std::optional<ArgValues> ReadArgs(const Call& call) {
  const auto* c = std::get_if<ChannelRead>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle}, {{}}};
}
std::optional<ArgValues> ReadEtcArgs(const Call& call) {
  const auto* c = std::get_if<ChannelReadEtc>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle}, {{}}};
}

}  // namespace

const OpSpec& ChannelCreateOp() {
  static const OpSpec op{"channel_create", "CHAN-010..CHAN-012", {{"options", 32}}, &CreateStep,
                         &CreateCall, &CreateArgs};
  return op;
}

const OpSpec& ChannelReadOp() {
  static const OpSpec op{"channel_read", "CHAN-040..CHAN-042", {{"handle", 32}}, &ReadStep,
                         &ReadCall, &ReadArgs};
  return op;
}

const OpSpec& ChannelReadEtcOp() {
  static const OpSpec op{"channel_read_etc", "CHAN-040..CHAN-042", {{"handle", 32}}, &ReadStep,
                         &ReadEtcCall, &ReadEtcArgs};
  return op;
}

}  // namespace zxspec::spec
