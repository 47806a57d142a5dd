// zx_object_get_info and zx_object_get_property / zx_object_set_property: dispatch by topic and
// by property id to the family that owns the record (handles-rights.md HANDLE-040..044,
// vmo.md VMO-050..054, stream.md STREAM-060/061, process-maps.md MAPS-003..024).
#include <string>

#include "impl/families.h"

namespace zxspec::impl {

// zx_object_get_info: HANDLE-043 (unknown topic first), then per topic.
Outcome Do(Core& k, ProcessObj& caller, const ObjectGetInfo& c) {
  switch (c.topic) {
    case ZX_INFO_HANDLE_VALID:  // HANDLE-040
      return Outcome::Status(k.Lookup(caller, c.handle).status_value());
    case ZX_INFO_HANDLE_BASIC:
      return InfoHandleBasic(k, caller, c.handle);  // HANDLE-041
    case ZX_INFO_HANDLE_COUNT:
      return InfoHandleCount(k, caller, c.handle);  // HANDLE-042
    case ZX_INFO_VMO:
    case ZX_INFO_VMO_V1:
    case ZX_INFO_VMO_V2:
    case ZX_INFO_VMO_V3:
      return InfoVmo(k, caller, c.handle);  // VMO-130..133 (older layouts: same data)
    case ZX_INFO_STREAM:
      return InfoStream(k, caller, c.handle);  // STREAM-060
    case ZX_INFO_VMAR:
      return InfoVmar(k, caller, c.handle);  // MAPS-003
    case ZX_INFO_VMAR_MAPS:
      return InfoVmarMaps(k, caller, c.handle);  // MAPS-010..012
    case ZX_INFO_PROCESS_MAPS:
    case ZX_INFO_PROCESS_MAPS_V1:
    case ZX_INFO_PROCESS_MAPS_V2:
      return InfoProcessMaps(k, caller, c.handle);  // MAPS-015..017
    default:
      return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // HANDLE-043
  }
}

static std::string* NameOf(Object* o) {
  if (auto* v = As<VmoObj>(o)) return &v->name;
  if (auto* p = As<ProcessObj>(o)) return &p->name;
  return nullptr;
}

// zx_object_get_property: VMO-050 generic order, then VMO-052 / VMO-054 / STREAM-061.
Outcome Do(Core& k, ProcessObj& caller, const ObjectGetProperty& c) {
  auto e = k.Lookup(caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!HasRights(e->rights, ZX_RIGHT_GET_PROPERTY)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-050 (type-agnostic lookup)
  }
  switch (c.property) {
    case ZX_PROP_VMO_CONTENT_SIZE:
      return GetVmoContentSize(*e);  // VMO-052
    case ZX_PROP_STREAM_MODE_APPEND: {
      const auto* st = As<StreamObj>(e->object);
      if (st == nullptr) return Outcome::Status(ZX_ERR_WRONG_TYPE);  // STREAM-061
      return Outcome::Ok(U64Result{st->append ? 1u : 0u});
    }
    case ZX_PROP_NAME: {
      const std::string* name = NameOf(e->object);
      if (name == nullptr) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);
      return Outcome::Ok(BytesResult{Bytes(name->begin(), name->end())});  // VMO-054
    }
    default:
      return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // VMO-050
  }
}

// zx_object_set_property: VMO-051 generic order, then VMO-053 / VMO-054 / STREAM-061.
Outcome Do(Core& k, ProcessObj& caller, const ObjectSetProperty& c) {
  auto e = k.Lookup(caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!HasRights(e->rights, ZX_RIGHT_SET_PROPERTY)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-051
  }
  switch (c.property) {
    case ZX_PROP_VMO_CONTENT_SIZE:
      return SetVmoContentSize(*e, c.value);  // VMO-053
    case ZX_PROP_STREAM_MODE_APPEND: {
      if (c.value.empty()) return Outcome::Status(ZX_ERR_BUFFER_TOO_SMALL);  // STREAM-061
      auto* st = As<StreamObj>(e->object);
      if (st == nullptr) return Outcome::Status(ZX_ERR_WRONG_TYPE);
      st->append = c.value[0] != 0;
      return Outcome::Ok();
    }
    case ZX_PROP_NAME: {
      std::string* name = NameOf(e->object);
      if (name == nullptr) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);
      size_t len = 0;  // VMO-054: up to the first NUL, at most 31 bytes
      while (len < c.value.size() && len < ZX_MAX_NAME_LEN - 1 && c.value[len] != 0) ++len;
      name->assign(c.value.begin(), c.value.begin() + static_cast<std::ptrdiff_t>(len));
      return Outcome::Ok();
    }
    default:
      return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // VMO-051
  }
}

// HANDLE-053: the signals an object asserts, from the counts the implementation keeps.
static zx_signals_t SignalsOf(const Object& o) {
  if (const auto* ep = As<ChannelObj>(&o)) {
    return (ep->queue.empty() ? 0 : ZX_CHANNEL_READABLE) |
           (ep->peer_closed ? ZX_CHANNEL_PEER_CLOSED : ZX_CHANNEL_WRITABLE);
  }
  if (const auto* p = As<ProcessObj>(&o)) {
    return p->state == ProcState::kDead ? ZX_PROCESS_TERMINATED : 0;
  }
  if (const auto* v = As<VmoObj>(&o)) return v->children.empty() ? ZX_VMO_ZERO_CHILDREN : 0;
  if (const auto* j = As<JobObj>(&o)) {
    const zx_signals_t empty = j->live_processes == 0 ? ZX_JOB_NO_PROCESSES | ZX_JOB_NO_CHILDREN : 0;
    return ZX_JOB_NO_JOBS | empty | (j->killed ? ZX_JOB_TERMINATED : 0);
  }
  return 0;  // streams
}

// zx_object_wait_one: HANDLE-051 check order, HANDLE-052 the non-blocking outcome.
Outcome Do(Core& k, ProcessObj& caller, const ObjectWaitOne& c) {
  auto e = k.Lookup(caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!HasRights(e->rights, ZX_RIGHT_WAIT)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);
  if (e->object->kind == ObjKind::kVmar || e->object->kind == ObjKind::kResource) {
    return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // not waitable
  }
  const zx_signals_t observed = SignalsOf(*e->object);
  return Outcome{(observed & c.signals) != 0 ? ZX_OK : ZX_ERR_TIMED_OUT, U64Result{observed}};
}

}  // namespace zxspec::impl
