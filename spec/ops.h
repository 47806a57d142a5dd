// File: spec/ops.h
//
// The encoded operations: one `OpSpec` per syscall the spec gives a symbolic transition, defined
// in the file of its family (spec/vmo.cc, spec/object.cc, spec/handle.cc, spec/stream.cc) next
// to the encoder, and listed once in `Operations()`.
//
// An encoder mirrors the model's handler (model/<family>.cc): the status is a nested ite of the
// handler's checks in its order, and the post-state is the new state if the status is ZX_OK and
// the pre-state otherwise (or the effect the rulebook gives an error, e.g. HANDLE-031).
//
// Arguments are bit-vectors listed in `args`. A handle argument is a handle-slot index (see
// kInvalidHandleArg / kUnknownHandleArg in state.h); a buffer argument is its length (and, where
// the content matters, its leading value). `to_call` / `from_call` translate between these and
// the concrete `Call` of api/calls.h, so counterexamples replay on model::Step and concrete
// model calls can be stepped symbolically.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "api/calls.h"
#include "spec/encode.h"

namespace zxspec::spec {

struct SpecArg {
  const char* name;
  unsigned bits;
};

using ArgValues = std::vector<uint64_t>;
using SymArgs = std::vector<z3::expr>;

// A handle argument's concrete value (kInvalidHandleArg -> 0, a caller slot -> its value,
// anything else -> a value naming no handle).
using HandleValueOf = std::function<zx_handle_t(uint64_t arg)>;
// The spec argument for a concrete handle value of the caller.
using HandleArgOf = std::function<uint64_t(zx_handle_t value)>;

struct OpSpec {
  std::string_view name;   // the syscall's name in api/syscalls.h
  std::string_view rules;  // rulebook ids the encoding follows
  std::vector<SpecArg> args;
  SymStep (*step)(const SymState& pre, const SymArgs& args);
  Call (*to_call)(const ArgValues& args, const HandleValueOf& handle_value);
  // The arguments of |call| when it is this operation (nullopt otherwise, or when the call has
  // a buffer the encoding does not represent).
  std::optional<ArgValues> (*from_call)(const Call& call, const HandleArgOf& handle_arg);
};

std::span<const OpSpec> Operations();
const OpSpec* FindOperation(std::string_view name);

// Fresh symbolic arguments named "<op>.<arg>".
SymArgs FreshArgs(z3::context& c, const OpSpec& op);
// Numerals for concrete arguments.
SymArgs ConstArgs(z3::context& c, const OpSpec& op, const ArgValues& values);

// ---- the operations, by family ----
// handle.cc
const OpSpec& HandleDuplicateOp();
const OpSpec& HandleReplaceOp();
// object.cc
const OpSpec& ObjectSetPropertyOp();
// vmo.cc
const OpSpec& VmoCreateOp();
const OpSpec& VmoSetSizeOp();
const OpSpec& VmoSetStreamSizeOp();
const OpSpec& VmoCreateChildOp();
const OpSpec& VmoReplaceAsExecutableOp();
// stream.cc
const OpSpec& StreamCreateOp();
const OpSpec& StreamWritevOp();
const OpSpec& StreamWritevAtOp();

// Shared by vmo.cc and object.cc: VMO-047..049 on the view |v| of the VMO named by the call
// (after the lookup), for zx_vmo_set_stream_size and ZX_PROP_VMO_CONTENT_SIZE.
Paths SetStreamSizeChecked(const SymState& pre, const View& v, const z3::expr& size);

// The call succeeds with post-state |s|.
Paths Ok(const SymState& s);
// The paths of f(|s| with a new caller handle to |object| carrying |rights| in the new handle
// slot) (HANDLE-001: new handles never reuse a value).
Paths WithNewHandle(const SymState& s, const z3::expr& object, const z3::expr& rights,
                    const std::function<Paths(const SymState&)>& f = Ok);
// "bound:free-<pool>": the pool has a slot for what an operation creates.
NamedExpr FreeSlotAssumption(const char* pool, const z3::expr& has_free);

}  // namespace zxspec::spec
