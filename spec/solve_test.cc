// The check budget (spec/solve.h): a resource limit stops a check on its own, with no timer,
// and is reported as a timeout; a 1 ms timer per check (the budget that hung Z3 4.8.12 when a
// try_for timer was armed inside the solver's own) returns unknown again and again.
#include "spec/solve.h"

#include <gtest/gtest.h>

namespace zxspec::spec {
namespace {

// Factoring a 64-bit product of two 32-bit primes: far beyond a 1 ms budget.
z3::expr HardGoal(z3::context& c) {
  z3::expr x = c.bv_const("x", 64), y = c.bv_const("y", 64);
  const uint64_t p = 4294967291u, q = 4294967279u;  // the two largest 32-bit primes
  return x * y == c.bv_val(p * q, 64) && z3::ugt(x, c.bv_val(1, 64)) &&
         z3::ugt(y, c.bv_val(1, 64)) && z3::ult(x, c.bv_val(uint64_t{1} << 32, 64)) &&
         z3::ult(y, c.bv_val(uint64_t{1} << 32, 64));
}

// No timer at all (timer_armed with none armed): the resource limit alone ends the check.
TEST(Budget, TheResourceLimitAloneEndsACheck) {
  z3::context c;
  z3::solver s(c);
  SetBudget(c, s, 1, /*timer_armed=*/true);
  s.add(HardGoal(c));
  EXPECT_EQ(s.check(), z3::unknown);
  EXPECT_EQ(UnknownReason(s, 1).rfind("timeout (1 ms", 0), 0u) << UnknownReason(s, 1);
}

TEST(Budget, OneMillisecondChecksRepeatAndStayUnknown) {
  z3::context c;
  for (unsigned i = 0; i < 200; ++i) {
    std::optional<z3::model> model;
    std::string reason;
    EXPECT_EQ(CheckPortfolio(c, HardGoal(c), 1, 1 + i % 2, &model, &reason), z3::unknown);
    EXPECT_NE(reason.find("timeout"), std::string::npos) << reason;
    EXPECT_FALSE(model.has_value());
  }
}

// A budget large enough lets an easy check finish with its answer.
TEST(Budget, AnEasyCheckFinishes) {
  z3::context c;
  z3::expr x = c.bv_const("x", 64);
  std::optional<z3::model> model;
  EXPECT_EQ(CheckPortfolio(c, x * 3 == c.bv_val(21, 64) && z3::ult(x, c.bv_val(100, 64)), 300,
                           1000, &model, nullptr),
            z3::sat);
  ASSERT_TRUE(model.has_value());
  EXPECT_EQ(model->eval(x).get_numeral_uint64(), 7u);
}

// The limit grows with the budget, saturates instead of wrapping (the CLI accepts up to an
// hour: 7.2e10 units) and is never 0 (Z3: no limit).
TEST(Budget, TheResourceLimitSaturatesAndIsNeverNone) {
  EXPECT_EQ(RlimitFor(1), kRlimitPerMs);
  EXPECT_EQ(RlimitFor(1000), 1000 * kRlimitPerMs);
  EXPECT_EQ(RlimitFor(0), 1u);
  EXPECT_EQ(RlimitFor(3'600'000), UINT32_MAX);
  EXPECT_EQ(RlimitFor(UINT32_MAX), UINT32_MAX);
  // The edge: 214,748 ms is the last budget whose limit fits.
  EXPECT_EQ(RlimitFor(214'748), 214'748 * kRlimitPerMs);
  EXPECT_EQ(RlimitFor(214'749), UINT32_MAX);
}

}  // namespace
}  // namespace zxspec::spec
