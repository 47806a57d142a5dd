// File: api/syscalls.h
//
// `kSyscalls`: the one table of operations. One row per scenario-level call (the kernel calls of
// api/calls.h in variant order, then the FIDL-layer and harness pseudo-calls), naming its
// family, its arguments with their kinds, its results and the rulebook ids it implements. The
// scenario parser, `zxspec list`, the property generator's coverage table and the per-operation
// proof registration all read this table; nothing dispatches by string elsewhere.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "api/calls.h"
#include "api/constants.h"

namespace zxspec {

enum class ArgKind {
  kHandle,            // a bound handle name or a literal handle value
  kU64,               // integer expression (sizes, offsets, addresses)
  kI64,               // signed integer (stream_seek offset, object_wait_one deadline)
  kSignals,           // ZX_*_ signal bits (zx_object_wait_one)
  kRights,            // ZX_RIGHT_* flags
  kVmoCreateOptions,  // ZX_VMO_* flags
  kVmoChildOptions,   // ZX_VMO_CHILD_* flags
  kVmOptions,         // ZX_VM_* flags
  kVmoOp,             // ZX_VMO_OP_*
  kTopic,             // ZX_INFO_*
  kProperty,          // ZX_PROP_*
  kPropertyValue,     // integer, or a string for ZX_PROP_NAME
  kStreamCreateOptions,
  kStreamIoOptions,
  kSeekOrigin,
  kBytes,           // "string", zeros(N)
  kString,          // process name
  kProcessOptions,  // ZX_PROCESS_*
  kChannelOptions,  // integer (must be 0)
  kHandleList,      // [h, ...]
  kDispositionList,  // [{op, handle, type, rights}, ...]
  kFidlSendList,     // [{handle, type, rights, optional}, ...]
  kFidlRecvList,     // [{type, rights, optional}, ...]
};

// The constant kind a name in an argument of |kind| resolves against (kLimit for plain ints).
ConstKind ConstKindOf(ArgKind kind);

enum class Layer { kKernel, kFidl, kHarness };

struct ArgInfo {
  std::string_view name;
  ArgKind kind;
};

struct SyscallInfo {
  std::string_view name;    // DSL name without "zx_" ("vmo_create", "mem_read", "fidl_send")
  std::string_view family;  // handle, object, vmo, stream, vmar, process, channel, mem, fidl
  Layer layer;
  std::vector<ArgInfo> args;
  std::vector<std::string_view> results;  // result names; a trailing "handles..." is variadic
  std::string_view rules;                 // rulebook ids, e.g. "VMO-010..VMO-017"
  std::optional<size_t> call_index;       // index in `Call` for kernel calls
  // The statuses the rulebook lists for this call that the model can return (ZX_OK first when
  // the call can succeed). Left out: user-pointer faults, ZX_ERR_NO_MEMORY (except the model's
  // read-size limit, kMaxUserBufferBytes), job-policy denials and anything the rulebook marks
  // "not modeled" or "outside the model", and statuses no scenario can reach (each named beside
  // its row in syscalls.cc). Read by the property
  // campaign's coverage table (props/coverage.h) to list the (call, status) pairs never reached.
  std::vector<zx_status_t> statuses = {};
};

// Whether |call| returns its results with |status|: every call with ZX_OK; object_wait_one also
// with ZX_ERR_TIMED_OUT (the observed signals, HANDLE-052).
bool HasResultsOn(const SyscallInfo& call, zx_status_t status);

std::span<const SyscallInfo> AllSyscalls();
const SyscallInfo* FindSyscall(std::string_view name);  // accepts a "zx_" prefix
const SyscallInfo& SyscallOf(const Call& call);
const SyscallInfo& SyscallAt(size_t call_index);

}  // namespace zxspec
