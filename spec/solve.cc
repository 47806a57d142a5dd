// The prover's solvers and instantiation helpers (see solve.h).
#include "spec/solve.h"

#include <algorithm>
#include <iterator>

namespace zxspec::spec {
namespace {

// The solvers goals are checked with (measured on this spec's goals): preprocessing then Z3's
// SMT core is fastest on most; Ackermann reduction, bit-blasting and SAT decides many with much
// 64-bit arithmetic that the others take minutes on (vmo_create's and channel_create's
// lemma:fresh-identities); Z3's own solver (which picks its strategy by the goal's logic)
// decides in seconds many that bit-blasting cannot in minutes (garbage collection's goals, with
// Bool-valued functions: "which objects die"). A goal gets the first for |quick_ms|, then the
// second and, when it answers unknown, the third, each with the whole budget: any goal the first
// two decide is decided as before the third was added.
// The first two are wrapped in try_for: a tactic's own steps (bit-blasting a large goal) do not
// all honour the solver's timeout parameter, the timer of try_for does (see SetBudget).
z3::solver QuickSolver(z3::context& c, unsigned ms) {
  return z3::try_for(z3::tactic(c, "simplify") & z3::tactic(c, "propagate-values") &
                         z3::tactic(c, "solve-eqs") & z3::tactic(c, "elim-uncnstr") &
                         z3::tactic(c, "simplify") & z3::tactic(c, "smt"),
                     ms)
      .mk_solver();
}

z3::solver RobustSolver(z3::context& c, unsigned ms) {
  z3::params ite(c);
  ite.set("push_ite_bv", true);
  ite.set("pull_cheap_ite", true);
  ite.set("ite_extra_rules", true);
  z3::tactic simplify = z3::with(z3::tactic(c, "simplify"), ite);
  return z3::try_for(simplify & z3::tactic(c, "propagate-values") & z3::tactic(c, "solve-eqs") &
                         simplify & z3::tactic(c, "ackermannize_bv") & z3::tactic(c, "bit-blast") &
                         z3::tactic(c, "sat"),
                     ms)
      .mk_solver();
}

// Z3's default solver (its timeout parameter is set by SetBudget).
z3::solver OwnSolver(z3::context& c) { return z3::solver(c); }

}  // namespace

std::set<std::string> FieldsRead(const Formula& f) {
  std::set<std::string> out;
  std::set<unsigned> seen;
  std::vector<z3::expr> todo{f.ToZ3()};
  while (!todo.empty()) {
    z3::expr t = todo.back();
    todo.pop_back();
    if (!seen.insert(t.id()).second) continue;
    if (t.is_quantifier()) {
      todo.push_back(t.body());
      continue;
    }
    if (!t.is_app()) continue;
    if (t.decl().decl_kind() == Z3_OP_UNINTERPRETED) {
      std::string name = t.decl().name().str();
      if (name.rfind("pre.", 0) == 0) out.insert(name.substr(4));
    }
    for (unsigned i = 0; i < t.num_args(); ++i) todo.push_back(t.arg(i));
  }
  return out;
}

bool AddValues(z3::context& c, const Concrete& x, std::map<Sort, std::vector<z3::expr>>& seen) {
  bool added = false;
  auto add = [&](Sort sort, uint64_t v) {
    if (sort == Sort::kAddr || sort == Sort::kOffset) return;
    auto& terms = seen[sort];
    const uint64_t mask = BitsOf(sort) == 64 ? ~uint64_t{0} : (uint64_t{1} << BitsOf(sort)) - 1;
    for (const auto& t : terms) {
      if (NumeralOf(t) == (v & mask)) return;
    }
    terms.push_back(c.bv_val(v & mask, BitsOf(sort)));
    added = true;
  };
  static constexpr Fn SymState::*kKoidValued[] = {
      &SymState::h_object, &SymState::peer, &SymState::stream_vmo, &SymState::vmar_process,
      &SymState::vmar_parent, &SymState::vmo_parent, &SymState::proc_job, &SymState::proc_root,
      &SymState::map_vmo, &SymState::mh_object};
  for (const FieldDesc& f : Fields()) {
    const Table& t = x.pre.at(f.member);
    const bool koid_valued = std::find(std::begin(kKoidValued), std::end(kKoidValued),
                                       f.member) != std::end(kKoidValued);
    for (const auto& [key, value] : t) {
      for (size_t i = 0; i < key.size() && i < f.args.size(); ++i) add(f.args[i], key[i]);
      if (koid_valued) add(Sort::kKoid, value);
      if (f.member == &SymState::vmo_memory) add(Sort::kMemory, value);
    }
  }
  add(Sort::kKoid, x.caller);
  return added;
}

unsigned RlimitFor(unsigned ms) {
  // Z3 takes an unsigned limit, 0 meaning none.
  const uint64_t units = std::min<uint64_t>(uint64_t{ms} * kRlimitPerMs, UINT32_MAX);
  return static_cast<unsigned>(std::max<uint64_t>(units, 1));
}

void SetBudget(z3::context& c, z3::solver& s, unsigned ms, bool timer_armed) {
  z3::params p(c);
  p.set("rlimit", RlimitFor(ms));
  if (!timer_armed) p.set("timeout", ms);
  s.set(p);
}

std::string UnknownReason(const z3::solver& s, unsigned ms) {
  std::string why = s.reason_unknown();
  if (why.find("resource limit") != std::string::npos || why == "canceled") {
    return "timeout (" + std::to_string(ms) + " ms: " + why + ")";
  }
  return why;
}

z3::check_result CheckPortfolio(z3::context& c, const z3::expr& formula, unsigned quick_ms,
                                unsigned timeout_ms, std::optional<z3::model>* model,
                                std::string* reason) {
  const int stages = timeout_ms <= quick_ms ? 1 : 3;
  for (int stage = 0; stage < stages; ++stage) {
    const unsigned ms = stage == 0 ? std::min(quick_ms, timeout_ms) : timeout_ms;
    z3::solver s = stage == 0 ? QuickSolver(c, ms) : stage == 1 ? RobustSolver(c, ms) : OwnSolver(c);
    SetBudget(c, s, ms, /*timer_armed=*/stage != 2);
    s.add(formula);
    z3::check_result r = s.check();
    if (r == z3::sat && model != nullptr) *model = s.get_model();
    if (r != z3::unknown) return r;
    if (reason != nullptr) *reason = UnknownReason(s, stage == 0 ? ms : timeout_ms);
  }
  return z3::unknown;
}

}  // namespace zxspec::spec
