// Channels: zx_channel_create, zx_channel_write, zx_channel_write_etc, zx_channel_read,
// zx_channel_read_etc (channel-fidl.md CHAN-001..043).
//
// A queued message owns its handles (they keep their objects' handle counts, CHAN-001); moving
// a handle between a table and a message changes no count, duplicating one creates a handle,
// and a message that is not enqueued closes what it carries (CHAN-021/022).
#include <optional>

#include "impl/families.h"

namespace zxspec::impl {
namespace {

// CHAN-022 steps 2-3: the writer's endpoint (WRITE required), then the message bounds.
Result<Ref<ChannelObj>> CheckWriter(const Core& k, const ProcessObj& caller, zx_handle_t h,
                                    size_t num_bytes, size_t num_handles) {
  auto ch = k.LookupWithRights<ChannelObj>(caller, h, ZX_RIGHT_WRITE);  // (2)
  if (ch.is_error()) return ch;
  if (num_bytes > ZX_CHANNEL_MAX_MSG_BYTES || num_handles > ZX_CHANNEL_MAX_MSG_HANDLES) {
    return Error{ZX_ERR_OUT_OF_RANGE};  // (3)
  }
  return ch;
}

// CHAN-021: closes the caller's handle |h| if there is one.
void CloseIfPresent(Core& k, ProcessObj& caller, zx_handle_t h) {
  if (caller.handles.Find(h) != nullptr) k.DropHandle(caller.handles.Take(h));
}

// CHAN-022 (4), CHAN-031/032: TRANSFER, not the writer's own endpoint, the expected type, a
// subset of the rights; the rights the handle travels with.
Result<zx_rights_t> CheckTransferable(const Handle& source, const ChannelObj& endpoint,
                                      zx_obj_type_t type, zx_rights_t rights) {
  if (!HasRights(source.rights, ZX_RIGHT_TRANSFER)) return Error{ZX_ERR_ACCESS_DENIED};
  if (source.object == &endpoint) return Error{ZX_ERR_NOT_SUPPORTED};  // CHAN-023
  if (type != ZX_OBJ_TYPE_NONE && type != ObjTypeOf(source.object->kind)) {
    return Error{ZX_ERR_WRONG_TYPE};
  }
  if (rights == ZX_RIGHT_SAME_RIGHTS) return source.rights;
  if ((rights & ~source.rights) != 0) return Error{ZX_ERR_INVALID_ARGS};  // CHAN-032
  return rights;
}

// Collects the message's handles entry by entry, keeping the first error in array order; every
// entry is processed (CHAN-022 (4)). Handles already taken are closed on error (5).
class MessageBuilder {
 public:
  explicit MessageBuilder(Core& k) : k_(k) {}
  void Add(Result<Handle> h) {
    if (h.is_error()) {
      if (first_error_ == ZX_OK) first_error_ = h.status_value();
      return;
    }
    handles_.push_back(*h);
  }
  // CHAN-022 (5)-(7): enqueue at the peer of |endpoint|, or close everything carried.
  Outcome Finish(ChannelObj& endpoint, const Bytes& bytes) {
    zx_status_t status = first_error_;
    if (status == ZX_OK && endpoint.peer_closed) status = ZX_ERR_PEER_CLOSED;  // (6)
    if (status != ZX_OK) {
      for (const Handle& h : handles_) k_.DropHandle(h);
      return Outcome::Status(status);
    }
    k_.Find<ChannelObj>(endpoint.peer)->queue.push_back(Message{bytes, std::move(handles_)});
    return Outcome::Ok();  // (7)
  }

 private:
  Core& k_;
  std::vector<Handle> handles_;
  zx_status_t first_error_ = ZX_OK;
};

// CHAN-041/042: pops the oldest message at the caller's endpoint and installs its handles.
Outcome Read(Core& k, ProcessObj& caller, zx_handle_t h) {
  auto ch = k.LookupWithRights<ChannelObj>(caller, h, ZX_RIGHT_READ);  // CHAN-041 (1)
  if (ch.is_error()) return Outcome::Status(ch.status_value());
  ChannelObj& ep = *ch->object;
  if (ep.queue.empty()) {  // (3)
    return Outcome::Status(ep.peer_closed ? ZX_ERR_PEER_CLOSED : ZX_ERR_SHOULD_WAIT);
  }
  Message m = std::move(ep.queue.front());
  ep.queue.pop_front();
  ChannelReadResult out{std::move(m.bytes), {}};
  for (const Handle& handle : m.handles) {  // CHAN-042: in message order
    zx_handle_info_t info;
    info.type = ObjTypeOf(handle.object->kind);
    info.rights = handle.rights;
    info.handle = k.Install(caller, handle);
    out.handles.push_back(info);
  }
  return Outcome::Ok(std::move(out));
}

}  // namespace

// zx_channel_create: CHAN-010..012
Outcome Do(Core& k, ProcessObj& caller, const ChannelCreate& c) {
  if (c.options != 0) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // CHAN-011
  ChannelObj& a = k.Create<ChannelObj>();  // endpoint 0, then endpoint 1
  ChannelObj& b = k.Create<ChannelObj>();
  a.peer = b.koid;  // CHAN-012
  b.peer = a.koid;
  zx_handle_t h0 = k.InstallNew(caller, &a, ZX_DEFAULT_CHANNEL_RIGHTS);
  zx_handle_t h1 = k.InstallNew(caller, &b, ZX_DEFAULT_CHANNEL_RIGHTS);
  return Outcome::Ok(HandlePairResult{h0, h1});
}

// zx_channel_write: CHAN-020..023
Outcome Do(Core& k, ProcessObj& caller, const ChannelWrite& c) {
  auto w = CheckWriter(k, caller, c.handle, c.bytes.size(), c.handles.size());
  if (w.is_error()) {
    for (zx_handle_t h : c.handles) CloseIfPresent(k, caller, h);  // CHAN-021
    return Outcome::Status(w.status_value());
  }
  ChannelObj& endpoint = *w->object;
  MessageBuilder msg(k);
  for (zx_handle_t h : c.handles) {  // CHAN-022 (4)
    if (caller.handles.Find(h) == nullptr) {
      msg.Add(Error{ZX_ERR_BAD_HANDLE});  // never valid, or taken by an earlier entry
      continue;
    }
    Handle source = caller.handles.Take(h);  // CHAN-021: leaves the table first
    auto rights = CheckTransferable(source, endpoint, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS);
    if (rights.is_error()) {
      k.DropHandle(source);
      msg.Add(rights.error_value());
      continue;
    }
    msg.Add(source);
  }
  return msg.Finish(endpoint, c.bytes);
}

// zx_channel_write_etc: CHAN-030..032
Outcome Do(Core& k, ProcessObj& caller, const ChannelWriteEtc& c) {
  auto w = CheckWriter(k, caller, c.handle, c.bytes.size(), c.dispositions.size());
  if (w.is_error()) {
    for (const auto& d : c.dispositions) {  // CHAN-031: DUPLICATE sources stay open
      if (d.operation != ZX_HANDLE_OP_DUPLICATE) CloseIfPresent(k, caller, d.handle);
    }
    return Outcome::Status(w.status_value());
  }
  ChannelObj& endpoint = *w->object;
  MessageBuilder msg(k);
  for (const auto& d : c.dispositions) {  // CHAN-031 step 4
    const Handle* found = caller.handles.Find(d.handle);
    if (found == nullptr) {
      msg.Add(Error{ZX_ERR_BAD_HANDLE});  // nothing removed
      continue;
    }
    if (d.operation == ZX_HANDLE_OP_DUPLICATE) {
      auto rights = CheckTransferable(*found, endpoint, d.type, d.rights);
      if (rights.is_error()) {
        msg.Add(rights.error_value());
      } else if (!HasRights(found->rights, ZX_RIGHT_DUPLICATE)) {
        msg.Add(Error{ZX_ERR_ACCESS_DENIED});  // DUPLICATE is checked last
      } else {
        msg.Add(k.NewHandle(found->object, *rights));  // the source stays
      }
      continue;
    }
    Handle source = caller.handles.Take(d.handle);  // MOVE and invalid ops remove it first
    auto rights = d.operation == ZX_HANDLE_OP_MOVE
                      ? CheckTransferable(source, endpoint, d.type, d.rights)
                      : Result<zx_rights_t>(Error{ZX_ERR_INVALID_ARGS});
    if (rights.is_error()) {
      k.DropHandle(source);
      msg.Add(rights.error_value());
      continue;
    }
    source.rights = *rights;
    msg.Add(source);
  }
  return msg.Finish(endpoint, c.bytes);
}

// zx_channel_read / zx_channel_read_etc: CHAN-040..042 (type and rights filled for both)
Outcome Do(Core& k, ProcessObj& caller, const ChannelRead& c) { return Read(k, caller, c.handle); }
Outcome Do(Core& k, ProcessObj& caller, const ChannelReadEtc& c) {
  return Read(k, caller, c.handle);
}

}  // namespace zxspec::impl
