// The address-space invariants of the catalog (vmar.md VMAR-006, process-maps.md PROC-001/002):
// each holds on states the syscalls build, and each detects a planted corruption.
#include "model/invariants.h"
#include "model/vmar_test_util.h"

namespace zxspec::model {
namespace {


class AddressSpaceInvariants : public VmarTest {
 protected:
  // A state with a sub-VMAR holding a mapping, and a mapping directly in the root.
  void SetUp() override {
    sub_ = AllocOk(root, kCanRW | ZX_VM_CAN_MAP_SPECIFIC, 0, 8 * kPage);
    vmo_ = Vmo(4 * kPage);
    MapOk(sub_.child, kRW | ZX_VM_SPECIFIC, kPage, vmo_, 0, 2 * kPage);
    MapOk(root, ZX_VM_PERM_READ, 0, vmo_, 0, kPage);
    ExpectInvariants();
  }
  // Whether invariant |id| reports a violation in |s|.
  static bool Violated(const State& s, std::string_view id) {
    const InvariantInfo* inv = FindInvariant(id);
    EXPECT_NE(inv, nullptr) << id;
    return inv != nullptr && inv->check(s).has_value();
  }
  Vmar& Sub(State& s) { return Get<Vmar>(s, KoidOf(sub_.child)); }
  Mapping& SubMapping(State& s) { return std::get<Mapping>(Sub(s).children.at(0)); }

  VmarAllocateResult sub_;
  zx_handle_t vmo_ = 0;
};

TEST_F(AddressSpaceInvariants, Containment) {
  State s = k.state();
  SubMapping(s).base = sub_.addr + 7 * kPage;  // now ends past the VMAR
  EXPECT_TRUE(Violated(s, "vmar-containment"));
  EXPECT_FALSE(Violated(k.state(), "vmar-containment"));
}

TEST_F(AddressSpaceInvariants, Disjoint) {
  State s = k.state();
  Mapping extra = SubMapping(s);
  extra.base += kPage;
  Sub(s).children.push_back(extra);  // overlaps its neighbour
  EXPECT_TRUE(Violated(s, "vmar-disjoint"));
}

TEST_F(AddressSpaceInvariants, Alignment) {
  State s = k.state();
  SubMapping(s).vmo_offset = 100;
  EXPECT_TRUE(Violated(s, "vmar-alignment"));
  s = k.state();
  SubMapping(s).perms = {PermRun{0, 1, ZX_VM_PERM_READ}, PermRun{1, 1, ZX_VM_PERM_READ}};
  EXPECT_TRUE(Violated(s, "vmar-alignment"));  // non-canonical runs
  s = k.state();
  SubMapping(s).perms = {PermRun{0, 1, ZX_VM_PERM_READ}};
  EXPECT_TRUE(Violated(s, "vmar-alignment"));  // runs do not cover the mapping
  s = k.state();
  Sub(s).size = kUserAspaceBase + kUserAspaceSize - Sub(s).base;
  EXPECT_FALSE(Violated(s, "vmar-alignment"));  // ends at the user address space's end
  Sub(s).size += kPage;
  EXPECT_TRUE(Violated(s, "vmar-alignment"));  // VMAR-003: reaches past it
}

TEST_F(AddressSpaceInvariants, CanMapInherited) {
  State s = k.state();
  Sub(s).flags |= ZX_VM_CAN_MAP_EXECUTE;  // fine: the root may execute
  EXPECT_FALSE(Violated(s, "vmar-can-map-inherited"));
  Get<Vmar>(s, KoidOf(root)).flags &= ~ZX_VM_CAN_MAP_WRITE;
  EXPECT_TRUE(Violated(s, "vmar-can-map-inherited"));
}

TEST_F(AddressSpaceInvariants, MappingPermsBounded) {
  State s = k.state();
  SubMapping(s).max_perms = ZX_VM_PERM_READ;  // pages are RW
  EXPECT_TRUE(Violated(s, "mapping-perms-bounded"));
  s = k.state();
  SubMapping(s).max_perms |= ZX_VM_PERM_EXECUTE;  // the VMAR cannot map EXECUTE
  EXPECT_TRUE(Violated(s, "mapping-perms-bounded"));
}

TEST_F(AddressSpaceInvariants, MappingPermsValid) {
  State s = k.state();
  SubMapping(s).perms = {PermRun{0, 2, ZX_VM_PERM_WRITE}};
  EXPECT_TRUE(Violated(s, "mapping-perms-valid"));
}

TEST_F(AddressSpaceInvariants, DeadVmarChildless) {
  State s = k.state();
  Sub(s).state = Lifecycle::kDead;  // still listed by the root and holding its mapping
  EXPECT_TRUE(Violated(s, "vmar-dead-childless"));
}

TEST_F(AddressSpaceInvariants, AddressSpaceConsistent) {
  State s = k.state();
  Get<Vmar>(s, KoidOf(root)).children.clear();  // the sub-VMAR is live but unlisted
  EXPECT_TRUE(Violated(s, "address-space-consistent"));
  s = k.state();
  Get<Vmar>(s, KoidOf(root)).state = Lifecycle::kDead;  // a live process without a live root
  EXPECT_TRUE(Violated(s, "address-space-consistent"));
  s = k.state();
  SubMapping(s).vmo = KoidOf(root);  // maps something that is not a VMO
  EXPECT_TRUE(Violated(s, "address-space-consistent"));
  s = k.state();
  Sub(s).process = 12345;
  EXPECT_TRUE(Violated(s, "address-space-consistent"));
}

// The invariants hold after process death and VMAR destruction (PROC-002, VMAR-052).
TEST_F(AddressSpaceInvariants, HoldAfterDeathAndDestruction) {
  auto c = k.zx_process_create(self, k.Initial().job, "c", 0).value();
  auto v = AllocOk(c.second, kCanRW, 0, 4 * kPage);
  MapOk(v.child, ZX_VM_PERM_READ, 0, vmo_, 0, kPage);
  ASSERT_EQ(k.zx_vmar_destroy(self, sub_.child), ZX_OK);
  ExpectInvariants();
  ASSERT_EQ(k.zx_task_kill(self, c.first), ZX_OK);
  ExpectInvariants();
}

}  // namespace
}  // namespace zxspec::model
