// The FIDL layer in Z3: fidl_send and fidl_recv (channel-fidl.md FIDL-010, FIDL-011, FIDL-020,
// FIDL-021, FIDL-030; handles-rights.md FIDLRIGHTS-002..006), the composition fidl/fidl.cc
// performs over the kernel calls, stated as one transition each.
//
// fidl_send(h, data, slots): the slots are two columns of one array, `slots` (handle | type << 32)
// and `constraints` (R | O << 32). The channel lookup is zx_channel_write_etc's (GEN-001); the
// first slot failing an encoding check is channel.cc's "least entry where it fails"; every slot
// is a MOVE entry, so channel.cc's listing of the taken handles says which handles a failure
// closes; a send that passes every check is zx_channel_write_etc's step 3, 6 and 7 on entries
// carrying the filtered rights (FIDLRIGHTS-003).
//
// fidl_recv(h, types, constraints): zx_channel_read_etc (CHAN-040..042), then on the read
// message the epitaph test, the count, type and rights checks, and the replacements of step 5.
// A replaced handle takes the next handle value (HANDLE-001), in slot order: slot i's new value
// is counted by how many slots before it are replaced (`recv.before`), and a new value names its
// slot through `recv.replaced`; both are computed over a concrete message and otherwise choices
// of the path with the constraints that define them.
//
// Epitaphs written on failure (FIDL-010 (3)(a), FIDL-020 (3)(4)) go into the peer's queue when
// the peer is open and (for fidl_recv) the handle has WRITE: what the model's zx_channel_write
// does. Closing the received handles or the slots' first can only close the peer through a
// cascade (a handle to the peer queued in a channel that dies), and then the peer dies and its
// queue reads as the default after the collection, the epitaph with it: the same post-state.
#include "api/format.h"
#include "fidl/fidl.h"
#include "spec/fidl.h"
#include "spec/lifecycle.h"

namespace zxspec::spec {

Fn Column(const z3::expr& n, unsigned bits, std::function<z3::expr(const z3::expr&)> f) {
  z3::context& c = n.ctx();
  const FnShape shape{{32}, bits};
  if (auto count = NumeralOf(n); count && *count <= ZX_CHANNEL_MAX_MSG_HANDLES + 1) {
    Table t;
    bool folds = true;
    for (uint64_t i = 0; i < *count && folds; ++i) {
      auto v = NumeralOf(f(U32(c, i)).simplify());
      folds = v.has_value();
      if (folds && *v != 0) t[{i}] = *v;
    }
    if (folds) return Fn::Concrete(c, shape, std::move(t));  // 0 past the slots, as the args
  }
  return Fn::Concrete(c, shape, {}).Where([&c](const Args&) { return True(c); },
                                          [f](const Args& i) { return f(i[0]); });
}

// |yes| where |cond| holds, |no| elsewhere, field by field (the fields |yes| changed).
SymState Either(const z3::expr& cond, const SymState& yes, const SymState& no) {
  SymState out = no;
  for (const FieldDesc* f : ChangedFields(no, yes)) {
    Fn y = yes.*f->member;
    out.*f->member = (no.*f->member).Where([cond](const Args&) { return cond; },
                                           [y](const Args& at) { return y(at); });
  }
  return out;
}

// FIDLRIGHTS-002: R = SAME_RIGHTS puts no rights constraint on a slot.
z3::expr Constrained(const z3::expr& required) {
  return required != U32(required.ctx(), ZX_RIGHT_SAME_RIGHTS);
}

// FIDL-030: the 24-byte epitaph of |status| as a buffer argument (SymArgs slot 1).
SymArgs EpitaphArgs(z3::context& c, zx_status_t status) {
  Bytes b = fidl::EncodeEpitaph(status);
  Table t;
  for (uint64_t i = 0; i < b.size(); ++i) {
    if (b[i] != 0) t[{i}] = b[i];
  }
  SymArgs a;
  a.v = {U32(c, 0), U64(c, b.size()), U32(c, 0)};
  a.buf = {std::nullopt, Fn::Concrete(c, FnShape{{64}, 8}, std::move(t)), std::nullopt};
  return a;
}

// |s| with the epitaph of |status| appended to the queue of |endpoint|'s peer where |writes|.
SymState WithEpitaph(const SymState& s, const z3::expr& caller, const z3::expr& endpoint,
                     const z3::expr& writes, zx_status_t status) {
  z3::context& c = s.ctx();
  Fn none = Fn::Concrete(c, FnShape{{32}, 32}, {});
  Entries no_handles{false, U32(c, 0), none, none};
  Paths sent = Enqueue(s, s, caller, endpoint, no_handles, EpitaphArgs(c, status), "FIDL-030");
  return Either(writes, sent.front().post, s);
}

namespace {

// ---- fidl_send: FIDL-010 ----

struct SendSlots {
  z3::expr n;
  Fn slot, constraint;
  z3::expr handle(const z3::expr& i) const { return slot(i).extract(31, 0); }
  z3::expr type(const z3::expr& i) const { return slot(i).extract(63, 32); }
  z3::expr required(const z3::expr& i) const { return constraint(i).extract(31, 0); }
  z3::expr optional(const z3::expr& i) const { return constraint(i).extract(63, 32); }
};

// FIDL-010 (4): every slot is a MOVE entry of its type, with (current rights) & (R | O), or
// SAME_RIGHTS for an unconstrained slot (FIDLRIGHTS-002/003).
Entries SendEntries(const SymState& pre, const z3::expr& caller, const SendSlots& x) {
  auto rights = [pre, caller, x](const z3::expr& i) {
    z3::expr held = pre.h_rights(caller, x.handle(i));
    return z3::ite(Constrained(x.required(i)), held & (x.required(i) | x.optional(i)),
                   U32(i.ctx(), ZX_RIGHT_SAME_RIGHTS));
  };
  Fn first = Column(x.n, 64, [x, rights](const z3::expr& i) { return z3::concat(rights(i), x.handle(i)); });
  Fn second = Column(x.n, 64, [x](const z3::expr& i) {
    return z3::concat(x.type(i), U32(i.ctx(), ZX_HANDLE_OP_MOVE));
  });
  return Entries{true, x.n, first, second};
}

struct SlotCheck {
  z3::expr fails;
  zx_status_t status;
  const char* rule;
};

// FIDL-010 (2) for slot |i| of a send on |endpoint|, in order; (3)(d) names the statuses.
std::vector<SlotCheck> SendChecks(const SymState& pre, const z3::expr& caller, const SendSlots& x,
                                  const Listing& l, const z3::expr& endpoint, const z3::expr& i) {
  z3::context& c = pre.ctx();
  z3::expr h = x.handle(i), object = pre.h_object(caller, h), rights = pre.h_rights(caller, h);
  return {{l.taken_before(i), ZX_ERR_BAD_STATE, "FIDL-010 (2, repeated)"},
          {h == U32(c, ZX_HANDLE_INVALID) || !pre.h_alive(caller, h), ZX_ERR_BAD_STATE,
           "FIDL-010 (2, not in the table)"},
          {object == endpoint, ZX_ERR_BAD_STATE, "FIDL-010 (2, own endpoint)"},
          {x.type(i) != U32(c, ZX_OBJ_TYPE_NONE) && x.type(i) != pre.type(object), ZX_ERR_BAD_STATE,
           "FIDL-010 (2, type)"},
          {!HasRights(rights, ZX_RIGHT_TRANSFER), ZX_ERR_BAD_STATE, "FIDL-010 (2, transfer)"},
          {Constrained(x.required(i)) && !HasRights(rights, x.required(i)), ZX_ERR_ACCESS_DENIED,
           "FIDL-010 (2, required rights)"}};
}

Paths SendStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  SendSlots x{a[2], a.elems(2), a.elems(3)};
  Listing l = ListingOf(pre, SendEntries(pre, caller, x));
  SymState removed = RemoveTaken(pre, caller, l);  // every slot's handle, closed or moved
  Paths paths = LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_WRITE,
                                 [&](const FoundHandle& w) {
    Least k = LeastFailing(pre, x.n, [pre, caller, x, l, w](const z3::expr& i) {
      std::vector<z3::expr> fails;
      for (const SlotCheck& s : SendChecks(pre, caller, x, l, w.object, i)) fails.push_back(s.fails);
      return OrAll(i.ctx(), fails);
    });
    // FIDL-010 (3): (a) the epitaph BAD_STATE (ignored when the peer is closed), (b) the slots'
    // handles closed, (c) |h| closed (FIDL-021).
    SymState failed = WithEpitaph(pre, caller, w.object, !pre.peer_closed(w.object), ZX_ERR_BAD_STATE);
    failed = RemoveHandle(RemoveTaken(failed, caller, l), caller, a[0]);
    Checks slot(c);
    for (const SlotCheck& s : SendChecks(pre, caller, x, l, w.object, k.index)) {
      slot.FailWith(s.fails, s.status, s.rule, failed, /*collect=*/true);
    }
    // FIDL-010 (4): zx_channel_write_etc; its entry checks pass after step 2, its size and
    // PEER_CLOSED failures pass through and consume the handles (CHAN-021).
    Checks kernel(c);
    kernel.FailWith(z3::ugt(a[1], U64(c, ZX_CHANNEL_MAX_MSG_BYTES)) ||
                        z3::ugt(x.n, U32(c, ZX_CHANNEL_MAX_MSG_HANDLES)),
                    ZX_ERR_OUT_OF_RANGE, "FIDL-010 (4): CHAN-031 (3)", removed, true)
        .FailWith(pre.peer_closed(w.object), ZX_ERR_PEER_CLOSED, "FIDL-010 (4): CHAN-031 (6)",
                  removed, true);
    Paths sent = Then(pre, kernel, Enqueue(pre, removed, caller, w.object, l.entries, a, "FIDL-010 (4)"));
    return WithChoices(Case(z3::ult(k.index, x.n), Then(pre, slot, {}), std::move(sent)), k.constraints);
  }, "FIDL-010 (1)");
  for (Path& p : paths) {
    // FIDL-010 (1): a failed lookup closes the slots' handles, leaves |h| and writes nothing.
    if (p.status != ZX_OK && ChangedFields(pre, p.post).empty()) p.post = Collect(removed, p.choices);
  }
  return WithChoices(std::move(paths), l.constraints);
}


model::StepResult RunSend(const model::State& s, zx_koid_t caller, const ArgValues& a) {
  model::ModelKernel k(s);
  zx_status_t st = fidl::fidl_send(k, caller, static_cast<zx_handle_t>(a.v[0]), BytesOf(a.buf[1]),
                                   FidlSendSlots(a));
  return {Outcome::Status(st), k.state()};
}

std::string SendLine(const ArgValues& a) {
  std::vector<FidlSlotText> slots;
  for (const auto& s : FidlSendSlots(a)) slots.push_back({s.handle, s.type, s.rights, s.optional});
  return FormatFidlSend(static_cast<zx_handle_t>(a.v[0]), BytesOf(a.buf[1]), slots);
}

}  // namespace

ArgValues FidlSendArgs(zx_handle_t channel, const Bytes& data, const std::vector<fidl::SendSlot>& slots) {
  std::vector<uint64_t> column, constraints;
  for (const fidl::SendSlot& s : slots) {
    column.push_back(s.handle | (uint64_t{s.type} << 32));
    constraints.push_back(s.rights | (uint64_t{s.optional} << 32));
  }
  const uint64_t n = slots.size();
  return ArgValues{{channel, data.size(), n, n}, {{}, ElemsOf(data), column, constraints}};
}

std::vector<fidl::SendSlot> FidlSendSlots(const ArgValues& a) {
  std::vector<fidl::SendSlot> out;
  for (size_t i = 0; i < a.buf[2].size(); ++i) {
    uint64_t s = a.buf[2][i], r = ElemOr0(a.buf[3], i);
    out.push_back({static_cast<zx_handle_t>(s), static_cast<zx_obj_type_t>(s >> 32),
                   static_cast<zx_rights_t>(r), static_cast<zx_rights_t>(r >> 32)});
  }
  return out;
}

Formula FidlEffect(const SymState& pre, const z3::expr& caller, const SymArgs& args,
                   const FieldDesc& f, const Args& at, bool send) {
  z3::context& c = caller.ctx();
  const std::string_view name = f.name;
  const z3::expr endpoint = pre.h_object(caller, args[0]);
  if (name == "h_alive" || name == "h_object" || name == "h_rights") {
    const z3::expr v = at[1];
    Formula named = Formula(False(c));
    if (send) {  // FIDL-010 (1)(3)(b): the slots' handles
      SendSlots x{args[2], args.elems(2), args.elems(3)};
      named = Formula::Exists(c, {Sort::kSlot}, [x, v](const Args& i) -> Formula {
        return z3::ult(i[0], x.n) && x.handle(i[0]) == v;
      });
    } else {  // FIDL-020 (2)-(4): the message's handles, installed and closed
      z3::expr first = pre.proc_installed(caller) + U32(c, 1);
      named = Formula(z3::ult(CounterOffset(v, first), pre.msg_nhandles(endpoint, U64(c, 0))));
    }
    return Formula(at[0] == caller) && (Formula(v == args[0]) || named);
  }
  const bool queue = name == "q_len" || name == "msg_nbytes" || name == "msg_nhandles" ||
                     name == "msg_byte" || name == "mh_object" || name == "mh_rights";
  if (queue) return at[0] == pre.peer(endpoint) || (!send && at[0] == endpoint);
  if (name == "proc_installed") return send ? False(c) : at[0] == caller;
  return False(c);
}

const OpSpec& FidlSendOp() {
  static const OpSpec op{"fidl_send", "FIDL-010 FIDL-011 FIDL-021 FIDL-030 FIDLRIGHTS-002..005",
                         {{"handle", 32}, {"data", 64, 8}, {"slots", 32, 64},
                          {"constraints", 32, 64, /*length_of=*/2}},
                         &SendStep, nullptr, &NoKernelCall,
                         {false, [](const SymState& pre, const z3::expr& caller, const SymArgs& args,
                                    const FieldDesc& f, const Args& at) {
                            return FidlEffect(pre, caller, args, f, at, /*send=*/true);
                          }},
                         &RunSend, &SendLine};
  return op;
}

}  // namespace zxspec::spec
