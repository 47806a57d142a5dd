#include "impl/page_set.h"

#include <algorithm>
#include <iterator>

namespace zxspec::impl {

void PageSet::Insert(uint64_t lo, uint64_t hi) {
  if (lo >= hi) return;
  // Absorb every run that overlaps or touches [lo, hi).
  auto it = runs_.upper_bound(lo);
  if (it != runs_.begin() && std::prev(it)->second >= lo) --it;
  while (it != runs_.end() && it->first <= hi) {
    lo = std::min(lo, it->first);
    hi = std::max(hi, it->second);
    count_ -= it->second - it->first;
    it = runs_.erase(it);
  }
  runs_.emplace(lo, hi);
  count_ += hi - lo;
}

void PageSet::Erase(uint64_t lo, uint64_t hi) {
  if (lo >= hi) return;
  auto it = runs_.upper_bound(lo);
  if (it != runs_.begin() && std::prev(it)->second > lo) --it;
  while (it != runs_.end() && it->first < hi) {
    uint64_t first = it->first;
    uint64_t end = it->second;
    count_ -= end - first;
    it = runs_.erase(it);
    if (first < lo) {
      runs_.emplace(first, lo);
      count_ += lo - first;
    }
    if (end > hi) {
      it = runs_.emplace(hi, end).first;
      count_ += end - hi;
      ++it;
    }
  }
}

bool PageSet::Contains(uint64_t page) const {
  auto it = runs_.upper_bound(page);
  return it != runs_.begin() && std::prev(it)->second > page;
}

uint64_t PageSet::CountIn(uint64_t lo, uint64_t hi) const {
  if (lo >= hi) return 0;
  uint64_t n = 0;
  auto it = runs_.upper_bound(lo);
  if (it != runs_.begin()) --it;
  for (; it != runs_.end() && it->first < hi; ++it) {
    uint64_t a = std::max(lo, it->first);
    uint64_t b = std::min(hi, it->second);
    if (a < b) n += b - a;
  }
  return n;
}

bool PageSet::WellFormed() const {
  uint64_t total = 0;
  bool first_run = true;
  uint64_t prev_end = 0;
  for (const auto& [first, end] : runs_) {
    if (first >= end) return false;
    if (!first_run && first <= prev_end) return false;  // overlapping or adjacent
    first_run = false;
    prev_end = end;
    total += end - first;
  }
  return total == count_;
}

}  // namespace zxspec::impl
