// File: impl/page_set.h
//
// `PageSet`: a set of page indices stored as maximal runs [first, end) in an ordered map, with
// the total count kept up to date. Used for the pages a VMO holds (committed pages, vmo.md
// VMO-133): writes, COMMIT, DECOMMIT, ZERO and shrinking touch whole ranges at once, and
// ZX_INFO_VMO / the MAPS topics ask for counts over ranges.
#pragma once

#include <cstdint>
#include <map>

namespace zxspec::impl {

class PageSet {
 public:
  void Insert(uint64_t lo, uint64_t hi);  // adds [lo, hi)
  void Erase(uint64_t lo, uint64_t hi);   // removes [lo, hi)
  bool Contains(uint64_t page) const;
  uint64_t Count() const { return count_; }
  uint64_t CountIn(uint64_t lo, uint64_t hi) const;  // pages of [lo, hi) in the set
  // Calls f(first, end) for every maximal run, ascending.
  template <class F>
  void ForEachRun(F&& f) const {
    for (const auto& [first, end] : runs_) f(first, end);
  }
  // Runs are disjoint, non-adjacent and non-empty, and count_ is their total length.
  bool WellFormed() const;

 private:
  std::map<uint64_t, uint64_t> runs_;  // first -> end (exclusive)
  uint64_t count_ = 0;
};

}  // namespace zxspec::impl
