// The memory-access pseudo-calls mem_read / mem_write: a load or store by a thread of the
// calling process through its address space (vmar.md MEM-001..006).
#include <algorithm>

#include "impl/families.h"
#include "impl/vmar.h"
#include "impl/vmo.h"

namespace zxspec::impl {
namespace {

constexpr uint64_t kPage = ZX_PAGE_SIZE;

// One stretch of the access that lies in one mapping: bytes [addr, addr + len) of the access
// land at |vmo_offset| of |vmo|.
struct Piece {
  VmoObj* vmo;
  uint64_t vmo_offset;
  uint64_t len;
};

// MEM-002/003: checks every touched page in ascending order; the first failing page's status,
// or the pieces to copy.
Result<std::vector<Piece>> Resolve(Core& k, const ProcessObj& caller, zx_vaddr_t addr,
                                   uint64_t len, uint32_t perm) {
  auto* root = k.Find<VmarObj>(caller.root_vmar);
  std::vector<Piece> pieces;
  uint64_t pos = 0;
  while (pos < len) {
    const uint64_t a = addr + pos;  // never wraps: see below
    Mapping* m = root != nullptr ? FindMapping(*root, a) : nullptr;
    if (m == nullptr) return Error{ZX_ERR_NOT_FOUND};  // (1); covers every address >= the
                                                       // root's end, so a + n never wraps
    const uint64_t in_map = a - m->base;
    const uint64_t page_in_map = in_map / kPage;
    const uint64_t page_end = m->base + (page_in_map + 1) * kPage;
    const uint64_t n = std::min(len - pos, page_end - a);
    if ((PermsAt(*m, page_in_map) & perm) == 0) return Error{ZX_ERR_ACCESS_DENIED};  // (2)
    const uint64_t o = m->vmo_offset + page_in_map * kPage;
    if (o >= VmoSize(*m->vmo)) return Error{ZX_ERR_OUT_OF_RANGE};  // (3)
    if (m->flags & ZX_VM_FAULT_BEYOND_STREAM_SIZE) {                // (4)
      uint64_t limit = 0;
      RoundUpPage(VmoStreamSize(*m->vmo), &limit);
      if (o >= limit) return Error{ZX_ERR_OUT_OF_RANGE};
    }
    const uint64_t off = m->vmo_offset + in_map;
    if (!pieces.empty() && pieces.back().vmo == m->vmo &&
        pieces.back().vmo_offset + pieces.back().len == off) {
      pieces.back().len += n;
    } else {
      pieces.push_back({m->vmo, off, n});
    }
    pos += n;
  }
  return pieces;
}

}  // namespace

Outcome Do(Core& k, ProcessObj& caller, const MemRead& c) {
  if (c.len == 0) return Outcome::Ok(BytesResult{});  // MEM-006
  auto pieces = Resolve(k, caller, c.addr, c.len, ZX_VM_PERM_READ);
  if (pieces.is_error()) return Outcome::Status(pieces.status_value());
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
