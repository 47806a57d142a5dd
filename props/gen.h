// File: props/gen.h
//
// The one generator of call sequences, shared by the property suites (props/) and the
// differential runner (refinement/). `GenAction(state)` draws the next step of a sequence: a
// caller process and one call, with arguments picked from |state| (the model state the sequence
// has reached). It only draws calls that `model::Models()` accepts, so it widens by itself as
// syscall families land in the model.
//
// Structure: one small generator per call (`rc::Gen<Call> GenVmoRead(const ViewPtr&)`), in one
// file per family (gen_handle.cc, gen_object.cc, gen_vmo.cc, gen_stream.cc, gen_vmar.cc,
// gen_process.cc, gen_channel.cc, gen_mem.cc), listed with a weight in gen.cc's table. The
// argument helpers they share (handles, rights, sizes, offsets, flags, bytes) are in
// gen_args.h; the rights each call needs, from the rulebook, in gen_rights.h.
//
// Biases (each one names what it buys; weights are in the code next to each choice):
//  - Callers: the initial process most of the time; any other live process the initial process
//    holds a handle to (so the step prints as `@pN`) otherwise. Buys per-process handle tables,
//    HANDLE-001 value spaces and cross-process visibility (process-maps.md P-7).
//  - Handle arguments: mostly a live handle of the type the call wants; else a live handle of
//    another type (GEN-001 WRONG_TYPE), a closed or moved value of this table (stale,
//    BAD_HANDLE), 0 (GEN-003, HANDLE-010), a value live only in another process's table, and
//    never-valid values (fixed bits cleared, beyond the table's counter, 0xFFFFFFFF). Buys every
//    branch of the GEN-001 lookup order on every call.
//  - Rights arguments (duplicate, replace, dispositions): SAME_RIGHTS, the exact rights, random
//    subsets, "one short": the handle's rights minus one bit that some later call on this object
//    type needs (gen_rights.h, from the rulebook), one extra bit, SAME_RIGHTS|bit, NONE. Buys
//    HANDLE-022/031 and, through the reduced handles, the ACCESS_DENIED branch of each call.
//  - Sizes and lengths: 0, 1, 4095, 4096, 4097, 8192, VMO_MAX_SIZE and its neighbours, 2^63,
//    near 2^64 (UINT64_MAX, UINT64_MAX-1, -4095, -4096), small random values; plus anchors from
//    the state (the target VMO's size and stream size, +-1, +-page). Buys rounding (VMO-012,
//    ROUNDUP wrap), page alignment (VMO-039), bound checks (VMO-022, VMO-048) and their
//    off-by-one edges.
//  - Offsets: the same boundary set, anchors, and "overflow partners": offset = 2^64 - len + k
//    so that offset + len wraps (VMO-021, STREAM-034b, VMAR-007).
//  - Options: valid combinations of the call's flags, one invalid bit, and the conflicting pairs
//    the rulebook names (RESIZABLE|UNBOUNDED, NO_WRITE|RESIZABLE, two child types, SPECIFIC with
//    OFFSET_IS_UPPER_LIMIT, ...). Buys the option checks (VMO-011, VMO-013, VMO-071, VMO-074,
//    STREAM-010, VMAR-010, ...).
//  - Read lengths that could succeed are kept below GenOptions::max_transfer or above the
//    model's buffer limit (see there): the huge values reach every bounds check and the
//    NO_MEMORY limit, no case spends its time copying hundreds of megabytes.
//  - Byte payloads: lengths 0, 1, small, 4095, 4096, 4097, 8192; content zeros, a letter
//    pattern, or random bytes. Buys page-crossing writes and committed-page accounting.
//  - Calls: every modeled call, weighted so that creators (vmo_create, channel_create, ...) run
//    often enough for later calls to find live objects; a call about an object type the caller
//    holds no handle to (vmo_read without a VMO) at a quarter of its weight.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "api/calls.h"
#include "model/state.h"

namespace zxspec::props {

// Where a handle argument came from, so that it can be found again in another state. Handle
// values are sequential per table (HANDLE-001), so once shrinking removes an earlier step that
// installed handles, the literal values of later steps name other objects; a reference ("the
// 2nd live VMO handle of the caller") still names an object of the same kind.
struct HandleRef {
  enum class Pool : uint8_t {
    kLiteral,  // the value as drawn (0, never-valid values)
    kLive,     // the |index|-th live handle to an object of |type| in the caller's table
    kStale,    // the |index|-th value the caller's table held once and no longer holds
    kForeign,  // the |index|-th value live only in other processes' tables
  };
  Pool pool = Pool::kLiteral;
  zx_obj_type_t type = ZX_OBJ_TYPE_NONE;
  uint32_t index = 0;
  bool operator==(const HandleRef&) const = default;
};

// One step of a generated sequence: |call| performed by the live process |caller|, as drawn
// from the state the sequence had reached. |refs| (one per handle field of |call|, in the order
// of ForEachHandleField) and |caller_index| (0: the initial process; i: the i-th other process
// that can act) describe the same step symbolically; `Resolve` maps them onto a state.
struct Action {
  zx_koid_t caller = 0;
  Call call;
  std::vector<HandleRef> refs = {};
  uint32_t caller_index = 0;
  bool operator==(const Action&) const = default;
};

// Calls |f(zx_handle_t&)| on every handle argument of |call|, in a fixed order.
template <class F>
void ForEachHandleField(Call& call, F f) {
  std::visit(
      [&f](auto& c) {
        if constexpr (requires { c.handle; }) f(c.handle);
        if constexpr (requires { c.vmex; }) f(c.vmex);
        if constexpr (requires { c.vmo; }) f(c.vmo);
        if constexpr (requires { c.vmar; }) f(c.vmar);
        if constexpr (requires { c.parent; }) f(c.parent);
        if constexpr (requires { c.job; }) f(c.job);
        if constexpr (requires { c.process; }) f(c.process);
        if constexpr (requires { c.handles; }) {
          for (auto& h : c.handles) f(h);
        }
        if constexpr (requires { c.dispositions; }) {
          for (auto& d : c.dispositions) f(d.handle);
        }
      },
      call);
}

// |action| with its caller and handle arguments found again in |state| through its references
// (identity on the state it was drawn from). A reference whose pool is empty in |state| keeps
// the drawn value. Every harness runs a generated action through Resolve first.
Action Resolve(const model::State& state, const Action& action);

// What the generator may draw.
struct GenOptions {
  // Restrict calls to these families (api/syscalls.h `family`: "handle", "object", "vmo", ...).
  // Empty means every family.
  std::vector<std::string> families;
  // Probability weight (0..100) of acting as a process other than the initial one when such a
  // process can act.
  int other_caller_percent = 20;
  // Calls never drawn, by name (spec/explore.cc leaves object_wait_one out of the walks that
  // search states for other calls: it changes nothing, so it reaches no new state).
  std::vector<std::string> excluded;
  // Read lengths between this and the model's buffer limit (kMaxUserBufferBytes, above which
  // reads return ZX_ERR_NO_MEMORY, GEN-006) are drawn only where the call must fail on its own
  // bounds check (vmo_read beyond the VMO size); elsewhere they become max_transfer. Keeps every
  // case fast (no 256 MiB results) while the huge values still reach every check; 0 lifts it.
  uint64_t max_transfer = uint64_t{1} << 20;
};

// Options for walks that search for states (spec/explore.cc, the spec tests' reachable walks):
// the calls that never change the state (object_wait_one) are excluded, as their post-state is
// a state the walk already holds.
GenOptions ForStateSearch();

// A generator of the next step from |state|. Never draws a call `model::Models` rejects, and
// only callers for which `CanAct` holds. Argument generators are insensitive to RapidCheck's
// size parameter (the size only sets the sequence length in rc::state::gen::commands).
rc::Gen<Action> GenAction(const model::State& state, const GenOptions& options = {});

// The call indices (api/calls.h variant order) GenAction can draw under |options|: modeled
// calls of the selected families.
std::vector<size_t> GeneratedCalls(const GenOptions& options = {});

// Whether |action| keeps GenOptions::max_transfer in |state| (a generated action may stop
// keeping it once shrinking removes earlier steps: handle values then name other objects).
bool WithinTransferCap(const model::State& state, const Action& action, uint64_t max_transfer);

// Whether |caller| can perform a call in |state| and be printed in a scenario: it is the
// initial process, or a live process the initial process holds a handle to.
bool CanAct(const model::State& state, zx_koid_t caller);

}  // namespace zxspec::props
