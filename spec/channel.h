// File: spec/channel.h (internal to spec/)
//
// The pieces of the channel encodings (spec/channel.cc) that the FIDL layer's encoding
// (spec/fidl.cc) composes: a write's handle entries and which of them take which handle, the
// least entry where a check fails, the message a write appends to the peer's queue, and a read's
// removal of the oldest message and installation of its handles (CHAN-021..023, CHAN-031/032,
// CHAN-042).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "spec/ops.h"

namespace zxspec::spec {

inline constexpr uint32_t kValueIndexMask = (1u << 30) - 1;  // the counter bits a handle value keeps

// A buffer argument's element |i| (ArgValues), 0 past its end.
inline uint64_t ElemOr0(const std::vector<uint64_t>& buf, size_t i) { return i < buf.size() ? buf[i] : 0; }

// HANDLE-001: the position of handle value |v| among values installed from counter |first| on.
inline z3::expr CounterOffset(const z3::expr& v, const z3::expr& first) {
  z3::context& c = v.ctx();
  return (z3::lshr(v, c.bv_val(2, 32)) - first) & c.bv_val(kValueIndexMask, 32);
}

// The handle entries of a write, i < n: channel_write's handle values, or channel_write_etc's
// dispositions as two columns of one array (handle | rights << 32, operation | type << 32).
struct Entries {
  bool etc;
  z3::expr n;  // 32 bits, as the entry index
  Fn first;
  Fn second;  // write_etc only

  z3::context& ctx() const { return n.ctx(); }
  z3::expr handle(const z3::expr& i) const { return etc ? first(i).extract(31, 0) : first(i); }
  z3::expr rights(const z3::expr& i) const {
    return etc ? first(i).extract(63, 32) : U32(ctx(), ZX_RIGHT_SAME_RIGHTS);
  }
  z3::expr op(const z3::expr& i) const {
    return etc ? second(i).extract(31, 0) : U32(ctx(), ZX_HANDLE_OP_MOVE);
  }
  z3::expr type(const z3::expr& i) const {
    return etc ? second(i).extract(63, 32) : U32(ctx(), ZX_OBJ_TYPE_NONE);
  }
  // CHAN-021, CHAN-031: an entry takes its handle out of the caller's table unless it is a
  // DUPLICATE.
  z3::expr takes(const z3::expr& i) const {
    return etc ? op(i) != U32(ctx(), ZX_HANDLE_OP_DUPLICATE) : True(ctx());
  }
};

// Which handle values the entries take, and the least entry taking each: the second entry
// naming a taken handle finds it gone (CHAN-022 (4) BAD_HANDLE).
struct Listing {
  Entries entries;
  Fn first;  // handle value -> the least entry that takes it (where one does)
  std::vector<NamedFormula> constraints;

  z3::expr taken(const z3::expr& v) const {
    z3::expr i = first(v);
    return z3::ult(i, entries.n) && entries.handle(i) == v && entries.takes(i);
  }
  // An entry before |i| took entry i's handle.
  z3::expr taken_before(const z3::expr& i) const {
    z3::expr h = entries.handle(i);
    return taken(h) && z3::ult(first(h), i);
  }
};

// The least entry i < n where |fails|(i), or n: computed when every fails(i) folds (concrete
// state and arguments), otherwise the choice `write.failing` with the constraint saying so.
struct Least {
  z3::expr index;
  std::vector<NamedFormula> constraints;
};

// CHAN-042: the read message's handles in |caller|'s table; |covers| says which (process,
// value) pairs they are and |rights_at| the rights each travelled with.
struct Installed {
  SymState state;
  std::function<z3::expr(const z3::expr& p, const z3::expr& v)> covers;
  std::function<z3::expr(const z3::expr& v)> rights_at;
};

// The listing of |e| over |s|: computed for concrete entries, else the choice `write.first`.
Listing ListingOf(const SymState& s, const Entries& e);
// The least i < n where |fails|(i), or n (Least).
Least LeastFailing(const SymState& s, const z3::expr& n,
                   const std::function<z3::expr(const z3::expr&)>& fails);
// CHAN-021: |s| without the caller's handles that some entry of |l| takes.
SymState RemoveTaken(const SymState& s, const z3::expr& caller, const Listing& l);
// CHAN-022 (7): |removed| with the message of bytes |a|[1] (length and elements) and the
// entries |e| appended to the queue of |endpoint|'s peer, each entry with the object and the
// CHAN-032 rights of the caller's handle in |pre|: one ZX_OK path named |rule|.
Paths Enqueue(const SymState& pre, const SymState& removed, const z3::expr& caller,
              const z3::expr& endpoint, const Entries& e, const SymArgs& a, const std::string& rule);
// |s| with the oldest message of endpoint |e| gone (the caller checked that there is one).
SymState PopMessage(const SymState& s, const z3::expr& e);
// CHAN-042: |s| with the handles of |queued|'s oldest message of |e| in |caller|'s table.
Installed InstallMessageHandles(const SymState& s, const SymState& queued, const z3::expr& caller,
                                const z3::expr& e);
// CHAN-042's result for the oldest message of |e| in |pre|.
SymResult ReadResult(const SymState& pre, const z3::expr& caller, const z3::expr& e);

}  // namespace zxspec::spec
