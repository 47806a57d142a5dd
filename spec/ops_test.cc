// The encoded transitions mirror the model (exemplars item 17): on states the model reaches
// through random calls, each encoded operation, evaluated on the abstraction of the state with
// the call's concrete arguments, takes exactly one path, returns the status model::Step
// returns, and ends in the abstraction of model::Step's post-state (compared after the model's
// garbage collection and renumbering, which the spec state does not perform).
#include "spec/ops.h"

#include <map>

#include <gtest/gtest.h>

#include "api/format.h"
#include "api/syscalls.h"
#include "spec/counterexample.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

// What the caller can observe of |v|: its own handles and the objects they keep alive, as the
// model's CollectGarbage keeps them (model/lifecycle.cc: VMOs live while a handle, a mapping or
// a handled stream refers to them; streams, resources, channel endpoints and DEAD VMARs while a
// handle does; processes, jobs and ALIVE VMARs stay), renumbered in order. Handles elsewhere (other tables,
// channel messages) are left out: no encoded operation touches them, and the spec state does
// not record which endpoint's queue holds a message, so it cannot follow the model when an
// endpoint dies with its queue (CHAN-002).
StateValue Canonical(const StateValue& v) {
  const size_t n = v.objects.size();
  std::vector<bool> handled(n, false), kept(n, false);
  for (const auto& h : v.handles) {
    if (h.alive && h.caller && h.object < n) handled[h.object] = true;
  }
  for (size_t i = 0; i < n; ++i) {
    const ObjectValue& o = v.objects[i];
    if (!o.alive) continue;
    bool always = o.type == ZX_OBJ_TYPE_JOB || o.type == ZX_OBJ_TYPE_PROCESS ||
                  (o.type == ZX_OBJ_TYPE_VMAR && o.vmar_live);
    kept[i] = always || handled[i];
  }
  for (size_t i = 0; i < n; ++i) {  // VMOs held by handled streams and by mappings
    const ObjectValue& o = v.objects[i];
    if (o.alive && o.type == ZX_OBJ_TYPE_STREAM && kept[i] && o.stream_vmo < n) {
      kept[o.stream_vmo] = true;
    }
  }
  for (const auto& m : v.mappings) {
    if (m.alive && m.vmo < n) kept[m.vmo] = true;
  }
  std::map<uint64_t, uint64_t> obj, mem;
  StateValue out;
  for (size_t i = 0; i < n; ++i) {
    if (kept[i]) obj[i] = obj.size();
  }
  std::vector<bool> viewed(v.memories.size(), false);
  for (size_t i = 0; i < n; ++i) {
    const ObjectValue& o = v.objects[i];
    if (kept[i] && o.type == ZX_OBJ_TYPE_VMO && o.memory < viewed.size()) viewed[o.memory] = true;
  }
  for (size_t m = 0; m < v.memories.size(); ++m) {
    if (v.memories[m].alive && viewed[m]) {
      mem[m] = out.memories.size();
      out.memories.push_back(v.memories[m]);
    }
  }
  auto remap = [](const std::map<uint64_t, uint64_t>& map, uint64_t i) {
    auto it = map.find(i);
    return it == map.end() ? kNoSlot : it->second;
  };
  for (size_t i = 0; i < n; ++i) {
    if (!kept[i]) continue;
    ObjectValue o = v.objects[i];
    if (o.type == ZX_OBJ_TYPE_VMO) o.memory = remap(mem, o.memory);
    if (o.type == ZX_OBJ_TYPE_STREAM) o.stream_vmo = remap(obj, o.stream_vmo);
    out.objects.push_back(o);
  }
  for (const auto& h : v.handles) {
    if (!h.alive || !h.caller) continue;
    HandleValue x = h;
    x.object = remap(obj, h.object);
    out.handles.push_back(x);
  }
  for (const auto& m : v.mappings) {
    if (!m.alive) continue;
    MappingValue x = m;
    x.vmar = remap(obj, m.vmar);
    x.vmo = remap(obj, m.vmo);
    out.mappings.push_back(x);
  }
  return out;
}

// Evaluates ground terms (no free constants) with an empty model.
z3::model EmptyModel(z3::context& c) {
  z3::solver s(c);
  EXPECT_EQ(s.check(), z3::sat);
  return s.get_model();
}

struct Agreement {
  size_t compared = 0;
  std::map<std::string, size_t> ok_by_op;  // calls that returned ZX_OK, per operation
};

// Steps |s| by |call| in the model and, with |op|, in the spec: nullopt when they agree (or
// |call| is not |op|'s), else what differs.
std::optional<std::string> Disagreement(z3::context& c, const z3::model& empty,
                                        const model::State& s, const Call& call,
                                        const OpSpec& op, Agreement* agreement) {
  zx_koid_t self = s.initial.self_koid;
  auto a = Abstract(s, self);
  if (a.is_error()) return "no abstraction";
  auto args = op.from_call(call, [&](zx_handle_t h) { return a.value().HandleArg(h); });
  if (!args) return std::nullopt;
  model::StepResult want = model::Step(s, self, call);
  auto post = Abstract(want.state, self, 0);
  if (post.is_error()) return "no abstraction of the post-state";

  SymState pre = SymState::Const(c, a.value().value);
  SymStep step = op.step(pre, ConstArgs(c, op, *args));
  std::string what = FormatCall(call);
  const Path* taken = nullptr;
  for (const Path& p : step.paths) {
    if (!empty.eval(p.guard, true).is_true()) continue;
    if (taken != nullptr) return what + ": two paths hold";
    taken = &p;
  }
  if (taken == nullptr) return what + ": no path holds";
  auto status = static_cast<zx_status_t>(
      static_cast<uint32_t>(empty.eval(taken->status, true).get_numeral_uint64()));
  if (status != want.outcome.status) {
    return what + ": spec " + StatusName(status) + ", model " + StatusName(want.outcome.status);
  }
  StateValue got = Canonical(taken->state.Eval(empty));
  StateValue expected = Canonical(post.value().value);
  if (!(got == expected)) {
    return what + ": post-states differ\nspec:\n" + DescribeState(got) + "model:\n" +
           DescribeState(expected);
  }
  ++agreement->compared;
  if (want.outcome.status == ZX_OK) ++agreement->ok_by_op[std::string(op.name)];
  return std::nullopt;
}

// Runs random call sequences; for each call of an operation |ops| gives, compares spec and
// model. Returns the first disagreement.
std::optional<std::string> RandomAgreement(uint64_t seeds, const OpSpec* (*ops)(const Call&),
                                           Agreement* agreement) {
  for (uint64_t seed = 0; seed < seeds; ++seed) {
    z3::context c;  // one per sequence
    z3::model empty = EmptyModel(c);
    RandomCalls calls(seed);
    model::State s = model::InitialState();
    zx_koid_t self = s.initial.self_koid;
    for (int i = 0; i < 60; ++i) {
      Call call = calls.Next(s, self);
      if (const OpSpec* op = ops(call)) {
        if (auto d = Disagreement(c, empty, s, call, *op, agreement)) {
          return "seed " + std::to_string(seed) + " call " + std::to_string(i) + ": " + *d;
        }
      }
      s = model::Step(s, self, call).state;
    }
  }
  return std::nullopt;
}

const OpSpec* EncodedOp(const Call& call) { return FindOperation(SyscallOf(call).name); }

TEST(SpecOps, EveryOperationHasARowInTheSyscallTable) {
  for (const auto& op : Operations()) {
    const SyscallInfo* info = FindSyscall(op.name);
    ASSERT_NE(info, nullptr) << op.name;
    EXPECT_EQ(FindOperation(op.name), &op);
  }
}

TEST(SpecOps, StepsAgreeWithTheModel) {
  Agreement agreement;
  auto d = RandomAgreement(80, &EncodedOp, &agreement);
  EXPECT_FALSE(d.has_value()) << *d;
  EXPECT_GT(agreement.compared, 800u);
  for (const auto& op : Operations()) {  // the success paths were compared too
    EXPECT_GT(agreement.ok_by_op[std::string(op.name)], 0u) << op.name;
  }
}

// The harness catches a wrong transition: set_size without VMO-042's truncation disagrees with
// the model on some random state.
TEST(SpecOps, PlantedTransitionDisagrees) {
  Agreement agreement;
  auto planted = [](const Call& call) -> const OpSpec* {
    return std::holds_alternative<VmoSetSize>(call) ? &SetSizeWithoutTruncationOp() : nullptr;
  };
  auto d = RandomAgreement(30, planted, &agreement);
  ASSERT_TRUE(d.has_value());
  EXPECT_NE(d->find("post-states differ"), std::string::npos) << *d;
}

}  // namespace
}  // namespace zxspec::spec
