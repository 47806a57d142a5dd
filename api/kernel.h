// File: api/kernel.h
//
// The one abstract kernel interface. The reference model (model/), the optimized
// implementation (impl/) and any user's own implementation implement `Apply`; everything else
// (scenario runner, FIDL layer, differential runner, property suites) is written against this
// interface only.
//
// Contract:
//  - `Apply(caller, call)` performs |call| as a thread of the process whose koid is |caller|
//    and returns its Outcome. |caller| must be a live process (`CallerState` == kLive); the
//    harness checks this first (process-maps.md P-5). Identities in the Outcome follow the
//    README's "Identities" section so that two implementations compare exactly.
//  - `Models(call)` tells whether the implementation gives the call a meaning yet; a harness
//    reports a call that is not modeled instead of applying it.
//  - The typed wrappers below are non-virtual conveniences named after the syscalls; each
//    builds the call struct, calls Apply, and unpacks the payload.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/calls.h"
#include "api/outcome.h"
#include "api/result.h"
#include "api/zircon.h"

namespace zxspec {

// The objects that exist before a scenario's first line (scenario-format.md "Initial
// environment"), all in the initial process's handle table.
struct InitialEnvironment {
  zx_koid_t self_koid = 0;  // the initial process, default caller
  zx_handle_t job = 0;
  zx_handle_t self = 0;
  zx_handle_t root = 0;
  zx_handle_t vmex = 0;
  bool operator==(const InitialEnvironment&) const = default;
};

enum class CallerState { kLive, kDead, kUnknown };

class Kernel {
 public:
  virtual ~Kernel() = default;

  virtual std::string_view Name() const = 0;
  virtual InitialEnvironment Initial() const = 0;
  virtual CallerState Caller(zx_koid_t process_koid) const = 0;
  virtual bool Models(const Call& call) const = 0;
  virtual Outcome Apply(zx_koid_t caller, const Call& call) = 0;
  // Names and explanations of the invariants that are false in the current state; empty when
  // all hold (the scenario pseudo-call `check_invariants`).
  virtual std::vector<std::string> CheckInvariants() const = 0;

  // ---- typed wrappers ----
  zx_status_t zx_handle_close(zx_koid_t caller, zx_handle_t handle);
  Result<zx_handle_t> zx_handle_duplicate(zx_koid_t caller, zx_handle_t handle,
                                          zx_rights_t rights);
  Result<zx_handle_t> zx_handle_replace(zx_koid_t caller, zx_handle_t handle, zx_rights_t rights);
  Result<InfoRecord> zx_object_get_info(zx_koid_t caller, zx_handle_t handle,
                                        zx_object_info_topic_t topic);
  Result<Payload> zx_object_get_property(zx_koid_t caller, zx_handle_t handle, uint32_t property);
  zx_status_t zx_object_set_property(zx_koid_t caller, zx_handle_t handle, uint32_t property,
                                     Bytes value);
  // |observed| (may be null) receives the signals on ZX_OK and on ZX_ERR_TIMED_OUT.
  zx_status_t zx_object_wait_one(zx_koid_t caller, zx_handle_t handle, zx_signals_t signals,
                                 zx_time_t deadline, zx_signals_t* observed);
  Result<zx_handle_t> zx_vmo_create(zx_koid_t caller, uint64_t size, uint32_t options);
  Result<zx_handle_t> zx_vmo_create_child(zx_koid_t caller, zx_handle_t handle, uint32_t options,
                                          uint64_t offset, uint64_t size);
  Result<Bytes> zx_vmo_read(zx_koid_t caller, zx_handle_t handle, uint64_t offset, uint64_t len);
  zx_status_t zx_vmo_write(zx_koid_t caller, zx_handle_t handle, uint64_t offset, Bytes data);
  Result<uint64_t> zx_vmo_get_size(zx_koid_t caller, zx_handle_t handle);
  zx_status_t zx_vmo_set_size(zx_koid_t caller, zx_handle_t handle, uint64_t size);
  Result<uint64_t> zx_vmo_get_stream_size(zx_koid_t caller, zx_handle_t handle);
  zx_status_t zx_vmo_set_stream_size(zx_koid_t caller, zx_handle_t handle, uint64_t size);
  zx_status_t zx_vmo_op_range(zx_koid_t caller, zx_handle_t handle, uint32_t op, uint64_t offset,
                              uint64_t size);
  Result<zx_handle_t> zx_vmo_replace_as_executable(zx_koid_t caller, zx_handle_t handle,
                                                   zx_handle_t vmex);
  Result<zx_handle_t> zx_stream_create(zx_koid_t caller, uint32_t options, zx_handle_t vmo,
                                       uint64_t seek);
  Result<uint64_t> zx_stream_writev(zx_koid_t caller, zx_handle_t handle, uint32_t options,
                                    Bytes data);
  Result<uint64_t> zx_stream_writev_at(zx_koid_t caller, zx_handle_t handle, uint32_t options,
                                       uint64_t offset, Bytes data);
  Result<Bytes> zx_stream_readv(zx_koid_t caller, zx_handle_t handle, uint32_t options,
                                uint64_t len);
  Result<Bytes> zx_stream_readv_at(zx_koid_t caller, zx_handle_t handle, uint32_t options,
                                   uint64_t offset, uint64_t len);
  Result<uint64_t> zx_stream_seek(zx_koid_t caller, zx_handle_t handle, uint32_t whence,
                                  int64_t offset);
  Result<VmarAllocateResult> zx_vmar_allocate(zx_koid_t caller, zx_handle_t parent,
                                              zx_vm_option_t options, uint64_t offset,
                                              uint64_t size);
  Result<zx_vaddr_t> zx_vmar_map(zx_koid_t caller, zx_handle_t vmar, zx_vm_option_t options,
                                 uint64_t vmar_offset, zx_handle_t vmo, uint64_t vmo_offset,
                                 uint64_t len);
  zx_status_t zx_vmar_unmap(zx_koid_t caller, zx_handle_t vmar, zx_vaddr_t addr, uint64_t len);
  zx_status_t zx_vmar_protect(zx_koid_t caller, zx_handle_t vmar, zx_vm_option_t options,
                              zx_vaddr_t addr, uint64_t len);
  zx_status_t zx_vmar_destroy(zx_koid_t caller, zx_handle_t vmar);
  Result<zx_handle_t> zx_vmar_create_vmo_child(zx_koid_t caller, zx_handle_t vmar,
                                               uint32_t options, zx_vaddr_t addr, uint64_t size);
  Result<HandlePairResult> zx_process_create(zx_koid_t caller, zx_handle_t job,
                                             std::string_view name, uint32_t options);
  zx_status_t zx_task_kill(zx_koid_t caller, zx_handle_t handle);
  Result<zx_handle_t> zx_process_start(zx_koid_t caller, zx_handle_t process, zx_handle_t handle);
  Result<HandlePairResult> zx_channel_create(zx_koid_t caller, uint32_t options);
  zx_status_t zx_channel_write(zx_koid_t caller, zx_handle_t handle, Bytes bytes,
                               std::vector<zx_handle_t> handles);
  zx_status_t zx_channel_write_etc(zx_koid_t caller, zx_handle_t handle, Bytes bytes,
                                   std::vector<zx_handle_disposition_t> dispositions);
  Result<ChannelReadResult> zx_channel_read(zx_koid_t caller, zx_handle_t handle);
  Result<ChannelReadResult> zx_channel_read_etc(zx_koid_t caller, zx_handle_t handle);
  Result<Bytes> mem_read(zx_koid_t caller, zx_vaddr_t addr, uint64_t len);
  zx_status_t mem_write(zx_koid_t caller, zx_vaddr_t addr, Bytes data);
};

}  // namespace zxspec
