// File: impl/page_tree.h
//
// `PageTree`: the page store of the optimized implementation. A persistent (copy-on-write)
// radix tree mapping a 64-bit page index to a 4 KiB page, with fan-out 64 per level and a height
// that grows with the largest index stored.
//
// Sharing: copying a PageTree copies one pointer, so a SNAPSHOT child starts by sharing every
// node and every page with its parent (vmo.md VMO-086/087). The first write to a page through
// either tree copies the nodes on the path from the root (path copying) and the page itself when
// they are shared (reference count > 1); everything else stays shared. Pages that were never
// written are absent and read as zero ("lazy zero pages": no allocation until a byte is stored).
//
// Contract: indices are page numbers (byte offset / 4096); every operation is defined for the
// whole uint64 range; nothing is ever visible through another tree after a mutation.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "api/zircon.h"

namespace zxspec::impl {

inline constexpr unsigned kTreeBits = 6;
inline constexpr size_t kTreeFanout = size_t{1} << kTreeBits;

struct PageBytes {
  std::array<uint8_t, ZX_PAGE_SIZE> bytes{};
};

class PageTree {
 public:
  // The page at |index|, or nullptr when it is absent (reads as zero).
  const PageBytes* Find(uint64_t index) const;
  // The page at |index|, exclusively owned by this tree (copied first if shared, created zero if
  // absent), ready to be written.
  PageBytes& Mutable(uint64_t index);
  // Drops every page with index in [lo, hi); whole subtrees inside the range are released
  // without being visited.
  void EraseRange(uint64_t lo, uint64_t hi);
  // Calls f(index, const PageBytes&) for every present page with index in [lo, hi), ascending.
  template <class F>
  void ForEach(uint64_t lo, uint64_t hi, F&& f) const {
    if (root_ && lo < hi) Visit(root_, height_, 0, lo, hi, f);
  }

  bool empty() const { return root_ == nullptr; }
  unsigned height() const { return height_; }
  // Number of present pages (a full walk; for tests and invariants).
  uint64_t CountPages() const;
  // Whether this tree and |other| share their root node (an O(1) sharing witness for tests).
  bool SharesRootWith(const PageTree& other) const { return root_ && root_ == other.root_; }
  // Whether the page at |index| is shared with another tree (reference count > 1 anywhere on
  // its path); false for absent pages.
  bool IsShared(uint64_t index) const;

 private:
  struct Node {
    std::array<std::shared_ptr<void>, kTreeFanout> slot;
  };
  using Slot = std::shared_ptr<void>;

  // Number of pages a slot at |level| covers (level 0 = a page): 64^level, saturating.
  static uint64_t Span(unsigned level);
  // How many children of a node whose first index is |first| and whose children cover |span|
  // pages each have indices inside the uint64 range (fewer than 64 only at the top level).
  static size_t ChildCount(uint64_t first, uint64_t span) {
    if (span == 0) return 1;
    uint64_t last = (UINT64_MAX - first) / span;  // largest child number that fits
    return last >= kTreeFanout - 1 ? kTreeFanout : static_cast<size_t>(last) + 1;
  }
  static unsigned SlotIndex(uint64_t index, unsigned level) {
    return static_cast<unsigned>((index >> (kTreeBits * (level - 1))) & (kTreeFanout - 1));
  }
  void GrowToFit(uint64_t index);
  static void EraseIn(Slot& slot, unsigned level, uint64_t first, uint64_t lo, uint64_t hi);

  template <class F>
  static void Visit(const Slot& slot, unsigned level, uint64_t first, uint64_t lo, uint64_t hi,
                    F& f) {
    if (level == 0) {
      f(first, *static_cast<const PageBytes*>(slot.get()));
      return;
    }
    const auto* n = static_cast<const Node*>(slot.get());
    uint64_t span = Span(level - 1);
    for (size_t i = 0; i < ChildCount(first, span); ++i) {
      if (!n->slot[i]) continue;
      uint64_t child_first = first + i * span;
      if (child_first >= hi) break;
      if (span != 0 && child_first + (span - 1) < lo) continue;
      Visit(n->slot[i], level - 1, child_first, lo, hi, f);
    }
  }

  Slot root_;
  unsigned height_ = 0;  // levels of nodes above the pages; 0 when empty
};

}  // namespace zxspec::impl
