#include "impl/handle_table.h"

#include "api/result.h"

namespace zxspec::impl {

zx_handle_t HandleTable::Install(Handle h) {
  ZXSPEC_ASSERT(h.object != nullptr, "installing a handle without an object");
  ZXSPEC_ASSERT(installed_ < kMaxInstalled, "handle table exhausted (GEN-006)");
  ++installed_;  // HANDLE-001: the k-th handle ever installed
  if (slots_.empty()) first_k_ = installed_;
  slots_.push_back(h);
  ++live_;
  return ValueOf(installed_);
}

Handle* HandleTable::Find(zx_handle_t value) {
  return const_cast<Handle*>(static_cast<const HandleTable*>(this)->Find(value));
}

const Handle* HandleTable::Find(zx_handle_t value) const {
  if ((value & ZX_HANDLE_FIXED_BITS_MASK) != ZX_HANDLE_FIXED_BITS_MASK) return nullptr;
  uint32_t k = value >> 2;
  if (k < first_k_ || k - first_k_ >= slots_.size()) return nullptr;  // GEN-003: 0 never found
  const Handle& h = slots_[k - first_k_];
  return h.object != nullptr ? &h : nullptr;
}

Handle HandleTable::Take(zx_handle_t value) {
  Handle* slot = Find(value);
  ZXSPEC_ASSERT(slot != nullptr, "Take of a handle that is not in the table");
  Handle h = *slot;
  *slot = Handle{};
  --live_;
  DropClosedFront();
  return h;
}

std::vector<Handle> HandleTable::TakeAll() {
  std::vector<Handle> out;
  out.reserve(live_);
  for (const Handle& h : slots_) {
    if (h.object != nullptr) out.push_back(h);
  }
  slots_.clear();
  live_ = 0;
  first_k_ = installed_ + 1;
  return out;
}

void HandleTable::DropClosedFront() {
  while (!slots_.empty() && slots_.front().object == nullptr) {
    slots_.pop_front();
    ++first_k_;
  }
}

bool HandleTable::WellFormed() const {
  size_t live = 0;
  for (const Handle& h : slots_) live += h.object != nullptr ? 1 : 0;
  if (live != live_) return false;
  if (!slots_.empty() && slots_.front().object == nullptr) return false;
  return slots_.empty() || first_k_ + slots_.size() - 1 == installed_;
}

}  // namespace zxspec::impl
