// Record field tables for expectations: the Zircon zx_info_*_t field names (scenario-format.md
// "Expected values"; process-maps.md P-8 for the mapping sub-fields).
#include <span>

#include "scenario/program.h"

namespace zxspec::scenario {
namespace {

using F = FieldKind;
using C = ConstKind;

constexpr FieldInfo kHandleBasic[] = {
    {"koid", F::kKoid, C::kLimit},          {"rights", F::kFlags, C::kRight},
    {"type", F::kEnum, C::kObjType},        {"related_koid", F::kKoid, C::kLimit},
    {"reserved", F::kInt, C::kLimit},
};

constexpr FieldInfo kInfoVmo[] = {
    {"koid", F::kKoid, C::kLimit},
    {"name", F::kName, C::kLimit},
    {"size_bytes", F::kInt, C::kLimit},
    {"parent_koid", F::kKoid, C::kLimit},
    {"num_children", F::kInt, C::kLimit},
    {"num_mappings", F::kInt, C::kLimit},
    {"share_count", F::kInt, C::kLimit},
    {"flags", F::kFlags, C::kInfoVmoFlag},
    {"committed_bytes", F::kInt, C::kLimit},
    {"handle_rights", F::kFlags, C::kRight},
    {"cache_policy", F::kEnum, C::kCachePolicy},
    {"metadata_bytes", F::kInt, C::kLimit},
    {"committed_change_events", F::kInt, C::kLimit},
    {"populated_bytes", F::kInt, C::kLimit},
    {"committed_private_bytes", F::kInt, C::kLimit},
    {"populated_private_bytes", F::kInt, C::kLimit},
    {"committed_scaled_bytes", F::kInt, C::kLimit},
    {"populated_scaled_bytes", F::kInt, C::kLimit},
    {"committed_fractional_scaled_bytes", F::kInt, C::kLimit},
    {"populated_fractional_scaled_bytes", F::kInt, C::kLimit},
};

constexpr FieldInfo kInfoVmar[] = {
    {"base", F::kInt, C::kLimit},
    {"len", F::kInt, C::kLimit},
};

constexpr FieldInfo kInfoStream[] = {
    {"options", F::kFlags, C::kStreamMode},
    {"seek", F::kInt, C::kLimit},
    {"content_size", F::kInt, C::kLimit},
};

constexpr FieldInfo kHandleCount[] = {
    {"handle_count", F::kInt, C::kLimit},
};

constexpr FieldInfo kMaps[] = {
    {"name", F::kName, C::kLimit},
    {"base", F::kInt, C::kLimit},
    {"size", F::kInt, C::kLimit},
    {"depth", F::kInt, C::kLimit},
    {"type", F::kEnum, C::kMapsType},
    {"mmu_flags", F::kFlags, C::kVmOption},
    {"vmo_koid", F::kKoid, C::kLimit},
    {"vmo_offset", F::kInt, C::kLimit},
    {"committed_bytes", F::kInt, C::kLimit},
    {"populated_bytes", F::kInt, C::kLimit},
    {"committed_pages", F::kInt, C::kLimit},
    {"populated_pages", F::kInt, C::kLimit},
    {"committed_private_bytes", F::kInt, C::kLimit},
    {"populated_private_bytes", F::kInt, C::kLimit},
    {"committed_scaled_bytes", F::kInt, C::kLimit},
    {"populated_scaled_bytes", F::kInt, C::kLimit},
    {"committed_fractional_scaled_bytes", F::kInt, C::kLimit},
    {"populated_fractional_scaled_bytes", F::kInt, C::kLimit},
};

constexpr FieldInfo kHandleInfo[] = {
    {"handle", F::kHandle, C::kLimit},
    {"type", F::kEnum, C::kObjType},
    {"rights", F::kFlags, C::kRight},
};

}  // namespace

std::span<const FieldInfo> FieldsOf(ValueType t) {
  switch (t) {
    case ValueType::kHandleBasic: return kHandleBasic;
    case ValueType::kInfoVmo: return kInfoVmo;
    case ValueType::kInfoVmar: return kInfoVmar;
    case ValueType::kInfoStream: return kInfoStream;
    case ValueType::kHandleCount: return kHandleCount;
    case ValueType::kMaps: return kMaps;
    case ValueType::kHandleInfo: return kHandleInfo;
    case ValueType::kHandle:
    case ValueType::kInt:
    case ValueType::kBytes:
    case ValueType::kList: return {};
  }
  return {};
}

const FieldInfo* FindField(ValueType t, std::string_view name) {
  for (const auto& f : FieldsOf(t)) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kHandle: return "a handle";
    case ValueType::kInt: return "an integer";
    case ValueType::kBytes: return "a byte string";
    case ValueType::kHandleBasic: return "a zx_info_handle_basic_t record";
    case ValueType::kInfoVmo: return "a zx_info_vmo_t record";
    case ValueType::kInfoVmar: return "a zx_info_vmar_t record";
    case ValueType::kInfoStream: return "a zx_info_stream_t record";
    case ValueType::kHandleCount: return "a zx_info_handle_count_t record";
    case ValueType::kMaps: return "a zx_info_maps_t record";
    case ValueType::kHandleInfo: return "a {handle, type, rights} record";
    case ValueType::kList: return "a list of zx_info_maps_t records";
  }
  return "?";
}

}  // namespace zxspec::scenario
