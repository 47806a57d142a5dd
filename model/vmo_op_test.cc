// zx_vmo_op_range (vmo.md VMO-060..068, VMO-100..103, committed pages per VMO-133) and
// zx_vmo_replace_as_executable (VMO-120..124).
#include <string_view>

#include "model/core.h"
#include "model/test_util.h"

namespace zxspec::model {
namespace {


Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

class VmoOp : public ModelTest {
 protected:
  zx_status_t Op(zx_handle_t h, uint32_t op, uint64_t offset, uint64_t size) {
    return k.zx_vmo_op_range(self, h, op, offset, size);
  }
  zx_handle_t Dup(zx_handle_t h, zx_rights_t rights) {
    auto r = k.zx_handle_duplicate(self, h, rights);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? r.value() : 0;
  }
  zx_handle_t Child(zx_handle_t h, uint32_t options, uint64_t offset, uint64_t size) {
    auto r = k.zx_vmo_create_child(self, h, options, offset, size);
    EXPECT_TRUE(r.is_ok()) << r.status_value();
    return r.is_ok() ? r.value() : 0;
  }
  uint64_t Committed(zx_handle_t h) { return InfoVmo(h).committed_bytes; }
  Bytes Read(zx_handle_t h, uint64_t offset, uint64_t len) {
    auto r = k.zx_vmo_read(self, h, offset, len);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? r.value() : Bytes{};
  }
};

// ---- dispatch: VMO-060 ----

TEST_F(VmoOp, LookupThenUnknownOpThenRights) {
  zx_handle_t h = Vmo(kPage);
  EXPECT_EQ(Op(0, ZX_VMO_OP_COMMIT, 0, kPage), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(Op(k.Initial().job, 12345, 0, 0), ZX_ERR_WRONG_TYPE);
  zx_handle_t none = Dup(h, ZX_RIGHT_NONE);
  for (uint32_t op : {0u, 5u, 15u, 0xFFFFFFFFu}) {
    EXPECT_EQ(Op(none, op, 0, 0), ZX_ERR_INVALID_ARGS) << op;  // before any right
  }
  zx_handle_t ro = Dup(h, ZX_RIGHT_READ);
  zx_handle_t wo = Dup(h, ZX_RIGHT_WRITE);
  // VMO-061/064/100: WRITE for COMMIT, DECOMMIT, ZERO; before any range check.
  for (uint32_t op : {ZX_VMO_OP_COMMIT, ZX_VMO_OP_DECOMMIT, ZX_VMO_OP_ZERO}) {
    EXPECT_EQ(Op(ro, op, UINT64_MAX, UINT64_MAX), ZX_ERR_ACCESS_DENIED) << op;
    EXPECT_EQ(Op(wo, op, 0, kPage), ZX_OK) << op;
  }
  // VMO-103: READ for the cache ops and PREFETCH, nothing for the hints.
  for (uint32_t op : {ZX_VMO_OP_CACHE_SYNC, ZX_VMO_OP_CACHE_CLEAN,
                      ZX_VMO_OP_CACHE_CLEAN_INVALIDATE, ZX_VMO_OP_PREFETCH}) {
    EXPECT_EQ(Op(wo, op, 0, kPage), ZX_ERR_ACCESS_DENIED) << op;
    EXPECT_EQ(Op(ro, op, 0, kPage), ZX_OK) << op;
  }
  for (uint32_t op : {ZX_VMO_OP_DONT_NEED, ZX_VMO_OP_ALWAYS_NEED}) {
    EXPECT_EQ(Op(none, op, 0, kPage), ZX_OK) << op;
  }
  // CACHE_INVALIDATE: debugging syscalls are off, NOT_SUPPORTED before the right check.
  EXPECT_EQ(Op(none, ZX_VMO_OP_CACHE_INVALIDATE, 0, kPage), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(Op(h, ZX_VMO_OP_CACHE_INVALIDATE, 0, kPage), ZX_ERR_NOT_SUPPORTED);
}

TEST_F(VmoOp, CacheOpsAndHintsChangeNothing) {  // VMO-103
  zx_handle_t h = Vmo(2 * kPage);
  ASSERT_EQ(k.zx_vmo_write(self, h, 0, B("data")), ZX_OK);
  State before = k.state();
  for (uint32_t op : {ZX_VMO_OP_CACHE_SYNC, ZX_VMO_OP_CACHE_CLEAN,
                      ZX_VMO_OP_CACHE_CLEAN_INVALIDATE, ZX_VMO_OP_DONT_NEED,
                      ZX_VMO_OP_ALWAYS_NEED, ZX_VMO_OP_PREFETCH}) {
    EXPECT_EQ(Op(h, op, 0, 2 * kPage), ZX_OK) << op;
  }
  EXPECT_EQ(k.state(), before);
  // The cache ops check their range like the kernel's VmObject::CacheOp.
  EXPECT_EQ(Op(h, ZX_VMO_OP_CACHE_SYNC, 0, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Op(h, ZX_VMO_OP_CACHE_CLEAN, 1, 2 * kPage), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(h, ZX_VMO_OP_CACHE_CLEAN_INVALIDATE, UINT64_MAX, 2), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(h, ZX_VMO_OP_CACHE_SYNC, 2 * kPage - 1, 1), ZX_OK);
}

// ---- COMMIT: VMO-062/063/133 ----

TEST_F(VmoOp, CommitRangeRoundsOutward) {
  zx_handle_t h = Vmo(2 * kPage);
  EXPECT_EQ(Op(h, ZX_VMO_OP_COMMIT, UINT64_MAX, 1), ZX_ERR_OUT_OF_RANGE);      // wraps
  EXPECT_EQ(Op(h, ZX_VMO_OP_COMMIT, UINT64_MAX - 10, 5), ZX_ERR_OUT_OF_RANGE);  // round-up wraps
  EXPECT_EQ(Op(h, ZX_VMO_OP_COMMIT, 2 * kPage, 1), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(h, ZX_VMO_OP_COMMIT, 0, 2 * kPage + 1), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(h, ZX_VMO_OP_COMMIT, 0, 0), ZX_OK);
  EXPECT_EQ(Op(h, ZX_VMO_OP_COMMIT, 2 * kPage, 0), ZX_OK);  // empty at the end
  EXPECT_EQ(Committed(h), 0u);
  EXPECT_EQ(Op(h, ZX_VMO_OP_COMMIT, kPage - 1, 1), ZX_OK);  // page 0
  EXPECT_EQ(Committed(h), kPage);
  // The quirk: size 0 at an unaligned offset is one page.
  EXPECT_EQ(Op(h, ZX_VMO_OP_COMMIT, kPage + 1, 0), ZX_OK);
  EXPECT_EQ(Committed(h), 2 * kPage);
  EXPECT_EQ(Op(Vmo(0), ZX_VMO_OP_COMMIT, 1, 0), ZX_ERR_OUT_OF_RANGE);
  // Content is unchanged.
  EXPECT_EQ(Read(h, 0, 4), Bytes(4, 0));
  ExpectInvariants();
}

TEST_F(VmoOp, CommitOfAnUnboundedVmo) {  // VMO-062, VMO-133: one run, not 2^52 pages
  zx_handle_t h = Vmo(0, ZX_VMO_UNBOUNDED);
  EXPECT_EQ(Op(h, ZX_VMO_OP_COMMIT, 0, kVmoMaxSize), ZX_OK);
  EXPECT_EQ(Committed(h), kVmoMaxSize);
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, kPage, kVmoMaxSize - 2 * kPage), ZX_OK);
  EXPECT_EQ(Committed(h), 2 * kPage);
  ExpectInvariants();
}

TEST_F(VmoOp, CommitIsAttributedToTheOwner) {  // VMO-063, VMO-133
  zx_handle_t p = Vmo(2 * kPage);
  zx_handle_t slice = Child(p, ZX_VMO_CHILD_SLICE, kPage, kPage);
  zx_handle_t ref = Child(p, ZX_VMO_CHILD_REFERENCE, 0, 0);
  EXPECT_EQ(Op(slice, ZX_VMO_OP_COMMIT, 0, kPage), ZX_OK);
  EXPECT_EQ(Committed(slice), 0u);
  EXPECT_EQ(Committed(p), kPage);
  EXPECT_EQ(Op(ref, ZX_VMO_OP_COMMIT, 0, 2 * kPage), ZX_OK);
  EXPECT_EQ(Committed(ref), 0u);
  EXPECT_EQ(Committed(p), 2 * kPage);
  // A COW clone commits its own pages; the parent is unaffected.
  zx_handle_t q = Vmo(2 * kPage);
  zx_handle_t c = Child(q, ZX_VMO_CHILD_SNAPSHOT, 0, 2 * kPage);
  EXPECT_EQ(Op(c, ZX_VMO_OP_COMMIT, 0, kPage), ZX_OK);
  EXPECT_EQ(Committed(c), kPage);
  EXPECT_EQ(Committed(q), 0u);
}

// ---- DECOMMIT: VMO-064..068 ----

TEST_F(VmoOp, DecommitChecksInOrder) {
  zx_handle_t h = Vmo(2 * kPage);
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, UINT64_MAX, 2), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, 1, 2 * kPage), ZX_ERR_OUT_OF_RANGE);  // before alignment
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, 2 * kPage + 1, 0), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, 1, 0), ZX_OK);  // size 0 before alignment
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, 2 * kPage, 0), ZX_OK);
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, 1, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, 0, 1), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, 0, kPage + 1), ZX_ERR_INVALID_ARGS);
}

TEST_F(VmoOp, DecommitZeroesAndReleases) {  // VMO-068, VMO-133
  zx_handle_t h = Vmo(3 * kPage);
  ASSERT_EQ(k.zx_vmo_write(self, h, 0, Bytes(3 * kPage, 7)), ZX_OK);
  EXPECT_EQ(Committed(h), 3 * kPage);
  EXPECT_EQ(Op(h, ZX_VMO_OP_DECOMMIT, kPage, kPage), ZX_OK);
  EXPECT_EQ(Committed(h), 2 * kPage);
  EXPECT_EQ(Read(h, kPage - 1, 3), (Bytes{7, 0, 0}));
  EXPECT_EQ(Read(h, 2 * kPage - 1, 2), (Bytes{0, 7}));
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 3 * kPage);  // stream size untouched
  ExpectInvariants();
}

// VMO-066 as the kernel decides it (see the report): DECOMMIT is refused while the pages are
// part of a copy-on-write tree with another live member, in both directions, and allowed again
// once only one member is left. References and slices create no such tree.
TEST_F(VmoOp, DecommitAndCopyOnWriteRelations) {
  zx_handle_t p = Vmo(kPage);
  zx_handle_t ref = Child(p, ZX_VMO_CHILD_REFERENCE, 0, 0);
  zx_handle_t slice = Child(p, ZX_VMO_CHILD_SLICE, 0, kPage);
  EXPECT_EQ(Op(p, ZX_VMO_OP_DECOMMIT, 0, kPage), ZX_OK);
  EXPECT_EQ(Op(ref, ZX_VMO_OP_DECOMMIT, 0, kPage), ZX_OK);
  zx_handle_t clone = Child(p, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  EXPECT_EQ(Op(clone, ZX_VMO_OP_DECOMMIT, 0, kPage), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(Op(p, ZX_VMO_OP_DECOMMIT, 0, kPage), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(Op(ref, ZX_VMO_OP_DECOMMIT, 0, kPage), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(Op(slice, ZX_VMO_OP_DECOMMIT, 0, kPage), ZX_ERR_NOT_SUPPORTED);
  // Range errors and size 0 come first.
  EXPECT_EQ(Op(clone, ZX_VMO_OP_DECOMMIT, 0, 2 * kPage), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(clone, ZX_VMO_OP_DECOMMIT, 0, 0), ZX_OK);
  // ZERO is always fine.
  EXPECT_EQ(Op(clone, ZX_VMO_OP_ZERO, 0, kPage), ZX_OK);
  // The clone gone, the original can decommit again.
  ASSERT_EQ(k.zx_handle_close(self, clone), ZX_OK);
  EXPECT_EQ(Op(p, ZX_VMO_OP_DECOMMIT, 0, kPage), ZX_OK);
  // The other way round: the clone's relatives gone, the clone can decommit.
  zx_handle_t q = Vmo(kPage);
  zx_handle_t c1 = Child(q, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, 0, kPage);
  zx_handle_t c2 = Child(c1, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  ASSERT_EQ(k.zx_handle_close(self, q), ZX_OK);
  EXPECT_EQ(Op(c1, ZX_VMO_OP_DECOMMIT, 0, kPage), ZX_ERR_NOT_SUPPORTED);  // c2 is alive
  ASSERT_EQ(k.zx_handle_close(self, c2), ZX_OK);
  EXPECT_EQ(Op(c1, ZX_VMO_OP_DECOMMIT, 0, kPage), ZX_OK);
}

// ---- ZERO: VMO-100..102 ----

TEST_F(VmoOp, ZeroIsByteGranular) {
  zx_handle_t h = Vmo(3 * kPage);
  ASSERT_EQ(k.zx_vmo_write(self, h, 0, Bytes(3 * kPage, 9)), ZX_OK);
  EXPECT_EQ(Op(h, ZX_VMO_OP_ZERO, UINT64_MAX, 2), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(h, ZX_VMO_OP_ZERO, 1, 3 * kPage), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(h, ZX_VMO_OP_ZERO, 3 * kPage + 1, 0), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(h, ZX_VMO_OP_ZERO, 3 * kPage, 0), ZX_OK);
  // Zero [4095, 8193): one partial page on each side, one whole page released.
  EXPECT_EQ(Op(h, ZX_VMO_OP_ZERO, kPage - 1, kPage + 2), ZX_OK);
  EXPECT_EQ(Read(h, kPage - 2, 2), (Bytes{9, 0}));
  EXPECT_EQ(Read(h, 2 * kPage, 2), (Bytes{0, 9}));
  EXPECT_EQ(Committed(h), 2 * kPage);
  EXPECT_EQ(k.zx_vmo_get_stream_size(self, h).value(), 3 * kPage);
  ExpectInvariants();
}

TEST_F(VmoOp, ZeroFollowsTheChildKind) {  // VMO-102
  zx_handle_t p = Vmo(2 * kPage);
  ASSERT_EQ(k.zx_vmo_write(self, p, 0, Bytes(2 * kPage, 1)), ZX_OK);
  zx_handle_t c = Child(p, ZX_VMO_CHILD_SNAPSHOT, 0, 2 * kPage);
  EXPECT_EQ(Op(c, ZX_VMO_OP_ZERO, 0, 2 * kPage), ZX_OK);
  EXPECT_EQ(Read(p, 0, 1), Bytes{1});
  EXPECT_EQ(Read(c, 0, 1), Bytes{0});
  zx_handle_t s = Child(p, ZX_VMO_CHILD_SLICE, kPage, kPage);
  EXPECT_EQ(Op(s, ZX_VMO_OP_ZERO, 0, 10), ZX_OK);
  EXPECT_EQ(Read(p, kPage, 11), (Bytes{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
}

// ---- LOCK / TRY_LOCK / UNLOCK: VMO-103 ----

TEST_F(VmoOp, LockNeedsADiscardableVmoAndTheWholeRange) {
  zx_handle_t plain = Vmo(kPage);
  EXPECT_EQ(Op(plain, ZX_VMO_OP_LOCK, 0, kPage), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(Op(plain, ZX_VMO_OP_UNLOCK, 0, kPage), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(Op(Dup(plain, ZX_RIGHT_DUPLICATE), ZX_VMO_OP_LOCK, 0, kPage), ZX_ERR_ACCESS_DENIED);
  zx_handle_t d = Vmo(2 * kPage, ZX_VMO_DISCARDABLE);
  EXPECT_EQ(Op(Dup(d, ZX_RIGHT_DUPLICATE), ZX_VMO_OP_TRY_LOCK, 0, 0), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(Op(d, ZX_VMO_OP_LOCK, UINT64_MAX, 2), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(d, ZX_VMO_OP_LOCK, 0, kPage), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(d, ZX_VMO_OP_LOCK, kPage, kPage), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(d, ZX_VMO_OP_LOCK, 0, 3 * kPage), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Op(d, ZX_VMO_OP_UNLOCK, 0, 2 * kPage), ZX_ERR_BAD_STATE);
  // READ alone or WRITE alone is enough.
  EXPECT_EQ(Op(Dup(d, ZX_RIGHT_READ), ZX_VMO_OP_LOCK, 0, 2 * kPage), ZX_OK);
  EXPECT_EQ(Op(Dup(d, ZX_RIGHT_WRITE), ZX_VMO_OP_TRY_LOCK, 0, 2 * kPage), ZX_OK);
  // Locks nest: two unlocks succeed, the third finds nothing to unlock.
  EXPECT_EQ(Op(d, ZX_VMO_OP_UNLOCK, 0, 2 * kPage), ZX_OK);
  EXPECT_EQ(Op(d, ZX_VMO_OP_UNLOCK, 0, 2 * kPage), ZX_OK);
  EXPECT_EQ(Op(d, ZX_VMO_OP_UNLOCK, 0, 2 * kPage), ZX_ERR_BAD_STATE);
  ExpectInvariants();
  // The model never discards: content survives an unlock.
  ASSERT_EQ(k.zx_vmo_write(self, d, 0, B("kept")), ZX_OK);
  EXPECT_EQ(Read(d, 0, 4), B("kept"));
}

// ---- zx_vmo_replace_as_executable: VMO-120..124 ----

class ReplaceAsExecutable : public VmoOp {
 protected:
  // A kernel whose initial process also holds a resource of |kind| covering [base, base+size).
  static ModelKernel WithResource(uint32_t kind, uint64_t base, uint64_t size,
                                  zx_handle_t* out) {
    State s = InitialState();
    zx_koid_t r = NewObject(s, Resource{kind, base, size});
    *out = InstallHandle(s, s.initial.self_koid, {r, ZX_DEFAULT_RESOURCE_RIGHTS});
    return ModelKernel(std::move(s));
  }
};

TEST_F(ReplaceAsExecutable, AddsExecuteAndConsumesTheHandle) {  // VMO-124
  zx_handle_t h = Vmo(kPage);
  zx_koid_t koid = Basic(h).koid;
  auto r = k.zx_vmo_replace_as_executable(self, h, k.Initial().vmex);
  ASSERT_TRUE(r.is_ok());
  EXPECT_NE(r.value(), h);
  EXPECT_EQ(Basic(r.value()).rights, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_EXECUTE);
  EXPECT_EQ(Basic(r.value()).koid, koid);
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_ERR_BAD_HANDLE);
  // Nothing else is added or removed; no rights are needed on either handle.
  zx_handle_t bare = Dup(r.value(), ZX_RIGHT_NONE);
  zx_handle_t vmex_bare = Dup(k.Initial().vmex, ZX_RIGHT_NONE);
  auto r2 = k.zx_vmo_replace_as_executable(self, bare, vmex_bare);
  ASSERT_TRUE(r2.is_ok());
  EXPECT_EQ(Basic(r2.value()).rights, ZX_RIGHT_EXECUTE);
  // vmex = ZX_HANDLE_INVALID: the default job policy allows ZX_POL_AMBIENT_MARK_VMO_EXEC.
  auto r3 = k.zx_vmo_replace_as_executable(self, Vmo(kPage), ZX_HANDLE_INVALID);
  ASSERT_TRUE(r3.is_ok());
  EXPECT_EQ(Basic(r3.value()).rights, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_EXECUTE);
  ExpectInvariants();
}

TEST_F(ReplaceAsExecutable, VmexErrorsAreReportedAfterTheHandleIsConsumed) {  // VMO-120..123
  zx_handle_t h = Vmo(kPage);
  EXPECT_EQ(k.zx_vmo_replace_as_executable(self, h, 0x7777).status_value(), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_ERR_BAD_HANDLE);  // consumed
  h = Vmo(kPage);
  EXPECT_EQ(k.zx_vmo_replace_as_executable(self, h, k.Initial().job).status_value(),
            ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_handle_close(self, h), ZX_ERR_BAD_HANDLE);
  // A live VMO as vmex is a wrong type too.
  zx_handle_t other = Vmo(kPage);
  h = Vmo(kPage);
  EXPECT_EQ(k.zx_vmo_replace_as_executable(self, h, other).status_value(), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(k.zx_handle_close(self, other), ZX_OK);
}

TEST_F(ReplaceAsExecutable, BadSourceHandle) {  // VMO-121, VMO-122
  // Not a live handle: BAD_HANDLE, the vmex error is not reported, nothing changes.
  State before = k.state();
  EXPECT_EQ(k.zx_vmo_replace_as_executable(self, 0x7777, k.Initial().job).status_value(),
            ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.state(), before);
  // Not a VMO: BAD_HANDLE (not WRONG_TYPE), and the handle is gone.
  zx_handle_t job2 = Dup(k.Initial().job, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(k.zx_vmo_replace_as_executable(self, job2, k.Initial().vmex).status_value(),
            ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(k.zx_handle_close(self, job2), ZX_ERR_BAD_HANDLE);
  // Not a VMO beats a bad vmex.
  zx_handle_t job3 = Dup(k.Initial().job, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(k.zx_vmo_replace_as_executable(self, job3, 0x7777).status_value(), ZX_ERR_BAD_HANDLE);
}

TEST_F(ReplaceAsExecutable, ResourceKindsAndRanges) {  // VMO-120, RIGHTS-016
  struct Case {
    uint32_t kind;
    uint64_t base, size;
    zx_status_t want;
  };
  const Case cases[] = {
      {ZX_RSRC_KIND_ROOT, 0, 0, ZX_OK},  // ROOT is accepted whatever its range
      {ZX_RSRC_KIND_SYSTEM, ZX_RSRC_SYSTEM_VMEX_BASE, 1, ZX_OK},
      {ZX_RSRC_KIND_SYSTEM, 0, 8, ZX_OK},
      {ZX_RSRC_KIND_SYSTEM, 0, 1, ZX_ERR_OUT_OF_RANGE},
      {ZX_RSRC_KIND_SYSTEM, 2, 1, ZX_ERR_OUT_OF_RANGE},
      {ZX_RSRC_KIND_SYSTEM, 1, 0, ZX_ERR_OUT_OF_RANGE},
      {ZX_RSRC_KIND_SYSTEM, 0, UINT64_MAX, ZX_OK},
      {ZX_RSRC_KIND_MMIO, ZX_RSRC_SYSTEM_VMEX_BASE, 1, ZX_ERR_WRONG_TYPE},
      {ZX_RSRC_KIND_IRQ, ZX_RSRC_SYSTEM_VMEX_BASE, 1, ZX_ERR_WRONG_TYPE},
      {ZX_RSRC_KIND_SMC, ZX_RSRC_SYSTEM_VMEX_BASE, 1, ZX_ERR_WRONG_TYPE},
  };
  for (const Case& c : cases) {
    zx_handle_t rsrc = 0;
    ModelKernel kk = WithResource(c.kind, c.base, c.size, &rsrc);
    zx_koid_t me = kk.Initial().self_koid;
    zx_handle_t h = kk.zx_vmo_create(me, kPage, 0).value();
    auto r = kk.zx_vmo_replace_as_executable(me, h, rsrc);
    EXPECT_EQ(r.status_value(), c.want) << c.kind << " " << c.base << " " << c.size;
    EXPECT_EQ(kk.zx_handle_close(me, h), ZX_ERR_BAD_HANDLE);  // consumed in every case
    EXPECT_EQ(kk.CheckInvariants(), std::vector<std::string>{});
  }
}

}  // namespace
}  // namespace zxspec::model
