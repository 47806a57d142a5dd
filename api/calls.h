// File: api/calls.h
//
// One struct per kernel call, carrying its input arguments in the order of the real syscall
// (without out-parameters and buffer sizes), and `Call`, the variant over all of them. Result
// payloads are in api/outcome.h. The pseudo-calls `mem_read` / `mem_write` (a load or store by
// a thread of the calling process) are kernel calls here because they read and change kernel
// state. The FIDL pseudo-calls are not: they are a layer over this interface (fidl/).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "api/zircon.h"

namespace zxspec {

using Bytes = std::vector<uint8_t>;

// ---- handles ----
struct HandleClose {
  zx_handle_t handle = 0;
  bool operator==(const HandleClose&) const = default;
};
struct HandleDuplicate {
  zx_handle_t handle = 0;
  zx_rights_t rights = 0;
  bool operator==(const HandleDuplicate&) const = default;
};
struct HandleReplace {
  zx_handle_t handle = 0;
  zx_rights_t rights = 0;
  bool operator==(const HandleReplace&) const = default;
};

// ---- objects ----
struct ObjectGetInfo {
  zx_handle_t handle = 0;
  zx_object_info_topic_t topic = 0;
  bool operator==(const ObjectGetInfo&) const = default;
};
struct ObjectGetProperty {
  zx_handle_t handle = 0;
  uint32_t property = 0;
  bool operator==(const ObjectGetProperty&) const = default;
};
// |value| is the property's value buffer as the syscall receives it: 8 little-endian bytes for
// ZX_PROP_VMO_CONTENT_SIZE, 1 byte for ZX_PROP_STREAM_MODE_APPEND, the name bytes for
// ZX_PROP_NAME. A shorter buffer yields ZX_ERR_BUFFER_TOO_SMALL where the rulebook says so.
struct ObjectSetProperty {
  zx_handle_t handle = 0;
  uint32_t property = 0;
  Bytes value;
  bool operator==(const ObjectSetProperty&) const = default;
};
// zx_object_wait_one (handles-rights.md HANDLE-050..053): |signals| to wait for, |deadline| as
// the syscall's (ZX_TIME_INFINITE_PAST and 0 poll). The observed signals are the payload, on
// ZX_OK and on ZX_ERR_TIMED_OUT alike.
struct ObjectWaitOne {
  zx_handle_t handle = 0;
  zx_signals_t signals = 0;
  zx_time_t deadline = 0;
  bool operator==(const ObjectWaitOne&) const = default;
};

// ---- VMOs ----
struct VmoCreate {
  uint64_t size = 0;
  uint32_t options = 0;
  bool operator==(const VmoCreate&) const = default;
};
struct VmoCreateChild {
  zx_handle_t handle = 0;
  uint32_t options = 0;
  uint64_t offset = 0;
  uint64_t size = 0;
  bool operator==(const VmoCreateChild&) const = default;
};
struct VmoRead {
  zx_handle_t handle = 0;
  uint64_t offset = 0;
  uint64_t len = 0;
  bool operator==(const VmoRead&) const = default;
};
struct VmoWrite {
  zx_handle_t handle = 0;
  uint64_t offset = 0;
  Bytes data;
  bool operator==(const VmoWrite&) const = default;
};
struct VmoGetSize {
  zx_handle_t handle = 0;
  bool operator==(const VmoGetSize&) const = default;
};
struct VmoSetSize {
  zx_handle_t handle = 0;
  uint64_t size = 0;
  bool operator==(const VmoSetSize&) const = default;
};
struct VmoGetStreamSize {
  zx_handle_t handle = 0;
  bool operator==(const VmoGetStreamSize&) const = default;
};
struct VmoSetStreamSize {
  zx_handle_t handle = 0;
  uint64_t size = 0;
  bool operator==(const VmoSetStreamSize&) const = default;
};
struct VmoOpRange {
  zx_handle_t handle = 0;
  uint32_t op = 0;
  uint64_t offset = 0;
  uint64_t size = 0;
  bool operator==(const VmoOpRange&) const = default;
};
struct VmoReplaceAsExecutable {
  zx_handle_t handle = 0;
  zx_handle_t vmex = 0;
  bool operator==(const VmoReplaceAsExecutable&) const = default;
};

// ---- streams ----
struct StreamCreate {
  uint32_t options = 0;
  zx_handle_t vmo = 0;
  uint64_t seek = 0;
  bool operator==(const StreamCreate&) const = default;
};
struct StreamWritev {
  zx_handle_t handle = 0;
  uint32_t options = 0;
  Bytes data;
  bool operator==(const StreamWritev&) const = default;
};
struct StreamWritevAt {
  zx_handle_t handle = 0;
  uint32_t options = 0;
  uint64_t offset = 0;
  Bytes data;
  bool operator==(const StreamWritevAt&) const = default;
};
struct StreamReadv {
  zx_handle_t handle = 0;
  uint32_t options = 0;
  uint64_t len = 0;
  bool operator==(const StreamReadv&) const = default;
};
struct StreamReadvAt {
  zx_handle_t handle = 0;
  uint32_t options = 0;
  uint64_t offset = 0;
  uint64_t len = 0;
  bool operator==(const StreamReadvAt&) const = default;
};
struct StreamSeek {
  zx_handle_t handle = 0;
  uint32_t whence = 0;
  int64_t offset = 0;
  bool operator==(const StreamSeek&) const = default;
};

// ---- VMARs ----
struct VmarAllocate {
  zx_handle_t parent = 0;
  zx_vm_option_t options = 0;
  uint64_t offset = 0;
  uint64_t size = 0;
  bool operator==(const VmarAllocate&) const = default;
};
struct VmarMap {
  zx_handle_t vmar = 0;
  zx_vm_option_t options = 0;
  uint64_t vmar_offset = 0;
  zx_handle_t vmo = 0;
  uint64_t vmo_offset = 0;
  uint64_t len = 0;
  bool operator==(const VmarMap&) const = default;
};
struct VmarUnmap {
  zx_handle_t vmar = 0;
  zx_vaddr_t addr = 0;
  uint64_t len = 0;
  bool operator==(const VmarUnmap&) const = default;
};
struct VmarProtect {
  zx_handle_t vmar = 0;
  zx_vm_option_t options = 0;
  zx_vaddr_t addr = 0;
  uint64_t len = 0;
  bool operator==(const VmarProtect&) const = default;
};
struct VmarDestroy {
  zx_handle_t vmar = 0;
  bool operator==(const VmarDestroy&) const = default;
};
struct VmarCreateVmoChild {
  zx_handle_t vmar = 0;
  uint32_t options = 0;
  zx_vaddr_t addr = 0;
  uint64_t size = 0;
  bool operator==(const VmarCreateVmoChild&) const = default;
};

// ---- processes ----
struct ProcessCreate {
  zx_handle_t job = 0;
  Bytes name;
  uint32_t options = 0;
  bool operator==(const ProcessCreate&) const = default;
};
struct TaskKill {
  zx_handle_t handle = 0;
  bool operator==(const TaskKill&) const = default;
};
// The handle hand-off of zx_process_start (process-maps.md PROC-030).
struct ProcessStart {
  zx_handle_t process = 0;
  zx_handle_t handle = 0;
  bool operator==(const ProcessStart&) const = default;
};

// ---- channels ----
struct ChannelCreate {
  uint32_t options = 0;
  bool operator==(const ChannelCreate&) const = default;
};
struct ChannelWrite {
  zx_handle_t handle = 0;
  Bytes bytes;
  std::vector<zx_handle_t> handles;
  bool operator==(const ChannelWrite&) const = default;
};
// Dispositions carry {operation, handle, type, rights}; `result` is ignored on input.
struct ChannelWriteEtc {
  zx_handle_t handle = 0;
  Bytes bytes;
  std::vector<zx_handle_disposition_t> dispositions;
  bool operator==(const ChannelWriteEtc&) const = default;
};
struct ChannelRead {
  zx_handle_t handle = 0;
  bool operator==(const ChannelRead&) const = default;
};
struct ChannelReadEtc {
  zx_handle_t handle = 0;
  bool operator==(const ChannelReadEtc&) const = default;
};

// ---- memory access pseudo-calls (vmar.md MEM-001..006) ----
struct MemRead {
  zx_vaddr_t addr = 0;
  uint64_t len = 0;
  bool operator==(const MemRead&) const = default;
};
struct MemWrite {
  zx_vaddr_t addr = 0;
  Bytes data;
  bool operator==(const MemWrite&) const = default;
};

// The order of alternatives is the order of api/syscalls.cc's table (CallKind = index()).
using Call = std::variant<
    HandleClose, HandleDuplicate, HandleReplace, ObjectGetInfo, ObjectGetProperty,
    ObjectSetProperty, ObjectWaitOne, VmoCreate, VmoCreateChild, VmoRead, VmoWrite, VmoGetSize,
    VmoSetSize, VmoGetStreamSize, VmoSetStreamSize, VmoOpRange, VmoReplaceAsExecutable, StreamCreate,
    StreamWritev, StreamWritevAt, StreamReadv, StreamReadvAt, StreamSeek, VmarAllocate, VmarMap,
    VmarUnmap, VmarProtect, VmarDestroy, VmarCreateVmoChild, ProcessCreate, TaskKill,
    ProcessStart, ChannelCreate, ChannelWrite, ChannelWriteEtc, ChannelRead, ChannelReadEtc,
    MemRead, MemWrite>;

inline constexpr size_t kCallKindCount = std::variant_size_v<Call>;

namespace calls_internal {
template <size_t... I>
Call DefaultCallAt(size_t index, std::index_sequence<I...>) {
  Call out;
  (void)((I == index ? (out = Call(std::in_place_index<I>), true) : false) || ...);
  return out;
}
}  // namespace calls_internal

// The call of alternative |index| of `Call` with every field defaulted (index < kCallKindCount).
inline Call DefaultCallAt(size_t index) {
  return calls_internal::DefaultCallAt(index, std::make_index_sequence<kCallKindCount>{});
}

// Little-endian encoding helpers for property buffers.
Bytes EncodeU64(uint64_t v);
uint64_t DecodeLe(const Bytes& b);  // up to 8 bytes, little-endian

}  // namespace zxspec
