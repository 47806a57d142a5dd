// File: api/constants.h
//
// The table of named Zircon constants (one row per constant of api/zircon.h that a scenario may
// name), grouped by kind. Used to resolve names in scenario files (scenario-format.md
// "Constants": full name, name without `ZX_`, or name without the prefix the argument's kind
// implies) and to print values back as names.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/zircon.h"

namespace zxspec {

enum class ConstKind {
  kStatus,
  kRight,
  kVmoOption,       // zx_vmo_create options
  kVmoChildOption,  // zx_vmo_create_child options
  kVmOption,        // zx_vmar_* options (ZX_VM_*)
  kVmoOp,           // zx_vmo_op_range ops
  kTopic,           // zx_object_get_info topics
  kProperty,        // ZX_PROP_*
  kObjType,         // ZX_OBJ_TYPE_*
  kStreamMode,      // zx_stream_create options
  kStreamOption,    // zx_stream_writev options
  kSeekOrigin,      // zx_stream_seek whence
  kHandleOp,        // ZX_HANDLE_OP_*
  kInfoVmoFlag,     // zx_info_vmo_t.flags
  kMapsType,        // zx_info_maps_t.type
  kProcessOption,   // zx_process_create options
  kCachePolicy,
  kResourceKind,
  kSignal,         // ZX_*_ signals (zx_object_wait_one)
  kLimit,  // numeric limits and model sizes: PAGE_SIZE, VMO_MAX_SIZE, UINT64_MAX, ...
};

struct NamedConstant {
  std::string_view name;  // full Zircon name, e.g. "ZX_RIGHT_READ"
  uint64_t value;
  ConstKind kind;
};

std::span<const NamedConstant> AllConstants();

// The name prefixes that arguments of |kind| may omit, longest first.
std::span<const std::string_view> KindPrefixes(ConstKind kind);
std::string_view KindName(ConstKind kind);

// Result of resolving a name in the context of one kind.
struct Resolution {
  std::optional<uint64_t> value;        // set when exactly one constant matched
  bool ambiguous = false;               // several constants matched: see candidates
  std::vector<std::string> candidates;  // the matches (ambiguous) or near names (unknown)
};
// Matches |name| against constants of |kind| (full, without ZX_, without a kind prefix), then
// against every constant by full name or without ZX_. Ambiguity among equal values is not an
// error (e.g. ZX_RIGHTS_IO vs ZX_RIGHT_READ|WRITE are distinct names anyway).
Resolution ResolveConstant(std::string_view name, ConstKind kind);

// Printing: the single constant of |kind| equal to |value| ("ZX_ERR_BAD_HANDLE"), if any.
std::optional<std::string_view> NameOf(uint64_t value, ConstKind kind);
// Flags as "A|B|0x40" using single-bit names of |kind| without their prefix ("READ|MAP"); 0 is
// printed as "0" (or the kind's zero-valued name when it has one, e.g. "NONE").
std::string FlagsToString(uint64_t value, ConstKind kind, bool short_names = true);
std::string StatusName(zx_status_t status);  // "ZX_ERR_BAD_HANDLE", or the number

}  // namespace zxspec
