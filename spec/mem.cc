// The mem_read / mem_write pseudo-calls in Z3 (vmar.md MEM-001..007, seed RFC-0238
// FAULT_BEYOND_STREAM_SIZE), mirroring model/mem.cc.
//
// An access by the caller process P touches the pages of [addr, addr + len). A page faults
// (MEM-002) when no mapping of P's address space holds it, its permissions lack the access, or its
// VMO offset lies at or past the size or the rounded-up stream size; the access fails with the
// status of the first faulting page (MEM-003). Faults are stated per byte (a byte faults when its
// page does), so the success guard speaks of each byte the access moves, and the lowest faulting
// byte lies in the first faulting page: it is the choice "mem.first" with the constraint that
// states it, as vmar_protect's scan (spec/vmar_map.cc).
//
// Which mapping holds an address is a function of the address: over a concrete state an
// if-then-else over the alive mapping rows of P's address space; otherwise the choices
// "mem.vmar" / "mem.base", with the constraint that every mapping holding x is the one they name
// (the mappings of one address space are disjoint, vmar-disjoint). A write stores into each VMO
// page by page in address order (MEM-004, MEM-007), so where two mappings of one memory alias an
// offset the highest address wins: the writer of (memory, offset) is the highest address of the
// access that lands there ("mem.writer"), and a memory page becomes committed when some address of
// the access lands in it ("mem.page"). Over a symbolic state the proofs do not assume these two
// constraints: they hold for any choice of writer, the exact one included.
#include <algorithm>

#include "spec/aspace.h"
#include "spec/content.h"
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

using AddrFn = std::function<z3::expr(const z3::expr&)>;

// The alive mapping of P's address space holding an address: its row and whether there is one.
struct MemHolder {
  AddrFn vmar, base, found;
  std::vector<NamedFormula> constraints;
};

// A concrete alive mapping row of P's address space, with where its VMO bytes lie.
struct Row {
  uint64_t vmar, base, size;
  uint64_t memory, at;  // the memory its VMO views, and the memory offset of its first page
};

// The rows of the mappings below or at |root| when the state is concrete (nullopt otherwise).
std::optional<std::vector<Row>> ConcreteRows(const SymState& s, const z3::expr& root) {
  const Table* alive = Plain(s.map_alive);
  if (alive == nullptr || !NumeralOf(root.simplify())) return std::nullopt;
  std::vector<Row> rows;
  for (const auto& [key, on] : *alive) {
    z3::context& c = s.ctx();
    const z3::expr w = U64(c, key[0]), b = U64(c, key[1]);
    auto mine = NumeralOf(BelowOrSelf(s, root, w).simplify());
    if (!mine) return std::nullopt;
    if (*mine == 0) continue;
    const View v = ViewOf(s, s.map_vmo(w, b));
    auto size = NumeralOf(s.map_size(w, b).simplify());
    auto memory = NumeralOf(v.memory.simplify());
    auto at = NumeralOf((v.offset + s.map_vmo_offset(w, b)).simplify());
    if (!size || !memory || !at) return std::nullopt;
    rows.push_back({key[0], key[1], *size, *memory, *at});
  }
  return rows;
}

// MEM-002 (1): the mapping holding an address.
MemHolder HolderOf(const SymState& s, const z3::expr& root, const std::optional<std::vector<Row>>& rows) {
  z3::context& c = s.ctx();
  if (rows) {
    auto chain = [rows, &c](const z3::expr& x, uint64_t Row::*field) {
      z3::expr out = U64(c, 0);
      for (const Row& r : *rows) out = z3::ite(Contains(U64(c, r.base), U64(c, r.size), x), U64(c, r.*field), out);
      return out.simplify();  // a numeral at a numeral x: a table reads it without a case split
    };
    auto found = [rows, &c](const z3::expr& x) {
      z3::expr out = False(c);
      for (const Row& r : *rows) out = out || Contains(U64(c, r.base), U64(c, r.size), x);
      return out.simplify();
    };
    return {[chain](const z3::expr& x) { return chain(x, &Row::vmar); },
            [chain](const z3::expr& x) { return chain(x, &Row::base); }, found, {}};
  }
  auto holds = [s, root](const z3::expr& w, const z3::expr& b, const z3::expr& x) {
    return BelowOrSelf(s, root, w) && s.map_alive(w, b) && Contains(b, s.map_size(w, b), x);
  };
  const Fn hv = s.choices->Make(c, "mem.vmar", FnShape{{64}, BitsOf(Sort::kKoid)});
  const Fn hb = s.choices->Make(c, "mem.base", FnShape{{64}, BitsOf(Sort::kAddr)});
  Formula unique = Formula::Forall(c, {Sort::kKoid, Sort::kAddr, Sort::kAddr}, [holds, hv, hb](const Args& m) -> Formula {
    return z3::implies(holds(m[0], m[1], m[2]), hv(m[2]) == m[0] && hb(m[2]) == m[1]);
  });
  return {[hv](const z3::expr& x) { return hv(x); }, [hb](const z3::expr& x) { return hb(x); },
          [holds, hv, hb](const z3::expr& x) { return holds(hv(x), hb(x), x); },
          {{"mem.mapping: the one mapping holding an address", unique}}};
}

// What an access sees at address x through its holder.
struct Access {
  SymState s;
  std::optional<std::vector<Row>> rows;  // over a concrete state
  MemHolder h;
  // The memory and the memory offset byte x lands on.
  z3::expr Memory(const z3::expr& x) const { return ViewOf(s, s.map_vmo(h.vmar(x), h.base(x))).memory; }
  z3::expr Offset(const z3::expr& x) const {
    const z3::expr w = h.vmar(x), b = h.base(x);
    return ViewOf(s, s.map_vmo(w, b)).offset + s.map_vmo_offset(w, b) + (x - b);
  }
  // MEM-002 (2)..(4) at byte x of a held page: its page's permissions, its VMO offset against
  // the limits. (The model checks the page's offset; the limits, the mapping's base and its VMO
  // offset are page-aligned, so the byte's offset passes exactly when its page's does.)
  z3::expr Denied(const z3::expr& x, uint32_t need) const {
    // Simplified: a numeral at a numeral x, which a concrete table reads without a case split.
    return !HasBits(s.perms(h.vmar(x), h.base(x), (x & ~U64(x.ctx(), ZX_PAGE_SIZE - 1)).simplify()), need);
  }
  z3::expr VmoOffset(const z3::expr& x) const { return s.map_vmo_offset(h.vmar(x), h.base(x)) + (x - h.base(x)); }
  z3::expr PastSize(const z3::expr& x) const {
    return z3::uge(VmoOffset(x), ViewOf(s, s.map_vmo(h.vmar(x), h.base(x))).size);
  }
  z3::expr PastStream(const z3::expr& x) const {
    const z3::expr w = h.vmar(x), b = h.base(x);
    const Rounded r = RoundUpPage(ViewOf(s, s.map_vmo(w, b)).stream_size);
    return HasBits(s.map_flags(w, b), ZX_VM_FAULT_BEYOND_STREAM_SIZE) && r.fits && z3::uge(VmoOffset(x), r.value);
  }
};

// The checks of MEM-002/003 for |len| > 0 bytes at |addr| needing |need| (added to a Checks),
// with the constraints of their choices.
struct Scan {
  Formula none;  // no byte of the access faults (the success guard, restated)
  std::vector<NamedFormula> constraints;
};

// Over a concrete state: the lowest byte of the access where |event| holds (0 when none does).
// It is |addr| or the first byte of a page after a page that does not fault: a mapping's base or
// end, a page whose permissions differ from the page before it (a perms table point or the page
// after one), or where the VMO offset reaches a limit.
std::optional<z3::expr> ConcreteFirst(const Access& a, const z3::expr& addr,
                                      const std::function<z3::expr(const z3::expr&)>& event) {
  const Table* perms = Plain(a.s.perms);
  auto lo = NumeralOf(addr.simplify());
  if (!a.rows || perms == nullptr || !lo) return std::nullopt;
  z3::context& c = a.s.ctx();
  std::vector<uint64_t> candidates{*lo};
  for (const Row& r : *a.rows) {
    candidates.push_back(r.base);
    candidates.push_back(SaturatingEnd(r.base, r.size));
    const z3::expr w = U64(c, r.vmar), b = U64(c, r.base);
    const View v = ViewOf(a.s, a.s.map_vmo(w, b));
    const z3::expr off = a.s.map_vmo_offset(w, b);
    const Rounded stream = RoundUpPage(v.stream_size);
    for (const z3::expr& limit : {v.size, z3::ite(stream.fits, stream.value, v.size)}) {
      // The page where the VMO offset reaches |limit| (limits and offsets are page-aligned).
      if (auto x = NumeralOf(z3::ite(z3::uge(limit, off), b + (limit - off), b).simplify())) candidates.push_back(*x);
    }
  }
  // Pages without permissions are not in the table: a run of equal permissions starts or ends
  // where the page before or after it holds other ones.
  auto differs = [perms](const Key& key, uint64_t page, uint64_t bits) {
    auto it = perms->find(Key{key[0], key[1], page});
    return it == perms->end() || it->second != bits;
  };
  for (const auto& [key, bits] : *perms) {
    if (key[2] < ZX_PAGE_SIZE || differs(key, key[2] - ZX_PAGE_SIZE, bits)) candidates.push_back(key[2]);
    if (differs(key, key[2] + ZX_PAGE_SIZE, bits)) candidates.push_back(SaturatingEnd(key[2], ZX_PAGE_SIZE));
  }
  std::erase_if(candidates, [lo](uint64_t x) { return x < *lo || (x != *lo && x % ZX_PAGE_SIZE != 0); });
  return LowestWhere(c, std::move(candidates), [&event](const z3::expr& x) -> std::optional<bool> {
    auto yes = NumeralOf(event(x).simplify());
    return yes ? std::optional<bool>(*yes != 0) : std::nullopt;
  });
}

Scan Faults(Checks& checks, const Access& a, const z3::expr& addr, const z3::expr& len, uint32_t need) {
  z3::context& c = a.s.ctx();
  const z3::expr max = U64(c, UINT64_MAX);
  // MEM-001: the last byte; a range wrapping past 2^64 ends at 2^64 - 1, which is unmapped.
  const z3::expr last = z3::ite(z3::ugt(addr, max - (len - U64(c, 1))), max, addr + (len - U64(c, 1)));
  auto touched = [addr, last](const z3::expr& x) { return z3::uge(x, addr) && z3::ule(x, last); };
  auto fault = [a, need](const z3::expr& x) {
    return !a.h.found(x) || a.Denied(x, need) || a.PastSize(x) || a.PastStream(x);
  };
  // A faulting byte: the lowest one lies in the first faulting page, whose status is the call's.
  auto event = [touched, fault](const z3::expr& x) { return touched(x) && fault(x); };
  Scan out{True(c), {}};
  std::optional<z3::expr> known = ConcreteFirst(a, addr, event);
  const z3::expr first = known ? *known : a.s.choices->Make(c, "mem.first", FnShape{{}, 64})(Args{});
  if (!known) {
    out.constraints.push_back({"mem.first: the access's lowest faulting byte",
                               Formula::Forall(c, {Sort::kAddr}, [event, first](const Args& x) -> Formula {
                                 return z3::implies(event(x[0]), event(first) && z3::ule(first, x[0]));
                               })});
  }
  const z3::expr at = event(first);
  checks.Fail(at && !a.h.found(first), ZX_ERR_NOT_FOUND, "MEM-002 (1)")
      .Fail(at && a.Denied(first, need), ZX_ERR_ACCESS_DENIED, "MEM-002 (2)")
      .Fail(at && a.PastSize(first), ZX_ERR_OUT_OF_RANGE, "MEM-002 (3)")
      .Fail(at, ZX_ERR_OUT_OF_RANGE, "MEM-002 (4)");
  // No byte faults (the success guard, restated where the proofs use it: over a concrete state
  // the lowest event is known, so none does when |first| does not).
  out.none = known ? Formula(!at) : Formula::Forall(c, {Sort::kAddr}, [event](const Args& x) -> Formula { return !event(x[0]); });
  return out;
}

// The paths of an access of |len| bytes at |addr|: MEM-006, the faults, then |ok|.
Paths AccessPaths(const SymState& pre, const z3::expr& caller, const z3::expr& addr, const z3::expr& len,
                  uint32_t need, SymResult empty, const std::function<Paths(const Access&)>& ok) {
  z3::context& c = pre.ctx();
  const z3::expr root = pre.proc_root(caller);
  const auto rows = ConcreteRows(pre, root);
  const Access a{pre, rows, HolderOf(pre, root, rows)};
  Checks checks(c);
  checks.Succeed(len == U64(c, 0), "MEM-006", std::move(empty));
  Scan scan = Faults(checks, a, addr, len, need);
  return WithChoices(WithChoices(Then(pre, checks, Guard(scan.none, ok(a))), a.h.constraints), scan.constraints);
}

// ---- mem_read: MEM-001..006 ----

Paths MemReadStep(const SymState& pre, const z3::expr& caller, const SymArgs& args) {
  z3::context& c = pre.ctx();
  const z3::expr addr = args[0], len = args[1];
  return AccessPaths(pre, caller, addr, len, ZX_VM_PERM_READ, NoBytes(c), [&](const Access& a) {
    // The model's buffer limit (GEN-006), after every fault check, as for vmo_read.
    Checks limit(c);
    limit.Fail(z3::ugt(len, U64(c, kMaxUserBufferBytes)), ZX_ERR_NO_MEMORY, "GEN-006");
    // MEM-004: byte i is the content at the memory offset address addr + i lands on.
    const Fn content = pre.content;
    Fn bytes = Fn::Concrete(c, FnShape{{64}, 8}, {}).Where(
        [&c](const Args&) { return True(c); },
        [a, content, addr](const Args& i) { return content(a.Memory(addr + i[0]), a.Offset(addr + i[0])); });
    return Then(pre, limit, Ok(pre, "MEM-004", SymResult{SymResult::Kind::kBytes, {len}, bytes}));
  });
}

// ---- mem_write: MEM-001..006 ----

// A byte address |x| of the write [addr, addr + len) that lands on memory |m| at offset |o|.
z3::expr Lands(const Access& a, const z3::expr& addr, const z3::expr& len, const z3::expr& x, const z3::expr& m,
               const z3::expr& o) {
  return InRange(x, addr, len) && a.h.found(x) && a.Memory(x) == m && a.Offset(x) == o;
}
// ... on memory |m|'s page |p|.
z3::expr LandsOnPage(const Access& a, const z3::expr& addr, const z3::expr& len, const z3::expr& x,
                     const z3::expr& m, const z3::expr& p) {
  return InRange(x, addr, len) && a.h.found(x) && a.Memory(x) == m && z3::lshr(a.Offset(x), 12) == p;
}

// The writer of (memory, offset) (the highest address landing there) and an address landing on
// (memory, page), each with whether there is one.
struct Writers {
  std::function<z3::expr(const Args&)> byte_at, byte_hit, page_hit;
  std::vector<NamedFormula> constraints;
};

// The addresses [from, to) of row |r| inside [lo, hi) (empty when from >= to).
std::pair<uint64_t, uint64_t> Overlap(const Row& r, uint64_t lo, uint64_t hi) {
  return {std::max(lo, r.base), std::min(hi, SaturatingEnd(r.base, r.size))};
}

Writers WritersOf(const Access& a, const z3::expr& addr, const z3::expr& len) {
  z3::context& c = a.s.ctx();
  auto lo = NumeralOf(addr.simplify()), n = NumeralOf(len.simplify());
  if (a.rows && lo && n) {
    // Each row writes the addresses [from, to) of its range, the memory offsets
    // [at + from - base, at + to - base): the highest row wins (rows sorted by base, descending).
    std::vector<Row> sorted = *a.rows;
    std::sort(sorted.begin(), sorted.end(), [](const Row& x, const Row& y) { return x.base > y.base; });
    const uint64_t hi = SaturatingEnd(*lo, *n);
    auto byte_at = [sorted, lo, hi, &c](const Args& mo) {
      z3::expr out = U64(c, 0);
      for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) {
        const auto [from, to] = Overlap(*it, *lo, hi);
        if (from >= to) continue;
        const z3::expr start = U64(c, it->at + (from - it->base));
        out = z3::ite(mo[0] == U64(c, it->memory) && InRange(mo[1], start, U64(c, to - from)),
                      U64(c, from) + (mo[1] - start), out);
      }
      return out;
    };
    auto hit = [sorted, lo, hi, &c](const Args& mo, bool page) {
      z3::expr out = False(c);
      for (const Row& r : sorted) {
        const auto [from, to] = Overlap(r, *lo, hi);
        if (from >= to) continue;
        const uint64_t start = r.at + (from - r.base), end = r.at + (to - r.base);
        const z3::expr in = page ? z3::uge(mo[1], U64(c, start >> 12)) && z3::ule(mo[1], U64(c, (end - 1) >> 12))
                                 : InRange(mo[1], U64(c, start), U64(c, end - start));
        out = out || (mo[0] == U64(c, r.memory) && in);
      }
      return out;
    };
    return {byte_at, [hit](const Args& mo) { return hit(mo, false); }, [hit](const Args& mo) { return hit(mo, true); }, {}};
  }
  const Fn wr = a.s.choices->Make(c, "mem.writer", FnShape{{BitsOf(Sort::kMemory), 64}, 64});
  const Fn wp = a.s.choices->Make(c, "mem.page", FnShape{{BitsOf(Sort::kMemory), 64}, 64});
  const std::vector<Sort> sorts{Sort::kMemory, Sort::kOffset, Sort::kAddr};
  Formula highest = Formula::Forall(c, sorts, [a, addr, len, wr](const Args& v) -> Formula {
    const z3::expr w = wr(v[0], v[1]);
    return z3::implies(Lands(a, addr, len, v[2], v[0], v[1]), Lands(a, addr, len, w, v[0], v[1]) && z3::ule(v[2], w));
  });
  Formula some = Formula::Forall(c, sorts, [a, addr, len, wp](const Args& v) -> Formula {
    return z3::implies(LandsOnPage(a, addr, len, v[2], v[0], v[1]), LandsOnPage(a, addr, len, wp(v[0], v[1]), v[0], v[1]));
  });
  return {[wr](const Args& mo) { return wr(mo[0], mo[1]); },
          [a, addr, len, wr](const Args& mo) { return Lands(a, addr, len, wr(mo[0], mo[1]), mo[0], mo[1]); },
          [a, addr, len, wp](const Args& mo) { return LandsOnPage(a, addr, len, wp(mo[0], mo[1]), mo[0], mo[1]); },
          // Not assumed in the proofs (they hold for every choice of writer, the highest one
          // included) nor in the witness searches: the exact statement, too costly to instantiate.
          {{"mem.writer: the highest address of the write landing on a memory offset", highest, /*concrete_only=*/true},
           {"mem.page: an address of the write landing on a memory page", some, /*concrete_only=*/true}}};
}

Paths MemWriteStep(const SymState& pre, const z3::expr& caller, const SymArgs& args) {
  z3::context& c = pre.ctx();
  const z3::expr addr = args[0], len = args[1];
  const Fn data = args.elems(1);
  return AccessPaths(pre, caller, addr, len, ZX_VM_PERM_WRITE, SymResult::None(), [&](const Access& a) {
    // MEM-004: as zx_vmo_write at the offsets each address lands on, without a rights check:
    // the bytes change, the pages they touch become committed, the stream size stays.
    const Writers w = WritersOf(a, addr, len);
    SymState out = pre;
    out.content = pre.content.Where([w](const Args& mo) { return w.byte_hit(mo); },
                                    [w, data, addr](const Args& mo) { return data(w.byte_at(mo) - addr); });
    out.committed = pre.committed.Where([w](const Args& mp) { return w.page_hit(mp); },
                                        [&c](const Args&) { return True(c); });
    Paths ok = Ok(out, "MEM-004");
    for (const auto& ch : w.constraints) ok.front().choices.push_back(ch);
    return ok;
  });
}

Call MemReadCall(const ArgValues& a) { return MemRead{a.v[0], a.v[1]}; }
std::optional<ArgValues> MemReadArgs(const Call& call) {
  const auto* c = std::get_if<MemRead>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->addr, c->len}, {{}, {}}};
}
Call MemWriteCall(const ArgValues& a) { return MemWrite{a.v[0], BytesOf(a.buf[1])}; }
std::optional<ArgValues> MemWriteArgs(const Call& call) {
  const auto* c = std::get_if<MemWrite>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->addr, c->data.size()}, {{}, ElemsOf(c->data)}};
}

}  // namespace

const OpSpec& MemReadOp() {
  static const OpSpec op{"mem_read", "MEM-001..MEM-006, GEN-006", {{"addr", 64}, {"len", 64}}, &MemReadStep,
                         &MemReadCall, &MemReadArgs};
  return op;
}

const OpSpec& MemWriteOp() {
  static const OpSpec op{"mem_write", "MEM-001..MEM-007", {{"addr", 64}, {"data", 64, 8}}, &MemWriteStep,
                         &MemWriteCall, &MemWriteArgs};
  return op;
}

}  // namespace zxspec::spec
