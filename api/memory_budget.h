// File: api/memory_budget.h
//
// The whole-run memory budget. A program linked with the `zxspec_memory_hook` object library
// (the zxspec program, the fuzz targets, the tests of the budget) counts the bytes it holds
// through operator new / delete, and an allocation that would take that count past the budget
// throws `MemoryBudgetExceeded` (a std::bad_alloc) before anything is allocated. The scenario
// runner turns it into an error at the line that needed the memory; `zxspec`'s top-level
// handler turns it into a message and exit 2 anywhere else. So runaway allocation (twenty
// 256 MiB writes, a huge input file) ends in a clear error, never in the system's OOM killer or
// an uncaught std::bad_alloc.
//
// A program enforces a budget from the moment it calls EnforceMemoryBudget (zxspec: first thing
// in main, with MemoryBudgetFromEnvironment(): `ZXSPEC_MEMORY_BUDGET`, bytes or with a K, M or
// G suffix, "512M", "8G", "0" for none; by default 4 GiB or half the machine's memory, whichever
// is less). Before that, and in programs without the hook, nothing is ever refused.
//
// The count and the budget are process-wide by nature (memory is a process resource), so they
// are the one piece of global mutable state: two atomics in memory_budget.cc.
#pragma once

#include <cstdint>
#include <new>
#include <optional>
#include <string_view>

namespace zxspec {

inline constexpr uint64_t kMaxDefaultMemoryBudget = uint64_t{4} << 30;  // 4 GiB
inline constexpr const char* kMemoryBudgetVariable = "ZXSPEC_MEMORY_BUDGET";

// 4 GiB, or half the machine's physical memory if that is less.
uint64_t DefaultMemoryBudget();
// ZXSPEC_MEMORY_BUDGET if set (nullopt when it is not a size), else DefaultMemoryBudget().
std::optional<uint64_t> MemoryBudgetFromEnvironment();
// From now on, an allocation that would take the bytes in use past |budget| throws
// MemoryBudgetExceeded (0: no budget).
void EnforceMemoryBudget(uint64_t budget);

class MemoryBudgetExceeded : public std::bad_alloc {
 public:
  const char* what() const noexcept override;
};

struct MemoryUse {
  uint64_t in_use = 0;  // bytes held through operator new (0 without the hook)
  uint64_t budget = 0;  // the budget enforced now; 0: none
  bool counted = false;  // whether the hook is linked into this program
};

MemoryUse CurrentMemoryUse();

// "123", "64K", "512M", "8G" (binary multiples); nullopt if |text| is not such a size.
std::optional<uint64_t> ParseMemorySize(std::string_view text);

// Enforces |budget| for as long as it lives (0: none), then restores the previous one. For
// harnesses that run many inputs in one process (fuzz targets: the allowance of one input on
// top of what the harness itself holds).
class ScopedMemoryBudget {
 public:
  explicit ScopedMemoryBudget(uint64_t budget);
  ~ScopedMemoryBudget();
  ScopedMemoryBudget(const ScopedMemoryBudget&) = delete;
  ScopedMemoryBudget& operator=(const ScopedMemoryBudget&) = delete;

 private:
  uint64_t previous_;
};

namespace memory_budget_internal {
// Called by the hook (api/memory_hook.cc) only. Reserve throws MemoryBudgetExceeded when
// |bytes| more would pass the budget (plus a 64 MiB reserve once it has been hit, so that the
// code that reports the error can still allocate its message); Add and Release count the
// usable size of each block allocated and freed.
void Reserve(uint64_t bytes);
void Add(uint64_t bytes) noexcept;
void Release(uint64_t bytes) noexcept;
}  // namespace memory_budget_internal

}  // namespace zxspec
