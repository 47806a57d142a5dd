#include "props/coverage.h"

#include <algorithm>

#include "api/calls.h"
#include "api/constants.h"
#include "api/syscalls.h"

namespace zxspec::props {

void Coverage::Add(size_t call_index, zx_status_t status, uint64_t count) {
  counts_[{call_index, status}] += count;
}

void Coverage::Merge(const Coverage& other) {
  for (const auto& [key, n] : other.counts_) counts_[key] += n;
}

uint64_t Coverage::Count(size_t call_index, zx_status_t status) const {
  auto it = counts_.find({call_index, status});
  return it == counts_.end() ? 0 : it->second;
}

CoverageSummary Summarize(const Coverage& coverage, const std::vector<size_t>& drawn) {
  CoverageSummary out;
  for (const auto& [key, n] : coverage.counts()) {
    const auto& info = SyscallAt(key.first);
    CallStatus cs{std::string(info.name), StatusName(key.second), n};
    out.reached.push_back(cs);
    if (std::find(info.statuses.begin(), info.statuses.end(), key.second) == info.statuses.end()) {
      out.unlisted.push_back(cs);
    }
  }
  for (size_t i = 0; i < kCallKindCount; ++i) {
    const auto& info = SyscallAt(i);
    if (std::find(drawn.begin(), drawn.end(), i) == drawn.end()) {
      out.not_drawn.emplace_back(info.name);
      continue;
    }
    for (zx_status_t s : info.statuses) {
      ++out.named_pairs;
      if (coverage.Count(i, s) > 0) {
        ++out.reached_named_pairs;
      } else {
        out.unreached.push_back({std::string(info.name), StatusName(s), 0});
      }
    }
  }
  return out;
}

}  // namespace zxspec::props
