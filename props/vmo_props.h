// File: props/vmo_props.h
//
// The VMO family's step properties (issue 3): immutability (seed RFC-0080), copy-on-write
// isolation and aliasing per child kind (vmo.md VMO-086..089), which calls may change sizes and
// stream sizes (seed RFC-0238), and what a new child is given (VMO-080..085, VMAR-083). Their
// rows (id, statement, rules) are in the catalog of props/properties.cc; each has a checker and
// a witness function (the calls a saved counterexample ends with, props/trace.h `Witness`).
//
// How they observe: through the VMO views of model/vmo.h (VmoSize, VmoStreamSize, ReadVmo) in
// the states before and after the step. A view of up to VMO_MAX_SIZE bytes is compared on its
// first and last page and on every page either memory stores (a page no memory stores reads as
// zero on both sides), at most 256 pages per comparison. Where a property is about what a user
// could see next (aliasing at creation), it replays calls through the step function on copies
// of the state after the step, with temporary handles ("probes"); the sequence itself is never
// touched.
//
// Which VMOs share bytes, structurally (vmo.md section 8): a slice or a reference shows the
// bytes of its parent, so following parents through slices and references leads to the root or
// SNAPSHOT-family VMO that owns them. VMO-084 re-parenting keeps every alias of a live owner on
// a chain that ends at that owner, so "same owner" never misses a real alias (it may join a
// slice re-parented past a dead owner to that owner's parent: a weaker, never a false, check).
// A chain that ends without an owner (its owner died parentless) is named by its memory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "props/properties.h"

namespace zxspec::props {

// What the VMO family's sequences draw: every family (changes can come from anyone: other
// processes, channels moving handles, mappings), with the biases of gen_vmo.cc.
GenOptions VmoGenOptions();

// vmo-immutable-stable (VMO-085, VMO-131, seed RFC-0080).
std::optional<std::string> CheckVmoImmutableStable(const StepView& v);
std::vector<Witness> WitnessVmoImmutableStable(const StepView& v);

// vmo-cow-isolation (VMO-086, VMO-087, VMO-041, VMO-043, VMO-084).
std::optional<std::string> CheckVmoCowIsolation(const StepView& v);
std::vector<Witness> WitnessVmoCowIsolation(const StepView& v);

// vmo-slice-alias (VMO-076, VMO-081, VMO-088, VMO-090).
std::optional<std::string> CheckVmoSliceAlias(const StepView& v);
std::vector<Witness> WitnessVmoSliceAlias(const StepView& v);

// vmo-reference-alias (VMO-005, VMO-080, VMO-081, VMO-089).
std::optional<std::string> CheckVmoReferenceAlias(const StepView& v);
std::vector<Witness> WitnessVmoReferenceAlias(const StepView& v);

// vmo-size-frame (VMO-025, VMO-041, VMO-042, VMO-049, STREAM-034, STREAM-072, seed RFC-0238).
std::optional<std::string> CheckVmoSizeFrame(const StepView& v);
std::vector<Witness> WitnessVmoSizeFrame(const StepView& v);

// vmo-child-rights (VMO-083, VMAR-083).
std::optional<std::string> CheckVmoChildRights(const StepView& v);
std::vector<Witness> WitnessVmoChildRights(const StepView& v);

// vmo-child-info (VMO-080, VMO-081, VMO-085, VMO-131, VMO-132, VMAR-083).
std::optional<std::string> CheckVmoChildInfo(const StepView& v);
std::vector<Witness> WitnessVmoChildInfo(const StepView& v);

}  // namespace zxspec::props
