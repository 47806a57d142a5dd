// zx_vmar_map in Z3 (spec/vmar_map.cc, issue 13): every path is witnessed and agrees with
// model::Step; bugs planted in test-only copies are caught by the obligation or the comparison
// that names them.
#include <gtest/gtest.h>

#include "spec/aspace.h"
#include "spec/prove.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

// VMAR-022: each check of vmar_map is reached (the VMAR fixture: a resizable VMO, a VMAR without
// CAN_MAP_SPECIFIC, a misaligned SPECIFIC address, neighbours to merge with, a mapping to split by
// SPECIFIC_OVERWRITE, a nested VMAR in the way) and agrees with the model; the CAN_MAP checks (15)
// and (20), which the rights (9) requires never fail (VMAR-004), are proved unreachable.
TEST(ProveVmarMap, EveryPathIsWitnessedOrProvedUnreachable) {
  ProveReport r = ProveOperation(VmarMapOp(), Only({"mapping-perms-derived"}, /*paths=*/true));
  EXPECT_TRUE(r.ok()) << FormatTable(r);
  EXPECT_EQ(r.paths.size(), 35u);
  size_t unreachable = 0;
  for (const PathRow& p : r.paths) {
    EXPECT_TRUE(p.good()) << p.operation << " / " << p.path << ": " << p.detail;
    unreachable += p.unreachable ? 1 : 0;
  }
  EXPECT_EQ(unreachable, 2u);
  for (const char* path : {"VMAR-022 (15) ZX_ERR_ACCESS_DENIED", "VMAR-022 (20) ZX_ERR_ACCESS_DENIED"}) {
    const PathRow* p = FindPath(r, "vmar_map", path);
    ASSERT_NE(p, nullptr) << path;
    EXPECT_TRUE(p->unreachable) << path;
  }
  for (const char* path : {"VMAR-025 SPECIFIC ZX_OK", "VMAR-025 VMAR-060 ZX_OK", "VMAR-026 ZX_OK",
                           "VMAR-026 ZX_ERR_INVALID_ARGS", "VMAR-022 (26) ZX_ERR_ALREADY_EXISTS",
                           "VMAR-022 (27) VMAR-060 ZX_ERR_NO_RESOURCES"}) {
    const PathRow* p = FindPath(r, "vmar_map", path);
    ASSERT_NE(p, nullptr) << path;
    EXPECT_TRUE(p->witnessed && p->agrees) << path << ": " << p->detail;
  }
}

// The base a successful vmar_map path returns.
z3::expr MappedBase(const Path& p) { return p.result.values.at(0); }

// VMAR-028 planted: a map that merges into its left neighbour but leaves its own row alive. The
// fixture's map next to a mergeable mapping shows it against model::Step.
Paths MapLeavingItsRow(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmarMapOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name != "VMAR-025 SPECIFIC ZX_OK") continue;
    z3::expr v = pre.h_object(caller, a[0]);
    p.post.map_alive = p.post.map_alive.Set(v, MappedBase(p), True(pre.ctx()));
  }
  return paths;
}

TEST(PlantedBugs, MapWithoutTheLeftMergeDisagreesWithTheModel) {
  ProveReport r = ProveOperation(Planted(VmarMapOp(), &MapLeavingItsRow),
                                 Only({"rights-monotone"}, /*paths=*/true));
  EXPECT_FALSE(r.ok());
  const PathRow* ok = FindPath(r, "vmar_map", "VMAR-025 SPECIFIC ZX_OK");
  ASSERT_NE(ok, nullptr);
  EXPECT_FALSE(ok->agrees);
  EXPECT_NE(ok->detail.find("map_alive differs"), std::string::npos) << ok->detail;
}

// VMAR-027 planted: max_perms from the VMAR's CAN_MAP flags instead of the rights of both handles,
// so a VMO handle without WRITE makes a mapping that protect could make writable.
Paths MapWithTheVmarsPerms(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmarMapOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.status != ZX_OK || p.name == "P-5 ZX_ERR_BAD_STATE") continue;
    z3::expr v = pre.h_object(caller, a[0]), base = MappedBase(p);
    z3::expr more = p.post.map_max_perms(v, base) | PermsAllowedBy(pre.vmar_flags(v));
    p.post.map_max_perms = p.post.map_max_perms.Set(v, base, more);
  }
  return paths;
}

// Each on the path where the solver finds its counterexample soonest (on the others its goals
// take the whole timeout, some more than once), with 30 s per check: the goals take 5 to 15 s
// on an idle machine, more beside other tests.
TEST(PlantedBugs, MapWithTheVmarsPermsBreaksPermsDerivedAndImmutability) {
  const OpSpec planted = Planted(VmarMapOp(), &MapWithTheVmarsPerms);
  for (const auto& [id, path] : {std::pair{"mapping-perms-derived", "VMAR-026 ZX_OK"},
                                 std::pair{"immutability", "VMAR-025 SPECIFIC ZX_OK"}}) {
    ProveOptions o = Only({id});
    o.path_names = {path};
    o.timeout_ms = 30000;
    ExpectEncodingBugsWith(planted, o, "vmar_map");
  }
}

// VMAR-042: each check of vmar_protect is reached (the VMAR fixture: a hole, a mapping whose
// max_perms lack WRITE, a mapping in a nested VMAR with no page permissions, a handle without
// OP_CHILDREN) and agrees with the model, the scan's first event included.
TEST(ProveVmarProtect, EveryPathIsWitnessed) {
  ProveReport r = ProveOperation(VmarProtectOp(), Only({"mapping-perms-derived"}, /*paths=*/true));
  EXPECT_TRUE(r.ok()) << FormatTable(r);
  EXPECT_EQ(r.paths.size(), 16u);
  for (const PathRow& p : r.paths) {
    EXPECT_TRUE(p.good() && p.witnessed && p.agrees) << p.operation << " / " << p.path << ": " << p.detail;
  }
}

// VMAR-042 (10b) planted: a protect that does not compare the new permissions with max_perms, so
// a page of a mapping made without WRITE becomes writable (mapping-perms-bounded).
Paths ProtectIgnoringMaxPerms(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = VmarProtectOp().step(pre, caller, a);
  Paths out;
  Formula beyond = Formula(False(pre.ctx()));
  for (const Path& p : paths) {
    if (p.name == "VMAR-042 (10b) ZX_ERR_ACCESS_DENIED") beyond = p.guard;
  }
  for (Path& p : paths) {
    if (p.name == "VMAR-042 (10b) ZX_ERR_ACCESS_DENIED") continue;
    if (p.name == "VMAR-043 ZX_OK") p.guard = p.guard || beyond;
    out.push_back(p);
  }
  return out;
}

TEST(PlantedBugs, ProtectIgnoringMaxPermsBreaksMappingPermsBounded) {
  ExpectEncodingBug(Planted(VmarProtectOp(), &ProtectIgnoringMaxPerms), "mapping-perms-bounded", "vmar_protect");
}

}  // namespace
}  // namespace zxspec::spec
