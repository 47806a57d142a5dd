// The whole-run memory budget (api/memory_budget.h) in a program linked with the hook: an
// allocation past the budget throws MemoryBudgetExceeded before anything is allocated, the
// reserve lets the error be reported, and the default and the environment variable set it.
#include "api/memory_budget.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace zxspec {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;

// Allocates |n| bytes and reads the last one back, so the allocation cannot be optimised away.
volatile char g_sink;
void Allocate(size_t n) {
  std::vector<char> v(n, 'a');
  g_sink = v.back();
}

TEST(MemoryBudget, ParsesSizes) {
  EXPECT_EQ(ParseMemorySize("0"), 0u);
  EXPECT_EQ(ParseMemorySize("4096"), 4096u);
  EXPECT_EQ(ParseMemorySize("64K"), 64u << 10);
  EXPECT_EQ(ParseMemorySize("512M"), 512u * kMiB);
  EXPECT_EQ(ParseMemorySize("8G"), uint64_t{8} << 30);
  EXPECT_EQ(ParseMemorySize("18446744073709551615"), std::nullopt);  // 20 digits
  EXPECT_EQ(ParseMemorySize("17179869184G"), std::nullopt);          // 2^64 bytes
  for (const char* bad : {"", "G", "-1", "1.5G", "4 G", "4g", "0x100", "4GB"}) {
    EXPECT_EQ(ParseMemorySize(bad), std::nullopt) << bad;
  }
}

TEST(MemoryBudget, DefaultUnlessTheEnvironmentSetsIt) {
  EXPECT_TRUE(CurrentMemoryUse().counted);
  EXPECT_EQ(CurrentMemoryUse().budget, 0u);  // nothing is enforced until a program asks
  EXPECT_GT(DefaultMemoryBudget(), 256 * kMiB);
  EXPECT_LE(DefaultMemoryBudget(), kMaxDefaultMemoryBudget);
  const char* env = std::getenv(kMemoryBudgetVariable);
  EXPECT_EQ(MemoryBudgetFromEnvironment(), env ? ParseMemorySize(env) : DefaultMemoryBudget());
}

TEST(MemoryBudget, CountsWhatIsHeld) {
  uint64_t before = CurrentMemoryUse().in_use;
  auto block = std::make_unique<char[]>(8 * kMiB);
  EXPECT_GE(CurrentMemoryUse().in_use, before + 8 * kMiB);
  block.reset();
  EXPECT_LT(CurrentMemoryUse().in_use, before + kMiB);
}

TEST(MemoryBudget, AnAllocationPastTheBudgetThrowsBeforeItHappens) {
  ScopedMemoryBudget budget(CurrentMemoryUse().in_use + 16 * kMiB);
  uint64_t before = CurrentMemoryUse().in_use;
  EXPECT_THROW(Allocate(64 * kMiB), MemoryBudgetExceeded);
  EXPECT_EQ(CurrentMemoryUse().in_use, before);
  // Many small blocks reach it too (a model state growing a node at a time).
  std::vector<std::unique_ptr<std::string>> held;
  EXPECT_THROW(
      while (true) held.push_back(std::make_unique<std::string>(4000, 'x')), MemoryBudgetExceeded);
  // Once hit, the reserve lets the error be reported.
  std::string message(1 << 20, 'm');
  EXPECT_EQ(message.size(), 1u << 20);
  held.clear();
  EXPECT_NO_THROW(Allocate(8 * kMiB));  // within the budget again
}

TEST(MemoryBudget, ZeroMeansNoBudget) {
  ScopedMemoryBudget none(0);
  EXPECT_EQ(CurrentMemoryUse().budget, 0u);
  EXPECT_NO_THROW(Allocate(64 * kMiB));
}

TEST(MemoryBudget, NothrowNewReturnsNull) {
  ScopedMemoryBudget budget(CurrentMemoryUse().in_use + kMiB);
  char* p = new (std::nothrow) char[16 * kMiB];
  EXPECT_EQ(p, nullptr);
  if (p != nullptr) g_sink = p[0];
  delete[] p;
}

}  // namespace
}  // namespace zxspec
