// zx_vmar_create_vmo_child in Z3 (spec/vmar_child.cc, issue 13, seed RFC-0013): every path is
// witnessed and agrees with model::Step or is proved unreachable; bugs planted in test-only
// copies are caught by the obligation or the comparison that names them.
#include <gtest/gtest.h>

#include "spec/prove.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

constexpr const char* kOk = "VMO-086 ZX_OK";
constexpr const char* kFlaggedVmar = "VMAR-082 (7) VMAR VMAR-084 ZX_ERR_ACCESS_DENIED";

// VMAR-082: each check is reached (the VMAR child fixture: a mapping and a sub-VMAR with
// CANNOT_CREATE_VMO_CHILD, mappings of a discardable VMO, of a slice and of a clone near 2^64)
// and agrees with the model. The checks that the earlier ones or the mapping's alignment
// decide are proved unreachable: (8)'s VMO-070 and VMO-071, VMO-075's offset and size.
TEST(ProveVmarCreateVmoChild, EveryPathIsWitnessedOrProvedUnreachable) {
  ProveReport r = ProveOperation(VmarCreateVmoChildOp(), Only({"rights-monotone"}, /*paths=*/true));
  EXPECT_TRUE(r.ok()) << FormatTable(r);
  EXPECT_EQ(r.paths.size(), 22u);
  size_t unreachable = 0;
  for (const PathRow& p : r.paths) {
    EXPECT_TRUE(p.good()) << p.operation << " / " << p.path << ": " << p.detail;
    EXPECT_TRUE(p.unreachable || (p.witnessed && p.agrees)) << p.path << ": " << p.detail;
    unreachable += p.unreachable ? 1 : 0;
  }
  EXPECT_EQ(unreachable, 4u);
  for (const char* path : {"VMAR-082 (8) VMO-070 ZX_ERR_OUT_OF_RANGE", "VMAR-082 (8) VMO-071 ZX_ERR_INVALID_ARGS",
                           "VMO-075 (offset) ZX_ERR_INVALID_ARGS", "VMO-075 (size) ZX_ERR_INVALID_ARGS"}) {
    const PathRow* p = FindPath(r, "vmar_create_vmo_child", path);
    ASSERT_NE(p, nullptr) << path;
    EXPECT_TRUE(p->unreachable) << path;
  }
}

// The planted |step|'s success path disagrees with model::Step at a fixture call.
void ExpectOkPathDisagrees(Paths (*step)(const SymState&, const z3::expr&, const SymArgs&)) {
  ProveReport r = ProveOperation(Planted(VmarCreateVmoChildOp(), step), Only({"rights-monotone"}, /*paths=*/true));
  EXPECT_FALSE(r.ok());
  const PathRow* ok = FindPath(r, "vmar_create_vmo_child", kOk);
  ASSERT_NE(ok, nullptr);
  EXPECT_FALSE(ok->agrees) << ok->detail;
}

// VMAR-083 planted: a NO_WRITE child whose handle keeps WRITE. A SNAPSHOT | NO_WRITE child is
// IMMUTABLE (VMO-085), so a writable handle to it breaks immutability.
Paths ChildKeepingWrite(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmarCreateVmoChildOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name != kOk) continue;
    const z3::expr h = p.result.values.at(0);
    p.post.h_rights = p.post.h_rights.Set(caller, h, p.post.h_rights(caller, h) | U32(pre.ctx(), ZX_RIGHT_WRITE));
  }
  return paths;
}

TEST(PlantedBugs, VmarChildKeepingWriteBreaksImmutability) {
  ExpectEncodingBug(Planted(VmarCreateVmoChildOp(), &ChildKeepingWrite), "immutability", "vmar_create_vmo_child");
}

// VMAR-083 planted: a NO_WRITE child gets EXECUTE whether or not every page of the range is
// executable (open point V-7 (f)). The fixture's NO_WRITE child of a read-only mapping shows it.
Paths ChildAlwaysExecutable(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmarCreateVmoChildOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name != kOk) continue;
    const z3::expr h = p.result.values.at(0), rights = p.post.h_rights(caller, h);
    p.post.h_rights = p.post.h_rights.Set(
        caller, h, z3::ite(HasBits(a[1], ZX_VMO_CHILD_NO_WRITE), rights | U32(pre.ctx(), ZX_RIGHT_EXECUTE), rights));
  }
  return paths;
}

TEST(PlantedBugs, VmarChildAlwaysExecutableDisagreesWithTheModel) {
  ExpectOkPathDisagrees(&ChildAlwaysExecutable);
}

// VMAR-082 (7) planted: only the mapping's CANNOT_CREATE_VMO_CHILD is checked, not the VMARs'
// above it. The fixture's call on a mapping in a refusing sub-VMAR shows it against model::Step.
Paths IgnoringTheVmarsFlag(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return Skipping(VmarCreateVmoChildOp().step(pre, caller, a), kFlaggedVmar, kOk);
}

TEST(PlantedBugs, VmarChildIgnoringTheVmarsFlagDisagreesWithTheModel) {
  ExpectOkPathDisagrees(&IgnoringTheVmarsFlag);
}

}  // namespace
}  // namespace zxspec::spec
