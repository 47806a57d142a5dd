// File: spec/logic.h
//
// Formulas with explicit quantifiers, and how the prover turns them into quantifier-free ones.
//
// Invariants quantify over the unbounded state ("every live handle names a live object"), so
// they are `Formula`s: Z3 expressions combined with and / or / not and `Forall` / `Exists` over
// typed variables (a koid, a handle value, an offset, ...). A quantifier's body is a C++
// function of its variables, built on demand.
//
// `Ground` makes a set of asserted formulas quantifier-free, the way an SMT solver's
// instantiation does, but deterministically:
//  1. polarity: a quantifier is universal or existential after the negations above it;
//  2. existentials become fresh Skolem constants (one per instance of the quantifiers above);
//  3. universals become the conjunction of their instances at candidate terms: for each
//     variable, the ground terms found in the same argument position of the same uninterpreted
//     function as the variable in the body (E-matching on field reads), the ground terms the
//     body compares it with (`x == t`), and any extra terms of its sort (bounded mode);
//  4. steps 1-3 are repeated `rounds` times, each round with the terms of the last.
// Every instance is implied by its universal, so what the result refutes, the formulas refute
// (a proof found this way is sound); a model of the result need not satisfy the universals at
// terms that were not tried (a candidate counterexample, which the prover replays on the model
// before calling it real).
//
// Over a concrete state (spec/fn.h concrete tables) the candidates are the table points, so the
// result is the formula's exact value, provided each universal's body holds where every field it
// reads has its default value ("default-closed", true of every invariant here: they speak of
// live things and non-zero contents).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "spec/fn.h"

namespace zxspec::spec {

// What a quantified variable ranges over (each a bit-vector of the given width).
enum class Sort : uint8_t { kKoid, kMemory, kHandle, kAddr, kOffset, kSeq, kSlot };
unsigned BitsOf(Sort s);
const char* NameOf(Sort s);

class Formula {
 public:
  using Body = std::function<Formula(const Args& vars)>;

  Formula(const z3::expr& atom);  // NOLINT: an expression is a formula
  static Formula Forall(z3::context& c, std::vector<Sort> sorts, Body body, std::string name = "");
  static Formula Exists(z3::context& c, std::vector<Sort> sorts, Body body, std::string name = "");
  static Formula And(const std::vector<Formula>& parts, z3::context& c);
  static Formula Or(const std::vector<Formula>& parts, z3::context& c);

  friend Formula operator&&(const Formula& a, const Formula& b);
  friend Formula operator||(const Formula& a, const Formula& b);
  friend Formula operator!(const Formula& a);
  friend Formula Implies(const Formula& a, const Formula& b);

  z3::context& ctx() const;
  bool quantifier_free() const;
  // The expression of a quantifier-free formula (asserted).
  z3::expr expr() const;
  // The formula with Z3 quantifiers (bound variables named after the sorts): for SMT-LIB.
  z3::expr ToZ3() const;
  // The parts of its top-level conjunction, flattened (`true` parts dropped).
  std::vector<Formula> Conjuncts() const;

  struct Node;
  const Node& node() const { return *node_; }

 private:
  explicit Formula(std::shared_ptr<const Node> n) : node_(std::move(n)) {}
  std::shared_ptr<const Node> node_;
};

struct GroundOptions {
  int rounds = 1;
  size_t max_instances = 200000;        // across all universals; past it, instances are dropped
  size_t max_tuples_per_universal = 4096;
  std::map<Sort, std::vector<z3::expr>> extra;  // candidates added for every variable of a sort
};

struct Grounded {
  z3::expr formula;          // quantifier-free, implied by the input
  size_t instances = 0;      // universal instances made
  size_t skolems = 0;
  bool capped = false;       // some instance was dropped for a cap
};

// The quantifier-free consequence of asserting all of |asserted| (see the file comment).
Grounded Ground(z3::context& c, const std::vector<Formula>& asserted,
                const GroundOptions& options = {});

// The same for several alternative goals checked against one base: |base| is asserted, and each
// goal separately on top of it (push / pop). Instances are made for the terms of the base and of
// every goal, so one grounding serves all the goals.
struct GroundedGoals {
  z3::expr base;
  std::vector<z3::expr> goals;
  size_t instances = 0;
  bool capped = false;
};
GroundedGoals GroundGoals(z3::context& c, const std::vector<Formula>& base,
                          const std::vector<Formula>& goals, const GroundOptions& options = {});

// Bounded grounding: every quantifier of |asserted| ranges over |domain| only (universals become
// conjunctions, existentials disjunctions), which is exact for states whose live things are all
// in the domain; |closure| (the statements that they are) is grounded as by `Ground`, at the
// terms of everything, so that terms outside the domain are known to name nothing live.
Grounded GroundBounded(z3::context& c, const std::vector<Formula>& asserted,
                       const std::vector<Formula>& closure,
                       const std::map<Sort, std::vector<z3::expr>>& domain);

// The value of |f| over concrete fields (every quantifier expanded over table points and the
// extra terms), simplified: true or false when everything it reads is concrete.
// Known gap: variables matched jointly by a table's keys take no other values, so a point no
// table lists (a queued handle slot whose object and rights entries are both default, below the
// message's handle count) is not visited. The proofs do not use this evaluation; counterexample
// classification and witness checks do.
z3::expr EvaluateConcrete(const Formula& f, const GroundOptions& options = {});

// Ground terms of |e| by position: (function declaration id, argument index) -> terms.
using TermIndex = std::map<std::pair<unsigned, unsigned>, std::vector<z3::expr>>;
void IndexTerms(const z3::expr& e, TermIndex& index);

}  // namespace zxspec::spec
