// File: impl/vmar.h (internal to impl/)
//
// Address-space helpers shared by vmar.cc, mem.cc and process.cc: child extents in a VMAR's
// interval map, the mapping that covers an address, and the MAPS enumeration.
#pragma once

#include <vector>

#include "api/zircon.h"
#include "impl/objects.h"

namespace zxspec::impl {

struct Extent {
  zx_vaddr_t base = 0;
  uint64_t size = 0;
  uint64_t end() const { return base + size; }
};
Extent ExtentOf(const VmarChild& c);

// The mapping of |root|'s tree (descending through child VMARs) that contains |addr|, or
// nullptr (a hole, a dead VMAR, outside the tree).
Mapping* FindMapping(VmarObj& root, zx_vaddr_t addr);

// The current perms of page |page| (relative to the mapping's base).
uint32_t PermsAt(const Mapping& m, uint64_t page);

// MAPS-011/016/020/022: the pre-order listing of |vmar|'s subtree with depths from |depth|.
void AppendMaps(const VmarObj& vmar, uint64_t depth, std::vector<zx_info_maps_t>& out);

}  // namespace zxspec::impl
