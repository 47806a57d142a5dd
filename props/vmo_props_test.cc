// Tests of the VMO family's properties (props/vmo_props.h): for each property a deliberately
// wrong model variant (a StepFn wrapper around model::Step that corrupts one transition) is
// caught, shrunk to a short scenario, and that scenario fails on replay against the variant (at
// the property's witness lines) and passes against the model. Then what the generator reaches:
// children of every kind, immutable VMOs, streams on children, and every status the rulebook
// names for vmo_create_child, vmo_op_range, vmo_replace_as_executable and the stream calls.
#include "props/vmo_props.h"

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <sstream>

#include "api/constants.h"
#include "api/syscalls.h"
#include "model/core.h"
#include "model/vmo.h"
#include "props/check.h"
#include "props/test_util.h"

namespace zxspec::props {
namespace {

using model::State;
using model::Vmo;
using model::VmoKind;

// ---- helpers for the variants ----

// The koid the caller's |h| names in |s| (0 if none).
zx_koid_t ObjectOf(const State& s, zx_koid_t caller, zx_handle_t h) {
  const auto& table = std::get<model::Process>(s.objects.at(caller)).handles.entries;
  auto it = table.find(h);
  return it == table.end() ? 0 : it->second.object;
}

// The child a successful vmo_create_child made, with its parent: {child, parent} koids.
std::optional<std::pair<zx_koid_t, zx_koid_t>> NewChild(const State& before,
                                                        const model::StepResult& r,
                                                        zx_koid_t caller, const Call& call) {
  const auto* c = std::get_if<VmoCreateChild>(&call);
  if (c == nullptr || r.outcome.status != ZX_OK) return std::nullopt;
  const zx_handle_t h = std::get<HandleResult>(r.outcome.payload).handle;
  return std::pair{ObjectOf(r.state, caller, h), ObjectOf(before, caller, c->handle)};
}

constexpr uint32_t kSnapshotTypes = ZX_VMO_CHILD_SNAPSHOT |
                                    ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE |
                                    ZX_VMO_CHILD_SNAPSHOT_MODIFIED;

// ---- the variants ----

// Wrong (VMO-086): a write to a VMO also lands in its SNAPSHOT-family children (at the same
// offset, where it fits), as if they aliased it. An immutable SNAPSHOT|NO_WRITE child then
// changes when its parent is written.
model::StepResult ParentWriteReachesSnapshots(State s, zx_koid_t caller, const Call& call) {
  const State before = s;
  auto r = model::Step(std::move(s), caller, call);
  const auto* w = std::get_if<VmoWrite>(&call);
  if (w == nullptr || r.outcome.status != ZX_OK) return r;
  const zx_koid_t parent = ObjectOf(before, caller, w->handle);
  std::vector<zx_koid_t> children;
  for (const auto& [koid, body] : r.state.objects) {
    const auto* v = std::get_if<Vmo>(&body);
    if (v != nullptr && v->kind == VmoKind::kCowClone && v->parent == parent) children.push_back(koid);
  }
  for (zx_koid_t k : children) {
    const Vmo child = model::Get<Vmo>(r.state, k);
    if (w->offset <= model::VmoSize(r.state, child) &&
        w->data.size() <= model::VmoSize(r.state, child) - w->offset) {
      model::WriteVmo(r.state, child, w->offset, w->data);
    }
  }
  return r;
}

// Wrong (VMO-086): a write to a SNAPSHOT-family child also lands in its parent.
model::StepResult SnapshotWriteReachesParent(State s, zx_koid_t caller, const Call& call) {
  const State before = s;
  auto r = model::Step(std::move(s), caller, call);
  const auto* w = std::get_if<VmoWrite>(&call);
  if (w == nullptr || r.outcome.status != ZX_OK) return r;
  const Vmo* v = model::Find<Vmo>(r.state, ObjectOf(before, caller, w->handle));
  if (v == nullptr || v->kind != VmoKind::kCowClone) return r;
  const Vmo* p = model::Find<Vmo>(r.state, v->parent);
  if (p != nullptr && w->offset + w->data.size() <= model::VmoSize(r.state, *p)) {
    model::WriteVmo(r.state, *p, w->offset, w->data);
  }
  return r;
}

// Wrong (VMO-088): a slice ignores its requested offset (it starts where its parent starts).
model::StepResult SliceOffsetDropped(State s, zx_koid_t caller, const Call& call) {
  const State before = s;
  auto r = model::Step(std::move(s), caller, call);
  auto n = NewChild(before, r, caller, call);
  if (n && (std::get<VmoCreateChild>(call).options & ZX_VMO_CHILD_SLICE) != 0) {
    model::Get<Vmo>(r.state, n->first).offset = model::Get<Vmo>(r.state, n->second).offset;
  }
  return r;
}

// Wrong (VMO-005/089): a reference gets its own stream-size cell (and size), a copy of its
// parent's at creation.
model::StepResult ReferenceOwnStreamCell(State s, zx_koid_t caller, const Call& call) {
  const State before = s;
  auto r = model::Step(std::move(s), caller, call);
  auto n = NewChild(before, r, caller, call);
  if (n && (std::get<VmoCreateChild>(call).options & ZX_VMO_CHILD_REFERENCE) != 0) {
    Vmo& child = model::Get<Vmo>(r.state, n->first);
    child.slice_size = model::VmoSize(r.state, child);
    child.slice_stream_size = model::VmoStreamSize(r.state, child);
    child.kind = VmoKind::kSlice;
  }
  return r;
}

// Wrong (VMO-083): a writable SNAPSHOT-family child keeps the parent handle's EXECUTE.
model::StepResult ExecuteKeptOnSnapshot(State s, zx_koid_t caller, const Call& call) {
  const State before = s;
  auto r = model::Step(std::move(s), caller, call);
  auto n = NewChild(before, r, caller, call);
  const auto* c = std::get_if<VmoCreateChild>(&call);
  if (n && (c->options & kSnapshotTypes) != 0 && (c->options & ZX_VMO_CHILD_NO_WRITE) == 0) {
    const auto& table = std::get<model::Process>(before.objects.at(caller)).handles.entries;
    const zx_rights_t parent = table.at(c->handle).rights;
    const zx_handle_t h = std::get<HandleResult>(r.outcome.payload).handle;
    std::get<model::Process>(r.state.objects.at(caller)).handles.entries.at(h).rights |=
        parent & ZX_RIGHT_EXECUTE;
  }
  return r;
}

// Wrong (VMO-085): SNAPSHOT_AT_LEAST_ON_WRITE|NO_WRITE children are marked IMMUTABLE.
model::StepResult ImmutableAtLeastOnWrite(State s, zx_koid_t caller, const Call& call) {
  const State before = s;
  auto r = model::Step(std::move(s), caller, call);
  auto n = NewChild(before, r, caller, call);
  const uint32_t o = n ? std::get<VmoCreateChild>(call).options : 0;
  if (n && (o & ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE) != 0 && (o & ZX_VMO_CHILD_NO_WRITE) != 0) {
    model::Get<Vmo>(r.state, n->first).immutable_at_creation = true;
  }
  return r;
}

// Wrong (RFC-0238, STREAM-034d): a stream write that reaches the end of the VMO grows the VMO by
// a page instead of stopping there.
model::StepResult StreamWriteGrowsVmo(State s, zx_koid_t caller, const Call& call) {
  const State before = s;
  auto r = model::Step(std::move(s), caller, call);
  zx_handle_t h = 0;
  if (const auto* w = std::get_if<StreamWritev>(&call)) h = w->handle;
  if (const auto* w = std::get_if<StreamWritevAt>(&call)) h = w->handle;
  if (h == 0 || r.outcome.status != ZX_OK) return r;
  const auto* st = model::Find<model::Stream>(r.state, ObjectOf(before, caller, h));
  const Vmo* v = st != nullptr ? model::Find<Vmo>(r.state, st->vmo) : nullptr;
  if (v != nullptr && v->kind != VmoKind::kSlice &&
      std::get<U64Result>(r.outcome.payload).value > 0) {
    model::MemoryOf(r.state, *v).size += ZX_PAGE_SIZE;
  }
  return r;
}

// ---- running them ----

// 2,000 runs: a campaign stops at the first failure; the variants are caught within a few hundred.
CheckOptions Options(StepFn step) { return VariantCampaign(std::move(step), 7, 2000); }

// |property| fails under |variant| with a message holding |expect|, shrunk to at most
// |max_calls| calls; the saved scenario fails on replay against the variant at one of its
// witness lines (after the trace, before check_invariants) and passes against the model.
void ExpectCaught(const std::string& property, StepFn variant, const std::string& expect,
                  uint64_t max_calls) {
  const PropertyInfo* row = FindProperty(property);
  ASSERT_NE(row, nullptr) << property;
  // Over the families the variants live in (as props/check_test.cc does): the defects are then
  // found within the bounded run count, and the shrunk sizes do not move as other families land.
  PropertyInfo p = *row;
  p.gen.families = {"handle", "object", "vmo", "stream"};
  auto report = CheckProperty(p, Options(variant), nullptr);
  ASSERT_EQ(report.failures, 1u) << property;
  const auto& cx = report.counterexamples[0];
  EXPECT_NE(cx.message.find(expect), std::string::npos) << cx.message;
  EXPECT_LE(cx.calls, max_calls) << cx.scenario;
  EXPECT_NE(cx.scenario.find("# what the property expected after it:"), std::string::npos)
      << cx.scenario;
  const size_t witnesses = LineCount(cx.scenario.substr(
      0, cx.scenario.find("# what the property expected after it:") + 1));
  auto buggy = Replay(cx.scenario, variant);
  EXPECT_EQ(buggy.verdict, scenario::Verdict::kFail) << buggy.Describe() << "\n" << cx.scenario;
  EXPECT_GT(static_cast<size_t>(buggy.line), witnesses) << buggy.Describe() << "\n" << cx.scenario;
  EXPECT_LT(static_cast<size_t>(buggy.line), LineCount(cx.scenario)) << buggy.Describe();
  auto fixed = Replay(cx.scenario, &model::Step);
  EXPECT_EQ(fixed.verdict, scenario::Verdict::kPass) << fixed.Describe() << "\n" << cx.scenario;
  std::cout << "[" << property << "] " << cx.message << "\n" << cx.scenario;
}

TEST(VmoProps, ImmutableStableCatchesParentWritesReachingSnapshots) {
  ExpectCaught("vmo-immutable-stable", &ParentWriteReachesSnapshots, "immutable koid", 4);
}

TEST(VmoProps, CowIsolationCatchesSnapshotWritesReachingTheParent) {
  ExpectCaught("vmo-cow-isolation", &SnapshotWriteReachesParent, "(its child)", 3);
}

TEST(VmoProps, CowIsolationCatchesParentWritesReachingSnapshots) {
  ExpectCaught("vmo-cow-isolation", &ParentWriteReachesSnapshots, "(its parent)", 4);
}

TEST(VmoProps, SliceAliasCatchesADroppedOffset) {
  ExpectCaught("vmo-slice-alias", &SliceOffsetDropped, "is not seen at offset 0", 2);
}

TEST(VmoProps, ReferenceAliasCatchesAnOwnStreamSizeCell) {
  ExpectCaught("vmo-reference-alias", &ReferenceOwnStreamCell, "is not the", 3);
}

TEST(VmoProps, SizeFrameCatchesAStreamWriteGrowingTheVmo) {
  ExpectCaught("vmo-size-frame", &StreamWriteGrowsVmo, "its size changed", 3);
}

TEST(VmoProps, ChildRightsCatchesExecuteKeptOnASnapshot) {
  ExpectCaught("vmo-child-rights", &ExecuteKeptOnSnapshot, "loses EXECUTE", 3);
}

TEST(VmoProps, ChildInfoCatchesImmutableAtLeastOnWrite) {
  ExpectCaught("vmo-child-info", &ImmutableAtLeastOnWrite, "reports ZX_INFO_VMO_IMMUTABLE", 2);
}

// The variants break only what they are about: the other properties of the family hold under
// each (so each property is needed for its own defect).
TEST(VmoProps, EachVariantIsCaughtOnlyWhereExpected) {
  CheckOptions o = Options(&ImmutableAtLeastOnWrite);
  o.runs = 100;
  EXPECT_EQ(CheckProperty(*FindProperty("vmo-immutable-stable"), o, nullptr).failures, 0u)
      << "in the model, AT_LEAST_ON_WRITE copies eagerly (VMO-087): marking it IMMUTABLE is "
         "sound there, only vmo-child-info sees it";
  o.step = &ExecuteKeptOnSnapshot;
  EXPECT_EQ(CheckProperty(*FindProperty("invariants"), o, nullptr).failures, 0u)
      << "EXECUTE stays within a VMO's rights bound: only vmo-child-rights sees it";
}

// ---- what the generator reaches (issue 3, item 3) ----

template <class T>
T Sample(const rc::Gen<T>& g, uint64_t i) {
  return g(rc::Random(i * 7919 + 1), 100).value();
}

// Walks 300 sequences of 50 generated steps (the default campaign's shape) through the model and
// counts the situations the family's properties are about.
TEST(VmoProps, GeneratorReachesChildrenStreamsAndImmutableVmos) {
  std::map<std::string, uint64_t> n;
  uint64_t steps = 0;
  for (uint64_t seq = 0; seq < 300; ++seq) {
    State s = model::InitialState();
    for (uint64_t i = 0; i < 50; ++i, ++steps) {
      Action a = Resolve(s, Sample(GenAction(s, VmoGenOptions()), seq * 1000 + i));
      if (!CanAct(s, a.caller)) break;
      const State before = s;
      auto r = model::Step(std::move(s), a.caller, a.call);
      s = std::move(r.state);
      bool immutable = false;
      for (const auto& [k, body] : s.objects) {
        const auto* v = std::get_if<Vmo>(&body);
        immutable = immutable || (v != nullptr && v->immutable_at_creation);
      }
      n["steps with an immutable VMO alive"] += immutable ? 1u : 0u;
      if (r.outcome.status != ZX_OK) continue;
      if (std::holds_alternative<VmoCreateChild>(a.call)) {
        const auto& e = std::get<model::Process>(s.objects.at(a.caller)).handles.entries;
        const Vmo& child = model::Get<Vmo>(s, e.at(std::get<HandleResult>(r.outcome.payload).handle).object);
        const Vmo& parent = model::Get<Vmo>(s, child.parent);
        n[std::string("child ") + (child.kind == VmoKind::kSlice       ? "slice"
                                   : child.kind == VmoKind::kReference ? "reference"
                                                                       : "snapshot")] += 1;
        n["child of a child"] += parent.kind != VmoKind::kRoot ? 1u : 0u;
        n["immutable child"] += child.immutable_at_creation ? 1u : 0u;
      }
      zx_handle_t stream = 0;
      if (const auto* w = std::get_if<StreamWritev>(&a.call)) stream = w->handle;
      if (const auto* w = std::get_if<StreamWritevAt>(&a.call)) stream = w->handle;
      if (stream != 0) {
        const auto& e = std::get<model::Process>(before.objects.at(a.caller)).handles.entries;
        const auto& st = model::Get<model::Stream>(before, e.at(stream).object);
        n["stream write on a child"] += model::Get<Vmo>(before, st.vmo).parent != 0 ? 1u : 0u;
        n["stream write growing the stream size"] +=
            model::VmoStreamSize(s, model::Get<Vmo>(s, st.vmo)) >
                    model::VmoStreamSize(before, model::Get<Vmo>(before, st.vmo))
                ? 1u
                : 0u;
      }
    }
  }
  std::cout << "over " << steps << " steps:\n";
  for (const auto& [what, count] : n) std::cout << "  " << what << ": " << count << "\n";
  // Floors about half of what seed-fixed sampling gives today (gen_vmo.cc / gen_stream.cc
  // biases): they fail when a generator change starves the family's properties.
  const std::map<std::string, uint64_t> floors = {
      {"child snapshot", 50},     {"child slice", 10},    {"child reference", 10},
      {"child of a child", 10},   {"immutable child", 7}, {"stream write on a child", 1},
      {"stream write growing the stream size", 5}};
  for (const auto& [what, floor] : floors) EXPECT_GE(n[what], floor) << what;
  EXPECT_GE(n["steps with an immutable VMO alive"], steps / 100);
}

// ---- coverage of the family's statuses (issue 3, item 4) ----

// stream_readv's and stream_readv_at's NO_MEMORY (GEN-006) need a length past the buffer limit,
// which the generator draws only where the call must fail on its own bounds
// (GenOptions::max_transfer): rare, so they are required of the larger campaign only
// (`zxspec check` over the family's rows, 200 runs); this bounded run may miss them (it reached
// readv_at's until object_wait_one joined the generator's table and moved its draws).
bool RareHere(std::string_view call, zx_status_t st) {
  return (call == "stream_readv" || call == "stream_readv_at") && st == ZX_ERR_NO_MEMORY;
}

TEST(VmoProps, DefaultCampaignReachesEveryNamedStatusOfTheFamily) {
  CheckOptions o;  // the default campaign's seed, runs and steps, over the family's rows
  o.property =
      "vmo-immutable-stable,vmo-cow-isolation,vmo-slice-alias,vmo-reference-alias,"
      "vmo-size-frame,vmo-child-rights,vmo-child-info";
  CheckReport r = RunCheck(o);
  ASSERT_EQ(r.ExitCode(), 0) << FormatTable(r);
  const std::vector<std::string_view> calls = {
      "vmo_create_child", "vmo_op_range", "vmo_replace_as_executable", "stream_create",
      "stream_writev", "stream_writev_at", "stream_readv", "stream_readv_at", "stream_seek"};
  size_t named = 0, reached = 0;
  for (auto name : calls) {
    const SyscallInfo* info = FindSyscall(name);
    ASSERT_NE(info, nullptr);
    std::cout << name << ":";
    for (zx_status_t st : info->statuses) {
      const uint64_t count = r.coverage.Count(*info->call_index, st);
      std::cout << " " << StatusName(st) << "=" << count;
      ++named;
      reached += count > 0 ? 1u : 0u;
      if (!RareHere(name, st)) {
        EXPECT_GT(count, 0u) << name << " never returned " << StatusName(st);
      }
    }
    std::cout << "\n";
  }
  std::cout << "reached " << reached << " of " << named << " named (call, status) pairs\n";
}

}  // namespace
}  // namespace zxspec::props
