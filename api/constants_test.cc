#include "api/constants.h"

#include <gtest/gtest.h>

#include "api/syscalls.h"

namespace zxspec {
namespace {

// scenario-format.md "Constants": full name, without ZX_, or without the kind's prefix.
TEST(ResolveConstant, AcceptsFullShortAndKindRelativeNames) {
  EXPECT_EQ(ResolveConstant("ZX_RIGHT_READ", ConstKind::kRight).value, ZX_RIGHT_READ);
  EXPECT_EQ(ResolveConstant("RIGHT_READ", ConstKind::kRight).value, ZX_RIGHT_READ);
  EXPECT_EQ(ResolveConstant("READ", ConstKind::kRight).value, ZX_RIGHT_READ);
  EXPECT_EQ(ResolveConstant("SNAPSHOT", ConstKind::kVmoChildOption).value, ZX_VMO_CHILD_SNAPSHOT);
  EXPECT_EQ(ResolveConstant("RESIZABLE", ConstKind::kVmoChildOption).value,
            ZX_VMO_CHILD_RESIZABLE);
  EXPECT_EQ(ResolveConstant("RESIZABLE", ConstKind::kVmoOption).value, ZX_VMO_RESIZABLE);
  EXPECT_EQ(ResolveConstant("PERM_READ", ConstKind::kVmOption).value, ZX_VM_PERM_READ);
  EXPECT_EQ(ResolveConstant("VMO", ConstKind::kTopic).value, ZX_INFO_VMO);
  EXPECT_EQ(ResolveConstant("INFO_VMO", ConstKind::kTopic).value, ZX_INFO_VMO);
  EXPECT_EQ(ResolveConstant("START", ConstKind::kSeekOrigin).value, ZX_STREAM_SEEK_ORIGIN_START);
  EXPECT_EQ(ResolveConstant("SAME_RIGHTS", ConstKind::kRight).value, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(ResolveConstant("DEFAULT_VMO_RIGHTS", ConstKind::kRight).value,
            ZX_DEFAULT_VMO_RIGHTS);
  EXPECT_EQ(ResolveConstant("IMMUTABLE", ConstKind::kInfoVmoFlag).value, ZX_INFO_VMO_IMMUTABLE);
  EXPECT_EQ(ResolveConstant("VIA_HANDLE", ConstKind::kInfoVmoFlag).value, ZX_INFO_VMO_VIA_HANDLE);
  EXPECT_EQ(ResolveConstant("VMO_V1", ConstKind::kTopic).value, ZX_INFO_VMO_V1);
  EXPECT_EQ(ResolveConstant("UINT64_MAX", ConstKind::kLimit).value, UINT64_MAX);
}

TEST(ResolveConstant, StatusesAreSignExtended) {
  auto r = ResolveConstant("ZX_ERR_BAD_HANDLE", ConstKind::kStatus);
  ASSERT_TRUE(r.value);
  EXPECT_EQ(static_cast<zx_status_t>(*r.value), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(ResolveConstant("BAD_HANDLE", ConstKind::kStatus).value, r.value);
}

TEST(ResolveConstant, KindRelativeNamesDoNotLeakAcrossKinds) {
  // "READ" is a right, not a stream mode, unless the argument is a stream mode.
  EXPECT_EQ(ResolveConstant("READ", ConstKind::kStreamMode).value, ZX_STREAM_MODE_READ);
  // "SNAPSHOT" means nothing for a rights argument.
  EXPECT_FALSE(ResolveConstant("SNAPSHOT", ConstKind::kRight).value);
}

TEST(ResolveConstant, UnknownNamesOfferCandidates) {
  auto r = ResolveConstant("SNAPSHOTT", ConstKind::kVmoChildOption);
  EXPECT_FALSE(r.value);
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_EQ(r.candidates[0], "ZX_VMO_CHILD_SNAPSHOT");
}

// Candidates are within half the name's length of edits (+2); the length gap alone rules out
// most names, so a long unknown name costs time linear in its length (issue 12).
TEST(ResolveConstant, CandidatesAreCloseNamesOnly) {
  auto r = ResolveConstant("SNAPSHOT_AT_LEAST_ON_WRIT", ConstKind::kVmoChildOption);
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_EQ(r.candidates[0], "ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE");
  EXPECT_TRUE(ResolveConstant(std::string(256, 'A'), ConstKind::kRight).candidates.empty());
  EXPECT_TRUE(ResolveConstant("QQQQQQQQQQ", ConstKind::kRight).candidates.empty());
}

TEST(FlagsToString, SplitsBitsAndKeepsUnknownOnesAsHex) {
  EXPECT_EQ(FlagsToString(ZX_RIGHT_READ | ZX_RIGHT_MAP, ConstKind::kRight), "READ|MAP");
  EXPECT_EQ(FlagsToString(0, ConstKind::kRight), "NONE");
  EXPECT_EQ(FlagsToString(ZX_VMO_CHILD_SNAPSHOT | 0x1000, ConstKind::kVmoChildOption),
            "SNAPSHOT|0x1000");
  EXPECT_EQ(FlagsToString(ZX_VM_PERM_READ | ZX_VM_ALIGN_64KB, ConstKind::kVmOption),
            "ALIGN_64KB|PERM_READ");
  EXPECT_EQ(FlagsToString(0x10D, ConstKind::kInfoVmoFlag),
            "TYPE_PAGED|IS_COW_CLONE|VIA_HANDLE|IMMUTABLE");
}

TEST(StatusName, NamesEveryRulebookStatus) {
  EXPECT_EQ(StatusName(ZX_OK), "ZX_OK");
  EXPECT_EQ(StatusName(ZX_ERR_FILE_BIG), "ZX_ERR_FILE_BIG");
  EXPECT_EQ(StatusName(-999), "-999");
}

TEST(Syscalls, KernelRowsFollowTheCallVariant) {
  EXPECT_EQ(SyscallOf(Call{VmoCreate{}}).name, "vmo_create");
  EXPECT_EQ(SyscallOf(Call{MemWrite{}}).name, "mem_write");
  EXPECT_EQ(FindSyscall("zx_vmo_create_child"), FindSyscall("vmo_create_child"));
  EXPECT_EQ(FindSyscall("fidl_send")->layer, Layer::kFidl);
  EXPECT_EQ(FindSyscall("no_such_call"), nullptr);
}

}  // namespace
}  // namespace zxspec
