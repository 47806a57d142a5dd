// Test helpers for model/ unit tests: a model kernel and the initial process as caller.
#pragma once

#include <gtest/gtest.h>

#include "model/core.h"
#include "model/model.h"

namespace zxspec::model {

// A second RUNNING process in the default job, with its own empty root VMAR (as PROC-012 and
// VMAR-003 describe), built on the state directly for tests that need two handle tables without
// depending on process_create.
inline zx_koid_t AddRunningProcess(State& s, std::string name) {
  Process p;
  p.name = std::move(name);
  p.job = ZX_KOID_FIRST;
  p.state = ProcessState::kRunning;
  p.started = true;
  zx_koid_t koid = NewObject(s, std::move(p));
  AttachRootVmar(s, koid);
  return koid;
}

class ModelTest : public ::testing::Test {
 protected:
  ModelKernel k;
  zx_koid_t self = k.Initial().self_koid;

  zx_handle_t Vmo(uint64_t size, uint32_t options = 0) {
    auto h = k.zx_vmo_create(self, size, options);
    EXPECT_TRUE(h.is_ok()) << h.status_value();
    return h.is_ok() ? h.value() : 0;
  }
  zx_info_handle_basic_t Basic(zx_handle_t h) {
    auto r = k.zx_object_get_info(self, h, ZX_INFO_HANDLE_BASIC);
    EXPECT_TRUE(r.is_ok());
    return std::get<zx_info_handle_basic_t>(r.value());
  }
  zx_info_vmo_t InfoVmo(zx_handle_t h) {
    auto r = k.zx_object_get_info(self, h, ZX_INFO_VMO);
    EXPECT_TRUE(r.is_ok());
    return std::get<zx_info_vmo_t>(r.value());
  }
  void ExpectInvariants() { EXPECT_EQ(k.CheckInvariants(), std::vector<std::string>{}); }
};

}  // namespace zxspec::model
