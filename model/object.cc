// zx_object_get_info and zx_object_get_property / zx_object_set_property: dispatch by topic and
// by property id to the family that owns the record (handles-rights.md HANDLE-040..044,
// vmo.md VMO-050..054, stream.md STREAM-060/061, process-maps.md MAPS-003..024).
#include "model/core.h"
#include "model/families.h"

namespace zxspec::model {

// zx_object_get_info: HANDLE-043 (unknown topic first), then per topic.
Outcome Do(State& s, zx_koid_t caller, const ObjectGetInfo& c) {
  switch (c.topic) {
    case ZX_INFO_HANDLE_VALID: {  // HANDLE-040
      auto e = LookupHandle(s, caller, c.handle);
      return Outcome::Status(e.status_value());
    }
    case ZX_INFO_HANDLE_BASIC:
      return InfoHandleBasic(s, caller, c.handle);  // HANDLE-041
    case ZX_INFO_HANDLE_COUNT:
      return InfoHandleCount(s, caller, c.handle);  // HANDLE-042
    case ZX_INFO_VMO:
    case ZX_INFO_VMO_V1:
    case ZX_INFO_VMO_V2:
    case ZX_INFO_VMO_V3:
      return InfoVmo(s, caller, c.handle);  // VMO-130..133 (older layouts: same data)
    case ZX_INFO_STREAM:
      return InfoStream(s, caller, c.handle);  // STREAM-060
    case ZX_INFO_VMAR:
      return InfoVmar(s, caller, c.handle);  // MAPS-003
    case ZX_INFO_VMAR_MAPS:
      return InfoVmarMaps(s, caller, c.handle);  // MAPS-010..012 (seed RFC-0253)
    case ZX_INFO_PROCESS_MAPS:
    case ZX_INFO_PROCESS_MAPS_V1:
    case ZX_INFO_PROCESS_MAPS_V2:
      return InfoProcessMaps(s, caller, c.handle);  // MAPS-015..017 (older layouts: same data)
    default:
      return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // HANDLE-043
  }
}

// Bytes of a name property: the name without its NUL padding.
static Outcome NameValue(const std::string& name) {
  return Outcome::Ok(BytesResult{Bytes(name.begin(), name.end())});
}

static std::string* NameOf(State& s, zx_koid_t koid) {
  if (auto* v = Find<Vmo>(s, koid)) return &v->name;
  if (auto* p = Find<Process>(s, koid)) return &p->name;
  return nullptr;
}

// zx_object_get_property: VMO-050 generic order, then VMO-052 / VMO-054 / STREAM-061.
Outcome Do(State& s, zx_koid_t caller, const ObjectGetProperty& c) {
  auto e = LookupHandle(s, caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!HasRights(e->rights, ZX_RIGHT_GET_PROPERTY)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-050 (type-agnostic lookup)
  }
  switch (c.property) {
    case ZX_PROP_VMO_CONTENT_SIZE:
      return GetVmoContentSize(s, *e, sizeof(uint64_t));  // VMO-052
    case ZX_PROP_STREAM_MODE_APPEND: {
      const auto* st = Find<Stream>(s, e->object);
      if (st == nullptr) return Outcome::Status(ZX_ERR_WRONG_TYPE);  // STREAM-061
      return Outcome::Ok(U64Result{st->append ? 1u : 0u});
    }
    case ZX_PROP_NAME: {
      const std::string* name = NameOf(s, e->object);
      if (name == nullptr) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);
      return NameValue(*name);  // VMO-054
    }
    default:
      return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // VMO-050
  }
}

// zx_object_set_property: VMO-051 generic order, then VMO-053 / VMO-054 / STREAM-061.
Outcome Do(State& s, zx_koid_t caller, const ObjectSetProperty& c) {
  auto e = LookupHandle(s, caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!HasRights(e->rights, ZX_RIGHT_SET_PROPERTY)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // VMO-051
  }
  switch (c.property) {
    case ZX_PROP_VMO_CONTENT_SIZE:
      return SetVmoContentSize(s, *e, c.value);  // VMO-053
    case ZX_PROP_STREAM_MODE_APPEND: {
      if (c.value.empty()) return Outcome::Status(ZX_ERR_BUFFER_TOO_SMALL);  // STREAM-061
      auto* st = Find<Stream>(s, e->object);
      if (st == nullptr) return Outcome::Status(ZX_ERR_WRONG_TYPE);
      st->append = c.value[0] != 0;
      return Outcome::Ok();
    }
    case ZX_PROP_NAME: {
      std::string* name = NameOf(s, e->object);
      if (name == nullptr) return Outcome::Status(ZX_ERR_NOT_SUPPORTED);
      std::string v(c.value.begin(), c.value.end());
      v = v.substr(0, v.find('\0'));
      *name = v.substr(0, ZX_MAX_NAME_LEN - 1);  // VMO-054: at most 31 bytes
      return Outcome::Ok();
    }
    default:
      return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // VMO-051
  }
}

// HANDLE-053: the signals an object asserts, derived from the state (the model keeps no signal
// word; user signals are never set: there is no zx_object_signal).
static zx_signals_t SignalsOf(const State& s, zx_koid_t koid) {
  const ObjectBody& body = s.objects.at(koid);
  if (const auto* ep = std::get_if<ChannelEndpoint>(&body)) {
    return (ep->queue.empty() ? 0 : ZX_CHANNEL_READABLE) |
           (ep->peer_closed ? ZX_CHANNEL_PEER_CLOSED : ZX_CHANNEL_WRITABLE);
  }
  if (const auto* p = std::get_if<Process>(&body)) {
    return p->state == ProcessState::kDead ? ZX_PROCESS_TERMINATED : 0;
  }
  if (std::holds_alternative<Vmo>(body)) {  // VMO-140
    for (const auto& [k, other] : s.objects) {
      const auto* v = std::get_if<Vmo>(&other);
      if (v != nullptr && v->parent == koid) return 0;
    }
    return ZX_VMO_ZERO_CHILDREN;
  }
  if (const auto* j = std::get_if<Job>(&body)) {  // no child jobs: the model has no job_create
    zx_signals_t out = ZX_JOB_NO_JOBS | ZX_JOB_NO_PROCESSES | ZX_JOB_NO_CHILDREN;
    for (const auto& [k, other] : s.objects) {
      const auto* p = std::get_if<Process>(&other);
      if (p != nullptr && p->job == koid && p->state != ProcessState::kDead) {
        out &= ~(ZX_JOB_NO_PROCESSES | ZX_JOB_NO_CHILDREN);
      }
    }
    return out | (j->killed ? ZX_JOB_TERMINATED : 0);
  }
  return 0;  // streams assert no signals
}

// zx_object_wait_one: HANDLE-051 check order, HANDLE-052 the non-blocking outcome.
Outcome Do(State& s, zx_koid_t caller, const ObjectWaitOne& c) {
  auto e = LookupHandle(s, caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());  // HANDLE-051 (1)
  if (!HasRights(e->rights, ZX_RIGHT_WAIT)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // HANDLE-051 (2)
  }
  const ObjectBody& body = s.objects.at(e->object);
  if (std::holds_alternative<Vmar>(body) || std::holds_alternative<Resource>(body)) {
    return Outcome::Status(ZX_ERR_NOT_SUPPORTED);  // HANDLE-051 (3): not waitable
  }
  const zx_signals_t observed = SignalsOf(s, e->object);
  const zx_status_t status = (observed & c.signals) != 0 ? ZX_OK : ZX_ERR_TIMED_OUT;  // HANDLE-052
  return Outcome{status, U64Result{observed}};
}

}  // namespace zxspec::model
