// One proof run (see prove_run.h and prove.h): the goals of every path, their solving, the
// counterexamples and their verdicts, the path witnesses.
#include "spec/prove_run.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <set>

#include "api/constants.h"
#include "model/invariants.h"
#include "model/model.h"
#include "spec/explore.h"
#include "spec/obligations.h"
#include "spec/paths.h"
#include "spec/replay.h"
#include "spec/solve.h"
#include "spec/witness.h"

namespace zxspec::spec {
namespace {

// Proof bounds every run assumes (prove.h).
std::vector<NamedFormula> Bounds(const SymState& pre) {
  z3::context& c = pre.ctx();
  // GEN-006: a table holds fewer than 2^30 - 1 handles (model/core.cc); one call installs at
  // most 2 * ZX_CHANNEL_MAX_MSG_HANDLES (fidl_recv: a read's, CHAN-042, then a replacement of
  // each, FIDL-020 (5)), so the pre-state has room for them.
  Formula handles = ForallKoid(c, [pre](const z3::expr& p) -> Formula {
    return z3::ult(pre.proc_installed(p),
                   U32(p.ctx(), (uint64_t{1} << 30) - 1 - 2 * ZX_CHANNEL_MAX_MSG_HANDLES));
  });
  z3::expr identities = z3::ult(pre.next_koid(Args{}), U64(c, uint64_t{1} << 63)) &&
                        z3::ult(pre.next_memory(Args{}), U64(c, uint64_t{1} << 63));
  return {{"bound:handle-values", handles}, {"bound:identities", identities}};
}

// A goal of one path: the negation of one obligation's conjunct.
struct Goal {
  size_t row;  // index into the run's rows (state invariants first, then step obligations)
  Formula negated;
  std::optional<Formula> own;  // an invariant assumed only in its own proof (its pre form)
  int rounds = 1;
};

// The run's rows: one per selected invariant, then one per selected step obligation.
struct RowSet {
  std::vector<ProofRow> rows;
  size_t first_step = 0;
};

using PathRows = std::map<std::string, PathRow>;

// An unknown row "*" of |op|: the run could not prove anything, for the reason |detail|.
ProofRow UnknownRun(std::string_view op, std::string detail) {
  return ProofRow{"*", std::string(op), false, ProofStatus::kUnknown, 0, 0, 0, std::move(detail), std::nullopt};
}

// The paths of |all| that |names| selects (empty: all of them).
Paths SelectedPaths(Paths all, const std::vector<std::string>& names) {
  Paths out;
  for (Path& p : all) {
    if (Selected(names, p.name)) out.push_back(std::move(p));
  }
  return out;
}

class OpRun {
 public:
  OpRun(const OpSpec& op, std::span<const SpecInvariant> table, const ProveOptions& o,
        const PathRows* explored, const PathSamples* samples)
      : op_(op), table_(table), o_(o), explored_(explored), samples_(samples), pre_(SymState::Fresh(c_, "pre")),
        caller_(c_.bv_const("caller", 64)), args_(FreshArgs(c_, op)),
        paths_(SelectedPaths(StepOf(op, pre_, caller_, args_), o.path_names)) {}

  ProveReport Run() {
    ProveReport report;
    if (paths_.empty()) {  // a path selection naming none of the call's paths proves nothing
      report.rows.push_back(UnknownRun(op_.name, "no path of " + std::string(op_.name) + " is selected"));
      return report;
    }
    RowSet rows = MakeRows();
    // What every proof assumes, and what only its own proof and witness searches do.
    std::vector<Formula> assumed, everything;
    for (const auto& inv : table_) {
      if (Listed(o_.not_assumed, inv.id)) continue;
      if (inv.assumed) assumed.push_back(inv.encode(pre_));
      everything.push_back(inv.encode(pre_));
    }
    for (const auto& b : Bounds(pre_)) {
      assumed.push_back(b.f);
      everything.push_back(b.f);
    }
    for (const Formula& f : assumed) {
      for (const Formula& conj : f.Conjuncts()) assumed_parts_.push_back({conj, FieldsRead(conj)});
    }
    everything_ = everything;
    for (const Path& p : paths_) ProvePath(p, assumed, rows);
    for (size_t i = 0; i < rows.rows.size(); ++i) {
      (i < rows.first_step ? report.rows : report.steps).push_back(std::move(rows.rows[i]));
    }
    everything_ = everything;
    if (o_.paths) WitnessPaths(everything, report);
    report.smt2 = std::move(smt2_);
    return report;
  }

 private:
  // Every path: its reachable witness if a walk found one, else one from the solver. A path a
  // walk took that the encoding does not have (or a state where it took several) fails too.
  void WitnessPaths(const std::vector<Formula>& everything, ProveReport& report) {
    // A witness search the walks left over gets a short budget: a path it cannot witness in that
    // time is reported VACUOUS with the reason, never taken as witnessed.
    PathContext ctx{op_, c_, pre_, caller_, args_, everything, std::min(o_.timeout_ms, kWitnessMs)};
    std::set<std::string> names;
    for (const Path& p : paths_) {
      names.insert(p.name);
      auto it = explored_ != nullptr ? explored_->find(p.name) : PathRows::const_iterator{};
      if (!p.unreachable.empty()) {
        report.paths.push_back(explored_ != nullptr && it != explored_->end()
                                   ? Contradicted(p, it->second, "a walk took it")
                                   : ProveUnreachable(ctx, p));
      } else if (explored_ != nullptr && it != explored_->end()) {
        report.paths.push_back(it->second);
      } else {
        report.paths.push_back(WitnessPath(ctx, p));
        report.paths.back().source = "solver";
      }
    }
    if (explored_ == nullptr) return;
    for (const auto& [name, row] : *explored_) {
      if (names.count(name) || !Selected(o_.path_names, name)) continue;
      PathRow extra = row;
      extra.agrees = false;
      extra.detail = "a walk took a path the encoding does not list: " + row.detail;
      report.paths.push_back(extra);
    }
  }

  // A path the encoding declares unreachable (Path::unreachable): its guard must contradict the
  // invariants (and the path's choice constraints), at up to kMaxRounds instantiation rounds. If
  // that is not shown, the path is searched like any other: a witness contradicts the
  // declaration, and so does a proof that cannot be made.
  PathRow ProveUnreachable(const PathContext& ctx, const Path& p) {
    auto t0 = Clock::now();
    std::vector<Formula> base = everything_;
    for (const auto& ch : p.choices) {
      if (!ch.concrete_only) base.push_back(ch.f);
    }
    std::string reason = "sat";
    for (int rounds = 1; rounds <= kMaxRounds; ++rounds) {
      GroundOptions go;
      go.rounds = rounds;
      GroundedGoals grounded = GroundGoals(c_, base, {p.guard}, go);
      std::optional<z3::model> model;
      z3::check_result r = CheckPortfolio(c_, grounded.base && grounded.goals[0], kQuickMs,
                                          o_.timeout_ms, &model, &reason);
      if (r == z3::unsat) {
        PathRow row{std::string(op_.name), p.name, p.status, "proof", false, false, MsSince(t0),
                    "proved unreachable: " + p.unreachable, ""};
        row.unreachable = true;
        return row;
      }
    }
    PathRow found = WitnessPath(ctx, p);
    found.source = "solver";
    return Contradicted(p, found, found.witnessed ? "a state the model keeps takes it"
                                                  : "not proved (" + reason + ")");
  }

  static PathRow Contradicted(const Path& p, PathRow row, const std::string& how) {
    row.agrees = false;
    row.detail = "declared unreachable (" + p.unreachable + "), but " + how +
                 (row.detail.empty() ? "" : ": " + row.detail);
    return row;
  }

  RowSet MakeRows() {
    RowSet set;
    for (const auto& inv : table_) {
      if (!o_.state || !Selected(o_.invariants, inv.id)) continue;
      set.rows.push_back(ProofRow{std::string(inv.id), std::string(op_.name), false,
                                  ProofStatus::kProved, 0, 0, 0, "", std::nullopt});
      invariants_.push_back(&inv);
      std::vector<std::set<std::string>> reads;
      for (const auto& conj : inv.encode(pre_).Conjuncts()) reads.push_back(FieldsRead(conj));
      reads_.push_back(std::move(reads));
    }
    set.first_step = set.rows.size();
    std::span<const StepObligation> table =
        o_.step_table.empty() ? StepObligations() : std::span<const StepObligation>(o_.step_table);
    for (const auto& ob : table) {
      if (!o_.steps || !Selected(o_.invariants, ob.id)) continue;
      set.rows.push_back(ProofRow{std::string(ob.id), std::string(op_.name), true,
                                  ProofStatus::kProved, 0, 0, 0, "", std::nullopt});
      obligations_.push_back(&ob);
    }
    return set;
  }

  void ProvePath(const Path& p, const std::vector<Formula>& assumed, RowSet& rows) {
    std::set<std::string> changed;
    for (const FieldDesc* f : ChangedFields(pre_, p.post)) changed.insert(f->name);
    std::vector<Goal> goals;
    for (size_t i = 0; i < invariants_.size(); ++i) {
      auto conjuncts = invariants_[i]->encode(p.post).Conjuncts();
      std::optional<Formula> own;
      if (!invariants_[i]->assumed) own = invariants_[i]->encode(pre_);
      for (size_t j = 0; j < conjuncts.size(); ++j) {
        bool touched = std::any_of(reads_[i][j].begin(), reads_[i][j].end(),
                                   [&](const std::string& f) { return changed.count(f) > 0; });
        if (touched) {
          goals.push_back({i, !conjuncts[j], own, std::max(o_.rounds, invariants_[i]->rounds)});
        } else {
          ++rows.rows[i].framed;
        }
      }
    }
    ObligationInput in{op_, pre_, caller_, args_, p};
    for (size_t k = 0; k < obligations_.size(); ++k) {
      size_t row = rows.first_step + k;
      if (changed.empty()) {
        ++rows.rows[row].framed;  // every step obligation holds of the identity
        continue;
      }
      // One goal per conjunct (an obligation is a conjunction over fields or objects): the same
      // proof, in smaller checks.
      if (auto f = obligations_[k]->encode(in)) {
        for (const Formula& part : f->Conjuncts()) goals.push_back({row, !part, std::nullopt, o_.rounds});
      }
    }
    for (const Goal& g : goals) {
      if (o_.smt2) WriteSmt2(p, assumed, g, rows);
      // A row with a counterexample is decided: its other goals cannot change its status.
      if (rows.rows[g.row].status == ProofStatus::kCounterexample) continue;
      Solve(p, assumed, g, rows);
    }
  }

  // |goal| as an SMT-LIB 2 block: the assumptions, the path's guard and choices, the goal's own
  // premise and its negation, with Z3's quantifiers instead of the prover's instantiation.
  void WriteSmt2(const Path& p, const std::vector<Formula>& assumed, const Goal& goal,
                 const RowSet& rows) {
    z3::solver s(c_);
    for (const Formula& f : assumed) s.add(f.ToZ3());
    s.add(p.guard.ToZ3());
    for (const auto& ch : p.choices) {
      if (!ch.concrete_only) s.add(ch.f.ToZ3());
    }
    if (goal.own) s.add(goal.own->ToZ3());
    s.add(goal.negated.ToZ3());
    smt2_ += "; " + std::string(op_.name) + " / " + p.name + " / " + rows.rows[goal.row].invariant +
             ": holds when unsat\n(push 1)\n" + s.to_smt2() + "(pop 1)\n";
  }

  // One goal: its assumptions grounded at its own terms, then checked. A model of the grounded
  // formula may only be one that misses instances, so before it is reported the goal is tried
  // again with more instantiation rounds (spec/logic.h), up to kMaxRounds.
  static constexpr int kMaxRounds = 3;
  enum class Assume { kPath, kRelevant, kAll };
  static constexpr unsigned kQuickMs = 300;
  static constexpr unsigned kEarlyMs = 2000;  // attempts before the last one
  static constexpr unsigned kWitnessMs = 4000;
  static constexpr int kRefinements = 8;
  static constexpr unsigned kSampleMs = 1000;       // per reached state tried
  static constexpr double kSamplesMs = 4000;        // all reached states tried, per goal
  static constexpr uint64_t kSampleBuffer = 64;     // buffer arguments tried on reached states
  // The assumed conjuncts that share a field with |goal| or the path (besides `alive` and
  // `type`, which every conjunct reads). Proving with fewer assumptions is sound; a goal that
  // fails with these is tried again with all of them.
  std::vector<Formula> Relevant(const Path& p, const Goal& goal) {
    std::set<std::string> fields = FieldsRead(goal.negated);
    for (const auto& f : FieldsRead(p.guard)) fields.insert(f);
    fields.erase("alive");
    fields.erase("type");
    std::vector<Formula> out;
    for (const auto& [conj, reads] : assumed_parts_) {
      if (std::any_of(reads.begin(), reads.end(), [&](const std::string& f) { return fields.count(f) > 0; })) {
        out.push_back(conj);
      }
    }
    return out;
  }

  void Solve(const Path& p, const std::vector<Formula>& assumed, const Goal& goal, RowSet& rows) {
    ProofRow& row = rows.rows[goal.row];
    ++row.goals;
    // Attempts: the relevant assumptions at the goal's rounds, then all of them with more rounds.
    // A model that is no model state (a candidate, not yet a counterexample) adds the values it
    // gives to koids, handles, memories, ... as instantiation terms, and the attempt is repeated
    // (model-based instantiation: the universals it broke now hold at those values), up to
    // kRefinements times per goal.
    // A step obligation is first tried assuming nothing but the path (its guard and choices):
    // most need no invariant, and a model of it is not used. (Not the state invariants: an
    // extra attempt changes the terms the context holds, and their goals were measured
    // slower for it.)
    std::vector<std::pair<Assume, int>> attempts{{Assume::kRelevant, goal.rounds}};
    if (goal.row >= rows.first_step) attempts.insert(attempts.begin(), {Assume::kPath, 1});
    for (int r = goal.rounds; r <= kMaxRounds; ++r) attempts.push_back({Assume::kAll, r});
    std::map<Sort, std::vector<z3::expr>> seen;
    std::set<std::string> broken;  // invariant ids candidates broke
    std::vector<z3::expr> lemmas;  // their instances at |seen|
    int refinements = 0;
    bool sampled = false;
    for (size_t a = 0; a < attempts.size(); ++a) {
      auto [assume, rounds] = attempts[a];
      const bool all = assume == Assume::kAll;
      std::vector<Formula> base = all                          ? assumed
                                  : assume == Assume::kRelevant ? Relevant(p, goal)
                                                                : std::vector<Formula>{};
      base.push_back(p.guard);
      for (const auto& ch : p.choices) {
        if (!ch.concrete_only) base.push_back(ch.f);
      }
      if (goal.own) base.push_back(*goal.own);
      auto t0 = Clock::now();
      GroundOptions go;
      go.rounds = rounds;
      GroundedGoals grounded = GroundGoals(c_, base, {goal.negated}, go);
      z3::expr formula = grounded.base && grounded.goals[0];
      for (const z3::expr& l : lemmas) formula = formula && l;
      if (const char* dump = std::getenv("ZXSPEC_PROVE_DUMP"); dump != nullptr && row.invariant == dump) {
        z3::solver d(c_);
        d.add(formula);
        std::FILE* f = std::fopen(("/tmp/dump_" + std::to_string(dumps_++) + ".smt2").c_str(), "w");
        std::fputs(d.to_smt2().c_str(), f);
        std::fclose(f);
      }
      auto t1 = Clock::now();
      std::optional<z3::model> model;
      std::string reason;
      const bool last = a + 1 == attempts.size();
      const unsigned budget = assume == Assume::kPath ? kQuickMs : last ? o_.timeout_ms : kEarlyMs;
      z3::check_result r = CheckPortfolio(c_, formula, kQuickMs, std::min(o_.timeout_ms, budget),
                                          &model, &reason);
      if (r == z3::unknown && assume != Assume::kPath && budget < o_.timeout_ms) {
        // Out of time, not out of instances: the same formula with the whole budget, before more
        // instances make it larger (goals after garbage collection measured ~1 s each).
        r = CheckPortfolio(c_, formula, kQuickMs, o_.timeout_ms, &model, &reason);
      }
      row.ms += MsSince(t0);
      if (std::getenv("ZXSPEC_PROVE_DEBUG") != nullptr) {
        std::fprintf(stderr, assume == Assume::kPath ? "%s | %s | %s | path rounds %d | inst %zu | ground %.0f ms | solve %.0f ms | %s\n" : all ? "%s | %s | %s | all rounds %d | inst %zu | ground %.0f ms | solve %.0f ms | %s\n" : "%s | %s | %s | rel rounds %d | inst %zu | ground %.0f ms | solve %.0f ms | %s\n",
                     std::string(op_.name).c_str(), p.name.c_str(), row.invariant.c_str(), rounds,
                     grounded.instances, std::chrono::duration<double, std::milli>(t1 - t0).count(),
                     MsSince(t1), r == z3::unsat ? "unsat" : r == z3::sat ? "sat" : "unknown");
      }
      if (r == z3::unsat) return;
      if (assume == Assume::kPath) continue;
      if (r == z3::sat && a + 1 < attempts.size()) {
        // A model of fewer assumptions or instances is only a candidate; one whose pre-state is
        // a model state keeping every model invariant, where the spec's own step breaks the row,
        // is a counterexample as it stands (no need for the solver to find it again).
        Concrete x = FromModel(*model, pre_, caller_, op_, args_, formula);
        if (Confirmed(x, p, Violation(goal.row, rows.first_step))) {
          Report(row, p, x, goal, rows);
          return;
        }
        // A reached state is the cheaper place to look (quantifier-free checks), once.
        if (!sampled) {
          sampled = true;
          if (auto found = FromSamples(p, goal, rows)) {
            Report(row, p, *found, goal, rows);
            return;
          }
        }
        if (refinements < kRefinements && Refine(x, seen, broken, lemmas)) {
          ++refinements;
          attempts.insert(attempts.begin() + static_cast<std::ptrdiff_t>(a) + 1, {assume, rounds});
        }
      }
      if (r == z3::unknown && a + 1 == attempts.size()) {
        // Before giving up: a reached state that takes the path and breaks the row (a reachable
        // counterexample), then one within the bounded witness domain, checked concretely.
        if (auto x = sampled ? std::nullopt : FromSamples(p, goal, rows)) {
          Report(row, p, *x, goal, rows);
          return;
        }
        PathContext ctx{op_, c_, pre_, caller_, args_, everything_, std::min(o_.timeout_ms, kWitnessMs)};
        std::string why;
        auto x = FindBounded(ctx, p, goal.negated, &why);
        if (std::getenv("ZXSPEC_PROVE_DEBUG") != nullptr) std::fprintf(stderr, "bounded: %s\n", why.c_str());
        if (x && Confirmed(*x, p, Violation(goal.row, rows.first_step))) {
          Report(row, p, *x, goal, rows);
          return;
        }
        if (row.status == ProofStatus::kProved) {
          row.status = ProofStatus::kUnknown;
          row.detail = "path " + p.name + ": solver: " + reason;
        }
        return;
      }
      if (a + 1 < attempts.size()) continue;
      Report(row, p, FromModel(*model, pre_, caller_, op_, args_, formula), goal, rows);
    }
  }

  // A counterexample from a reached pre-state: each state the walks kept for some path of this
  // operation, with its caller, and the arguments the solver picks to take |p| and break the
  // goal's row there (quantifier-free: the state is concrete). Confirmed like any candidate.
  std::optional<Concrete> FromSamples(const Path& p, const Goal& goal, const RowSet& rows) {
    if (samples_ == nullptr) return std::nullopt;
    const bool step = goal.row >= rows.first_step;
    // The states that took |p| first (the arguments may change, the path stays likely), then
    // those of the other paths, within kSamplesMs in all.
    std::vector<const Concrete*> order;
    if (auto own = samples_->find(p.name); own != samples_->end()) {
      for (const Concrete& x : own->second) order.push_back(&x);
    }
    const size_t own = order.size();
    for (const auto& [name, states] : *samples_) {
      if (name == p.name) continue;
      for (const Concrete& x : states) order.push_back(&x);
    }
    // ... the largest first (more kinds of objects to pick arguments from).
    std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(own), order.end(),
                     [](const Concrete* x, const Concrete* y) { return LiveObjects(*x) > LiveObjects(*y); });
    if (std::getenv("ZXSPEC_PROVE_DEBUG") != nullptr) {
      std::fprintf(stderr, "samples for %s: own %zu, all %zu\n", p.name.c_str(), own, order.size());
    }
    // The states with the arguments they were reached with, as they are (no solver).
    for (size_t i = 0; i < own; ++i) {
      if (Confirmed(*order[i], p, Violation(goal.row, rows.first_step))) return *order[i];
    }
    const auto start = Clock::now();
    for (const Concrete* each : order) {
      if (MsSince(start) > kSamplesMs) break;
      {
        const Concrete& sample = *each;
        SymState pre = ConcreteState(c_, sample.pre);
        z3::expr caller = c_.bv_val(sample.caller, 64);
        SymArgs args = FreshArgs(c_, op_);
        Paths taken = StepOf(op_, pre, caller, args);
        auto path = std::find_if(taken.begin(), taken.end(),
                                 [&](const Path& q) { return q.name == p.name; });
        if (path == taken.end()) continue;
        std::vector<Formula> base{path->guard};
        if (step) {
          auto f = obligations_[goal.row - rows.first_step]->encode(
              ObligationInput{op_, pre, caller, args, *path});
          if (!f) continue;
          base.push_back(!*f);
        } else {
          base.push_back(!invariants_[goal.row]->encode(path->post));
        }
        for (const auto& ch : path->choices) {
          if (!ch.concrete_only) base.push_back(ch.f);
        }
        for (size_t i = 0; i < op_.args.size(); ++i) {
          if (op_.args[i].elem_bits > 0) {
            base.push_back(z3::ule(args[i], c_.bv_val(kSampleBuffer, op_.args[i].bits)));
          }
        }
        z3::expr formula = Ground(c_, base).formula;
        std::optional<z3::model> model;
        std::string reason;
        if (CheckPortfolio(c_, formula, kQuickMs, kSampleMs, &model, &reason) != z3::sat) continue;
        Concrete x = FromModel(*model, pre, caller, op_, args, formula);
        x.pre = sample.pre;
        x.caller = sample.caller;
        if (Confirmed(x, p, Violation(goal.row, rows.first_step))) return x;
      }
    }
    return std::nullopt;
  }

  // Model-based instantiation for a candidate |x| that is no model state: the invariants it
  // breaks (and the well-formedness lemmas) instantiated at the identities it uses, so the next
  // model cannot break them there. Whether anything was added.
  bool Refine(const Concrete& x, std::map<Sort, std::vector<z3::expr>>& seen,
              std::set<std::string>& broken, std::vector<z3::expr>& lemmas) {
    Concretized pre = Concretize(x.pre);
    bool added = false;
    auto mark = [&](std::string id) { added |= broken.insert(std::move(id)).second; };
    mark("lemma:well-formed");
    mark("lemma:fresh-identities");
    if (pre.problem.empty()) {
      for (const std::string& v : model::CheckInvariants(pre.state)) mark(v.substr(0, v.find(':')));
    }
    added |= AddValues(c_, x, seen);
    if (!added) return false;
    GroundOptions go;
    go.extra = seen;
    for (const SpecInvariant& inv : table_) {
      if (broken.count(std::string(inv.id)) == 0) continue;
      lemmas.push_back(Ground(c_, {inv.encode(pre_)}, go).formula);
    }
    return true;
  }

  void Report(ProofRow& row, const Path& p, const Concrete& x, const Goal& goal,
              const RowSet& rows) {
    if (row.status == ProofStatus::kCounterexample) return;
    row.status = ProofStatus::kCounterexample;
    row.counterexample = Explain(op_, x, p, Violation(goal.row, rows.first_step));
    row.detail = "path " + p.name + ":\n" + row.counterexample->zxs;
  }

  // Whether |x| (a candidate) is a model state keeping every model invariant where the spec
  // takes |p| and its post-state breaks what |violated| checks (with the model's garbage
  // collection as the path's choices).
  bool Confirmed(const Concrete& x, const Path& p, const Violated& violated) {
    Concretized pre = Concretize(x.pre);
    if (std::getenv("ZXSPEC_PROVE_DEBUG") != nullptr) {
      std::fprintf(stderr, "candidate: %s | %s\n%s", pre.problem.c_str(),
                   pre.problem.empty() ? [&] { std::string b; for (auto& v : model::CheckInvariants(pre.state)) b += v + "; "; return b; }().c_str() : "",
                   DescribeState(x.pre).c_str());
    }
    if (!pre.problem.empty() || !model::CheckInvariants(pre.state).empty()) return false;
    model::StepResult r = RunOp(op_, pre.state, x.caller, x.args);
    auto model_post = Abstract(r.state);
    if (model_post.is_error()) return false;
    z3::context c;
    ConcreteStep step = StepConcrete(c, op_, x, &model_post.value());
    if (step.taken.size() != 1 || step.taken.front().name != p.name) return false;
    return violated(c, x, step.taken.front().post);
  }

  // Whether the model's own transition violates what row |row| states. For a step obligation
  // the model's post-state stands in for the spec's on the path the spec takes there (its
  // install records are the spec's: where the new handles' rights may come from).
  Violated Violation(size_t row, size_t first_step) {
    const OpSpec* op = &op_;
    if (row < first_step) {
      const SpecInvariant* inv = invariants_[row];
      return [inv, op](z3::context& c, const Concrete& x, const SymState& post) {
        return !EvaluateConcrete(inv->encode(post), HandlesAfter(c, *op, x)).is_true();
      };
    }
    const StepObligation* ob = obligations_[row - first_step];
    return [ob, op](z3::context& c, const Concrete& x, const SymState& post) {
      ConcreteStep step = StepConcrete(c, *op, x);
      if (step.taken.size() != 1) return false;
      SymState pre = ConcreteState(c, x.pre);
      Path model_path = step.taken.front();
      model_path.post = post;
      z3::expr caller = c.bv_val(x.caller, 64);
      SymArgs args = ConstArgs(c, *op, x.args);
      auto f = ob->encode(ObligationInput{*op, pre, caller, args, model_path});
      return f && !EvaluateConcrete(*f, HandlesAfter(c, *op, x)).is_true();
    };
  }

  const OpSpec& op_;
  std::span<const SpecInvariant> table_;
  const ProveOptions& o_;
  const PathRows* explored_;
  std::string smt2_;
  const PathSamples* samples_;
  z3::context c_;
  SymState pre_;
  z3::expr caller_;
  SymArgs args_;
  Paths paths_;
  std::vector<const SpecInvariant*> invariants_;
  std::vector<std::vector<std::set<std::string>>> reads_;
  std::vector<const StepObligation*> obligations_;
  std::vector<std::pair<Formula, std::set<std::string>>> assumed_parts_;
  int dumps_ = 0;
  std::vector<Formula> everything_;  // every invariant on the pre-state, and the bounds
};

}  // namespace

ProveReport RunOperation(const OpSpec& op, std::span<const SpecInvariant> table,
                         const ProveOptions& o, const Explored& explored) {
  const std::string name(op.name);
  auto rows = explored.rows.find(name);
  auto samples = explored.samples.find(name);
  static const PathRows kNoRows;
  try {
    return OpRun(op, table, o, !o.paths ? nullptr : rows == explored.rows.end() ? &kNoRows : &rows->second,
                 samples == explored.samples.end() ? nullptr : &samples->second)
        .Run();
  } catch (const z3::exception& e) {
    ProveReport r;
    r.rows.push_back(UnknownRun(op.name, std::string("z3 error: ") + e.msg()));
    return r;
  }
}

}  // namespace zxspec::spec
