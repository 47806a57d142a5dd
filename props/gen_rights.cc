#include "props/gen_rights.h"

#include <bit>
#include <vector>

namespace zxspec::props {

std::span<const RightsNeed> RightsNeeds() {
  static const std::vector<RightsNeed> table = {
      // handles-rights.md
      {"handle_duplicate", ZX_OBJ_TYPE_VMO, ZX_RIGHT_DUPLICATE, false, "HANDLE-021"},
      {"handle_duplicate", ZX_OBJ_TYPE_VMAR, ZX_RIGHT_DUPLICATE, false, "HANDLE-021"},
      {"handle_duplicate", ZX_OBJ_TYPE_PROCESS, ZX_RIGHT_DUPLICATE, false, "HANDLE-021"},
      {"handle_duplicate", ZX_OBJ_TYPE_STREAM, ZX_RIGHT_DUPLICATE, false, "HANDLE-021"},
      // vmo.md
      {"object_get_property", ZX_OBJ_TYPE_VMO, ZX_RIGHT_GET_PROPERTY, false, "VMO-050"},
      {"object_set_property", ZX_OBJ_TYPE_VMO, ZX_RIGHT_SET_PROPERTY | ZX_RIGHT_WRITE, false,
       "VMO-051 VMO-053"},
      {"vmo_read", ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ, false, "VMO-020"},
      {"vmo_write", ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE, false, "VMO-020"},
      {"vmo_set_size", ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE | ZX_RIGHT_RESIZE, false,
       "VMO-035 VMO-036"},
      {"vmo_set_stream_size", ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE, false, "VMO-045"},
      {"vmo_op_range", ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE, false, "VMO-061 VMO-064 VMO-100"},
      {"vmo_create_child", ZX_OBJ_TYPE_VMO, ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ, false, "VMO-072"},
      {"vmo_create_child", ZX_OBJ_TYPE_VMO, ZX_RIGHT_RESIZE, false, "VMO-072 (REFERENCE)"},
      // stream.md
      {"stream_create", ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ | ZX_RIGHT_WRITE, false, "STREAM-011"},
      {"stream_readv", ZX_OBJ_TYPE_STREAM, ZX_RIGHT_READ, false, "STREAM-022"},
      {"stream_writev", ZX_OBJ_TYPE_STREAM, ZX_RIGHT_WRITE, false, "STREAM-032"},
      {"stream_seek", ZX_OBJ_TYPE_STREAM, ZX_RIGHT_READ | ZX_RIGHT_WRITE, true, "STREAM-051"},
      {"object_get_info", ZX_OBJ_TYPE_STREAM, ZX_RIGHT_INSPECT, false, "STREAM-060"},
      // vmar.md
      {"vmar_map", ZX_OBJ_TYPE_VMO, ZX_RIGHT_MAP | ZX_RIGHT_READ | ZX_RIGHT_WRITE, false,
       "VMAR-021"},
      {"vmar_map", ZX_OBJ_TYPE_VMAR, ZX_RIGHT_READ | ZX_RIGHT_WRITE, false, "VMAR-021"},
      {"vmar_allocate", ZX_OBJ_TYPE_VMAR, ZX_RIGHT_READ | ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE, false,
       "VMAR-013"},
      {"vmar_protect", ZX_OBJ_TYPE_VMAR, ZX_RIGHT_READ | ZX_RIGHT_WRITE, false, "VMAR-041"},
      {"vmar_destroy", ZX_OBJ_TYPE_VMAR, ZX_RIGHT_OP_CHILDREN, false, "VMAR-051"},
      {"vmar_unmap", ZX_OBJ_TYPE_VMAR, ZX_RIGHT_OP_CHILDREN, false, "VMAR-032"},
      {"vmar_create_vmo_child", ZX_OBJ_TYPE_VMAR, ZX_RIGHT_INSPECT, false, "VMAR-082"},
      {"object_get_info", ZX_OBJ_TYPE_VMAR, ZX_RIGHT_INSPECT, false, "MAPS-003 MAPS-010"},
      // process-maps.md
      {"process_create", ZX_OBJ_TYPE_JOB, ZX_RIGHT_MANAGE_PROCESS, false, "PROC-011"},
      {"task_kill", ZX_OBJ_TYPE_PROCESS, ZX_RIGHT_DESTROY, false, "PROC-021"},
      {"process_start", ZX_OBJ_TYPE_PROCESS, ZX_RIGHT_WRITE, false, "PROC-031"},
      {"process_start", ZX_OBJ_TYPE_VMO, ZX_RIGHT_TRANSFER, false, "PROC-031"},
      {"object_get_info", ZX_OBJ_TYPE_PROCESS, ZX_RIGHT_INSPECT, false, "MAPS-015"},
      // channel-fidl.md
      {"channel_write", ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_WRITE, false, "CHAN-022"},
      {"channel_write", ZX_OBJ_TYPE_VMO, ZX_RIGHT_TRANSFER, false, "CHAN-022"},
      {"channel_read", ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_READ, false, "CHAN-041"},
      {"channel_write_etc", ZX_OBJ_TYPE_VMO, ZX_RIGHT_TRANSFER | ZX_RIGHT_DUPLICATE, false,
       "CHAN-031"},
  };
  return table;
}

zx_rights_t OneShort(zx_rights_t have, const RightsNeed& need, size_t pick) {
  if (need.any_of) return have & ~need.rights;
  const int bits = std::popcount(need.rights);
  if (bits == 0) return have;
  int skip = static_cast<int>(pick % static_cast<size_t>(bits));
  for (zx_rights_t r = need.rights; r != 0; r &= r - 1) {
    if (skip-- == 0) return have & ~(r & (~r + 1));  // drop the chosen lowest remaining bit
  }
  return have;
}

}  // namespace zxspec::props
