// Processes in the optimized implementation (process-maps.md PROC-001..032, MAPS-015).
#include "impl/test_util.h"

namespace zxspec::impl {
namespace {

using ImplProcess = ImplTest;

// PROC-011/012: handles in the caller's table, fresh koids, an empty root VMAR.
TEST_F(ImplProcess, CreateMakesAProcessAndItsRootVmar) {
  auto p = k.zx_process_create(self, k.Initial().job, "worker\0junk", 0);
  ASSERT_TRUE(p.is_ok());
  EXPECT_EQ(Basic(p->first).koid, 1028u);
  EXPECT_EQ(Basic(p->second).koid, 1029u);
  EXPECT_EQ(Basic(p->first).rights, ZX_DEFAULT_PROCESS_RIGHTS);
  EXPECT_EQ(Basic(p->second).rights, 0x20801Fu);
  auto name = k.zx_object_get_property(self, p->first, ZX_PROP_NAME);
  EXPECT_EQ(std::get<BytesResult>(name.value()).data, B("worker"));
  EXPECT_EQ(k.Caller(1028), CallerState::kLive);  // INITIAL processes may act (P-7)
  EXPECT_EQ(k.zx_process_create(self, k.Initial().job, "x", 2).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_process_create(self, k.Initial().root, "x", 0).status_value(),
            ZX_ERR_WRONG_TYPE);
}

// PROC-014: an INITIAL process dies with its last handle; its address space goes with it.
TEST_F(ImplProcess, InitialProcessDiesWithItsLastHandle) {
  size_t before = ObjectCount();
  auto p = k.zx_process_create(self, k.Initial().job, "p", 0).value();
  zx_handle_t vmo = Vmo(4096);
  ASSERT_TRUE(k.zx_vmar_map(self, p.second, ZX_VM_PERM_READ, 0, vmo, 0, 4096).is_ok());
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 1u);
  ASSERT_EQ(k.zx_handle_close(self, p.first), ZX_OK);
  EXPECT_EQ(k.Caller(1028), CallerState::kUnknown);  // dead and without handles: gone
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 0u);
  EXPECT_EQ(k.zx_vmar_map(self, p.second, ZX_VM_PERM_READ, 0, vmo, 0, 4096).status_value(),
            ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.zx_vmar_destroy(self, p.second), ZX_ERR_BAD_STATE);  // not NOT_SUPPORTED
  ASSERT_EQ(k.zx_handle_close(self, p.second), ZX_OK);
  ASSERT_EQ(k.zx_handle_close(self, vmo), ZX_OK);
  EXPECT_EQ(ObjectCount(), before);
}

// PROC-021..024: kill checks DESTROY before the type; a killed process's MAPS fail.
TEST_F(ImplProcess, TaskKill) {
  auto p = k.zx_process_create(self, k.Initial().job, "p", 0).value();
  EXPECT_EQ(k.zx_task_kill(self, Vmo(1)), ZX_ERR_ACCESS_DENIED);
  ASSERT_EQ(k.zx_task_kill(self, p.first), ZX_OK);
  EXPECT_EQ(k.Caller(Basic(p.first).koid), CallerState::kDead);
  EXPECT_EQ(k.zx_task_kill(self, p.first), ZX_OK);  // already dead: nothing changes
  EXPECT_EQ(k.zx_object_get_info(self, p.first, ZX_INFO_PROCESS_MAPS).status_value(),
            ZX_ERR_BAD_STATE);
  auto maps = k.zx_object_get_info(self, p.second, ZX_INFO_VMAR);
  EXPECT_TRUE(maps.is_ok());
}

// PROC-023: killing the job kills every process in it, the caller included, and refuses new
// processes.
TEST_F(ImplProcess, KillingTheJob) {
  auto p = k.zx_process_create(self, k.Initial().job, "p", 0).value();
  zx_koid_t pk = Basic(p.first).koid;
  ASSERT_EQ(k.zx_task_kill(self, k.Initial().job), ZX_OK);
  EXPECT_EQ(k.Caller(self), CallerState::kUnknown);  // dead, and its own handles are gone
  EXPECT_EQ(k.Caller(pk), CallerState::kUnknown);
  EXPECT_EQ(ObjectCount(), 1u);  // only the job outlives everything (it is never destroyed)
}

// PROC-030..032: the handle moves into the new process; the process is started once.
TEST_F(ImplProcess, StartMovesTheHandle) {
  auto p = k.zx_process_create(self, k.Initial().job, "p", 0).value();
  zx_koid_t pk = Basic(p.first).koid;
  zx_handle_t vmo = Vmo(4096);
  auto moved = k.zx_process_start(self, p.first, vmo);
  ASSERT_TRUE(moved.is_ok());
  EXPECT_EQ(moved.value(), (1u << 2) | 3u);  // the first handle of the new table
  EXPECT_EQ(k.zx_handle_close(self, vmo), ZX_ERR_BAD_HANDLE);
  EXPECT_TRUE(k.zx_vmo_read(pk, moved.value(), 0, 1).is_ok());  // usable as that process
  zx_handle_t again = Vmo(1);
  EXPECT_EQ(k.zx_process_start(self, p.first, again).status_value(), ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.zx_handle_close(self, again), ZX_ERR_BAD_HANDLE);  // consumed anyway
  ASSERT_EQ(k.zx_handle_close(self, p.first), ZX_OK);
  EXPECT_EQ(k.Caller(pk), CallerState::kLive);  // started: no longer dies with its handles
}

}  // namespace
}  // namespace zxspec::impl
