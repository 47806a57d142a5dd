// Channels in Z3: zx_channel_create, zx_channel_write, zx_channel_write_etc, zx_channel_read
// and zx_channel_read_etc (channel-fidl.md CHAN-010..012, CHAN-020..023, CHAN-030..032,
// CHAN-040..042), mirroring model/channel.cc.
//
// A queue is the messages of an endpoint by position, oldest 0 (spec/state.h): `q_len`, and per
// (endpoint, position) the byte and handle counts, bytes and handle slots. A write appends at
// position q_len of the peer's queue. A read takes position 0 and moves every later message
// down by one; its n handles go to the caller's table under the next n values (HANDLE-001:
// value = (installed + 1 + i) << 2 | 3 for slot i), with the object and rights they travelled
// with, so the rights-monotone obligation bounds each by its slot's rights.
//
// A write's handle entries are processed in array order (CHAN-022 (4)): which entries are taken,
// and which one fails first, are orders over the array, not closed forms. Both are "least index"
// functions: over concrete arguments they are computed; over symbolic ones they are choices of
// the path (`write.first`, `write.failing`) with constraints that state exactly what they are.
#include "spec/channel.h"

#include "spec/lifecycle.h"

namespace zxspec::spec {
namespace {

// ---- zx_channel_create: CHAN-010..012 ----

Paths ChannelCreateStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
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

Call ChannelCreateCall(const ArgValues& a) { return ChannelCreate{static_cast<uint32_t>(a.v[0])}; }
std::optional<ArgValues> ChannelCreateArgs(const Call& call) {
  const auto* c = std::get_if<ChannelCreate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->options}, {{}}};
}

// ---- zx_channel_write, zx_channel_write_etc: CHAN-020..023, CHAN-030..032 ----

constexpr uint64_t kMaxScanned = 1u << 16;  // longer concrete arrays are treated as symbolic

Entries EntriesOf(const SymArgs& a, bool etc) {
  return Entries{etc, a[2], a.elems(2), etc ? a.elems(3) : a.elems(2)};
}


// |first| over concrete entries, or nullopt.
std::optional<Table> FirstConcrete(z3::context& c, const Entries& e) {
  auto count = NumeralOf(e.n);
  if (!count || *count > kMaxScanned) return std::nullopt;
  Table t;
  for (uint64_t i = *count; i-- > 0;) {  // downwards: the least entry is written last
    auto h = NumeralOf(e.handle(U32(c, i)).simplify());
    auto takes = NumeralOf(e.takes(U32(c, i)).simplify());
    if (!h || !takes) return std::nullopt;
    if (*takes != 0 && i != 0) t[{*h}] = i;
    if (*takes != 0 && i == 0) t.erase({*h});  // 0 is the default
  }
  return t;
}

}  // namespace

Listing ListingOf(const SymState& s, const Entries& e) {
  z3::context& c = s.ctx();
  if (auto t = FirstConcrete(c, e)) return {e, Fn::Concrete(c, FnShape{{32}, 32}, *t), {}};
  Fn first = s.choices->Make(c, "write.first", FnShape{{32}, 32});
  Formula least = Formula::Forall(c, {Sort::kSlot}, [e, first](const Args& x) -> Formula {
    const z3::expr& j = x[0];
    z3::expr f = first(e.handle(j));
    return z3::implies(z3::ult(j, e.n) && e.takes(j),
                       z3::ule(f, j) && e.handle(f) == e.handle(j) && e.takes(f));
  });
  return {e, first, {{"write.first: the least entry taking each handle", least}}};
}

Least LeastFailing(const SymState& s, const z3::expr& n,
                   const std::function<z3::expr(const z3::expr&)>& fails) {
  z3::context& c = s.ctx();
  if (auto count = NumeralOf(n); count && *count <= kMaxScanned) {
    std::optional<uint64_t> found = *count;
    for (uint64_t i = 0; i < *count; ++i) {
      auto holds = NumeralOf(fails(U32(c, i)).simplify());
      if (!holds || *holds != 0) {
        found = holds ? std::optional<uint64_t>(i) : std::nullopt;
        break;
      }
    }
    if (found) return {U32(c, *found), {}};
  }
  z3::expr k = s.choices->Make(c, "write.failing", FnShape{{}, 32})(Args{});
  Formula before = Formula::Forall(c, {Sort::kSlot}, [k, fails](const Args& x) -> Formula {
    return z3::implies(z3::ult(x[0], k), !fails(x[0]));
  });
  Formula f = z3::ule(k, n) && z3::implies(z3::ult(k, n), fails(k)) && before;
  return {k, {{"write.failing: the first entry that fails", f}}};
}

// CHAN-021: |s| without the caller's handles that some entry takes.
SymState RemoveTaken(const SymState& s, const z3::expr& caller, const Listing& l) {
  z3::context& c = s.ctx();
  auto gone = [caller, l](const Args& x) {
    return x[0] == caller && x[1] != U32(x[1].ctx(), ZX_HANDLE_INVALID) && l.taken(x[1]);
  };
  SymState out = s;
  out.h_alive = s.h_alive.Where(gone, [&c](const Args&) { return False(c); });
  out.h_object = s.h_object.Where(gone, [&c](const Args&) { return U64(c, 0); });
  out.h_rights = s.h_rights.Where(gone, [&c](const Args&) { return U32(c, 0); });
  return out;
}

namespace {

struct EntryCheck {
  z3::expr fails;
  zx_status_t status;
  const char* rule;
};

// CHAN-022 (4) / CHAN-031 (4): the checks of entry |i| in the kernel's order, for a write on
// the caller's |endpoint|.
std::vector<EntryCheck> EntryChecks(const SymState& pre, const z3::expr& caller, const Listing& l,
                                    const z3::expr& endpoint, const z3::expr& i) {
  z3::context& c = pre.ctx();
  const Entries& e = l.entries;
  z3::expr h = e.handle(i);
  z3::expr rights = pre.h_rights(caller, h), object = pre.h_object(caller, h);
  z3::expr absent = h == U32(c, ZX_HANDLE_INVALID) || !pre.h_alive(caller, h) || l.taken_before(i);
  z3::expr no_transfer = !HasRights(rights, ZX_RIGHT_TRANSFER);
  z3::expr own = object == endpoint;
  if (!e.etc) {
    return {{absent, ZX_ERR_BAD_HANDLE, "CHAN-022 (4, lookup)"},
            {no_transfer, ZX_ERR_ACCESS_DENIED, "CHAN-022 (4, transfer)"},
            {own, ZX_ERR_NOT_SUPPORTED, "CHAN-023"}};
  }
  z3::expr op = e.op(i), type = e.type(i);
  z3::expr dup = op == U32(c, ZX_HANDLE_OP_DUPLICATE);
  return {{absent, ZX_ERR_BAD_HANDLE, "CHAN-031 (4, lookup)"},
          {!dup && op != U32(c, ZX_HANDLE_OP_MOVE), ZX_ERR_INVALID_ARGS, "CHAN-031 (4, operation)"},
          {no_transfer, ZX_ERR_ACCESS_DENIED, "CHAN-031 (4, transfer)"},
          {own, ZX_ERR_NOT_SUPPORTED, "CHAN-023"},
          {type != U32(c, ZX_OBJ_TYPE_NONE) && type != pre.type(object), ZX_ERR_WRONG_TYPE,
           "CHAN-031 (4, type)"},
          {DerivedRights(rights, e.rights(i)).invalid, ZX_ERR_INVALID_ARGS, "CHAN-032"},
          {dup && !HasRights(rights, ZX_RIGHT_DUPLICATE), ZX_ERR_ACCESS_DENIED,
           "CHAN-031 (4, duplicate)"}};
}

}  // namespace

// CHAN-022 (7): |removed| with the message appended to the queue of |endpoint|'s peer: the
// bytes, and per entry the object and rights (CHAN-032) of the caller's handle in |pre|.
Paths Enqueue(const SymState& pre, const SymState& removed, const z3::expr& caller,
              const z3::expr& endpoint, const Entries& e, const SymArgs& a, const std::string& rule) {
  z3::context& c = pre.ctx();
  z3::expr peer = pre.peer(endpoint), q = pre.q_len(peer), nbytes = a[1], n = e.n;
  Fn bytes = a.elems(1);
  auto object_at = [pre, caller, e](const z3::expr& i) { return pre.h_object(caller, e.handle(i)); };
  auto held_at = [pre, caller, e](const z3::expr& i) { return pre.h_rights(caller, e.handle(i)); };
  auto rights_at = [held_at, e](const z3::expr& i) { return DerivedRights(held_at(i), e.rights(i)).rights; };
  auto here = [peer, q](const Args& x) { return x[0] == peer && x[1] == q; };
  SymState s = removed;
  s.q_len = removed.q_len.Set(peer, q + U64(c, 1));
  s.msg_nbytes = removed.msg_nbytes.Set(peer, q, nbytes.extract(31, 0));
  s.msg_nhandles = removed.msg_nhandles.Set(peer, q, n);
  s.msg_byte = removed.msg_byte.Where(here, [bytes, nbytes](const Args& x) {
    return z3::ite(z3::ult(x[2], nbytes), bytes(x[2]), U8(x[2].ctx(), 0));
  });
  s.mh_object = removed.mh_object.Where(here, [object_at, n](const Args& x) {
    return z3::ite(z3::ult(x[2], n), object_at(x[2]), U64(x[2].ctx(), 0));
  });
  s.mh_rights = removed.mh_rights.Where(here, [rights_at, n](const Args& x) {
    return z3::ite(z3::ult(x[2], n), rights_at(x[2]), U32(x[2].ctx(), 0));
  });
  Paths ok = Ok(s, rule);
  ok[0].sends.push_back({peer, q, object_at, held_at, rule + ": the sender's handle"});
  return ok;
}

namespace {

// CHAN-022 steps 4-7 (CHAN-031 for write_etc) once steps 1-3 passed: the first failing entry's
// status; else PEER_CLOSED; else the message. Every failure closes what the entries took.
Paths Deliver(const SymState& pre, const SymState& removed, const z3::expr& caller,
              const z3::expr& endpoint, const Listing& l, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const std::string steps = l.entries.etc ? "CHAN-031" : "CHAN-022";
  Least k = LeastFailing(pre, l.entries.n, [pre, caller, l, endpoint](const z3::expr& i) {
    std::vector<z3::expr> fails;
    for (const EntryCheck& x : EntryChecks(pre, caller, l, endpoint, i)) fails.push_back(x.fails);
    return OrAll(i.ctx(), fails);
  });
  Checks entry(c);
  for (const EntryCheck& x : EntryChecks(pre, caller, l, endpoint, k.index)) {
    entry.FailWith(x.fails, x.status, x.rule, removed, /*collect=*/true);
  }
  Checks peer(c);
  peer.FailWith(pre.peer_closed(endpoint), ZX_ERR_PEER_CLOSED, steps + " (6)", removed, true);
  Paths sent = Then(pre, peer, Enqueue(pre, removed, caller, endpoint, l.entries, a, steps + " (7)"));
  Paths out = Case(z3::ult(k.index, l.entries.n), Then(pre, entry, {}), std::move(sent));
  for (Path& p : out) p.choices.insert(p.choices.end(), k.constraints.begin(), k.constraints.end());
  return out;
}

Paths ChannelWriteStep(const SymState& pre, const z3::expr& caller, const SymArgs& a, bool etc) {
  z3::context& c = pre.ctx();
  Listing l = ListingOf(pre, EntriesOf(a, etc));
  SymState removed = RemoveTaken(pre, caller, l);
  const std::string steps = etc ? "CHAN-031" : "CHAN-022";
  Paths paths = LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_WRITE,
                                 [&](const FoundHandle& w) {
    Checks checks(c);
    checks.FailWith(z3::ugt(a[1], U64(c, ZX_CHANNEL_MAX_MSG_BYTES)) ||
                        z3::ugt(l.entries.n, U32(c, ZX_CHANNEL_MAX_MSG_HANDLES)),
                    ZX_ERR_OUT_OF_RANGE, steps + " (3)", removed, /*collect=*/true);
    return Then(pre, checks, Deliver(pre, removed, caller, w.object, l, a));
  }, steps + " (2)");
  for (Path& p : paths) {
    // CHAN-021: the lookup's failures (steps 1-2, the post-state still |pre|) close the taken
    // handles too.
    if (p.status != ZX_OK && ChangedFields(pre, p.post).empty()) p.post = Collect(removed, p.choices);
    p.choices.insert(p.choices.end(), l.constraints.begin(), l.constraints.end());
  }
  return paths;
}

Paths ChannelWriteStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return ChannelWriteStep(pre, caller, a, /*etc=*/false);
}
Paths ChannelWriteEtcStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return ChannelWriteStep(pre, caller, a, /*etc=*/true);
}

// The error effect of CHAN-021 / CHAN-031 (error-no-effect): a failing write closes the
// caller's handles its entries take, and only those.
Formula TakenOnError(const z3::expr& caller, const SymArgs& args, const FieldDesc& f,
                     const Args& at, bool etc) {
  z3::context& c = caller.ctx();
  std::string_view name = f.name;
  if (name != "h_alive" && name != "h_object" && name != "h_rights") return False(c);
  Entries e = EntriesOf(args, etc);
  z3::expr v = at[1];
  return at[0] == caller && Formula::Exists(c, {Sort::kSlot}, [e, v](const Args& x) -> Formula {
           return z3::ult(x[0], e.n) && e.handle(x[0]) == v && e.takes(x[0]);
         });
}
Formula WriteEffect(const SymState&, const z3::expr& caller, const SymArgs& args,
                    const FieldDesc& f, const Args& at) {
  return TakenOnError(caller, args, f, at, /*etc=*/false);
}
Formula WriteEtcEffect(const SymState&, const z3::expr& caller, const SymArgs& args,
                       const FieldDesc& f, const Args& at) {
  return TakenOnError(caller, args, f, at, /*etc=*/true);
}


Call ChannelWriteCall(const ArgValues& a) {
  std::vector<zx_handle_t> handles;
  for (uint64_t h : a.buf[2]) handles.push_back(static_cast<zx_handle_t>(h));
  return ChannelWrite{static_cast<zx_handle_t>(a.v[0]), BytesOf(a.buf[1]), std::move(handles)};
}
Call WriteEtcCall(const ArgValues& a) {
  std::vector<zx_handle_disposition_t> dispositions;
  for (size_t i = 0; i < a.buf[2].size(); ++i) {
    uint64_t hr = a.buf[2][i], ot = ElemOr0(a.buf[3], i);
    zx_handle_disposition_t d;
    d.operation = static_cast<uint32_t>(ot);
    d.handle = static_cast<zx_handle_t>(hr);
    d.type = static_cast<zx_obj_type_t>(ot >> 32);
    d.rights = static_cast<zx_rights_t>(hr >> 32);
    dispositions.push_back(d);
  }
  return ChannelWriteEtc{static_cast<zx_handle_t>(a.v[0]), BytesOf(a.buf[1]), std::move(dispositions)};
}
std::optional<ArgValues> ChannelWriteArgs(const Call& call) {
  const auto* c = std::get_if<ChannelWrite>(&call);
  if (c == nullptr) return std::nullopt;
  std::vector<uint64_t> handles(c->handles.begin(), c->handles.end());
  return ArgValues{{c->handle, c->bytes.size(), handles.size()}, {{}, ElemsOf(c->bytes), handles}};
}
std::optional<ArgValues> WriteEtcArgs(const Call& call) {
  const auto* c = std::get_if<ChannelWriteEtc>(&call);
  if (c == nullptr) return std::nullopt;
  std::vector<uint64_t> hr, ot;
  for (const auto& d : c->dispositions) {
    hr.push_back(d.handle | (uint64_t{d.rights} << 32));
    ot.push_back(d.operation | (uint64_t{d.type} << 32));
  }
  const uint64_t n = hr.size();
  return ArgValues{{c->handle, c->bytes.size(), n, n}, {{}, ElemsOf(c->bytes), hr, ot}};
}

// ---- zx_channel_read, zx_channel_read_etc: CHAN-040..042 ----

}  // namespace

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


Installed InstallMessageHandles(const SymState& s, const SymState& queued, const z3::expr& caller,
                                const z3::expr& e) {
  z3::context& c = s.ctx();
  z3::expr first = s.proc_installed(caller) + U32(c, 1);
  z3::expr n = queued.msg_nhandles(e, U64(c, 0));
  auto slot = [first](const z3::expr& v) { return CounterOffset(v, first); };
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

namespace {

Paths ChannelReadStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
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

Call ChannelReadCall(const ArgValues& a) { return ChannelRead{static_cast<zx_handle_t>(a.v[0])}; }
Call ReadEtcCall(const ArgValues& a) { return ChannelReadEtc{static_cast<zx_handle_t>(a.v[0])}; }
std::optional<ArgValues> ChannelReadArgs(const Call& call) {
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
  static const OpSpec op{"channel_create", "CHAN-010..CHAN-012", {{"options", 32}}, &ChannelCreateStep,
                         &ChannelCreateCall, &ChannelCreateArgs};
  return op;
}

const OpSpec& ChannelWriteOp() {
  static const OpSpec op{"channel_write", "CHAN-020..CHAN-023",
                         {{"handle", 32}, {"data", 64, 8}, {"handles", 32, 32}},
                         &ChannelWriteStep, &ChannelWriteCall, &ChannelWriteArgs, {false, &WriteEffect}};
  return op;
}

const OpSpec& ChannelWriteEtcOp() {
  // dispositions: handle | rights << 32; operations: operation | type << 32, entry by entry.
  static const OpSpec op{"channel_write_etc", "CHAN-030..CHAN-032",
                         {{"handle", 32}, {"data", 64, 8}, {"dispositions", 32, 64},
                          {"operations", 32, 64, /*length_of=*/2}},
                         &ChannelWriteEtcStep, &WriteEtcCall, &WriteEtcArgs, {false, &WriteEtcEffect}};
  return op;
}

const OpSpec& ChannelReadOp() {
  static const OpSpec op{"channel_read", "CHAN-040..CHAN-042", {{"handle", 32}}, &ChannelReadStep,
                         &ChannelReadCall, &ChannelReadArgs};
  return op;
}

const OpSpec& ChannelReadEtcOp() {
  static const OpSpec op{"channel_read_etc", "CHAN-040..CHAN-042", {{"handle", 32}}, &ChannelReadStep,
                         &ReadEtcCall, &ReadEtcArgs};
  return op;
}

}  // namespace zxspec::spec
