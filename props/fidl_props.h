// File: props/fidl_props.h
//
// The FIDL layer's step property (issue 4; a row of props/properties.cc):
//  - fidl-default-deny (seed FTP-028; channel-fidl.md FIDL-002, FIDL-020, FIDL-021, FIDL-030;
//    handles-rights.md FIDLRIGHTS-003, FIDLRIGHTS-006): after every successful channel write,
//    the message it queued is received through the FIDL layer (fidl/fidl.h `fidl_recv`) by a
//    process holding the peer endpoint, on a copy of the state after the step, with a constraint
//    C the property derives from the message (props side: the model keeps no FIDL state). When
//    every handle has its slot's type and required rights, the receive succeeds and each
//    received handle names the object that travelled and holds exactly
//    required(C) | (optional(C) & rights sent) (all it travelled with, for an unconstrained
//    slot); otherwise the message is never delivered: the receive answers ACCESS_DENIED (a
//    required right missing) or INVALID_ARGS (a count or type mismatch), no handle is
//    installed, the receiver's channel handle is closed, and the epitaph carrying that status
//    is queued at the writer's endpoint when the receiver could still write to it.
// The layer runs over the step function under test through a StepKernel (props/step_kernel.h),
// so a wrong model variant shows through the layer; tests also plug in a wrong layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/kernel.h"
#include "fidl/fidl.h"
#include "props/properties.h"

namespace zxspec::props {

// The receive layer the property drives: fidl::fidl_recv, or a test's wrong variant.
using FidlRecvFn = Result<ChannelReadResult> (*)(Kernel& k, zx_koid_t caller,
                                                 zx_handle_t channel,
                                                 const std::vector<fidl::RecvSlot>& slots);

std::optional<std::string> FidlDefaultDeny(const StepView& v);
std::optional<std::string> FidlDefaultDenyWith(const StepView& v, FidlRecvFn recv);
// For a step FidlDefaultDeny rejects: reads of the messages ahead of the written one, then the
// fidl_recv with the property's constraint pinned to FIDL-020's answer, and HANDLE_BASIC of
// each received handle pinned to the rights FIDL-020 (5) leaves.
std::vector<Witness> FidlDefaultDenyWitness(const StepView& v);

// For coverage: the status FIDL-020 gives the receive fidl-default-deny makes after this step
// (ZX_OK delivered, ACCESS_DENIED, INVALID_ARGS), nullopt when the step makes none.
std::optional<zx_status_t> FidlProbeStatus(const StepView& v);

// The constraint the property uses for |message| (deterministic in the message: its bytes, its
// handles' types and rights): mostly constrained slots that the handles satisfy, some with a
// required right missing, few unconstrained, rarely a wrong type or a slot count off by one.
std::vector<fidl::RecvSlot> ConstraintFor(const model::State& s, const model::Message& message);

}  // namespace zxspec::props
