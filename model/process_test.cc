// zx_process_create, zx_task_kill, process_start, and calls made as another process
// (process-maps.md PROC-001..032, MAPS-015; vmar.md MEM-001).
#include "model/vmar_test_util.h"
#include "model/vmo.h"

namespace zxspec::model {
namespace {

using ZxProcessCreate = VmarTest;
using ZxTaskKill = VmarTest;
using ProcessStartTest = VmarTest;
using OtherProcess = VmarTest;


// PROC-012, DEVELOPERS "Identities": handles proc then root VMAR, koids likewise.
TEST_F(ZxProcessCreate, CreatesAnInitialProcessWithAnEmptyAddressSpace) {
  auto r = k.zx_process_create(self, k.Initial().job, "child", 0);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->first, 23u);  // the 5th and 6th handles of the initial process
  EXPECT_EQ(r->second, 27u);
  auto pb = Basic(r->first);
  auto vb = Basic(r->second);
  EXPECT_EQ(pb.type, ZX_OBJ_TYPE_PROCESS);
  EXPECT_EQ(pb.rights, ZX_DEFAULT_PROCESS_RIGHTS);
  EXPECT_EQ(pb.related_koid, KoidOf(k.Initial().job));
  EXPECT_EQ(vb.type, ZX_OBJ_TYPE_VMAR);
  EXPECT_EQ(vb.rights, 0x20801Fu);
  EXPECT_EQ(vb.koid, pb.koid + 1);
  const Process& p = Get<Process>(k.state(), pb.koid);
  EXPECT_EQ(p.state, ProcessState::kInitial);
  EXPECT_TRUE(p.handles.entries.empty());
  EXPECT_EQ(p.name, "child");
  EXPECT_EQ(p.root_vmar, vb.koid);
  const Vmar& root_vmar = VmarOf(r->second);
  EXPECT_EQ(root_vmar.base, kBase);
  EXPECT_EQ(root_vmar.size, kUserAspaceSize);
  EXPECT_EQ(root_vmar.name, "root");
  EXPECT_EQ(root_vmar.process, pb.koid);
  EXPECT_EQ(VmarMaps(r->second).size(), 1u);
  ExpectInvariants();
}

// PROC-011 (3): names stop at the first NUL and keep at most 31 bytes.
TEST_F(ZxProcessCreate, NamesAreTruncatedSilently) {
  auto a = k.zx_process_create(self, k.Initial().job, std::string(40, 'x'), 0).value();
  EXPECT_EQ(Get<Process>(k.state(), KoidOf(a.first)).name, std::string(31, 'x'));
  auto b = k.zx_process_create(self, k.Initial().job, std::string("ab\0cd", 5), 0).value();
  EXPECT_EQ(Get<Process>(k.state(), KoidOf(b.first)).name, "ab");
}

// PROC-011 check order, and P-6 (SHARED refused after every kernel check).
TEST_F(ZxProcessCreate, CheckOrder) {
  const zx_handle_t job = k.Initial().job;
  EXPECT_EQ(k.zx_process_create(self, 0, "p", 2).status_value(), ZX_ERR_INVALID_ARGS);  // (1)
  EXPECT_EQ(k.zx_process_create(self, job, "p", 3).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_process_create(self, 0, "p", 0).status_value(), ZX_ERR_BAD_HANDLE);  // (4)
  EXPECT_EQ(k.zx_process_create(self, k.Initial().self, "p", 0).status_value(), ZX_ERR_WRONG_TYPE);
  zx_handle_t weak = WithRights(job, ZX_DEFAULT_JOB_RIGHTS & ~ZX_RIGHT_MANAGE_PROCESS);
  EXPECT_EQ(k.zx_process_create(self, weak, "p", 0).status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_process_create(self, 0, "p", ZX_PROCESS_SHARED).status_value(), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_process_create(self, job, "p", ZX_PROCESS_SHARED).status_value(),
            ZX_ERR_NOT_SUPPORTED);
}

// PROC-011 (5): a killed job accepts no process.
TEST_F(ZxProcessCreate, KilledJobIsBadState) {
  State st = k.state();
  Get<Job>(st, KoidOf(k.Initial().job)).killed = true;
  ModelKernel killed(std::move(st));
  EXPECT_EQ(killed.zx_process_create(self, k.Initial().job, "p", 0).status_value(),
            ZX_ERR_BAD_STATE);
  // SHARED on a killed job: the kernel's BAD_STATE comes first.
  EXPECT_EQ(killed.zx_process_create(self, k.Initial().job, "p", ZX_PROCESS_SHARED).status_value(),
            ZX_ERR_BAD_STATE);
}

// PROC-014, PROC-024: the last handle to an INITIAL process kills it; its VMAR handles stay.
TEST_F(ZxProcessCreate, LastHandleClosedKillsAnInitialProcess) {
  auto c = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  const zx_koid_t pk = KoidOf(c.first);
  zx_handle_t vmo = Vmo(kPage);
  MapOk(c.second, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 1u);
  ASSERT_EQ(k.zx_handle_close(self, c.first), ZX_OK);
  EXPECT_EQ(Find<Process>(k.state(), pk), nullptr);  // dead and unreferenced: forgotten
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 0u);
  EXPECT_EQ(VmarOf(c.second).state, Lifecycle::kDead);
  EXPECT_EQ(AllocStatus(c.second, 0, 0, kPage), ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.zx_vmar_destroy(self, c.second), ZX_ERR_BAD_STATE);  // not NOT_SUPPORTED
  EXPECT_TRUE(k.zx_object_get_info(self, c.second, ZX_INFO_VMAR).is_ok());
  ExpectInvariants();
}

// PROC-021
TEST_F(ZxTaskKill, CheckOrder) {
  EXPECT_EQ(k.zx_task_kill(self, 0), ZX_ERR_BAD_HANDLE);
  zx_handle_t vmo = Vmo(kPage);
  EXPECT_EQ(k.zx_task_kill(self, vmo), ZX_ERR_ACCESS_DENIED);  // no DESTROY: before the type
  EXPECT_EQ(k.zx_task_kill(self, root), ZX_ERR_ACCESS_DENIED);
  ModelKernel forged = WithForgedRights(vmo, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_DESTROY);
  EXPECT_EQ(forged.zx_task_kill(self, vmo), ZX_ERR_WRONG_TYPE);
  auto c = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  EXPECT_EQ(k.zx_task_kill(self, WithRights(c.first, ZX_RIGHT_INSPECT)), ZX_ERR_ACCESS_DENIED);
}

// PROC-022, PROC-002, PROC-024: killing a process.
TEST_F(ZxTaskKill, KillingAProcess) {
  auto c = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  const zx_koid_t pk = KoidOf(c.first);
  zx_handle_t vmo = Vmo(kPage);
  auto sub = AllocOk(c.second, kCanAll, 0, 4 * kPage);
  MapOk(sub.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  // A VMO whose only handle sits in the child's table dies with it (PROC-002 (1)).
  auto in_child = k.zx_vmo_create(pk, kPage, 0);
  ASSERT_TRUE(in_child.is_ok());
  const size_t objects = k.state().objects.size();
  ASSERT_EQ(k.zx_task_kill(self, c.first), ZX_OK);
  const Process& p = Get<Process>(k.state(), pk);
  EXPECT_EQ(p.state, ProcessState::kDead);
  EXPECT_EQ(p.return_code, ZX_TASK_RETCODE_SYSCALL_KILL);
  EXPECT_TRUE(p.handles.entries.empty());
  EXPECT_EQ(k.state().objects.size(), objects - 1);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 0u);
  EXPECT_EQ(VmarOf(sub.child).state, Lifecycle::kDead);
  EXPECT_EQ(MapStatus(sub.child, ZX_VM_PERM_READ, 0, vmo, 0, kPage), ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.zx_vmar_unmap(self, c.second, kBase, kPage), ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.zx_vmar_protect(self, c.second, 0, kBase, kPage), ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.zx_vmar_destroy(self, c.second), ZX_ERR_BAD_STATE);
  // Already DEAD: ZX_OK, nothing changes.
  State before = k.state();
  EXPECT_EQ(k.zx_task_kill(self, c.first), ZX_OK);
  EXPECT_EQ(k.state(), before);
  EXPECT_EQ(CallerStateOf(k.state(), pk), CallerState::kDead);
  ExpectInvariants();
}

// PROC-023, P-5: killing the job kills every process in it, the caller included.
TEST_F(ZxTaskKill, KillingTheJob) {
  auto c = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  const zx_koid_t pk = KoidOf(c.first);
  ASSERT_EQ(k.zx_process_start(self, c.first, Vmo(kPage)).status_value(), ZX_OK);
  const zx_koid_t job = KoidOf(k.Initial().job);
  ASSERT_EQ(k.zx_task_kill(self, k.Initial().job), ZX_OK);
  EXPECT_TRUE(Get<Job>(k.state(), job).killed);
  // Both died; without handles to them they are then forgotten (lifecycle.cc).
  EXPECT_NE(CallerStateOf(k.state(), pk), CallerState::kLive);
  EXPECT_NE(CallerStateOf(k.state(), self), CallerState::kLive);
  EXPECT_EQ(k.CheckInvariants(), std::vector<std::string>{});
}

// PROC-031 check order; the handle is consumed from step 2 on.
TEST_F(ProcessStartTest, CheckOrderAndConsumption) {
  auto c = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  zx_handle_t vmo = Vmo(kPage);
  EXPECT_EQ(k.zx_process_start(self, 0, vmo).status_value(), ZX_ERR_BAD_HANDLE);  // (1)
  EXPECT_EQ(k.zx_process_start(self, root, vmo).status_value(), ZX_ERR_WRONG_TYPE);
  zx_handle_t ro = WithRights(c.first, ZX_RIGHT_READ | ZX_RIGHT_DUPLICATE);
  EXPECT_EQ(k.zx_process_start(self, ro, vmo).status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(Basic(vmo).type, ZX_OBJ_TYPE_VMO);  // not consumed by a step-1 failure
  EXPECT_EQ(k.zx_process_start(self, c.first, 0).status_value(), ZX_ERR_BAD_HANDLE);  // (2)
  zx_handle_t no_transfer = WithRights(vmo, ZX_RIGHT_READ);
  EXPECT_EQ(k.zx_process_start(self, c.first, no_transfer).status_value(),
            ZX_ERR_ACCESS_DENIED);                                     // (3)
  EXPECT_EQ(k.zx_handle_close(self, no_transfer), ZX_ERR_BAD_HANDLE);  // consumed
  // (4): the caller itself was started; the handle is consumed anyway.
  zx_handle_t dup = WithRights(vmo, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(k.zx_process_start(self, k.Initial().self, dup).status_value(), ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.zx_handle_close(self, dup), ZX_ERR_BAD_HANDLE);
}

// PROC-032: the handle moves into the new process, which now runs.
TEST_F(ProcessStartTest, MovesTheHandleAndStarts) {
  auto c = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  const zx_koid_t pk = KoidOf(c.first);
  zx_handle_t vmo = Vmo(kPage);
  const zx_koid_t vk = KoidOf(vmo);
  auto moved = k.zx_process_start(self, c.first, vmo);
  ASSERT_TRUE(moved.is_ok());
  EXPECT_EQ(moved.value(), 7u);  // the first handle of the new table
  EXPECT_EQ(k.zx_handle_close(self, vmo), ZX_ERR_BAD_HANDLE);
  const Process& p = Get<Process>(k.state(), pk);
  EXPECT_EQ(p.state, ProcessState::kRunning);
  EXPECT_EQ(p.handles.entries.at(7).object, vk);
  EXPECT_EQ(p.handles.entries.at(7).rights, ZX_DEFAULT_VMO_RIGHTS);
  // Started once only; killed processes cannot start.
  EXPECT_EQ(k.zx_process_start(self, c.first, Vmo(kPage)).status_value(), ZX_ERR_BAD_STATE);
  // A running process survives the loss of its last handle (PROC-014 is for INITIAL only).
  ASSERT_EQ(k.zx_handle_close(self, c.first), ZX_OK);
  EXPECT_EQ(CallerStateOf(k.state(), pk), CallerState::kLive);
  ExpectInvariants();
}

// Calls as another process use its own handle table and address space (scenario `@PROC`).
TEST_F(OtherProcess, OwnTableAndAddressSpace) {
  auto c = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  const zx_koid_t pk = KoidOf(c.first);
  // P-7: an INITIAL process can make calls; its table starts empty at value 7.
  auto h = k.zx_vmo_create(pk, kPage, 0);
  ASSERT_TRUE(h.is_ok());
  EXPECT_EQ(h.value(), 7u);
  EXPECT_EQ(k.zx_vmo_write(pk, 7, 0, Bytes{1, 2, 3}), ZX_OK);
  EXPECT_EQ(k.zx_handle_close(pk, root), ZX_ERR_BAD_HANDLE);  // the initial process's value
  // Map from the parent into the child's address space; the child sees it, the parent not.
  zx_handle_t vmo = Vmo(kPage);
  ASSERT_EQ(k.zx_vmo_write(self, vmo, 0, Bytes{9, 8}), ZX_OK);
  zx_vaddr_t a = MapOk(c.second, kRW, 0, vmo, 0, kPage);
  EXPECT_EQ(k.mem_read(pk, a, 2).value(), (Bytes{9, 8}));
  EXPECT_EQ(k.mem_read(self, a, 2).status_value(), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(k.mem_write(pk, a, Bytes{7}), ZX_OK);
  EXPECT_EQ(k.zx_vmo_read(self, vmo, 0, 1).value(), Bytes{7});
  EXPECT_EQ(Get<Process>(k.state(), pk).state, ProcessState::kInitial);  // P-7: still INITIAL
  // The same VMO mapped in two processes: share_count 2 (VMO-132).
  MapOk(root, ZX_VM_PERM_READ, 0, vmo, 0, kPage);
  EXPECT_EQ(InfoVmo(vmo).num_mappings, 2u);
  EXPECT_EQ(InfoVmo(vmo).share_count, 2u);
  ExpectInvariants();
}

}  // namespace
}  // namespace zxspec::model
