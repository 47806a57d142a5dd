// File: spec/invariants.h
//
// The invariants in Z3 form, over the unbounded spec state: each is a `Formula` quantified over
// koids, handles, memories, mappings or queued handles (spec/logic.h). Each catalog invariant
// of model/invariants.h has an encoding here under the same id; a test evaluates both forms on
// many reachable model states and requires them to agree.
//
// Besides the catalog entries there are lemmas: facts the model keeps by construction (identity
// counters, object lifetime, creation rules) that no catalog invariant states, but without which
// some catalog invariant is not inductive. Each lemma is itself proven inductive for every
// operation and holds on every reachable state the agreement test builds; its `why` says which
// counterexample it rules out. Where the spec states a catalog invariant more strongly than the
// model's checker (to make it inductive), `scope` says so.
#pragma once

#include <span>
#include <string_view>

#include "spec/state.h"

namespace zxspec::spec {

struct SpecInvariant {
  std::string_view id;     // the catalog id, or "lemma:<name>"
  bool in_catalog;         // |id| names an entry of model::Invariants()
  std::string_view scope;  // what of the model's statement the encoding covers
  std::string_view why;    // lemmas: the counterexample it rules out
  Formula (*encode)(const SymState& s);
  // Assumed in every proof. A lemma whose instances are costly and that no other proof needs
  // (lemma:gc-closed) is assumed only in its own proof and in witness searches.
  bool assumed = true;
  // Instantiation rounds its own proof needs (spec/logic.h): 2 for a lemma whose existential
  // witnesses must meet the goal's universals.
  int rounds = 1;
};

// Catalog invariants first, in catalog order, then the lemmas.
std::span<const SpecInvariant> SpecInvariants();
const SpecInvariant* FindSpecInvariant(std::string_view id);

// The most rights a handle to object |k| can ever hold (model/invariants.cc MaxRights).
z3::expr MaxRights(const SymState& s, const z3::expr& k);

// ---- address spaces and garbage collection (invariants_vmar.cc) ----
Formula VmarContainment(const SymState& s);
Formula VmarDisjoint(const SymState& s);
Formula VmarAlignment(const SymState& s);
Formula VmarCanMapInherited(const SymState& s);
Formula MappingPermsBounded(const SymState& s);
Formula MappingPermsValid(const SymState& s);
Formula VmarDeadChildless(const SymState& s);
Formula AddressSpaceConsistent(const SymState& s);
// Every object model::Step's garbage collection would destroy is gone already (not an invariant
// the proofs use: witnesses are collected by the model instead; spec/lifecycle.h checks it of
// post-states on concrete states).
Formula GcClosed(const SymState& s);

// ---- quantifier helpers ----
Formula ForallKoid(z3::context& c, const std::function<Formula(const z3::expr&)>& f);
Formula ForallMemory(z3::context& c, const std::function<Formula(const z3::expr&)>& f);
Formula ForallHandle(z3::context& c,
                     const std::function<Formula(const z3::expr&, const z3::expr&)>& f);
// Every handle slot of a queued message: (endpoint, position, slot).
Formula ForallQueued(z3::context& c, const std::function<Formula(const z3::expr&, const z3::expr&,
                                                                 const z3::expr&)>& f);
Formula ForallMapping(z3::context& c,
                      const std::function<Formula(const z3::expr&, const z3::expr&)>& f);
// The handle slot (endpoint, position, slot) holds a handle.
z3::expr Queued(const SymState& s, const z3::expr& e, const z3::expr& q, const z3::expr& slot);

}  // namespace zxspec::spec
