// The generator draws only modeled calls, reaches every one of them, and its argument biases
// produce the boundary values gen.h promises (GEN-001, GEN-003, HANDLE-022, VMO-012, VMO-021).
#include "props/gen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api/syscalls.h"
#include "model/model.h"
#include "props/gen_args.h"
#include "props/gen_rights.h"

namespace zxspec::props {
namespace {

// Draws a value from |g| outside a property, as case |i| would.
template <class T>
T Sample(const rc::Gen<T>& g, uint64_t i) {
  return g(rc::Random(i * 7919 + 1), 100).value();
}

// A state with a live VMO (h23), a closed one (h27), and a duplicate of h23 without WRITE (h31).
model::State StateWithHandles() {
  model::ModelKernel k;
  const zx_koid_t self = k.Initial().self_koid;
  auto a = k.zx_vmo_create(self, 4096, 0);
  auto b = k.zx_vmo_create(self, 8192, 0);
  EXPECT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_EQ(k.zx_handle_close(self, b.value()), ZX_OK);
  auto c = k.zx_handle_duplicate(self, a.value(), ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE);
  EXPECT_TRUE(c.is_ok());
  return k.state();
}

TEST(PropsGen, GeneratedCallsAreExactlyTheModeledOnes) {
  auto drawn = GeneratedCalls();
  for (size_t i = 0; i < kCallKindCount; ++i) {
    const bool modeled =
        model::Models(DefaultCallAt(i));
    const bool generated = std::find(drawn.begin(), drawn.end(), i) != drawn.end();
    EXPECT_EQ(modeled, generated) << SyscallAt(i).name;
  }
  EXPECT_NE(std::find(drawn.begin(), drawn.end(), Call(VmoCreate{}).index()), drawn.end());
}

TEST(PropsGen, FamilyFilterRestrictsTheCalls) {
  GenOptions only_handles;
  only_handles.families = {"handle"};
  for (size_t i : GeneratedCalls(only_handles)) EXPECT_EQ(SyscallAt(i).family, "handle");
  EXPECT_FALSE(GeneratedCalls(only_handles).empty());
}

// Walking the model with drawn actions reaches every modeled call, and only those.
TEST(PropsGen, DrawsEveryModeledCallAndNothingElse) {
  std::set<size_t> seen;
  model::State s = model::InitialState();
  for (uint64_t i = 0; i < 3000; ++i) {
    // A sequence ends when its initial process dies (task_kill of self or job, P-5).
    if (i % 40 == 0 || !CanAct(s, s.initial.self_koid)) s = model::InitialState();
    Action a = Sample(GenAction(s), i);
    ASSERT_TRUE(model::Models(a.call)) << SyscallOf(a.call).name;
    ASSERT_TRUE(CanAct(s, a.caller));
    seen.insert(a.call.index());
    s = model::Step(std::move(s), a.caller, a.call).state;
  }
  for (size_t i : GeneratedCalls()) EXPECT_TRUE(seen.count(i)) << SyscallAt(i).name;
}

// GEN-001 / GEN-003: live handles of the wanted type, of another type, stale values, 0, and
// never-valid values all come up.
TEST(PropsGen, HandleArgumentsCoverEveryLookupBranch) {
  auto state = std::make_shared<const model::State>(StateWithHandles());
  ViewPtr v = MakeView(state, state->initial.self_koid);
  std::set<std::string> kinds;
  for (uint64_t i = 0; i < 2000; ++i) {
    zx_handle_t h = Sample(GenHandle(v, ZX_OBJ_TYPE_VMO), i);
    const HandleView* hv = FindHandle(*v, h);
    if (h == 0) {
      kinds.insert("zero");
    } else if (hv != nullptr) {
      kinds.insert(hv->type == ZX_OBJ_TYPE_VMO ? "wanted" : "other type");
    } else if (std::find(v->stale.begin(), v->stale.end(), h) != v->stale.end()) {
      kinds.insert("stale");
    } else {
      kinds.insert("never valid");
    }
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"zero", "wanted", "other type", "stale",
                                          "never valid"}));
}

// HANDLE-022 and the "one short" bias: SAME_RIGHTS, a superset, and the VMO rights minus READ
// (one short of vmo_read, VMO-020) and minus WRITE (one short of vmo_write) are drawn.
TEST(PropsGen, DerivedRightsIncludeOneShortAndOneExtra) {
  auto state = std::make_shared<const model::State>(StateWithHandles());
  ViewPtr v = MakeView(state, state->initial.self_koid);
  const zx_handle_t h = 23;
  ASSERT_NE(FindHandle(*v, h), nullptr);
  std::set<zx_rights_t> seen;
  for (uint64_t i = 0; i < 3000; ++i) seen.insert(Sample(GenDerivedRights(v, h), i));
  EXPECT_TRUE(seen.count(ZX_RIGHT_SAME_RIGHTS));
  EXPECT_TRUE(seen.count(ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_READ));
  EXPECT_TRUE(seen.count(ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE));
  EXPECT_TRUE(seen.count(ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_DUPLICATE));
  EXPECT_TRUE(std::any_of(seen.begin(), seen.end(), [](zx_rights_t r) {
    return r != ZX_RIGHT_SAME_RIGHTS && (r & ~ZX_DEFAULT_VMO_RIGHTS) != 0;
  }));
}

TEST(PropsGen, OneShortDropsOneNeededRight) {
  RightsNeed read{"vmo_read", ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ, false, "VMO-020"};
  EXPECT_EQ(OneShort(ZX_DEFAULT_VMO_RIGHTS, read, 5), ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_READ);
  RightsNeed two{"vmo_set_size", ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE | ZX_RIGHT_RESIZE, false, ""};
  EXPECT_EQ(OneShort(0x40D0EF, two, 0), 0x40D0EFu & ~ZX_RIGHT_WRITE);
  EXPECT_EQ(OneShort(0x40D0EF, two, 1), 0x40D0EFu & ~ZX_RIGHT_RESIZE);
  RightsNeed any{"stream_seek", ZX_OBJ_TYPE_STREAM, ZX_RIGHT_READ | ZX_RIGHT_WRITE, true, ""};
  EXPECT_EQ(OneShort(0xD0CF, any, 0), 0xD0CFu & ~(ZX_RIGHT_READ | ZX_RIGHT_WRITE));
}

// VMO-012 / VMO-021 boundaries: page +-1, VMO_MAX_SIZE and near 2^64 sizes, and offsets that
// make offset + len wrap.
TEST(PropsGen, SizesAndOffsetsLeanToBoundaries) {
  std::set<uint64_t> sizes;
  for (uint64_t i = 0; i < 2000; ++i) sizes.insert(Sample(GenU64({12288}), i));
  for (uint64_t b : {uint64_t{0}, uint64_t{4095}, uint64_t{4096}, uint64_t{4097}, uint64_t{8192},
                     kVmoMaxSize, kVmoMaxSize + 1, UINT64_MAX, uint64_t{12287}, uint64_t{16384}}) {
    EXPECT_TRUE(sizes.count(b)) << b;
  }
  bool wrapped = false;
  for (uint64_t i = 0; i < 500; ++i) {
    uint64_t off = Sample(GenOffsetFor(100), i);
    wrapped = wrapped || off > UINT64_MAX - 100;
  }
  EXPECT_TRUE(wrapped);
}

// VMO-011 / VMO-013: the conflicting pair and unknown bits are drawn next to valid words.
TEST(PropsGen, OptionWordsIncludeConflictsAndUnknownBits) {
  FlagSpace space{ZX_VMO_RESIZABLE | ZX_VMO_UNBOUNDED, 0, {ZX_VMO_TRAP_DIRTY},
                  {ZX_VMO_RESIZABLE | ZX_VMO_UNBOUNDED}};
  std::set<uint32_t> seen;
  for (uint64_t i = 0; i < 1000; ++i) seen.insert(Sample(GenFlags(space), i));
  EXPECT_TRUE(seen.count(0));
  EXPECT_TRUE(seen.count(ZX_VMO_RESIZABLE));
  EXPECT_TRUE(seen.count(ZX_VMO_RESIZABLE | ZX_VMO_UNBOUNDED));
  EXPECT_TRUE(std::any_of(seen.begin(), seen.end(),
                          [](uint32_t w) { return (w & ZX_VMO_TRAP_DIRTY) != 0; }));
}

// Reads that could succeed stay within max_transfer or above the model's buffer limit
// (GEN-006 NO_MEMORY); reads that must fail may have any length.
TEST(PropsGen, TransferCapOnlyBindsReadsThatCouldSucceed) {
  model::State s = StateWithHandles();
  const zx_koid_t self = s.initial.self_koid;
  const uint64_t mid = 64 << 20;  // above the cap, below kMaxUserBufferBytes
  EXPECT_TRUE(WithinTransferCap(s, {self, VmoRead{23, 0, 4096}}, 1 << 20));
  EXPECT_TRUE(WithinTransferCap(s, {self, VmoRead{23, 0, mid}}, 1 << 20));         // > size
  EXPECT_TRUE(WithinTransferCap(s, {self, VmoRead{0, 0, mid}}, 1 << 20));          // no VMO
  EXPECT_FALSE(WithinTransferCap(s, {self, StreamReadv{3, 0, mid}}, 1 << 20));
  EXPECT_TRUE(WithinTransferCap(s, {self, StreamReadv{3, 0, kMaxUserBufferBytes + 1}}, 1 << 20));
  EXPECT_TRUE(WithinTransferCap(s, {self, StreamReadv{3, 0, mid}}, 0));
}

// process-maps.md P-5: once the initial process is dead nobody can act; the generator then
// draws the idle step.
TEST(PropsGen, NobodyActsAfterTheInitialProcessDies) {
  model::State s = model::InitialState();
  const zx_koid_t self = s.initial.self_koid;
  EXPECT_TRUE(CanAct(s, self));
  EXPECT_FALSE(CanAct(s, s.initial.self_koid + 100));
  auto* p = std::get_if<model::Process>(&s.objects.at(self));
  ASSERT_NE(p, nullptr);
  p->state = model::ProcessState::kDead;
  p->handles.entries.clear();
  EXPECT_FALSE(CanAct(s, self));
  Action idle = Sample(GenAction(s), 1);
  EXPECT_EQ(idle.caller, self);
  EXPECT_EQ(idle.call, Call(HandleClose{0}));
}

}  // namespace
}  // namespace zxspec::props

namespace zxspec::props {
namespace {

// A state with a second process (INITIAL, no handles of its own) that the initial process
// holds a handle to, as process_create would leave it (PROC-012).
model::State StateWithChild(zx_koid_t* child) {
  model::State s = model::InitialState();
  model::Process p;
  p.name = "child";
  p.job = s.initial.self_koid - 1;
  *child = s.next_koid++;
  s.objects.emplace(*child, p);
  auto& table = std::get<model::Process>(s.objects.at(s.initial.self_koid)).handles;
  ++table.installed;
  table.entries[(table.installed << 2) | 3] = {*child, ZX_DEFAULT_PROCESS_RIGHTS};
  return s;
}

// process-maps.md P-7: calls as other processes are drawn when such a process can act (more
// often once it holds handles), and they resolve to the same process after shrinking.
TEST(PropsGen, DrawsCallsAsOtherProcesses) {
  zx_koid_t child = 0;
  model::State s = StateWithChild(&child);
  EXPECT_TRUE(CanAct(s, child));
  auto count_as_child = [&](const model::State& state) {
    size_t n = 0;
    for (uint64_t i = 0; i < 1000; ++i) {
      Action a = Sample(GenAction(state), i);
      if (a.caller != child) continue;
      ++n;
      EXPECT_EQ(a.caller_index, 1u);
      EXPECT_EQ(Resolve(state, a), a);
    }
    return n;
  };
  const size_t empty_table = count_as_child(s);  // 20% / 4
  EXPECT_GT(empty_table, 20u);
  EXPECT_LT(empty_table, 100u);
  auto& table = std::get<model::Process>(s.objects.at(child)).handles;
  table.installed = 1;
  table.entries[7] = {s.initial.self_koid - 1, ZX_DEFAULT_JOB_RIGHTS};  // a handle to the job
  const size_t with_handles = count_as_child(s);  // 20%
  EXPECT_GT(with_handles, 120u);
  EXPECT_LT(with_handles, 300u);
  // Once the initial process no longer holds a handle to it, the child cannot act.
  std::get<model::Process>(s.objects.at(s.initial.self_koid)).handles.entries.clear();
  EXPECT_FALSE(CanAct(s, child));
}

// Resolve finds "the same" handle after an earlier handle-installing step disappeared: the
// k-th live VMO handle stays the k-th live VMO handle.
TEST(PropsGen, ResolveFollowsReferencesNotValues) {
  model::State with_extra = StateWithHandles();  // VMO h23, closed h27, duplicate h31
  model::ModelKernel k;
  const zx_koid_t self = k.Initial().self_koid;
  ASSERT_TRUE(k.zx_vmo_create(self, 4096, 0).is_ok());  // h23 only
  Action a{self, VmoRead{31, 0, 1}, {}, 0};
  a.refs = {HandleRef{HandleRef::Pool::kLive, ZX_OBJ_TYPE_VMO, 1}};
  EXPECT_EQ(std::get<VmoRead>(Resolve(with_extra, a).call).handle, 31u);
  // With only one VMO handle, index 1 wraps around to it.
  EXPECT_EQ(std::get<VmoRead>(Resolve(k.state(), a).call).handle, 23u);
  // Literal references keep the drawn value; hand-made actions without references too.
  a.refs = {HandleRef{}};
  EXPECT_EQ(std::get<VmoRead>(Resolve(k.state(), a).call).handle, 31u);
  a.refs.clear();
  EXPECT_EQ(std::get<VmoRead>(Resolve(k.state(), a).call).handle, 31u);
}

}  // namespace
}  // namespace zxspec::props
