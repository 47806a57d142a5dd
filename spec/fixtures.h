// File: spec/fixtures.h (internal to spec/)
//
// The fixtures exploration tries calls on (spec/explore.h): states a short script of calls of
// the initial process builds, each with the handles worth passing as every handle argument and
// whole calls worth making there. They hold what a walk of the call generator meets rarely, so
// that a wrong answer or effect of an encoding shows against model::Step:
//
//   content  a VMO whose size and stream size differ (5000 bytes: 8192 and 5000, RFC-0238), whose
//            bytes differ from each other (1, 2, ..., 64 from offset 0) and which has a name; the
//            VMO through a handle without READ and WRITE (VMO-103); an IMMUTABLE snapshot of its
//            first page (RFC-0080) and a writable copy-on-write clone of it (VMO-086); a
//            read-write stream on it whose seek is 3; a read-only stream on a VMO over the buffer
//            limit (GEN-006); two DISCARDABLE one-page VMOs, the second locked (VMO-103).
//   channel  a message "hi" carrying a VMO handle with READ|TRANSFER queued at one endpoint
//            (CHAN-042: a read installs the rights the handle travelled with); the writes'
//            entry checks: a handle without TRANSFER, one without DUPLICATE, the wrong type,
//            rights beyond the source, an invalid operation, 65 entries, an endpoint without
//            WRITE (CHAN-022, CHAN-031, CHAN-032).
//   process  a new INITIAL process (its name "p\0x" stored as "p", PROC-011 (3)), its root VMAR,
//            the process through a handle without WRITE, a VMO to hand over and one without
//            TRANSFER: process_start's checks (PROC-031), a name over 31 bytes, a SHARED
//            process (P-6), a kill through a handle without DESTROY and a kill (PROC-021/022).
//   child    a two-page VMO, a slice of its second page, and a resizable SNAPSHOT child whose range
//            starts near 2^64: the VMO-075/077 checks of zx_vmo_create_child (slice parents, a range
//            that wraps, a projection onto the root that wraps) and a resize that wraps there
//            (VMO-039b); its calls only, no handle is tried as every handle argument.
//   vmar     a sub-VMAR of the root VMAR (16 pages, CAN_MAP_SPECIFIC), a nested VMAR at its
//            start, three pages of a VMO mapped after it with the middle one read-only, and the
//            sub-VMAR through a handle without OP_CHILDREN: allocations that find no slot, meet
//            the mapping, or go past the nested VMAR (VMAR-014 (14)/(15), VMAR-060), the unmap
//            and destroy checks (VMAR-032 (7), VMAR-051 (1)), a split, a trim, and the
//            destruction of a subtree.
//   mem      mappings of a VMO whose stream size ends inside its second page (RFC-0238), one with
//            a read-only page, one with FAULT_BEYOND_STREAM_SIZE, one at a VMO offset; a mapping
//            of a VMO shrunk below it (MEM-005); two mappings of one page side by side: every
//            MEM-002 fault, in the first page and a later one, and accesses across pages and
//            mappings (MEM-004).
//   info     a named VMO with two written pages, a snapshot child and a slice, mapped three times
//            here (a read-only middle page: three runs, MAPS-020; one in a nested VMAR at a VMO
//            offset) and once in another process (share count 2); a stream at seek 5; a destroyed
//            VMAR and a killed process (MAPS-010/015 BAD_STATE); a channel (related koid); a
//            stream, a VMAR and a process through handles without INSPECT: every topic on each,
//            and a topic no kernel defines (HANDLE-043); a wait for every signal and one for a
//            user signal on each (HANDLE-052/053: the channel's peer is closed, the killed
//            process is TERMINATED).
//   fidl     queued at channel ends: a message with two VMO handles (READ|WRITE|TRANSFER|
//            DUPLICATE), an epitaph BAD_STATE carrying a handle, an epitaph ZX_OK; an empty end,
//            an end whose peer is closed, ends without WRITE and without READ, a VMO without
//            TRANSFER: every FIDL-010 encoding failure, FIDL-020's decoding failures, epitaphs and
//            replacements (two slots: the second replacement's value counts the first).
#pragma once

#include <optional>
#include <vector>

#include "api/calls.h"
#include "api/zircon.h"
#include "model/model.h"
#include "props/trace.h"
#include "spec/ops.h"

namespace zxspec::spec {

inline constexpr uint64_t kOverBufferLimit = 2 * kMaxUserBufferBytes;  // a size over GEN-006's

struct Fixture {
  model::State state;
  props::Trace trace;  // the calls that led there, the script's included
  zx_koid_t self = 0;
  std::vector<zx_handle_t> handles;  // each tried as every handle argument
  std::vector<Call> calls;           // each tried as it is
  // Calls of the FIDL layer (no `Call`, OpSpec::run): the operation's name and arguments.
  std::vector<std::pair<std::string_view, ArgValues>> layer_calls = {};
};

// The content fixture, built from |from| (reached after |trace|).
Fixture ContentFixture(const model::State& from, const props::Trace& trace);
// The channel fixture, built from the initial state; nullopt if a step of it fails.
std::optional<Fixture> ChannelFixture(const model::State& initial);
// The process fixture, built from the initial state; nullopt if a step of it fails.
std::optional<Fixture> ProcessFixture(const model::State& initial);
// The child fixture, built from the initial state; nullopt if a step of it fails.
std::optional<Fixture> ChildFixture(const model::State& initial);
// The VMAR fixture, built from the initial state; nullopt if a step of it fails.
std::optional<Fixture> VmarFixture(const model::State& initial);
// The fixture of vmar_create_vmo_child's checks, built from the initial state; nullopt if a step
// of it fails.
std::optional<Fixture> VmarChildFixture(const model::State& initial);
// The mem fixture (MEM-001..006), built from the initial state; nullopt if a step of it fails.
std::optional<Fixture> MemFixture(const model::State& initial);
// A read-only mapping one page over GEN-006's limit and a read of it whole (mem_read's NO_MEMORY).
std::optional<Fixture> MemLimitFixture(const model::State& initial);
// The info fixture (object_get_info), built from the initial state; nullopt if a step of it fails.
std::optional<Fixture> InfoFixture(const model::State& initial);
// The fidl fixture (fidl_send, fidl_recv), built from the initial state; nullopt if a step of it
// fails.
std::optional<Fixture> FidlFixture(const model::State& initial);
// A send of one handle more than a message holds (FIDL-010 (4): CHAN-031 (3) OUT_OF_RANGE).
std::optional<Fixture> FidlLimitFixture(const model::State& initial);

}  // namespace zxspec::spec
