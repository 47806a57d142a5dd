// Generators for the memory-access pseudo-calls (vmar.md MEM-001..006).
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

// Addresses at the edges of the caller's VMARs and mappings (+-1, +-page: holes, unmapped
// neighbours, the last page of a mapping), lengths that cross into the next page or wrap.
rc::Gen<Call> GenMemRead(const ViewPtr& v) {
  return gen::exec([v] {
    MemRead c;
    c.len = *GenLength(v);
    c.addr = *GenPlace(AddressAnchors(*v), c.len);
    return Call{c};
  });
}

rc::Gen<Call> GenMemWrite(const ViewPtr& v) {
  return gen::exec([v] {
    MemWrite c;
    c.data = *GenData();
    c.addr = *GenPlace(AddressAnchors(*v), c.data.size());
    return Call{c};
  });
}

}  // namespace zxspec::props
