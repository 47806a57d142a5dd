// Fields of the spec state as bases plus updates (see fn.h).
#include "spec/fn.h"

#include "api/result.h"

namespace zxspec::spec {

struct Fn::Node {
  enum Kind { kBaseUf, kBaseTable, kSet, kUpdate };
  Kind kind = kBaseUf;
  z3::context* ctx = nullptr;
  FnShape shape;
  std::optional<z3::func_decl> decl;   // kBaseUf
  Table table;                         // kBaseTable
  std::shared_ptr<const Node> parent;  // kSet, kUpdate
  Args at;                             // kSet
  std::optional<z3::expr> value;       // kSet
  UpdateFn update;                     // kUpdate
};

std::optional<uint64_t> NumeralOf(const z3::expr& e) {
  if (e.is_true()) return 1;
  if (e.is_false()) return 0;
  uint64_t v = 0;
  if (e.is_numeral_u64(v)) return v;
  return std::nullopt;
}

z3::expr EqFold(const z3::expr& a, const z3::expr& b) {
  auto x = NumeralOf(a);
  auto y = NumeralOf(b);
  if (x && y) return a.ctx().bool_val(*x == *y);
  if (z3::eq(a, b)) return a.ctx().bool_val(true);
  return a == b;
}

z3::expr DefaultOf(z3::context& c, const FnShape& shape) { return ValueOf(c, shape, 0); }

z3::expr ValueOf(z3::context& c, const FnShape& shape, uint64_t v) {
  return shape.bits == 0 ? c.bool_val(v != 0) : c.bv_val(v, shape.bits);
}

namespace {

z3::expr IteFold(const z3::expr& cond, const z3::expr& a, const z3::expr& b) {
  if (cond.is_true()) return a;
  if (cond.is_false()) return b;
  if (z3::eq(a, b)) return a;
  return z3::ite(cond, a, b);
}

z3::expr AllEqual(z3::context& c, const Args& x, const Args& y) {
  z3::expr r = c.bool_val(true);
  for (size_t i = 0; i < x.size(); ++i) {
    z3::expr e = EqFold(x[i], y[i]);
    if (e.is_false()) return e;
    if (!e.is_true()) r = r.is_true() ? e : r && e;
  }
  return r;
}

z3::expr ApplyTable(const Fn::Node& n, const Args& at);

}  // namespace

Fn Fn::Uninterpreted(z3::context& c, const std::string& name, const FnShape& shape) {
  auto n = std::make_shared<Node>();
  n->kind = Node::kBaseUf;
  n->ctx = &c;
  n->shape = shape;
  z3::sort_vector domain(c);
  for (unsigned b : shape.arg_bits) domain.push_back(c.bv_sort(b));
  z3::sort range = shape.bits == 0 ? c.bool_sort() : c.bv_sort(shape.bits);
  n->decl = c.function(name.c_str(), domain, range);
  return Fn(std::move(n));
}

Fn Fn::Concrete(z3::context& c, const FnShape& shape, Table table) {
  auto n = std::make_shared<Node>();
  n->kind = Node::kBaseTable;
  n->ctx = &c;
  n->shape = shape;
  for (auto it = table.begin(); it != table.end();) {  // keep only non-default points
    it = it->second == 0 ? table.erase(it) : std::next(it);
  }
  n->table = std::move(table);
  return Fn(std::move(n));
}

namespace {

// The value at |at| among table |entries|, default (0 / false) where none matches: a chain of
// cases for a few entries, else their disjunction (the keys are distinct, so at most one case
// holds: a bitwise or of "v where at is k, else 0"). The atoms are the same equalities either
// way; only the depth differs. A chain as deep as the table (8192 entries for two pages of
// content) makes Z3 slow to build, simplify and above all to delete the context: quadratic in
// depth, ~20 s for 8192.
z3::expr TableCases(const Fn::Node& n, const Args& at,
                    const std::vector<const Table::value_type*>& entries) {
  z3::context& c = *n.ctx;
  constexpr size_t kChain = 64;
  auto key = [&](const Table::value_type& e) {
    Args k;
    for (size_t i = 0; i < at.size(); ++i) k.push_back(c.bv_val(e.first[i], n.shape.arg_bits[i]));
    return k;
  };
  if (entries.size() <= kChain) {
    z3::expr r = DefaultOf(c, n.shape);
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
      r = IteFold(AllEqual(c, at, key(**it)), ValueOf(c, n.shape, (*it)->second), r);
    }
    return r;
  }
  std::vector<z3::expr> cases;
  for (const auto* e : entries) {
    z3::expr hit = AllEqual(c, at, key(*e));
    cases.push_back(n.shape.bits == 0 ? hit : z3::ite(hit, ValueOf(c, n.shape, e->second),
                                                      DefaultOf(c, n.shape)));
  }
  if (n.shape.bits == 0) {
    z3::expr_vector any(c);
    for (const auto& e : cases) any.push_back(e);
    return z3::mk_or(any);
  }
  // Z3's bvor is binary: a balanced tree of them.
  for (size_t width = 1; width < cases.size(); width *= 2) {
    for (size_t i = 0; i + width < cases.size(); i += 2 * width) cases[i] = cases[i] | cases[i + width];
  }
  return cases[0];
}

z3::expr ApplyTable(const Fn::Node& n, const Args& at) {
  Key key;
  for (const auto& a : at) {
    auto v = NumeralOf(a);
    if (!v) break;
    key.push_back(*v);
  }
  if (key.size() == at.size()) {
    auto it = n.table.find(key);
    return ValueOf(*n.ctx, n.shape, it == n.table.end() ? 0 : it->second);
  }
  // A symbolic point: the entries that agree with its numeral arguments, as cases.
  std::vector<const Table::value_type*> entries;
  for (const auto& e : n.table) {
    bool agrees = true;
    for (size_t i = 0; i < at.size() && agrees; ++i) {
      auto v = NumeralOf(at[i]);
      agrees = !v || *v == e.first[i];
    }
    if (agrees) entries.push_back(&e);
  }
  return TableCases(n, at, entries);
}

}  // namespace

z3::expr Fn::operator()(const Args& at) const {
  ZXSPEC_ASSERT(node_ != nullptr, "reading an empty field");
  ZXSPEC_ASSERT(at.size() == node_->shape.arg_bits.size(), "wrong number of field arguments");
  const Node* n = node_.get();
  // Walk the chain of point updates iteratively; general updates recurse.
  std::vector<std::pair<z3::expr, z3::expr>> cases;  // (cond, value), outermost first
  while (n->kind == Node::kSet) {
    z3::expr cond = AllEqual(*node_->ctx, at, n->at);
    if (cond.is_true()) {
      cases.emplace_back(cond, *n->value);
      break;
    }
    if (!cond.is_false()) cases.emplace_back(cond, *n->value);
    n = n->parent.get();
  }
  z3::expr r = DefaultOf(*node_->ctx, node_->shape);
  if (!cases.empty() && cases.back().first.is_true()) {
    r = cases.back().second;
    cases.pop_back();
  } else if (n->kind == Node::kBaseUf) {
    r = (*n->decl)(static_cast<unsigned>(at.size()), at.data());
  } else if (n->kind == Node::kBaseTable) {
    r = ApplyTable(*n, at);
  } else {  // kUpdate
    r = n->update(at, Fn(n->parent)(at));
  }
  for (auto it = cases.rbegin(); it != cases.rend(); ++it) r = IteFold(it->first, it->second, r);
  return r;
}

Fn Fn::Set(const Args& at, const z3::expr& value) const {
  ZXSPEC_ASSERT(at.size() == node_->shape.arg_bits.size(), "wrong number of field arguments");
  auto n = std::make_shared<Node>();
  n->kind = Node::kSet;
  n->ctx = node_->ctx;
  n->shape = node_->shape;
  n->parent = node_;
  n->at = at;
  n->value = value;
  return Fn(std::move(n));
}

Fn Fn::Update(UpdateFn f) const {
  auto n = std::make_shared<Node>();
  n->kind = Node::kUpdate;
  n->ctx = node_->ctx;
  n->shape = node_->shape;
  n->parent = node_;
  n->update = std::move(f);
  return Fn(std::move(n));
}

Fn Fn::Where(const std::function<z3::expr(const Args&)>& cond,
             const std::function<z3::expr(const Args&)>& value) const {
  return Update([cond, value](const Args& at, const z3::expr& old) {
    return IteFold(cond(at), value(at), old);
  });
}

const FnShape& Fn::shape() const { return node_->shape; }
z3::context& Fn::ctx() const { return *node_->ctx; }

std::optional<z3::func_decl> Fn::base_decl() const {
  const Node* n = node_.get();
  while (n->parent) n = n->parent.get();
  return n->decl;
}

const Table* Fn::base_table() const {
  const Node* n = node_.get();
  while (n->parent) n = n->parent.get();
  return n->kind == Node::kBaseTable ? &n->table : nullptr;
}

bool Fn::updated() const { return node_->parent != nullptr; }

}  // namespace zxspec::spec
