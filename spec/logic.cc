// Quantified formulas: construction, Z3 form, conjuncts (see logic.h; grounding in ground.cc).
#include "spec/logic.h"

#include "spec/logic_node.h"

#include <set>

#include "api/result.h"

namespace zxspec::spec {

unsigned BitsOf(Sort s) {
  switch (s) {
    case Sort::kHandle:
    case Sort::kSlot:
      return 32;
    case Sort::kKoid:
    case Sort::kMemory:
    case Sort::kAddr:
    case Sort::kOffset:
    case Sort::kSeq:
      return 64;
  }
  return 64;
}

const char* NameOf(Sort s) {
  switch (s) {
    case Sort::kKoid:
      return "koid";
    case Sort::kMemory:
      return "memory";
    case Sort::kHandle:
      return "handle";
    case Sort::kAddr:
      return "addr";
    case Sort::kOffset:
      return "offset";
    case Sort::kSeq:
      return "seq";
    case Sort::kSlot:
      return "slot";
  }
  return "?";
}

namespace {

std::shared_ptr<Formula::Node> NewNode(Formula::Node::Kind k, z3::context& c) {
  auto n = std::make_shared<Formula::Node>();
  n->kind = k;
  n->ctx = &c;
  return n;
}

}  // namespace

Args FreshVars(z3::context& c, const std::vector<Sort>& sorts) {
  Args vars;
  for (Sort s : sorts) {
    vars.push_back(z3::expr(c, Z3_mk_fresh_const(c, NameOf(s), c.bv_sort(BitsOf(s)))));
  }
  return vars;
}

z3::expr AndOf(z3::context& c, const std::vector<z3::expr>& parts) {
  std::vector<z3::expr> kept;
  for (const auto& p : parts) {
    if (p.is_false()) return p;
    if (!p.is_true()) kept.push_back(p);
  }
  if (kept.empty()) return c.bool_val(true);
  if (kept.size() == 1) return kept.front();
  z3::expr_vector v(c);
  for (const auto& p : kept) v.push_back(p);
  return z3::mk_and(v);
}

z3::expr OrOf(z3::context& c, const std::vector<z3::expr>& parts) {
  std::vector<z3::expr> kept;
  for (const auto& p : parts) {
    if (p.is_true()) return p;
    if (!p.is_false()) kept.push_back(p);
  }
  if (kept.empty()) return c.bool_val(false);
  if (kept.size() == 1) return kept.front();
  z3::expr_vector v(c);
  for (const auto& p : kept) v.push_back(p);
  return z3::mk_or(v);
}


Formula::Formula(const z3::expr& atom) {
  auto n = NewNode(Node::kAtom, atom.ctx());
  n->atom = atom;
  node_ = std::move(n);
}

Formula Formula::Forall(z3::context& c, std::vector<Sort> sorts, Body body, std::string name) {
  ZXSPEC_ASSERT(!sorts.empty(), "a quantifier binds at least one variable");
  auto n = NewNode(Node::kQuant, c);
  n->forall = true;
  n->sorts = std::move(sorts);
  n->body = std::move(body);
  n->name = std::move(name);
  return Formula(std::move(n));
}

Formula Formula::Exists(z3::context& c, std::vector<Sort> sorts, Body body, std::string name) {
  Formula f = Forall(c, std::move(sorts), std::move(body), std::move(name));
  std::const_pointer_cast<Node>(f.node_)->forall = false;
  return f;
}

Formula Formula::And(const std::vector<Formula>& parts, z3::context& c) {
  if (parts.empty()) return Formula(c.bool_val(true));
  if (parts.size() == 1) return parts.front();
  auto n = NewNode(Node::kAnd, c);
  n->kids = parts;
  return Formula(std::move(n));
}

Formula Formula::Or(const std::vector<Formula>& parts, z3::context& c) {
  if (parts.empty()) return Formula(c.bool_val(false));
  if (parts.size() == 1) return parts.front();
  auto n = NewNode(Node::kOr, c);
  n->kids = parts;
  return Formula(std::move(n));
}

namespace {

z3::context& CtxOf2(const Formula& a, const Formula&) { return a.ctx(); }

}  // namespace

Formula operator&&(const Formula& a, const Formula& b) {
  if (a.quantifier_free() && b.quantifier_free()) return Formula(a.expr() && b.expr());
  return Formula::And({a, b}, CtxOf2(a, b));
}

Formula operator||(const Formula& a, const Formula& b) {
  if (a.quantifier_free() && b.quantifier_free()) return Formula(a.expr() || b.expr());
  return Formula::Or({a, b}, CtxOf2(a, b));
}

Formula operator!(const Formula& a) {
  if (a.quantifier_free()) return Formula(!a.expr());
  auto n = std::make_shared<Formula::Node>();
  n->kind = Formula::Node::kNot;
  n->ctx = &a.ctx();
  n->kids = {a};
  return Formula(std::move(n));
}

Formula Implies(const Formula& a, const Formula& b) { return !a || b; }

z3::context& Formula::ctx() const {
  ZXSPEC_ASSERT(node_->ctx != nullptr, "a bare quantifier has no context");
  return *node_->ctx;
}

bool Formula::quantifier_free() const {
  switch (node_->kind) {
    case Node::kAtom:
      return true;
    case Node::kQuant:
      return false;
    case Node::kAnd:
    case Node::kOr:
    case Node::kNot:
      for (const auto& k : node_->kids) {
        if (!k.quantifier_free()) return false;
      }
      return true;
  }
  return true;
}

z3::expr Formula::expr() const {
  ZXSPEC_ASSERT(quantifier_free(), "expr() of a quantified formula");
  z3::context& c = ctx();
  switch (node_->kind) {
    case Node::kAtom:
      return *node_->atom;
    case Node::kNot:
      return !node_->kids.front().expr();
    case Node::kAnd:
    case Node::kOr: {
      std::vector<z3::expr> parts;
      for (const auto& k : node_->kids) parts.push_back(k.expr());
      return node_->kind == Node::kAnd ? AndOf(c, parts) : OrOf(c, parts);
    }
    case Node::kQuant:
      break;
  }
  return c.bool_val(true);
}

namespace {

z3::expr ToZ3In(z3::context& c, const Formula& f) {
  const Formula::Node& n = f.node();
  switch (n.kind) {
    case Formula::Node::kAtom:
      return *n.atom;
    case Formula::Node::kNot:
      return !ToZ3In(c, n.kids.front());
    case Formula::Node::kAnd:
    case Formula::Node::kOr: {
      std::vector<z3::expr> parts;
      for (const auto& k : n.kids) parts.push_back(ToZ3In(c, k));
      return n.kind == Formula::Node::kAnd ? AndOf(c, parts) : OrOf(c, parts);
    }
    case Formula::Node::kQuant: {
      Args vars = FreshVars(c, n.sorts);
      z3::expr body = ToZ3In(c, n.body(vars));
      z3::expr_vector bound(c);
      for (const auto& v : vars) bound.push_back(v);
      return n.forall ? z3::forall(bound, body) : z3::exists(bound, body);
    }
  }
  return c.bool_val(true);
}

}  // namespace

z3::expr Formula::ToZ3() const {
  ZXSPEC_ASSERT(node_->ctx != nullptr, "ToZ3 of a bare quantifier");
  return ToZ3In(*node_->ctx, *this);
}

std::vector<Formula> Formula::Conjuncts() const {
  if (node_->kind == Node::kAnd) {
    std::vector<Formula> out;
    for (const auto& k : node_->kids) {
      auto sub = k.Conjuncts();
      out.insert(out.end(), sub.begin(), sub.end());
    }
    return out;
  }
  if (quantifier_free() && expr().is_true()) return {};
  return {*this};
}

}  // namespace zxspec::spec
