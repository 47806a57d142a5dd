// The mem_read / mem_write pseudo-calls: a load or a store by a thread of the calling process
// through its address space (vmar.md MEM-001..006, seed RFC-0238 FAULT_BEYOND_STREAM_SIZE).
//
// The touched pages are checked in ascending order before any byte moves (MEM-003). The check
// walks the range one permission run at a time rather than one page at a time, which gives the
// same first failing page: within a run, presence and permissions are uniform, and the VMO and
// stream limits are crossed at most once, at a known page.
#include <algorithm>

#include "model/core.h"
#include "model/families.h"
#include "model/vmar.h"
#include "model/vmo.h"

namespace zxspec::model {
namespace {


// A checked piece of the access: |len| bytes at |addr|, inside one mapping, all accessible.
struct Piece {
  zx_koid_t vmo = 0;
  uint64_t vmo_offset = 0;  // byte offset in the VMO of |addr|
  uint64_t len = 0;
};

// MEM-002: the pieces of [addr, addr + len) (len > 0) for an access needing |need|
// (ZX_VM_PERM_READ or ZX_VM_PERM_WRITE), or the status of the first faulting page.
Result<std::vector<Piece>> CheckAccess(const State& s, zx_koid_t caller, zx_vaddr_t addr,
                                       uint64_t len, zx_vm_option_t need) {
  const zx_koid_t root = CallerProcess(s, caller).root_vmar;
  std::vector<Piece> pieces;
  // The last byte; a range wrapping past 2^64 ends at 2^64 - 1 and meets the unmapped top of
  // the address space first (MEM-001).
  const uint64_t last = addr > UINT64_MAX - (len - 1) ? UINT64_MAX : addr + (len - 1);
  uint64_t cursor = addr;
  while (true) {
    const uint64_t page_addr = cursor - cursor % kPage;
    auto ref = FindMappingAt(s, root, page_addr);
    if (!ref) return Error{ZX_ERR_NOT_FOUND};  // MEM-002 (1)
    const Mapping& m = MappingAt(s, *ref);
    const Vmo& vmo = Get<Vmo>(s, m.vmo);
    uint64_t limit = VmoSize(s, vmo);  // MEM-002 (3), current size (MEM-005)
    if (m.flags & ZX_VM_FAULT_BEYOND_STREAM_SIZE) {
      // MEM-002 (4): ROUNDUP(stream size) <= size, so it never overflows.
      limit = std::min(limit, RoundUpPage(VmoStreamSize(s, vmo)).value_or(limit));
    }
    const uint64_t page = (page_addr - m.base) / kPage;
    // The run holding |page|, clipped to the access.
    const PermRun* run = nullptr;
    for (const PermRun& r : m.perms) {
      if (page >= r.first_page && page < r.first_page + r.pages) run = &r;
    }
    ZXSPEC_ASSERT(run != nullptr, "page outside its mapping's permission runs");
    if (!(run->perms & need)) return Error{ZX_ERR_ACCESS_DENIED};              // MEM-002 (2)
    const uint64_t run_end = m.base + (run->first_page + run->pages) * kPage;  // exclusive
    const uint64_t piece_last = std::min(last, run_end - 1);
    // The VMO offsets of the pages cursor..piece_last are increasing: the first one at or past
    // |limit| is the first faulting page (MEM-002 (3)/(4)).
    const uint64_t o_first = m.vmo_offset + (page_addr - m.base);
    const uint64_t o_last_page = m.vmo_offset + (piece_last - piece_last % kPage - m.base);
    if (o_first >= limit || o_last_page >= limit) return Error{ZX_ERR_OUT_OF_RANGE};
    pieces.push_back({m.vmo, m.vmo_offset + (cursor - m.base), piece_last - cursor + 1});
    if (piece_last == last) return pieces;
    cursor = piece_last + 1;
  }
}

}  // namespace

// mem_read: MEM-001..006
Outcome Do(State& s, zx_koid_t caller, const MemRead& c) {
  if (c.len == 0) return Outcome::Ok(BytesResult{});                     // MEM-006
  auto pieces = CheckAccess(s, caller, c.addr, c.len, ZX_VM_PERM_READ);  // MEM-002/003
  if (pieces.is_error()) return Outcome::Status(pieces.status_value());
  // The model's buffer limit (GEN-006, api/zircon.h), after every fault check, as for vmo_read.
  if (c.len > kMaxUserBufferBytes) return Outcome::Status(ZX_ERR_NO_MEMORY);
  Bytes out;
  for (const Piece& p : *pieces) {  // MEM-004
    Bytes part = ReadVmo(s, Get<Vmo>(s, p.vmo), p.vmo_offset, p.len);
    out.insert(out.end(), part.begin(), part.end());
  }
  return Outcome::Ok(BytesResult{std::move(out)});
}

// mem_write: MEM-001..006
Outcome Do(State& s, zx_koid_t caller, const MemWrite& c) {
  if (c.data.empty()) return Outcome::Ok();                                       // MEM-006
  auto pieces = CheckAccess(s, caller, c.addr, c.data.size(), ZX_VM_PERM_WRITE);  // MEM-002/003
  if (pieces.is_error()) return Outcome::Status(pieces.status_value());
  size_t done = 0;
  // MEM-004: as zx_vmo_write, without a rights check; MEM-007: in ascending address order.
  for (const Piece& p : *pieces) {
    Bytes part(c.data.begin() + static_cast<std::ptrdiff_t>(done),
               c.data.begin() + static_cast<std::ptrdiff_t>(done + p.len));
    WriteVmo(s, Get<Vmo>(s, p.vmo), p.vmo_offset, part);
    done += p.len;
  }
  return Outcome::Ok();
}

}  // namespace zxspec::model
