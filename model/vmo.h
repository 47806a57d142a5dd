// File: model/vmo.h (internal to model/)
//
// What a VMO shows: its size, stream size and bytes as seen through its kind (vmo.md VMO-004,
// VMO-005, section 8). Every family that touches VMO content (vmo, stream, mem, vmar) goes
// through these functions, so the meaning of "byte i of this VMO" is written once.
#pragma once

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

// Number of live VMOs whose current parent is |koid| (VMO-132).
uint64_t NumChildren(const State& s, zx_koid_t koid);
// Mappings of |koid| in live address spaces, and the number of distinct processes they are in.
uint64_t NumMappings(const State& s, zx_koid_t koid);
uint64_t ShareCount(const State& s, zx_koid_t koid);

}  // namespace zxspec::model
