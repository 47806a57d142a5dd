// Bounded model checking of the Z3 transitions (see reach.h).
#include "spec/reach.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include "api/constants.h"
#include "model/model.h"
#include "props/zxs.h"
#include "spec/abstraction.h"
#include "spec/prove_run.h"
#include "spec/solve.h"
#include "spec/witness.h"

namespace zxspec::spec {
namespace {

// Universal instances per path and step: what a sat answer may miss, replay catches.
constexpr size_t kPathInstances = 2000;

// One path a step may take.
struct PathRef {
  const OpSpec* op;
  size_t op_index;  // into Step::args
  std::string name;
  zx_status_t status;
};

// The variables of one unrolled step.
struct Step {
  z3::expr caller;
  z3::expr sel;
  std::vector<SymArgs> args;  // per operation
  std::vector<PathRef> paths;
  z3::expr taken;             // sel names a path whose guard and choices hold (grounded)
  std::vector<z3::expr> each;  // per path: its grounded guard and choices
};

SymArgs StepArgs(z3::context& c, const OpSpec& op, const std::string& prefix,
                 std::vector<z3::expr>* bounds) {
  SymArgs out;
  for (const auto& a : op.args) {
    std::string name = prefix + std::string(op.name) + "." + a.name;
    out.v.push_back(a.length_of >= 0 ? out.v.at(static_cast<size_t>(a.length_of))
                                     : c.bv_const(name.c_str(), a.bits));
    if (a.elem_bits > 0) {
      out.buf.push_back(Fn::Uninterpreted(c, name + ".elems", FnShape{{a.bits}, a.elem_bits}));
      if (a.length_of < 0) bounds->push_back(z3::ule(out.v.back(), c.bv_val(kReachMaxBuffer, a.bits)));
    } else {
      out.buf.push_back(std::nullopt);
    }
  }
  return out;
}

// Ids of the terms of |at| (hash-consed: equal terms, equal ids).
std::vector<unsigned> KeyOf(const Args& at) {
  std::vector<unsigned> k;
  for (const auto& a : at) k.push_back(a.id());
  return k;
}

// The state after a step: every field |pre|'s, overwritten at each point by the post-state of
// the path |sel| names, for the paths that change the field. Reads are memoized per point, so
// a read of state k costs one read of state k-1 per changing path, not one per sequence.
SymState Merge(const SymState& pre, const z3::expr& sel, const std::vector<const Path*>& paths) {
  SymState out = pre;
  for (const FieldDesc& f : Fields()) {
    const Fn& base = pre.*f.member;
    std::vector<std::pair<unsigned, Fn>> changers;
    for (unsigned i = 0; i < paths.size(); ++i) {
      const Fn& post = paths[i]->post.*f.member;
      if (post.id() != base.id()) changers.emplace_back(i, post);
    }
    if (changers.empty()) continue;
    auto memo = std::make_shared<std::map<std::vector<unsigned>, z3::expr>>();
    z3::expr s = sel;
    out.*f.member = base.Update([changers, memo, s](const Args& at, const z3::expr& old) {
      auto key = KeyOf(at);
      if (auto it = memo->find(key); it != memo->end()) return it->second;
      z3::expr r = old;
      for (auto it = changers.rbegin(); it != changers.rend(); ++it) {
        r = z3::ite(s == s.ctx().bv_val(it->first, s.get_sort().bv_size()), it->second(at), r);
      }
      memo->emplace(std::move(key), r);
      return r;
    });
  }
  return out;
}

uint64_t Eval(const z3::model& m, const z3::expr& e) { return Numeral(m.eval(e, true)); }

class Unroller {
 public:
  Unroller(const Predicate& goal, const ReachOptions& o, std::vector<const OpSpec*> ops)
      : goal_(goal), o_(o), ops_(std::move(ops)) {
    auto init = Abstract(model::InitialState());
    ZXSPEC_ASSERT(init.is_ok(), "the initial state has a spec counterpart");
    states_.push_back(ConcreteState(c_, init.value()));
  }

  ReachReport Run() {
    ReachReport r;
    r.expr = goal_.text();
    r.operations = ops_.size();
    r.any_caller = o_.any_caller;
    auto t0 = Clock::now();
    z3::context& c = c_;
    if (EvaluateConcrete(goal_.Over(states_[0])).is_true()) {
      r.answer = ReachAnswer::kReached;
      r.zxs = Replay({}, {}, nullptr);
      r.total_ms = MsSince(t0);
      return r;
    }
    // A fresh solver per depth: measured, an incremental one (steps asserted once, the goal
    // pushed per depth) took twice as long on the queries of reach_test.
    for (unsigned d = 1; d <= o_.depth; ++d) {
      auto td = Clock::now();
      Unroll();
      z3::solver s(c);
      for (const auto& b : bounds_) s.add(b);
      for (const Step& st : steps_) s.add(st.taken);
      Grounded goal = Ground(c, {goal_.Over(states_.back())});
      if (std::getenv("ZXSPEC_PROVE_DEBUG") != nullptr) {
        std::fprintf(stderr, "reach depth %u: unrolled and grounded in %.0f ms, %zu instances\n", d,
                     MsSince(td), instances_ + goal.instances);
      }
      if (o_.smt2) {
        z3::solver dump(c);
        dump.add(s.assertions());
        dump.add(goal.formula);
        r.smt2 += "; depth " + std::to_string(d) + ": a sequence of " + std::to_string(d) +
                  " calls reaching the goal exists when sat\n(push 1)\n" + dump.to_smt2() + "(pop 1)\n";
      }
      s.add(goal.formula);
      SetBudget(c, s, o_.timeout_ms, false);
      z3::check_result res = s.check();
      r.ms_per_depth.push_back(MsSince(td));
      r.depth = d;
      if (res == z3::unsat) continue;
      if (res == z3::unknown) {
        r.answer = ReachAnswer::kUnknown;
        r.detail = "no sequence of fewer than " + std::to_string(d) + " calls; depth " +
                   std::to_string(d) + ": " + UnknownReason(s, o_.timeout_ms);
        r.total_ms = MsSince(t0);
        return r;
      }
      std::string problem;
      z3::model m = Tidy(s, goal.formula);
      r.zxs = Replay(m, d, &problem, &r.calls);
      if (!problem.empty()) {
        r.answer = ReachAnswer::kUnknown;
        r.detail = "depth " + std::to_string(d) + ": the solver's sequence does not replay on "
                   "model::Step (" + problem + "): an instantiation the grounding missed";
      } else {
        r.answer = ReachAnswer::kReached;
      }
      r.total_ms = MsSince(t0);
      return r;
    }
    r.answer = ReachAnswer::kUnreachable;
    r.total_ms = MsSince(t0);
    return r;
  }

 private:
  void Unroll() {
    z3::context& c = c_;
    size_t k = steps_.size() + 1;
    std::string prefix = "s" + std::to_string(k) + ".";
    SymState pre = states_.back();
    pre.choices = FreshChoices("s" + std::to_string(k));
    z3::expr caller = o_.any_caller ? c.bv_const((prefix + "caller").c_str(), 64)
                                    : c.bv_val(model::InitialState().initial.self_koid, 64);
    Step step{caller, c.bv_const((prefix + "path").c_str(), 16),
              {}, {}, c.bool_val(false), {}};
    std::vector<z3::expr> taken;
    std::vector<const Path*> all;
    for (size_t i = 0; i < ops_.size(); ++i) {
      step.args.push_back(StepArgs(c, *ops_[i], prefix, &bounds_));
      paths_.push_back(StepOf(*ops_[i], pre, step.caller, step.args.back()));
      for (const Path& p : paths_.back()) {
        // A path that changes nothing leaves the state as it was: a shortest sequence never
        // takes it (dropping the call reaches the same state sooner).
        if (ChangedFields(pre, p.post).empty()) continue;
        // Grounded path by path, at the terms of its own guard and choices (their comparisons
        // name the points earlier steps set): sound, and far smaller than one grounding of
        // every path at every term.
        std::vector<Formula> parts = {p.guard};
        for (const auto& ch : p.choices) {
          // Garbage collection is left free (reach.h): an over-approximation.
          if (!ch.concrete_only && ch.name.rfind("gc:", 0) != 0) parts.push_back(ch.f);
        }
        GroundOptions go;  // a cap keeps one path's grounding small; fewer instances stay sound
        go.max_instances = kPathInstances;
        go.max_tuples_per_universal = kPathInstances / 4;
        Grounded g = Ground(c, parts, go);
        instances_ += g.instances;
        capped_ = capped_ || g.capped;
        taken.push_back(step.sel == c.bv_val(all.size(), 16) && g.formula);
        step.each.push_back(g.formula);
        step.paths.push_back({ops_[i], i, p.name, p.status});
        all.push_back(&p);
      }
    }
    step.taken = OrAll(c, taken);
    states_.push_back(Merge(pre, step.sel, all));
    steps_.push_back(std::move(step));
  }

  // A model of |s| whose 64-bit arguments (sizes, offsets, addresses) are small where that is
  // possible within a short budget, for a readable scenario; else |s|'s own.
  z3::model Tidy(z3::solver& s, const z3::expr& goal) {
    z3::model m = s.get_model();
    z3::context& c = c_;
    z3::solver small(c);  // only the paths |m| takes: far easier than every path again
    small.add(goal);
    for (const z3::expr& b : bounds_) small.add(b);
    for (const Step& step : steps_) {
      uint64_t sel = Eval(m, step.sel);
      if (sel >= step.paths.size()) return m;
      small.add(step.sel == m.eval(step.sel, true) && step.each[sel]);
      for (const z3::expr& v : step.args[step.paths[sel].op_index].v) {
        if (v.get_sort().bv_size() == 64) small.add(z3::ule(v, c.bv_val(kSmall, 64)));
      }
    }
    SetBudget(c, small, kTidyMs, false);
    if (small.check() == z3::sat) return small.get_model();
    return m;
  }
  static constexpr uint64_t kSmall = 1 << 20;
  static constexpr unsigned kTidyMs = 5000;

  // The model's run of the sequence |m| gives for the first |d| steps, as a scenario; |problem|
  // (when not null) says where it leaves the solver's paths or misses the goal.
  std::string Replay(const std::optional<z3::model>& m, unsigned d, std::string* problem,
                     std::vector<std::string>* calls = nullptr) {
    model::State initial = model::InitialState();
    model::State st = initial;
    props::Trace trace;
    for (unsigned k = 0; k < d && m; ++k) {
      const Step& s = steps_[k];
      uint64_t sel = Eval(*m, s.sel);
      if (sel >= s.paths.size()) {
        *problem = "step " + std::to_string(k + 1) + " names no path";
        return "";
      }
      const PathRef& p = s.paths[sel];
      Concrete x;
      x.caller = Eval(*m, s.caller);
      const SymArgs& args = s.args[p.op_index];
      for (size_t i = 0; i < p.op->args.size(); ++i) {
        x.args.v.push_back(Eval(*m, args[i]));
        std::vector<uint64_t> elems;
        if (p.op->args[i].elem_bits > 0) {
          uint64_t n = std::min<uint64_t>(x.args.v.back(), kReachMaxBuffer);
          z3::context& c = c_;
          for (uint64_t e = 0; e < n; ++e) {
            elems.push_back(Eval(*m, args.elems(i)(c.bv_val(e, p.op->args[i].bits))));
          }
        }
        x.args.buf.push_back(std::move(elems));
      }
      Call call = p.op->to_call(x.args);
      model::StepResult r = model::Step(st, x.caller, call);
      if (calls) {
        calls->push_back(CallLine(*p.op, x) + " -> " + StatusName(r.outcome.status) + "   # path " + p.name);
      }
      if (r.outcome.status != p.status) {
        *problem = "call " + std::to_string(k + 1) + " returns " + StatusName(r.outcome.status) +
                   ", the path says " + StatusName(p.status);
        return "";
      }
      trace.push_back(props::MakeTraceStep(st, props::Action{x.caller, call}, r));
      st = std::move(r.state);
    }
    if (problem != nullptr) {
      z3::context c;
      auto last = Abstract(st);
      if (last.is_error() || !EvaluateConcrete(goal_.Over(ConcreteState(c, last.value()))).is_true()) {
        *problem = "the predicate is false in the model's last state";
        return "";
      }
    }
    props::ScenarioHeader header;
    header.title = "zxspec reach: a shortest sequence of encoded calls reaching the predicate";
    header.last_call_note = "the predicate holds after the next call";
    header.property = "reach";
    header.statement = goal_.text();
    header.origin = "bounded model checking of the Z3 transitions, replayed on model::Step";
    return props::FormatScenario(trace, initial, header);
  }

  const Predicate& goal_;
  const ReachOptions& o_;
  std::vector<const OpSpec*> ops_;
  z3::context c_;
  std::vector<SymState> states_;
  std::vector<Step> steps_;
  std::vector<Paths> paths_;  // keeps every step's paths (their post-states) alive
  std::vector<z3::expr> bounds_;
  size_t instances_ = 0;
  bool capped_ = false;
};

}  // namespace

std::string_view ToString(ReachAnswer a) {
  switch (a) {
    case ReachAnswer::kReached: return "reached";
    case ReachAnswer::kUnreachable: return "unreachable";
    case ReachAnswer::kUnknown: return "unknown";
  }
  return "?";
}

ReachReport Reach(const Predicate& goal, const ReachOptions& options, std::span<const OpSpec> ops) {
  std::vector<const OpSpec*> selected;
  for (const auto& op : ops) {
    // The FIDL layer's calls (no `Call`, OpSpec::run) are compositions of kernel calls reach
    // chains itself; its replays are traces of kernel calls.
    if (op.to_call == nullptr) continue;
    if (Selected(options.operations, op.name)) selected.push_back(&op);
  }
  try {
    return Unroller(goal, options, std::move(selected)).Run();
  } catch (const z3::exception& e) {
    ReachReport r;
    r.expr = goal.text();
    r.detail = std::string("z3 error: ") + e.msg();
    return r;
  }
}

std::string FormatText(const ReachReport& r) {
  std::ostringstream out;
  std::string bounds = "at most " + std::to_string(r.depth) + " calls, each one of the " +
                       std::to_string(r.operations) + " encoded calls made by " +
                       (r.any_caller ? "any live process" : "the initial process") +
                       ", buffers of at most " + std::to_string(kReachMaxBuffer) + " elements";
  switch (r.answer) {
    case ReachAnswer::kReached:
      out << "reached in " << r.depth << (r.depth == 1 ? " call" : " calls") << ": " << r.expr << "\n";
      for (const auto& c : r.calls) out << "  " << c << "\n";
      out << "\n" << r.zxs;
      break;
    case ReachAnswer::kUnreachable:
      out << "unreachable in " << r.depth << " steps (" << bounds << "): " << r.expr << "\n";
      break;
    case ReachAnswer::kUnknown:
      out << "unknown: " << r.expr << "\n  " << r.detail << "\n";
      break;
  }
  out << "solver time per depth (ms):";
  for (double ms : r.ms_per_depth) out << " " << static_cast<long>(ms);
  out << "; " << static_cast<long>(r.total_ms) << " ms in total\n";
  return out.str();
}

nlohmann::json ToJson(const ReachReport& r) {
  return {{"expr", r.expr},
          {"answer", std::string(ToString(r.answer))},
          {"depth", r.depth},
          {"calls", r.calls},
          {"zxs", r.zxs},
          {"detail", r.detail},
          {"operations", r.operations},
          {"any_caller", r.any_caller},
          {"max_buffer", kReachMaxBuffer},
          {"ms_per_depth", r.ms_per_depth},
          {"total_ms", r.total_ms}};
}

}  // namespace zxspec::spec
