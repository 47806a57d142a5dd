#include "api/kernel.h"

#include <utility>

namespace zxspec {
namespace {

// Unpacks the payload alternative P of an OK outcome, or the error status.
template <class P>
Result<P> Take(Outcome o) {
  if (o.status != ZX_OK) return Error{o.status};
  auto* p = std::get_if<P>(&o.payload);
  ZXSPEC_ASSERT(p != nullptr, "kernel returned ZX_OK with an unexpected payload type");
  return std::move(*p);
}

template <class P, class F>
auto Map(Result<P> r, F f) -> Result<decltype(f(std::declval<P&&>()))> {
  if (r.is_error()) return r.error_value();
  return f(std::move(r).value());
}

Result<zx_handle_t> TakeHandle(Outcome o) {
  return Map(Take<HandleResult>(std::move(o)), [](HandleResult&& h) { return h.handle; });
}
Result<uint64_t> TakeU64(Outcome o) {
  return Map(Take<U64Result>(std::move(o)), [](U64Result&& v) { return v.value; });
}
Result<Bytes> TakeBytes(Outcome o) {
  return Map(Take<BytesResult>(std::move(o)), [](BytesResult&& b) { return std::move(b.data); });
}

}  // namespace

Bytes EncodeU64(uint64_t v) {
  Bytes b(8);
  for (int i = 0; i < 8; ++i) b[static_cast<size_t>(i)] = static_cast<uint8_t>(v >> (8 * i));
  return b;
}

uint64_t DecodeLe(const Bytes& b) {
  uint64_t v = 0;
  for (size_t i = 0; i < b.size() && i < 8; ++i) v |= static_cast<uint64_t>(b[i]) << (8 * i);
  return v;
}

zx_status_t Kernel::zx_handle_close(zx_koid_t caller, zx_handle_t handle) {
  return Apply(caller, HandleClose{handle}).status;
}
Result<zx_handle_t> Kernel::zx_handle_duplicate(zx_koid_t caller, zx_handle_t handle,
                                                zx_rights_t rights) {
  return TakeHandle(Apply(caller, HandleDuplicate{handle, rights}));
}
Result<zx_handle_t> Kernel::zx_handle_replace(zx_koid_t caller, zx_handle_t handle,
                                              zx_rights_t rights) {
  return TakeHandle(Apply(caller, HandleReplace{handle, rights}));
}
Result<InfoRecord> Kernel::zx_object_get_info(zx_koid_t caller, zx_handle_t handle,
                                              zx_object_info_topic_t topic) {
  return Map(Take<InfoResult>(Apply(caller, ObjectGetInfo{handle, topic})),
             [](InfoResult&& r) { return std::move(r.record); });
}
Result<Payload> Kernel::zx_object_get_property(zx_koid_t caller, zx_handle_t handle,
                                               uint32_t property) {
  Outcome o = Apply(caller, ObjectGetProperty{handle, property});
  if (o.status != ZX_OK) return Error{o.status};
  return std::move(o.payload);
}
zx_status_t Kernel::zx_object_set_property(zx_koid_t caller, zx_handle_t handle,
                                           uint32_t property, Bytes value) {
  return Apply(caller, ObjectSetProperty{handle, property, std::move(value)}).status;
}
zx_status_t Kernel::zx_object_wait_one(zx_koid_t caller, zx_handle_t handle, zx_signals_t signals,
                                       zx_time_t deadline, zx_signals_t* observed) {
  Outcome o = Apply(caller, ObjectWaitOne{handle, signals, deadline});
  if (const auto* r = std::get_if<U64Result>(&o.payload); r != nullptr && observed != nullptr) {
    *observed = static_cast<zx_signals_t>(r->value);  // HANDLE-052: written on TIMED_OUT too
  }
  return o.status;
}
Result<zx_handle_t> Kernel::zx_vmo_create(zx_koid_t caller, uint64_t size, uint32_t options) {
  return TakeHandle(Apply(caller, VmoCreate{size, options}));
}
Result<zx_handle_t> Kernel::zx_vmo_create_child(zx_koid_t caller, zx_handle_t handle,
                                                uint32_t options, uint64_t offset,
                                                uint64_t size) {
  return TakeHandle(Apply(caller, VmoCreateChild{handle, options, offset, size}));
}
Result<Bytes> Kernel::zx_vmo_read(zx_koid_t caller, zx_handle_t handle, uint64_t offset,
                                  uint64_t len) {
  return TakeBytes(Apply(caller, VmoRead{handle, offset, len}));
}
zx_status_t Kernel::zx_vmo_write(zx_koid_t caller, zx_handle_t handle, uint64_t offset,
                                 Bytes data) {
  return Apply(caller, VmoWrite{handle, offset, std::move(data)}).status;
}
Result<uint64_t> Kernel::zx_vmo_get_size(zx_koid_t caller, zx_handle_t handle) {
  return TakeU64(Apply(caller, VmoGetSize{handle}));
}
zx_status_t Kernel::zx_vmo_set_size(zx_koid_t caller, zx_handle_t handle, uint64_t size) {
  return Apply(caller, VmoSetSize{handle, size}).status;
}
Result<uint64_t> Kernel::zx_vmo_get_stream_size(zx_koid_t caller, zx_handle_t handle) {
  return TakeU64(Apply(caller, VmoGetStreamSize{handle}));
}
zx_status_t Kernel::zx_vmo_set_stream_size(zx_koid_t caller, zx_handle_t handle, uint64_t size) {
  return Apply(caller, VmoSetStreamSize{handle, size}).status;
}
zx_status_t Kernel::zx_vmo_op_range(zx_koid_t caller, zx_handle_t handle, uint32_t op,
                                    uint64_t offset, uint64_t size) {
  return Apply(caller, VmoOpRange{handle, op, offset, size}).status;
}
Result<zx_handle_t> Kernel::zx_vmo_replace_as_executable(zx_koid_t caller, zx_handle_t handle,
                                                         zx_handle_t vmex) {
  return TakeHandle(Apply(caller, VmoReplaceAsExecutable{handle, vmex}));
}
Result<zx_handle_t> Kernel::zx_stream_create(zx_koid_t caller, uint32_t options, zx_handle_t vmo,
                                             uint64_t seek) {
  return TakeHandle(Apply(caller, StreamCreate{options, vmo, seek}));
}
Result<uint64_t> Kernel::zx_stream_writev(zx_koid_t caller, zx_handle_t handle, uint32_t options,
                                          Bytes data) {
  return TakeU64(Apply(caller, StreamWritev{handle, options, std::move(data)}));
}
Result<uint64_t> Kernel::zx_stream_writev_at(zx_koid_t caller, zx_handle_t handle,
                                             uint32_t options, uint64_t offset, Bytes data) {
  return TakeU64(Apply(caller, StreamWritevAt{handle, options, offset, std::move(data)}));
}
Result<Bytes> Kernel::zx_stream_readv(zx_koid_t caller, zx_handle_t handle, uint32_t options,
                                      uint64_t len) {
  return TakeBytes(Apply(caller, StreamReadv{handle, options, len}));
}
Result<Bytes> Kernel::zx_stream_readv_at(zx_koid_t caller, zx_handle_t handle, uint32_t options,
                                         uint64_t offset, uint64_t len) {
  return TakeBytes(Apply(caller, StreamReadvAt{handle, options, offset, len}));
}
Result<uint64_t> Kernel::zx_stream_seek(zx_koid_t caller, zx_handle_t handle, uint32_t whence,
                                        int64_t offset) {
  return TakeU64(Apply(caller, StreamSeek{handle, whence, offset}));
}
Result<VmarAllocateResult> Kernel::zx_vmar_allocate(zx_koid_t caller, zx_handle_t parent,
                                                    zx_vm_option_t options, uint64_t offset,
                                                    uint64_t size) {
  return Take<VmarAllocateResult>(Apply(caller, VmarAllocate{parent, options, offset, size}));
}
Result<zx_vaddr_t> Kernel::zx_vmar_map(zx_koid_t caller, zx_handle_t vmar, zx_vm_option_t options,
                                       uint64_t vmar_offset, zx_handle_t vmo,
                                       uint64_t vmo_offset, uint64_t len) {
  return TakeU64(Apply(caller, VmarMap{vmar, options, vmar_offset, vmo, vmo_offset, len}));
}
zx_status_t Kernel::zx_vmar_unmap(zx_koid_t caller, zx_handle_t vmar, zx_vaddr_t addr,
                                  uint64_t len) {
  return Apply(caller, VmarUnmap{vmar, addr, len}).status;
}
zx_status_t Kernel::zx_vmar_protect(zx_koid_t caller, zx_handle_t vmar, zx_vm_option_t options,
                                    zx_vaddr_t addr, uint64_t len) {
  return Apply(caller, VmarProtect{vmar, options, addr, len}).status;
}
zx_status_t Kernel::zx_vmar_destroy(zx_koid_t caller, zx_handle_t vmar) {
  return Apply(caller, VmarDestroy{vmar}).status;
}
Result<zx_handle_t> Kernel::zx_vmar_create_vmo_child(zx_koid_t caller, zx_handle_t vmar,
                                                     uint32_t options, zx_vaddr_t addr,
                                                     uint64_t size) {
  return TakeHandle(Apply(caller, VmarCreateVmoChild{vmar, options, addr, size}));
}
Result<HandlePairResult> Kernel::zx_process_create(zx_koid_t caller, zx_handle_t job,
                                                   std::string_view name, uint32_t options) {
  return Take<HandlePairResult>(
      Apply(caller, ProcessCreate{job, Bytes(name.begin(), name.end()), options}));
}
zx_status_t Kernel::zx_task_kill(zx_koid_t caller, zx_handle_t handle) {
  return Apply(caller, TaskKill{handle}).status;
}
Result<zx_handle_t> Kernel::zx_process_start(zx_koid_t caller, zx_handle_t process,
                                             zx_handle_t handle) {
  return TakeHandle(Apply(caller, ProcessStart{process, handle}));
}
Result<HandlePairResult> Kernel::zx_channel_create(zx_koid_t caller, uint32_t options) {
  return Take<HandlePairResult>(Apply(caller, ChannelCreate{options}));
}
zx_status_t Kernel::zx_channel_write(zx_koid_t caller, zx_handle_t handle, Bytes bytes,
                                     std::vector<zx_handle_t> handles) {
  return Apply(caller, ChannelWrite{handle, std::move(bytes), std::move(handles)}).status;
}
zx_status_t Kernel::zx_channel_write_etc(zx_koid_t caller, zx_handle_t handle, Bytes bytes,
                                         std::vector<zx_handle_disposition_t> dispositions) {
  return Apply(caller, ChannelWriteEtc{handle, std::move(bytes), std::move(dispositions)}).status;
}
Result<ChannelReadResult> Kernel::zx_channel_read(zx_koid_t caller, zx_handle_t handle) {
  return Take<ChannelReadResult>(Apply(caller, ChannelRead{handle}));
}
Result<ChannelReadResult> Kernel::zx_channel_read_etc(zx_koid_t caller, zx_handle_t handle) {
  return Take<ChannelReadResult>(Apply(caller, ChannelReadEtc{handle}));
}
Result<Bytes> Kernel::mem_read(zx_koid_t caller, zx_vaddr_t addr, uint64_t len) {
  return TakeBytes(Apply(caller, MemRead{addr, len}));
}
zx_status_t Kernel::mem_write(zx_koid_t caller, zx_vaddr_t addr, Bytes data) {
  return Apply(caller, MemWrite{addr, std::move(data)}).status;
}

}  // namespace zxspec
