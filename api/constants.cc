#include "api/constants.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>

namespace zxspec {
namespace {

#define ZXSPEC_CONST(kind, name) \
  NamedConstant { #name, static_cast<uint64_t>(name), ConstKind::kind }

// Statuses are stored as their 32-bit two's complement pattern sign-extended to 64 bits.
constexpr uint64_t StatusBits(zx_status_t s) {
  return static_cast<uint64_t>(static_cast<int64_t>(s));
}

const std::vector<NamedConstant>& ConstantTable() {
  static const std::vector<NamedConstant> table = [] {
    std::vector<NamedConstant> t = {
    ZXSPEC_CONST(kStatus, ZX_OK),
    ZXSPEC_CONST(kStatus, ZX_ERR_INTERNAL),
    ZXSPEC_CONST(kStatus, ZX_ERR_NOT_SUPPORTED),
    ZXSPEC_CONST(kStatus, ZX_ERR_NO_RESOURCES),
    ZXSPEC_CONST(kStatus, ZX_ERR_NO_MEMORY),
    ZXSPEC_CONST(kStatus, ZX_ERR_INTERNAL_INTR_RETRY),
    ZXSPEC_CONST(kStatus, ZX_ERR_INVALID_ARGS),
    ZXSPEC_CONST(kStatus, ZX_ERR_BAD_HANDLE),
    ZXSPEC_CONST(kStatus, ZX_ERR_WRONG_TYPE),
    ZXSPEC_CONST(kStatus, ZX_ERR_BAD_SYSCALL),
    ZXSPEC_CONST(kStatus, ZX_ERR_OUT_OF_RANGE),
    ZXSPEC_CONST(kStatus, ZX_ERR_BUFFER_TOO_SMALL),
    ZXSPEC_CONST(kStatus, ZX_ERR_BAD_STATE),
    ZXSPEC_CONST(kStatus, ZX_ERR_TIMED_OUT),
    ZXSPEC_CONST(kStatus, ZX_ERR_SHOULD_WAIT),
    ZXSPEC_CONST(kStatus, ZX_ERR_CANCELED),
    ZXSPEC_CONST(kStatus, ZX_ERR_PEER_CLOSED),
    ZXSPEC_CONST(kStatus, ZX_ERR_NOT_FOUND),
    ZXSPEC_CONST(kStatus, ZX_ERR_ALREADY_EXISTS),
    ZXSPEC_CONST(kStatus, ZX_ERR_ALREADY_BOUND),
    ZXSPEC_CONST(kStatus, ZX_ERR_UNAVAILABLE),
    ZXSPEC_CONST(kStatus, ZX_ERR_ACCESS_DENIED),
    ZXSPEC_CONST(kStatus, ZX_ERR_IO),
    ZXSPEC_CONST(kStatus, ZX_ERR_IO_REFUSED),
    ZXSPEC_CONST(kStatus, ZX_ERR_IO_DATA_INTEGRITY),
    ZXSPEC_CONST(kStatus, ZX_ERR_IO_DATA_LOSS),
    ZXSPEC_CONST(kStatus, ZX_ERR_IO_NOT_PRESENT),
    ZXSPEC_CONST(kStatus, ZX_ERR_IO_OVERRUN),
    ZXSPEC_CONST(kStatus, ZX_ERR_IO_MISSED_DEADLINE),
    ZXSPEC_CONST(kStatus, ZX_ERR_IO_INVALID),
    ZXSPEC_CONST(kStatus, ZX_ERR_BAD_PATH),
    ZXSPEC_CONST(kStatus, ZX_ERR_NOT_DIR),
    ZXSPEC_CONST(kStatus, ZX_ERR_NOT_FILE),
    ZXSPEC_CONST(kStatus, ZX_ERR_FILE_BIG),
    ZXSPEC_CONST(kStatus, ZX_ERR_NO_SPACE),
    ZXSPEC_CONST(kStatus, ZX_ERR_NOT_EMPTY),
    ZXSPEC_CONST(kStatus, ZX_ERR_STOP),
    ZXSPEC_CONST(kStatus, ZX_ERR_NEXT),
    ZXSPEC_CONST(kStatus, ZX_ERR_ASYNC),
    ZXSPEC_CONST(kStatus, ZX_ERR_PROTOCOL_NOT_SUPPORTED),
    ZXSPEC_CONST(kStatus, ZX_ERR_ADDRESS_UNREACHABLE),
    ZXSPEC_CONST(kStatus, ZX_ERR_ADDRESS_IN_USE),
    ZXSPEC_CONST(kStatus, ZX_ERR_NOT_CONNECTED),
    ZXSPEC_CONST(kStatus, ZX_ERR_CONNECTION_REFUSED),
    ZXSPEC_CONST(kStatus, ZX_ERR_CONNECTION_RESET),
    ZXSPEC_CONST(kStatus, ZX_ERR_CONNECTION_ABORTED),
    ZXSPEC_CONST(kRight, ZX_RIGHT_NONE),
    ZXSPEC_CONST(kRight, ZX_RIGHT_DUPLICATE),
    ZXSPEC_CONST(kRight, ZX_RIGHT_TRANSFER),
    ZXSPEC_CONST(kRight, ZX_RIGHT_READ),
    ZXSPEC_CONST(kRight, ZX_RIGHT_WRITE),
    ZXSPEC_CONST(kRight, ZX_RIGHT_EXECUTE),
    ZXSPEC_CONST(kRight, ZX_RIGHT_MAP),
    ZXSPEC_CONST(kRight, ZX_RIGHT_GET_PROPERTY),
    ZXSPEC_CONST(kRight, ZX_RIGHT_SET_PROPERTY),
    ZXSPEC_CONST(kRight, ZX_RIGHT_ENUMERATE),
    ZXSPEC_CONST(kRight, ZX_RIGHT_DESTROY),
    ZXSPEC_CONST(kRight, ZX_RIGHT_SET_POLICY),
    ZXSPEC_CONST(kRight, ZX_RIGHT_GET_POLICY),
    ZXSPEC_CONST(kRight, ZX_RIGHT_SIGNAL),
    ZXSPEC_CONST(kRight, ZX_RIGHT_SIGNAL_PEER),
    ZXSPEC_CONST(kRight, ZX_RIGHT_WAIT),
    ZXSPEC_CONST(kRight, ZX_RIGHT_INSPECT),
    ZXSPEC_CONST(kRight, ZX_RIGHT_MANAGE_JOB),
    ZXSPEC_CONST(kRight, ZX_RIGHT_MANAGE_PROCESS),
    ZXSPEC_CONST(kRight, ZX_RIGHT_MANAGE_THREAD),
    ZXSPEC_CONST(kRight, ZX_RIGHT_APPLY_PROFILE),
    ZXSPEC_CONST(kRight, ZX_RIGHT_MANAGE_SOCKET),
    ZXSPEC_CONST(kRight, ZX_RIGHT_OP_CHILDREN),
    ZXSPEC_CONST(kRight, ZX_RIGHT_RESIZE),
    ZXSPEC_CONST(kRight, ZX_RIGHT_ATTACH_VMO),
    ZXSPEC_CONST(kRight, ZX_RIGHT_MANAGE_VMO),
    ZXSPEC_CONST(kRight, ZX_RIGHT_SAME_RIGHTS),
    ZXSPEC_CONST(kRight, ZX_RIGHTS_BASIC),
    ZXSPEC_CONST(kRight, ZX_RIGHTS_IO),
    ZXSPEC_CONST(kRight, ZX_RIGHTS_PROPERTY),
    ZXSPEC_CONST(kRight, ZX_RIGHTS_POLICY),
    ZXSPEC_CONST(kRight, ZX_DEFAULT_VMO_RIGHTS),
    ZXSPEC_CONST(kRight, ZX_DEFAULT_STREAM_RIGHTS),
    ZXSPEC_CONST(kRight, ZX_DEFAULT_VMAR_RIGHTS),
    ZXSPEC_CONST(kRight, ZX_DEFAULT_PROCESS_RIGHTS),
    ZXSPEC_CONST(kRight, ZX_DEFAULT_CHANNEL_RIGHTS),
    ZXSPEC_CONST(kRight, ZX_DEFAULT_JOB_RIGHTS),
    ZXSPEC_CONST(kRight, ZX_DEFAULT_RESOURCE_RIGHTS),
    ZXSPEC_CONST(kRight, ZX_DEFAULT_THREAD_RIGHTS),
    ZXSPEC_CONST(kRight, ZX_DEFAULT_EVENT_RIGHTS),
    ZXSPEC_CONST(kLimit, ZX_HANDLE_INVALID),
    ZXSPEC_CONST(kLimit, ZX_KOID_INVALID),
    ZXSPEC_CONST(kLimit, ZX_KOID_FIRST),
    ZXSPEC_CONST(kLimit, ZX_MAX_NAME_LEN),
    ZXSPEC_CONST(kHandleOp, ZX_HANDLE_OP_MOVE),
    ZXSPEC_CONST(kHandleOp, ZX_HANDLE_OP_DUPLICATE),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_NONE),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_PROCESS),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_THREAD),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_VMO),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_CHANNEL),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_EVENT),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_PORT),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_RESOURCE),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_JOB),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_VMAR),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_PAGER),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_CLOCK),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_STREAM),
    ZXSPEC_CONST(kObjType, ZX_OBJ_TYPE_IOB),
    ZXSPEC_CONST(kVmoOption, ZX_VMO_RESIZABLE),
    ZXSPEC_CONST(kVmoOption, ZX_VMO_DISCARDABLE),
    ZXSPEC_CONST(kVmoOption, ZX_VMO_TRAP_DIRTY),
    ZXSPEC_CONST(kVmoOption, ZX_VMO_UNBOUNDED),
    ZXSPEC_CONST(kVmoChildOption, ZX_VMO_CHILD_SNAPSHOT),
    ZXSPEC_CONST(kVmoChildOption, ZX_VMO_CHILD_RESIZABLE),
    ZXSPEC_CONST(kVmoChildOption, ZX_VMO_CHILD_SLICE),
    ZXSPEC_CONST(kVmoChildOption, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE),
    ZXSPEC_CONST(kVmoChildOption, ZX_VMO_CHILD_NO_WRITE),
    ZXSPEC_CONST(kVmoChildOption, ZX_VMO_CHILD_REFERENCE),
    ZXSPEC_CONST(kVmoChildOption, ZX_VMO_CHILD_SNAPSHOT_MODIFIED),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_COMMIT),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_DECOMMIT),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_LOCK),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_UNLOCK),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_CACHE_SYNC),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_CACHE_INVALIDATE),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_CACHE_CLEAN),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_CACHE_CLEAN_INVALIDATE),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_ZERO),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_TRY_LOCK),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_DONT_NEED),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_ALWAYS_NEED),
    ZXSPEC_CONST(kVmoOp, ZX_VMO_OP_PREFETCH),
    ZXSPEC_CONST(kLimit, ZX_PAGE_SIZE),
    ZXSPEC_CONST(kTopic, ZX_INFO_NONE),
    ZXSPEC_CONST(kTopic, ZX_INFO_HANDLE_VALID),
    ZXSPEC_CONST(kTopic, ZX_INFO_HANDLE_BASIC),
    ZXSPEC_CONST(kTopic, ZX_INFO_VMAR),
    ZXSPEC_CONST(kTopic, ZX_INFO_HANDLE_COUNT),
    ZXSPEC_CONST(kTopic, ZX_INFO_STREAM),
    ZXSPEC_CONST(kTopic, ZX_INFO_VMAR_MAPS),
    ZXSPEC_CONST(kTopic, ZX_INFO_VMO_V1),
    ZXSPEC_CONST(kTopic, ZX_INFO_VMO_V2),
    ZXSPEC_CONST(kTopic, ZX_INFO_VMO_V3),
    ZXSPEC_CONST(kTopic, ZX_INFO_VMO),
    ZXSPEC_CONST(kTopic, ZX_INFO_PROCESS_MAPS_V1),
    ZXSPEC_CONST(kTopic, ZX_INFO_PROCESS_MAPS_V2),
    ZXSPEC_CONST(kTopic, ZX_INFO_PROCESS_MAPS),
    ZXSPEC_CONST(kTopic, ZX_INFO_PROCESS_VMOS),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_TYPE_PHYSICAL),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_TYPE_PAGED),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_RESIZABLE),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_IS_COW_CLONE),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_VIA_HANDLE),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_VIA_MAPPING),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_PAGER_BACKED),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_CONTIGUOUS),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_DISCARDABLE),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_IMMUTABLE),
    ZXSPEC_CONST(kInfoVmoFlag, ZX_INFO_VMO_VIA_IOB_HANDLE),
    ZXSPEC_CONST(kMapsType, ZX_INFO_MAPS_TYPE_NONE),
    ZXSPEC_CONST(kMapsType, ZX_INFO_MAPS_TYPE_ASPACE),
    ZXSPEC_CONST(kMapsType, ZX_INFO_MAPS_TYPE_VMAR),
    ZXSPEC_CONST(kMapsType, ZX_INFO_MAPS_TYPE_MAPPING),
    ZXSPEC_CONST(kProperty, ZX_PROP_NAME),
    ZXSPEC_CONST(kProperty, ZX_PROP_VMO_CONTENT_SIZE),
    ZXSPEC_CONST(kProperty, ZX_PROP_STREAM_MODE_APPEND),
    ZXSPEC_CONST(kStreamMode, ZX_STREAM_MODE_READ),
    ZXSPEC_CONST(kStreamMode, ZX_STREAM_MODE_WRITE),
    ZXSPEC_CONST(kStreamMode, ZX_STREAM_MODE_APPEND),
    ZXSPEC_CONST(kStreamOption, ZX_STREAM_APPEND),
    ZXSPEC_CONST(kSeekOrigin, ZX_STREAM_SEEK_ORIGIN_START),
    ZXSPEC_CONST(kSeekOrigin, ZX_STREAM_SEEK_ORIGIN_CURRENT),
    ZXSPEC_CONST(kSeekOrigin, ZX_STREAM_SEEK_ORIGIN_END),
    ZXSPEC_CONST(kCachePolicy, ZX_CACHE_POLICY_CACHED),
    ZXSPEC_CONST(kCachePolicy, ZX_CACHE_POLICY_UNCACHED),
    ZXSPEC_CONST(kCachePolicy, ZX_CACHE_POLICY_UNCACHED_DEVICE),
    ZXSPEC_CONST(kCachePolicy, ZX_CACHE_POLICY_WRITE_COMBINING),
    ZXSPEC_CONST(kResourceKind, ZX_RSRC_KIND_MMIO),
    ZXSPEC_CONST(kResourceKind, ZX_RSRC_KIND_IRQ),
    ZXSPEC_CONST(kResourceKind, ZX_RSRC_KIND_IOPORT),
    ZXSPEC_CONST(kResourceKind, ZX_RSRC_KIND_ROOT),
    ZXSPEC_CONST(kResourceKind, ZX_RSRC_KIND_SMC),
    ZXSPEC_CONST(kResourceKind, ZX_RSRC_KIND_SYSTEM),
    ZXSPEC_CONST(kLimit, ZX_RSRC_SYSTEM_VMEX_BASE),
    ZXSPEC_CONST(kSignal, ZX_CHANNEL_READABLE),
    ZXSPEC_CONST(kSignal, ZX_CHANNEL_WRITABLE),
    ZXSPEC_CONST(kSignal, ZX_CHANNEL_PEER_CLOSED),
    ZXSPEC_CONST(kSignal, ZX_VMO_ZERO_CHILDREN),
    ZXSPEC_CONST(kSignal, ZX_TASK_TERMINATED),
    ZXSPEC_CONST(kSignal, ZX_PROCESS_TERMINATED),
    ZXSPEC_CONST(kSignal, ZX_JOB_TERMINATED),
    ZXSPEC_CONST(kSignal, ZX_JOB_NO_JOBS),
    ZXSPEC_CONST(kSignal, ZX_JOB_NO_PROCESSES),
    ZXSPEC_CONST(kSignal, ZX_JOB_NO_CHILDREN),
    ZXSPEC_CONST(kSignal, ZX_SIGNAL_NONE),
    ZXSPEC_CONST(kSignal, ZX_SIGNAL_HANDLE_CLOSED),
    ZXSPEC_CONST(kSignal, ZX_USER_SIGNAL_0),
    ZXSPEC_CONST(kSignal, ZX_USER_SIGNAL_7),
    ZXSPEC_CONST(kLimit, ZX_TIME_INFINITE),
    ZXSPEC_CONST(kLimit, ZX_TIME_INFINITE_PAST),
    ZXSPEC_CONST(kVmOption, ZX_VM_PERM_READ),
    ZXSPEC_CONST(kVmOption, ZX_VM_PERM_WRITE),
    ZXSPEC_CONST(kVmOption, ZX_VM_PERM_EXECUTE),
    ZXSPEC_CONST(kVmOption, ZX_VM_COMPACT),
    ZXSPEC_CONST(kVmOption, ZX_VM_SPECIFIC),
    ZXSPEC_CONST(kVmOption, ZX_VM_SPECIFIC_OVERWRITE),
    ZXSPEC_CONST(kVmOption, ZX_VM_CAN_MAP_SPECIFIC),
    ZXSPEC_CONST(kVmOption, ZX_VM_CAN_MAP_READ),
    ZXSPEC_CONST(kVmOption, ZX_VM_CAN_MAP_WRITE),
    ZXSPEC_CONST(kVmOption, ZX_VM_CAN_MAP_EXECUTE),
    ZXSPEC_CONST(kVmOption, ZX_VM_MAP_RANGE),
    ZXSPEC_CONST(kVmOption, ZX_VM_REQUIRE_NON_RESIZABLE),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALLOW_FAULTS),
    ZXSPEC_CONST(kVmOption, ZX_VM_OFFSET_IS_UPPER_LIMIT),
    ZXSPEC_CONST(kVmOption, ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED),
    ZXSPEC_CONST(kVmOption, ZX_VM_FAULT_BEYOND_STREAM_SIZE),
    ZXSPEC_CONST(kVmOption, ZX_VM_CANNOT_CREATE_VMO_CHILD),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_1KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_2KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_4KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_8KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_16KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_32KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_64KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_128KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_256KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_512KB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_1MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_2MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_4MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_8MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_16MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_32MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_64MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_128MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_256MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_512MB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_1GB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_2GB),
    ZXSPEC_CONST(kVmOption, ZX_VM_ALIGN_4GB),
    ZXSPEC_CONST(kProcessOption, ZX_PROCESS_SHARED),
    ZXSPEC_CONST(kLimit, ZX_CHANNEL_MAX_MSG_BYTES),
    ZXSPEC_CONST(kLimit, ZX_CHANNEL_MAX_MSG_HANDLES),        NamedConstant{"PAGE_SIZE", ZX_PAGE_SIZE, ConstKind::kLimit},
        NamedConstant{"VMO_MAX_SIZE", kVmoMaxSize, ConstKind::kLimit},
        NamedConstant{"UINT64_MAX", std::numeric_limits<uint64_t>::max(), ConstKind::kLimit},
        NamedConstant{"INT64_MAX", static_cast<uint64_t>(std::numeric_limits<int64_t>::max()),
                      ConstKind::kLimit},
        NamedConstant{"UINT32_MAX", std::numeric_limits<uint32_t>::max(), ConstKind::kLimit},
        NamedConstant{"USER_ASPACE_BASE", kUserAspaceBase, ConstKind::kLimit},
        NamedConstant{"USER_ASPACE_SIZE", kUserAspaceSize, ConstKind::kLimit},
    };
    for (auto& c : t) {
      if (c.kind == ConstKind::kStatus) c.value = StatusBits(static_cast<zx_status_t>(c.value));
    }
    return t;
  }();
  return table;
}

#undef ZXSPEC_CONST

bool IsSingleBit(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The short forms a constant can be written in, for an argument of |kind|.
bool Matches(std::string_view name, const NamedConstant& c, ConstKind kind) {
  if (name == c.name) return true;
  if (c.name.substr(0, 3) == "ZX_" && name == c.name.substr(3)) return true;
  if (c.kind != kind) return false;
  for (std::string_view prefix : KindPrefixes(kind)) {
    if (c.name.size() > prefix.size() && c.name.substr(0, prefix.size()) == prefix &&
        name == c.name.substr(prefix.size())) {
      return true;
    }
  }
  return false;
}

std::string_view StripPrefix(std::string_view name, ConstKind kind) {
  for (std::string_view prefix : KindPrefixes(kind)) {
    if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
      return name.substr(prefix.size());
    }
  }
  return name;
}

}  // namespace

std::span<const NamedConstant> AllConstants() { return ConstantTable(); }

std::span<const std::string_view> KindPrefixes(ConstKind kind) {
  static constexpr std::string_view kStatus[] = {"ZX_ERR_", "ZX_"};
  static constexpr std::string_view kRight[] = {"ZX_RIGHTS_", "ZX_RIGHT_", "ZX_"};
  static constexpr std::string_view kVmoOption[] = {"ZX_VMO_"};
  static constexpr std::string_view kVmoChildOption[] = {"ZX_VMO_CHILD_"};
  static constexpr std::string_view kVmOption[] = {"ZX_VM_"};
  static constexpr std::string_view kVmoOp[] = {"ZX_VMO_OP_"};
  static constexpr std::string_view kTopic[] = {"ZX_INFO_"};
  static constexpr std::string_view kProperty[] = {"ZX_PROP_"};
  static constexpr std::string_view kObjType[] = {"ZX_OBJ_TYPE_"};
  static constexpr std::string_view kStreamMode[] = {"ZX_STREAM_MODE_", "ZX_STREAM_"};
  static constexpr std::string_view kStreamOption[] = {"ZX_STREAM_"};
  static constexpr std::string_view kSeekOrigin[] = {"ZX_STREAM_SEEK_ORIGIN_", "ZX_STREAM_"};
  static constexpr std::string_view kHandleOp[] = {"ZX_HANDLE_OP_"};
  static constexpr std::string_view kInfoVmoFlag[] = {"ZX_INFO_VMO_"};
  static constexpr std::string_view kMapsType[] = {"ZX_INFO_MAPS_TYPE_"};
  static constexpr std::string_view kProcessOption[] = {"ZX_PROCESS_"};
  static constexpr std::string_view kCachePolicy[] = {"ZX_CACHE_POLICY_"};
  static constexpr std::string_view kResourceKind[] = {"ZX_RSRC_KIND_"};
  static constexpr std::string_view kSignal[] = {"ZX_CHANNEL_", "ZX_PROCESS_", "ZX_SIGNAL_",
                                                 "ZX_TASK_",    "ZX_JOB_",     "ZX_VMO_", "ZX_"};
  switch (kind) {
    case ConstKind::kStatus: return kStatus;
    case ConstKind::kRight: return kRight;
    case ConstKind::kVmoOption: return kVmoOption;
    case ConstKind::kVmoChildOption: return kVmoChildOption;
    case ConstKind::kVmOption: return kVmOption;
    case ConstKind::kVmoOp: return kVmoOp;
    case ConstKind::kTopic: return kTopic;
    case ConstKind::kProperty: return kProperty;
    case ConstKind::kObjType: return kObjType;
    case ConstKind::kStreamMode: return kStreamMode;
    case ConstKind::kStreamOption: return kStreamOption;
    case ConstKind::kSeekOrigin: return kSeekOrigin;
    case ConstKind::kHandleOp: return kHandleOp;
    case ConstKind::kInfoVmoFlag: return kInfoVmoFlag;
    case ConstKind::kMapsType: return kMapsType;
    case ConstKind::kProcessOption: return kProcessOption;
    case ConstKind::kCachePolicy: return kCachePolicy;
    case ConstKind::kResourceKind: return kResourceKind;
    case ConstKind::kSignal: return kSignal;
    case ConstKind::kLimit: return {};
  }
  return {};
}

std::string_view KindName(ConstKind kind) {
  switch (kind) {
    case ConstKind::kStatus: return "status";
    case ConstKind::kRight: return "rights";
    case ConstKind::kVmoOption: return "vmo_create options";
    case ConstKind::kVmoChildOption: return "vmo_create_child options";
    case ConstKind::kVmOption: return "vmar options";
    case ConstKind::kVmoOp: return "vmo_op_range op";
    case ConstKind::kTopic: return "info topic";
    case ConstKind::kProperty: return "property";
    case ConstKind::kObjType: return "object type";
    case ConstKind::kStreamMode: return "stream_create options";
    case ConstKind::kStreamOption: return "stream io options";
    case ConstKind::kSeekOrigin: return "seek origin";
    case ConstKind::kHandleOp: return "handle op";
    case ConstKind::kInfoVmoFlag: return "zx_info_vmo_t flags";
    case ConstKind::kMapsType: return "zx_info_maps_t type";
    case ConstKind::kProcessOption: return "process_create options";
    case ConstKind::kCachePolicy: return "cache policy";
    case ConstKind::kResourceKind: return "resource kind";
    case ConstKind::kSignal: return "signals";
    case ConstKind::kLimit: return "integer";
  }
  return "?";
}

Resolution ResolveConstant(std::string_view name, ConstKind kind) {
  Resolution r;
  std::vector<const NamedConstant*> hits;
  // Constants of the argument's own kind first; then any constant by an unabbreviated name.
  for (const auto& c : ConstantTable()) {
    if (c.kind == kind && Matches(name, c, kind)) hits.push_back(&c);
  }
  if (hits.empty()) {
    for (const auto& c : ConstantTable()) {
      if (Matches(name, c, ConstKind::kLimit)) hits.push_back(&c);
    }
  }
  bool same_value = !hits.empty();
  for (const auto* c : hits) same_value = same_value && c->value == hits[0]->value;
  if (same_value) {
    r.value = hits[0]->value;
    return r;
  }
  if (!hits.empty()) {
    r.ambiguous = true;
    for (const auto* c : hits) r.candidates.emplace_back(c->name);
    return r;
  }
  // Unknown: offer the closest names of the kind (and overall) as candidates, those within
  // |threshold| edits. The length difference bounds the distance from below, so names that
  // cannot be close are skipped without the quadratic distance (a long unknown name costs time
  // linear in its length).
  const size_t threshold = name.size() / 2 + 2;
  auto length_gap = [&](std::string_view c) {
    return c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
  };
  std::vector<std::pair<size_t, std::string_view>> scored;
  for (const auto& c : ConstantTable()) {
    const std::string_view stripped = StripPrefix(c.name, kind);
    const size_t penalty = c.kind != kind ? 2 : 0;
    if (std::min(length_gap(c.name), length_gap(stripped)) + penalty > threshold) continue;
    size_t d = std::min(EditDistance(name, c.name), EditDistance(name, stripped)) + penalty;
    scored.emplace_back(d, c.name);
  }
  std::sort(scored.begin(), scored.end());
  for (size_t i = 0; i < scored.size() && i < 4 && scored[i].first <= threshold; ++i) {
    r.candidates.emplace_back(scored[i].second);
  }
  return r;
}

std::optional<std::string_view> NameOf(uint64_t value, ConstKind kind) {
  for (const auto& c : ConstantTable()) {
    if (c.kind == kind && c.value == value) return c.name;
  }
  return std::nullopt;
}

std::string FlagsToString(uint64_t value, ConstKind kind, bool short_names) {
  auto shorten = [&](std::string_view n) {
    return std::string(short_names ? StripPrefix(n, kind) : n);
  };
  if (value == 0) {
    if (auto n = NameOf(0, kind)) return shorten(*n);
    return "0";
  }
  std::string out;
  uint64_t rest = value;
  if (kind == ConstKind::kVmOption) {  // the alignment field is a number, not bits
    uint64_t align = value & 0xFF000000u;
    if (align != 0) {
      if (auto n = NameOf(align, kind)) {
        out = shorten(*n);
        rest &= ~align;
      }
    }
  }
  for (const auto& c : ConstantTable()) {
    if (c.kind != kind || !IsSingleBit(c.value) || (rest & c.value) == 0) continue;
    if (kind == ConstKind::kVmOption && c.value >= (1u << 24)) continue;
    if (!out.empty()) out += "|";
    out += shorten(c.name);
    rest &= ~c.value;
  }
  if (rest != 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(rest));
    if (!out.empty()) out += "|";
    out += buf;
  }
  return out;
}

std::string StatusName(zx_status_t status) {
  if (auto n = NameOf(StatusBits(status), ConstKind::kStatus)) return std::string(*n);
  return std::to_string(status);
}

}  // namespace zxspec
