// File: refinement/abstract.h
//
// The abstraction function from the optimized implementation's structures (impl/objects.h) to
// the reference model's state (model/state.h), and the canonical form the two are compared in
// (exemplars.md item 21 and section C: one abstraction per family, field by field).
//
// Memory ids. The model names its page stores by an internal counter (`State::memories`,
// `Vmo::memory`, `State::next_memory`); the implementation has no such numbers (its stores are
// shared by pointer). What must agree is the sharing structure, not the numbers: which VMOs view
// one store and what each store holds. So states are compared in `Canonical` form: memories are
// renumbered 1, 2, ... in the order in which they are first viewed when VMOs are visited by
// ascending koid, and `next_memory` is set to 0. Two states are equivalent exactly when their
// canonical forms are equal; everything else (koids, handle values, counters) is compared as is.
#pragma once

#include "impl/kernel.h"
#include "model/state.h"

namespace zxspec::refinement {

// The model state that |core| represents. Memory ids are assigned in canonical order.
model::State Abstract(const impl::Core& core);
inline model::State Abstract(const impl::ImplKernel& k) { return Abstract(k.core()); }

// |s| with memories renumbered canonically (see above).
model::State Canonical(model::State s);

// The implementation's representation invariant (impl/invariants.cc): empty when it holds.
inline std::vector<std::string> RepInvariant(const impl::ImplKernel& k) {
  return impl::RepInvariant(k.core());
}

// ---- per family (refinement/*_abstract.cc), each filling its part of |out| ----
void AbstractProcesses(const impl::Core& core, model::State& out);  // processes, jobs, resources
void AbstractVmos(const impl::Core& core, model::State& out);       // VMOs and memories
void AbstractStreams(const impl::Core& core, model::State& out);
void AbstractVmars(const impl::Core& core, model::State& out);      // VMARs and mappings
void AbstractChannels(const impl::Core& core, model::State& out);

// Helper for the families: a handle as the model stores it.
model::HandleEntry AbstractHandle(const impl::Handle& h);

}  // namespace zxspec::refinement
