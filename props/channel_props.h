// File: props/channel_props.h
//
// The channel family's step properties (issue 4; rows of props/properties.cc):
//  - rights-lineage: every handle that is new after a step, in any process's table or in a
//    queued message, is related to its source in the state before (as the action determines:
//    the duplicated or replaced handle, the handle a write takes, the message a read pops, the
//    handle process_start moves, or a newly created object) and holds no right outside the bound
//    the rulebook gives for that derivation (RIGHTS-002, HANDLE-022/031, CHAN-031/032/042,
//    PROC-032). The only additions are the named ones: EXECUTE by vmo_replace_as_executable
//    (VMO-124); GET/SET_PROPERTY, RESIZE (CHILD_RESIZABLE) and WRITE (a new copy-on-write
//    object) on a new VMO child (VMO-083); the
//    rights of newly created objects (RIGHTS-010..014, VMAR-004, VMAR-083, STREAM-014).
//    By induction over a sequence, rights only shrink along every derivation path.
//  - messages-in-transit: a queued message stays exactly as written (its bytes, its handles'
//    objects and rights) until a read pops it from the front of its queue; a step pops only the
//    oldest message of the endpoint a read names and appends only at the peer of the endpoint a
//    write names (CHAN-001, CHAN-022 (7), CHAN-042).
// The lineage lives in the property, not in the model: each check relates the two states of
// one step through the action alone.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "props/properties.h"

namespace zxspec::props {

// For witnesses (also props/fidl_props.cc): a process that can act, can be named in a scenario
// (the initial process or one it holds a handle to) and holds |endpoint| with READ, with that
// handle; the initial process first.
std::optional<std::pair<zx_koid_t, zx_handle_t>> ChannelReader(const model::State& s,
                                                                zx_koid_t endpoint);

std::optional<std::string> RightsLineage(const StepView& v);
// For a step RightsLineage rejects: HANDLE_BASIC of each offending handle in a table, or a
// channel_read_etc of the endpoint holding the offending message, expecting the excess rights
// clear.
std::vector<Witness> RightsLineageWitness(const StepView& v);

std::optional<std::string> MessagesInTransit(const StepView& v);
// For a step MessagesInTransit rejects: channel_read_etc of the endpoint whose queue changed,
// expecting the oldest message the correct semantics leaves there (its bytes and handle rights).
std::vector<Witness> MessagesInTransitWitness(const StepView& v);

}  // namespace zxspec::props
