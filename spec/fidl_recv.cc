// fidl_recv in Z3 (channel-fidl.md FIDL-020, FIDL-021, FIDL-030; handles-rights.md
// FIDLRIGHTS-006), mirroring fidl/fidl.cc over zx_channel_read_etc (spec/channel.cc) and
// zx_handle_replace (HANDLE-031/032). See spec/fidl.cc for the shape of the encoding.
//
// Arguments: the channel handle, then the slots as two columns of one array: `types` (a
// ZX_OBJ_TYPE_* or NONE) and `constraints` (R | O << 32).
#include "api/format.h"
#include "fidl/fidl.h"
#include "spec/fidl.h"
#include "spec/lifecycle.h"

namespace zxspec::spec {
namespace {

struct RecvSlots {
  z3::expr n;
  Fn types, constraint;
  z3::expr type(const z3::expr& i) const { return types(i); }
  z3::expr required(const z3::expr& i) const { return constraint(i).extract(31, 0); }
  z3::expr permitted(const z3::expr& i) const {
    return constraint(i).extract(31, 0) | constraint(i).extract(63, 32);
  }
};

// The oldest message of endpoint |e| in |pre|, as zx_channel_read_etc hands it to |caller|.
struct Received {
  SymState pre;
  z3::expr e, first;  // first: the counter of handle 0's value (CHAN-042, HANDLE-001)
  z3::expr nbytes() const { return pre.msg_nbytes(e, U64(e.ctx(), 0)); }
  z3::expr nhandles() const { return pre.msg_nhandles(e, U64(e.ctx(), 0)); }
  z3::expr byte(uint64_t j) const {  // 0 past the message's length (FIDL-020 (2))
    z3::context& c = e.ctx();
    return z3::ite(z3::ult(U32(c, j), nbytes()), pre.msg_byte(e, U64(c, 0), U64(c, j)), U8(c, 0));
  }
  z3::expr object(const z3::expr& i) const { return pre.mh_object(e, U64(e.ctx(), 0), i); }
  z3::expr rights(const z3::expr& i) const { return pre.mh_rights(e, U64(e.ctx(), 0), i); }
  z3::expr type(const z3::expr& i) const { return pre.type(object(i)); }
};

// FIDL-030 / FIDL-020 (2): an epitaph is at least 16 bytes with the ordinal ~0 at byte 8.
z3::expr IsEpitaph(const Received& m) {
  z3::context& c = m.e.ctx();
  std::vector<z3::expr> parts{z3::uge(m.nbytes(), U32(c, fidl::kFidlTxnHeaderSize))};
  for (uint64_t j = 8; j < 16; ++j) parts.push_back(m.byte(j) == U8(c, 0xFF));
  return AndAll(c, parts);
}
z3::expr EpitaphStatus(const Received& m) {
  return z3::concat(z3::concat(m.byte(19), m.byte(18)), z3::concat(m.byte(17), m.byte(16)));
}

// FIDL-020 (5): slot i's handle is replaced when the slot is constrained and the handle holds
// rights outside R | O.
z3::expr Replaced(const RecvSlots& x, const Received& m, const z3::expr& i) {
  return Constrained(x.required(i)) && !Within(m.rights(i), x.permitted(i));
}

// Which replacement each slot's is: `before`(i) counts the replaced slots before i (slot i's
// new value is the before(i)-th from `next`), `slot`(j) is the slot of the j-th new value.
struct Renumbering {
  Fn before, slot;
  std::vector<NamedFormula> constraints;
};

std::optional<Renumbering> RenumberConcrete(z3::context& c, const RecvSlots& x, const Received& m) {
  auto n = NumeralOf(x.n);
  if (!n || *n > ZX_CHANNEL_MAX_MSG_HANDLES) return std::nullopt;
  Table before, slot;
  uint64_t k = 0;
  for (uint64_t i = 0; i <= *n; ++i) {
    if (k != 0) before[{i}] = k;
    if (i == *n) break;
    auto r = NumeralOf(Replaced(x, m, U32(c, i)).simplify());
    if (!r) return std::nullopt;
    if (*r != 0) {
      if (i != 0) slot[{k}] = i;
      ++k;
    }
  }
  return Renumbering{Fn::Concrete(c, FnShape{{32}, 32}, before),
                     Fn::Concrete(c, FnShape{{32}, 32}, slot), {}};
}

Renumbering Renumber(const SymState& s, const RecvSlots& x, const Received& m) {
  z3::context& c = s.ctx();
  if (auto r = RenumberConcrete(c, x, m)) return *r;
  Fn before = s.choices->Make(c, "recv.before", FnShape{{32}, 32});
  Fn slot = s.choices->Make(c, "recv.replaced", FnShape{{32}, 32});
  Formula counts = Formula(before(U32(c, 0)) == U32(c, 0)) &&
                   Formula::Forall(c, {Sort::kSlot}, [x, m, before](const Args& i) -> Formula {
                     z3::context& cx = i[0].ctx();
                     z3::expr step = z3::ite(Replaced(x, m, i[0]), U32(cx, 1), U32(cx, 0));
                     return z3::implies(z3::ult(i[0], x.n), before(i[0] + U32(cx, 1)) == before(i[0]) + step);
                   });
  // Both directions, and the count's bound: what counting gives, stated (a solver does not
  // prove it by induction from `counts`).
  Formula names = Formula::Forall(c, {Sort::kSlot}, [x, m, before, slot](const Args& i) -> Formula {
    return z3::implies(z3::ult(i[0], x.n) && Replaced(x, m, i[0]),
                       slot(before(i[0])) == i[0] && z3::ult(before(i[0]), before(x.n)));
  });
  Formula slots = Formula(z3::ule(before(x.n), x.n)) &&
                  Formula::Forall(c, {Sort::kSlot}, [x, m, before, slot](const Args& j) -> Formula {
                    z3::expr i = slot(j[0]);
                    return z3::implies(z3::ult(j[0], before(x.n)),
                                       z3::ult(i, x.n) && Replaced(x, m, i) && before(i) == j[0]);
                  });
  return {before, slot,
          // The recurrence is what defines `before`; the proofs need only the two statements
          // below, and the recurrence's before(i + 1) terms would feed quantifier instantiation
          // without end: it is checked on every concrete step (Path::choices, concrete_only).
          {{"recv.before: the replaced slots before each slot", counts, /*concrete_only=*/true},
           {"recv.replaced: the slot of each new value", names},
           {"recv.replaced: each new value's slot is a replaced one", slots}}};
}

// FIDL-020 (5)-(6): |read| (the message read, its handles installed) with each replaced handle
// closed and its replacement installed under the next value, rights received & (R | O).
Paths Filter(const SymState& read, const z3::expr& caller, const RecvSlots& x, const Received& m,
             SymResult result) {
  z3::context& c = read.ctx();
  Renumbering r = Renumber(read, x, m);
  z3::expr next = read.proc_installed(caller) + U32(c, 1), total = r.before(x.n);
  auto mine = [caller](const z3::expr& p, const z3::expr& v) {
    z3::context& cx = v.ctx();
    return p == caller && (v & U32(cx, ZX_HANDLE_FIXED_BITS_MASK)) == U32(cx, ZX_HANDLE_FIXED_BITS_MASK);
  };
  auto old = [mine, m, x](const z3::expr& p, const z3::expr& v) {
    z3::expr i = CounterOffset(v, m.first);
    return mine(p, v) && z3::ult(i, x.n) && Replaced(x, m, i);
  };
  auto fresh = [mine, next, total](const z3::expr& p, const z3::expr& v) {
    return mine(p, v) && z3::ult(CounterOffset(v, next), total);
  };
  auto source = [r, next](const z3::expr& v) { return r.slot(CounterOffset(v, next)); };
  auto filtered = [x, m](const z3::expr& i) { return m.rights(i) & x.permitted(i); };
  auto gone = [old](const Args& a) { return old(a[0], a[1]); };
  auto made = [fresh](const Args& a) { return fresh(a[0], a[1]); };
  SymState s = read;
  s.h_alive = read.h_alive.Where(gone, [&c](const Args&) { return False(c); })
                  .Where(made, [&c](const Args&) { return True(c); });
  s.h_object = read.h_object.Where(gone, [&c](const Args&) { return U64(c, 0); })
                   .Where(made, [m, source](const Args& a) { return m.object(source(a[1])); });
  s.h_rights = read.h_rights.Where(gone, [&c](const Args&) { return U32(c, 0); })
                   .Where(made, [filtered, source](const Args& a) { return filtered(source(a[1])); });
  s.proc_installed = read.proc_installed.Set(caller, read.proc_installed(caller) + total);
  auto replaced = [x, m](const z3::expr& i) { return Replaced(x, m, i); };
  result.columns[0] = Column(x.n, 32, [replaced, r, next, m](const z3::expr& i) {
    return z3::ite(replaced(i), HandleValue(next + r.before(i)), HandleValue(m.first + i));
  });
  result.columns[2] = Column(x.n, 32, [replaced, filtered, m](const z3::expr& i) {
    return z3::ite(replaced(i), filtered(i), m.rights(i));
  });
  Paths ok = Ok(s, "FIDL-020 (6)", std::move(result));
  Install kept{{caller, U32(c, 0)}, U32(c, 0), "FIDL-020 (6): the rights each handle travelled with"};
  // The values of the kept handles and of the replacements are apart (their counters are), but
  // that takes counting the replacements (before(n) <= n): the kept ones are stated without
  // the new values.
  kept.covers = [mine, m, x, old, fresh](const z3::expr& p, const z3::expr& v) {
    return mine(p, v) && z3::ult(CounterOffset(v, m.first), x.n) && !old(p, v) && !fresh(p, v);
  };
  kept.bound_at = [m](const z3::expr& v) { return m.rights(CounterOffset(v, m.first)); };
  Install swapped{{caller, U32(c, 0)}, U32(c, 0), "FIDL-020 (5): the rights the replaced handle travelled with"};
  swapped.covers = fresh;
  swapped.bound_at = [m, source](const z3::expr& v) { return m.rights(source(v)); };
  ok[0].installs = {kept, swapped};
  return WithChoices(std::move(ok), r.constraints);
}

// |in| with the message's handles closed again (FIDL-020 (2)-(4)).
SymState DropReceived(const Installed& in) {
  z3::context& c = in.state.ctx();
  auto mine = [covers = in.covers](const Args& a) { return covers(a[0], a[1]); };
  SymState out = in.state;
  out.h_alive = in.state.h_alive.Where(mine, [&c](const Args&) { return False(c); });
  out.h_object = in.state.h_object.Where(mine, [&c](const Args&) { return U64(c, 0); });
  out.h_rights = in.state.h_rights.Where(mine, [&c](const Args&) { return U32(c, 0); });
  return out;
}

Paths RecvStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  RecvSlots x{a[1], a.elems(1), a.elems(2)};
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_READ,
                          [&](const FoundHandle& h) {
    const z3::expr& e = h.object;
    z3::expr empty = pre.q_len(e) == U64(c, 0);
    Checks read(c);  // FIDL-020 (1): zx_channel_read_etc's errors, unchanged
    read.Fail(empty && pre.peer_closed(e), ZX_ERR_PEER_CLOSED, "FIDL-020 (1): CHAN-041 (3, peer closed)")
        .Fail(empty, ZX_ERR_SHOULD_WAIT, "FIDL-020 (1): CHAN-041 (3)");
    Received m{pre, e, pre.proc_installed(caller) + U32(c, 1)};
    Installed in = InstallMessageHandles(PopMessage(pre, e), pre, caller, e);
    SymState dropped = DropReceived(in);
    SymState closed = RemoveHandle(dropped, caller, a[0]);  // FIDL-021
    // FIDL-020 (3)(4): the epitaph of the failure (zx_channel_write: WRITE, an open peer), |h| closed.
    const z3::expr writes = HasRights(h.rights, ZX_RIGHT_WRITE) && !pre.peer_closed(e);
    auto failed = [&](zx_status_t status) {
      return RemoveHandle(WithEpitaph(dropped, caller, e, writes, status), caller, a[0]);
    };
    Least k = LeastFailing(pre, x.n, [x, m](const z3::expr& i) {
      return (x.type(i) != U32(i.ctx(), ZX_OBJ_TYPE_NONE) && x.type(i) != m.type(i)) ||
             (Constrained(x.required(i)) && !HasRights(m.rights(i), x.required(i)));
    });
    const z3::expr epitaph = IsEpitaph(m), word = EpitaphStatus(m);
    Checks decode(c);
    decode.FailWith(epitaph && word == U32(c, 0), ZX_ERR_PEER_CLOSED, "FIDL-020 (2, ZX_OK)", closed, true)
        .FailWith(epitaph, kStatusOfWord, "FIDL-020 (2)", closed, true)
        .FailWith(m.nhandles() != x.n, ZX_ERR_INVALID_ARGS, "FIDL-020 (3)", failed(ZX_ERR_INVALID_ARGS), true)
        .FailWith(z3::ult(k.index, x.n) && x.type(k.index) != U32(c, ZX_OBJ_TYPE_NONE) &&
                      x.type(k.index) != m.type(k.index),
                  ZX_ERR_INVALID_ARGS, "FIDL-020 (4, type)", failed(ZX_ERR_INVALID_ARGS), true)
        .FailWith(z3::ult(k.index, x.n), ZX_ERR_ACCESS_DENIED, "FIDL-020 (4, required rights)",
                  failed(ZX_ERR_ACCESS_DENIED), true);
    Paths paths = Then(pre, read, Then(pre, decode, Filter(in.state, caller, x, m, ReadResult(pre, caller, e))));
    for (Path& p : paths) {
      if (p.status != kStatusOfWord) continue;
      p.name = "FIDL-020 (2) the epitaph's status";  // FIDL-020 (2): returned as it is
      p.status_word = word;
    }
    return WithChoices(std::move(paths), k.constraints);
  }, "FIDL-020 (1): CHAN-041 (1)");
}

model::StepResult RunRecv(const model::State& s, zx_koid_t caller, const ArgValues& a) {
  model::ModelKernel k(s);
  auto r = fidl::fidl_recv(k, caller, static_cast<zx_handle_t>(a.v[0]), FidlRecvSlots(a));
  return {r.is_ok() ? Outcome::Ok(r.value()) : Outcome::Status(r.status_value()), k.state()};
}

std::string RecvLine(const ArgValues& a) {
  std::vector<FidlSlotText> slots;
  for (const auto& s : FidlRecvSlots(a)) slots.push_back({std::nullopt, s.type, s.rights, s.optional});
  return FormatFidlRecv(static_cast<zx_handle_t>(a.v[0]), slots);
}

}  // namespace

ArgValues FidlRecvArgs(zx_handle_t channel, const std::vector<fidl::RecvSlot>& slots) {
  std::vector<uint64_t> types, constraints;
  for (const fidl::RecvSlot& s : slots) {
    types.push_back(s.type);
    constraints.push_back(s.rights | (uint64_t{s.optional} << 32));
  }
  const uint64_t n = slots.size();
  return ArgValues{{channel, n, n}, {{}, types, constraints}};
}

std::vector<fidl::RecvSlot> FidlRecvSlots(const ArgValues& a) {
  std::vector<fidl::RecvSlot> out;
  for (size_t i = 0; i < a.buf[1].size(); ++i) {
    uint64_t r = ElemOr0(a.buf[2], i);
    out.push_back({static_cast<zx_obj_type_t>(a.buf[1][i]), static_cast<zx_rights_t>(r),
                   static_cast<zx_rights_t>(r >> 32)});
  }
  return out;
}

const OpSpec& FidlRecvOp() {
  static const OpSpec op{"fidl_recv", "FIDL-020 FIDL-021 FIDL-030 FIDLRIGHTS-006",
                         {{"handle", 32}, {"types", 32, 32}, {"constraints", 32, 64, /*length_of=*/1}},
                         &RecvStep, nullptr, &NoKernelCall,
                         {false, [](const SymState& pre, const z3::expr& caller, const SymArgs& args,
                                    const FieldDesc& f, const Args& at) {
                            return FidlEffect(pre, caller, args, f, at, /*send=*/false);
                          }},
                         &RunRecv, &RecvLine};
  return op;
}

}  // namespace zxspec::spec
