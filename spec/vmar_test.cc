// The VMAR calls in Z3 (spec/vmar.cc, issue 13): every path is witnessed and agrees with
// model::Step; bugs planted in test-only copies are caught by the obligation or the comparison
// that names them.
#include <gtest/gtest.h>

#include "spec/prove.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

const std::vector<OpSpec> kVmarOps = {VmarAllocateOp(), VmarUnmapOp(), VmarDestroyOp()};

// VMAR-014, VMAR-032, VMAR-051: each check of vmar_allocate, vmar_unmap and vmar_destroy is
// reached (the VMAR fixture: a handle without OP_CHILDREN, a nested VMAR, a mapping to split, no
// free slot) and agrees with the model; allocate's CAN_MAP check, which a handle with the rights
// (1) requires never fails (VMAR-004), is proved unreachable.
TEST(ProveVmar, EveryPathIsWitnessedOrProvedUnreachable) {
  ProveReport r = ProveAll(Only({"rights-monotone"}, /*paths=*/true), kVmarOps);
  EXPECT_TRUE(r.ok()) << FormatTable(r);
  EXPECT_EQ(r.paths.size(), 38u);
  size_t unreachable = 0;
  for (const PathRow& p : r.paths) {
    EXPECT_TRUE(p.good()) << p.operation << " / " << p.path << ": " << p.detail;
    unreachable += p.unreachable ? 1 : 0;
  }
  EXPECT_EQ(unreachable, 1u);
  const PathRow* can_map = FindPath(r, "vmar_allocate", "VMAR-014 (8) ZX_ERR_ACCESS_DENIED");
  ASSERT_NE(can_map, nullptr);
  EXPECT_TRUE(can_map->unreachable);
  for (auto [op, path] : {std::pair{"vmar_destroy", "VMAR-051 (1) ZX_ERR_ACCESS_DENIED"},
                          {"vmar_unmap", "VMAR-032 (7) ZX_ERR_INVALID_ARGS"},
                          {"vmar_allocate", "VMAR-014 (15) ZX_ERR_NO_RESOURCES"},
                          {"vmar_allocate", "VMAR-015 VMAR-060 ZX_OK"}}) {
    const PathRow* p = FindPath(r, op, path);
    ASSERT_NE(p, nullptr) << path;
    EXPECT_TRUE(p->witnessed && p->agrees) << path << ": " << p->detail;
  }
}

// VMAR-014 (14) planted: a SPECIFIC allocation that does not look at the VMAR's children, so the
// new VMAR may overlap a sibling or a mapping (vmar-disjoint).
Paths AllocateOverChildren(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmarAllocateOp().step(pre, caller, a);
  Paths out;
  for (Path& p : paths) {
    if (p.name == "VMAR-014 (14) ZX_ERR_ALREADY_EXISTS") continue;
    if (p.name == "VMAR-015 SPECIFIC ZX_OK") {
      for (const Path& q : paths) {
        if (q.name == "VMAR-014 (14) ZX_ERR_ALREADY_EXISTS") p.guard = p.guard || q.guard;
      }
    }
    out.push_back(p);
  }
  return out;
}

TEST(PlantedBugs, AllocateOverChildrenBreaksVmarDisjoint) {
  ExpectEncodingBug(Planted(VmarAllocateOp(), &AllocateOverChildren), "vmar-disjoint", "vmar_allocate",
                    {"VMAR-015 SPECIFIC ZX_OK"});
}

// VMAR-015 planted: vmar_allocate records the new VMAR's size as 2^64 - 4096 (page-aligned,
// non-zero), so the VMAR reaches past 2^64 (vmar-alignment's VMAR-003 conjunct).
Paths AllocateWrapping(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmarAllocateOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.status != ZX_OK || p.name == "P-5 ZX_ERR_BAD_STATE") continue;
    z3::expr k = pre.next_koid(Args{});  // the new VMAR's koid (NewObject)
    p.post.vmar_size = p.post.vmar_size.Set(k, U64(pre.ctx(), ~uint64_t{ZX_PAGE_SIZE - 1}));
  }
  return paths;
}

TEST(PlantedBugs, AllocatePastTwoToTheSixtyFourBreaksVmarAlignment) {
  ExpectEncodingBug(Planted(VmarAllocateOp(), &AllocateWrapping), "vmar-alignment", "vmar_allocate");
}

// VMAR-033 planted: an unmap that drops the part of a mapping past the range instead of keeping
// it (no split). The fixture's unmap of a middle page shows it against model::Step.
Paths UnmapWithoutSplit(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmarUnmapOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name != "VMAR-033 ZX_OK") continue;
    z3::expr v = pre.h_object(caller, a[0]);
    z3::expr end = a[1] + RoundUpPage(a[2]).value;
    p.post.map_alive = p.post.map_alive.Set(v, end, pre.map_alive(v, end));
  }
  return paths;
}

TEST(PlantedBugs, UnmapWithoutSplitDisagreesWithTheModel) {
  ProveReport r = ProveOperation(Planted(VmarUnmapOp(), &UnmapWithoutSplit),
                                 Only({"rights-monotone"}, /*paths=*/true));
  EXPECT_FALSE(r.ok());
  const PathRow* ok = FindPath(r, "vmar_unmap", "VMAR-033 ZX_OK");
  ASSERT_NE(ok, nullptr);
  EXPECT_FALSE(ok->agrees);
  EXPECT_NE(ok->detail.find("map_alive differs"), std::string::npos) << ok->detail;
}

// VMAR-052 planted: vmar_destroy kills the VMAR but not the VMARs below it, which stay live with
// a DEAD parent (vmar-dead-childless).
Paths DestroyOnlyTheVmar(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmarDestroyOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name != "VMAR-052 ZX_OK") continue;
    z3::expr v = pre.h_object(caller, a[0]);
    p.post.vmar_live = pre.vmar_live.Set(v, False(pre.ctx()));
  }
  return paths;
}

TEST(PlantedBugs, DestroyKeepingTheSubtreeBreaksDeadChildless) {
  ExpectEncodingBug(Planted(VmarDestroyOp(), &DestroyOnlyTheVmar), "vmar-dead-childless", "vmar_destroy");
}

}  // namespace
}  // namespace zxspec::spec
