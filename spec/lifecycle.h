// File: spec/lifecycle.h (internal to spec/)
//
// Object lifetime in Z3, as model/lifecycle.cc has it: after a call removed references (closed
// or consumed handles, killed processes, destroyed VMARs, dropped messages), whatever lost its
// last reference is destroyed, with its consequences: a killed INITIAL process's address space
// dies, a dying endpoint's peer sees PEER_CLOSED, a dying VMO's children are re-parented to the
// nearest surviving ancestor (VMO-084), a memory no VMO views is dropped; every field of what
// was destroyed reads as its default.
//
// Which objects die is a cascade of any depth (a channel in a message in a channel ...), so it
// is not computed: it is a choice of the path (`gc.dies`, `gc.memory-dies`, `gc.parent`, from
// SymState::choices), pinned down by constraints the path carries:
//   gc:closure   what survives references only survivors; only what can die does (not a job,
//                not a RUNNING process, not a live VMAR of a surviving address space);
//   gc:complete  what survives is referenced the way the model requires (lemma:gc-closed on
//                the post-state);
//   gc:parent    a surviving VMO's parent is its nearest surviving ancestor.
// The model's own destruction satisfies them (checked on every compared path); they allow
// nothing else except destroying a cycle of objects that reference only each other, which the
// model (like Zircon's reference counts) keeps.
//
// `ModelChoices` reads the choices off a model post-state, so that a path compared with
// model::Step has a concrete post-state.
#pragma once

#include "spec/encode.h"

namespace zxspec::spec {

// |s| after garbage collection; the constraints on its choices are added to |path_choices|.
SymState Collect(const SymState& s, std::vector<NamedFormula>& path_choices);
// The paths with their post-states collected.
Paths Collected(Paths paths);

// Choices that reproduce what model::Step destroyed going from |pre| to |post|.
std::shared_ptr<Choices> ModelChoices(const StateValue& pre, const StateValue& post);

}  // namespace zxspec::spec
