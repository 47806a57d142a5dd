// Per-path witnesses and agreement with model::Step (see paths.h).
#include "spec/paths.h"

#include <chrono>
#include <map>

#include "api/constants.h"
#include "api/format.h"
#include "model/core.h"
#include "model/invariants.h"
#include "model/model.h"
#include "spec/abstraction.h"
#include "spec/solve.h"
#include "spec/witness.h"

namespace zxspec::spec {
namespace {

// Buffer arguments short enough to build: first tiny, then up to what channel limits need.
constexpr uint64_t kBufferBounds[] = {64, (1u << 16) + 64};

// Why |x| is not a state the model keeps, or "". Fields the model has no place for (a VMO kind
// on a process) are dropped from |x| (the abstraction of the model state replaces it).
std::string NormalizeToModelState(Concrete& x) {
  Concretized m = Concretize(x.pre);
  if (!m.problem.empty()) return m.problem;
  auto back = Abstract(m.state);
  if (back.is_error()) return "it is too large to list";
  x.pre = back.value();
  // What nothing references, model::Step would collect before it acts: collect it first (the
  // spec's step is then checked to take the same path on the collected state).
  model::CollectGarbage(m.state);
  auto bad = model::CheckInvariants(m.state);
  if (!bad.empty()) return "it breaks " + bad.front();
  auto collected = Abstract(m.state);
  if (collected.is_error()) return "it is too large to list";
  x.pre = collected.value();
  return "";
}

struct Found {
  std::optional<Concrete> x;
  std::string why;  // when not found
};

// Witnesses are searched among small states: every live thing is among a few symbolic
// identities per kind (`Domain`), and every universal is instantiated at all of them, so a
// model of the grounded formula satisfies every invariant (complete within the domain).
struct Domain {
  std::map<Sort, std::vector<z3::expr>> of;
  std::vector<Formula> constraints;
  std::vector<Formula> pinned;
};

z3::expr Among(const z3::expr& x, const std::vector<z3::expr>& d) {
  std::vector<z3::expr> eq;
  for (const auto& e : d) eq.push_back(x == e);
  return OrAll(x.ctx(), eq);
}

Domain MakeDomain(z3::context& c, const SymState& s) {
  Domain d;
  for (uint64_t k = 0; k < 8; ++k) d.of[Sort::kKoid].push_back(c.bv_val(ZX_KOID_FIRST + k, 64));
  for (uint64_t v = 1; v <= 8; ++v) {
    d.of[Sort::kHandle].push_back(c.bv_val((v << 2) | ZX_HANDLE_FIXED_BITS_MASK, 32));
  }
  for (uint64_t m = 1; m <= 3; ++m) d.of[Sort::kMemory].push_back(c.bv_val(m, 64));
  for (Sort sort : {Sort::kAddr, Sort::kOffset}) {
    for (int i = 0; i < 3; ++i) {
      std::string name = std::string("dom.") + NameOf(sort) + std::to_string(i);
      d.of[sort].push_back(c.bv_const(name.c_str(), BitsOf(sort)));
    }
  }
  d.of[Sort::kSeq] = {c.bv_val(0, 64), c.bv_val(1, 64)};
  d.of[Sort::kSlot] = {c.bv_val(0, 32), c.bv_val(1, 32)};
  auto K = d.of[Sort::kKoid], H = d.of[Sort::kHandle], M = d.of[Sort::kMemory],
       A = d.of[Sort::kAddr], O = d.of[Sort::kOffset];
  d.constraints = {
      ForallKoid(c, [s, K](const z3::expr& k) -> Formula { return z3::implies(s.alive(k), Among(k, K)); }),
      ForallMemory(c, [s, M](const z3::expr& m) -> Formula { return z3::implies(s.m_alive(m), Among(m, M)); }),
      ForallHandle(c, [s, K, H](const z3::expr& p, const z3::expr& v) -> Formula {
        return z3::implies(s.h_alive(p, v), Among(p, K) && Among(v, H));
      }),
      ForallMapping(c, [s, K, A](const z3::expr& v, const z3::expr& b) -> Formula {
        return z3::implies(s.map_alive(v, b), Among(v, K) && Among(b, A));
      }),
      ForallKoid(c, [s](const z3::expr& e) -> Formula {
        return z3::ule(s.q_len(e), U64(e.ctx(), 2));
      }),
      Formula::Forall(c, {Sort::kKoid, Sort::kSeq}, [s](const Args& a) -> Formula {
        return z3::ule(s.msg_nhandles(a[0], a[1]), U32(a[0].ctx(), 2)) &&
               z3::ule(s.msg_nbytes(a[0], a[1]), U32(a[0].ctx(), 4));
      }),
      Formula::Forall(c, {Sort::kMemory, Sort::kOffset}, [s, O](const Args& a) -> Formula {
        return z3::implies(s.content(a[0], a[1]) != U8(a[0].ctx(), 0) || s.committed(a[0], a[1]),
                           Among(a[1], O));
      }),
      Formula::Forall(c, {Sort::kKoid, Sort::kOffset}, [s, O](const Args& a) -> Formula {
        return z3::implies(s.name(a[0], a[1]) != U8(a[0].ctx(), 0), Among(a[1], O));
      }),
      Formula::Forall(c, {Sort::kKoid, Sort::kAddr, Sort::kAddr}, [s, A](const Args& a) -> Formula {
        return z3::implies(s.perms(a[0], a[1], a[2]) != U32(a[0].ctx(), 0), Among(a[2], A));
      }),
      Formula::Forall(c, {Sort::kKoid, Sort::kSeq, Sort::kOffset}, [s, O](const Args& a) -> Formula {
        return z3::implies(s.msg_byte(a[0], a[1], a[2]) != U8(a[0].ctx(), 0), Among(a[2], O));
      }),
  };
  // The initial environment (job, self, its root VMAR, vmex, and self's first four handles) is
  // as model::InitialState() makes it; everything else is the solver's.
  auto init = Abstract(model::InitialState());
  for (const auto& f : Fields()) {
    if (f.args.empty()) continue;
    const bool per_koid = f.args.size() == 1 && f.args[0] == Sort::kKoid;
    const bool handle = f.args.size() == 2 && f.args[1] == Sort::kHandle;
    if (!per_koid && !handle) continue;
    if (std::string_view(f.name) == "proc_installed") continue;  // self may install more
    std::vector<Key> keys;
    if (per_koid) {
      for (uint64_t k = ZX_KOID_FIRST; k < ZX_KOID_FIRST + 4; ++k) keys.push_back({k});
    } else {
      for (uint64_t v = 1; v <= 4; ++v) keys.push_back({ZX_KOID_FIRST + 1, (v << 2) | 3});
    }
    for (const Key& key : keys) {
      Args at;
      for (size_t i = 0; i < key.size(); ++i) at.push_back(c.bv_val(key[i], BitsOf(f.args[i])));
      d.pinned.push_back((s.*f.member)(at) == ValueOf(c, f.shape(), init.value().Get(f.member, key)));
    }
  }
  return d;
}

Found Search(const PathContext& ctx, const Path& path,
             const std::optional<Formula>& extra = std::nullopt) {
  std::string last;
  Domain domain = MakeDomain(ctx.c, ctx.pre);
  for (int attempt = 0; attempt < 1; ++attempt) {
    for (uint64_t bound : kBufferBounds) {
      std::vector<Formula> base = ctx.assumed;
      for (const auto& f : domain.pinned) base.push_back(f);
      base.push_back(path.guard);
      if (extra) base.push_back(*extra);
      for (const auto& ch : path.choices) {
        if (!ch.concrete_only) base.push_back(ch.f);
      }
      for (size_t i = 0; i < ctx.op.args.size(); ++i) {
        if (ctx.op.args[i].elem_bits > 0) {
          // A buffer indexed like a message slot (ops.h) is no longer than the slot domain, so
          // every quantifier over its entries is exact in the domain.
          const bool slots = ctx.op.args[i].bits == BitsOf(Sort::kSlot);
          const uint64_t most = slots ? domain.of[Sort::kSlot].size() : bound;
          base.push_back(z3::ule(ctx.args[i], ctx.c.bv_val(most, ctx.op.args[i].bits)));
        }
      }
      Grounded g = GroundBounded(ctx.c, base, domain.constraints, domain.of);
      z3::solver s(ctx.c);
      SetBudget(ctx.c, s, ctx.timeout_ms, /*timer_armed=*/false);
      s.add(g.formula);
      z3::check_result r = s.check();
      if (r == z3::unsat) {
        last = "no pre-state satisfying the invariants takes it (unsat)";
        continue;
      }
      if (r == z3::unknown) {
        last = "solver: " + UnknownReason(s, ctx.timeout_ms);
        continue;
      }
      Concrete x = FromModel(s.get_model(), ctx.pre, ctx.caller, ctx.op, ctx.args, g.formula);
      std::string why = NormalizeToModelState(x);
      if (why.empty()) return {x, ""};
      last = "the solver's pre-state is not one the model keeps: " + why;
      break;  // a larger buffer bound will not help; try another round
    }
  }
  return {std::nullopt, last};
}

}  // namespace

std::optional<Concrete> FindBounded(const PathContext& ctx, const Path& path,
                                    const std::optional<Formula>& extra, std::string* why) {
  Found found;
  try {
    found = Search(ctx, path, extra);
  } catch (const z3::exception& e) {
    found.why = std::string("z3 error: ") + e.msg();
  }
  if (why != nullptr) *why = found.why;
  return found.x;
}

PathRow WitnessPath(const PathContext& ctx, const Path& path) {
  auto t0 = std::chrono::steady_clock::now();
  PathRow row;
  row.operation = std::string(ctx.op.name);
  row.path = path.name;
  row.status = path.status;
  auto done = [&] {
    row.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return row;
  };
  Found found;
  try {
    found = Search(ctx, path);
  } catch (const z3::exception& e) {
    found.why = std::string("z3 error: ") + e.msg();
  }
  if (!found.x) {
    row.detail = "VACUOUS: " + found.why;
    return done();
  }
  const Concrete& x = *found.x;
  row.witnessed = true;
  z3::context c;
  model::StepResult r = RunOp(ctx.op, Concretize(x.pre).state, x.caller, x.args);
  auto post = Abstract(r.state);
  ConcreteStep step = post.is_error() ? ConcreteStep{} : StepConcrete(c, ctx.op, x, &post.value());
  // The line states the path's status: the status word's value on the witness, if it has one.
  const zx_status_t says = step.taken.size() == 1 ? StatusOn(step.taken.front()) : path.status;
  row.zxs = "# pre-state:\n" + DescribeState(x.pre) + CallLine(ctx.op, x) + " -> " +
            std::string(StatusName(says)) + "\n";
  if (post.is_error()) {
    row.detail = "the model's post-state is too large to compare";
    return done();
  }
  if (step.taken.size() != 1 || step.taken.front().name != path.name) {
    row.detail = "on the witness the spec takes " + std::to_string(step.taken.size()) + " path(s)" +
                 (step.taken.empty() ? "" : ", first " + step.taken.front().name);
    return done();
  }
  row.status = StatusOn(step.taken.front());
  if (r.outcome.status != row.status) {
    row.detail = "model::Step returns " + std::string(StatusName(r.outcome.status));
    return done();
  }
  std::string diff;
  if (!SameResult(step.taken.front().result, r.outcome, &diff)) {
    row.detail = diff;
    return done();
  }
  if (!SamePost(c, step.taken.front().post, post.value(), &diff)) {
    row.detail = "the post-states differ: " + diff;
    return done();
  }
  if (auto broken = BrokenChoice(step.taken.front()); !broken.empty()) {
    row.detail = "the model's garbage collection breaks the spec's constraint " + broken;
    return done();
  }
  row.agrees = true;
  return done();
}

}  // namespace zxspec::spec
