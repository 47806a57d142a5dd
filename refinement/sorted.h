// File: refinement/sorted.h (internal to refinement/)
//
// The implementation's objects of one type, in ascending koid order (its registry is a hash map;
// the model's state is ordered by koid, and canonical memory numbering depends on that order).
#pragma once

#include <algorithm>
#include <vector>

#include "impl/core.h"

namespace zxspec::refinement {

template <class T>
std::vector<const T*> SortedObjects(const impl::Core& core) {
  std::vector<const T*> out;
  for (const auto& [koid, obj] : core.objects()) {
    if (const T* t = impl::As<T>(obj.get())) out.push_back(t);
  }
  std::sort(out.begin(), out.end(), [](const T* a, const T* b) { return a->koid < b->koid; });
  return out;
}

}  // namespace zxspec::refinement
