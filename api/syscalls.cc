#include "api/syscalls.h"

#include "api/result.h"

namespace zxspec {
namespace {

using A = ArgKind;

// The `statuses` column of the table, per call name, from the rulebook's check orders (rule ids
// in the comments). See SyscallInfo::statuses for what is left out.
void FillRulebookStatuses(std::vector<SyscallInfo>& t) {
  constexpr zx_status_t OK = ZX_OK, BAD_HANDLE = ZX_ERR_BAD_HANDLE,
                        WRONG_TYPE = ZX_ERR_WRONG_TYPE, ACCESS_DENIED = ZX_ERR_ACCESS_DENIED,
                        INVALID_ARGS = ZX_ERR_INVALID_ARGS, OUT_OF_RANGE = ZX_ERR_OUT_OF_RANGE,
                        NOT_SUPPORTED = ZX_ERR_NOT_SUPPORTED, BAD_STATE = ZX_ERR_BAD_STATE;
  const std::vector<std::pair<std::string_view, std::vector<zx_status_t>>> statuses = {
      {"handle_close", {OK, BAD_HANDLE}},                                        // HANDLE-010..012
      {"handle_duplicate", {OK, BAD_HANDLE, ACCESS_DENIED, INVALID_ARGS}},       // HANDLE-020..023
      {"handle_replace", {OK, BAD_HANDLE, INVALID_ARGS}},                        // HANDLE-030..032
      {"object_get_info",  // HANDLE-040..043, VMO-130, STREAM-060, MAPS-003/010/015
       {OK, NOT_SUPPORTED, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, BAD_STATE}},
      {"object_get_property",  // VMO-050/052/054, STREAM-061 (the DSL's buffer always fits)
       {OK, BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, NOT_SUPPORTED}},
      // VMO-051/053/054, STREAM-061 (BUFFER_TOO_SMALL: a value shorter than the property).
      {"object_set_property",
       {OK, BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, NOT_SUPPORTED, OUT_OF_RANGE,
        ZX_ERR_BUFFER_TOO_SMALL}},
      // HANDLE-051. NOT_SUPPORTED (a VMAR or resource) is left out: their handles never carry
      // ZX_RIGHT_WAIT (RIGHTS-012/016), so ACCESS_DENIED comes first; CANCELED needs a second thread.
      {"object_wait_one", {OK, ZX_ERR_TIMED_OUT, BAD_HANDLE, ACCESS_DENIED}},
      {"vmo_create", {OK, INVALID_ARGS, OUT_OF_RANGE}},  // VMO-011..014
      {"vmo_create_child",                               // VMO-070..077
       {OK, OUT_OF_RANGE, INVALID_ARGS, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, NOT_SUPPORTED}},
      {"vmo_read",  // VMO-020..022, GEN-006 model limit (kMaxUserBufferBytes)
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, OUT_OF_RANGE, ZX_ERR_NO_MEMORY}},
      {"vmo_write", {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, OUT_OF_RANGE}},  // VMO-020..022
      {"vmo_get_size", {OK, BAD_HANDLE, WRONG_TYPE}},                            // VMO-030
      {"vmo_set_size",                                                           // VMO-035..039
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, ZX_ERR_UNAVAILABLE, OUT_OF_RANGE,
        INVALID_ARGS}},
      {"vmo_get_stream_size", {OK, BAD_HANDLE, WRONG_TYPE}},  // VMO-030
      {"vmo_set_stream_size",                                 // VMO-045..048
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, OUT_OF_RANGE}},
      {"vmo_op_range",  // VMO-060..067, VMO-100..103
       {OK, BAD_HANDLE, WRONG_TYPE, INVALID_ARGS, ACCESS_DENIED, OUT_OF_RANGE, NOT_SUPPORTED,
        BAD_STATE}},
      {"vmo_replace_as_executable", {OK, BAD_HANDLE, WRONG_TYPE}},  // VMO-120..124
      {"stream_create",                                             // STREAM-010..013
       {OK, INVALID_ARGS, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED}},
      {"stream_writev",  // STREAM-030..040
       {OK, INVALID_ARGS, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, ZX_ERR_FILE_BIG, OUT_OF_RANGE}},
      {"stream_writev_at",  // STREAM-030..034
       {OK, INVALID_ARGS, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, ZX_ERR_FILE_BIG, OUT_OF_RANGE}},
      {"stream_readv",  // STREAM-020..022, GEN-006 model limit (kMaxUserBufferBytes)
       {OK, INVALID_ARGS, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, ZX_ERR_NO_MEMORY}},
      {"stream_readv_at",  // STREAM-020..022, GEN-006 model limit (kMaxUserBufferBytes)
       {OK, INVALID_ARGS, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, ZX_ERR_NO_MEMORY}},
      {"stream_seek", {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, INVALID_ARGS}},  // STREAM-050..052
      {"vmar_allocate",  // VMAR-014
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, INVALID_ARGS, BAD_STATE,
        ZX_ERR_ALREADY_EXISTS, ZX_ERR_NO_RESOURCES}},
      {"vmar_map",  // VMAR-022, VMAR-026 (NOT_SUPPORTED: steps 12/13)
       {OK, BAD_HANDLE, WRONG_TYPE, NOT_SUPPORTED, ACCESS_DENIED, INVALID_ARGS, OUT_OF_RANGE,
        BAD_STATE, ZX_ERR_ALREADY_EXISTS, ZX_ERR_NO_RESOURCES}},
      {"vmar_unmap", {OK, BAD_HANDLE, WRONG_TYPE, INVALID_ARGS, BAD_STATE}},  // VMAR-032
      {"vmar_protect",                                                        // VMAR-042
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, INVALID_ARGS, BAD_STATE, ZX_ERR_NOT_FOUND}},
      {"vmar_destroy",  // VMAR-051
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, NOT_SUPPORTED, BAD_STATE}},
      {"vmar_create_vmo_child",  // VMAR-082 (step 8: the create_child statuses)
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, INVALID_ARGS, BAD_STATE, OUT_OF_RANGE,
        NOT_SUPPORTED}},
      // PROC-011, P-6 (SHARED: NOT_SUPPORTED). BAD_STATE (step 5, a killed job) is left out: the
      // model has one job, and killing it kills every process that could call (PROC-023, P-5).
      {"process_create",
       {OK, INVALID_ARGS, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, NOT_SUPPORTED}},
      // PROC-021. WRONG_TYPE (a non-task handle with DESTROY: a thread) is left out: no modeled
      // object other than jobs and processes carries ZX_RIGHT_DESTROY (RIGHTS-010..016).
      {"task_kill", {OK, BAD_HANDLE, ACCESS_DENIED}},
      {"process_start", {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, BAD_STATE}},  // PROC-031
      {"channel_create", {OK, INVALID_ARGS}},                                     // CHAN-011
      {"channel_write",                                                           // CHAN-022
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, OUT_OF_RANGE, NOT_SUPPORTED,
        ZX_ERR_PEER_CLOSED}},
      {"channel_write_etc",  // CHAN-031
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, OUT_OF_RANGE, NOT_SUPPORTED, INVALID_ARGS,
        ZX_ERR_PEER_CLOSED}},
      {"channel_read",  // CHAN-041
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, ZX_ERR_PEER_CLOSED, ZX_ERR_SHOULD_WAIT}},
      {"channel_read_etc",  // CHAN-041
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, ZX_ERR_PEER_CLOSED, ZX_ERR_SHOULD_WAIT}},
      {"mem_read",  // MEM-002, GEN-006 model limit (kMaxUserBufferBytes)
       {OK, ZX_ERR_NOT_FOUND, ACCESS_DENIED, OUT_OF_RANGE, ZX_ERR_NO_MEMORY}},
      {"mem_write", {OK, ZX_ERR_NOT_FOUND, ACCESS_DENIED, OUT_OF_RANGE}},  // MEM-002
      {"fidl_send",  // FIDL-010
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, BAD_STATE, OUT_OF_RANGE, ZX_ERR_PEER_CLOSED}},
      {"fidl_recv",  // FIDL-020 (an epitaph's own status passes through as well)
       {OK, BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED, ZX_ERR_SHOULD_WAIT, ZX_ERR_PEER_CLOSED,
        INVALID_ARGS}},
  };
  for (auto& row : t) {
    for (const auto& [name, list] : statuses) {
      if (row.name == name) row.statuses = list;
    }
  }
}

std::vector<SyscallInfo> BuildTable() {
  std::vector<SyscallInfo> t = {
      // Kernel calls, in the order of the `Call` variant.
      {"handle_close", "handle", Layer::kKernel, {{"h", A::kHandle}}, {}, "HANDLE-010..012", {}},
      {"handle_duplicate", "handle", Layer::kKernel,
       {{"h", A::kHandle}, {"rights", A::kRights}}, {"h2"}, "HANDLE-020..023", {}},
      {"handle_replace", "handle", Layer::kKernel, {{"h", A::kHandle}, {"rights", A::kRights}},
       {"h2"}, "HANDLE-030..033", {}},
      {"object_get_info", "object", Layer::kKernel, {{"h", A::kHandle}, {"topic", A::kTopic}},
       {"record"}, "HANDLE-040..044 VMO-130..133 STREAM-060 MAPS-003 MAPS-010..024", {}},
      {"object_get_property", "object", Layer::kKernel,
       {{"h", A::kHandle}, {"prop", A::kProperty}}, {"value"}, "VMO-050 VMO-052 VMO-054 STREAM-061",
       {}},
      {"object_set_property", "object", Layer::kKernel,
       {{"h", A::kHandle}, {"prop", A::kProperty}, {"value", A::kPropertyValue}}, {},
       "VMO-051 VMO-053 VMO-054 STREAM-061", {}},
      {"object_wait_one", "object", Layer::kKernel,
       {{"h", A::kHandle}, {"signals", A::kSignals}, {"deadline", A::kI64}}, {"observed"},
       "HANDLE-050..053", {}},
      {"vmo_create", "vmo", Layer::kKernel, {{"size", A::kU64}, {"options", A::kVmoCreateOptions}},
       {"h"}, "VMO-010..017", {}},
      {"vmo_create_child", "vmo", Layer::kKernel,
       {{"h", A::kHandle}, {"options", A::kVmoChildOptions}, {"offset", A::kU64},
        {"size", A::kU64}},
       {"h2"}, "VMO-070..090", {}},
      {"vmo_read", "vmo", Layer::kKernel,
       {{"h", A::kHandle}, {"offset", A::kU64}, {"len", A::kU64}}, {"bytes"}, "VMO-020..024", {}},
      {"vmo_write", "vmo", Layer::kKernel,
       {{"h", A::kHandle}, {"offset", A::kU64}, {"bytes", A::kBytes}}, {}, "VMO-020..025", {}},
      {"vmo_get_size", "vmo", Layer::kKernel, {{"h", A::kHandle}}, {"size"}, "VMO-030..031", {}},
      {"vmo_set_size", "vmo", Layer::kKernel, {{"h", A::kHandle}, {"size", A::kU64}}, {},
       "VMO-035..043", {}},
      {"vmo_get_stream_size", "vmo", Layer::kKernel, {{"h", A::kHandle}}, {"size"},
       "VMO-030 VMO-032", {}},
      {"vmo_set_stream_size", "vmo", Layer::kKernel, {{"h", A::kHandle}, {"size", A::kU64}}, {},
       "VMO-045..049", {}},
      {"vmo_op_range", "vmo", Layer::kKernel,
       {{"h", A::kHandle}, {"op", A::kVmoOp}, {"offset", A::kU64}, {"size", A::kU64}}, {},
       "VMO-060..068 VMO-100..103", {}},
      {"vmo_replace_as_executable", "vmo", Layer::kKernel,
       {{"h", A::kHandle}, {"vmex", A::kHandle}}, {"h2"}, "VMO-120..124", {}},
      {"stream_create", "stream", Layer::kKernel,
       {{"options", A::kStreamCreateOptions}, {"vmo", A::kHandle}, {"seek", A::kU64}}, {"h"},
       "STREAM-010..015", {}},
      {"stream_writev", "stream", Layer::kKernel,
       {{"h", A::kHandle}, {"options", A::kStreamIoOptions}, {"bytes", A::kBytes}}, {"actual"},
       "STREAM-030..041", {}},
      {"stream_writev_at", "stream", Layer::kKernel,
       {{"h", A::kHandle}, {"options", A::kStreamIoOptions}, {"offset", A::kU64},
        {"bytes", A::kBytes}},
       {"actual"}, "STREAM-030..034", {}},
      {"stream_readv", "stream", Layer::kKernel,
       {{"h", A::kHandle}, {"options", A::kStreamIoOptions}, {"len", A::kU64}}, {"bytes"},
       "STREAM-020..027", {}},
      {"stream_readv_at", "stream", Layer::kKernel,
       {{"h", A::kHandle}, {"options", A::kStreamIoOptions}, {"offset", A::kU64},
        {"len", A::kU64}},
       {"bytes"}, "STREAM-020..027", {}},
      {"stream_seek", "stream", Layer::kKernel,
       {{"h", A::kHandle}, {"whence", A::kSeekOrigin}, {"offset", A::kI64}}, {"position"},
       "STREAM-050..053", {}},
      {"vmar_allocate", "vmar", Layer::kKernel,
       {{"parent", A::kHandle}, {"options", A::kVmOptions}, {"offset", A::kU64},
        {"size", A::kU64}},
       {"child", "addr"}, "VMAR-012..016 VMAR-060", {}},
      {"vmar_map", "vmar", Layer::kKernel,
       {{"vmar", A::kHandle}, {"options", A::kVmOptions}, {"vmar_offset", A::kU64},
        {"vmo", A::kHandle}, {"vmo_offset", A::kU64}, {"len", A::kU64}},
       {"addr"}, "VMAR-020..028 VMAR-060", {}},
      {"vmar_unmap", "vmar", Layer::kKernel,
       {{"vmar", A::kHandle}, {"addr", A::kU64}, {"len", A::kU64}}, {}, "VMAR-030..033", {}},
      {"vmar_protect", "vmar", Layer::kKernel,
       {{"vmar", A::kHandle}, {"options", A::kVmOptions}, {"addr", A::kU64}, {"len", A::kU64}},
       {}, "VMAR-040..043", {}},
      {"vmar_destroy", "vmar", Layer::kKernel, {{"vmar", A::kHandle}}, {}, "VMAR-050..052", {}},
      {"vmar_create_vmo_child", "vmar", Layer::kKernel,
       {{"vmar", A::kHandle}, {"options", A::kVmoChildOptions}, {"addr", A::kU64},
        {"size", A::kU64}},
       {"h"}, "VMAR-080..084", {}},
      {"process_create", "process", Layer::kKernel,
       {{"job", A::kHandle}, {"name", A::kString}, {"options", A::kProcessOptions}},
       {"proc", "root_vmar"}, "PROC-010..014", {}},
      {"task_kill", "process", Layer::kKernel, {{"h", A::kHandle}}, {}, "PROC-020..024", {}},
      {"process_start", "process", Layer::kKernel, {{"proc", A::kHandle}, {"h", A::kHandle}},
       {"h_in_proc"}, "PROC-030..032", {}},
      {"channel_create", "channel", Layer::kKernel, {{"options", A::kChannelOptions}},
       {"h0", "h1"}, "CHAN-010..012", {}},
      {"channel_write", "channel", Layer::kKernel,
       {{"h", A::kHandle}, {"bytes", A::kBytes}, {"handles", A::kHandleList}}, {},
       "CHAN-020..023", {}},
      {"channel_write_etc", "channel", Layer::kKernel,
       {{"h", A::kHandle}, {"bytes", A::kBytes}, {"dispositions", A::kDispositionList}}, {},
       "CHAN-030..032", {}},
      {"channel_read", "channel", Layer::kKernel, {{"h", A::kHandle}},
       {"bytes", "handles..."}, "CHAN-040..042", {}},
      {"channel_read_etc", "channel", Layer::kKernel, {{"h", A::kHandle}},
       {"bytes", "handles..."}, "CHAN-040..042", {}},
      {"mem_read", "mem", Layer::kKernel, {{"addr", A::kU64}, {"len", A::kU64}}, {"bytes"},
       "MEM-001..006", {}},
      {"mem_write", "mem", Layer::kKernel, {{"addr", A::kU64}, {"bytes", A::kBytes}}, {},
       "MEM-001..007", {}},
      // FIDL-layer pseudo-calls (fidl/), written against the kernel interface only.
      {"fidl_send", "fidl", Layer::kFidl,
       {{"h", A::kHandle}, {"bytes", A::kBytes}, {"handles", A::kFidlSendList}}, {},
       "FIDL-001..011 FIDLRIGHTS-001..007", {}},
      {"fidl_recv", "fidl", Layer::kFidl, {{"h", A::kHandle}, {"slots", A::kFidlRecvList}},
       {"bytes", "handles..."}, "FIDL-020..031 FIDLRIGHTS-006", {}},
      // Harness pseudo-call.
      {"check_invariants", "harness", Layer::kHarness, {}, {}, "VMO-002 VMAR-006", {}},
  };
  FillRulebookStatuses(t);
  ZXSPEC_ASSERT(t.size() >= kCallKindCount, "syscall table shorter than the Call variant");
  for (size_t i = 0; i < kCallKindCount; ++i) {
    ZXSPEC_ASSERT(t[i].layer == Layer::kKernel, "kernel calls come first, in variant order");
    t[i].call_index = i;
  }
  return t;
}

const std::vector<SyscallInfo>& SyscallTable() {
  static const std::vector<SyscallInfo> table = BuildTable();
  return table;
}

}  // namespace

ConstKind ConstKindOf(ArgKind kind) {
  switch (kind) {
    case A::kRights: return ConstKind::kRight;
    case A::kVmoCreateOptions: return ConstKind::kVmoOption;
    case A::kVmoChildOptions: return ConstKind::kVmoChildOption;
    case A::kVmOptions: return ConstKind::kVmOption;
    case A::kVmoOp: return ConstKind::kVmoOp;
    case A::kTopic: return ConstKind::kTopic;
    case A::kProperty: return ConstKind::kProperty;
    case A::kStreamCreateOptions: return ConstKind::kStreamMode;
    case A::kStreamIoOptions: return ConstKind::kStreamOption;
    case A::kSeekOrigin: return ConstKind::kSeekOrigin;
    case A::kProcessOptions: return ConstKind::kProcessOption;
    case A::kSignals: return ConstKind::kSignal;
    case A::kHandle:
    case A::kU64:
    case A::kI64:
    case A::kPropertyValue:
    case A::kBytes:
    case A::kString:
    case A::kChannelOptions:
    case A::kHandleList:
    case A::kDispositionList:
    case A::kFidlSendList:
    case A::kFidlRecvList: return ConstKind::kLimit;
  }
  return ConstKind::kLimit;
}

std::span<const SyscallInfo> AllSyscalls() { return SyscallTable(); }

bool HasResultsOn(const SyscallInfo& call, zx_status_t status) {
  return status == ZX_OK || (call.name == "object_wait_one" && status == ZX_ERR_TIMED_OUT);
}

const SyscallInfo* FindSyscall(std::string_view name) {
  if (name.substr(0, 3) == "zx_") name.remove_prefix(3);
  for (const auto& s : SyscallTable()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const SyscallInfo& SyscallAt(size_t call_index) {
  ZXSPEC_ASSERT(call_index < kCallKindCount, "call index out of range");
  return SyscallTable()[call_index];
}

const SyscallInfo& SyscallOf(const Call& call) { return SyscallAt(call.index()); }

}  // namespace zxspec
