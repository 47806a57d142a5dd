// zx_object_wait_one in Z3 (spec/signals.cc, HANDLE-050..053): every path is witnessed and agrees
// with model::Step (the info fixture waits on every object type); bugs planted in test-only
// copies of the encoding disagree.
#include <gtest/gtest.h>

#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

TEST(ProveSignals, EveryPathIsWitnessedAndAgrees) { ExpectEveryPathGood(ObjectWaitOneOp(), 15); }

// ---- planted bugs: each a plausible slip, shown against model::Step ----

// HANDLE-051 (2) planted: a wait without ZX_RIGHT_WAIT on a VMO goes on to its signals.
Paths WaitWithoutTheRight(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return Skipping(ObjectWaitOneOp().step(pre, caller, a), "HANDLE-051 (2) ZX_ERR_ACCESS_DENIED",
                  "vmo HANDLE-052 ZX_OK");
}

TEST(PlantedBugs, WaitWithoutTheWaitRightDisagreesWithTheModel) {
  ExpectPathDisagrees(Planted(ObjectWaitOneOp(), &WaitWithoutTheRight), "vmo HANDLE-052 ZX_OK");
}

// CHAN-002 planted: an endpoint whose peer is gone still reports WRITABLE.
Paths WritableAfterPeerClosed(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return EditResult(ObjectWaitOneOp().step(pre, caller, a), "channel, peer closed HANDLE-052 ZX_OK",
                    [](SymResult& r) { r.values.at(0) = r.values.at(0) | U64(r.values[0].ctx(), ZX_CHANNEL_WRITABLE); });
}

TEST(PlantedBugs, WritableAfterThePeerClosedDisagreesWithTheModel) {
  ExpectPathDisagrees(Planted(ObjectWaitOneOp(), &WritableAfterPeerClosed),
                      "channel, peer closed HANDLE-052 ZX_OK");
}

// VMO-140 planted: ZX_VMO_ZERO_CHILDREN read the wrong way round (asserted while a child lives).
Paths ZeroChildrenInverted(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return EditResult(ObjectWaitOneOp().step(pre, caller, a), "vmo HANDLE-052 ZX_OK",
                    [](SymResult& r) { r.values.at(0) = r.values.at(0) ^ U64(r.values[0].ctx(), ZX_VMO_ZERO_CHILDREN); });
}

TEST(PlantedBugs, ZeroChildrenInvertedDisagreesWithTheModel) {
  ExpectPathDisagrees(Planted(ObjectWaitOneOp(), &ZeroChildrenInverted), "vmo HANDLE-052 ZX_OK");
}

// HANDLE-052 planted: a wait that times out reports no signals (observed left 0).
Paths TimedOutWithoutSignals(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return EditResult(ObjectWaitOneOp().step(pre, caller, a), "channel HANDLE-052 ZX_ERR_TIMED_OUT",
                    [](SymResult& r) { r.values.at(0) = U64(r.values[0].ctx(), 0); });
}

TEST(PlantedBugs, TimedOutWithoutSignalsDisagreesWithTheModel) {
  ExpectPathDisagrees(Planted(ObjectWaitOneOp(), &TimedOutWithoutSignals),
                      "channel HANDLE-052 ZX_ERR_TIMED_OUT");
}

}  // namespace
}  // namespace zxspec::spec
