// File: api/zircon.h
//
// Zircon's ABI vocabulary as zxspec uses it: the integer types, status codes, rights, option
// bits, info topics, property ids and record layouts, with the names and numeric values of the
// Fuchsia public headers (zircon/types.h, rights.h, errors.h, syscalls/object.h). Every value
// here is checked against the rulebook's constants.md; the static_asserts at the end pin the
// derived groups. Nothing in this file has behaviour: it is shared by model/, impl/ and any
// user implementation of the kernel interface (api/kernel.h).
#pragma once

#include <array>
#include <cstdint>

namespace zxspec {

using zx_status_t = int32_t;
using zx_rights_t = uint32_t;
using zx_handle_t = uint32_t;
using zx_koid_t = uint64_t;
using zx_vaddr_t = uint64_t;
using zx_obj_type_t = uint32_t;
using zx_object_info_topic_t = uint32_t;
using zx_vm_option_t = uint32_t;
using zx_signals_t = uint32_t;
using zx_time_t = int64_t;  // a monotonic deadline in ns (zx_instant_mono_t)

// ---- Status codes (errors.h) ----
inline constexpr zx_status_t ZX_OK = 0;
inline constexpr zx_status_t ZX_ERR_INTERNAL = -1;
inline constexpr zx_status_t ZX_ERR_NOT_SUPPORTED = -2;
inline constexpr zx_status_t ZX_ERR_NO_RESOURCES = -3;
inline constexpr zx_status_t ZX_ERR_NO_MEMORY = -4;
inline constexpr zx_status_t ZX_ERR_INTERNAL_INTR_RETRY = -6;
inline constexpr zx_status_t ZX_ERR_INVALID_ARGS = -10;
inline constexpr zx_status_t ZX_ERR_BAD_HANDLE = -11;
inline constexpr zx_status_t ZX_ERR_WRONG_TYPE = -12;
inline constexpr zx_status_t ZX_ERR_BAD_SYSCALL = -13;
inline constexpr zx_status_t ZX_ERR_OUT_OF_RANGE = -14;
inline constexpr zx_status_t ZX_ERR_BUFFER_TOO_SMALL = -15;
inline constexpr zx_status_t ZX_ERR_BAD_STATE = -20;
inline constexpr zx_status_t ZX_ERR_TIMED_OUT = -21;
inline constexpr zx_status_t ZX_ERR_SHOULD_WAIT = -22;
inline constexpr zx_status_t ZX_ERR_CANCELED = -23;
inline constexpr zx_status_t ZX_ERR_PEER_CLOSED = -24;
inline constexpr zx_status_t ZX_ERR_NOT_FOUND = -25;
inline constexpr zx_status_t ZX_ERR_ALREADY_EXISTS = -26;
inline constexpr zx_status_t ZX_ERR_ALREADY_BOUND = -27;
inline constexpr zx_status_t ZX_ERR_UNAVAILABLE = -28;
inline constexpr zx_status_t ZX_ERR_ACCESS_DENIED = -30;
inline constexpr zx_status_t ZX_ERR_IO = -40;
inline constexpr zx_status_t ZX_ERR_IO_REFUSED = -41;
inline constexpr zx_status_t ZX_ERR_IO_DATA_INTEGRITY = -42;
inline constexpr zx_status_t ZX_ERR_IO_DATA_LOSS = -43;
inline constexpr zx_status_t ZX_ERR_IO_NOT_PRESENT = -44;
inline constexpr zx_status_t ZX_ERR_IO_OVERRUN = -45;
inline constexpr zx_status_t ZX_ERR_IO_MISSED_DEADLINE = -46;
inline constexpr zx_status_t ZX_ERR_IO_INVALID = -47;
inline constexpr zx_status_t ZX_ERR_BAD_PATH = -50;
inline constexpr zx_status_t ZX_ERR_NOT_DIR = -51;
inline constexpr zx_status_t ZX_ERR_NOT_FILE = -52;
inline constexpr zx_status_t ZX_ERR_FILE_BIG = -53;
inline constexpr zx_status_t ZX_ERR_NO_SPACE = -54;
inline constexpr zx_status_t ZX_ERR_NOT_EMPTY = -55;
inline constexpr zx_status_t ZX_ERR_STOP = -60;
inline constexpr zx_status_t ZX_ERR_NEXT = -61;
inline constexpr zx_status_t ZX_ERR_ASYNC = -62;
inline constexpr zx_status_t ZX_ERR_PROTOCOL_NOT_SUPPORTED = -70;
inline constexpr zx_status_t ZX_ERR_ADDRESS_UNREACHABLE = -71;
inline constexpr zx_status_t ZX_ERR_ADDRESS_IN_USE = -72;
inline constexpr zx_status_t ZX_ERR_NOT_CONNECTED = -73;
inline constexpr zx_status_t ZX_ERR_CONNECTION_REFUSED = -74;
inline constexpr zx_status_t ZX_ERR_CONNECTION_RESET = -75;
inline constexpr zx_status_t ZX_ERR_CONNECTION_ABORTED = -76;

// ---- Rights (rights.h) ----
inline constexpr zx_rights_t ZX_RIGHT_NONE = 0x0;
inline constexpr zx_rights_t ZX_RIGHT_DUPLICATE = 0x1;
inline constexpr zx_rights_t ZX_RIGHT_TRANSFER = 0x2;
inline constexpr zx_rights_t ZX_RIGHT_READ = 0x4;
inline constexpr zx_rights_t ZX_RIGHT_WRITE = 0x8;
inline constexpr zx_rights_t ZX_RIGHT_EXECUTE = 0x10;
inline constexpr zx_rights_t ZX_RIGHT_MAP = 0x20;
inline constexpr zx_rights_t ZX_RIGHT_GET_PROPERTY = 0x40;
inline constexpr zx_rights_t ZX_RIGHT_SET_PROPERTY = 0x80;
inline constexpr zx_rights_t ZX_RIGHT_ENUMERATE = 0x100;
inline constexpr zx_rights_t ZX_RIGHT_DESTROY = 0x200;
inline constexpr zx_rights_t ZX_RIGHT_SET_POLICY = 0x400;
inline constexpr zx_rights_t ZX_RIGHT_GET_POLICY = 0x800;
inline constexpr zx_rights_t ZX_RIGHT_SIGNAL = 0x1000;
inline constexpr zx_rights_t ZX_RIGHT_SIGNAL_PEER = 0x2000;
inline constexpr zx_rights_t ZX_RIGHT_WAIT = 0x4000;
inline constexpr zx_rights_t ZX_RIGHT_INSPECT = 0x8000;
inline constexpr zx_rights_t ZX_RIGHT_MANAGE_JOB = 0x10000;
inline constexpr zx_rights_t ZX_RIGHT_MANAGE_PROCESS = 0x20000;
inline constexpr zx_rights_t ZX_RIGHT_MANAGE_THREAD = 0x40000;
inline constexpr zx_rights_t ZX_RIGHT_APPLY_PROFILE = 0x80000;
inline constexpr zx_rights_t ZX_RIGHT_MANAGE_SOCKET = 0x100000;
inline constexpr zx_rights_t ZX_RIGHT_OP_CHILDREN = 0x200000;
inline constexpr zx_rights_t ZX_RIGHT_RESIZE = 0x400000;
inline constexpr zx_rights_t ZX_RIGHT_ATTACH_VMO = 0x800000;
inline constexpr zx_rights_t ZX_RIGHT_MANAGE_VMO = 0x1000000;
inline constexpr zx_rights_t ZX_RIGHT_SAME_RIGHTS = 0x80000000u;

inline constexpr zx_rights_t ZX_RIGHTS_BASIC =
    ZX_RIGHT_TRANSFER | ZX_RIGHT_DUPLICATE | ZX_RIGHT_WAIT | ZX_RIGHT_INSPECT;
inline constexpr zx_rights_t ZX_RIGHTS_IO = ZX_RIGHT_READ | ZX_RIGHT_WRITE;
inline constexpr zx_rights_t ZX_RIGHTS_PROPERTY = ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY;
inline constexpr zx_rights_t ZX_RIGHTS_POLICY = ZX_RIGHT_GET_POLICY | ZX_RIGHT_SET_POLICY;

inline constexpr zx_rights_t ZX_DEFAULT_VMO_RIGHTS =
    ZX_RIGHTS_BASIC | ZX_RIGHTS_IO | ZX_RIGHTS_PROPERTY | ZX_RIGHT_MAP | ZX_RIGHT_SIGNAL;
inline constexpr zx_rights_t ZX_DEFAULT_STREAM_RIGHTS =
    ZX_RIGHTS_BASIC | ZX_RIGHTS_PROPERTY | ZX_RIGHT_SIGNAL;
inline constexpr zx_rights_t ZX_DEFAULT_VMAR_RIGHTS =
    (ZX_RIGHTS_BASIC & ~ZX_RIGHT_WAIT) | ZX_RIGHT_OP_CHILDREN;
inline constexpr zx_rights_t ZX_DEFAULT_PROCESS_RIGHTS =
    ZX_RIGHTS_BASIC | ZX_RIGHTS_IO | ZX_RIGHTS_PROPERTY | ZX_RIGHT_ENUMERATE | ZX_RIGHT_DESTROY |
    ZX_RIGHT_SIGNAL | ZX_RIGHT_MANAGE_PROCESS | ZX_RIGHT_MANAGE_THREAD;
inline constexpr zx_rights_t ZX_DEFAULT_CHANNEL_RIGHTS =
    (ZX_RIGHTS_BASIC & ~ZX_RIGHT_DUPLICATE) | ZX_RIGHTS_IO | ZX_RIGHT_SIGNAL |
    ZX_RIGHT_SIGNAL_PEER;
inline constexpr zx_rights_t ZX_DEFAULT_JOB_RIGHTS =
    ZX_RIGHTS_BASIC | ZX_RIGHTS_IO | ZX_RIGHTS_PROPERTY | ZX_RIGHTS_POLICY | ZX_RIGHT_ENUMERATE |
    ZX_RIGHT_DESTROY | ZX_RIGHT_SIGNAL | ZX_RIGHT_MANAGE_JOB | ZX_RIGHT_MANAGE_PROCESS |
    ZX_RIGHT_MANAGE_THREAD;
inline constexpr zx_rights_t ZX_DEFAULT_RESOURCE_RIGHTS =
    ZX_RIGHT_TRANSFER | ZX_RIGHT_DUPLICATE | ZX_RIGHT_WRITE | ZX_RIGHT_INSPECT;
inline constexpr zx_rights_t ZX_DEFAULT_THREAD_RIGHTS =
    ZX_RIGHTS_BASIC | ZX_RIGHTS_IO | ZX_RIGHTS_PROPERTY | ZX_RIGHT_DESTROY | ZX_RIGHT_SIGNAL |
    ZX_RIGHT_MANAGE_THREAD;
inline constexpr zx_rights_t ZX_DEFAULT_EVENT_RIGHTS = ZX_RIGHTS_BASIC | ZX_RIGHT_SIGNAL;

// Every right bit Zircon defines (bits 0..24); bit 31 (SAME_RIGHTS) is never held.
inline constexpr zx_rights_t kAllDefinedRights = 0x1FFFFFF;

// ---- Handles and koids (types.h) ----
inline constexpr zx_handle_t ZX_HANDLE_INVALID = 0;
inline constexpr zx_handle_t ZX_HANDLE_FIXED_BITS_MASK = 0x3;
inline constexpr zx_koid_t ZX_KOID_INVALID = 0;
inline constexpr zx_koid_t ZX_KOID_KERNEL = 1;
inline constexpr zx_koid_t ZX_KOID_FIRST = 1024;
inline constexpr uint32_t ZX_MAX_NAME_LEN = 32;
inline constexpr uint32_t ZX_HANDLE_OP_MOVE = 0;
inline constexpr uint32_t ZX_HANDLE_OP_DUPLICATE = 1;

// ---- Object types (types.h) ----
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_NONE = 0;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_PROCESS = 1;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_THREAD = 2;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_VMO = 3;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_CHANNEL = 4;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_EVENT = 5;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_PORT = 6;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_RESOURCE = 15;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_JOB = 17;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_VMAR = 18;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_PAGER = 28;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_CLOCK = 30;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_STREAM = 31;
inline constexpr zx_obj_type_t ZX_OBJ_TYPE_IOB = 33;

// ---- zx_vmo_create options ----
inline constexpr uint32_t ZX_VMO_RESIZABLE = 0x2;
inline constexpr uint32_t ZX_VMO_DISCARDABLE = 0x4;
inline constexpr uint32_t ZX_VMO_TRAP_DIRTY = 0x8;
inline constexpr uint32_t ZX_VMO_UNBOUNDED = 0x10;

// ---- zx_vmo_create_child options ----
inline constexpr uint32_t ZX_VMO_CHILD_SNAPSHOT = 0x1;
inline constexpr uint32_t ZX_VMO_CHILD_RESIZABLE = 0x4;
inline constexpr uint32_t ZX_VMO_CHILD_SLICE = 0x8;
inline constexpr uint32_t ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE = 0x10;
inline constexpr uint32_t ZX_VMO_CHILD_NO_WRITE = 0x20;
inline constexpr uint32_t ZX_VMO_CHILD_REFERENCE = 0x40;
inline constexpr uint32_t ZX_VMO_CHILD_SNAPSHOT_MODIFIED = 0x80;

// ---- zx_vmo_op_range ops ----
inline constexpr uint32_t ZX_VMO_OP_COMMIT = 1;
inline constexpr uint32_t ZX_VMO_OP_DECOMMIT = 2;
inline constexpr uint32_t ZX_VMO_OP_LOCK = 3;
inline constexpr uint32_t ZX_VMO_OP_UNLOCK = 4;
inline constexpr uint32_t ZX_VMO_OP_CACHE_SYNC = 6;
inline constexpr uint32_t ZX_VMO_OP_CACHE_INVALIDATE = 7;
inline constexpr uint32_t ZX_VMO_OP_CACHE_CLEAN = 8;
inline constexpr uint32_t ZX_VMO_OP_CACHE_CLEAN_INVALIDATE = 9;
inline constexpr uint32_t ZX_VMO_OP_ZERO = 10;
inline constexpr uint32_t ZX_VMO_OP_TRY_LOCK = 11;
inline constexpr uint32_t ZX_VMO_OP_DONT_NEED = 12;
inline constexpr uint32_t ZX_VMO_OP_ALWAYS_NEED = 13;
inline constexpr uint32_t ZX_VMO_OP_PREFETCH = 14;

// ---- Sizes (model constants; constants.md "VMO sizes") ----
inline constexpr uint64_t ZX_PAGE_SIZE = 4096;
inline constexpr uint64_t kPage = ZX_PAGE_SIZE;  // the short name the sources use
inline constexpr uint64_t kVmoMaxSize = 0xFFFFFFFFFFFE0000ull;  // VmPageList::MAX_SIZE

// Model limit (GEN-006): the largest buffer a single read hands back. A read that would return
// more returns ZX_ERR_NO_MEMORY after every other check, instead of exhausting the host
// (a real process could not map such a buffer either). Writes carry their data, so they are
// bounded by whoever built them; the scenario runner limits zeros(N) to the same size.
inline constexpr uint64_t kMaxUserBufferBytes = 256ull << 20;

// ---- Signals ----
inline constexpr uint32_t ZX_VMO_ZERO_CHILDREN = 0x8;
inline constexpr uint32_t ZX_CHANNEL_READABLE = 0x1;
inline constexpr uint32_t ZX_CHANNEL_WRITABLE = 0x2;
inline constexpr uint32_t ZX_CHANNEL_PEER_CLOSED = 0x4;
inline constexpr uint32_t ZX_TASK_TERMINATED = 0x8;
inline constexpr uint32_t ZX_PROCESS_TERMINATED = 0x8;
inline constexpr uint32_t ZX_JOB_TERMINATED = 0x8;
inline constexpr uint32_t ZX_JOB_NO_JOBS = 0x10;
inline constexpr uint32_t ZX_JOB_NO_PROCESSES = 0x20;
inline constexpr uint32_t ZX_JOB_NO_CHILDREN = 0x40;
inline constexpr uint32_t ZX_SIGNAL_NONE = 0;
inline constexpr uint32_t ZX_SIGNAL_HANDLE_CLOSED = 0x800000;
inline constexpr uint32_t ZX_USER_SIGNAL_0 = 0x1000000;
inline constexpr uint32_t ZX_USER_SIGNAL_7 = 0x80000000;
// ---- Deadlines (zircon/time.h) ----
inline constexpr zx_time_t ZX_TIME_INFINITE = INT64_MAX;
inline constexpr zx_time_t ZX_TIME_INFINITE_PAST = INT64_MIN;

// ---- Info topics (syscalls/object.h) ----
inline constexpr zx_object_info_topic_t ZX_INFO_NONE = 0;
inline constexpr zx_object_info_topic_t ZX_INFO_HANDLE_VALID = 1;
inline constexpr zx_object_info_topic_t ZX_INFO_HANDLE_BASIC = 2;
inline constexpr zx_object_info_topic_t ZX_INFO_VMAR = 7;
inline constexpr zx_object_info_topic_t ZX_INFO_HANDLE_COUNT = 19;
inline constexpr zx_object_info_topic_t ZX_INFO_STREAM = 26;
inline constexpr zx_object_info_topic_t ZX_INFO_VMAR_MAPS = 36;
inline constexpr zx_object_info_topic_t ZX_INFO_VMO_V1 = 0x17;
inline constexpr zx_object_info_topic_t ZX_INFO_VMO_V2 = 0x10000017;
inline constexpr zx_object_info_topic_t ZX_INFO_VMO_V3 = 0x20000017;
inline constexpr zx_object_info_topic_t ZX_INFO_VMO = 0x30000017;
inline constexpr zx_object_info_topic_t ZX_INFO_PROCESS_MAPS_V1 = 0xD;
inline constexpr zx_object_info_topic_t ZX_INFO_PROCESS_MAPS_V2 = 0x1000000D;
inline constexpr zx_object_info_topic_t ZX_INFO_PROCESS_MAPS = 0x2000000D;
inline constexpr zx_object_info_topic_t ZX_INFO_PROCESS_VMOS = 0x3000000E;

// ---- zx_info_vmo_t flags ----
inline constexpr uint32_t ZX_INFO_VMO_TYPE_PHYSICAL = 0x0;
inline constexpr uint32_t ZX_INFO_VMO_TYPE_PAGED = 0x1;
inline constexpr uint32_t ZX_INFO_VMO_RESIZABLE = 0x2;
inline constexpr uint32_t ZX_INFO_VMO_IS_COW_CLONE = 0x4;
inline constexpr uint32_t ZX_INFO_VMO_VIA_HANDLE = 0x8;
inline constexpr uint32_t ZX_INFO_VMO_VIA_MAPPING = 0x10;
inline constexpr uint32_t ZX_INFO_VMO_PAGER_BACKED = 0x20;
inline constexpr uint32_t ZX_INFO_VMO_CONTIGUOUS = 0x40;
inline constexpr uint32_t ZX_INFO_VMO_DISCARDABLE = 0x80;
inline constexpr uint32_t ZX_INFO_VMO_IMMUTABLE = 0x100;
inline constexpr uint32_t ZX_INFO_VMO_VIA_IOB_HANDLE = 0x200;

// ---- zx_info_maps_t types ----
inline constexpr uint32_t ZX_INFO_MAPS_TYPE_NONE = 0;
inline constexpr uint32_t ZX_INFO_MAPS_TYPE_ASPACE = 1;
inline constexpr uint32_t ZX_INFO_MAPS_TYPE_VMAR = 2;
inline constexpr uint32_t ZX_INFO_MAPS_TYPE_MAPPING = 3;

// ---- Properties ----
inline constexpr uint32_t ZX_PROP_NAME = 3;
inline constexpr uint32_t ZX_PROP_VMO_CONTENT_SIZE = 17;
inline constexpr uint32_t ZX_PROP_STREAM_MODE_APPEND = 19;

// ---- Streams ----
inline constexpr uint32_t ZX_STREAM_MODE_READ = 0x1;
inline constexpr uint32_t ZX_STREAM_MODE_WRITE = 0x2;
inline constexpr uint32_t ZX_STREAM_MODE_APPEND = 0x4;
inline constexpr uint32_t ZX_STREAM_CREATE_MASK =
    ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND;
inline constexpr uint32_t ZX_STREAM_APPEND = 0x1;
inline constexpr uint32_t ZX_STREAM_SEEK_ORIGIN_START = 0;
inline constexpr uint32_t ZX_STREAM_SEEK_ORIGIN_CURRENT = 1;
inline constexpr uint32_t ZX_STREAM_SEEK_ORIGIN_END = 2;

// ---- Cache policy ----
inline constexpr uint32_t ZX_CACHE_POLICY_CACHED = 0;
inline constexpr uint32_t ZX_CACHE_POLICY_UNCACHED = 1;
inline constexpr uint32_t ZX_CACHE_POLICY_UNCACHED_DEVICE = 2;
inline constexpr uint32_t ZX_CACHE_POLICY_WRITE_COMBINING = 3;
inline constexpr uint32_t ZX_CACHE_POLICY_MASK = 3;

// ---- Resources ----
inline constexpr uint32_t ZX_RSRC_KIND_MMIO = 0;
inline constexpr uint32_t ZX_RSRC_KIND_IRQ = 1;
inline constexpr uint32_t ZX_RSRC_KIND_IOPORT = 2;
inline constexpr uint32_t ZX_RSRC_KIND_ROOT = 3;
inline constexpr uint32_t ZX_RSRC_KIND_SMC = 4;
inline constexpr uint32_t ZX_RSRC_KIND_SYSTEM = 5;
inline constexpr uint64_t ZX_RSRC_SYSTEM_VMEX_BASE = 1;

// ---- VMAR options (types.h; CANNOT_CREATE_VMO_CHILD per vmar.md V-7) ----
inline constexpr zx_vm_option_t ZX_VM_PERM_READ = 0x1;
inline constexpr zx_vm_option_t ZX_VM_PERM_WRITE = 0x2;
inline constexpr zx_vm_option_t ZX_VM_PERM_EXECUTE = 0x4;
inline constexpr zx_vm_option_t ZX_VM_COMPACT = 0x8;
inline constexpr zx_vm_option_t ZX_VM_SPECIFIC = 0x10;
inline constexpr zx_vm_option_t ZX_VM_SPECIFIC_OVERWRITE = 0x20;
inline constexpr zx_vm_option_t ZX_VM_CAN_MAP_SPECIFIC = 0x40;
inline constexpr zx_vm_option_t ZX_VM_CAN_MAP_READ = 0x80;
inline constexpr zx_vm_option_t ZX_VM_CAN_MAP_WRITE = 0x100;
inline constexpr zx_vm_option_t ZX_VM_CAN_MAP_EXECUTE = 0x200;
inline constexpr zx_vm_option_t ZX_VM_MAP_RANGE = 0x400;
inline constexpr zx_vm_option_t ZX_VM_REQUIRE_NON_RESIZABLE = 0x800;
inline constexpr zx_vm_option_t ZX_VM_ALLOW_FAULTS = 0x1000;
inline constexpr zx_vm_option_t ZX_VM_OFFSET_IS_UPPER_LIMIT = 0x2000;
inline constexpr zx_vm_option_t ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED = 0x4000;
inline constexpr zx_vm_option_t ZX_VM_FAULT_BEYOND_STREAM_SIZE = 0x8000;
inline constexpr zx_vm_option_t ZX_VM_CANNOT_CREATE_VMO_CHILD = 0x10000;
inline constexpr uint32_t ZX_VM_ALIGN_BASE = 24;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_1KB = 10u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_2KB = 11u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_4KB = 12u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_8KB = 13u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_16KB = 14u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_32KB = 15u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_64KB = 16u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_128KB = 17u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_256KB = 18u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_512KB = 19u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_1MB = 20u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_2MB = 21u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_4MB = 22u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_8MB = 23u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_16MB = 24u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_32MB = 25u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_64MB = 26u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_128MB = 27u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_256MB = 28u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_512MB = 29u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_1GB = 30u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_2GB = 31u << ZX_VM_ALIGN_BASE;
inline constexpr zx_vm_option_t ZX_VM_ALIGN_4GB = 32u << ZX_VM_ALIGN_BASE;

// ---- Processes and tasks ----
inline constexpr uint32_t ZX_PROCESS_SHARED = 0x1;
inline constexpr int64_t ZX_TASK_RETCODE_SYSCALL_KILL = -1024;
// x86-64 user address space (vmar.md VMAR-003, process-maps.md P-1).
inline constexpr zx_vaddr_t kUserAspaceBase = 0x200000;
inline constexpr uint64_t kUserAspaceSize = 0x7FFFFFDFF000;

// ---- Channels ----
inline constexpr uint32_t ZX_CHANNEL_MAX_MSG_BYTES = 65536;
inline constexpr uint32_t ZX_CHANNEL_MAX_MSG_HANDLES = 64;
inline constexpr uint32_t ZX_CHANNEL_READ_MAY_DISCARD = 0x1;
inline constexpr uint32_t ZX_CHANNEL_WRITE_USE_IOVEC = 0x2;

// ---- Job policy conditions (model default: allow all) ----
inline constexpr uint32_t ZX_POL_BAD_HANDLE = 0;
inline constexpr uint32_t ZX_POL_NEW_VMO = 4;
inline constexpr uint32_t ZX_POL_NEW_CHANNEL = 5;
inline constexpr uint32_t ZX_POL_NEW_PROCESS = 12;
inline constexpr uint32_t ZX_POL_AMBIENT_MARK_VMO_EXEC = 14;

// ---- Info records (field names verbatim from syscalls/object.h) ----
using zx_name_t = std::array<char, ZX_MAX_NAME_LEN>;

struct zx_info_handle_basic_t {
  zx_koid_t koid = 0;
  zx_rights_t rights = 0;
  zx_obj_type_t type = 0;
  zx_koid_t related_koid = 0;
  uint32_t reserved = 0;
  bool operator==(const zx_info_handle_basic_t&) const = default;
};

struct zx_info_vmo_t {
  zx_koid_t koid = 0;
  zx_name_t name{};
  uint64_t size_bytes = 0;
  zx_koid_t parent_koid = 0;
  uint64_t num_children = 0;
  uint64_t num_mappings = 0;
  uint64_t share_count = 0;
  uint32_t flags = 0;
  uint64_t committed_bytes = 0;
  zx_rights_t handle_rights = 0;
  uint32_t cache_policy = 0;
  uint64_t metadata_bytes = 0;
  uint64_t committed_change_events = 0;
  uint64_t populated_bytes = 0;
  uint64_t committed_private_bytes = 0;
  uint64_t populated_private_bytes = 0;
  uint64_t committed_scaled_bytes = 0;
  uint64_t populated_scaled_bytes = 0;
  uint64_t committed_fractional_scaled_bytes = 0;
  uint64_t populated_fractional_scaled_bytes = 0;
  bool operator==(const zx_info_vmo_t&) const = default;
};

struct zx_info_vmar_t {
  uint64_t base = 0;
  uint64_t len = 0;
  bool operator==(const zx_info_vmar_t&) const = default;
};

struct zx_info_handle_count_t {
  uint32_t handle_count = 0;
  bool operator==(const zx_info_handle_count_t&) const = default;
};

struct zx_info_stream_t {
  uint32_t options = 0;
  uint64_t seek = 0;
  uint64_t content_size = 0;
  bool operator==(const zx_info_stream_t&) const = default;
};

struct zx_info_maps_mapping_t {
  zx_vm_option_t mmu_flags = 0;
  zx_koid_t vmo_koid = 0;
  uint64_t vmo_offset = 0;
  uint64_t committed_bytes = 0;
  uint64_t populated_bytes = 0;
  uint64_t committed_private_bytes = 0;
  uint64_t populated_private_bytes = 0;
  uint64_t committed_scaled_bytes = 0;
  uint64_t populated_scaled_bytes = 0;
  uint64_t committed_fractional_scaled_bytes = 0;
  uint64_t populated_fractional_scaled_bytes = 0;
  bool operator==(const zx_info_maps_mapping_t&) const = default;
};

struct zx_info_maps_t {
  zx_name_t name{};
  zx_vaddr_t base = 0;
  uint64_t size = 0;
  uint64_t depth = 0;
  uint32_t type = 0;
  // Zircon's `union { zx_info_maps_mapping_t mapping; } u;` as a value type: for entries that
  // are not MAPPING the union is all zero (process-maps.md MAPS-001).
  struct Union {
    zx_info_maps_mapping_t mapping;
    bool operator==(const Union&) const = default;
  } u;
  bool operator==(const zx_info_maps_t&) const = default;
};

struct zx_handle_info_t {
  zx_handle_t handle = 0;
  zx_obj_type_t type = 0;
  zx_rights_t rights = 0;
  uint32_t unused = 0;
  bool operator==(const zx_handle_info_t&) const = default;
};

struct zx_handle_disposition_t {
  uint32_t operation = 0;
  zx_handle_t handle = 0;
  zx_obj_type_t type = 0;
  zx_rights_t rights = 0;
  zx_status_t result = 0;
  bool operator==(const zx_handle_disposition_t&) const = default;
};

// ---- Pinned values (constants.md) ----
static_assert(ZX_RIGHTS_BASIC == 0xC003);
static_assert(ZX_DEFAULT_VMO_RIGHTS == 0xD0EF);
static_assert(ZX_DEFAULT_STREAM_RIGHTS == 0xD0C3);
static_assert(ZX_DEFAULT_VMAR_RIGHTS == 0x208003);
static_assert(ZX_DEFAULT_PROCESS_RIGHTS == 0x6D3CF);
static_assert(ZX_DEFAULT_CHANNEL_RIGHTS == 0xF00E);
static_assert(ZX_DEFAULT_JOB_RIGHTS == 0x7DFCF);
static_assert(ZX_DEFAULT_RESOURCE_RIGHTS == 0x800B);
static_assert(ZX_DEFAULT_THREAD_RIGHTS == 0x4D2CF);
static_assert(ZX_DEFAULT_EVENT_RIGHTS == 0xD003);
static_assert(kVmoMaxSize == 18446744073709420544ull);
static_assert(kUserAspaceBase + kUserAspaceSize == 0x7FFFFFFFF000);

}  // namespace zxspec
