#include "api/memory_budget.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>

namespace zxspec {
namespace {

// Once the budget has been hit, this much more may be allocated until the count falls back
// below half the budget: the code that reports the error (unwinding, a message, the report)
// must not hit it again.
constexpr uint64_t kReserve = uint64_t{64} << 20;

std::atomic<uint64_t> g_in_use{0};
std::atomic<uint64_t> g_budget{0};  // 0: none
std::atomic<bool> g_tripped{false};
std::atomic<bool> g_counted{false};

}  // namespace

const char* MemoryBudgetExceeded::what() const noexcept {
  return "the memory budget is exhausted (ZXSPEC_MEMORY_BUDGET)";
}

uint64_t DefaultMemoryBudget() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return kMaxDefaultMemoryBudget;
  uint64_t half = static_cast<uint64_t>(pages) / 2 * static_cast<uint64_t>(page_size);
  return std::min(half, kMaxDefaultMemoryBudget);
}

std::optional<uint64_t> MemoryBudgetFromEnvironment() {
  const char* env = std::getenv(kMemoryBudgetVariable);
  if (env == nullptr) return DefaultMemoryBudget();
  return ParseMemorySize(env);
}

void EnforceMemoryBudget(uint64_t budget) {
  g_budget.store(budget, std::memory_order_relaxed);
  g_tripped.store(false, std::memory_order_relaxed);
}

MemoryUse CurrentMemoryUse() {
  return MemoryUse{g_in_use.load(std::memory_order_relaxed),
                   g_budget.load(std::memory_order_relaxed),
                   g_counted.load(std::memory_order_relaxed)};
}

std::optional<uint64_t> ParseMemorySize(std::string_view text) {
  if (text.empty()) return std::nullopt;
  uint64_t shift = 0;
  switch (text.back()) {
    case 'K': shift = 10; break;
    case 'M': shift = 20; break;
    case 'G': shift = 30; break;
    default: break;
  }
  if (shift != 0) text.remove_suffix(1);
  if (text.empty() || text.size() > 19) return std::nullopt;  // 19 digits cannot overflow
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > (UINT64_MAX >> shift)) return std::nullopt;
  return v << shift;
}

ScopedMemoryBudget::ScopedMemoryBudget(uint64_t budget)
    : previous_(g_budget.load(std::memory_order_relaxed)) {
  EnforceMemoryBudget(budget);
}

ScopedMemoryBudget::~ScopedMemoryBudget() { EnforceMemoryBudget(previous_); }

namespace memory_budget_internal {

void Reserve(uint64_t bytes) {
  uint64_t budget = g_budget.load(std::memory_order_relaxed);
  if (budget == 0) return;
  uint64_t limit = budget;
  if (g_tripped.load(std::memory_order_relaxed)) {
    limit = budget > UINT64_MAX - kReserve ? UINT64_MAX : budget + kReserve;
  }
  uint64_t in_use = g_in_use.load(std::memory_order_relaxed);
  if (bytes > limit || in_use > limit - bytes) {
    g_tripped.store(true, std::memory_order_relaxed);
    throw MemoryBudgetExceeded();
  }
}

void Add(uint64_t bytes) noexcept {
  g_counted.store(true, std::memory_order_relaxed);
  g_in_use.fetch_add(bytes, std::memory_order_relaxed);
}

void Release(uint64_t bytes) noexcept {
  uint64_t now = g_in_use.fetch_sub(bytes, std::memory_order_relaxed) - bytes;
  if (g_tripped.load(std::memory_order_relaxed) &&
      now < g_budget.load(std::memory_order_relaxed) / 2) {
    g_tripped.store(false, std::memory_order_relaxed);
  }
}

}  // namespace memory_budget_internal
}  // namespace zxspec
