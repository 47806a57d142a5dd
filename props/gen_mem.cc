// Generators for the memory-access pseudo-calls (vmar.md MEM-001..006).
#include <algorithm>

#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

// Half the time inside a mapping (MEM-004 success, per-page ACCESS_DENIED and OUT_OF_RANGE past
// the VMO or stream size); otherwise addresses at the edges of the caller's VMARs and mappings
// (+-1, +-page: holes, unmapped neighbours, the last page of a mapping), lengths that cross
// into the next page or wrap.
rc::Gen<Call> GenMemRead(const ViewPtr& v) {
  return gen::exec([v] {
    MemRead c;
    if (auto inside = *GenInsideMapping(v)) {
      c.addr = inside->first + *gen::inRange<uint64_t>(0, 8);  // unaligned starts too
      c.len = std::min<uint64_t>(inside->second, *GenLength(v));
      return Call{c};
    }
    c.len = *GenLength(v);
    c.addr = *GenPlace(AddressAnchors(*v), c.len);
    return Call{c};
  });
}

rc::Gen<Call> GenMemWrite(const ViewPtr& v) {
  return gen::exec([v] {
    MemWrite c;
    c.data = *GenData();
    if (auto inside = *GenInsideMapping(v)) {
      c.addr = inside->first + *gen::inRange<uint64_t>(0, 8);
      return Call{c};
    }
    c.addr = *GenPlace(AddressAnchors(*v), c.data.size());
    return Call{c};
  });
}

}  // namespace zxspec::props
