// File: api/outcome.h
//
// What a call returns: a status plus, on ZX_OK, one typed payload. Two implementations of the
// kernel interface agree on a call exactly when their Outcomes compare equal (operator==), which
// is why identities (handle values, koids, addresses) are deterministic (README "Identities").
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "api/calls.h"
#include "api/zircon.h"

namespace zxspec {

struct NoResult {
  bool operator==(const NoResult&) const = default;
};
// vmo_create, handle_duplicate/replace, vmo_create_child, stream_create,
// vmo_replace_as_executable, vmar_create_vmo_child, process_start.
struct HandleResult {
  zx_handle_t handle = 0;
  bool operator==(const HandleResult&) const = default;
};
// channel_create (h0, h1), process_create (proc, root_vmar).
struct HandlePairResult {
  zx_handle_t first = 0;
  zx_handle_t second = 0;
  bool operator==(const HandlePairResult&) const = default;
};
// vmar_allocate (child, child_addr).
struct VmarAllocateResult {
  zx_handle_t child = 0;
  zx_vaddr_t addr = 0;
  bool operator==(const VmarAllocateResult&) const = default;
};
// get_size, get_stream_size, stream_writev(_at) actual, stream_seek, vmar_map address,
// numeric properties.
struct U64Result {
  uint64_t value = 0;
  bool operator==(const U64Result&) const = default;
};
// vmo_read, stream_readv(_at), mem_read, ZX_PROP_NAME.
struct BytesResult {
  Bytes data;
  bool operator==(const BytesResult&) const = default;
};
// channel_read / channel_read_etc: the bytes and, per handle, its value in the caller's table,
// its object type and rights (zx_handle_info_t; filled for both calls).
struct ChannelReadResult {
  Bytes data;
  std::vector<zx_handle_info_t> handles;
  bool operator==(const ChannelReadResult&) const = default;
};
// object_get_info: one record or, for the MAPS topics, the complete list.
using InfoRecord = std::variant<zx_info_handle_basic_t, zx_info_vmo_t, zx_info_vmar_t,
                                zx_info_stream_t, std::vector<zx_info_maps_t>, zx_info_handle_count_t>;
struct InfoResult {
  InfoRecord record;
  bool operator==(const InfoResult&) const = default;
};

using Payload = std::variant<NoResult, HandleResult, HandlePairResult, VmarAllocateResult,
                             U64Result, BytesResult, ChannelReadResult, InfoResult>;

struct Outcome {
  zx_status_t status = ZX_OK;
  Payload payload;
  bool operator==(const Outcome&) const = default;

  static Outcome Status(zx_status_t s) { return Outcome{s, NoResult{}}; }
  static Outcome Ok(Payload p = NoResult{}) { return Outcome{ZX_OK, std::move(p)}; }
};

}  // namespace zxspec
