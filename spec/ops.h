// File: spec/ops.h
//
// The encoded operations: one `OpSpec` per syscall, defined in the file of its family
// (spec/handle.cc, spec/vmo.cc, ...) next to its encoder and listed once in `Operations()`.
//
// An encoder mirrors the model's handler (model/<family>.cc) check by check, in the rulebook's
// order, with the rule id of each check: its paths (spec/encode.h) are the ways the call ends.
// Every operation starts with the caller check of model::Step (P-5: the caller is a live,
// not DEAD process, else BAD_STATE and nothing changes), added by `StepOf`.
//
// Arguments are bit-vectors; a buffer argument (bytes, handle values) is its length plus a
// function from index to element, indexed by bit-vectors as wide as the length: a 64-bit length
// indexes like an offset (Sort::kOffset), a 32-bit one like a message slot (Sort::kSlot). A
// buffer may share another buffer's length (`length_of`): the two are the columns of one array
// of records (channel_write_etc's dispositions). Handle arguments are handle values, as in the model.
// `to_call` / `from_call` translate between concrete arguments and the `Call` of api/calls.h, so
// a witness or a counterexample replays on model::Step and a model call can be stepped in the
// spec.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/calls.h"
#include "model/model.h"
#include "spec/encode.h"

namespace zxspec::spec {

struct SpecArg {
  const char* name;
  unsigned bits;           // the argument, or a buffer's length
  unsigned elem_bits = 0;  // > 0: a buffer of elements of this width
  int length_of = -1;      // >= 0: a buffer as long as buffer argument |length_of| (same bits)
};

struct SymArgs {
  std::vector<z3::expr> v;            // one per SpecArg
  std::vector<std::optional<Fn>> buf;  // the elements of buffer arguments
  const z3::expr& operator[](size_t i) const { return v.at(i); }
  const Fn& elems(size_t i) const { return *buf.at(i); }
};

struct ArgValues {
  std::vector<uint64_t> v;
  std::vector<std::vector<uint64_t>> buf;  // elements of buffer arguments (empty otherwise)
  bool operator==(const ArgValues&) const = default;
};

// What an operation may change besides what every step may (rulebook: who changes what), for
// the step obligations (spec/obligations.h):
//  - size-frame: only operations with `changes_sizes` may change a live VMO's size or stream size;
//  - error-no-effect: a failing call changes nothing but what `error_effect` allows: whether
//    field |f| may change at point |at| when the call fails (HANDLE-031, VMO-121, CHAN-021...).
struct OpEffects {
  bool changes_sizes = false;
  Formula (*error_effect)(const SymState& pre, const z3::expr& caller, const SymArgs& args,
                           const FieldDesc& f, const Args& at) = nullptr;
};

struct OpSpec {
  std::string_view name;   // the syscall's name in api/syscalls.h
  std::string_view rules;  // rulebook ids the encoding follows
  std::vector<SpecArg> args;
  Paths (*step)(const SymState& pre, const z3::expr& caller, const SymArgs& args);
  Call (*to_call)(const ArgValues& args);
  std::optional<ArgValues> (*from_call)(const Call& call);
  OpEffects effects = {};
  // An operation of the FIDL layer (fidl_send / fidl_recv) is no `Call`: |to_call| is null,
  // |run| performs it on a model state (the fidl/ layer over model::ModelKernel) and |line|
  // formats it as a .zxs line.
  model::StepResult (*run)(const model::State& s, zx_koid_t caller, const ArgValues& args) = nullptr;
  std::string (*line)(const ArgValues& args) = nullptr;
};

std::span<const OpSpec> Operations();

// |op| on the model state |s| (model::Step, or |run|), and its .zxs line (api/format.h).
model::StepResult RunOp(const OpSpec& op, const model::State& s, zx_koid_t caller,
                        const ArgValues& args);
std::string OpLine(const OpSpec& op, const ArgValues& args);
const OpSpec* FindOperation(std::string_view name);

// Fresh symbolic arguments named "<op>.<arg>".
SymArgs FreshArgs(z3::context& c, const OpSpec& op);
// Numerals (and concrete element tables) for concrete arguments.
SymArgs ConstArgs(z3::context& c, const OpSpec& op, const ArgValues& values);

// Whether |v| lists |name|.
inline bool Listed(const std::vector<std::string>& v, std::string_view name) {
  return std::find(v.begin(), v.end(), name) != v.end();
}

// |name| is selected by |filter| (empty: everything): operations, invariant ids, path names.
inline bool Selected(const std::vector<std::string>& filter, std::string_view name) {
  return filter.empty() || Listed(filter, name);
}

// The paths of |op| from |pre| for |caller|, the caller check (P-5) included.
Paths StepOf(const OpSpec& op, const SymState& pre, const z3::expr& caller, const SymArgs& args);
// The names of |op|'s paths (StepOf's), as the path table of `zxspec prove` shows them.
std::vector<std::string> PathNames(const OpSpec& op);

// Whether field |f| at |at| is a field of the caller's handle |value| (a consumed handle's).
Formula ConsumesHandle(const z3::expr& caller, const z3::expr& value, const FieldDesc& f,
                       const Args& at);
// An error effect (OpEffects::error_effect): the caller's handle named by argument 0 goes
// (HANDLE-031, VMO-121..123).
Formula ConsumesHandleArg(const SymState& pre, const z3::expr& caller, const SymArgs& args,
                           const FieldDesc& f, const Args& at);

// The bytes of buffer argument values as `Bytes` and back.
Bytes BytesOf(const std::vector<uint64_t>& elems);
std::vector<uint64_t> ElemsOf(const Bytes& bytes);

// ---- the operations, by family ----
// channel.cc
const OpSpec& ChannelCreateOp();
const OpSpec& ChannelWriteOp();
const OpSpec& ChannelWriteEtcOp();
const OpSpec& ChannelReadOp();
const OpSpec& ChannelReadEtcOp();
// handle.cc
const OpSpec& HandleCloseOp();
const OpSpec& HandleDuplicateOp();
const OpSpec& HandleReplaceOp();
// mem.cc
const OpSpec& MemReadOp();
const OpSpec& MemWriteOp();
// info.cc
const OpSpec& ObjectGetInfoOp();
// object.cc
const OpSpec& ObjectGetPropertyOp();
const OpSpec& ObjectSetPropertyOp();
const OpSpec& ObjectWaitOneOp();
// vmo.cc
const OpSpec& VmoCreateOp();
const OpSpec& VmoReadOp();
const OpSpec& VmoWriteOp();
const OpSpec& VmoGetSizeOp();
const OpSpec& VmoGetStreamSizeOp();
const OpSpec& VmoSetSizeOp();
const OpSpec& VmoSetStreamSizeOp();
const OpSpec& VmoCreateChildOp();
const OpSpec& VmoReplaceAsExecutableOp();
// vmo_op.cc
const OpSpec& VmoOpRangeOp();
// process.cc
const OpSpec& ProcessCreateOp();
const OpSpec& TaskKillOp();
const OpSpec& ProcessStartOp();
// vmar.cc
const OpSpec& VmarAllocateOp();
const OpSpec& VmarDestroyOp();
const OpSpec& VmarUnmapOp();
// vmar_map.cc
const OpSpec& VmarMapOp();
const OpSpec& VmarProtectOp();
const OpSpec& VmarCreateVmoChildOp();
// fidl.cc
const OpSpec& FidlSendOp();
const OpSpec& FidlRecvOp();
// stream.cc
const OpSpec& StreamCreateOp();
const OpSpec& StreamReadvOp();
const OpSpec& StreamReadvAtOp();
const OpSpec& StreamSeekOp();
const OpSpec& StreamWritevOp();
const OpSpec& StreamWritevAtOp();

// Shared by vmo.cc and object.cc: VMO-047..049 on the view |v| (after the lookup), for
// zx_vmo_set_stream_size and ZX_PROP_VMO_CONTENT_SIZE.
Paths SetStreamSizeChecked(const SymState& pre, const View& v, const z3::expr& size,
                           const std::string& rule);
// Shared by object.cc and process.cc (VMO-054, PROC-011 (3)): the length of the name a buffer
// of |len| bytes gives, the bytes before its first NUL, at most 31.
z3::expr NameLength(const Fn& value, const z3::expr& len);
// |s| with object |k| named by the first |n| bytes of |value|.
SymState WithName(const SymState& s, const z3::expr& k, const Fn& value, const z3::expr& n);

}  // namespace zxspec::spec
