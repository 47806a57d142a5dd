// File: spec/invariants.h
//
// The invariants in Z3 form. Each catalog invariant of model/invariants.h that the spec state
// can express has an encoding here under the same id, named like the model's checker
// (`inv_stream_size_le_size` <-> the model's "stream-size-le-size"); a test evaluates both forms
// on many concrete states and requires them to agree.
//
// Besides the catalog entries there are lemmas: facts the model keeps by construction (object
// lifetime, creation rules) that no catalog invariant states, but without which some catalog
// invariant is not inductive. Each lemma is itself proven inductive for every operation, and
// holds on every state the agreement test builds; its `why` says which counterexample it rules
// out.
#pragma once

#include <span>
#include <string_view>

#include "spec/state.h"

namespace zxspec::spec {

struct SpecInvariant {
  std::string_view id;     // the catalog id, or "lemma:<name>"
  bool in_catalog;         // true when |id| names an entry of model::Invariants()
  std::string_view scope;  // what of the model's statement the encoding covers
  std::string_view why;    // lemmas: the counterexample it rules out
  z3::expr (*encode)(const SymState& s);
};

// Catalog invariants first, in catalog order, then the lemmas.
std::span<const SpecInvariant> SpecInvariants();
const SpecInvariant* FindSpecInvariant(std::string_view id);

// The conjunction of every entry of SpecInvariants() on |s|.
z3::expr AllInvariants(const SymState& s);

// ---- catalog invariants (model/invariants.cc) ----
z3::expr inv_stream_size_le_size(const SymState& s);  // VMO-002, RFC-0238
z3::expr inv_size_page_aligned(const SymState& s);    // VMO-002/003
z3::expr inv_handles_valid(const SymState& s);        // HANDLE-001/002, RIGHTS-001
z3::expr inv_rights_bounded(const SymState& s);       // RIGHTS-002, VMO-083/124, STREAM-014
z3::expr inv_immutability(const SymState& s);        // VMO-085, RFC-0080
z3::expr inv_vmo_tree_consistent(const SymState& s);  // VMO-080/084/132
z3::expr inv_memory_single_owner(const SymState& s);  // VMO-080/086..089
z3::expr inv_streams_have_vmo(const SymState& s);     // STREAM-001, HANDLE-003

// ---- lemmas (spec-only strengthenings) ----
z3::expr lemma_mappings_live(const SymState& s);       // HANDLE-003, VMAR-002
z3::expr lemma_slice_memory_fixed(const SymState& s);      // VMO-076, VMO-080
z3::expr lemma_well_formed(const SymState& s);             // model/state.h types

// The most rights a handle to object |o| can hold (model/invariants.cc MaxRights), where
// |resizable| is whether the VMO |o| is resizable.
z3::expr MaxRights(const SymObject& o, const z3::expr& resizable);

}  // namespace zxspec::spec
