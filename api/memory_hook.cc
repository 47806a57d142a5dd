// The allocation hook of the whole-run memory budget (api/memory_budget.h): replaces the global
// operator new and delete so that every block is counted and an allocation past the budget
// throws MemoryBudgetExceeded before it happens. Linked (as the object library
// zxspec_memory_hook) only into programs that enforce the budget.
#include <malloc.h>

#include <cstddef>
#include <cstdlib>
#include <new>

#include "api/memory_budget.h"

namespace {

namespace mb = zxspec::memory_budget_internal;

void* Allocate(std::size_t size, std::size_t align) {
  if (size == 0) size = 1;
  mb::Reserve(size);
  void* p = nullptr;
  if (align <= alignof(std::max_align_t)) {
    p = std::malloc(size);
  } else {
    p = std::aligned_alloc(align, (size + align - 1) / align * align);
  }
  if (p == nullptr) throw std::bad_alloc();
  mb::Add(malloc_usable_size(p));
  return p;
}

void Free(void* p) noexcept {
  if (p == nullptr) return;
  mb::Release(malloc_usable_size(p));
  std::free(p);
}

template <class F>
void* NoThrow(F f) noexcept {
  try {
    return f();
  } catch (...) {
    return nullptr;
  }
}

constexpr std::size_t kPlain = 0;

}  // namespace

void* operator new(std::size_t n) { return Allocate(n, kPlain); }
void* operator new[](std::size_t n) { return Allocate(n, kPlain); }
void* operator new(std::size_t n, std::align_val_t a) {
  return Allocate(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a) {
  return Allocate(n, static_cast<std::size_t>(a));
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return NoThrow([n] { return Allocate(n, kPlain); });
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return NoThrow([n] { return Allocate(n, kPlain); });
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return NoThrow([n, a] { return Allocate(n, static_cast<std::size_t>(a)); });
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return NoThrow([n, a] { return Allocate(n, static_cast<std::size_t>(a)); });
}

void operator delete(void* p) noexcept { Free(p); }
void operator delete[](void* p) noexcept { Free(p); }
void operator delete(void* p, std::size_t) noexcept { Free(p); }
void operator delete[](void* p, std::size_t) noexcept { Free(p); }
void operator delete(void* p, std::align_val_t) noexcept { Free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { Free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { Free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { Free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { Free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { Free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { Free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { Free(p); }
