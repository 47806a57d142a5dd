// Concrete fields (spec/fn.h Fn::Concrete) read at symbolic points: the term is the table's
// value at every point, default off the table, and shallow (a disjunction of its cases, not
// a chain as long as the table: Z3 takes time quadratic in a term's depth to delete it).
#include "spec/fn.h"

#include <algorithm>
#include <random>

#include <gtest/gtest.h>

namespace zxspec::spec {
namespace {

size_t Depth(const z3::expr& e) {
  size_t d = 0;
  for (unsigned i = 0; i < e.num_args(); ++i) d = std::max(d, Depth(e.arg(i)));
  return d + 1;
}

uint64_t At(const z3::expr& term, const Args& vars, const Key& point, const FnShape& shape) {
  z3::context& c = term.ctx();
  z3::expr_vector from(c), to(c);
  for (size_t i = 0; i < vars.size(); ++i) {
    from.push_back(vars[i]);
    to.push_back(c.bv_val(point[i], shape.arg_bits[i]));
  }
  auto v = NumeralOf(z3::expr(term).substitute(from, to).simplify());
  EXPECT_TRUE(v.has_value());
  return v.value_or(~uint64_t{0});
}

// Two arguments (a memory and an offset, like `content`), 600 points of 3 memories.
struct TwoArgTable : ::testing::Test {
  z3::context c;
  FnShape shape{{32, 64}, 8};
  Table table;
  Fn f;
  void SetUp() override {
    std::mt19937_64 rng(3);
    for (uint64_t m : {uint64_t{2}, uint64_t{5}, uint64_t{9}}) {
      for (int i = 0; i < 200; ++i) table[{m, rng() % 5000}] = 1 + rng() % 255;
    }
    f = Fn::Concrete(c, shape, table);
  }
  // Points on the table and around each of its keys.
  std::vector<Key> Probes() const {
    std::vector<Key> out;
    for (const auto& [k, v] : table) {
      out.push_back(k);
      out.push_back({k[0], k[1] + 1});
      out.push_back({k[0] + 1, k[1]});
      if (k[1] > 0) out.push_back({k[0], k[1] - 1});
    }
    out.push_back({0, 0});
    out.push_back({~uint64_t{0} >> 32, ~uint64_t{0}});
    return out;
  }
  uint64_t Lookup(const Key& k) const {
    auto it = table.find(k);
    return it == table.end() ? 0 : it->second;
  }
};

TEST_F(TwoArgTable, BothArgumentsSymbolic) {
  Args vars{c.bv_const("m", 32), c.bv_const("o", 64)};
  z3::expr t = f(vars);
  EXPECT_LE(Depth(t), 80u);  // a chain would be ~600 deep
  for (const Key& k : Probes()) EXPECT_EQ(At(t, vars, k, shape), Lookup(k)) << k[0] << "," << k[1];
}

TEST_F(TwoArgTable, OneArgumentANumeral) {
  for (uint64_t m : {uint64_t{2}, uint64_t{5}, uint64_t{7}}) {
    Args vars{c.bv_const("o", 64)};
    z3::expr t = f({c.bv_val(m, 32), vars[0]});
    EXPECT_LE(Depth(t), 50u);
    for (const Key& k : Probes()) {
      if (k[0] != m) continue;
      EXPECT_EQ(At(t, vars, {k[1]}, FnShape{{64}, 8}), Lookup(k)) << m << "," << k[1];
    }
    if (m == 7) {
      EXPECT_TRUE(t.is_numeral()) << "no entry of memory 7: the default";
    }
  }
}

TEST_F(TwoArgTable, NumeralPointsAreLookedUp) {
  for (const Key& k : Probes()) {
    z3::expr t = f({c.bv_val(k[0], 32), c.bv_val(k[1], 64)});
    EXPECT_EQ(NumeralOf(t), Lookup(k));
  }
}

// Two pages of content at a symbolic offset: the term stays shallow, so building it and
// deleting its context is quick (an 8192-deep chain took ~20 s to delete).
TEST(ConcreteFn, TwoPagesOfContentMakeAShallowTerm) {
  z3::context c;
  Table table;
  for (uint64_t o = 0; o < 8192; ++o) table[{1, o}] = 1 + o % 251;
  Fn f = Fn::Concrete(c, FnShape{{32, 64}, 8}, table);
  z3::expr o = c.bv_const("o", 64);
  z3::expr t = f({c.bv_val(1, 32), o});
  EXPECT_LE(Depth(t), 60u);
  for (uint64_t p : {uint64_t{0}, uint64_t{4095}, uint64_t{8191}, uint64_t{8192}}) {
    EXPECT_EQ(At(t, {o}, {p}, FnShape{{64}, 8}), p < 8192 ? 1 + p % 251 : 0) << p;
  }
}

}  // namespace
}  // namespace zxspec::spec
