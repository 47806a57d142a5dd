// File: impl/vmo.h (internal to impl/)
//
// What a VMO shows, over the implementation's structures: sizes, the stream-size cell, and byte
// access through the VMO's kind (vmo.md VMO-004/005 and section 8). Every family that touches
// VMO content (vmo, stream, mem, vmar) goes through these functions.
#pragma once

#include <cstdint>

#include "api/calls.h"
#include "api/result.h"
#include "impl/core.h"
#include "impl/objects.h"

namespace zxspec::impl {

uint64_t VmoSize(const VmoObj& v);        // VMO-004: page-granular capacity
uint64_t VmoStreamSize(const VmoObj& v);  // VMO-004/005: the cell this VMO uses
bool VmoResizable(const VmoObj& v);        // of the object (VMO-080, VMO-131)

// Bytes [offset, offset + len) of |v| into |out|; the caller has checked the bounds.
void ReadVmo(const VmoObj& v, uint64_t offset, uint64_t len, uint8_t* out);
Bytes ReadVmo(const VmoObj& v, uint64_t offset, uint64_t len);
// Stores |len| bytes at |offset| in the memory that owns them and marks the touched pages held
// (VMO-025, VMO-133). The caller has checked the bounds.
void WriteVmo(VmoObj& v, uint64_t offset, const uint8_t* data, uint64_t len);
// Byte-granular zeroing; pages wholly inside the range are released (VMO-102/133).
void ZeroVmo(VmoObj& v, uint64_t offset, uint64_t len);
// VMO-049: zero [min(size, old stream size), VMO size), then the stream size := |size|. The
// caller has checked size <= VmoSize and size != the old stream size.
void SetStreamSize(VmoObj& v, uint64_t size);
// Sets the stream-size cell |v| uses (its own for a slice, the memory's otherwise) without
// touching content (stream writes, STREAM-034f/040d).
void SetStreamSizeCell(VmoObj& v, uint64_t size);

struct NewChild {
  VmoObj* vmo = nullptr;
  uint32_t type = 0;  // the ZX_VMO_CHILD_* type bit selected (VMO-074)
};
// The part of zx_vmo_create_child after the handle lookup: VMO-073..077 checks, then the child
// (VMO-080..085) linked under |parent|. |options| has NO_WRITE removed; |no_write| and
// |resizable| are the modifiers; the child takes the parent's name when |inherit_name|.
Result<NewChild> MakeVmoChild(Core& k, VmoObj& parent, uint32_t options, bool no_write,
                              bool resizable, uint64_t offset, uint64_t size, bool inherit_name);
bool VmoDiscardable(const VmoObj& v);

// ---- memory level (offsets relative to byte 0 of |m|) ----
void MemoryRead(const Memory& m, uint64_t offset, uint64_t len, uint8_t* out);
void MemoryWrite(Memory& m, uint64_t offset, const uint8_t* data, uint64_t len);
void MemoryZero(Memory& m, uint64_t offset, uint64_t len);
// Drops every byte at or above |new_size| (page aligned) and those pages' held state.
void MemoryTruncate(Memory& m, uint64_t new_size);

}  // namespace zxspec::impl
