// File: model/state.h
//
// The reference model's state: one value (`State`) holding every kernel object keyed by koid,
// per-process handle tables, and the paged memory behind VMOs. It is copyable, comparable with
// ==, and holds no pointers: objects refer to each other by koid or by memory id.
//
// How VMO content is represented (vmo.md section 8, "the most obvious way"):
//  - A `Memory` is a page store with a size, a stream size cell and the set of committed pages:
//    what Zircon calls a VmObjectPaged/VmCowPages. `vmo_create` makes one; every SNAPSHOT-family
//    child makes a new one holding an eager copy of what the parent showed at creation
//    (VMO-086/087), so copy-on-write isolation holds by construction.
//  - A `Vmo` (the dispatcher, with a koid) views a Memory: roots and COW clones view their own
//    Memory at offset 0; a REFERENCE views its parent's Memory (same size, same stream cell,
//    VMO-089); a SLICE views its parent's Memory at a fixed offset with its own size and its own
//    stream size (VMO-081/088).
//  - A Vmo lives while a handle (anywhere, including in queued channel messages), a mapping or a
//    stream refers to it. When it dies it is removed and its children are re-parented to its
//    parent (VMO-084); a Memory is removed when no Vmo views it.
//
// Identities are deterministic (README "Identities"): koids come from `next_koid`, handle values
// from each table's own counter, and nothing is ever reused.
#pragma once

#include <cstdint>
#include <deque>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "api/calls.h"
#include "api/kernel.h"
#include "api/zircon.h"

namespace zxspec::model {

// ---- pages ----

// One 4096-byte page. Value semantics with a shared immutable buffer, so copying a State (or
// snapshotting a Memory) copies pointers, not bytes. Equality compares content.
class Page {
 public:
  Page();  // all zero
  explicit Page(const std::array<uint8_t, ZX_PAGE_SIZE>& bytes);  // a copy of |bytes|
  uint8_t at(size_t i) const { return (*data_)[i]; }
  void set(size_t i, uint8_t v);  // copies the buffer first if it is shared
  // Bytes [at, at + n) become |src| (nullptr: zeros); one copy of the buffer, none if unchanged.
  void assign(size_t at, const uint8_t* src, size_t n);
  bool IsZero() const;
  bool operator==(const Page& o) const { return data_ == o.data_ || *data_ == *o.data_; }

 private:
  std::shared_ptr<const std::array<uint8_t, ZX_PAGE_SIZE>> data_;
};

// Sparse page store. Canonical: an all-zero page is never stored, so two stores with the same
// content compare equal.
struct PageStore {
  std::map<uint64_t, Page> pages;  // page index -> content

  uint8_t ReadByte(uint64_t offset) const;
  Bytes Read(uint64_t offset, uint64_t len) const;
  void Write(uint64_t offset, const Bytes& data);
  void Zero(uint64_t offset, uint64_t len);   // byte-granular
  void TruncateFrom(uint64_t offset);         // zero everything at and above |offset|
  void WriteInPage(uint64_t index, size_t in, const uint8_t* src, size_t n);  // nullptr: zeros
  bool operator==(const PageStore&) const = default;
};

// A set of page indices kept as disjoint, non-adjacent half-open runs [first, end), so that a
// COMMIT over a huge range (an UNBOUNDED VMO) costs one run, not 2^52 elements. Canonical, so
// equal sets compare equal. `insert` and `size` read like std::set's.
class PageSet {
 public:
  void insert(uint64_t page) { InsertRange(page, page + 1); }
  void InsertRange(uint64_t first, uint64_t end);  // adds [first, end)
  void EraseRange(uint64_t first, uint64_t end);   // removes [first, end)
  bool contains(uint64_t page) const;
  bool empty() const { return runs_.empty(); }
  uint64_t size() const;  // number of pages
  // One past the largest page in the set (0 when empty).
  uint64_t End() const { return runs_.empty() ? 0 : std::prev(runs_.end())->second; }
  const std::map<uint64_t, uint64_t>& runs() const { return runs_; }  // first -> end
  bool operator==(const PageSet&) const = default;

 private:
  std::map<uint64_t, uint64_t> runs_;  // first -> end
};

using MemoryId = uint64_t;

struct Memory {
  uint64_t size = 0;         // page multiple (VMO-002)
  uint64_t stream_size = 0;  // the shared stream-size cell of vmo.md VMO-005
  bool resizable = false;
  bool discardable = false;
  PageStore content;
  PageSet committed;  // page indices (VMO-133)
  uint64_t lock_count = 0;   // discardable memories: nesting of ZX_VMO_OP_LOCK (VMO-103)
  uint64_t root_offset = 0;  // where byte 0 lies in the root of its copy-on-write tree (VMO-075)
  MemoryId cow_tree = 0;     // the copy-on-write tree it belongs to; 0: its own id (VMO-066)
  bool operator==(const Memory&) const = default;
};

// ---- handles ----

struct HandleEntry {
  zx_koid_t object = 0;
  zx_rights_t rights = 0;
  bool operator==(const HandleEntry&) const = default;
};

// A process's handle table. The k-th handle ever installed (k = 1, 2, ...) gets the value
// (k << 2) | ZX_HANDLE_FIXED_BITS_MASK; values are never reused (HANDLE-001).
struct HandleTable {
  std::map<zx_handle_t, HandleEntry> entries;
  uint32_t installed = 0;
  bool operator==(const HandleTable&) const = default;
};

// ---- objects ----

struct Job {
  bool killed = false;
  bool operator==(const Job&) const = default;
};

enum class ProcessState { kInitial, kRunning, kDead };

struct Process {
  std::string name;
  zx_koid_t job = 0;
  ProcessState state = ProcessState::kInitial;
  bool started = false;
  int64_t return_code = 0;
  HandleTable handles;
  zx_koid_t root_vmar = 0;  // the address space's root VMAR (DEAD once the process died)
  bool operator==(const Process&) const = default;
};

struct Resource {
  uint32_t kind = 0;
  uint64_t base = 0;
  uint64_t size = 0;
  bool operator==(const Resource&) const = default;
};

enum class VmoKind { kRoot, kCowClone, kSlice, kReference };

struct Vmo {
  VmoKind kind = VmoKind::kRoot;
  MemoryId memory = 0;
  uint64_t offset = 0;       // slices: offset of byte 0 within `memory`
  uint64_t slice_size = 0;   // slices only (their size never changes)
  uint64_t slice_stream_size = 0;  // slices only: their own stream-size cell
  zx_koid_t parent = 0;      // current parent (re-parented on death, VMO-084), 0 if none
  std::string name;
  bool immutable_at_creation = false;  // VMO-085 (seed RFC-0080)
  bool operator==(const Vmo&) const = default;
};

struct Stream {
  zx_koid_t vmo = 0;
  bool mode_read = false;
  bool mode_write = false;
  bool append = false;
  uint64_t seek = 0;
  bool operator==(const Stream&) const = default;
};

// Per-page permissions of a mapping as runs: [first_page, first_page + pages) -> perms.
struct PermRun {
  uint64_t first_page = 0;  // relative to the mapping's base
  uint64_t pages = 0;
  uint32_t perms = 0;       // ZX_VM_PERM_* bits
  bool operator==(const PermRun&) const = default;
};

struct Mapping {
  zx_vaddr_t base = 0;
  uint64_t size = 0;
  zx_koid_t vmo = 0;
  uint64_t vmo_offset = 0;
  uint32_t max_perms = 0;       // VMAR-027
  uint32_t flags = 0;           // recorded ZX_VM_* flags (VMAR-025)
  std::vector<PermRun> perms;   // covers [0, size / 4096), adjacent runs differ
  bool operator==(const Mapping&) const = default;
};

enum class Lifecycle { kAlive, kDead };

// A child of a VMAR: a sub-VMAR (by koid) or a mapping (owned in place).
using VmarChild = std::variant<zx_koid_t, Mapping>;

struct Vmar {
  zx_koid_t process = 0;  // owning process (address space)
  zx_vaddr_t base = 0;
  uint64_t size = 0;
  uint32_t flags = 0;  // CAN_MAP_*, COMPACT, CANNOT_CREATE_VMO_CHILD (VMAR-001)
  Lifecycle state = Lifecycle::kAlive;
  zx_koid_t parent = 0;  // 0 for a root VMAR
  std::string name;      // "root" or "useralloc"
  std::vector<VmarChild> children;  // ordered by base, non-overlapping
  bool operator==(const Vmar&) const = default;
};

struct Message {
  Bytes bytes;
  std::vector<HandleEntry> handles;
  bool operator==(const Message&) const = default;
};

struct ChannelEndpoint {
  zx_koid_t peer = 0;        // fixed at creation (related_koid); the peer may be gone
  bool peer_closed = false;  // the peer object has been destroyed
  std::deque<Message> queue;  // messages written by the peer, oldest first
  bool operator==(const ChannelEndpoint&) const = default;
};

using ObjectBody = std::variant<Job, Process, Resource, Vmo, Stream, Vmar, ChannelEndpoint>;

zx_obj_type_t ObjTypeOf(const ObjectBody& body);

struct State {
  zx_koid_t next_koid = ZX_KOID_FIRST;
  MemoryId next_memory = 1;
  std::map<zx_koid_t, ObjectBody> objects;
  std::map<MemoryId, Memory> memories;
  InitialEnvironment initial;
  bool operator==(const State&) const = default;
};

// The state before a scenario's first line: the default job, the initial process (RUNNING)
// with its empty root VMAR, and the VMEX resource, with handles job, self, root, vmex in that
// order in the initial process's table (koids 1024..1027, handle values 7, 11, 15, 19).
State InitialState();

}  // namespace zxspec::model
