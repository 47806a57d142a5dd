// Generators for the VMO family (vmo.md VMO-010..124).
#include <algorithm>
#include <tuple>

#include "model/core.h"
#include "model/vmo.h"
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

// VMO-010..017: boundary sizes (0, page +-1, VMO_MAX_SIZE +-1, near 2^64) and the accepted
// options with TRAP_DIRTY, unknown bits and RESIZABLE|UNBOUNDED (VMO-011/013).
rc::Gen<Call> GenVmoCreate(const ViewPtr&) {
  FlagSpace options{ZX_VMO_RESIZABLE | ZX_VMO_DISCARDABLE | ZX_VMO_UNBOUNDED, 0,
                    {ZX_VMO_TRAP_DIRTY, 0x1, 0x20, 0x100, 0x80000000u},
                    {ZX_VMO_RESIZABLE | ZX_VMO_UNBOUNDED,
                     ZX_VMO_RESIZABLE | ZX_VMO_UNBOUNDED | ZX_VMO_DISCARDABLE},
                    // Bias (issue 3): VMOs that can have children (not DISCARDABLE, VMO-073),
                    // non-resizable ones for slices (VMO-076), and discardable ones for the
                    // lock ops (VMO-103: UNLOCK of an unlocked VMO is BAD_STATE).
                    {0, 0, ZX_VMO_RESIZABLE, ZX_VMO_DISCARDABLE}};
  return gen::exec([options] {
    VmoCreate c;
    c.size = *GenU64();
    c.options = *GenFlags(options);
    return Call{c};
  });
}

// A page range for a child of the type |options| selects, shaped to pass that type's argument
// checks: REFERENCE offset = size = 0 (VMO-077); SLICE inside the parent (VMO-076, at most 16
// pages in, 16 pages long); the SNAPSHOT family page multiples, inside or past the parent
// (VMO-075). Buys children of every kind, children of children and slices over written pages
// (the family's properties, props/vmo_props.h, judge what those show).
namespace {

rc::Gen<std::pair<uint64_t, uint64_t>> GenChildRange(uint32_t options, uint64_t parent_size) {
  using Range = std::pair<uint64_t, uint64_t>;
  if ((options & ZX_VMO_CHILD_REFERENCE) != 0) return gen::just(Range{0, 0});
  if ((options & ZX_VMO_CHILD_SLICE) != 0) {
    const uint64_t pages = std::min<uint64_t>(parent_size / ZX_PAGE_SIZE, 16);
    return gen::exec([pages] {
      const uint64_t first = *gen::inRange<uint64_t>(0, pages + 1);
      const uint64_t count = *gen::inRange<uint64_t>(0, pages - first + 1);
      return Range{first * ZX_PAGE_SIZE, count * ZX_PAGE_SIZE};
    });
  }
  return gen::pair(GenPageMultiple(), GenPageMultiple());
}

}  // namespace

// VMO-070..090: exactly one type bit with the RESIZABLE / NO_WRITE modifiers, and the invalid
// words the rulebook names (no type, two types, NO_WRITE|RESIZABLE, SLICE|RESIZABLE, unknown
// bits); offsets and sizes anchored at the parent's size (slices inside / past the parent).
// Bias (issue 3): the valid words callers use are common (SNAPSHOT|NO_WRITE makes IMMUTABLE
// VMOs, VMO-085); half of the draws take one of them on a parent handle that passes VMO-072,
// and shape the range for the type (GenChildRange).
rc::Gen<Call> GenVmoCreateChild(const ViewPtr& v) {
  FlagSpace options{
      ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_SLICE |
          ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_SNAPSHOT_MODIFIED | ZX_VMO_CHILD_RESIZABLE |
          ZX_VMO_CHILD_NO_WRITE,
      ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_SLICE |
          ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_SNAPSHOT_MODIFIED,
      {0x2, 0x100, 0x8000},
      {ZX_VMO_CHILD_RESIZABLE, ZX_VMO_CHILD_NO_WRITE,
       ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE | ZX_VMO_CHILD_RESIZABLE,
       ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_RESIZABLE,
       ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_SNAPSHOT,
       ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE | ZX_VMO_CHILD_NO_WRITE},
      {ZX_VMO_CHILD_SNAPSHOT, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE,
       ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
       ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_NO_WRITE,
       ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_RESIZABLE, ZX_VMO_CHILD_SLICE,
       ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_NO_WRITE, ZX_VMO_CHILD_REFERENCE,
       ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE,
       ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_NO_WRITE}};
  // Handles that pass VMO-072's rights check (DUPLICATE|READ).
  std::vector<zx_handle_t> parents;
  for (const auto& h : v->live) {
    const zx_rights_t need = ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ;
    if (h.type == ZX_OBJ_TYPE_VMO && (h.rights & need) == need) parents.push_back(h.value);
  }
  return gen::exec([v, options, parents] {
    VmoCreateChild c;
    // Bias (issue 3): half of the draws are a valid word on a parent that passes the handle
    // checks, with a range shaped for the type, so that children of every kind, children of
    // children and immutable children are common (most other draws stop at an argument check).
    if (!parents.empty() && *gen::inRange(0, 2) == 0) {
      c.handle = *gen::elementOf(parents);
      c.options = *gen::elementOf(options.common);
      auto anchors = VmoAnchors(*v, c.handle);
      if (!anchors.empty()) {
        std::tie(c.offset, c.size) = *GenChildRange(c.options, anchors[0]);
        return Call{c};
      }
    }
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_VMO);
    c.options = *GenFlags(options);
    auto anchors = VmoAnchors(*v, c.handle);
    if (!anchors.empty() && *gen::inRange(0, 4) == 0) {
      std::tie(c.offset, c.size) = *GenChildRange(c.options, anchors[0]);
      return Call{c};
    }
    c.size = *GenU64(anchors);
    c.offset = *GenOffsetFor(c.size, anchors);
    return Call{c};
  });
}

// VMO-020..024: lengths mostly small, offsets ending at / one past the VMO size, overflow
// partners (VMO-021).
rc::Gen<Call> GenVmoRead(const ViewPtr& v) {
  return gen::exec([v] {
    VmoRead c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_VMO);
    auto anchors = VmoAnchors(*v, c.handle);
    c.len = *GenLength(v, anchors, anchors.empty() ? 0 : anchors[0]);
    c.offset = *GenOffsetFor(c.len, anchors);
    return Call{c};
  });
}

// VMO-020..025: payloads crossing pages, offsets anchored at the VMO size and stream size.
rc::Gen<Call> GenVmoWrite(const ViewPtr& v) {
  return gen::exec([v] {
    VmoWrite c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_VMO);
    c.data = *GenData();
    c.offset = *GenOffsetFor(c.data.size(), VmoAnchors(*v, c.handle));
    return Call{c};
  });
}

rc::Gen<Call> GenVmoGetSize(const ViewPtr& v) {
  return gen::map(GenHandle(v, ZX_OBJ_TYPE_VMO), [](zx_handle_t h) { return Call{VmoGetSize{h}}; });
}

rc::Gen<Call> GenVmoGetStreamSize(const ViewPtr& v) {
  return gen::map(GenHandle(v, ZX_OBJ_TYPE_VMO),
                  [](zx_handle_t h) { return Call{VmoGetStreamSize{h}}; });
}

// A (VMO handle, size) call with sizes anchored at the VMO's size and stream size: the current
// values, a page more or less, unaligned +-1, and the huge values (GenU64).
template <class T>
rc::Gen<Call> GenVmoSizeCall(const ViewPtr& v) {
  return gen::exec([v] {
    T c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_VMO);
    c.size = *GenU64(VmoAnchors(*v, c.handle));
    return Call{c};
  });
}

// VMO-035..043: grow, shrink by a page, unaligned sizes, the huge values of VMO-038.
rc::Gen<Call> GenVmoSetSize(const ViewPtr& v) { return GenVmoSizeCall<VmoSetSize>(v); }

// VMO-045..049: stream sizes equal to the current one (VMO-047), at and one past the VMO size
// (VMO-048), and below it.
rc::Gen<Call> GenVmoSetStreamSize(const ViewPtr& v) { return GenVmoSizeCall<VmoSetStreamSize>(v); }

// VMO-060..068, VMO-100..103: every op (the core three most), unknown ops, ranges as for reads;
// the lock ops half of the time over exactly the whole VMO (the only range they accept).
rc::Gen<Call> GenVmoOpRange(const ViewPtr& v) {
  // Bias (issue 3): handles to discardable VMOs, for the lock ops of VMO-103 (UNLOCK of an
  // unlocked VMO is the only BAD_STATE the model gives op_range).
  std::vector<zx_handle_t> discardable;
  for (const auto& h : v->live) {
    const auto* vmo = h.type == ZX_OBJ_TYPE_VMO ? model::Find<model::Vmo>(*v->state, h.koid)
                                                 : nullptr;
    if (vmo != nullptr && v->state->memories.count(vmo->memory) > 0 &&
        model::MemoryOf(*v->state, *vmo).discardable) {
      discardable.push_back(h.value);
    }
  }
  return gen::exec([v, discardable] {
    VmoOpRange c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_VMO);
    if (!discardable.empty() && *gen::inRange(0, 8) == 0) {
      c.handle = *gen::elementOf(discardable);
      c.op = *gen::element(ZX_VMO_OP_LOCK, ZX_VMO_OP_TRY_LOCK, ZX_VMO_OP_UNLOCK);
      c.offset = 0;
      auto anchors = VmoAnchors(*v, c.handle);
      c.size = anchors.empty() ? 0 : anchors[0];
      return Call{c};
    }
    c.op = *Weighted<uint32_t>(
        {{70, Elements<uint32_t>({ZX_VMO_OP_COMMIT, ZX_VMO_OP_DECOMMIT, ZX_VMO_OP_ZERO})},
         {20, Elements<uint32_t>({ZX_VMO_OP_LOCK, ZX_VMO_OP_TRY_LOCK, ZX_VMO_OP_UNLOCK,
                                     ZX_VMO_OP_CACHE_SYNC, ZX_VMO_OP_CACHE_INVALIDATE,
                                     ZX_VMO_OP_CACHE_CLEAN, ZX_VMO_OP_CACHE_CLEAN_INVALIDATE,
                                     ZX_VMO_OP_DONT_NEED, ZX_VMO_OP_ALWAYS_NEED,
                                     ZX_VMO_OP_PREFETCH})},
         {10, Elements<uint32_t>({0, 5, 15, 99})}});
    auto anchors = VmoAnchors(*v, c.handle);
    const bool lock_op = c.op == ZX_VMO_OP_LOCK || c.op == ZX_VMO_OP_TRY_LOCK ||
                         c.op == ZX_VMO_OP_UNLOCK;
    if (lock_op && !anchors.empty() && *gen::inRange(0, 2) == 0) {
      c.offset = 0;  // VMO-103 (vmo.md open point 11): only the whole VMO locks
      c.size = anchors[0];
      return Call{c};
    }
    c.size = *GenRangeLength(anchors);  // committed pages are runs: any range is cheap
    c.offset = *GenOffsetFor(c.size, anchors);
    return Call{c};
  });
}

// VMO-120..124: the vmex argument is mostly the VMEX resource, sometimes ZX_HANDLE_INVALID
// (ambient policy) or any other handle (WRONG_TYPE / BAD_HANDLE).
rc::Gen<Call> GenVmoReplaceAsExecutable(const ViewPtr& v) {
  return gen::exec([v] {
    VmoReplaceAsExecutable c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_VMO);
    c.vmex = *Weighted<zx_handle_t>({{60, GenHandle(v, ZX_OBJ_TYPE_RESOURCE)},
                                     {15, gen::just(ZX_HANDLE_INVALID)},
                                     {25, GenHandle(v, ZX_OBJ_TYPE_NONE)}});
    return Call{c};
  });
}

}  // namespace zxspec::props
