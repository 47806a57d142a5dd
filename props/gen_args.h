// File: props/gen_args.h (internal to the generator)
//
// The caller's view of the model state that every per-call generator reads (`CallerView`), and
// the argument generators they share. Each helper's comment names its bias; gen.h summarises
// them. Generators capture the view by shared pointer, since RapidCheck re-runs them while it
// shrinks, long after the step that built the view.
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <rapidcheck.h>

#include "api/calls.h"
#include "model/state.h"

namespace zxspec::props {

// A handle of the caller's table as the generator sees it.
struct HandleView {
  zx_handle_t value = 0;
  zx_koid_t koid = 0;
  zx_obj_type_t type = ZX_OBJ_TYPE_NONE;
  zx_rights_t rights = 0;
};

// An address range of the caller's address space: a VMAR or a mapping.
struct RangeView {
  zx_vaddr_t base = 0;
  uint64_t size = 0;
  zx_koid_t vmar = 0;  // the VMAR itself, or the VMAR holding the mapping
  bool mapping = false;
};

struct CallerView {
  std::shared_ptr<const model::State> state;
  zx_koid_t caller = 0;
  std::vector<HandleView> live;      // the caller's table, by value
  std::vector<zx_handle_t> stale;    // values this table held once and no longer holds
  std::vector<zx_handle_t> foreign;  // values live in another table only
  std::vector<RangeView> ranges;     // the caller's live VMARs and mappings
  uint64_t max_transfer = 0;         // GenOptions::max_transfer (0: no cap)
};
using ViewPtr = std::shared_ptr<const CallerView>;

ViewPtr MakeView(std::shared_ptr<const model::State> state, zx_koid_t caller,
                 uint64_t max_transfer = 0);

// The caller's handle |value|, or null.
const HandleView* FindHandle(const CallerView& v, zx_handle_t value);

// Choice among weighted generators; entries with weight 0 are skipped (at least one must be
// non-zero). Shrinks toward the first entry with a non-zero weight.
template <class T>
rc::Gen<T> Weighted(std::vector<std::pair<size_t, rc::Gen<T>>> choices) {
  size_t total = 0;
  for (const auto& c : choices) total += c.first;
  return rc::gen::mapcat(rc::gen::inRange<size_t>(0, total), [choices](size_t r) {
    for (const auto& c : choices) {
      if (r < c.first) return c.second;
      r -= c.first;
    }
    return choices.back().second;
  });
}

// One of |values|, uniformly; shrinks toward the first.
template <class T>
rc::Gen<T> Elements(std::initializer_list<T> values) {
  return rc::gen::elementOf(std::vector<T>(values));
}

// A handle argument for a call that wants an object of type |want| (ZX_OBJ_TYPE_NONE: any).
// Bias: 75% live of type |want|, 8% live of another type, 6% stale, 4% zero, 3% foreign,
// 4% never valid (GEN-001, GEN-003); a call with two handle arguments then reaches its checks
// past the lookups about half of the time. Pools that are empty are skipped.
rc::Gen<zx_handle_t> GenHandle(const ViewPtr& v, zx_obj_type_t want);

// A handle the call gives up (close, replace, channel_write, process_start): mostly one the
// sequence made (or, before it made any, a value that names nothing); the GenHandle biases,
// which include the initial environment's job, self, root and vmex, one time in ten, since
// without those most later calls of the sequence can only fail their lookups.
rc::Gen<zx_handle_t> GenHandleToGiveUp(const ViewPtr& v);

// A rights argument for deriving a handle from |h| (duplicate, replace, dispositions): see
// gen.h "Rights arguments".
rc::Gen<zx_rights_t> GenDerivedRights(const ViewPtr& v, zx_handle_t h);

// An unsigned 64-bit size, offset or address: the boundary set of gen.h plus |anchors| and
// their neighbours (+-1, +-4096), plus small random values.
rc::Gen<uint64_t> GenU64(std::vector<uint64_t> anchors = {});

// An offset to go with a transfer of |len| bytes: GenU64(anchors) values, the anchors minus
// |len| (ends exactly at, or one past, the anchor), and overflow partners 2^64 - len + k.
rc::Gen<uint64_t> GenOffsetFor(uint64_t len, std::vector<uint64_t> anchors = {});

// A length for a read or a range: mostly small (0, 1, 4095, 4096, 4097, 8192, random below 3
// pages), sometimes the anchors and the huge boundary values. A value above the view's
// max_transfer that is neither above kMaxUserBufferBytes nor above |fails_above| (the length
// beyond which the call must fail, e.g. the VMO size for vmo_read) becomes max_transfer.
rc::Gen<uint64_t> GenLength(const ViewPtr& v, std::vector<uint64_t> anchors = {},
                            uint64_t fails_above = UINT64_MAX);
// The same without a cap (lengths of mappings, unmap and protect ranges: nothing materialises).
rc::Gen<uint64_t> GenRangeLength(std::vector<uint64_t> anchors = {});

// A page multiple from 0 to 16 pages (sizes and offsets that pass alignment checks).
rc::Gen<uint64_t> GenPageMultiple();
// An address or offset at a page-aligned anchor plus 0..3 pages (anchors that are not page
// aligned are skipped), or GenOffsetFor(len, anchors) (unaligned, overflow, boundaries).
rc::Gen<uint64_t> GenPlace(std::vector<uint64_t> anchors, uint64_t len);
// A range length: page multiples of 1..16 pages mostly, else GenRangeLength(anchors).
rc::Gen<uint64_t> GenRangeSize(std::vector<uint64_t> anchors = {});

// A page range inside one of the caller's mappings (address, length), the only ranges on which
// protect, vmar_create_vmo_child and loads and stores can succeed; nullopt (and the caller draws
// its general range) when the caller has no mapping or on the other half of the draws.
rc::Gen<std::optional<std::pair<uint64_t, uint64_t>>> GenInsideMapping(const ViewPtr& v);

// A byte payload: lengths 0, 1, short, 4095, 4096, 4097, 8192; content zeros, a letter pattern
// or random bytes.
rc::Gen<Bytes> GenData();

// Option words: one of |common| (the combinations real callers pass, which reach the success
// path of calls with many flags), a random subset of |valid| (each bit with probability 1/2),
// that plus one bit of |invalid|, one of |conflicts| (rulebook-named bad combinations), or 0.
// |exactly_one| (if not 0): a group of bits of which valid words hold exactly one.
struct FlagSpace {
  uint32_t valid = 0;
  uint32_t exactly_one = 0;
  std::vector<uint32_t> invalid;    // single bits or values the call rejects
  std::vector<uint32_t> conflicts;  // whole words the rulebook names as invalid
  std::vector<uint32_t> common = {};  // valid words worth drawing often
};
rc::Gen<uint32_t> GenFlags(const FlagSpace& space);

// A value out of |values| (known constants), or one of |unknown| (values the call rejects).
rc::Gen<uint32_t> GenEnum(std::vector<uint32_t> values, std::vector<uint32_t> unknown);

// State anchors: the size and stream size of the VMO named by the caller's |h| (empty if |h|
// names no VMO of the caller).
std::vector<uint64_t> VmoAnchors(const CallerView& v, zx_handle_t h);
// The bases and ends of the caller's VMARs and mappings (plus the VMAR named by |h|'s base,
// end and size).
std::vector<uint64_t> AddressAnchors(const CallerView& v, zx_handle_t h = 0);

}  // namespace zxspec::props
