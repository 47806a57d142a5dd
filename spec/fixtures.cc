// The exploration's fixtures (see fixtures.h).
#include "spec/fixtures.h"

#include "fidl/fidl.h"
#include "spec/fidl.h"

namespace zxspec::spec {
namespace {

// Calls of the initial process on a copy of a state, recorded after the trace so far.
struct Script {
  Fixture f;
  Outcome Step(const Call& call) {
    props::Action a{f.self, call};
    model::StepResult r = model::Step(f.state, f.self, call);
    f.trace.push_back(props::MakeTraceStep(f.state, a, r));
    f.state = std::move(r.state);
    return r.outcome;
  }
  // The handle |call| returns, if it returns one.
  std::optional<zx_handle_t> Handle(const Call& call) {
    const Outcome o = Step(call);
    const auto* h = std::get_if<HandleResult>(&o.payload);
    return h != nullptr ? std::optional<zx_handle_t>(h->handle) : std::nullopt;
  }
};

Script Start(const model::State& from, const props::Trace& trace) {
  return Script{Fixture{from, trace, from.initial.self_koid, {}, {}}};
}

// A disposition of channel_write_etc (CHAN-030).
zx_handle_disposition_t Disposition(uint32_t op, zx_handle_t h, zx_obj_type_t type, zx_rights_t rights) {
  return zx_handle_disposition_t{op, h, type, rights, ZX_OK};
}

}  // namespace

Fixture ContentFixture(const model::State& from, const props::Trace& trace) {
  Script s = Start(from, trace);
  std::vector<zx_handle_t>& handles = s.f.handles;
  std::optional<zx_handle_t> vmo = s.Handle(VmoCreate{5000, ZX_VMO_RESIZABLE});
  if (!vmo) return s.f;
  const zx_handle_t v = *vmo;
  Bytes bytes(64);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i + 1);
  s.Step(VmoWrite{v, 0, bytes});
  s.Step(ObjectSetProperty{v, ZX_PROP_NAME, Bytes{'f', 'x'}});
  handles.push_back(v);
  // The same VMO through a handle with neither READ nor WRITE (VMO-103: the lock and cache
  // ops' ACCESS_DENIED; every read and write's).
  if (auto bare = s.Handle(HandleDuplicate{v, ZX_RIGHT_DUPLICATE | ZX_RIGHT_TRANSFER | ZX_RIGHT_GET_PROPERTY})) {
    handles.push_back(*bare);
  }
  // RFC-0080: an IMMUTABLE snapshot of its first page, bytes 1..64 included (a call that
  // changes an immutable VMO's bytes shows here, not on a zero page).
  if (auto frozen = s.Handle(VmoCreateChild{v, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, ZX_PAGE_SIZE})) {
    handles.push_back(*frozen);
  }
  // A writable copy-on-write clone of it (VMO-086: a write to it reaches its own bytes, never
  // the parent's).
  if (auto clone = s.Handle(VmoCreateChild{v, ZX_VMO_CHILD_SNAPSHOT, 0, ZX_PAGE_SIZE})) {
    handles.push_back(*clone);
  }
  if (auto st = s.Handle(StreamCreate{ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE, v, 3})) {
    handles.push_back(*st);
  }
  // A stream over more than the buffer limit (GEN-006: a read of it all is NO_MEMORY).
  if (auto big = s.Handle(VmoCreate{kOverBufferLimit, 0})) {
    if (auto st = s.Handle(StreamCreate{ZX_STREAM_MODE_READ, *big, 0})) handles.push_back(*st);
  }
  // Two DISCARDABLE pages, one of them locked once (VMO-103: LOCK, UNLOCK, UNLOCK unlocked).
  for (int locked = 0; locked < 2; ++locked) {
    if (auto d = s.Handle(VmoCreate{ZX_PAGE_SIZE, ZX_VMO_DISCARDABLE})) {
      if (locked == 1) s.Step(VmoOpRange{*d, ZX_VMO_OP_LOCK, 0, ZX_PAGE_SIZE});
      handles.push_back(*d);
    }
  }
  return s.f;
}

std::optional<Fixture> ChannelFixture(const model::State& initial) {
  Script s = Start(initial, {});
  std::optional<zx_handle_t> v = s.Handle(VmoCreate{ZX_PAGE_SIZE, 0});
  const Outcome pair = s.Step(ChannelCreate{0});
  const auto* ends = std::get_if<HandlePairResult>(&pair.payload);
  if (!v || ends == nullptr) return std::nullopt;
  std::optional<zx_handle_t> sent = s.Handle(HandleDuplicate{*v, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER});
  if (!sent) return std::nullopt;
  s.Step(ChannelWrite{ends->first, Bytes{'h', 'i'}, {*sent}});
  // For the writes' entry checks: a handle to move (no DUPLICATE), one without TRANSFER, and an
  // endpoint handle without WRITE (endpoints have no DUPLICATE right: a second pair, replaced).
  std::optional<zx_handle_t> mover = s.Handle(HandleDuplicate{*v, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER});
  std::optional<zx_handle_t> stuck = s.Handle(HandleDuplicate{*v, ZX_RIGHT_READ});
  const Outcome second = s.Step(ChannelCreate{0});
  const auto* other = std::get_if<HandlePairResult>(&second.payload);
  if (!mover || !stuck || other == nullptr) return std::nullopt;
  std::optional<zx_handle_t> reader = s.Handle(HandleReplace{other->first, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER});
  if (!reader) return std::nullopt;
  s.f.handles = {ends->second, ends->first, *reader};
  const zx_handle_t w = ends->first;
  auto etc = [w](uint32_t op, zx_handle_t h, zx_obj_type_t type, zx_rights_t rights) -> Call {
    return ChannelWriteEtc{w, {}, {Disposition(op, h, type, rights)}};
  };
  const auto move = Disposition(ZX_HANDLE_OP_MOVE, *mover, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS);
  constexpr uint32_t kMove = ZX_HANDLE_OP_MOVE, kDup = ZX_HANDLE_OP_DUPLICATE;
  s.f.calls = {
      ChannelWrite{*reader, {}, {}},                                        // CHAN-022 (2)
      ChannelWriteEtc{*reader, {}, {}},
      ChannelWrite{w, {}, {*stuck}},                                        // (4): no TRANSFER
      ChannelWrite{w, {}, std::vector<zx_handle_t>(ZX_CHANNEL_MAX_MSG_HANDLES + 1, *mover)},  // (3)
      etc(kMove, *stuck, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS),           // CHAN-031 transfer
      etc(kDup, *mover, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS),            // no DUPLICATE
      etc(kMove, *mover, ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_SAME_RIGHTS),        // type
      etc(kMove, *mover, ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE),                  // CHAN-032
      etc(kMove + 2, *mover, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS),       // operation
      ChannelWriteEtc{w, {}, {Disposition(kDup, *mover, ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ), move}},
      ChannelWriteEtc{w, {}, std::vector<zx_handle_disposition_t>(ZX_CHANNEL_MAX_MSG_HANDLES + 1, move)},
      ObjectGetInfo{*v, ZX_INFO_HANDLE_COUNT},  // HANDLE-042: three in the table, one queued
  };
  return s.f;
}

std::optional<Fixture> ProcessFixture(const model::State& initial) {
  Script s = Start(initial, {});
  const zx_handle_t job = initial.initial.job;
  const Outcome made = s.Step(ProcessCreate{job, Bytes{'p', 0, 'x'}, 0});  // PROC-011 (3): "p"
  const auto* pair = std::get_if<HandlePairResult>(&made.payload);
  std::optional<zx_handle_t> v = s.Handle(VmoCreate{ZX_PAGE_SIZE, 0});
  if (pair == nullptr || !v) return std::nullopt;
  const zx_handle_t proc = pair->first;
  std::optional<zx_handle_t> no_write =
      s.Handle(HandleDuplicate{proc, ZX_DEFAULT_PROCESS_RIGHTS & ~ZX_RIGHT_WRITE});
  std::optional<zx_handle_t> stuck = s.Handle(HandleDuplicate{*v, ZX_RIGHT_READ});
  if (!no_write || !stuck) return std::nullopt;
  s.f.handles = {proc, pair->second, *no_write, job};
  s.f.calls = {
      ProcessStart{*no_write, *v},  // PROC-031 (1): no WRITE
      ProcessStart{proc, *stuck},   // (3): no TRANSFER, consumed anyway
      ProcessStart{proc, *v},       // PROC-032
      ProcessCreate{job, Bytes(ZX_MAX_NAME_LEN + 8, 'n'), 0},  // (3): 31 bytes kept
      ProcessCreate{job, {}, ZX_PROCESS_SHARED},               // P-6
      TaskKill{pair->second},                                  // PROC-021 (2): no DESTROY
      TaskKill{proc},                                          // PROC-022
  };
  return s.f;
}

std::optional<Fixture> ChildFixture(const model::State& initial) {
  Script s = Start(initial, {});
  std::optional<zx_handle_t> w = s.Handle(VmoCreate{2 * ZX_PAGE_SIZE, 0});
  if (!w) return std::nullopt;
  std::optional<zx_handle_t> slice =
      s.Handle(VmoCreateChild{*w, ZX_VMO_CHILD_SLICE, ZX_PAGE_SIZE, ZX_PAGE_SIZE});
  // VMO-075 and VMO-039b: a resizable clone whose range starts near 2^64 (size 0), so that its
  // children's projection onto the root wraps, and so does its own resize to 0x10000.
  constexpr uint64_t kHigh = ~uint64_t{0xFFFF};
  std::optional<zx_handle_t> high =
      s.Handle(VmoCreateChild{*w, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE, kHigh, 0});
  if (!slice || !high) return std::nullopt;
  // Its calls only: reads and writes of these zero-filled VMOs would agree with any wrong answer
  // and use up the comparisons the content fixture's distinct bytes need.
  s.f.calls = {
      VmoCreateChild{*slice, ZX_VMO_CHILD_REFERENCE, 0, 0},                 // VMO-077 slice parent
      VmoCreateChild{*slice, ZX_VMO_CHILD_SNAPSHOT, 0, ZX_PAGE_SIZE},        // VMO-075 slice parent
      VmoCreateChild{*slice, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, kHigh, 0x10000},  // range
      VmoCreateChild{*high, ZX_VMO_CHILD_SNAPSHOT, 0x8000, 0x10000},         // projection
      VmoSetSize{*high, 0x10000},                                            // VMO-039b
  };
  return s.f;
}

std::optional<Fixture> VmarFixture(const model::State& initial) {
  Script s = Start(initial, {});
  const zx_handle_t root = initial.initial.root;
  const Outcome made = s.Step(VmarAllocate{root, ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
                                                     ZX_VM_CAN_MAP_SPECIFIC, 0, 16 * kPage});
  const auto* sub = std::get_if<VmarAllocateResult>(&made.payload);
  std::optional<zx_handle_t> v = s.Handle(VmoCreate{4 * kPage, 0});
  if (sub == nullptr || !v) return std::nullopt;
  // A nested VMAR at the start of the sub-VMAR, and three pages of the VMO after it, the middle
  // one read-only (an unmap of it splits the mapping; VMAR-033 keeps each part's perms).
  const Outcome nested = s.Step(VmarAllocate{sub->child, ZX_VM_CAN_MAP_READ | ZX_VM_SPECIFIC, 0, 2 * kPage});
  const Outcome mapped = s.Step(VmarMap{sub->child, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_SPECIFIC,
                                        4 * kPage, *v, 0, 3 * kPage});
  const auto* at = std::get_if<U64Result>(&mapped.payload);
  std::optional<zx_handle_t> no_op_children =
      s.Handle(HandleDuplicate{sub->child, ZX_DEFAULT_VMAR_RIGHTS & ~ZX_RIGHT_OP_CHILDREN});
  std::optional<zx_handle_t> resizable = s.Handle(VmoCreate{kPage, ZX_VMO_RESIZABLE});
  const auto* inner = std::get_if<VmarAllocateResult>(&nested.payload);
  if (inner == nullptr || at == nullptr || !no_op_children || !resizable) return std::nullopt;
  s.Step(VmarProtect{sub->child, ZX_VM_PERM_READ, at->value + kPage, kPage});
  // One page of the VMO at VMO offset 3 pages, 3 pages in: a right neighbour to merge with.
  constexpr zx_vm_option_t kRs = ZX_VM_PERM_READ | ZX_VM_SPECIFIC;
  s.Step(VmarMap{sub->child, kRs, 3 * kPage, *v, 3 * kPage, kPage});
  // A read-only mapping at 10 pages through a VMO handle without WRITE (VMAR-042 (10b)), and a
  // mapping in the nested VMAR with no page permissions ((10c): a protect through the parent
  // adding one).
  if (auto ro = s.Handle(HandleDuplicate{*v, ZX_RIGHT_MAP | ZX_RIGHT_READ | ZX_RIGHT_DUPLICATE})) {
    s.Step(VmarMap{sub->child, kRs, 10 * kPage, *ro, 0, kPage});
  }
  // A destroyed VMAR (VMAR-022 (18)).
  const Outcome doomed = s.Step(VmarAllocate{sub->child, ZX_VM_CAN_MAP_READ, 0, kPage});
  const auto* dead = std::get_if<VmarAllocateResult>(&doomed.payload);
  if (dead == nullptr) return std::nullopt;
  s.Step(VmarDestroy{dead->child});
  s.Step(VmarMap{inner->child, ZX_VM_PERM_READ, 0, *v, 0, kPage});
  s.Step(VmarProtect{inner->child, 0, sub->addr, kPage});
  const uint64_t base = sub->addr;
  // VMAR-022 (26): an alignment of 2^13 that base + |odd| misses.
  const uint64_t odd = base % (2 * kPage) == 0 ? 3 * kPage : 2 * kPage;
  // Its calls only (as the child fixture: handles tried everywhere use up comparisons).
  s.f.calls = {
      VmarAllocate{inner->child, ZX_VM_SPECIFIC, 0, kPage},  // VMAR-014 (12): no CAN_MAP_SPECIFIC
      VmarAllocate{sub->child, 0, 0, 16 * kPage},       // (15): no free slot
      VmarAllocate{sub->child, ZX_VM_SPECIFIC, 4 * kPage, kPage},  // (14): over the mapping
      VmarAllocate{sub->child, ZX_VM_CAN_MAP_READ, 0, kPage},      // VMAR-060: past the nested VMAR
      VmarDestroy{*no_op_children},                    // VMAR-051 (1): no OP_CHILDREN
      VmarUnmap{*no_op_children, base, 2 * kPage},     // VMAR-032 (7): the nested VMAR
      VmarUnmap{sub->child, base, kPage},              // (7): the nested VMAR, not inside
      VmarUnmap{sub->child, at->value + kPage, kPage},  // VMAR-033: a split
      VmarUnmap{sub->child, at->value + kPage, 8 * kPage},  // a trim
      VmarUnmap{sub->child, base, 16 * kPage},         // everything, the nested VMAR included
      VmarDestroy{sub->child},                         // VMAR-052: with its subtree
      VmarMap{sub->child, ZX_VM_PERM_READ | ZX_VM_REQUIRE_NON_RESIZABLE, 0, *resizable, 0, kPage},  // VMAR-022 (12)
      VmarMap{sub->child, ZX_VM_PERM_READ | ZX_VM_FAULT_BEYOND_STREAM_SIZE, 0, *v, 0, kPage},  // (10)
      VmarMap{sub->child, ZX_VM_PERM_READ | (5u << ZX_VM_ALIGN_BASE), 0, *v, 0, kPage},  // (11)
      VmarMap{sub->child, ZX_VM_PERM_READ, 0, *v, ~uint64_t{kPage - 1}, kPage},  // (17): past 2^64
      VmarMap{dead->child, ZX_VM_PERM_READ, 0, *v, 0, kPage},  // (18)
      VmarMap{sub->child, kRs, 4 * kPage, *v, 0, kPage},       // (26): over the mapping
      VmarMap{sub->child, kRs | ZX_VM_OFFSET_IS_UPPER_LIMIT, 8 * kPage, *v, 0, kPage},  // (21)
      VmarMap{sub->child, kRs, 1, *v, 0, kPage},               // (23)
      VmarMap{inner->child, kRs, 0, *v, 0, kPage},             // (24): no CAN_MAP_SPECIFIC
      VmarMap{sub->child, kRs | (13u << ZX_VM_ALIGN_BASE), odd, *v, 0, kPage},  // (26) alignment
      VmarMap{sub->child, ZX_VM_PERM_READ, 0, *v, 0, 16 * kPage},  // (27): no free slot
      VmarMap{sub->child, kRs, 2 * kPage, *v, 2 * kPage, kPage},   // VMAR-028: merges right
      VmarMap{sub->child, kRs, 7 * kPage, *v, 3 * kPage, kPage},   // merges left
      VmarMap{sub->child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, 5 * kPage, *v, kPage, kPage},  // VMAR-026: a split
      VmarMap{sub->child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, kPage, *v, 0, kPage},  // over the nested VMAR
      VmarProtect{sub->child, ZX_VM_PERM_READ | (5u << ZX_VM_ALIGN_BASE), base, kPage},  // VMAR-042 (5)
      VmarProtect{sub->child, ZX_VM_PERM_READ, base + kPage, kPage},   // (10a): a hole
      VmarProtect{sub->child, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, base + 10 * kPage, kPage},  // (10b)
      VmarProtect{*no_op_children, 0, base, kPage},                   // (10c): no OP_CHILDREN
      VmarProtect{sub->child, ZX_VM_PERM_READ, base, kPage},          // (10c): adds READ below
      VmarProtect{sub->child, 0, base, kPage},                        // VMAR-043 below
      VmarProtect{sub->child, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, at->value, 3 * kPage},  // over perm runs
  };
  return s.f;
}

// VMAR-082: a mapping and a sub-VMAR refusing children (VMAR-084), and mappings of a discardable
// VMO, of a slice (far into it, and at its start) and of a clone whose range starts near 2^64, each
// in the root VMAR, for vmar_create_vmo_child's checks after the lookup.
std::optional<Fixture> VmarChildFixture(const model::State& initial) {
  Script s = Start(initial, {});
  const zx_handle_t root = initial.initial.root;
  auto map = [&](zx_handle_t vmar, zx_vm_option_t options, zx_handle_t vmo, uint64_t offset) {
    const Outcome o = s.Step(VmarMap{vmar, options, 0, vmo, offset, kPage});
    const auto* at = std::get_if<U64Result>(&o.payload);
    return at != nullptr ? std::optional<uint64_t>(at->value) : std::nullopt;
  };
  const Outcome made = s.Step(VmarAllocate{root, ZX_VM_CAN_MAP_READ | ZX_VM_CANNOT_CREATE_VMO_CHILD, 0, 4 * kPage});
  const auto* sub = std::get_if<VmarAllocateResult>(&made.payload);
  std::optional<zx_handle_t> v = s.Handle(VmoCreate{4 * kPage, 0});
  std::optional<zx_handle_t> discardable = s.Handle(VmoCreate{kPage, ZX_VMO_DISCARDABLE});
  std::optional<zx_handle_t> w = s.Handle(VmoCreate{2 * kPage, 0});
  if (sub == nullptr || !v || !discardable || !w) return std::nullopt;
  std::optional<zx_handle_t> slice = s.Handle(VmoCreateChild{*w, ZX_VMO_CHILD_SLICE, kPage, kPage});
  std::optional<zx_handle_t> high = s.Handle(VmoCreateChild{*w, ZX_VMO_CHILD_SNAPSHOT, ~uint64_t{0xFFFF}, 0});
  if (!slice || !high) return std::nullopt;
  const auto refusing = map(root, ZX_VM_PERM_READ | ZX_VM_CANNOT_CREATE_VMO_CHILD, *v, 0);
  const auto in_sub = map(sub->child, ZX_VM_PERM_READ, *v, kPage);
  const auto of_discardable = map(root, ZX_VM_PERM_READ | ZX_VM_ALLOW_FAULTS, *discardable, 0);  // VMAR-022 (13)
  // The slice starts a page into its memory: a VMO offset 2 pages below 2^64 wraps (VMO-075 range).
  const auto slice_far = map(root, ZX_VM_PERM_READ, *slice, ~uint64_t{2 * kPage - 1});
  const auto of_slice = map(root, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, *slice, 0);
  // 0x10000 into a clone starting 0x10000 below 2^64: its projection onto the root wraps.
  const auto of_high = map(root, ZX_VM_PERM_READ, *high, 0x10000);
  // An executable mapping (a VMO made executable through the VMEX resource, VMO-120): a NO_WRITE
  // child of it gets EXECUTE (VMAR-083).
  std::optional<zx_handle_t> x = s.Handle(VmoCreate{kPage, 0});
  std::optional<zx_handle_t> xe = x ? s.Handle(VmoReplaceAsExecutable{*x, initial.initial.vmex}) : std::nullopt;
  const auto executable = xe ? map(root, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, *xe, 0) : std::nullopt;
  if (!refusing || !in_sub || !of_discardable || !slice_far || !of_slice || !of_high || !executable) {
    return std::nullopt;
  }
  constexpr uint32_t kSnap = ZX_VMO_CHILD_SNAPSHOT, kAtLeast = ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE;
  s.f.calls = {
      VmarCreateVmoChild{root, kSnap, *refusing, kPage},                   // VMAR-082 (7) mapping
      VmarCreateVmoChild{root, kSnap, *in_sub, kPage},                     // (7) VMAR
      VmarCreateVmoChild{sub->child, kSnap, *in_sub + kPage, kPage},       // (6) no mapping
      VmarCreateVmoChild{root, kSnap, *of_discardable, kPage},             // VMO-073
      VmarCreateVmoChild{root, kAtLeast, *slice_far, kPage},               // VMO-075 (range)
      VmarCreateVmoChild{root, kSnap, *of_high, kPage},                    // (projection)
      VmarCreateVmoChild{root, kSnap, *of_slice, kPage},                   // (slice parent)
      VmarCreateVmoChild{root, kAtLeast | ZX_VMO_CHILD_NO_WRITE, *of_slice, kPage},  // VMAR-083
      VmarCreateVmoChild{root, kAtLeast, *of_slice, 2 * kPage},            // (6) past the mapping
      VmarCreateVmoChild{root, kSnap | ZX_VMO_CHILD_NO_WRITE, *executable, kPage},  // with EXECUTE
  };
  return s.f;
}

// MEM-001..006: mappings of one VMO (size 4 pages, stream size 5000: RFC-0238) in the root VMAR,
// the first with its second page read-only, the second with FAULT_BEYOND_STREAM_SIZE; a resizable
// VMO shrunk below its mapping (MEM-005); a read-only mapping of its second page; an IMMUTABLE
// snapshot mapped read-only; two one-page mappings of one VMO page side by side in a
// sub-VMAR (a write across them lands twice on one memory page). The calls meet each fault, in a
// later page than the first too, and succeed across pages and mappings.
std::optional<Fixture> MemFixture(const model::State& initial) {
  Script s = Start(initial, {});
  const zx_handle_t root = initial.initial.root;
  constexpr zx_vm_option_t kRw = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE;
  auto map = [&](zx_handle_t vmar, zx_vm_option_t options, uint64_t at, zx_handle_t vmo, uint64_t len,
                 uint64_t offset = 0) {
    const Outcome o = s.Step(VmarMap{vmar, options, at, vmo, offset, len});
    const auto* a = std::get_if<U64Result>(&o.payload);
    return a != nullptr ? std::optional<uint64_t>(a->value) : std::nullopt;
  };
  std::optional<zx_handle_t> v = s.Handle(VmoCreate{4 * kPage, 0});
  std::optional<zx_handle_t> r = s.Handle(VmoCreate{2 * kPage, ZX_VMO_RESIZABLE});
  const Outcome made = s.Step(VmarAllocate{root, ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC, 0, 4 * kPage});
  const auto* sub = std::get_if<VmarAllocateResult>(&made.payload);
  if (!v || !r || sub == nullptr) return std::nullopt;
  s.Step(VmoSetStreamSize{*v, 5000});
  Bytes bytes(64);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i + 1);
  s.Step(VmoWrite{*v, 0, bytes});
  s.Step(VmoWrite{*v, kPage - 32, bytes});
  const auto a = map(root, kRw, 0, *v, 3 * kPage);
  const auto b = map(root, kRw | ZX_VM_ALLOW_FAULTS | ZX_VM_FAULT_BEYOND_STREAM_SIZE, 0, *v, 4 * kPage);  // VMAR-022 (10)
  const auto c = map(root, kRw, 0, *r, 2 * kPage);
  const auto left = map(sub->child, kRw | ZX_VM_SPECIFIC, 0, *v, kPage);
  const auto right = map(sub->child, kRw | ZX_VM_SPECIFIC, kPage, *v, kPage);
  const auto d = map(root, ZX_VM_PERM_READ, 0, *v, kPage, kPage);  // VMO offset one page
  // RFC-0080: an IMMUTABLE snapshot of the first page, mapped read-only (a write through it must
  // fault; its bytes never change).
  std::optional<zx_handle_t> frozen = s.Handle(VmoCreateChild{*v, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, kPage});
  const auto e = frozen ? map(root, ZX_VM_PERM_READ, 0, *frozen, kPage) : std::nullopt;
  if (!a || !b || !c || !left || !right || !d || !e) return std::nullopt;
  s.Step(VmarProtect{root, ZX_VM_PERM_READ, *a + kPage, kPage});
  s.Step(VmarProtect{root, 0, *c, kPage});
  s.Step(VmoSetSize{*r, kPage});
  const Bytes two{7, 8};
  s.f.calls = {
      MemRead{*a, 0}, MemWrite{*a, {}},                     // MEM-006
      MemRead{kPage, 1}, MemWrite{UINT64_MAX, two},         // MEM-002 (1): below the root, past 2^64
      MemRead{*right + kPage - 1, 2},                       // (1) in a later page: the sub-VMAR's hole
      MemWrite{*a + kPage, two}, MemWrite{*a + kPage - 1, two},  // (2), in the first and second page
      MemWrite{*e + 8, two},                                // (2): the immutable snapshot
      MemRead{*c, 1},                                       // (2): a page without permissions
      MemRead{*c + kPage, 1}, MemWrite{*c + kPage, two},    // (3): past the shrunk size (MEM-005)
      MemRead{*b + 2 * kPage, 1}, MemWrite{*b + 2 * kPage - 1, two},  // (4) past the stream's last page
      MemRead{*b + kPage, 1},                               // MEM-004: the stream's last page
      MemRead{*a + kPage - 40, 64}, MemRead{*a + 3 * kPage - 2, 4},  // across pages and mappings
      MemRead{*d, 8},                                       // at a VMO offset
      MemWrite{*a + kPage - 4, {}}, MemWrite{*b + 10, bytes},  // ... and writes
      MemWrite{*left + kPage - 3, Bytes{1, 2, 3, 4, 5, 6}},  // the two aliases of one page
  };
  return s.f;
}

// GEN-006 after MEM-002: a read-only mapping one page longer than the model's buffer limit, read
// whole (NO_MEMORY only once every page has passed its checks).
std::optional<Fixture> MemLimitFixture(const model::State& initial) {
  Script s = Start(initial, {});
  constexpr uint64_t kSize = kMaxUserBufferBytes + ZX_PAGE_SIZE;
  std::optional<zx_handle_t> v = s.Handle(VmoCreate{kSize, 0});
  if (!v) return std::nullopt;
  const Outcome o = s.Step(VmarMap{initial.initial.root, ZX_VM_PERM_READ, 0, *v, 0, kSize});
  const auto* at = std::get_if<U64Result>(&o.payload);
  if (at == nullptr) return std::nullopt;
  s.f.calls = {MemRead{at->value, kMaxUserBufferBytes + 1}};
  return s.f;
}

}  // namespace zxspec::spec

namespace zxspec::spec {

// HANDLE-043: a topic no kernel defines (NOT_SUPPORTED before the handle is looked up).
constexpr zx_object_info_topic_t kUnknownTopic = 0x7fff;

std::optional<Fixture> InfoFixture(const model::State& initial) {
  Script s = Start(initial, {});
  const InitialEnvironment& env = initial.initial;
  constexpr zx_vm_option_t kCanMap = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC;
  constexpr zx_vm_option_t kRw = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE;
  auto pair = [&](const Call& call) {
    const Outcome o = s.Step(call);
    const auto* p = std::get_if<HandlePairResult>(&o.payload);
    return p != nullptr ? std::optional<HandlePairResult>(*p) : std::nullopt;
  };
  auto vmar = [&](zx_handle_t parent, uint64_t size) {
    const Outcome o = s.Step(VmarAllocate{parent, kCanMap, 0, size});
    const auto* a = std::get_if<VmarAllocateResult>(&o.payload);
    return a != nullptr ? std::optional<zx_handle_t>(a->child) : std::nullopt;
  };
  auto address = [&](const Call& call) {
    const Outcome o = s.Step(call);
    const auto* a = std::get_if<U64Result>(&o.payload);
    return a != nullptr ? std::optional<uint64_t>(a->value) : std::nullopt;
  };
  std::optional<zx_handle_t> v = s.Handle(VmoCreate{4 * kPage, 0});
  const auto other = pair(ProcessCreate{env.job, Bytes{'q'}, 0});
  const auto dying = pair(ProcessCreate{env.job, Bytes{'d'}, 0});
  const auto channel = pair(ChannelCreate{0});
  const auto sub = vmar(env.root, 16 * kPage);
  const auto gone = vmar(env.root, 4 * kPage);
  if (!v || !other || !dying || !channel || !sub || !gone) return std::nullopt;
  const auto nested = vmar(*sub, 4 * kPage);
  s.Step(ObjectSetProperty{*v, ZX_PROP_NAME, Bytes{'i', 'n', 'f', 'o'}});
  s.Step(VmoWrite{*v, 0, Bytes(8, 1)});
  s.Step(VmoWrite{*v, 2 * kPage, Bytes(8, 2)});
  const auto child = s.Handle(VmoCreateChild{*v, ZX_VMO_CHILD_SNAPSHOT, 0, kPage});
  const auto slice = s.Handle(VmoCreateChild{*v, ZX_VMO_CHILD_SLICE, kPage, 2 * kPage});
  const auto at = address(VmarMap{*sub, kRw | ZX_VM_SPECIFIC, 8 * kPage, *v, 0, 3 * kPage});
  const auto stream = s.Handle(StreamCreate{ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE, *v, 5});
  if (!nested || !child || !slice || !at || !stream) return std::nullopt;
  s.Step(VmarProtect{*sub, ZX_VM_PERM_READ, *at + kPage, kPage});  // MAPS-020: three runs
  s.Step(VmarMap{*nested, ZX_VM_PERM_READ, 0, *v, kPage, 2 * kPage});
  s.Step(VmarMap{*nested, ZX_VM_PERM_READ, 0, *slice, 0, kPage});
  s.Step(VmarMap{other->second, ZX_VM_PERM_READ, 0, *v, 0, kPage});  // VMO-132: shared by two
  s.Step(VmarDestroy{*gone});                                          // MAPS-010: DEAD
  s.Step(TaskKill{dying->first});                                      // MAPS-015: DEAD
  s.Step(HandleClose{channel->second});  // HANDLE-053: its peer is closed (CHAN-002)
  std::vector<zx_handle_t> handles{*v,       *child,      *slice,        *stream,     env.root,
                                   *sub,     *nested,     *gone,         other->first, other->second,
                                   dying->first, channel->first, env.job, env.self,   0};
  for (zx_handle_t h : {*stream, *sub, other->first}) {  // STREAM-060, MAPS-010, MAPS-015: no INSPECT
    if (auto bare = s.Handle(HandleDuplicate{h, ZX_RIGHT_DUPLICATE})) handles.push_back(*bare);
  }
  for (zx_handle_t h : handles) {
    for (zx_object_info_topic_t topic :
         {ZX_INFO_HANDLE_VALID, ZX_INFO_HANDLE_BASIC, ZX_INFO_VMO, ZX_INFO_VMO_V1, ZX_INFO_STREAM, ZX_INFO_VMAR,
          ZX_INFO_VMAR_MAPS, ZX_INFO_PROCESS_MAPS, ZX_INFO_PROCESS_MAPS_V2, ZX_INFO_HANDLE_COUNT,
          kUnknownTopic}) {
      s.f.calls.push_back(ObjectGetInfo{h, topic});
    }
    // HANDLE-052/053: every type's signals (the killed process's TERMINATED, the channel's
    // PEER_CLOSED), in a wait they satisfy and one they do not (no user signal is asserted).
    s.f.calls.push_back(ObjectWaitOne{h, ~zx_signals_t{0}, 0});
    s.f.calls.push_back(ObjectWaitOne{h, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE_PAST});
  }
  return s.f;
}

std::optional<Fixture> FidlFixture(const model::State& initial) {
  Script s = Start(initial, {});
  std::optional<zx_handle_t> v = s.Handle(VmoCreate{ZX_PAGE_SIZE, 0});
  if (!v) return std::nullopt;
  std::vector<std::pair<zx_handle_t, zx_handle_t>> ends;
  for (int i = 0; i < 6; ++i) {
    const Outcome made = s.Step(ChannelCreate{0});
    const auto* pair = std::get_if<HandlePairResult>(&made.payload);
    if (pair == nullptr) return std::nullopt;
    ends.emplace_back(pair->first, pair->second);
  }
  constexpr zx_rights_t kSent = ZX_RIGHT_READ | ZX_RIGHT_WRITE | ZX_RIGHT_TRANSFER | ZX_RIGHT_DUPLICATE;
  std::optional<zx_handle_t> m1 = s.Handle(HandleDuplicate{*v, kSent});
  std::optional<zx_handle_t> m2 = s.Handle(HandleDuplicate{*v, kSent});
  std::optional<zx_handle_t> m3 = s.Handle(HandleDuplicate{*v, kSent});
  std::optional<zx_handle_t> stuck = s.Handle(HandleDuplicate{*v, ZX_RIGHT_READ});
  std::optional<zx_handle_t> no_read = s.Handle(HandleReplace{ends[5].first, ZX_RIGHT_WRITE | ZX_RIGHT_TRANSFER});
  std::optional<zx_handle_t> no_write = s.Handle(HandleReplace{ends[5].second, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER});
  if (!m1 || !m2 || !m3 || !stuck || !no_read || !no_write) return std::nullopt;
  const auto [a0, b0] = ends[0];
  s.Step(ChannelWrite{a0, Bytes{'m', 's', 'g'}, {*m1, *m2}});                         // b0: a message
  s.Step(ChannelWrite{ends[1].first, fidl::EncodeEpitaph(ZX_ERR_BAD_STATE), {*m3}});  // b1: an epitaph
  s.Step(ChannelWrite{ends[2].first, fidl::EncodeEpitaph(ZX_OK), {}});               // b2: ZX_OK
  s.Step(HandleClose{ends[4].first});                                                 // b4: peer closed
  const zx_handle_t a3 = ends[3].first, b1 = ends[1].second, b2 = ends[2].second;
  const zx_handle_t b3 = ends[3].second, b4 = ends[4].second;
  s.f.handles = {a0, b0, b3, b4, *v, *no_read, *no_write};
  constexpr zx_obj_type_t kVmo = ZX_OBJ_TYPE_VMO, kNone = ZX_OBJ_TYPE_NONE;
  constexpr zx_rights_t kSame = ZX_RIGHT_SAME_RIGHTS, kNo = ZX_RIGHT_NONE;
  const fidl::SendSlot vmo{*v, kVmo, ZX_RIGHT_READ, kNo};
  auto any = [](zx_handle_t h) { return fidl::SendSlot{h, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS, ZX_RIGHT_NONE}; };
  auto send = [](zx_handle_t h, const Bytes& data, const std::vector<fidl::SendSlot>& slots) {
    return std::pair<std::string_view, ArgValues>{"fidl_send", FidlSendArgs(h, data, slots)};
  };
  auto recv = [](zx_handle_t h, const std::vector<fidl::RecvSlot>& slots) {
    return std::pair<std::string_view, ArgValues>{"fidl_recv", FidlRecvArgs(h, slots)};
  };
  const fidl::RecvSlot read{kVmo, ZX_RIGHT_READ, kNo}, unchecked{kNone, kSame, kNo};
  s.f.layer_calls = {
      send(a3, Bytes{'o', 'k'}, {vmo}),                                   // FIDL-010 (4)
      send(a3, {}, {any(*v), any(*stuck)}),                               // (2): transfer, second
      send(a3, {}, {vmo, vmo}),                                           // repeated
      send(a3, {}, {any(0x7ff3)}),                                        // not in the table
      send(a3, {}, {any(a3)}),                                            // own endpoint
      send(a3, {}, {{*v, ZX_OBJ_TYPE_CHANNEL, kSame, kNo}}),              // type
      send(a3, {}, {{*v, kVmo, ZX_RIGHT_EXECUTE, kNo}}),                  // required rights
      send(b4, {}, {vmo}),                                                // (4): PEER_CLOSED
      send(a0, {}, {{*v, kVmo, ZX_RIGHT_READ, ZX_RIGHT_MAP}}),            // filtered
      recv(b0, {read, unchecked}),                                        // (5): one replaced
      recv(b0, {read, {kVmo, ZX_RIGHT_READ, ZX_RIGHT_WRITE}}),            // two replaced
      recv(b0, {{kVmo, kSent, kNo}, unchecked}),                          // none replaced
      recv(b0, {read}),                                                   // (3): count
      recv(b0, {{ZX_OBJ_TYPE_CHANNEL, kSame, kNo}, unchecked}),           // (4): type
      recv(b0, {unchecked, {kVmo, ZX_RIGHT_EXECUTE, kNo}}),               // (4): required rights
      recv(b1, {}),                                                       // (2): epitaph status
      recv(b2, {}),                                                       // (2): epitaph ZX_OK
      recv(b3, {}),                                                       // (1): SHOULD_WAIT
      recv(b4, {}),                                                       // (1): PEER_CLOSED
      send(0x7ff3, {}, {vmo}),                                            // (1): BAD_HANDLE
      send(*v, {}, {}),                                                   // (1): WRONG_TYPE
      send(*no_write, {}, {}),                                            // (1): ACCESS_DENIED
      recv(0x7ff3, {}),
      recv(*v, {}),
      recv(*no_read, {}),
  };
  return s.f;
}

std::optional<Fixture> FidlLimitFixture(const model::State& initial) {
  Script s = Start(initial, {});
  std::optional<zx_handle_t> v = s.Handle(VmoCreate{ZX_PAGE_SIZE, 0});
  const Outcome made = s.Step(ChannelCreate{0});
  const auto* ends = std::get_if<HandlePairResult>(&made.payload);
  if (!v || ends == nullptr) return std::nullopt;
  std::vector<fidl::SendSlot> slots;
  while (slots.size() <= ZX_CHANNEL_MAX_MSG_HANDLES) {
    std::optional<zx_handle_t> h = s.Handle(HandleDuplicate{*v, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER});
    if (!h) return std::nullopt;
    slots.push_back({*h, ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ, ZX_RIGHT_NONE});
  }
  s.f.layer_calls = {{"fidl_send", FidlSendArgs(ends->first, {}, slots)}};  // FIDL-010 (4): CHAN-031 (3)
  return s.f;
}

}  // namespace zxspec::spec
