// File: spec/facts.h
//
// Bit-vector facts: small lemmas about 64-bit unsigned arithmetic that the solver proves in
// well under a second on their own but finds hard to rediscover inside a large proof (monotonicity
// of addition, for instance, takes it seconds when it must find it by bit-blasting a whole
// transition). An encoding whose proof needs one adds instances of it to its assumptions under
// the fact's id; `ProveFacts` proves every fact once, for fresh variables, so the instances are
// tautologies and adding them loses nothing.
#pragma once

#include <span>
#include <string_view>

#include <z3++.h>

namespace zxspec::spec {

struct Fact {
  std::string_view id;         // "fact:add-monotone"
  std::string_view statement;  // one line
  unsigned arity;              // number of 64-bit variables
  z3::expr (*instance)(const z3::expr* vars);
};

std::span<const Fact> Facts();
const Fact& FindFact(std::string_view id);

// x <= y and p + y does not wrap  =>  p + x does not wrap and p + x <= p + y.
z3::expr AddMonotone(const z3::expr& p, const z3::expr& x, const z3::expr& y);
// a + (b + c) and b + c do not wrap  =>  a + b and (a + b) + c do not wrap.
z3::expr AddAssociative(const z3::expr& a, const z3::expr& b, const z3::expr& c);
// a <= b and b <= c  =>  a <= c.
z3::expr UleTransitive(const z3::expr& a, const z3::expr& b, const z3::expr& c);

}  // namespace zxspec::spec
