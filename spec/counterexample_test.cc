// Counterexample text (spec/counterexample.h): a pre-state the initial environment can build is
// printed as a scenario that builds it and makes the call, and that scenario runs on the model;
// other pre-states are described slot by slot.
#include "spec/counterexample.h"

#include <gtest/gtest.h>

#include "model/model.h"
#include "scenario/runner.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

ObjectValue Vmo(uint64_t memory, uint64_t kind = kKindRoot) {
  ObjectValue o = DeadObject();
  o.alive = 1;
  o.type = ZX_OBJ_TYPE_VMO;
  o.kind = kind;
  o.memory = memory;
  return o;
}

// Two root VMOs (one resizable), a stream on the first, and caller handles with subsets of the
// creation rights (one with EXECUTE), plus the call vmo_set_size(h2, 4096).
StateValue BuildablePreState() {
  StateValue v;
  v.memories.push_back(MemoryValue{1, 8192, 100, 0, 0, 0});
  v.memories.push_back(MemoryValue{1, 3 * 4096, 5000, 1, 0, 0});
  v.objects.push_back(Vmo(0));
  v.objects.push_back(Vmo(1));
  ObjectValue st = DeadObject();
  st.alive = 1;
  st.type = ZX_OBJ_TYPE_STREAM;
  st.stream_vmo = 0;
  st.mode_read = 1;
  st.seek = 7;
  v.objects.push_back(st);
  v.handles.push_back(HandleValue{1, 1, 0, ZX_RIGHT_READ | ZX_RIGHT_EXECUTE | ZX_RIGHT_MAP});
  v.handles.push_back(HandleValue{1, 1, 2, ZX_DEFAULT_STREAM_RIGHTS | ZX_RIGHT_READ});
  v.handles.push_back(HandleValue{1, 1, 1, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_RESIZE});
  v.handles.push_back(DeadHandle());
  return v;
}

TEST(Counterexample, BuildablePreStateBecomesARunnableScenario) {
  StateValue pre = BuildablePreState();
  StateValue post = pre;
  post.memories[1].size = 4096;
  post.memories[1].stream_size = 4096;
  Counterexample cx = MakeCounterexample(*FindSpecInvariant("stream-size-le-size"),
                                         VmoSetSizeOp(), pre, post, {2, 4096}, ZX_OK);
  ASSERT_TRUE(cx.replay.concretized);
  EXPECT_TRUE(cx.replay.pre_ok);
  EXPECT_TRUE(cx.replay.status_agrees);
  EXPECT_NE(cx.zxs.find("vmo_set_size(h2, 4096) -> ZX_OK"), std::string::npos) << cx.zxs;
  EXPECT_NE(cx.zxs.find("vmo_replace_as_executable"), std::string::npos) << cx.zxs;
  EXPECT_NE(cx.zxs.find("stream_create("), std::string::npos) << cx.zxs;
  EXPECT_NE(cx.zxs.find("check_invariants()"), std::string::npos) << cx.zxs;
  EXPECT_NE(cx.zxs.find("memory 1: size 4096, stream size 4096"), std::string::npos) << cx.zxs;
  // The text is a scenario: it builds the pre-state and the call returns what the spec says.
  model::ModelKernel k;
  scenario::RunReport r = scenario::RunSource(cx.zxs, "counterexample.zxs", k, nullptr, {});
  EXPECT_EQ(r.verdict, scenario::Verdict::kPass) << r.Describe() << "\n" << cx.zxs;
}

TEST(Counterexample, UnbuildablePreStateIsDescribed) {
  StateValue pre = BuildablePreState();
  pre.objects[1].kind = kKindSlice;  // a slice needs a parent: no setup
  pre.objects[1].slice_size = 4096;
  Counterexample cx = MakeCounterexample(*FindSpecInvariant("vmo-tree-consistent"),
                                         VmoSetSizeOp(), pre, pre, {2, 4096}, ZX_ERR_UNAVAILABLE);
  EXPECT_NE(cx.zxs.find("# (no setup: the pre-state has a VMO that is not a root VMO)"),
            std::string::npos)
      << cx.zxs;
  EXPECT_NE(cx.zxs.find("# vmo_set_size(h2, 4096) -> ZX_ERR_UNAVAILABLE"), std::string::npos)
      << cx.zxs;
  EXPECT_NE(cx.zxs.find("object 1: VMO slice on memory 1"), std::string::npos) << cx.zxs;
  EXPECT_EQ(cx.replay.model_status, ZX_ERR_UNAVAILABLE);  // VMO-037: slices never resize
}

TEST(Counterexample, DescribeOnlyWhatChanged) {
  StateValue pre = BuildablePreState();
  StateValue post = pre;
  post.handles[0].alive = 0;
  std::string d = DescribeState(post, &pre);
  EXPECT_EQ(d, "#   handle 0: gone\n");
}

}  // namespace
}  // namespace zxspec::spec
