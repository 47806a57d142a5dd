// Grounding: quantified formulas made quantifier-free by instantiation (see logic.h).
#include <map>
#include <set>

#include "api/result.h"
#include "spec/logic.h"
#include "spec/logic_node.h"

namespace zxspec::spec {

// ---- term index ----

void IndexTerms(const z3::expr& e, TermIndex& index) {
  std::set<unsigned> seen;
  std::vector<z3::expr> todo{e};
  while (!todo.empty()) {
    z3::expr t = todo.back();
    todo.pop_back();
    if (!t.is_app()) continue;
    if (!seen.insert(t.id()).second) continue;
    z3::func_decl d = t.decl();
    unsigned n = t.num_args();
    bool uf = d.decl_kind() == Z3_OP_UNINTERPRETED && n > 0;
    for (unsigned i = 0; i < n; ++i) {
      z3::expr a = t.arg(i);
      if (uf) index[{d.id(), i}].push_back(a);
      todo.push_back(a);
    }
  }
}

namespace {

// Whether |e| contains any of the constants |vars|.
bool Mentions(const z3::expr& e, const std::set<unsigned>& vars) {
  std::set<unsigned> seen;
  std::vector<z3::expr> todo{e};
  while (!todo.empty()) {
    z3::expr t = todo.back();
    todo.pop_back();
    if (!seen.insert(t.id()).second) continue;
    if (vars.count(t.id())) return true;
    if (t.is_app()) {
      for (unsigned i = 0; i < t.num_args(); ++i) todo.push_back(t.arg(i));
    }
  }
  return false;
}

// Where each variable of a quantifier occurs: argument positions of uninterpreted functions,
// and the ground terms it is compared with.
// A function application in the body whose arguments include two or more of the variables:
// they are instantiated together, at the argument tuples of the ground applications of the same
// function (multi-variable E-matching), not at the product of their separate candidates.
struct Group {
  unsigned decl;
  std::vector<std::pair<unsigned, size_t>> binds;  // (argument index, variable index)
};

struct Triggers {
  std::vector<std::set<std::pair<unsigned, unsigned>>> positions;
  std::vector<std::vector<z3::expr>> compared;
  std::vector<Group> groups;
};

void CollectTriggers(const z3::expr& e, const Args& vars, const std::set<unsigned>& var_ids,
                     Triggers& out, std::set<unsigned>& seen) {
  std::vector<z3::expr> todo{e};
  while (!todo.empty()) {
    z3::expr t = todo.back();
    todo.pop_back();
    if (!t.is_app() || !seen.insert(t.id()).second) continue;
    z3::func_decl d = t.decl();
    unsigned n = t.num_args();
    if (d.decl_kind() == Z3_OP_UNINTERPRETED && n > 0) {
      Group g{d.id(), {}};
      std::set<size_t> distinct;
      for (unsigned i = 0; i < n; ++i) {
        for (size_t v = 0; v < vars.size(); ++v) {
          if (z3::eq(t.arg(i), vars[v])) {
            out.positions[v].insert({d.id(), i});
            g.binds.push_back({i, v});
            distinct.insert(v);
          }
        }
      }
      if (distinct.size() >= 2) out.groups.push_back(std::move(g));
    }
    if (d.decl_kind() == Z3_OP_EQ && n == 2) {
      for (unsigned side = 0; side < 2; ++side) {
        z3::expr x = t.arg(side);
        z3::expr other = t.arg(1 - side);
        for (size_t v = 0; v < vars.size(); ++v) {
          if (z3::eq(x, vars[v]) && !Mentions(other, var_ids)) out.compared[v].push_back(other);
        }
      }
    }
    for (unsigned i = 0; i < n; ++i) todo.push_back(t.arg(i));
  }
}

// A value of |bits| bits that no table point or candidate uses: it stands for every point where
// all fields hold their defaults (concrete evaluation).
z3::expr GenericPoint(z3::context& c, unsigned bits, const std::vector<z3::expr>& avoid) {
  uint64_t v = bits >= 64 ? 0xF00DF00DF00D0001ull : (0xF00D0001ull & ((uint64_t{1} << bits) - 1));
  for (;;) {
    bool clash = false;
    for (const auto& a : avoid) {
      auto n = NumeralOf(a);
      clash = clash || (n && *n == v);
    }
    if (!clash) return c.bv_val(v, bits);
    v += 2;
  }
}

class Grounder {
 public:
  // |concrete|: existentials are disjunctions over the candidates, and a generic point joins
  // them. |bounded|: candidates are the extra terms only, existentials disjunctions over them.
  Grounder(z3::context& c, const GroundOptions& o, bool concrete, bool bounded = false)
      : c_(c), o_(o), concrete_(concrete), bounded_(bounded) {}

  z3::expr Process(const Formula& f, bool pos) {
    const Formula::Node& n = f.node();
    switch (n.kind) {
      case Formula::Node::kAtom:
        return pos ? *n.atom : !*n.atom;
      case Formula::Node::kNot:
        return Process(n.kids.front(), !pos);
      case Formula::Node::kAnd:
      case Formula::Node::kOr: {
        std::vector<z3::expr> parts;
        for (const auto& k : n.kids) parts.push_back(Process(k, pos));
        bool conj = (n.kind == Formula::Node::kAnd) == pos;
        return conj ? AndOf(c_, parts) : OrOf(c_, parts);
      }
      case Formula::Node::kQuant:
        return Quant(n, pos);
    }
    return c_.bool_val(true);
  }

  void Index(const z3::expr& e) {
    IndexTerms(e, index_);
    std::set<unsigned> seen;
    std::vector<z3::expr> todo{e};
    while (!todo.empty()) {
      z3::expr t = todo.back();
      todo.pop_back();
      if (!t.is_app() || !seen.insert(t.id()).second) continue;
      if (t.decl().decl_kind() == Z3_OP_UNINTERPRETED && t.num_args() > 1) {
        if (app_ids_.insert(t.id()).second) apps_[t.decl().id()].push_back(t);
      }
      for (unsigned i = 0; i < t.num_args(); ++i) todo.push_back(t.arg(i));
    }
  }
  size_t instances() const { return instances_; }
  size_t skolems() const { return skolems_; }
  bool capped() const { return capped_; }

 private:
  z3::expr Quant(const Formula::Node& n, bool pos) {
    bool universal = n.forall == pos;
    if (!universal && !concrete_ && !bounded_) {  // a Skolem constant per variable, once per node
      auto it = skolems_of_.find(&n);
      if (it == skolems_of_.end()) {
        it = skolems_of_.emplace(&n, FreshVars(c_, n.sorts)).first;
        skolems_ += n.sorts.size();
      }
      return Process(BodyAt(n, it->second), pos);
    }
    std::vector<z3::expr> parts;
    for (const Args& tuple : Tuples(n)) parts.push_back(Process(BodyAt(n, tuple), pos));
    return universal ? AndOf(c_, parts) : OrOf(c_, parts);
  }

  // The body at |tuple|, built once per node and tuple (so nested quantifiers keep their
  // identity, and with it their Skolem constants and instances, across rounds).
  const Formula& BodyAt(const Formula::Node& n, const Args& tuple) {
    std::pair<const Formula::Node*, std::vector<unsigned>> key{&n, {}};
    for (const auto& t : tuple) key.second.push_back(t.id());
    auto it = bodies_.find(key);
    if (it == bodies_.end()) it = bodies_.emplace(key, n.body(tuple)).first;
    return it->second;
  }

  const Triggers& TriggersOf(const Formula::Node& n) {
    static const Triggers kNone;
    if (bounded_) return kNone;
    auto it = triggers_.find(&n);
    if (it != triggers_.end()) return it->second;
    Args vars = FreshVars(c_, n.sorts);
    std::set<unsigned> ids;
    for (const auto& v : vars) ids.insert(v.id());
    Triggers t;
    t.positions.resize(vars.size());
    t.compared.resize(vars.size());
    // The atoms of the body, nested bodies at fresh variables included; a term that mentions
    // any of these variables is no candidate.
    std::vector<z3::expr> atoms;
    std::vector<Formula> todo{n.body(vars)};
    while (!todo.empty()) {
      Formula f = todo.back();
      todo.pop_back();
      const Formula::Node& m = f.node();
      if (m.kind == Formula::Node::kAtom) {
        atoms.push_back(*m.atom);
      } else if (m.kind == Formula::Node::kQuant) {
        Args inner = FreshVars(c_, m.sorts);
        for (const auto& v : inner) ids.insert(v.id());
        todo.push_back(m.body(inner));
      } else {
        for (const auto& k : m.kids) todo.push_back(k);
      }
    }
    std::set<unsigned> seen;
    for (const auto& a : atoms) CollectTriggers(a, vars, ids, t, seen);
    return triggers_.emplace(&n, std::move(t)).first->second;
  }

  std::vector<z3::expr> Candidates(const Formula::Node& n, size_t v, const Triggers& t) {
    std::vector<z3::expr> out;
    std::set<unsigned> ids;
    auto add = [&](const z3::expr& e) {
      if (e.get_sort().bv_size() == BitsOf(n.sorts[v]) && ids.insert(e.id()).second) out.push_back(e);
    };
    if (bounded_) {
      if (auto it = o_.extra.find(n.sorts[v]); it != o_.extra.end()) {
        for (const auto& e : it->second) add(e);
      }
      return out;
    }
    for (const auto& pos : t.positions[v]) {
      auto it = index_.find(pos);
      if (it == index_.end()) continue;
      for (const auto& e : it->second) add(e);
    }
    for (const auto& e : t.compared[v]) add(e);
    if (auto it = o_.extra.find(n.sorts[v]); it != o_.extra.end()) {
      for (const auto& e : it->second) add(e);
    }
    if (concrete_) add(GenericPoint(c_, BitsOf(n.sorts[v]), out));
    return out;
  }

  // Partial assignments of the variables (an unset one is an invalid expr slot: std::nullopt).
  using Partial = std::vector<std::optional<z3::expr>>;

  // The instances of |n|: variables bound together by a group are matched jointly, the others
  // take their separate candidates; the product of the parts, capped.
  std::vector<Args> Tuples(const Formula::Node& n) {
    const Triggers& t = TriggersOf(n);
    const size_t nv = n.sorts.size();
    std::vector<bool> covered(nv, false);
    std::vector<std::vector<Partial>> parts;
    if (!concrete_ && !bounded_) {
      // Greedily, the groups that bind the most variables not yet covered.
      for (;;) {
        const Group* best = nullptr;
        size_t best_new = 1;
        for (const Group& g : t.groups) {
          std::set<size_t> fresh;
          for (const auto& [arg, v] : g.binds) {
            if (!covered[v]) fresh.insert(v);
          }
          if (fresh.size() > best_new) best = &g, best_new = fresh.size();
        }
        if (best == nullptr) break;
        std::vector<Partial> joint;
        std::set<std::vector<unsigned>> seen;
        auto it = apps_.find(best->decl);
        if (it != apps_.end()) {
          for (const auto& app : it->second) {
            Partial p(nv);
            std::vector<unsigned> key;
            bool ok = true;
            for (const auto& [arg, v] : best->binds) {
              if (covered[v]) continue;
              z3::expr e = app.arg(arg);
              if (p[v] && !z3::eq(*p[v], e)) ok = false;
              p[v] = e;
            }
            for (const auto& x : p) key.push_back(x ? x->id() : 0);
            if (ok && seen.insert(key).second) joint.push_back(std::move(p));
          }
        }
        for (const auto& [arg, v] : best->binds) covered[v] = true;
        parts.push_back(std::move(joint));
      }
    }
    for (size_t v = 0; v < nv; ++v) {
      if (covered[v]) continue;
      std::vector<Partial> single;
      for (const auto& e : Candidates(n, v, t)) {
        Partial p(nv);
        p[v] = e;
        single.push_back(std::move(p));
      }
      parts.push_back(std::move(single));
    }
    std::vector<Partial> tuples{Partial(nv)};
    for (const auto& part : parts) {
      std::vector<Partial> next;
      for (const auto& prefix : tuples) {
        for (const auto& p : part) {
          if (next.size() >= o_.max_tuples_per_universal ||
              instances_ + next.size() >= o_.max_instances) {
            capped_ = true;
            break;
          }
          Partial merged = prefix;
          for (size_t v = 0; v < nv; ++v) {
            if (p[v]) merged[v] = p[v];
          }
          next.push_back(std::move(merged));
        }
      }
      tuples = std::move(next);
    }
    std::vector<Args> out;
    for (auto& p : tuples) {
      Args a;
      for (auto& x : p) a.push_back(*x);
      out.push_back(std::move(a));
    }
    instances_ += out.size();
    return out;
  }

  z3::context& c_;
  const GroundOptions& o_;
  bool concrete_;
  bool bounded_;
  TermIndex index_;
  std::map<unsigned, std::vector<z3::expr>> apps_;  // applications of arity >= 2, by function
  std::set<unsigned> app_ids_;
  std::map<const Formula::Node*, Args> skolems_of_;
  std::map<const Formula::Node*, Triggers> triggers_;
  std::map<std::pair<const Formula::Node*, std::vector<unsigned>>, Formula> bodies_;
  size_t instances_ = 0;
  size_t skolems_ = 0;
  bool capped_ = false;
};

}  // namespace

Grounded Ground(z3::context& c, const std::vector<Formula>& asserted, const GroundOptions& options) {
  Grounder g(c, options, /*concrete=*/false);
  z3::expr result = c.bool_val(true);
  for (int round = 0; round <= options.rounds; ++round) {
    std::vector<z3::expr> parts;
    for (const auto& f : asserted) parts.push_back(g.Process(f, true));
    result = AndOf(c, parts);
    if (round < options.rounds) g.Index(result);
  }
  return Grounded{result, g.instances(), g.skolems(), g.capped()};
}

GroundedGoals GroundGoals(z3::context& c, const std::vector<Formula>& base,
                          const std::vector<Formula>& goals, const GroundOptions& options) {
  Grounder g(c, options, /*concrete=*/false);
  GroundedGoals out{c.bool_val(true), {}, 0, false};
  for (int round = 0; round <= options.rounds; ++round) {
    std::vector<z3::expr> parts;
    for (const auto& f : base) parts.push_back(g.Process(f, true));
    out.base = AndOf(c, parts);
    out.goals.clear();
    for (const auto& f : goals) out.goals.push_back(g.Process(f, true));
    if (round < options.rounds) {
      g.Index(out.base);
      for (const auto& e : out.goals) g.Index(e);
    }
  }
  out.instances = g.instances();
  out.capped = g.capped();
  return out;
}

Grounded GroundBounded(z3::context& c, const std::vector<Formula>& asserted,
                       const std::vector<Formula>& closure,
                       const std::map<Sort, std::vector<z3::expr>>& domain) {
  GroundOptions o;
  o.extra = domain;
  Grounder inside(c, o, /*concrete=*/false, /*bounded=*/true);
  std::vector<z3::expr> parts;
  for (const auto& f : asserted) parts.push_back(inside.Process(f, true));
  z3::expr body = AndOf(c, parts);
  Grounder outside(c, o, /*concrete=*/false);
  outside.Index(body);
  std::vector<z3::expr> closed{body};
  for (const auto& f : closure) closed.push_back(outside.Process(f, true));
  return Grounded{AndOf(c, closed), inside.instances() + outside.instances(), 0,
                  inside.capped() || outside.capped()};
}

z3::expr EvaluateConcrete(const Formula& f, const GroundOptions& options) {
  if (f.quantifier_free()) return f.expr().simplify();
  z3::context& c = f.ctx();
  Grounder g(c, options, /*concrete=*/true);
  return g.Process(f, true).simplify();
}

}  // namespace zxspec::spec
