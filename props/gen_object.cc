// Generators for zx_object_get_info, zx_object_get_property / zx_object_set_property and
// zx_object_wait_one (HANDLE-050..053)
// (handles-rights.md HANDLE-040..044, vmo.md VMO-050..054, stream.md STREAM-060/061,
// process-maps.md MAPS-003..024).
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

namespace {

// The object type a topic is about (the handle bias then leans toward it; other types still
// come up for WRONG_TYPE).
zx_obj_type_t TopicType(uint32_t topic) {
  switch (topic) {
    case ZX_INFO_VMO:
    case ZX_INFO_VMO_V1:
    case ZX_INFO_VMO_V2:
    case ZX_INFO_VMO_V3: return ZX_OBJ_TYPE_VMO;
    case ZX_INFO_VMAR:
    case ZX_INFO_VMAR_MAPS: return ZX_OBJ_TYPE_VMAR;
    case ZX_INFO_PROCESS_MAPS:
    case ZX_INFO_PROCESS_MAPS_V1:
    case ZX_INFO_PROCESS_MAPS_V2: return ZX_OBJ_TYPE_PROCESS;
    case ZX_INFO_STREAM: return ZX_OBJ_TYPE_STREAM;
    default: return ZX_OBJ_TYPE_NONE;
  }
}

zx_obj_type_t PropertyType(uint32_t property) {
  switch (property) {
    case ZX_PROP_VMO_CONTENT_SIZE: return ZX_OBJ_TYPE_VMO;
    case ZX_PROP_STREAM_MODE_APPEND: return ZX_OBJ_TYPE_STREAM;
    default: return ZX_OBJ_TYPE_NONE;
  }
}

// Known properties, and ids no object has (VMO-050/051 NOT_SUPPORTED).
rc::Gen<uint32_t> GenProperty() {
  return GenEnum({ZX_PROP_NAME, ZX_PROP_VMO_CONTENT_SIZE, ZX_PROP_STREAM_MODE_APPEND},
                 {0, 4, 999});
}

// The value buffer of a set: u64 values anchored at the VMO's sizes for CONTENT_SIZE (VMO-053:
// equal, above the VMO size), 0 / 1 / 0xFF for MODE_APPEND (STREAM-061), names of 0..40 bytes
// with embedded NULs (VMO-054); now and then a buffer shorter than the property
// (BUFFER_TOO_SMALL: none, 7 bytes) or longer (its first bytes count).
rc::Gen<Bytes> GenPropertyValue(const ViewPtr& v, uint32_t property, zx_handle_t h) {
  switch (property) {
    case ZX_PROP_VMO_CONTENT_SIZE:
      return gen::weightedOneOf<Bytes>(
          {{8, gen::map(GenU64(VmoAnchors(*v, h)), [](uint64_t x) { return EncodeU64(x); })},
           {1, gen::element(Bytes{}, Bytes(7, 0x10), Bytes(9, 0))}});
    case ZX_PROP_STREAM_MODE_APPEND:
      return gen::element(Bytes{1}, Bytes{0}, Bytes{0xFF}, Bytes{}, Bytes{1, 0});
    case ZX_PROP_NAME:
      return gen::element(Bytes{}, Bytes{'v', 'm', 'o'}, Bytes{'a', 0, 'b'},
                          Bytes(31, 'n'), Bytes(32, 'n'), Bytes(40, 'x'));
    default:
      return gen::map(GenU64(), [](uint64_t x) { return EncodeU64(x); });
  }
}

}  // namespace

// The topic first (known ones, HANDLE-043 unknown ones), then a handle leaning to its type.
rc::Gen<Call> GenObjectGetInfo(const ViewPtr& v) {
  return gen::exec([v] {
    ObjectGetInfo c;
    c.topic = *GenEnum({ZX_INFO_HANDLE_VALID, ZX_INFO_HANDLE_BASIC, ZX_INFO_HANDLE_COUNT,
                        ZX_INFO_VMO, ZX_INFO_VMO_V1, ZX_INFO_VMO_V2, ZX_INFO_VMO_V3, ZX_INFO_VMAR,
                        ZX_INFO_VMAR_MAPS, ZX_INFO_PROCESS_MAPS, ZX_INFO_PROCESS_MAPS_V1,
                        ZX_INFO_PROCESS_MAPS_V2, ZX_INFO_STREAM},
                       {ZX_INFO_NONE, 3, ZX_INFO_PROCESS_VMOS, 0xDEADBEEF});
    c.handle = *GenHandle(v, TopicType(c.topic));
    return Call{c};
  });
}

rc::Gen<Call> GenObjectGetProperty(const ViewPtr& v) {
  return gen::exec([v] {
    ObjectGetProperty c;
    c.property = *GenProperty();
    c.handle = *GenHandle(v, PropertyType(c.property));
    return Call{c};
  });
}

rc::Gen<Call> GenObjectSetProperty(const ViewPtr& v) {
  return gen::exec([v] {
    ObjectSetProperty c;
    c.property = *GenProperty();
    c.handle = *GenHandle(v, PropertyType(c.property));
    c.value = *GenPropertyValue(v, c.property, c.handle);
    return Call{c};
  });
}

// Any handle (every type asserts its own signals, HANDLE-053); signal sets of one type's bits,
// several types', none, or every bit; deadlines in the past only: an unsatisfied wait with a
// later deadline would block a real kernel under test (HANDLE-052).
rc::Gen<Call> GenObjectWaitOne(const ViewPtr& v) {
  return gen::exec([v] {
    ObjectWaitOne c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_NONE);
    c.signals = *gen::elementOf(std::vector<zx_signals_t>{
        ZX_CHANNEL_READABLE, ZX_CHANNEL_WRITABLE, ZX_CHANNEL_PEER_CLOSED,
        ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED, ZX_VMO_ZERO_CHILDREN, ZX_TASK_TERMINATED,
        ZX_JOB_NO_PROCESSES | ZX_JOB_NO_JOBS, ZX_USER_SIGNAL_0, 0u, 0xFFFFFFFFu});
    c.deadline = *gen::elementOf(std::vector<zx_time_t>{0, ZX_TIME_INFINITE_PAST, -1});
    return Call{c};
  });
}

}  // namespace zxspec::props
