// File: impl/objects.h
//
// The kernel objects of the optimized implementation. Unlike the model (one value, objects by
// koid, whole-state scans), these are heap objects linked by pointers and kept consistent
// incrementally, the way a kernel keeps them:
//
//  - every object counts its handles (in handle tables and in queued channel messages) and, for
//    VMOs, its kernel references (mappings and live streams); when a count reaches zero the
//    object becomes a destruction candidate, examined at the end of the call (impl/core.h);
//  - a VMO knows its parent and its children (re-parented on death, VMO-084) and the mappings
//    that use it per process (num_mappings / share_count without a scan);
//  - VMO content lives in a `Memory` (Zircon's VmCowPages): a copy-on-write radix page tree,
//    shared by refcount with SNAPSHOT-family children, plus the set of held pages as runs;
//  - a VMAR keeps its children in an ordered interval map keyed by base; a mapping keeps its
//    per-page permissions as runs keyed by first page.
//
// Refinement (refinement/) reads these structures, read-only, to build the model's state.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "api/calls.h"
#include "api/zircon.h"
#include "impl/handle_table.h"
#include "impl/page_set.h"
#include "impl/page_tree.h"

namespace zxspec::impl {

enum class ObjKind : uint8_t { kJob, kProcess, kResource, kVmo, kStream, kVmar, kChannel };

struct Object {
  Object(zx_koid_t k, ObjKind t) : koid(k), kind(t) {}
  virtual ~Object() = default;
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;

  const zx_koid_t koid;
  const ObjKind kind;
  uint32_t handle_count = 0;  // handles in tables and in queued messages (HANDLE-003)
  uint32_t kernel_refs = 0;   // VMOs only: mappings and live streams
};

zx_obj_type_t ObjTypeOf(ObjKind kind);

// Checked downcast: nullptr when |o| is not a T.
template <class T>
T* As(Object* o) {
  return o != nullptr && o->kind == T::kKind ? static_cast<T*>(o) : nullptr;
}
template <class T>
const T* As(const Object* o) {
  return o != nullptr && o->kind == T::kKind ? static_cast<const T*>(o) : nullptr;
}

// ---- jobs, resources ----

struct JobObj final : Object {
  static constexpr ObjKind kKind = ObjKind::kJob;
  explicit JobObj(zx_koid_t k) : Object(k, kKind) {}
  bool killed = false;
  uint32_t live_processes = 0;  // child processes not DEAD (ZX_JOB_NO_PROCESSES, HANDLE-053)
};

struct ResourceObj final : Object {
  static constexpr ObjKind kKind = ObjKind::kResource;
  explicit ResourceObj(zx_koid_t k) : Object(k, kKind) {}
  uint32_t rsrc_kind = 0;
  uint64_t base = 0;
  uint64_t size = 0;
};

// ---- processes ----

enum class ProcState : uint8_t { kInitial, kRunning, kDead };

struct ProcessObj final : Object {
  static constexpr ObjKind kKind = ObjKind::kProcess;
  explicit ProcessObj(zx_koid_t k) : Object(k, kKind) {}
  std::string name;
  zx_koid_t job = 0;
  ProcState state = ProcState::kInitial;
  bool started = false;
  int64_t return_code = 0;
  HandleTable handles;
  zx_koid_t root_vmar = 0;  // kept after death (the VMAR itself is DEAD then)
};

// ---- VMO content ----

struct Memory;

// A copy-on-write tree: a root memory and every SNAPSHOT-family clone made from it or its
// clones (transitively). DECOMMIT is refused while another memory of the tree lives (VMO-066).
struct CowTree {
  uint64_t live_memories = 0;
  const Memory* root = nullptr;  // nullptr once the root memory is gone
};

// The page store behind one root VMO or one COW clone (and every slice and reference of it).
// Byte b of the memory is byte b % 4096 of page (base_page + b / 4096) of |pages|; a clone's
// tree starts as its parent's tree, so base_page is the clone's offset there (page units).
// Invariant: |pages| holds nothing outside [base_page, base_page + size / 4096).
struct Memory {
  Memory();                                    // the root of a new copy-on-write tree
  explicit Memory(std::shared_ptr<CowTree> t);  // a clone joining tree |t|
  ~Memory();
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;

  uint64_t size = 0;         // page multiple (VMO-002)
  uint64_t stream_size = 0;  // the shared stream-size cell (VMO-005)
  bool resizable = false;
  bool discardable = false;
  uint64_t lock_count = 0;   // discardable memories: ZX_VMO_OP_LOCK nesting (VMO-103)
  uint64_t root_offset = 0;  // where byte 0 lies in the root of its tree (VMO-075)
  std::shared_ptr<CowTree> tree;
  uint64_t base_page = 0;
  PageTree pages;
  PageSet committed;  // page indices relative to byte 0 (VMO-133)
};

enum class VmoKind : uint8_t { kRoot, kCowClone, kSlice, kReference };

struct Mapping;
struct VmarObj;

struct VmoObj final : Object {
  static constexpr ObjKind kKind = ObjKind::kVmo;
  explicit VmoObj(zx_koid_t k) : Object(k, kKind) {}
  VmoKind vmo_kind = VmoKind::kRoot;
  std::shared_ptr<Memory> memory;  // own (root, clone) or the parent's (slice, reference)
  uint64_t offset = 0;             // slices: byte 0 of this VMO within |memory|
  uint64_t slice_size = 0;         // slices only
  uint64_t slice_stream_size = 0;  // slices only: their own cell (VMO-081)
  VmoObj* parent = nullptr;        // current parent (VMO-084)
  std::vector<VmoObj*> children;   // live VMOs whose parent is this one
  std::string name;
  bool immutable_at_creation = false;
  std::unordered_map<zx_koid_t, uint32_t> mappings_per_process;  // share_count = size()
  uint64_t num_mappings = 0;
};

// ---- streams ----

struct StreamObj final : Object {
  static constexpr ObjKind kKind = ObjKind::kStream;
  explicit StreamObj(zx_koid_t k) : Object(k, kKind) {}
  VmoObj* vmo = nullptr;  // holds a kernel reference (STREAM-001)
  bool mode_read = false;
  bool mode_write = false;
  bool append = false;
  uint64_t seek = 0;
};

// ---- VMARs and mappings ----

struct Mapping {
  VmarObj* vmar = nullptr;
  zx_vaddr_t base = 0;
  uint64_t size = 0;
  VmoObj* vmo = nullptr;  // holds a kernel reference (VMAR-002)
  uint64_t vmo_offset = 0;
  uint32_t max_perms = 0;  // VMAR-027
  uint32_t flags = 0;      // recorded ZX_VM_* flags (VMAR-025)
  // Permission runs: first page (relative to base) -> perms; the first key is 0, adjacent runs
  // differ, and the last run ends at size / 4096.
  std::map<uint64_t, uint32_t> perms;
};

using VmarChild = std::variant<VmarObj*, std::unique_ptr<Mapping>>;

struct VmarObj final : Object {
  static constexpr ObjKind kKind = ObjKind::kVmar;
  explicit VmarObj(zx_koid_t k) : Object(k, kKind) {}
  zx_koid_t process = 0;
  zx_vaddr_t base = 0;
  uint64_t size = 0;
  uint32_t flags = 0;
  bool alive = true;
  zx_koid_t parent_koid = 0;  // 0 for a root VMAR; kept after death
  VmarObj* parent = nullptr;  // valid while alive
  std::string name;
  std::map<zx_vaddr_t, VmarChild> children;  // by base; non-overlapping
  // [base, packed_until) is covered by children without a gap (any lower value is a valid
  // bound), so lowest-fit placement (VMAR-060) starts its search there.
  zx_vaddr_t packed_until = 0;
};

// ---- channels ----

struct Message {
  Bytes bytes;
  std::vector<Handle> handles;
};

struct ChannelObj final : Object {
  static constexpr ObjKind kKind = ObjKind::kChannel;
  explicit ChannelObj(zx_koid_t k) : Object(k, kKind) {}
  zx_koid_t peer = 0;
  bool peer_closed = false;
  std::deque<Message> queue;  // written by the peer, oldest first
};

}  // namespace zxspec::impl
