// File: spec/fidl.h (internal to spec/)
//
// What the encodings of fidl_send (spec/fidl.cc) and fidl_recv (spec/fidl_recv.cc) share.
#pragma once

#include <functional>

#include "fidl/fidl.h"
#include "spec/channel.h"

namespace zxspec::spec {

// A column of |n| slots: index -> f(index), |bits| wide; a table when |n| and every f(i) are
// numerals (a concrete state and arguments), so that reading it costs no evaluation of |f|.
Fn Column(const z3::expr& n, unsigned bits, std::function<z3::expr(const z3::expr&)> f);
// |yes| where |cond| holds, |no| elsewhere, field by field (the fields |yes| changed).
SymState Either(const z3::expr& cond, const SymState& yes, const SymState& no);
// FIDLRIGHTS-002: R = SAME_RIGHTS puts no rights constraint on a slot.
z3::expr Constrained(const z3::expr& required);
// FIDL-030 / FIDL-021: |s| with the epitaph of |status| appended to the queue of |endpoint|'s
// peer where |writes| (zx_channel_write succeeds), unchanged elsewhere.
SymState WithEpitaph(const SymState& s, const z3::expr& caller, const z3::expr& endpoint,
                     const z3::expr& writes, zx_status_t status);
// The error effect of FIDL-010 (1)(3) (|send|) and FIDL-020 (2)-(4) (error-no-effect): a
// failing call closes the caller's handles it names, received or was called on, writes an
// epitaph to the peer of the endpoint |h| names and (fidl_recv) takes its oldest message.
Formula FidlEffect(const SymState& pre, const z3::expr& caller, const SymArgs& args,
                   const FieldDesc& f, const Args& at, bool send);
// The arguments of fidl_send / fidl_recv (spec/fidl.cc, spec/fidl_recv.cc) for the layer's slots,
// and back (the columns: handle | type << 32 and R | O << 32; type, and R | O << 32).
ArgValues FidlSendArgs(zx_handle_t channel, const Bytes& data, const std::vector<fidl::SendSlot>& slots);
std::vector<fidl::SendSlot> FidlSendSlots(const ArgValues& a);
ArgValues FidlRecvArgs(zx_handle_t channel, const std::vector<fidl::RecvSlot>& slots);
std::vector<fidl::RecvSlot> FidlRecvSlots(const ArgValues& a);
// OpSpec::from_call of the FIDL layer's operations: no kernel `Call` is one of them.
inline std::optional<ArgValues> NoKernelCall(const Call&) { return std::nullopt; }

}  // namespace zxspec::spec
