// File: fuzz/fuzz_target.h
//
// What every fuzz target shares: the libFuzzer entry points it defines, how a finding is
// reported (a message on stderr, then abort: libFuzzer saves the input as a crash, the replay
// driver and ctest fail), and the memory allowance of one input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "api/memory_budget.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace zxspec::fuzz {

// A finding: the target's oracle does not hold on this input.
[[noreturn]] inline void Finding(const std::string& what) {
  std::fprintf(stderr, "FUZZ FINDING: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

// The memory one input may allocate on top of what the harness holds (api/memory_budget.h):
// enough for every scenario of the repository on both targets, small enough that a 256 MiB
// zeros() or a runaway state is a budget error after a few milliseconds, not an OOM report.
inline constexpr uint64_t kInputMemoryAllowance = uint64_t{256} << 20;

// The budget for one input: what the harness holds now plus the allowance; the previous budget
// is back when it goes out of scope, so the engine's own allocations between inputs never meet
// the small one.
class InputBudget {
 public:
  InputBudget() : budget_(CurrentMemoryUse().in_use + kInputMemoryAllowance) {}

 private:
  ScopedMemoryBudget budget_;
};

}  // namespace zxspec::fuzz
