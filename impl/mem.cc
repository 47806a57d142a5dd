// The memory-access pseudo-calls mem_read / mem_write: a load or store by a thread of the
// calling process through its address space (vmar.md MEM-001..006).
#include <algorithm>

#include "impl/families.h"
#include "impl/vmar.h"
#include "impl/vmo.h"

namespace zxspec::impl {
namespace {


// One stretch of the access inside one permission run of one mapping: |len| bytes landing at
// |vmo_offset| of |vmo|.
struct Piece {
  VmoObj* vmo;
  uint64_t vmo_offset;
  uint64_t len;
};

// MEM-002/003: checks the touched pages in ascending order, one permission run at a time (within
// a run presence and permissions are uniform, and the VMO and stream limits are crossed at most
// once); the first failing page's status, or the pieces to copy.
Result<std::vector<Piece>> Resolve(Core& k, const ProcessObj& caller, zx_vaddr_t addr,
                                   uint64_t len, uint32_t perm) {
  auto* root = k.Find<VmarObj>(caller.root_vmar);
  // The last byte; a range wrapping past 2^64 meets the unmapped top of the address space first
  // (MEM-001), so clipping it at 2^64 - 1 changes no outcome.
  const uint64_t last = addr > UINT64_MAX - (len - 1) ? UINT64_MAX : addr + (len - 1);
  std::vector<Piece> pieces;
  uint64_t cursor = addr;
  while (true) {
    Mapping* m = root != nullptr ? FindMapping(*root, cursor) : nullptr;
    if (m == nullptr) return Error{ZX_ERR_NOT_FOUND};  // (1)
    const uint64_t page = (cursor - m->base) / kPage;
    auto run = std::prev(m->perms.upper_bound(page));
    if ((run->second & perm) == 0) return Error{ZX_ERR_ACCESS_DENIED};  // (2)
    auto next = std::next(run);
    const uint64_t run_end_page = next == m->perms.end() ? m->size / kPage : next->first;
    const uint64_t piece_last = std::min(last, m->base + run_end_page * kPage - 1);
    uint64_t limit = VmoSize(*m->vmo);  // (3), sizes as they are now (MEM-005)
    if (m->flags & ZX_VM_FAULT_BEYOND_STREAM_SIZE) {  // (4)
      uint64_t rounded = limit;
      RoundUpPage(VmoStreamSize(*m->vmo), &rounded);  // <= size: never overflows
      limit = std::min(limit, rounded);
    }
    const uint64_t o_first = m->vmo_offset + page * kPage;
    const uint64_t o_last = m->vmo_offset + (piece_last - m->base) / kPage * kPage;
    if (o_first >= limit || o_last >= limit) return Error{ZX_ERR_OUT_OF_RANGE};
    pieces.push_back({m->vmo, m->vmo_offset + (cursor - m->base), piece_last - cursor + 1});
    if (piece_last == last) return pieces;
    cursor = piece_last + 1;
  }
}

}  // namespace

Outcome Do(Core& k, ProcessObj& caller, const MemRead& c) {
  if (c.len == 0) return Outcome::Ok(BytesResult{});  // MEM-006
  auto pieces = Resolve(k, caller, c.addr, c.len, ZX_VM_PERM_READ);
  if (pieces.is_error()) return Outcome::Status(pieces.status_value());
  if (c.len > kMaxUserBufferBytes) return Outcome::Status(ZX_ERR_NO_MEMORY);  // GEN-006 limit
  Bytes out(c.len);
  uint64_t pos = 0;
  for (const Piece& p : *pieces) {  // MEM-004
    ReadVmo(*p.vmo, p.vmo_offset, p.len, out.data() + pos);
    pos += p.len;
  }
  return Outcome::Ok(BytesResult{std::move(out)});
}

Outcome Do(Core& k, ProcessObj& caller, const MemWrite& c) {
  if (c.data.empty()) return Outcome::Ok();  // MEM-006
  auto pieces = Resolve(k, caller, c.addr, c.data.size(), ZX_VM_PERM_WRITE);
  if (pieces.is_error()) return Outcome::Status(pieces.status_value());
  uint64_t pos = 0;
  for (const Piece& p : *pieces) {  // MEM-004: as zx_vmo_write, without rights
    WriteVmo(*p.vmo, p.vmo_offset, c.data.data() + pos, p.len);
    pos += p.len;
  }
  return Outcome::Ok();
}

}  // namespace zxspec::impl
