// Bit-vector facts (see facts.h).
#include "spec/facts.h"

#include <vector>

#include "api/result.h"

namespace zxspec::spec {
namespace {

z3::expr NoWrap(const z3::expr& a, const z3::expr& b) {
  return z3::bvadd_no_overflow(a, b, /*is_signed=*/false);
}

const std::vector<Fact>& Table() {
  static const std::vector<Fact> table = {
      {"fact:add-monotone", "x <= y and p + y does not wrap => p + x does not wrap, p + x <= p + y",
       3, [](const z3::expr* v) { return AddMonotone(v[0], v[1], v[2]); }},
      {"fact:add-associative",
       "a + (b + c) and b + c do not wrap => a + b and (a + b) + c do not wrap", 3,
       [](const z3::expr* v) { return AddAssociative(v[0], v[1], v[2]); }},
      {"fact:ule-transitive", "a <= b and b <= c => a <= c", 3,
       [](const z3::expr* v) { return UleTransitive(v[0], v[1], v[2]); }},
  };
  return table;
}

}  // namespace

std::span<const Fact> Facts() { return Table(); }

const Fact& FindFact(std::string_view id) {
  for (const auto& f : Table()) {
    if (f.id == id) return f;
  }
  ZXSPEC_ASSERT(false, "unknown fact id");
  return Table().front();
}

z3::expr AddMonotone(const z3::expr& p, const z3::expr& x, const z3::expr& y) {
  return z3::implies(z3::ule(x, y) && NoWrap(p, y), NoWrap(p, x) && z3::ule(p + x, p + y));
}

z3::expr AddAssociative(const z3::expr& a, const z3::expr& b, const z3::expr& c) {
  return z3::implies(NoWrap(a, b + c) && NoWrap(b, c), NoWrap(a, b) && NoWrap(a + b, c));
}

z3::expr UleTransitive(const z3::expr& a, const z3::expr& b, const z3::expr& c) {
  return z3::implies(z3::ule(a, b) && z3::ule(b, c), z3::ule(a, c));
}

}  // namespace zxspec::spec
