// Channels: zx_channel_create, zx_channel_write, zx_channel_write_etc, zx_channel_read,
// zx_channel_read_etc (channel-fidl.md CHAN-001..043).
//
// A message written on endpoint A is appended to the queue of A's peer and read from there
// (CHAN-001). Handles in a queued message belong to no process; they keep their objects alive
// (CountReferences in lifecycle.cc), and an endpoint's destruction destroys the messages queued
// at it together with the handles they carry (CHAN-002, CollectGarbage).
//
// The write calls are the one place where errors have effects: every listed handle leaves the
// caller's table whatever the outcome (CHAN-021), except DUPLICATE sources (CHAN-031). The
// handlers therefore run the checks of CHAN-022 steps 1-3 first, and the per-entry step 4
// removes each handle as it goes, exactly as the rulebook orders it; a message that is not
// enqueued is simply dropped, and CollectGarbage closes what it carried.
#include "model/core.h"
#include "model/families.h"

namespace zxspec::model {
namespace {

// CHAN-022 step 3: the message limits of CHAN-001.
bool WithinMessageBounds(size_t num_bytes, size_t num_handles) {
  return num_bytes <= ZX_CHANNEL_MAX_MSG_BYTES && num_handles <= ZX_CHANNEL_MAX_MSG_HANDLES;
}

// CHAN-022 steps 2-3: the writer's endpoint (WRITE required), then the bounds.
Result<HandleEntry> CheckWriter(const State& s, zx_koid_t caller, zx_handle_t h,
                                size_t num_bytes, size_t num_handles) {
  auto ch = LookupWithRights<ChannelEndpoint>(s, caller, h, ZX_RIGHT_WRITE);  // CHAN-022 (2)
  if (ch.is_error()) return ch;
  if (!WithinMessageBounds(num_bytes, num_handles)) {
    return Error{ZX_ERR_OUT_OF_RANGE};  // CHAN-022 (3)
  }
  return ch;
}

// CHAN-021: removes |h| from the caller's table if it is there.
void CloseIfPresent(State& s, zx_koid_t caller, zx_handle_t h) {
  if (LookupHandle(s, caller, h).is_ok()) RemoveHandle(s, caller, h);
}

// The rights a transferred handle carries: SAME_RIGHTS exactly keeps the source's rights, any
// other mask must be a subset of them (bit 31 with other bits is never a subset). CHAN-032.
std::optional<zx_rights_t> TransferRights(zx_rights_t have, zx_rights_t requested) {
  if (requested == ZX_RIGHT_SAME_RIGHTS) return have;
  if ((requested & ~have) != 0) return std::nullopt;
  return requested;
}

// The checks every transferred handle passes, in the kernel's order (CHAN-022 step 4,
// CHAN-031): TRANSFER, not the writer's own endpoint, the expected type, a subset of rights.
// Returns the entry that travels in the message.
Result<HandleEntry> CheckTransferable(const State& s, const HandleEntry& source,
                                      zx_koid_t endpoint, zx_obj_type_t type,
                                      zx_rights_t rights) {
  if (!HasRights(source.rights, ZX_RIGHT_TRANSFER)) {
    return Error{ZX_ERR_ACCESS_DENIED};  // CHAN-022 (4), CHAN-031
  }
  if (source.object == endpoint) return Error{ZX_ERR_NOT_SUPPORTED};  // CHAN-023
  if (type != ZX_OBJ_TYPE_NONE && type != ObjTypeOf(s.objects.at(source.object))) {
    return Error{ZX_ERR_WRONG_TYPE};  // CHAN-031
  }
  auto carried = TransferRights(source.rights, rights);
  if (!carried) return Error{ZX_ERR_INVALID_ARGS};  // CHAN-031, CHAN-032
  return HandleEntry{source.object, *carried};
}

// CHAN-022 step 4 for one entry of zx_channel_write: the handle leaves the caller's table
// first, then the checks run on it.
Result<HandleEntry> TakeForMessage(State& s, zx_koid_t caller, zx_koid_t endpoint,
                                   zx_handle_t h) {
  auto source = LookupHandle(s, caller, h);
  if (source.is_error()) return source;  // CHAN-022 (4): absent or already taken
  RemoveHandle(s, caller, h);            // CHAN-021
  return CheckTransferable(s, *source, endpoint, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS);
}

// CHAN-031 step 4 for one disposition.
Result<HandleEntry> TakeDisposition(State& s, zx_koid_t caller, zx_koid_t endpoint,
                                    const zx_handle_disposition_t& d) {
  auto source = LookupHandle(s, caller, d.handle);
  if (source.is_error()) return source;  // CHAN-031: nothing removed
  if (d.operation == ZX_HANDLE_OP_DUPLICATE) {
    auto copy = CheckTransferable(s, *source, endpoint, d.type, d.rights);
    if (copy.is_error()) return copy;
    if (!HasRights(source->rights, ZX_RIGHT_DUPLICATE)) {
      return Error{ZX_ERR_ACCESS_DENIED};  // CHAN-031: DUPLICATE checked last
    }
    return copy;  // the source stays in the caller's table
  }
  RemoveHandle(s, caller, d.handle);  // CHAN-031: MOVE and invalid ops remove the source first
  if (d.operation != ZX_HANDLE_OP_MOVE) return Error{ZX_ERR_INVALID_ARGS};  // CHAN-031
  return CheckTransferable(s, *source, endpoint, d.type, d.rights);
}

// CHAN-022 steps 6-7: the message goes to the queue of |endpoint|'s peer, or is dropped (and
// with it every handle it carries) when the peer has closed.
Outcome Enqueue(State& s, zx_koid_t endpoint, Message message) {
  const ChannelEndpoint& ep = Get<ChannelEndpoint>(s, endpoint);
  if (ep.peer_closed) return Outcome::Status(ZX_ERR_PEER_CLOSED);  // CHAN-022 (6)
  Get<ChannelEndpoint>(s, ep.peer).queue.push_back(std::move(message));  // CHAN-022 (7)
  return Outcome::Ok();
}

// Runs step 4 over |entries| with |take|, keeping the first error in array order; every entry
// is processed even after an error (CHAN-022 (4)). On error the partial message is dropped,
// which closes the handles already taken (CHAN-022 (5)).
template <class Entry, class Take>
Outcome BuildAndEnqueue(State& s, zx_koid_t endpoint, const Bytes& bytes,
                        const std::vector<Entry>& entries, Take take) {
  Message message{bytes, {}};
  zx_status_t first_error = ZX_OK;
  for (const Entry& entry : entries) {
    Result<HandleEntry> carried = take(entry);
    if (carried.is_error()) {
      if (first_error == ZX_OK) first_error = carried.status_value();
      continue;
    }
    message.handles.push_back(*carried);
  }
  if (first_error != ZX_OK) return Outcome::Status(first_error);  // CHAN-022 (5)
  return Enqueue(s, endpoint, std::move(message));
}

// CHAN-041/042: pops the oldest message queued at the caller's endpoint |h| and installs its
// handles in the caller's table in message order.
Outcome Read(State& s, zx_koid_t caller, zx_handle_t h) {
  auto ch = LookupWithRights<ChannelEndpoint>(s, caller, h, ZX_RIGHT_READ);  // CHAN-041 (1)
  if (ch.is_error()) return Outcome::Status(ch.status_value());
  ChannelEndpoint& ep = Get<ChannelEndpoint>(s, ch->object);
  if (ep.queue.empty()) {  // CHAN-041 (3)
    return Outcome::Status(ep.peer_closed ? ZX_ERR_PEER_CLOSED : ZX_ERR_SHOULD_WAIT);
  }
  Message message = std::move(ep.queue.front());
  ep.queue.pop_front();
  ChannelReadResult out{std::move(message.bytes), {}};
  for (const HandleEntry& e : message.handles) {  // CHAN-042
    zx_handle_info_t info;
    info.type = ObjTypeOf(s.objects.at(e.object));
    info.rights = e.rights;
    info.handle = InstallHandle(s, caller, e);
    out.handles.push_back(info);
  }
  return Outcome::Ok(std::move(out));
}

}  // namespace

// zx_channel_create: CHAN-010..012
Outcome Do(State& s, zx_koid_t caller, const ChannelCreate& c) {
  if (c.options != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // CHAN-011
  // CHAN-011: ZX_POL_NEW_CHANNEL is allowed by the model's default job policy (GEN-005).
  zx_koid_t first = NewObject(s, ChannelEndpoint{});
  ChannelEndpoint second_body;
  second_body.peer = first;
  zx_koid_t second = NewObject(s, std::move(second_body));
  Get<ChannelEndpoint>(s, first).peer = second;  // CHAN-012: peers of each other
  zx_handle_t h0 = InstallHandle(s, caller, {first, ZX_DEFAULT_CHANNEL_RIGHTS});
  zx_handle_t h1 = InstallHandle(s, caller, {second, ZX_DEFAULT_CHANNEL_RIGHTS});
  return Outcome::Ok(HandlePairResult{h0, h1});
}

// zx_channel_write: CHAN-020..023
Outcome Do(State& s, zx_koid_t caller, const ChannelWrite& c) {
  auto writer = CheckWriter(s, caller, c.handle, c.bytes.size(), c.handles.size());
  if (writer.is_error()) {
    for (zx_handle_t h : c.handles) CloseIfPresent(s, caller, h);  // CHAN-021, CHAN-022 (1-3)
    return Outcome::Status(writer.status_value());
  }
  zx_koid_t endpoint = writer->object;
  return BuildAndEnqueue(s, endpoint, c.bytes, c.handles, [&](zx_handle_t h) {
    return TakeForMessage(s, caller, endpoint, h);
  });
}

// zx_channel_write_etc: CHAN-030..032
Outcome Do(State& s, zx_koid_t caller, const ChannelWriteEtc& c) {
  auto writer = CheckWriter(s, caller, c.handle, c.bytes.size(), c.dispositions.size());
  if (writer.is_error()) {
    for (const auto& d : c.dispositions) {  // CHAN-031: DUPLICATE sources stay open
      if (d.operation != ZX_HANDLE_OP_DUPLICATE) CloseIfPresent(s, caller, d.handle);
    }
    return Outcome::Status(writer.status_value());
  }
  zx_koid_t endpoint = writer->object;
  return BuildAndEnqueue(s, endpoint, c.bytes, c.dispositions,
                         [&](const zx_handle_disposition_t& d) {
                           return TakeDisposition(s, caller, endpoint, d);
                         });
}

// zx_channel_read: CHAN-040..042
Outcome Do(State& s, zx_koid_t caller, const ChannelRead& c) { return Read(s, caller, c.handle); }

// zx_channel_read_etc: CHAN-040..042 (the same result; type and rights are filled for both)
Outcome Do(State& s, zx_koid_t caller, const ChannelReadEtc& c) {
  return Read(s, caller, c.handle);
}

}  // namespace zxspec::model
