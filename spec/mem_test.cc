// mem_read / mem_write in Z3 (spec/mem.cc, issue 13, vmar.md MEM-001..006): every path is
// witnessed and agrees with model::Step or is proved unreachable; bugs planted in test-only
// copies are caught by the obligation or the comparison that names them.
#include <gtest/gtest.h>

#include "spec/fixtures.h"
#include "spec/prove.h"
#include "spec/test_util.h"
#include "spec/witness.h"

namespace zxspec::spec {
namespace {

// The mem fixture's calls end as their comments say, in the model and in the spec's step.
TEST(ProveMem, TheFixtureReachesEveryFault) {
  const model::State initial = model::InitialState();
  std::optional<Fixture> f = MemFixture(initial);
  ASSERT_TRUE(f.has_value());
  const std::vector<zx_status_t> want = {
      ZX_OK, ZX_OK, ZX_ERR_NOT_FOUND, ZX_ERR_NOT_FOUND, ZX_ERR_NOT_FOUND, ZX_ERR_ACCESS_DENIED,
      ZX_ERR_ACCESS_DENIED, ZX_ERR_ACCESS_DENIED, ZX_ERR_ACCESS_DENIED, ZX_ERR_OUT_OF_RANGE, ZX_ERR_OUT_OF_RANGE,
      ZX_ERR_OUT_OF_RANGE, ZX_ERR_OUT_OF_RANGE, ZX_OK, ZX_OK, ZX_OK, ZX_OK, ZX_OK, ZX_OK, ZX_OK};
  ASSERT_EQ(f->calls.size(), want.size());
  z3::context c;
  auto pre = Abstract(f->state);
  ASSERT_FALSE(pre.is_error());
  for (size_t i = 0; i < want.size(); ++i) {
    model::StepResult r = model::Step(f->state, f->self, f->calls[i]);
    EXPECT_EQ(r.outcome.status, want[i]) << i;
    for (const OpSpec* op : {&MemReadOp(), &MemWriteOp()}) {
      auto args = op->from_call(f->calls[i]);
      if (!args) continue;
      auto post = Abstract(r.state);
      ASSERT_FALSE(post.is_error());
      ConcreteStep taken = StepConcrete(c, *op, Concrete{pre.value(), f->self, *args}, &post.value());
      ASSERT_EQ(taken.taken.size(), 1u) << i;
      EXPECT_EQ(taken.taken.front().status, want[i]) << i << " " << taken.taken.front().name;
    }
  }
}

// Every path is good: the mem fixture reaches each fault, in the first page and in a later one.
TEST(ProveMem, EveryReadPathIsWitnessed) { ExpectEveryPathGood(MemReadOp(), 8); }
TEST(ProveMem, EveryWritePathIsWitnessed) { ExpectEveryPathGood(MemWriteOp(), 7); }

constexpr const char* kOk = "MEM-004 ZX_OK";

// MEM-002 (4) planted (seed RFC-0238): a read ignoring FAULT_BEYOND_STREAM_SIZE returns the
// bytes past the stream's last page. The fixture's read there shows it against model::Step.
Paths ReadPastTheStream(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return Skipping(MemReadOp().step(pre, caller, a), "MEM-002 (4) ZX_ERR_OUT_OF_RANGE", kOk);
}

TEST(PlantedBugs, MemReadPastTheStreamDisagreesWithTheModel) {
  ExpectPathDisagrees(Planted(MemReadOp(), &ReadPastTheStream), kOk);
}

// MEM-002 (2) planted: a write through a page without PERM_WRITE. A read-only mapping of an
// IMMUTABLE VMO is allowed (VMAR-027), so the bytes of an immutable VMO change (RFC-0080).
Paths WriteThroughReadOnly(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return Skipping(MemWriteOp().step(pre, caller, a), "MEM-002 (2) ZX_ERR_ACCESS_DENIED", kOk);
}

TEST(PlantedBugs, MemWriteThroughAReadOnlyPageBreaksImmutableStable) {
  ExpectEncodingBug(Planted(MemWriteOp(), &WriteThroughReadOnly), "immutable-stable", "mem_write");
}

// MEM-002 (3) planted: a write past the VMO's size (a mapping outliving a shrink, MEM-005)
// stores bytes there.
Paths WritePastTheSize(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return Skipping(MemWriteOp().step(pre, caller, a), "MEM-002 (3) ZX_ERR_OUT_OF_RANGE", kOk);
}

TEST(PlantedBugs, MemWritePastTheSizeBreaksContentInSize) {
  ExpectEncodingBug(Planted(MemWriteOp(), &WritePastTheSize), "content-in-size", "mem_write");
}

}  // namespace
}  // namespace zxspec::spec
