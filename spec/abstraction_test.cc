// Abstraction and concretization (spec/abstraction.h): a model state and its round trip through
// the spec state get the same invariant verdicts, so a counterexample replays on a model state
// that means what the spec state meant.
#include "spec/abstraction.h"

#include <gtest/gtest.h>

#include "model/invariants.h"
#include "spec/invariants.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

// The verdicts of the encoded catalog invariants on |v|.
std::vector<bool> Verdicts(const StateValue& v) {
  z3::context c;
  SymState s = SymState::Const(c, v);
  std::vector<bool> out;
  for (const auto& inv : SpecInvariants()) out.push_back(Ground(inv.encode(s)));
  return out;
}

TEST(Abstraction, ConcretizationKeepsEveryVerdict) {
  for (uint64_t seed = 300; seed < 330; ++seed) {
    RandomCalls calls(seed);
    auto run = RandomRun(calls, 40);
    const model::State& s = run.back();
    auto a = Abstract(s, s.initial.self_koid);
    ASSERT_TRUE(a.is_ok());
    auto c = Concretize(a.value().value);
    ASSERT_TRUE(c.is_ok()) << "seed " << seed;
    // The concrete state passes the model's checks exactly where the spec state passes.
    EXPECT_EQ(model::CheckInvariants(c.value().state), std::vector<std::string>{})
        << "seed " << seed;
    auto back = Abstract(c.value().state, c.value().caller);
    ASSERT_TRUE(back.is_ok());
    EXPECT_EQ(Verdicts(back.value().value), Verdicts(a.value().value)) << "seed " << seed;
    // Every handle of the caller has a concrete value naming an object of the same type.
    for (const auto& [value, slot] : a.value().caller_slot) {
      zx_handle_t v = c.value().HandleValue(slot);
      const auto& table = model::Get<model::Process>(c.value().state, c.value().caller);
      ASSERT_TRUE(table.handles.entries.count(v)) << "slot " << slot;
      zx_koid_t koid = table.handles.entries.at(v).object;
      EXPECT_EQ(model::ObjTypeOf(c.value().state.objects.at(koid)),
                a.value().value.objects[a.value().value.handles[slot].object].type);
    }
  }
}

TEST(Abstraction, HandleArgumentsOfValuesOutsideTheTable) {
  model::State s = model::InitialState();
  auto a = Abstract(s, s.initial.self_koid);
  ASSERT_TRUE(a.is_ok());
  EXPECT_EQ(a.value().HandleArg(ZX_HANDLE_INVALID), kInvalidHandleArg);
  EXPECT_EQ(a.value().HandleArg(0x7FFFFFF3u), kUnknownHandleArg);
  EXPECT_LT(a.value().HandleArg(s.initial.vmex), a.value().value.handles.size());
  auto c = Concretize(a.value().value);
  ASSERT_TRUE(c.is_ok());
  EXPECT_EQ(c.value().HandleValue(kInvalidHandleArg), ZX_HANDLE_INVALID);
  EXPECT_EQ(c.value().HandleValue(kUnknownHandleArg), kUnusedHandleValue);
}

TEST(Abstraction, TooManyObjectsForTheIndexWidth) {
  model::State s = model::InitialState();
  zx_koid_t self = s.initial.self_koid;
  for (int i = 0; i < 260; ++i) s = model::Step(s, self, VmoCreate{4096, 0}).state;
  EXPECT_EQ(Abstract(s, self).status_value(), ZX_ERR_OUT_OF_RANGE);
}

TEST(Abstraction, AVmoWithoutMemoryHasNoModelCounterpart) {
  StateValue v;
  ObjectValue o = DeadObject();
  o.alive = 1;
  o.type = ZX_OBJ_TYPE_VMO;
  o.memory = 0;  // memory slot 0 does not exist
  v.objects.push_back(o);
  EXPECT_EQ(Concretize(v).status_value(), ZX_ERR_NOT_SUPPORTED);
}

}  // namespace
}  // namespace zxspec::spec
