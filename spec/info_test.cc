// zx_object_get_info in Z3 (spec/info.cc, spec/maps.cc; issues 13 and 14): every path is
// witnessed and agrees with model::Step; the records and the MAPS lists the spec computes on the
// info fixture are the model's, field by field; bugs planted in test-only copies disagree.
#include <gtest/gtest.h>

#include "api/constants.h"
#include "api/format.h"
#include "spec/fixtures.h"
#include "spec/info.h"
#include "spec/test_util.h"
#include "spec/witness.h"

namespace zxspec::spec {
namespace {

// The info fixture and its state as the spec sees it.
struct InfoTest : ::testing::Test {
  void SetUp() override {
    f = InfoFixture(model::InitialState());
    ASSERT_TRUE(f.has_value());
    auto abstracted = Abstract(f->state);
    ASSERT_FALSE(abstracted.is_error());
    pre = abstracted.value();
  }
  std::optional<Fixture> f;
  StateValue pre;
  z3::context c;
};

// The spec's step on each info fixture call (ZX_INFO_* and the waits on each object): one path,
// the model's status, result and post-state.
TEST_F(InfoTest, EveryFixtureCallAgreesWithTheModel) {
  std::map<zx_status_t, size_t> statuses;
  size_t longest = 0;
  for (const Call& call : f->calls) {
    model::StepResult r = model::Step(f->state, f->self, call);
    auto post = Abstract(r.state);
    ASSERT_FALSE(post.is_error());
    const OpSpec* op = nullptr;  // object_get_info, or object_wait_one (HANDLE-052/053)
    std::optional<ArgValues> args;
    for (const OpSpec& o : Operations()) {
      if (!args && (args = o.from_call(call))) op = &o;
    }
    ASSERT_NE(op, nullptr) << FormatCall(call);
    ConcreteStep taken = StepConcrete(c, *op, Concrete{pre, f->self, *args}, &post.value());
    const std::string line = FormatCall(call);
    ASSERT_EQ(taken.taken.size(), 1u) << line;
    const Path& p = taken.taken.front();
    EXPECT_EQ(p.status, r.outcome.status) << line << ": " << p.name;
    std::string diff;
    EXPECT_TRUE(SameResult(p.result, r.outcome, &diff)) << line << ": " << diff;
    EXPECT_TRUE(SamePost(c, p.post, post.value(), &diff)) << line << ": " << diff;
    ++statuses[r.outcome.status];
    if (const auto* info = std::get_if<InfoResult>(&r.outcome.payload)) {
      if (const auto* list = std::get_if<std::vector<zx_info_maps_t>>(&info->record)) {
        longest = std::max(longest, list->size());
      }
    }
  }
  // Every status of the call shows, and a list long enough to order: the root VMAR's holds the
  // sub-VMAR, its nested VMAR, three runs of one mapping and two mappings in the nested VMAR.
  for (zx_status_t s : {ZX_OK, ZX_ERR_BAD_HANDLE, ZX_ERR_WRONG_TYPE, ZX_ERR_ACCESS_DENIED, ZX_ERR_BAD_STATE,
                        ZX_ERR_NOT_SUPPORTED, ZX_ERR_TIMED_OUT}) {
    EXPECT_GT(statuses[s], 0u) << StatusName(s);
  }
  EXPECT_GE(longest, 8u);
}

// VMO-132's counts, as the spec computes them on the fixture's VMO: two children (a snapshot
// and a slice), three mappings in two processes, two committed pages.
TEST_F(InfoTest, TheVmoRecordCountsChildrenMappingsProcessesAndPages) {
  const auto* first = std::get_if<ObjectGetInfo>(&f->calls.front());
  ASSERT_NE(first, nullptr);
  const ArgValues args{{first->handle, ZX_INFO_VMO}, {{}, {}}};
  ConcreteStep taken = StepConcrete(c, ObjectGetInfoOp(), Concrete{pre, f->self, args});
  ASSERT_EQ(taken.taken.size(), 1u);
  const SymResult& r = taken.taken.front().result;
  ASSERT_EQ(r.record, kRecordVmo);
  auto field = [&r](size_t i) { return Numeral(r.values.at(i).simplify()); };
  constexpr size_t kAfterName = 1 + ZX_MAX_NAME_LEN;  // koid, name, then size_bytes
  EXPECT_EQ(field(1), uint64_t{'i'});
  EXPECT_EQ(field(kAfterName), 4 * ZX_PAGE_SIZE);
  EXPECT_EQ(field(kAfterName + 2), 2u);  // num_children
  EXPECT_EQ(field(kAfterName + 3), 3u);  // num_mappings
  EXPECT_EQ(field(kAfterName + 4), 2u);  // share_count
  EXPECT_EQ(field(kAfterName + 6), 2 * ZX_PAGE_SIZE);  // committed_bytes
}

TEST(ProveInfo, EveryPathIsWitnessedAndAgrees) { ExpectEveryPathGood(ObjectGetInfoOp(), 30); }

// ---- planted bugs: each a plausible slip, shown against model::Step ----

// MAPS-010 planted: ZX_INFO_VMAR_MAPS without the INSPECT check (RFC-0253 names the right).
Paths MapsWithoutInspect(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return Skipping(ObjectGetInfoOp().step(pre, caller, a), "VMAR_MAPS MAPS-010 ZX_ERR_ACCESS_DENIED",
                  "VMAR_MAPS MAPS-010 ZX_ERR_BAD_STATE");
}

TEST(PlantedBugs, VmarMapsWithoutInspectDisagreesWithTheModel) {
  ExpectPathDisagrees(Planted(ObjectGetInfoOp(), &MapsWithoutInspect), "VMAR_MAPS MAPS-010 ZX_ERR_BAD_STATE");
}

// HANDLE-042 planted: ZX_INFO_HANDLE_COUNT without the INSPECT check (the info fixture holds a
// stream, a VMAR and a process through handles without INSPECT).
Paths HandleCountWithoutInspect(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return Skipping(ObjectGetInfoOp().step(pre, caller, a), "HANDLE_COUNT HANDLE-042 ZX_ERR_ACCESS_DENIED",
                  "HANDLE_COUNT HANDLE-042 ZX_OK");
}

TEST(PlantedBugs, HandleCountWithoutInspectDisagreesWithTheModel) {
  ExpectPathDisagrees(Planted(ObjectGetInfoOp(), &HandleCountWithoutInspect), "HANDLE_COUNT HANDLE-042 ZX_OK");
}

// VMO-132 planted: share_count counts mappings, not the processes they belong to.
Paths ShareCountsMappings(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return EditResult(ObjectGetInfoOp().step(pre, caller, a), "VMO VMO-132 ZX_OK", [](SymResult& r) {
    constexpr size_t kNumMappings = 1 + ZX_MAX_NAME_LEN + 3;  // koid, name, size, parent, children
    r.values.at(kNumMappings + 1) = r.values.at(kNumMappings);
  });
}

TEST(PlantedBugs, ShareCountOfMappingsDisagreesWithTheModel) {
  ExpectPathDisagrees(Planted(ObjectGetInfoOp(), &ShareCountsMappings), "VMO VMO-132 ZX_OK");
}

// MAPS-011 planted: the list stops after the queried VMAR (its children missing).
Paths MapsWithoutChildren(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return EditResult(ObjectGetInfoOp().step(pre, caller, a), "VMAR_MAPS MAPS-011 ZX_OK",
                    [&pre](SymResult& r) { r.values.at(0) = U64(pre.ctx(), 1); });
}

TEST(PlantedBugs, MapsWithoutChildrenDisagreesWithTheModel) {
  ExpectPathDisagrees(Planted(ObjectGetInfoOp(), &MapsWithoutChildren), "VMAR_MAPS MAPS-011 ZX_OK");
}

}  // namespace
}  // namespace zxspec::spec
