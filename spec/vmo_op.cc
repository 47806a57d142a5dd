// VMOs in Z3, continued: zx_vmo_op_range (vmo.md VMO-060..068, VMO-100..103), every op,
// mirroring model/vmo.cc `Do(VmoOpRange)` and its Op* helpers check by check.
//
// After the lookup (no rights, VMO-060) and the unknown-op check, each op is its own branch:
// its right check (VMO-061/064/100/103), then its own checks and effect. CACHE_INVALIDATE is
// NOT_SUPPORTED before any right is checked (debugging syscalls are disabled, VMO-103).
#include "spec/content.h"
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

z3::expr OpIs(const z3::expr& op, std::initializer_list<uint32_t> ops) {
  z3::context& c = op.ctx();
  std::vector<z3::expr> any;
  for (uint32_t o : ops) any.push_back(op == U32(c, o));
  return OrAll(c, any);
}

// VMO-066: the view's memory shares a copy-on-write tree with another live memory (model:
// InCowRelation; a memory's tree is its `m_cow_tree`, or itself when that is 0).
Formula InCowRelation(const SymState& s, const z3::expr& memory) {
  z3::context& c = s.ctx();
  auto tree = [s, &c](const z3::expr& m) {
    return z3::ite(s.m_cow_tree(m) != U64(c, 0), s.m_cow_tree(m), m);
  };
  z3::expr mine = tree(memory);
  return Formula::Exists(c, {Sort::kMemory}, [s, memory, mine, tree](const Args& x) -> Formula {
    return s.m_alive(x[0]) && x[0] != memory && tree(x[0]) == mine;
  }, "VMO-066 relative");
}

// VMO-101/065: offset + size wraps or passes the VMO size.
z3::expr OutsideVmo(const View& v, const z3::expr& offset, const z3::expr& size) {
  return !NoWrap(offset, size) || z3::ugt(offset + size, v.size);
}

// The right check of an op (VMO-061/064/100/103), then |rest|.
Paths NeedRights(const SymState& pre, const FoundHandle& h, zx_rights_t rights, const char* rule,
                 Paths rest) {
  Checks checks(pre.ctx());
  checks.Fail(!HasRights(h.rights, rights), ZX_ERR_ACCESS_DENIED, rule);
  return Then(pre, checks, std::move(rest));
}

// VMO-062/063
Paths Commit(const SymState& pre, const View& v, const z3::expr& offset, const z3::expr& size) {
  z3::context& c = pre.ctx();
  Rounded end = RoundUpPage(offset + size);
  z3::expr start = offset & ~U64(c, ZX_PAGE_SIZE - 1);
  Checks checks(c);
  checks.Fail(!NoWrap(offset, size), ZX_ERR_OUT_OF_RANGE, "VMO-062 (wrap)")
      .Fail(!end.fits, ZX_ERR_OUT_OF_RANGE, "VMO-062 (round up)")
      .Fail(z3::ugt(end.value, v.size), ZX_ERR_OUT_OF_RANGE, "VMO-062 (range)")
      .Succeed(start == end.value, "VMO-062 (no page)");
  return Then(pre, checks, Ok(CommitPages(pre, v, start, end.value), "VMO-063"));
}

// VMO-065..068
Paths Decommit(const SymState& pre, const View& v, const z3::expr& offset, const z3::expr& size) {
  z3::context& c = pre.ctx();
  Checks checks(c);
  checks.Fail(OutsideVmo(v, offset, size), ZX_ERR_OUT_OF_RANGE, "VMO-065")
      .Succeed(size == U64(c, 0), "VMO-065 (empty)")
      .Fail(InCowRelation(pre, v.memory), ZX_ERR_NOT_SUPPORTED, "VMO-066")
      .Fail(!PageAligned(offset) || !PageAligned(size), ZX_ERR_INVALID_ARGS, "VMO-067");
  // VMO-068: whole pages, so they also stop being committed.
  return Then(pre, checks, Ok(ZeroBytes(pre, v, offset, size), "VMO-068"));
}

// VMO-101/102: byte-granular zeroing of the view's memory (size 0: no effect).
Paths Zero(const SymState& pre, const View& v, const z3::expr& offset, const z3::expr& size) {
  Checks checks(pre.ctx());
  checks.Fail(OutsideVmo(v, offset, size), ZX_ERR_OUT_OF_RANGE, "VMO-101");
  return Then(pre, checks, Ok(ZeroBytes(pre, v, offset, size), "VMO-102"));
}

// VMO-103: LOCK / TRY_LOCK / UNLOCK as a lock count of a discardable root VMO's memory, the
// whole VMO at once (TRY_LOCK is LOCK: the model never discards).
Paths Lock(const SymState& pre, const FoundHandle& h, const View& v, const z3::expr& op,
           const z3::expr& offset, const z3::expr& size) {
  z3::context& c = pre.ctx();
  z3::expr m = v.memory, count = pre.m_lock_count(m);
  Checks checks(c);
  checks.Fail(!HasBits(h.rights, ZX_RIGHT_READ | ZX_RIGHT_WRITE), ZX_ERR_ACCESS_DENIED, "VMO-103 (lock rights)")
      .Fail(!v.discardable, ZX_ERR_NOT_SUPPORTED, "VMO-103 (not discardable)")
      .Fail(!NoWrap(offset, size), ZX_ERR_OUT_OF_RANGE, "VMO-103 (wrap)")
      .Fail(offset != U64(c, 0) || size != v.size, ZX_ERR_OUT_OF_RANGE, "VMO-103 (whole VMO)");
  auto counted = [&](const z3::expr& n) {
    SymState s = pre;
    s.m_lock_count = pre.m_lock_count.Set(m, n);
    return s;
  };
  Checks unlocked(c);
  unlocked.Fail(count == U64(c, 0), ZX_ERR_BAD_STATE, "VMO-103 (not locked)");
  return Then(pre, checks,
              Case(op == U32(c, ZX_VMO_OP_UNLOCK),
                   Then(pre, unlocked, Ok(counted(count - U64(c, 1)), "VMO-103 (unlock)")),
                   Ok(counted(count + U64(c, 1)), "VMO-103 (lock)")));
}

// VMO-103: the cache ops change nothing; an empty range is invalid (VmObject::CacheOp).
Paths Cache(const SymState& pre, const View& v, const z3::expr& offset, const z3::expr& size) {
  z3::context& c = pre.ctx();
  Checks checks(c);
  checks.Fail(size == U64(c, 0), ZX_ERR_INVALID_ARGS, "VMO-103 (cache, empty)")
      .Fail(OutsideVmo(v, offset, size), ZX_ERR_OUT_OF_RANGE, "VMO-103 (cache, range)");
  return Then(pre, checks, Ok(pre, "VMO-103 (cache)"));
}

Paths OpRangeStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr &op = a[1], &offset = a[2], &size = a[3];
  return LookupTyped(pre, caller, a[0], ZX_OBJ_TYPE_VMO, [&](const FoundHandle& h) {
    View v = ViewOf(pre, h.object);
    Checks known(c);
    known.Fail(!OpIs(op, {ZX_VMO_OP_COMMIT, ZX_VMO_OP_DECOMMIT, ZX_VMO_OP_LOCK, ZX_VMO_OP_UNLOCK,
                          ZX_VMO_OP_CACHE_SYNC, ZX_VMO_OP_CACHE_INVALIDATE, ZX_VMO_OP_CACHE_CLEAN,
                          ZX_VMO_OP_CACHE_CLEAN_INVALIDATE, ZX_VMO_OP_ZERO, ZX_VMO_OP_TRY_LOCK,
                          ZX_VMO_OP_DONT_NEED, ZX_VMO_OP_ALWAYS_NEED, ZX_VMO_OP_PREFETCH}),
               ZX_ERR_INVALID_ARGS, "VMO-060 (unknown op)")
        .Fail(op == U32(c, ZX_VMO_OP_CACHE_INVALIDATE), ZX_ERR_NOT_SUPPORTED,
              "VMO-103 (CACHE_INVALIDATE)");
    auto is = [&](uint32_t o) { return op == U32(c, o); };
    Paths cache = NeedRights(pre, h, ZX_RIGHT_READ, "VMO-103 (cache rights)", Cache(pre, v, offset, size));
    Paths hints = Case(is(ZX_VMO_OP_PREFETCH),
                       NeedRights(pre, h, ZX_RIGHT_READ, "VMO-103 (PREFETCH rights)",
                                  Ok(pre, "VMO-103 (PREFETCH)")),
                       Ok(pre, "VMO-103 (DONT_NEED, ALWAYS_NEED)"));
    return Then(pre, known,
        Case(is(ZX_VMO_OP_COMMIT), NeedRights(pre, h, ZX_RIGHT_WRITE, "VMO-061", Commit(pre, v, offset, size)),
        Case(is(ZX_VMO_OP_DECOMMIT), NeedRights(pre, h, ZX_RIGHT_WRITE, "VMO-064", Decommit(pre, v, offset, size)),
        Case(is(ZX_VMO_OP_ZERO), NeedRights(pre, h, ZX_RIGHT_WRITE, "VMO-100", Zero(pre, v, offset, size)),
        Case(OpIs(op, {ZX_VMO_OP_LOCK, ZX_VMO_OP_TRY_LOCK, ZX_VMO_OP_UNLOCK}), Lock(pre, h, v, op, offset, size),
        Case(OpIs(op, {ZX_VMO_OP_CACHE_SYNC, ZX_VMO_OP_CACHE_CLEAN, ZX_VMO_OP_CACHE_CLEAN_INVALIDATE}),
             cache, hints))))));
  }, "VMO-060");
}

Call OpRangeCall(const ArgValues& a) {
  return VmoOpRange{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1]), a.v[2], a.v[3]};
}
std::optional<ArgValues> OpRangeArgs(const Call& call) {
  const auto* c = std::get_if<VmoOpRange>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->op, c->offset, c->size}, {{}, {}, {}, {}}};
}

}  // namespace

const OpSpec& VmoOpRangeOp() {
  static const OpSpec op{"vmo_op_range", "VMO-060..VMO-068, VMO-100..VMO-103",
                         {{"handle", 32}, {"op", 32}, {"offset", 64}, {"size", 64}},
                         &OpRangeStep, &OpRangeCall, &OpRangeArgs};
  return op;
}

}  // namespace zxspec::spec
