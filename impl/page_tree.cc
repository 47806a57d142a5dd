#include "impl/page_tree.h"

namespace zxspec::impl {
namespace {

// The largest height ever needed: 64^11 = 2^66 pages covers every uint64 index.
constexpr unsigned kMaxHeight = 11;

}  // namespace

uint64_t PageTree::Span(unsigned level) {
  if (kTreeBits * level >= 64) return 0;  // 0 stands for 2^64 (covers everything)
  return uint64_t{1} << (kTreeBits * level);
}

const PageBytes* PageTree::Find(uint64_t index) const {
  if (!root_ || (Span(height_) != 0 && index >= Span(height_))) return nullptr;
  const Slot* s = &root_;
  for (unsigned level = height_; level >= 1; --level) {
    const auto* n = static_cast<const Node*>(s->get());
    s = &n->slot[SlotIndex(index, level)];
    if (!*s) return nullptr;
  }
  return static_cast<const PageBytes*>(s->get());
}

bool PageTree::IsShared(uint64_t index) const {
  if (!root_ || (Span(height_) != 0 && index >= Span(height_))) return false;
  const Slot* s = &root_;
  if (s->use_count() > 1) return true;
  for (unsigned level = height_; level >= 1; --level) {
    const auto* n = static_cast<const Node*>(s->get());
    s = &n->slot[SlotIndex(index, level)];
    if (!*s) return false;
    if (s->use_count() > 1) return true;
  }
  return false;
}

void PageTree::GrowToFit(uint64_t index) {
  if (!root_) {
    height_ = 1;
    while (height_ < kMaxHeight && Span(height_) != 0 && index >= Span(height_)) ++height_;
    return;
  }
  while (Span(height_) != 0 && index >= Span(height_)) {
    auto top = std::make_shared<Node>();
    top->slot[0] = std::move(root_);
    root_ = std::move(top);
    ++height_;
  }
}

PageBytes& PageTree::Mutable(uint64_t index) {
  GrowToFit(index);
  Slot* s = &root_;
  for (unsigned level = height_; level >= 1; --level) {
    if (!*s) {
      *s = std::make_shared<Node>();
    } else if (s->use_count() > 1) {
      *s = std::make_shared<Node>(*static_cast<const Node*>(s->get()));  // path copy
    }
    s = &static_cast<Node*>(s->get())->slot[SlotIndex(index, level)];
  }
  if (!*s) {
    *s = std::make_shared<PageBytes>();  // lazy zero page materialised on first store
  } else if (s->use_count() > 1) {
    *s = std::make_shared<PageBytes>(*static_cast<const PageBytes*>(s->get()));  // copy on write
  }
  return *static_cast<PageBytes*>(s->get());
}

void PageTree::EraseIn(Slot& slot, unsigned level, uint64_t first, uint64_t lo, uint64_t hi) {
  if (!slot) return;
  uint64_t span = Span(level);
  uint64_t last = span == 0 ? UINT64_MAX : first + (span - 1);  // inclusive
  if (last < lo || first >= hi) return;
  if (first >= lo && last < hi) {
    slot.reset();  // wholly inside: release the subtree without visiting it
    return;
  }
  if (level == 0) return;  // a single page intersecting the range is wholly inside
  if (slot.use_count() > 1) slot = std::make_shared<Node>(*static_cast<const Node*>(slot.get()));
  auto* n = static_cast<Node*>(slot.get());
  uint64_t child_span = Span(level - 1);
  bool any = false;
  for (size_t i = 0; i < ChildCount(first, child_span); ++i) {
    EraseIn(n->slot[i], level - 1, first + i * child_span, lo, hi);
    any = any || n->slot[i] != nullptr;
  }
  if (!any) slot.reset();
}

void PageTree::EraseRange(uint64_t lo, uint64_t hi) {
  if (!root_ || lo >= hi) return;
  EraseIn(root_, height_, 0, lo, hi);
  if (!root_) height_ = 0;
}

uint64_t PageTree::CountPages() const {
  uint64_t n = 0;
  ForEach(0, UINT64_MAX, [&](uint64_t, const PageBytes&) { ++n; });
  if (Find(UINT64_MAX) != nullptr) ++n;  // ForEach's range is half-open
  return n;
}

}  // namespace zxspec::impl
