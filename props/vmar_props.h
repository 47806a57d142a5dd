// File: props/vmar_props.h
//
// The step properties of the address-space family (issue 6: processes, VMARs, mappings, memory
// access, seed RFC-0013's zx_vmar_create_vmo_child, seed RFC-0253's ZX_INFO_VMAR_MAPS). Their
// rows are in the catalog of props/properties.cc ("address-space family" block); the structural
// invariants (vmar-containment, vmar-disjoint, mapping-perms-bounded, ...) are checked after
// every step by the "invariants" property already. The zygote property of RFC-0013 is a
// RapidCheck property of its own (props/zygote.h).
//
// Each property observes what a user would: through the step function under test on copies of
// the state after the step, with temporary handles where the sequence holds none (so a wrong
// step function is caught by what it reports, not by its internals), and compares with an
// oracle computed from the state before the step with the model's view functions. A failing
// step leaves evidence in its scenario (properties.h): the outcome the failing call should have
// had (`expected`), or witness calls with the outcomes the property expects, so that the
// scenario fails on replay.
#pragma once

#include <optional>
#include <string>

#include "props/properties.h"

namespace zxspec::props::vmar {

// What the address-space properties draw: every family but streams and channels (which only
// add objects the VMAR calls reject by type), with other processes acting as often as usual.
GenOptions Generation();

// vmar-map-rights (VMAR-021, VMAR-025, VMAR-027): a successful vmar_map creates, at the
// returned address in the VMAR of its handle, a mapping of the VMO of its handle at
// `vmo_offset`, every page with exactly the requested perms, and max_perms = requested perms
// plus every perm both handles' rights allow, so max_perms never exceeds those rights.
std::optional<std::string> CheckMapRights(const StepView& v);
std::vector<Witness> MapRightsWitness(const StepView& v);
std::optional<Outcome> MapRightsExpected(const StepView& v);

// vmar-perms-origin (VMAR-002, VMAR-025, VMAR-027, VMAR-028, VMAR-033): after every step,
// every mapped page of every live VMAR either lies in the range this step's successful vmar_map
// returned (judged by vmar-map-rights) or was mapped before the step in the same VMAR to the
// same VMO byte with max_perms at least as large. By induction over the sequence, with
// vmar-map-rights at each map and mapping-perms-bounded (perms within max_perms) after every
// step, every page's perms stay within the rights of the handles its vmar_map used: the rights
// at map time are tracked through the state before each step, not read back from the model.
std::optional<std::string> CheckPermsOrigin(const StepView& v);
std::vector<Witness> PermsOriginWitness(const StepView& v);
std::optional<Outcome> PermsOriginExpected(const StepView& v);

// vmar-placement (VMAR-014 steps 14/15, VMAR-022 steps 26/27, VMAR-025, VMAR-060): SPECIFIC
// requests land at base + offset, non-SPECIFIC ones at the lowest base that
// model::CheckPlacement accepts on the state before the call; NO_RESOURCES only when no base is
// legal, ALREADY_EXISTS only when the SPECIFIC range meets a child.
std::optional<std::string> CheckPlacementRule(const StepView& v);
std::vector<Witness> PlacementWitness(const StepView& v);
std::optional<Outcome> PlacementExpected(const StepView& v);

// vmar-maps-agree (seed RFC-0253, MAPS-011, MAPS-016, MAPS-020..022): for every live process,
// ZX_INFO_PROCESS_MAPS lists the address space, then the VMAR tree in pre-order with one
// MAPPING entry per permission run; and for every live VMAR V of it, ZX_INFO_VMAR_MAPS(V) is
// the sub-range of that list from V's entry through its subtree, depths less V's depth.
std::optional<std::string> CheckMapsAgree(const StepView& v);
std::vector<Witness> MapsAgreeWitness(const StepView& v);
std::optional<Outcome> MapsAgreeExpected(const StepView& v);

// vmar-vmo-child-content (VMAR-082 step 8, VMAR-083, VMO-078, VMO-086): the VMO made by a
// successful zx_vmar_create_vmo_child has the requested size and reads as the mapped VMO read
// at mapping.vmo_offset + (addr - mapping.base) just before the call (zeros past its end).
std::optional<std::string> CheckVmoChildContent(const StepView& v);
std::vector<Witness> VmoChildContentWitness(const StepView& v);
std::optional<Outcome> VmoChildContentExpected(const StepView& v);

// VMAR-060 restated through the legality check: the lowest base p that
// model::CheckPlacement(s, vmar, size, align, options, offset, p) accepts, or nullopt. Only the
// first aligned address of the VMAR and the aligned ends of its children can be lowest: below a
// legal p > first, p - align is illegal only because some child ends in (p - align, p].
std::optional<zx_vaddr_t> LowestLegalBase(const model::State& s, zx_koid_t vmar, uint64_t size,
                                          uint64_t align, zx_vm_option_t options,
                                          uint64_t offset);

}  // namespace zxspec::props::vmar
