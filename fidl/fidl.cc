// fidl_send / fidl_recv: FTP-028 rights enforcement over the kernel interface
// (channel-fidl.md FIDL-001..021, handles-rights.md FIDLRIGHTS-002..006).
#include "fidl/fidl.h"

#include <set>

namespace zxspec::fidl {
namespace {

bool HasRights(zx_rights_t have, zx_rights_t need) { return (have & need) == need; }
bool Constrained(zx_rights_t required) { return required != ZX_RIGHT_SAME_RIGHTS; }

// The caller's view of one of its own handles, or the lookup status.
Result<zx_info_handle_basic_t> Inspect(Kernel& k, zx_koid_t caller, zx_handle_t h) {
  auto info = k.zx_object_get_info(caller, h, ZX_INFO_HANDLE_BASIC);
  if (info.is_error()) return info.error_value();
  const auto* basic = std::get_if<zx_info_handle_basic_t>(&info.value());
  if (basic == nullptr) return Error{ZX_ERR_BAD_STATE};  // a kernel answering the wrong record
  return *basic;
}

// FIDL-010 step 1: the channel is looked up as zx_channel_write_etc would (GEN-001 order).
Result<zx_info_handle_basic_t> LookupWritableChannel(Kernel& k, zx_koid_t caller,
                                                     zx_handle_t h) {
  auto info = Inspect(k, caller, h);
  if (info.is_error()) return info;
  if (info->type != ZX_OBJ_TYPE_CHANNEL) return Error{ZX_ERR_WRONG_TYPE};
  if (!HasRights(info->rights, ZX_RIGHT_WRITE)) return Error{ZX_ERR_ACCESS_DENIED};
  return info;
}

// Closing a handle the layer no longer wants; a handle that is already gone is not an error
// here (HANDLE-011 is the expected answer for a repeated or absent value).
void CloseQuietly(Kernel& k, zx_koid_t caller, zx_handle_t h) {
  (void)k.zx_handle_close(caller, h);
}

void CloseSlotHandles(Kernel& k, zx_koid_t caller, const std::vector<SendSlot>& slots) {
  for (const SendSlot& slot : slots) CloseQuietly(k, caller, slot.handle);
}

// FIDL-021: "closing the channel" with an epitaph (FIDL-030). The epitaph write may fail
// (e.g. PEER_CLOSED or no WRITE right); that failure is ignored.
void CloseWithEpitaph(Kernel& k, zx_koid_t caller, zx_handle_t channel, zx_status_t epitaph) {
  (void)k.zx_channel_write(caller, channel, EncodeEpitaph(epitaph), {});
  CloseQuietly(k, caller, channel);
}

// What an encoding failure reports (FIDL-010 step 3 (d), Open point C-2).
enum class EncodeFailure { kNone, kHandle, kMissingRequiredRight };

// FIDL-010 step 2 for one slot; |seen| holds the values of the earlier slots.
EncodeFailure CheckSlot(Kernel& k, zx_koid_t caller, zx_koid_t channel_koid,
                        const SendSlot& slot, const std::set<zx_handle_t>& seen,
                        zx_info_handle_basic_t* info_out) {
  if (seen.count(slot.handle)) return EncodeFailure::kHandle;  // repeated handle
  auto info = Inspect(k, caller, slot.handle);
  if (info.is_error()) return EncodeFailure::kHandle;           // not in the caller's table
  if (info->koid == channel_koid) return EncodeFailure::kHandle;  // the channel's own endpoint
  if (slot.type != ZX_OBJ_TYPE_NONE && slot.type != info->type) return EncodeFailure::kHandle;
  if (!HasRights(info->rights, ZX_RIGHT_TRANSFER)) return EncodeFailure::kHandle;
  if (Constrained(slot.rights) && !HasRights(info->rights, slot.rights)) {
    return EncodeFailure::kMissingRequiredRight;  // FTP-028: incorrect required rights
  }
  *info_out = *info;
  return EncodeFailure::kNone;
}

// FIDL-010 step 4: the rights to send, "filtering on send" (FIDLRIGHTS-003), or SAME_RIGHTS
// for an unconstrained slot (FIDLRIGHTS-002).
zx_rights_t RightsToSend(const SendSlot& slot, zx_rights_t current) {
  if (!Constrained(slot.rights)) return ZX_RIGHT_SAME_RIGHTS;
  return current & (slot.rights | slot.optional);
}

// FIDL-020 steps 3-4: the failure a received message's handles give against |slots|, ZX_OK if
// none. Type problems and count mismatches are decoding failures (INVALID_ARGS, C-3); a
// missing required right is ACCESS_DENIED (FTP-028).
zx_status_t ValidateReceived(const std::vector<zx_handle_info_t>& handles,
                             const std::vector<RecvSlot>& slots) {
  if (handles.size() != slots.size()) return ZX_ERR_INVALID_ARGS;  // FIDL-020 (3)
  for (size_t i = 0; i < handles.size(); ++i) {                    // FIDL-020 (4)
    const RecvSlot& slot = slots[i];
    if (slot.type != ZX_OBJ_TYPE_NONE && slot.type != handles[i].type) {
      return ZX_ERR_INVALID_ARGS;
    }
    if (Constrained(slot.rights) && !HasRights(handles[i].rights, slot.rights)) {
      return ZX_ERR_ACCESS_DENIED;
    }
  }
  return ZX_OK;
}

void CloseReceived(Kernel& k, zx_koid_t caller, const std::vector<zx_handle_info_t>& handles) {
  for (const zx_handle_info_t& h : handles) CloseQuietly(k, caller, h.handle);
}

uint64_t LoadLe(const Bytes& b, size_t offset, size_t width) {
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) {
    uint64_t byte = offset + i < b.size() ? b[offset + i] : 0;
    v |= byte << (8 * i);
  }
  return v;
}

}  // namespace

// fidl_send: FIDL-010, FIDL-011 (seed FTP-028 "Bindings", "Implementation Strategy")
zx_status_t fidl_send(Kernel& k, zx_koid_t caller, zx_handle_t channel, const Bytes& bytes,
                      const std::vector<SendSlot>& slots) {
  auto target = LookupWritableChannel(k, caller, channel);
  if (target.is_error()) {
    CloseSlotHandles(k, caller, slots);  // FIDL-010 (1): as CHAN-021; no epitaph
    return target.status_value();
  }
  std::vector<zx_handle_disposition_t> dispositions;
  std::set<zx_handle_t> seen;
  for (const SendSlot& slot : slots) {  // FIDL-010 (2): stop at the first failure
    zx_info_handle_basic_t info{};
    EncodeFailure failure = CheckSlot(k, caller, target->koid, slot, seen, &info);
    if (failure != EncodeFailure::kNone) {  // FIDL-010 (3)
      (void)k.zx_channel_write(caller, channel, EncodeEpitaph(ZX_ERR_BAD_STATE), {});  // (a)
      CloseSlotHandles(k, caller, slots);                                             // (b)
      CloseQuietly(k, caller, channel);                                               // (c)
      return failure == EncodeFailure::kMissingRequiredRight ? ZX_ERR_ACCESS_DENIED   // (d)
                                                             : ZX_ERR_BAD_STATE;
    }
    seen.insert(slot.handle);
    zx_handle_disposition_t d;
    d.operation = ZX_HANDLE_OP_MOVE;
    d.handle = slot.handle;
    d.type = slot.type;
    d.rights = RightsToSend(slot, info.rights);
    dispositions.push_back(d);
  }
  // FIDL-010 (4): the kernel's outcome passes through (OUT_OF_RANGE, PEER_CLOSED consume the
  // handles by CHAN-021 and leave |channel| open).
  return k.zx_channel_write_etc(caller, channel, bytes, std::move(dispositions));
}

// fidl_recv: FIDL-020, FIDL-021 (seed FTP-028 "Bindings", "Implementation Strategy")
Result<ChannelReadResult> fidl_recv(Kernel& k, zx_koid_t caller, zx_handle_t channel,
                                    const std::vector<RecvSlot>& slots) {
  auto read = k.zx_channel_read_etc(caller, channel);
  if (read.is_error()) return read;  // FIDL-020 (1): unchanged, nothing closed
  ChannelReadResult msg = std::move(read.value());

  if (auto epitaph = DecodeEpitaph(msg.data)) {  // FIDL-020 (2)
    CloseReceived(k, caller, msg.handles);
    CloseQuietly(k, caller, channel);
    return Error{*epitaph == ZX_OK ? ZX_ERR_PEER_CLOSED : *epitaph};
  }
  if (zx_status_t failure = ValidateReceived(msg.handles, slots); failure != ZX_OK) {
    CloseReceived(k, caller, msg.handles);  // FIDL-020 (3)(4): the message is destroyed
    CloseWithEpitaph(k, caller, channel, failure);
    return Error{failure};
  }
  for (size_t i = 0; i < msg.handles.size(); ++i) {  // FIDL-020 (5): filtering on receive
    const RecvSlot& slot = slots[i];
    zx_handle_info_t& h = msg.handles[i];
    zx_rights_t permitted = slot.rights | slot.optional;
    if (!Constrained(slot.rights) || (h.rights & ~permitted) == 0) continue;
    auto replaced = k.zx_handle_replace(caller, h.handle, h.rights & permitted);
    // A subset replace cannot fail on a kernel that follows HANDLE-031/032; if one does, its
    // status is reported rather than hidden.
    if (replaced.is_error()) return replaced.error_value();
    h.handle = replaced.value();
    h.rights &= permitted;
  }
  return msg;  // FIDL-020 (6)
}

// FIDL-030: txid 0, at-rest flags v2, dynamic flags 0, magic 1, epitaph ordinal, status, pad.
Bytes EncodeEpitaph(zx_status_t status) {
  Bytes out(kFidlEpitaphSize, 0);
  out[4] = kFidlWireFormatV2;
  out[7] = kFidlMagicNumberInitial;
  for (size_t i = 8; i < 16; ++i) out[i] = 0xFF;
  auto word = static_cast<uint32_t>(status);
  for (size_t i = 0; i < 4; ++i) out[16 + i] = static_cast<uint8_t>(word >> (8 * i));
  return out;
}

// FIDL-020 (2)
std::optional<zx_status_t> DecodeEpitaph(const Bytes& bytes) {
  if (bytes.size() < kFidlTxnHeaderSize) return std::nullopt;
  if (LoadLe(bytes, 8, 8) != kFidlOrdinalEpitaph) return std::nullopt;
  return static_cast<zx_status_t>(static_cast<uint32_t>(LoadLe(bytes, 16, 4)));
}

}  // namespace zxspec::fidl
