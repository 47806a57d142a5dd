// Test helpers for impl/ unit tests: an ImplKernel, the initial process as caller, and a check
// of the representation invariant after each test.
#pragma once

#include <gtest/gtest.h>

#include "impl/kernel.h"

namespace zxspec::impl {

class ImplTest : public ::testing::Test {
 protected:
  ImplKernel k;
  zx_koid_t self = k.Initial().self_koid;

  void TearDown() override { EXPECT_EQ(k.CheckInvariants(), std::vector<std::string>{}); }

  zx_handle_t Vmo(uint64_t size, uint32_t options = 0) {
    auto h = k.zx_vmo_create(self, size, options);
    EXPECT_TRUE(h.is_ok()) << h.status_value();
    return h.is_ok() ? h.value() : 0;
  }
  zx_handle_t Child(zx_handle_t parent, uint32_t options, uint64_t offset, uint64_t size) {
    auto h = k.zx_vmo_create_child(self, parent, options, offset, size);
    EXPECT_TRUE(h.is_ok()) << h.status_value();
    return h.is_ok() ? h.value() : 0;
  }
  zx_info_handle_basic_t Basic(zx_handle_t h) {
    auto r = k.zx_object_get_info(self, h, ZX_INFO_HANDLE_BASIC);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? std::get<zx_info_handle_basic_t>(r.value()) : zx_info_handle_basic_t{};
  }
  zx_info_vmo_t InfoVmo(zx_handle_t h) {
    auto r = k.zx_object_get_info(self, h, ZX_INFO_VMO);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? std::get<zx_info_vmo_t>(r.value()) : zx_info_vmo_t{};
  }
  Bytes Read(zx_handle_t h, uint64_t offset, uint64_t len) {
    auto r = k.zx_vmo_read(self, h, offset, len);
    EXPECT_TRUE(r.is_ok()) << r.status_value();
    return r.is_ok() ? r.value() : Bytes{};
  }
  static Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }
  size_t ObjectCount() const { return k.core().objects().size(); }
};

}  // namespace zxspec::impl
