// zx_vmo_create_child: check order, results, rights, names, immutability and what each side of
// a parent/child pair sees afterwards, through chains of children (vmo.md VMO-070..090,
// VMO-131/132, VMO-140's parent relation; seeds RFC-0080 and RFC-0238).
#include <string_view>

#include "model/core.h"
#include "model/test_util.h"
#include "model/vmo.h"

namespace zxspec::model {
namespace {

constexpr uint64_t kTopPage = UINT64_MAX - kPage + 1;  // 0xFFFF_FFFF_FFFF_F000, page aligned

Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

class VmoChild : public ModelTest {
 protected:
  zx_status_t Status(zx_handle_t h, uint32_t options, uint64_t offset, uint64_t size) {
    return k.zx_vmo_create_child(self, h, options, offset, size).status_value();
  }
  zx_handle_t Child(zx_handle_t h, uint32_t options, uint64_t offset, uint64_t size) {
    auto r = k.zx_vmo_create_child(self, h, options, offset, size);
    EXPECT_TRUE(r.is_ok()) << "create_child failed: " << r.status_value();
    return r.is_ok() ? r.value() : 0;
  }
  Bytes Read(zx_handle_t h, uint64_t offset, uint64_t len) {
    auto r = k.zx_vmo_read(self, h, offset, len);
    EXPECT_TRUE(r.is_ok()) << "read failed: " << r.status_value();
    return r.is_ok() ? r.value() : Bytes{};
  }
  void Write(zx_handle_t h, uint64_t offset, std::string_view s) {
    EXPECT_EQ(k.zx_vmo_write(self, h, offset, B(s)), ZX_OK);
  }
  zx_handle_t Dup(zx_handle_t h, zx_rights_t rights) {
    auto r = k.zx_handle_duplicate(self, h, rights);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? r.value() : 0;
  }
  zx_koid_t Koid(zx_handle_t h) { return Basic(h).koid; }
  uint64_t Size(zx_handle_t h) { return k.zx_vmo_get_size(self, h).value(); }
  uint64_t StreamSize(zx_handle_t h) { return k.zx_vmo_get_stream_size(self, h).value(); }
  void Close(zx_handle_t h) { EXPECT_EQ(k.zx_handle_close(self, h), ZX_OK); }
};

// ---- check order: VMO-070..077 ----

TEST_F(VmoChild, SizeAboveMaximumIsOutOfRangeBeforeTheHandle) {  // VMO-070
  EXPECT_EQ(Status(0, ZX_VMO_CHILD_SLICE, 0, UINT64_MAX), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Status(0, ZX_VMO_CHILD_SLICE, 0, UINT64_MAX - kPage + 1), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Status(0, 0xFFFFFFFF, 0, kVmoMaxSize + 1), ZX_ERR_OUT_OF_RANGE);
  zx_handle_t h = Vmo(kPage);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SNAPSHOT, 0, kVmoMaxSize + kPage), ZX_ERR_OUT_OF_RANGE);
  // Exactly VMO_MAX_SIZE is allowed: a snapshot far larger than its parent (VMO-075).
  zx_handle_t big = Child(h, ZX_VMO_CHILD_SNAPSHOT, 0, kVmoMaxSize);
  EXPECT_EQ(Size(big), kVmoMaxSize);
  EXPECT_EQ(StreamSize(big), kVmoMaxSize);
  ExpectInvariants();
}

TEST_F(VmoChild, NoWriteWithResizableIsInvalidBeforeTheHandle) {  // VMO-071
  EXPECT_EQ(Status(0, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE | ZX_VMO_CHILD_RESIZABLE, 0,
                   kPage),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(0, ZX_VMO_CHILD_NO_WRITE | ZX_VMO_CHILD_RESIZABLE, 0, 0), ZX_ERR_INVALID_ARGS);
  // VMO-070 comes first.
  EXPECT_EQ(Status(0, ZX_VMO_CHILD_NO_WRITE | ZX_VMO_CHILD_RESIZABLE, 0, UINT64_MAX),
            ZX_ERR_OUT_OF_RANGE);
}

TEST_F(VmoChild, HandleLookupOrder) {  // VMO-072, GEN-001
  zx_handle_t h = Vmo(kPage);
  EXPECT_EQ(Status(0, ZX_VMO_CHILD_SNAPSHOT, 0, kPage), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(Status(h + 4, ZX_VMO_CHILD_SNAPSHOT, 0, kPage), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(Status(k.Initial().job, ZX_VMO_CHILD_SNAPSHOT, 0, kPage), ZX_ERR_WRONG_TYPE);
  // Wrong type beats bad options (the handle is looked up before VMO-074).
  EXPECT_EQ(Status(k.Initial().job, 0, 0, 0), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(Status(Dup(h, ZX_RIGHT_READ), ZX_VMO_CHILD_SNAPSHOT, 0, kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(Status(Dup(h, ZX_RIGHT_DUPLICATE), ZX_VMO_CHILD_SNAPSHOT, 0, kPage),
            ZX_ERR_ACCESS_DENIED);
  // Missing rights beat bad options.
  EXPECT_EQ(Status(Dup(h, ZX_RIGHT_DUPLICATE), 0, 1, 1), ZX_ERR_ACCESS_DENIED);
  zx_handle_t minimal = Dup(h, ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ);
  EXPECT_EQ(Status(minimal, ZX_VMO_CHILD_SNAPSHOT, 0, kPage), ZX_OK);
}

TEST_F(VmoChild, ResizableReferenceNeedsResizeOnTheParentHandle) {  // VMO-072, Open point 6
  zx_handle_t fixed = Vmo(kPage);
  EXPECT_EQ(Status(fixed, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE, 0, 0),
            ZX_ERR_ACCESS_DENIED);
  zx_handle_t rs = Vmo(kPage, ZX_VMO_RESIZABLE);
  EXPECT_EQ(Status(Dup(rs, ZX_DEFAULT_VMO_RIGHTS), ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE,
                   0, 0),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(Status(rs, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE, 0, 0), ZX_OK);
  // RESIZE is only asked for the REFERENCE type: a resizable snapshot needs no RESIZE.
  EXPECT_EQ(Status(fixed, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE, 0, kPage), ZX_OK);
}

TEST_F(VmoChild, DiscardableParentIsNotSupportedBeforeOptionChecks) {  // VMO-073
  zx_handle_t d = Vmo(kPage, ZX_VMO_DISCARDABLE);
  for (uint32_t t : {ZX_VMO_CHILD_SNAPSHOT, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                     ZX_VMO_CHILD_SNAPSHOT_MODIFIED, ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_REFERENCE}) {
    EXPECT_EQ(Status(d, t, 0, t == ZX_VMO_CHILD_REFERENCE ? 0 : kPage), ZX_ERR_NOT_SUPPORTED) << t;
  }
  EXPECT_EQ(Status(d, 0, 1, 1), ZX_ERR_NOT_SUPPORTED);
  zx_handle_t rd = Vmo(kPage, ZX_VMO_DISCARDABLE | ZX_VMO_RESIZABLE);
  EXPECT_EQ(Status(rd, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE, 0, 0),
            ZX_ERR_NOT_SUPPORTED);
}

TEST_F(VmoChild, TypeSelection) {  // VMO-074, VMO-078, VMO-079
  zx_handle_t h = Vmo(kPage);
  EXPECT_EQ(Status(h, 0, 0, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_RESIZABLE, 0, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_NO_WRITE, 0, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_SNAPSHOT, 0, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_RESIZABLE, 0, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_REFERENCE, 0, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_SNAPSHOT, 0, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, 0, kPage),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_SNAPSHOT_MODIFIED, 0,
                   kPage),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SNAPSHOT | 0x2, 0, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SNAPSHOT | 0x100, 0, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_REFERENCE | 0x100, 0, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE | 0x80000000, 0, kPage), ZX_ERR_INVALID_ARGS);
  // NO_WRITE is legal with every type (VMO-078).
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_NO_WRITE, 0, kPage), ZX_OK);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_NO_WRITE, 0, 0), ZX_OK);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SNAPSHOT_MODIFIED | ZX_VMO_CHILD_NO_WRITE, 0, kPage), ZX_OK);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_RESIZABLE, 0, kPage),
            ZX_OK);
}

TEST_F(VmoChild, SnapshotArgumentChecks) {  // VMO-075
  zx_handle_t h = Vmo(2 * kPage);
  for (uint32_t t : {ZX_VMO_CHILD_SNAPSHOT, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                     ZX_VMO_CHILD_SNAPSHOT_MODIFIED}) {
    EXPECT_EQ(Status(h, t, 1, kPage), ZX_ERR_INVALID_ARGS) << t;
    EXPECT_EQ(Status(h, t, kPage - 1, kPage), ZX_ERR_INVALID_ARGS) << t;
    EXPECT_EQ(Status(h, t, 0, 1), ZX_ERR_INVALID_ARGS) << t;           // RFC-0238 override
    EXPECT_EQ(Status(h, t, 0, kPage - 1), ZX_ERR_INVALID_ARGS) << t;
    EXPECT_EQ(Status(h, t, 0, kPage + 1), ZX_ERR_INVALID_ARGS) << t;
    // Alignment comes before the wrap check.
    EXPECT_EQ(Status(h, t, UINT64_MAX, kPage), ZX_ERR_INVALID_ARGS) << t;
    EXPECT_EQ(Status(h, t, kTopPage, kPage + 1), ZX_ERR_INVALID_ARGS) << t;
    EXPECT_EQ(Status(h, t, kTopPage, kPage), ZX_ERR_OUT_OF_RANGE) << t;  // 2^64 exactly
    EXPECT_EQ(Status(h, t, kTopPage, 2 * kPage), ZX_ERR_OUT_OF_RANGE) << t;
    // 2^64 - VMO_MAX_SIZE = 0x20000: the largest child at that offset ends exactly at 2^64.
    EXPECT_EQ(Status(h, t, 0x20000, kVmoMaxSize), ZX_ERR_OUT_OF_RANGE) << t;
    EXPECT_EQ(Status(h, t, 0x1F000, kVmoMaxSize), ZX_OK) << t;
    // Beyond the parent's size is fine; an empty snapshot at the very top too.
    EXPECT_EQ(Status(h, t, 100 * kPage, kPage), ZX_OK) << t;
    EXPECT_EQ(Status(h, t, kTopPage, 0), ZX_OK) << t;
    EXPECT_EQ(Status(h, t, 0, 0), ZX_OK) << t;
  }
  ExpectInvariants();
}

// VMO-075: offsets must not overflow once projected onto the root of the clone tree (the
// kernel's root_parent_offset check, INVALID_ARGS), even when the child's own offset + size fits.
TEST_F(VmoChild, ProjectionOntoTheCloneRootMustNotOverflow) {
  zx_handle_t h = Vmo(kPage);
  // |top| sits at 2^64 - 2 pages of the root: 2 more pages reach 2^64.
  zx_handle_t top = Child(h, ZX_VMO_CHILD_SNAPSHOT, kTopPage - kPage, kPage);
  EXPECT_EQ(Status(top, ZX_VMO_CHILD_SNAPSHOT, 2 * kPage, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(top, ZX_VMO_CHILD_SNAPSHOT, kPage, 0), ZX_OK);
  EXPECT_EQ(Status(top, ZX_VMO_CHILD_SNAPSHOT, 0, 2 * kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(top, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, 0, kPage), ZX_OK);
  EXPECT_EQ(Status(top, ZX_VMO_CHILD_SNAPSHOT, 0, kPage), ZX_OK);
  // Slices and references share the tree position of what they alias.
  zx_handle_t slice = Child(top, ZX_VMO_CHILD_SLICE, 0, kPage);
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, 2 * kPage, 0),
            ZX_ERR_INVALID_ARGS);
  zx_handle_t ref = Child(top, ZX_VMO_CHILD_REFERENCE, 0, 0);
  EXPECT_EQ(Status(ref, ZX_VMO_CHILD_SNAPSHOT, 2 * kPage, 0), ZX_ERR_INVALID_ARGS);
  // Closing every ancestor does not move the projection (the kernel keeps root_parent_offset).
  Close(h);
  EXPECT_EQ(Status(top, ZX_VMO_CHILD_SNAPSHOT, 2 * kPage, 0), ZX_ERR_INVALID_ARGS);
  ExpectInvariants();
}

TEST_F(VmoChild, SnapshotThroughASliceIsNotSupported) {  // VMO-075, VMO-090
  zx_handle_t h = Vmo(2 * kPage);
  zx_handle_t slice = Child(h, ZX_VMO_CHILD_SLICE, kPage, kPage);
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_SNAPSHOT, 0, kPage), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, kPage),
            ZX_ERR_NOT_SUPPORTED);
  // Argument errors come first.
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_SNAPSHOT, 1, kPage), ZX_ERR_INVALID_ARGS);
  // The parent's slice offset counts in the wrap check (VMO-075).
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_SNAPSHOT, kTopPage, 0), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, kTopPage, 0),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, kTopPage - kPage, 0), ZX_OK);
  // AT_LEAST_ON_WRITE and MODIFIED through a slice are allowed (Open point: see report).
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, 0, kPage), ZX_OK);
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_SNAPSHOT_MODIFIED, 0, kPage), ZX_OK);
}

TEST_F(VmoChild, SliceArgumentChecks) {  // VMO-076
  zx_handle_t h = Vmo(2 * kPage);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, 1, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, kPage - 1, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, 0, kPage - 1), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, 0, kPage + 1), ZX_ERR_INVALID_ARGS);  // RFC-0238
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, 0, 3 * kPage), ZX_ERR_INVALID_ARGS);  // not inside
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, kPage, 2 * kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, 3 * kPage, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, kTopPage, kPage), ZX_ERR_INVALID_ARGS);  // wraps
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, kTopPage, kVmoMaxSize), ZX_ERR_INVALID_ARGS);
  // Zero-size slices, also at the parent's end, are allowed; so is the whole parent.
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, 0, 0), ZX_OK);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, 2 * kPage, 0), ZX_OK);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_SLICE, 0, 2 * kPage), ZX_OK);
  // A resizable parent: NOT_SUPPORTED, but only after the range checks.
  zx_handle_t rs = Vmo(kPage, ZX_VMO_RESIZABLE);
  EXPECT_EQ(Status(rs, ZX_VMO_CHILD_SLICE, 0, kPage), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(Status(rs, ZX_VMO_CHILD_SLICE, 0, 2 * kPage), ZX_ERR_INVALID_ARGS);
  // A reference of a resizable VMO is resizable too.
  zx_handle_t ref = Child(rs, ZX_VMO_CHILD_REFERENCE, 0, 0);
  EXPECT_EQ(Status(ref, ZX_VMO_CHILD_SLICE, 0, kPage), ZX_ERR_NOT_SUPPORTED);
}

TEST_F(VmoChild, ReferenceArgumentChecks) {  // VMO-077
  zx_handle_t h = Vmo(kPage);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_REFERENCE, kPage, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_REFERENCE, 0, kPage), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(Status(h, ZX_VMO_CHILD_REFERENCE, 1, 0), ZX_ERR_INVALID_ARGS);
  zx_handle_t slice = Child(h, ZX_VMO_CHILD_SLICE, 0, kPage);
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_REFERENCE, 0, 0), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(Status(slice, ZX_VMO_CHILD_REFERENCE, 0, kPage), ZX_ERR_INVALID_ARGS);
  // References of references and of snapshots are fine.
  zx_handle_t ref = Child(h, ZX_VMO_CHILD_REFERENCE, 0, 0);
  EXPECT_EQ(Status(ref, ZX_VMO_CHILD_REFERENCE, 0, 0), ZX_OK);
  zx_handle_t snap = Child(h, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  EXPECT_EQ(Status(snap, ZX_VMO_CHILD_REFERENCE, 0, 0), ZX_OK);
}

// CreateVmoChild without a handle (the path of zx_vmar_create_vmo_child): VMO-077's last check,
// unreachable through zx_vmo_create_child, and the defensive VMO-070/071 re-checks.
TEST(CreateVmoChild, ChecksThatNeedNoHandle) {
  ModelKernel k;
  zx_koid_t self = k.Initial().self_koid;
  zx_handle_t h = k.zx_vmo_create(self, kPage, 0).value();
  State s = k.state();
  zx_koid_t vmo = CallerProcess(s, self).handles.entries.at(h).object;
  EXPECT_EQ(
      CreateVmoChild(s, vmo, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE, 0, 0).status_value(),
      ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(CreateVmoChild(s, vmo, ZX_VMO_CHILD_SNAPSHOT, 0, UINT64_MAX).status_value(),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(CreateVmoChild(s, vmo, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE |
                                       ZX_VMO_CHILD_RESIZABLE,
                           0, kPage)
                .status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(s, k.state());  // errors change nothing
  auto child = CreateVmoChild(s, vmo, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, kPage);
  ASSERT_TRUE(child.is_ok());
  const Vmo& v = Get<Vmo>(s, *child);
  EXPECT_EQ(v.kind, VmoKind::kCowClone);
  EXPECT_EQ(v.parent, vmo);
  EXPECT_TRUE(v.immutable_at_creation);
  EXPECT_EQ(VmoSize(s, v), kPage);
  // No handle was installed: the next collection destroys the child.
  CollectGarbage(s);
  EXPECT_EQ(Find<Vmo>(s, *child), nullptr);
}

// ---- the child: VMO-080..085 ----

TEST_F(VmoChild, SizesAndStreamSizes) {  // VMO-080, VMO-081 (RFC-0238)
  zx_handle_t h = Vmo(5000, ZX_VMO_RESIZABLE);
  zx_handle_t snap = Child(h, ZX_VMO_CHILD_SNAPSHOT, 0, 4 * kPage);
  EXPECT_EQ(Size(snap), 4 * kPage);
  EXPECT_EQ(StreamSize(snap), 4 * kPage);  // the size, not the parent's 5000
  zx_handle_t ref = Child(h, ZX_VMO_CHILD_REFERENCE, 0, 0);
  EXPECT_EQ(Size(ref), 2 * kPage);
  EXPECT_EQ(StreamSize(ref), 5000u);
  // The reference shares the stream-size cell (VMO-005) and the size (VMO-089)...
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, ref, 100), ZX_OK);
  EXPECT_EQ(StreamSize(h), 100u);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, h, 200), ZX_OK);
  EXPECT_EQ(StreamSize(ref), 200u);
  EXPECT_EQ(k.zx_vmo_set_size(self, h, 3 * kPage), ZX_OK);
  EXPECT_EQ(Size(ref), 3 * kPage);
  // ...the snapshot keeps its own.
  EXPECT_EQ(StreamSize(snap), 4 * kPage);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, snap, 7), ZX_OK);
  EXPECT_EQ(StreamSize(h), 200u);
  // Slices: own cell, initialised to their size.
  zx_handle_t fixed = Vmo(3 * kPage);
  zx_handle_t slice = Child(fixed, ZX_VMO_CHILD_SLICE, kPage, kPage);
  EXPECT_EQ(StreamSize(slice), kPage);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, slice, 10), ZX_OK);
  EXPECT_EQ(StreamSize(fixed), 3 * kPage);
  EXPECT_EQ(k.zx_vmo_set_stream_size(self, slice, kPage + 1), ZX_ERR_OUT_OF_RANGE);
  // Zero-size children.
  EXPECT_EQ(Size(Child(fixed, ZX_VMO_CHILD_SLICE, 3 * kPage, 0)), 0u);
  EXPECT_EQ(Size(Child(fixed, ZX_VMO_CHILD_SNAPSHOT, 0, 0)), 0u);
  ExpectInvariants();
}

TEST_F(VmoChild, Resizability) {  // VMO-080, VMO-036/037 on children
  zx_handle_t h = Vmo(kPage);
  zx_handle_t snap = Child(h, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  EXPECT_EQ(k.zx_vmo_set_size(self, snap, 2 * kPage), ZX_ERR_UNAVAILABLE);
  zx_handle_t rsnap = Child(h, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE, 0, kPage);
  EXPECT_EQ(k.zx_vmo_set_size(self, rsnap, 2 * kPage), ZX_OK);
  EXPECT_EQ(Size(h), kPage);  // the parent is unaffected
  zx_handle_t slice = Child(h, ZX_VMO_CHILD_SLICE, 0, kPage);
  EXPECT_EQ(k.zx_vmo_set_size(self, slice, 0), ZX_ERR_UNAVAILABLE);
  // A reference takes the parent's resizability whatever CHILD_RESIZABLE says; the option only
  // decides the RESIZE right (VMO-036 example).
  zx_handle_t rs = Vmo(kPage, ZX_VMO_RESIZABLE);
  zx_handle_t ref = Child(rs, ZX_VMO_CHILD_REFERENCE, 0, 0);
  EXPECT_EQ(k.zx_vmo_set_size(self, ref, 2 * kPage), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(InfoVmo(ref).flags & ZX_INFO_VMO_RESIZABLE, ZX_INFO_VMO_RESIZABLE);
  zx_handle_t rref = Child(rs, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE, 0, 0);
  EXPECT_EQ(k.zx_vmo_set_size(self, rref, 2 * kPage), ZX_OK);
  EXPECT_EQ(Size(rs), 2 * kPage);
  EXPECT_EQ(Size(ref), 2 * kPage);
  zx_handle_t fref = Child(h, ZX_VMO_CHILD_REFERENCE, 0, 0);
  EXPECT_EQ(k.zx_vmo_set_size(self, fref, 0), ZX_ERR_UNAVAILABLE);
  ExpectInvariants();
}

TEST_F(VmoChild, ChildRightsTable) {  // VMO-083 (all examples of the rule)
  zx_handle_t h = Vmo(kPage);
  auto rights = [&](zx_handle_t p, uint32_t options) {
    const bool ref = (options & ZX_VMO_CHILD_REFERENCE) != 0;
    return Basic(Child(p, options, 0, ref ? 0 : kPage)).rights;
  };
  EXPECT_EQ(rights(h, ZX_VMO_CHILD_SNAPSHOT), 0xD0EFu);
  EXPECT_EQ(rights(h, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE), 0xD0E7u);
  EXPECT_EQ(rights(h, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE), 0x40D0EFu);
  EXPECT_EQ(rights(h, ZX_VMO_CHILD_SLICE), 0xD0EFu);
  EXPECT_EQ(rights(h, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_NO_WRITE), 0xD0E7u);
  EXPECT_EQ(rights(h, ZX_VMO_CHILD_REFERENCE), 0xD0EFu);
  EXPECT_EQ(rights(h, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE), 0xD0EFu);
  EXPECT_EQ(rights(h, ZX_VMO_CHILD_SNAPSHOT_MODIFIED | ZX_VMO_CHILD_NO_WRITE), 0xD0E7u);
  zx_handle_t small = Dup(h, ZX_RIGHT_READ | ZX_RIGHT_MAP | ZX_RIGHT_DUPLICATE);  // 0x25
  EXPECT_EQ(rights(small, ZX_VMO_CHILD_SNAPSHOT), 0xEDu);
  EXPECT_EQ(rights(small, ZX_VMO_CHILD_SLICE), 0xE5u);
  EXPECT_EQ(rights(small, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_NO_WRITE), 0xE5u);
  zx_handle_t exec = k.zx_vmo_replace_as_executable(self, Dup(h, ZX_RIGHT_SAME_RIGHTS),
                                                    k.Initial().vmex)
                         .value();  // 0xD0FF
  ASSERT_EQ(Basic(exec).rights, 0xD0FFu);
  EXPECT_EQ(rights(exec, ZX_VMO_CHILD_SNAPSHOT), 0xD0EFu);
  EXPECT_EQ(rights(exec, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE), 0xD0F7u);
  EXPECT_EQ(rights(exec, ZX_VMO_CHILD_SLICE), 0xD0FFu);
  EXPECT_EQ(rights(exec, ZX_VMO_CHILD_REFERENCE), 0xD0FFu);
  zx_handle_t rs = Vmo(kPage, ZX_VMO_RESIZABLE);
  EXPECT_EQ(rights(rs, ZX_VMO_CHILD_REFERENCE), 0xD0EFu);  // RESIZE dropped...
  EXPECT_EQ(rights(rs, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE), 0x40D0EFu);  // ...or kept
  EXPECT_EQ(rights(rs, ZX_VMO_CHILD_SNAPSHOT), 0xD0EFu);
  ExpectInvariants();
}

TEST_F(VmoChild, NameIsCopiedOnlyWithGetProperty) {  // VMO-082
  zx_handle_t h = Vmo(kPage);
  ASSERT_EQ(k.zx_object_set_property(self, h, ZX_PROP_NAME, B("parent-name")), ZX_OK);
  auto name = [&](zx_handle_t c) {
    zx_info_vmo_t info = InfoVmo(c);
    return std::string(info.name.data());
  };
  EXPECT_EQ(name(Child(h, ZX_VMO_CHILD_SNAPSHOT, 0, kPage)), "parent-name");
  EXPECT_EQ(name(Child(h, ZX_VMO_CHILD_SLICE, 0, kPage)), "parent-name");
  EXPECT_EQ(name(Child(h, ZX_VMO_CHILD_REFERENCE, 0, 0)), "parent-name");
  zx_handle_t blind = Dup(h, ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ);
  EXPECT_EQ(name(Child(blind, ZX_VMO_CHILD_SNAPSHOT, 0, kPage)), "");
  EXPECT_EQ(name(Child(blind, ZX_VMO_CHILD_SLICE, 0, kPage)), "");
  // Names are per object: renaming the child leaves the parent alone.
  zx_handle_t c = Child(h, ZX_VMO_CHILD_REFERENCE, 0, 0);
  ASSERT_EQ(k.zx_object_set_property(self, c, ZX_PROP_NAME, B("child")), ZX_OK);
  EXPECT_EQ(name(h), "parent-name");
}

TEST_F(VmoChild, ImmutableExactlyForSnapshotNoWrite) {  // VMO-085, VMO-131, seed RFC-0080
  zx_handle_t h = Vmo(kPage);
  auto flags = [&](uint32_t options) {
    const bool ref = (options & ZX_VMO_CHILD_REFERENCE) != 0;
    return InfoVmo(Child(h, options, 0, ref ? 0 : kPage)).flags;
  };
  EXPECT_EQ(flags(ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE), 0x10Du);
  EXPECT_EQ(flags(ZX_VMO_CHILD_SNAPSHOT), 0xDu);
  EXPECT_EQ(flags(ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE), 0xFu);
  EXPECT_EQ(flags(ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_NO_WRITE), 0xDu);
  EXPECT_EQ(flags(ZX_VMO_CHILD_SNAPSHOT_MODIFIED | ZX_VMO_CHILD_NO_WRITE), 0xDu);
  EXPECT_EQ(flags(ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_NO_WRITE), 0x9u);
  EXPECT_EQ(flags(ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_NO_WRITE), 0x9u);
  EXPECT_EQ(InfoVmo(h).flags, 0x9u);
  // The flag belongs to the object: every handle reports it, even one with WRITE added back
  // is impossible (rights never grow), and a writable snapshot of it is not immutable.
  zx_handle_t imm = Child(h, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, kPage);
  EXPECT_EQ(InfoVmo(Dup(imm, ZX_RIGHT_READ)).flags & ZX_INFO_VMO_IMMUTABLE, ZX_INFO_VMO_IMMUTABLE);
  EXPECT_EQ(k.zx_vmo_write(self, imm, 0, B("x")), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(k.zx_vmo_set_size(self, imm, kPage), ZX_ERR_ACCESS_DENIED);
  zx_handle_t again = Child(imm, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  EXPECT_EQ(InfoVmo(again).flags & ZX_INFO_VMO_IMMUTABLE, 0u);
  EXPECT_EQ(k.zx_vmo_write(self, again, 0, B("x")), ZX_OK);
  zx_handle_t alias = Child(imm, ZX_VMO_CHILD_REFERENCE, 0, 0);
  EXPECT_EQ(Basic(alias).rights & ZX_RIGHT_WRITE, 0u);  // VMO-083: no WRITE to inherit
  EXPECT_EQ(InfoVmo(alias).flags & ZX_INFO_VMO_IMMUTABLE, 0u);
  ExpectInvariants();
}

TEST_F(VmoChild, InfoParentAndChildren) {  // VMO-131, VMO-132, VMO-084
  zx_handle_t root = Vmo(kPage);
  zx_handle_t a = Child(root, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  zx_handle_t b = Child(root, ZX_VMO_CHILD_SLICE, 0, kPage);
  zx_handle_t c = Child(root, ZX_VMO_CHILD_REFERENCE, 0, 0);
  zx_handle_t aa = Child(a, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  EXPECT_EQ(InfoVmo(root).num_children, 3u);
  EXPECT_EQ(InfoVmo(root).parent_koid, 0u);
  EXPECT_EQ(InfoVmo(a).parent_koid, Koid(root));
  EXPECT_EQ(InfoVmo(b).parent_koid, Koid(root));
  EXPECT_EQ(InfoVmo(c).parent_koid, Koid(root));
  EXPECT_EQ(InfoVmo(aa).parent_koid, Koid(a));
  EXPECT_EQ(InfoVmo(a).num_children, 1u);
  EXPECT_EQ(InfoVmo(a).handle_rights, 0xD0EFu);
  zx_handle_t a_read = Dup(a, ZX_RIGHT_READ);
  EXPECT_EQ(InfoVmo(a_read).handle_rights, ZX_RIGHT_READ);
  Close(a_read);
  // Closing a re-parents its child to root; root counts it (VMO-084, VMO-132).
  Close(a);
  EXPECT_EQ(InfoVmo(aa).parent_koid, Koid(root));
  EXPECT_EQ(InfoVmo(root).num_children, 3u);
  // Closing root leaves its children parentless.
  Close(root);
  EXPECT_EQ(InfoVmo(aa).parent_koid, 0u);
  EXPECT_EQ(InfoVmo(b).parent_koid, 0u);
  EXPECT_EQ(InfoVmo(c).parent_koid, 0u);
  ExpectInvariants();
}

TEST_F(VmoChild, GrandchildKeepsTheChainAliveOnlyThroughItsMemory) {  // VMO-084, VMO-140
  zx_handle_t root = Vmo(kPage);
  zx_handle_t child = Child(root, ZX_VMO_CHILD_SLICE, 0, kPage);
  zx_handle_t grand = Child(child, ZX_VMO_CHILD_SLICE, 0, kPage);
  Close(child);
  // The grandchild is now root's child: root still has a child (ZERO_CHILDREN stays deasserted).
  EXPECT_EQ(InfoVmo(root).num_children, 1u);
  EXPECT_EQ(InfoVmo(grand).parent_koid, Koid(root));
  Close(grand);
  EXPECT_EQ(InfoVmo(root).num_children, 0u);
}

// ---- content visibility: VMO-086..090 ----

TEST_F(VmoChild, SnapshotIsIndependentInBothDirections) {  // VMO-086
  zx_handle_t p = Vmo(2 * kPage);
  Write(p, 0, "parent-0");
  Write(p, kPage, "parent-1");
  zx_handle_t c = Child(p, ZX_VMO_CHILD_SNAPSHOT, 0, 2 * kPage);
  EXPECT_EQ(Read(c, 0, 8), B("parent-0"));
  Write(p, 0, "PARENT");
  EXPECT_EQ(Read(c, 0, 8), B("parent-0"));
  Write(c, kPage, "child");
  EXPECT_EQ(Read(p, kPage, 8), B("parent-1"));
  // Zeroing and shrinking the parent do not reach the child.
  ASSERT_EQ(k.zx_vmo_op_range(self, p, ZX_VMO_OP_ZERO, 0, 2 * kPage), ZX_OK);
  EXPECT_EQ(Read(c, 0, 8), B("parent-0"));
  Close(p);
  EXPECT_EQ(Read(c, 0, 8), B("parent-0"));
  EXPECT_EQ(Read(c, kPage, 5), B("child"));
  ExpectInvariants();
}

TEST_F(VmoChild, SnapshotBeyondTheParentReadsZero) {  // VMO-086
  zx_handle_t p = Vmo(kPage, ZX_VMO_RESIZABLE);
  Write(p, 0, "abc");
  zx_handle_t c = Child(p, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE, 0, 3 * kPage);
  EXPECT_EQ(Read(c, 0, 3), B("abc"));
  EXPECT_EQ(Read(c, kPage, 3), Bytes(3, 0));
  // The parent growing and writing there later is not seen either.
  ASSERT_EQ(k.zx_vmo_set_size(self, p, 3 * kPage), ZX_OK);
  Write(p, kPage, "late");
  EXPECT_EQ(Read(c, kPage, 4), Bytes(4, 0));
  // Shrinking the parent keeps the child's copy (VMO-043); shrink + regrow of the child is zero.
  ASSERT_EQ(k.zx_vmo_set_size(self, p, 0), ZX_OK);
  EXPECT_EQ(Read(c, 0, 3), B("abc"));
  ASSERT_EQ(k.zx_vmo_set_size(self, c, 0), ZX_OK);
  ASSERT_EQ(k.zx_vmo_set_size(self, c, kPage), ZX_OK);
  EXPECT_EQ(Read(c, 0, 3), Bytes(3, 0));
  // A snapshot at an offset past the parent's end is all zero.
  zx_handle_t far = Child(p, ZX_VMO_CHILD_SNAPSHOT, 16 * kPage, kPage);
  EXPECT_EQ(Read(far, 0, 4), Bytes(4, 0));
  ExpectInvariants();
}

TEST_F(VmoChild, SnapshotAtAnOffset) {  // VMO-086: C byte i = P byte o + i
  zx_handle_t p = Vmo(3 * kPage);
  Write(p, kPage, "one");
  Write(p, 2 * kPage, "two");
  zx_handle_t c = Child(p, ZX_VMO_CHILD_SNAPSHOT, kPage, 2 * kPage);
  EXPECT_EQ(Read(c, 0, 3), B("one"));
  EXPECT_EQ(Read(c, kPage, 3), B("two"));
}

TEST_F(VmoChild, AtLeastOnWriteBehavesAsSnapshot) {  // VMO-087 (model choice, Open point 4)
  for (uint32_t t : {ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, ZX_VMO_CHILD_SNAPSHOT_MODIFIED}) {
    zx_handle_t p = Vmo(kPage);
    Write(p, 0, "before");
    zx_handle_t c = Child(p, t, 0, kPage);
    Write(p, 0, "AFTER!");
    EXPECT_EQ(Read(c, 0, 6), B("before")) << t;
    Write(c, 0, "mine");
    EXPECT_EQ(Read(p, 0, 6), B("AFTER!")) << t;
    EXPECT_EQ(InfoVmo(c).flags & ZX_INFO_VMO_IS_COW_CLONE, ZX_INFO_VMO_IS_COW_CLONE);
  }
}

TEST_F(VmoChild, SliceAliasesBothWays) {  // VMO-088
  zx_handle_t p = Vmo(4 * kPage);
  Write(p, kPage, "p1");
  zx_handle_t s = Child(p, ZX_VMO_CHILD_SLICE, kPage, 2 * kPage);
  EXPECT_EQ(Read(s, 0, 2), B("p1"));
  Write(s, kPage, "s1");
  EXPECT_EQ(Read(p, 2 * kPage, 2), B("s1"));
  Write(p, kPage + 1, "X");
  EXPECT_EQ(Read(s, 0, 2), B("pX"));
  // Bounds are the slice's own.
  EXPECT_EQ(k.zx_vmo_read(self, s, 2 * kPage, 1).status_value(), ZX_ERR_OUT_OF_RANGE);
  // ZERO through either side.
  ASSERT_EQ(k.zx_vmo_op_range(self, s, ZX_VMO_OP_ZERO, 0, 1), ZX_OK);
  EXPECT_EQ(Read(p, kPage, 2), (Bytes{0, 'X'}));
  // DECOMMIT of the parent and of the slice (vmo-slice.cc DecommitParent / DecommitChild).
  ASSERT_EQ(k.zx_vmo_op_range(self, p, ZX_VMO_OP_DECOMMIT, kPage, kPage), ZX_OK);
  EXPECT_EQ(Read(s, 0, 2), Bytes(2, 0));
  ASSERT_EQ(k.zx_vmo_op_range(self, s, ZX_VMO_OP_DECOMMIT, kPage, kPage), ZX_OK);
  EXPECT_EQ(Read(p, 2 * kPage, 2), Bytes(2, 0));
  // Closing the parent: the slice keeps reading and writing the same bytes.
  Write(s, 0, "kept");
  Close(p);
  EXPECT_EQ(Read(s, 0, 4), B("kept"));
  ExpectInvariants();
}

TEST_F(VmoChild, SliceOfSliceComposesOffsets) {  // VMO-088 (vmo-slice.cc Nested)
  zx_handle_t p = Vmo(4 * kPage);
  zx_handle_t s1 = Child(p, ZX_VMO_CHILD_SLICE, kPage, 3 * kPage);
  zx_handle_t s2 = Child(s1, ZX_VMO_CHILD_SLICE, kPage, kPage);
  Write(s2, 0, "deep");
  EXPECT_EQ(Read(p, 2 * kPage, 4), B("deep"));
  EXPECT_EQ(Read(s1, kPage, 4), B("deep"));
  Write(p, 2 * kPage, "DE");
  EXPECT_EQ(Read(s2, 0, 4), B("DEep"));
  EXPECT_EQ(Status(s2, ZX_VMO_CHILD_SLICE, 0, 2 * kPage), ZX_ERR_INVALID_ARGS);
  // Closing the middle slice re-parents s2 to p and keeps the alias.
  Close(s1);
  EXPECT_EQ(InfoVmo(s2).parent_koid, Koid(p));
  Write(p, 2 * kPage + 3, "!");
  EXPECT_EQ(Read(s2, 0, 4), B("DEe!"));
}

TEST_F(VmoChild, ReferenceIsAFullAlias) {  // VMO-089
  zx_handle_t p = Vmo(kPage, ZX_VMO_RESIZABLE);
  zx_handle_t r = Child(p, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE, 0, 0);
  Write(r, 10, "ref");
  EXPECT_EQ(Read(p, 10, 3), B("ref"));
  Write(p, 10, "PAR");
  EXPECT_EQ(Read(r, 10, 3), B("PAR"));
  ASSERT_EQ(k.zx_vmo_set_size(self, r, 3 * kPage), ZX_OK);
  EXPECT_EQ(Size(p), 3 * kPage);
  Write(p, 2 * kPage, "grown");
  EXPECT_EQ(Read(r, 2 * kPage, 5), B("grown"));
  // A reference of the reference aliases the same object.
  zx_handle_t rr = Child(r, ZX_VMO_CHILD_REFERENCE, 0, 0);
  EXPECT_EQ(Read(rr, 2 * kPage, 5), B("grown"));
  ASSERT_EQ(k.zx_vmo_set_size(self, p, kPage), ZX_OK);
  EXPECT_EQ(Size(rr), kPage);
  EXPECT_EQ(StreamSize(rr), StreamSize(p));
  // The shared object outlives the parent's handle.
  Close(p);
  Close(r);
  EXPECT_EQ(Read(rr, 10, 3), B("PAR"));
  EXPECT_EQ(InfoVmo(rr).parent_koid, 0u);
  ExpectInvariants();
}

TEST_F(VmoChild, SnapshotOfAReferenceSnapshotsTheSharedObject) {  // VMO-090
  zx_handle_t p = Vmo(kPage);
  zx_handle_t r = Child(p, ZX_VMO_CHILD_REFERENCE, 0, 0);
  Write(p, 0, "shared");
  zx_handle_t snap = Child(r, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  EXPECT_EQ(Read(snap, 0, 6), B("shared"));
  Write(r, 0, "SHARED");
  EXPECT_EQ(Read(snap, 0, 6), B("shared"));
  EXPECT_EQ(Read(p, 0, 6), B("SHARED"));
  // A slice of the reference aliases the shared object.
  zx_handle_t sl = Child(r, ZX_VMO_CHILD_SLICE, 0, kPage);
  Write(sl, 0, "s");
  EXPECT_EQ(Read(p, 0, 6), B("sHARED"));
}

TEST_F(VmoChild, AtLeastOnWriteOfASliceCopiesTheWindow) {  // VMO-090, VMO-087
  zx_handle_t p = Vmo(3 * kPage);
  Write(p, kPage, "window");
  zx_handle_t sl = Child(p, ZX_VMO_CHILD_SLICE, kPage, kPage);
  zx_handle_t c = Child(sl, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, 0, 2 * kPage);
  EXPECT_EQ(Read(c, 0, 6), B("window"));
  // Bytes past the slice's size read zero even though the parent memory has a page there.
  Write(p, 2 * kPage, "outside");
  zx_handle_t c2 = Child(sl, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, 0, 2 * kPage);
  EXPECT_EQ(Read(c2, kPage, 7), Bytes(7, 0));
  Write(sl, 0, "WINDOW");
  EXPECT_EQ(Read(c, 0, 6), B("window"));
  Write(c, 0, "c");
  EXPECT_EQ(Read(p, kPage, 6), B("WINDOW"));
}

TEST_F(VmoChild, SnapshotChainsAndSiblings) {  // VMO-086, VMO-090
  zx_handle_t p = Vmo(kPage);
  Write(p, 0, "gen0");
  zx_handle_t c1 = Child(p, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  zx_handle_t sib = Child(p, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  Write(c1, 0, "gen1");
  zx_handle_t c2 = Child(c1, ZX_VMO_CHILD_SNAPSHOT, 0, kPage);
  Write(c1, 0, "GEN1");
  Write(sib, 0, "sibl");
  EXPECT_EQ(Read(p, 0, 4), B("gen0"));
  EXPECT_EQ(Read(c1, 0, 4), B("GEN1"));
  EXPECT_EQ(Read(c2, 0, 4), B("gen1"));
  EXPECT_EQ(Read(sib, 0, 4), B("sibl"));
  // Closing the middle of the chain: c2 keeps its content, and is re-parented to p.
  Close(c1);
  EXPECT_EQ(Read(c2, 0, 4), B("gen1"));
  EXPECT_EQ(InfoVmo(c2).parent_koid, Koid(p));
  EXPECT_EQ(InfoVmo(p).num_children, 2u);
  ExpectInvariants();
}

TEST_F(VmoChild, CowClonesStartWithNothingCommitted) {  // VMO-133 (model choice)
  zx_handle_t p = Vmo(2 * kPage);
  Write(p, 0, "x");
  Write(p, kPage, "y");
  zx_handle_t c = Child(p, ZX_VMO_CHILD_SNAPSHOT, 0, 2 * kPage);
  EXPECT_EQ(InfoVmo(c).committed_bytes, 0u);
  EXPECT_EQ(InfoVmo(p).committed_bytes, 2 * kPage);
  Write(c, 0, "z");
  EXPECT_EQ(InfoVmo(c).committed_bytes, kPage);
  EXPECT_EQ(InfoVmo(Child(p, ZX_VMO_CHILD_SLICE, 0, kPage)).committed_bytes, 0u);
  EXPECT_EQ(InfoVmo(Child(p, ZX_VMO_CHILD_REFERENCE, 0, 0)).committed_bytes, 0u);
}

}  // namespace
}  // namespace zxspec::model
