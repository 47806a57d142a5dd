// File: props/coverage.h
//
// How often each (call, status) pair was reached by a campaign, and how that compares with the
// statuses the rulebook names for each call (api/syscalls.h `statuses`): the pairs never
// reached, the reached pairs the rulebook does not name, and the calls not modeled yet.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api/zircon.h"

namespace zxspec::props {

class Coverage {
 public:
  void Add(size_t call_index, zx_status_t status, uint64_t count = 1);
  void Merge(const Coverage& other);
  uint64_t Count(size_t call_index, zx_status_t status) const;
  const std::map<std::pair<size_t, zx_status_t>, uint64_t>& counts() const { return counts_; }
  bool operator==(const Coverage&) const = default;

 private:
  std::map<std::pair<size_t, zx_status_t>, uint64_t> counts_;
};

struct CallStatus {
  std::string call;    // api/syscalls.h name
  std::string status;  // "ZX_OK", "ZX_ERR_BAD_HANDLE"
  uint64_t count = 0;
  bool operator==(const CallStatus&) const = default;
};

struct CoverageSummary {
  std::vector<CallStatus> reached;    // every reached pair with its count
  std::vector<CallStatus> unreached;  // named by the rulebook for a drawn call, never reached
  std::vector<CallStatus> unlisted;   // reached, but not named by the rulebook for that call
  std::vector<std::string> not_drawn;  // calls not drawn: not modeled yet, or another family
  size_t named_pairs = 0;                // pairs the rulebook names for the drawn calls
  size_t reached_named_pairs = 0;
};

// |drawn|: the call indices the campaign's generator could draw (GeneratedCalls).
CoverageSummary Summarize(const Coverage& coverage, const std::vector<size_t>& drawn);

}  // namespace zxspec::props
