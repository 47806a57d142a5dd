// File: impl/handle_table.h
//
// `HandleTable`: one process's handles as a flat array indexed by handle value.
//
// The identity rule (DEVELOPERS.md "Identities", handles-rights.md HANDLE-001) makes the k-th
// handle ever installed in a table have value (k << 2) | 3, and values are never reused. So the
// value itself is a perfect index: slot k - first_k_ of a deque holds handle k, lookup is one
// bounds test and one array access, and a closed handle leaves an empty slot (its "generation"
// is over for good: no later handle can take that value, so a stale value can never alias a new
// handle). Closed slots at the front are dropped, so a table whose old handles are closed does
// not keep them.
//
// The table stores handles; it does not count references. The kernel core (impl/core.h) creates
// and destroys handles and keeps each object's handle count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "api/zircon.h"

namespace zxspec::impl {

struct Object;

struct Handle {
  Object* object = nullptr;  // nullptr only in an empty slot
  zx_rights_t rights = 0;
};

class HandleTable {
 public:
  // The value space holds 2^30 - 1 handles (GEN-006); |Install| asserts below that.
  static constexpr uint32_t kMaxInstalled = (1u << 30) - 1;

  zx_handle_t Install(Handle h);
  // The live handle named |value|, or nullptr (value 0, wrong fixed bits, never installed,
  // closed).
  Handle* Find(zx_handle_t value);
  const Handle* Find(zx_handle_t value) const;
  // Removes the live handle |value| (which must exist) and returns it.
  Handle Take(zx_handle_t value);
  // Removes every handle, in value order.
  std::vector<Handle> TakeAll();

  uint32_t installed() const { return installed_; }
  size_t size() const { return live_; }
  // Calls f(value, const Handle&) for every live handle in ascending value order.
  template <class F>
  void ForEach(F&& f) const {
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].object != nullptr) f(ValueOf(first_k_ + static_cast<uint32_t>(i)), slots_[i]);
    }
  }
  // Slot bookkeeping is consistent (live count, front slot occupied).
  bool WellFormed() const;

 private:
  static zx_handle_t ValueOf(uint32_t k) { return (k << 2) | ZX_HANDLE_FIXED_BITS_MASK; }
  void DropClosedFront();

  std::deque<Handle> slots_;  // slots_[i] holds handle number first_k_ + i
  uint32_t first_k_ = 1;
  uint32_t installed_ = 0;
  size_t live_ = 0;
};

}  // namespace zxspec::impl
