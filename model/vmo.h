// File: model/vmo.h (internal to model/)
//
// What a VMO shows: its size, stream size and bytes as seen through its kind (vmo.md VMO-004,
// VMO-005, section 8). Every family that touches VMO content (vmo, stream, mem, vmar) goes
// through these functions, so the meaning of "byte i of this VMO" is written once.
#pragma once

#include "api/result.h"
#include "model/state.h"

namespace zxspec::model {

Memory& MemoryOf(State& s, const Vmo& v);
const Memory& MemoryOf(const State& s, const Vmo& v);

uint64_t VmoSize(const State& s, const Vmo& v);        // VMO-004: page-granular capacity
uint64_t VmoStreamSize(const State& s, const Vmo& v);  // VMO-004/005: the shared cell
bool VmoResizable(const State& s, const Vmo& v);        // of the object (VMO-080, VMO-131)
bool VmoDiscardable(const State& s, const Vmo& v);

// Bytes [offset, offset + len) of |v|; the caller has checked offset + len <= VmoSize.
Bytes ReadVmo(const State& s, const Vmo& v, uint64_t offset, uint64_t len);
// Stores |data| at |offset| in the memory that owns those bytes and commits the touched pages
// (VMO-025, VMO-133). The caller has checked the bounds.
void WriteVmo(State& s, const Vmo& v, uint64_t offset, const Bytes& data);
// Byte-granular zeroing; pages wholly inside the range stop being committed (VMO-102/133).
void ZeroVmo(State& s, const Vmo& v, uint64_t offset, uint64_t len);
// VMO-049: zero [min(size, old stream size), VMO size), then stream size := |size|. The caller
// has checked size <= VmoSize and size != old stream size.
void SetStreamSize(State& s, zx_koid_t vmo, uint64_t size);

// Stores |size| in |vmo|'s stream-size cell (its own for slices, the memory's otherwise, VMO-005)
// without zeroing anything: stream writes (stream.md STREAM-034f/040d). The caller keeps
// size <= VmoSize.
void StoreStreamSize(State& s, zx_koid_t vmo, uint64_t size);

// The copy-on-write part of zx_vmo_create_child that needs no handle: the checks VMO-073..077
// in the rulebook's order, then the new child object (VMO-078..082, VMO-085). Returns the
// child's koid; installs no handle and computes no rights (VMO-083 is the caller's).
//  - |options| are zx_vmo_create_child options, NO_WRITE included (it selects immutability,
//    VMO-085, and is otherwise ignored, VMO-071/078).
//  - VMO-070 (`size > VMO_MAX_SIZE` -> OUT_OF_RANGE) and VMO-071 (NO_WRITE with RESIZABLE ->
//    INVALID_ARGS) belong before the handle lookup and are checked there by zx_vmo_create_child;
//    this function checks them again first (same statuses) so that it is total for any caller.
//  - VMO-072 (handle rights) is the caller's: with no handle there is no rights check
//    (vmar.md VMAR-082 step 8).
//  - VMO-082: the child takes |parent_vmo|'s name when |copy_name| (zx_vmo_create_child passes
//    whether the parent handle has GET_PROPERTY).
// Statuses: OUT_OF_RANGE, INVALID_ARGS, NOT_SUPPORTED as VMO-070..077 give them. |parent_vmo|
// must name a live VMO.
Result<zx_koid_t> CreateVmoChild(State& s, zx_koid_t parent_vmo, uint32_t options,
                                 uint64_t offset, uint64_t size, bool copy_name = true);

// Number of live VMOs whose current parent is |koid| (VMO-132).
uint64_t NumChildren(const State& s, zx_koid_t koid);
// Mappings of |koid| in live address spaces, and the number of distinct processes they are in.
uint64_t NumMappings(const State& s, zx_koid_t koid);
uint64_t ShareCount(const State& s, zx_koid_t koid);

}  // namespace zxspec::model
