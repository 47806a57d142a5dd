// Tests of the address-space testers (props/vmar_props.h, props/zygote.h): for each property
// with a variant here, a deliberately wrong model variant (a StepFn wrapper around model::Step
// that corrupts one transition or one observation) is caught, shrunk to a short scenario that
// fails on replay against the variant at the witness the property pinned, and passes against the
// model. Also: the correct model passes, each variant is invisible to the properties it is not
// about, and the zygote runs as a `zxspec check` row. (vmar-vmo-child-content and the
// one-entry-per-permission-run half of vmar-maps-agree have no variant test yet: the shared
// generator makes too few successful vmar_map / vmar_create_vmo_child calls to reach them in a
// bounded run; the zygote covers vmar_create_vmo_child's offset.)
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

#include <rapidcheck.h>

#include "model/core.h"
#include "model/vmar.h"
#include "model/vmo.h"
#include "props/check.h"
#include "props/test_util.h"
#include "props/vmar_props.h"
#include "props/zygote.h"

namespace zxspec::props {
namespace {


std::optional<model::HandleEntry> EntryOf(const model::State& s, zx_koid_t caller,
                                          zx_handle_t h) {
  const auto* p = model::Find<model::Process>(s, caller);
  if (p == nullptr || !p->handles.entries.count(h)) return std::nullopt;
  return p->handles.entries.at(h);
}

model::Mapping* MutableMappingAt(model::State& s, zx_koid_t vmar, zx_vaddr_t addr) {
  auto ref = model::FindMappingAt(s, vmar, addr);
  if (!ref) return nullptr;
  return &std::get<model::Mapping>(model::Get<model::Vmar>(s, ref->vmar).children[ref->index]);
}

uint64_t DepthOf(const model::State& s, zx_koid_t vmar) {
  uint64_t d = 0;
  for (zx_koid_t k = model::Get<model::Vmar>(s, vmar).parent; k != 0;
       k = model::Get<model::Vmar>(s, k).parent) {
    ++d;
  }
  return d;
}

// ---- wrong variants (test-only) ----

// vmar-map-rights: max_perms from the VMAR handle's rights alone, as if the VMO handle did not
// matter (VMAR-027 takes the rights both handles hold).
model::StepResult MaxPermsFromVmarOnly(model::State s, zx_koid_t caller, const Call& call) {
  const auto* c = std::get_if<VmarMap>(&call);
  if (c == nullptr) return model::Step(std::move(s), caller, call);
  const model::HandleEntry e = EntryOf(s, caller, c->vmar).value_or(model::HandleEntry{});
  auto r = model::Step(std::move(s), caller, call);
  if (r.outcome.status != ZX_OK) return r;
  if (auto* m = MutableMappingAt(r.state, e.object, std::get<U64Result>(r.outcome.payload).value)) {
    m->max_perms |= ((e.rights & ZX_RIGHT_READ) ? ZX_VM_PERM_READ : 0u) |
                    ((e.rights & ZX_RIGHT_WRITE) ? ZX_VM_PERM_WRITE : 0u) |
                    ((e.rights & ZX_RIGHT_EXECUTE) ? ZX_VM_PERM_EXECUTE : 0u);
  }
  return r;
}

// vmar-perms-origin: a successful protect adds EXECUTE to the max_perms of the mapping at its
// address when the VMAR's CAN_MAP_EXECUTE allows it (still within CAN_MAP, so the invariants
// hold), as if max_perms were not fixed by the handles' rights at map time (VMAR-002, VMAR-027).
model::StepResult ProtectWidensMaxPerms(model::State s, zx_koid_t caller, const Call& call) {
  const auto* c = std::get_if<VmarProtect>(&call);
  if (c == nullptr) return model::Step(std::move(s), caller, call);
  const model::HandleEntry e = EntryOf(s, caller, c->vmar).value_or(model::HandleEntry{});
  auto r = model::Step(std::move(s), caller, call);
  if (r.outcome.status != ZX_OK) return r;
  auto ref = model::FindMappingAt(r.state, e.object, c->addr);
  if (!ref) return r;
  model::Vmar& v = model::Get<model::Vmar>(r.state, ref->vmar);
  if (v.flags & ZX_VM_CAN_MAP_EXECUTE) {
    std::get<model::Mapping>(v.children[ref->index]).max_perms |= ZX_VM_PERM_EXECUTE;
  }
  return r;
}

// vmar-placement: non-SPECIFIC maps land one page above the lowest fit whenever that is free.
model::StepResult LowestFitOffByOnePage(model::State s, zx_koid_t caller, const Call& call) {
  const model::State before = s;
  auto r = model::Step(std::move(s), caller, call);
  const auto* c = std::get_if<VmarMap>(&call);
  if (c == nullptr || r.outcome.status != ZX_OK ||
      (c->options & (ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE))) {
    return r;
  }
  const auto e = EntryOf(before, caller, c->vmar);
  const auto d = model::DecodeVmOptions(c->options & ~ZX_VM_MAP_RANGE);
  const uint64_t size = *model::RoundUpPage(c->len);
  const zx_vaddr_t addr = std::get<U64Result>(r.outcome.payload).value;
  if (model::CheckPlacement(before, e->object, size, model::EffectiveAlignment(d->align_log2),
                            d->flags, c->vmar_offset, addr + kPage) != ZX_OK) {
    return r;
  }
  for (auto& child : model::Get<model::Vmar>(r.state, e->object).children) {
    auto* m = std::get_if<model::Mapping>(&child);
    if (m != nullptr && m->base == addr && m->size == size) {
      m->base += kPage;
      r.outcome = Outcome::Ok(U64Result{addr + kPage});
    }
  }
  return r;
}

std::vector<zx_info_maps_t>* MapsIn(Outcome& o) {
  auto* info = std::get_if<InfoResult>(&o.payload);
  return info ? std::get_if<std::vector<zx_info_maps_t>>(&info->record) : nullptr;
}

// vmar-maps-agree: VMAR_MAPS reports depths in the address-space tree (root VMAR = 0) instead of
// relative to the queried VMAR (seed RFC-0253, MAPS-011).
model::StepResult AbsoluteDepthsInVmarMaps(model::State s, zx_koid_t caller, const Call& call) {
  auto r = model::Step(std::move(s), caller, call);
  const auto* c = std::get_if<ObjectGetInfo>(&call);
  if (c == nullptr || c->topic != ZX_INFO_VMAR_MAPS || r.outcome.status != ZX_OK) return r;
  const uint64_t depth = DepthOf(r.state, EntryOf(r.state, caller, c->handle)->object);
  for (auto& e : *MapsIn(r.outcome)) e.depth += depth;
  return r;
}

// The VMO a successful vmar_create_vmo_child made, and where its range lies in the mapped VMO.
struct MadeChild {
  zx_koid_t child = 0;
  zx_koid_t mapped = 0;
  uint64_t mapping_offset = 0;  // mapping.vmo_offset
  uint64_t delta = 0;           // addr - mapping.base
  uint64_t size = 0;
};
std::optional<MadeChild> ChildMade(const model::State& before, const model::StepResult& r,
                                   zx_koid_t caller, const Call& call) {
  const auto* c = std::get_if<VmarCreateVmoChild>(&call);
  if (c == nullptr || r.outcome.status != ZX_OK) return std::nullopt;
  const auto v = EntryOf(before, caller, c->vmar);
  const auto ref = model::FindMappingAt(before, v->object, c->addr);
  const model::Mapping& m = model::MappingAt(before, *ref);
  const auto h = EntryOf(r.state, caller, std::get<HandleResult>(r.outcome.payload).handle);
  return MadeChild{h->object, m.vmo, m.vmo_offset, c->addr - m.base, c->size};
}

// vmar-vmo-child-content and the zygote: the child is cut at mapping.vmo_offset, without adding
// addr - mapping.base (VMAR-082 step 8).
model::StepResult CloneOffsetWithoutDelta(model::State s, zx_koid_t caller, const Call& call) {
  const model::State before = s;
  auto r = model::Step(std::move(s), caller, call);
  const auto made = ChildMade(before, r, caller, call);
  if (!made || made->delta == 0) return r;
  const model::Vmo& mapped = model::Get<model::Vmo>(before, made->mapped);
  const uint64_t mapped_size = model::VmoSize(before, mapped);
  Bytes bytes;
  if (made->mapping_offset < mapped_size) {
    bytes = model::ReadVmo(before, mapped, made->mapping_offset,
                           std::min(made->size, mapped_size - made->mapping_offset));
  }
  model::Memory& mem =
      model::MemoryOf(r.state, model::Get<model::Vmo>(r.state, made->child));
  mem.content = model::PageStore{};
  mem.content.Write(0, bytes);
  return r;
}

// The zygote: the "clone" is a window onto the mapped VMO's own memory (a slice), so writes on
// either side show through (VMAR-083: a SNAPSHOT child has its own copy, VMO-086).
model::StepResult CloneAliasesMappedVmo(model::State s, zx_koid_t caller, const Call& call) {
  const model::State before = s;
  auto r = model::Step(std::move(s), caller, call);
  const auto made = ChildMade(before, r, caller, call);
  if (!made) return r;
  const model::Vmo mapped = model::Get<model::Vmo>(r.state, made->mapped);
  if (mapped.kind != model::VmoKind::kRoot) return r;
  model::Vmo& child = model::Get<model::Vmo>(r.state, made->child);
  r.state.memories.erase(child.memory);
  child.kind = model::VmoKind::kSlice;
  child.memory = mapped.memory;
  child.offset = made->mapping_offset + made->delta;
  child.slice_size = made->size;
  child.slice_stream_size = made->size;
  child.parent = made->mapped;
  return r;
}

// ---- harness ----

CheckOptions Options(StepFn step, uint64_t runs = 300) {
  return VariantCampaign(std::move(step), 7, runs);
}

// The property |id| catches |wrong|; its counterexample has at most |max_calls| calls, names
// |phrase|, and, replayed through the scenario runner, fails against |wrong| at a line the
// witness pinned (before the final check_invariants) and passes against the model.
Counterexample ExpectCaught(std::string_view id, const StepFn& wrong, const std::string& phrase,
                            uint64_t max_calls, uint64_t runs = 300) {
  const PropertyInfo* property = FindProperty(id);
  EXPECT_NE(property, nullptr) << id;
  if (property == nullptr) return {};
  auto report = CheckProperty(*property, Options(wrong, runs), nullptr);
  EXPECT_EQ(report.failures, 1u) << id;
  if (report.counterexamples.empty()) return {};
  Counterexample cx = report.counterexamples[0];
  EXPECT_NE(cx.message.find(phrase), std::string::npos) << cx.message;
  EXPECT_LE(cx.calls, max_calls) << cx.scenario;
  EXPECT_GE(cx.calls, 1u);
  auto buggy = Replay(cx.scenario, wrong);
  EXPECT_EQ(buggy.verdict, scenario::Verdict::kFail) << buggy.Describe() << "\n" << cx.scenario;
  EXPECT_LT(static_cast<size_t>(buggy.line), LineCount(cx.scenario))
      << "fails only at check_invariants: the witness did not bite\n"
      << buggy.Describe() << "\n"
      << cx.scenario;
  auto fixed = Replay(cx.scenario, &model::Step);
  EXPECT_EQ(fixed.verdict, scenario::Verdict::kPass) << fixed.Describe() << "\n" << cx.scenario;
  return cx;
}

// ---- the step properties ----

TEST(VmarProps, CorrectModelPassesTheAddressSpaceProperties) {
  CheckOptions o;
  o.property =
      "vmar-map-rights,vmar-perms-origin,vmar-placement,vmar-maps-agree,vmar-vmo-child-content";
  o.seed = 21;
  o.runs = 40;
  o.max_steps = 40;
  CheckReport r = RunCheck(o);
  EXPECT_EQ(r.ExitCode(), 0) << FormatTable(r);
  ASSERT_EQ(r.properties.size(), 5u);
  for (const auto& p : r.properties) EXPECT_EQ(p.cases, 40u) << p.id;
}

TEST(VmarProps, MaxPermsFromTheVmarHandleAloneAreCaught) {
  auto cx = ExpectCaught("vmar-map-rights", &MaxPermsFromVmarOnly, "VMAR-027", 2);
  // The witness: a protect to a perm the VMO handle never allowed is refused.
  EXPECT_NE(cx.scenario.find("vmar_protect("), std::string::npos) << cx.scenario;
  EXPECT_NE(cx.scenario.find("-> ZX_ERR_ACCESS_DENIED"), std::string::npos) << cx.scenario;
}

TEST(VmarProps, ProtectWideningMaxPermsIsCaught) {
  // The invariants see nothing wrong: the widened max_perms stay within CAN_MAP.
  CheckOptions o = Options(&ProtectWidensMaxPerms, 100);
  EXPECT_EQ(CheckProperty(*FindProperty("invariants"), o, nullptr).failures, 0u);
  auto cx = ExpectCaught("vmar-perms-origin", &ProtectWidensMaxPerms, "VMAR-027", 3);
  // vmo_create, vmar_map, vmar_protect; the probe protects to a perm never granted.
  EXPECT_NE(cx.scenario.find("vmar_protect("), std::string::npos) << cx.scenario;
  EXPECT_NE(cx.scenario.find("-> ZX_ERR_ACCESS_DENIED"), std::string::npos) << cx.scenario;
}

TEST(VmarProps, LowestFitOffByOnePageIsCaught) {
  auto cx = ExpectCaught("vmar-placement", &LowestFitOffByOnePage, "lowest legal base", 2);
  // vmo_create, then a placed map pinned at the lowest fit.
  EXPECT_NE(cx.scenario.find("-> ZX_OK 0x"), std::string::npos) << cx.scenario;
}

TEST(VmarProps, AbsoluteDepthsInVmarMapsAreCaught) {
  auto cx = ExpectCaught("vmar-maps-agree", &AbsoluteDepthsInVmarMaps, "RFC-0253", 1);
  // One sub-VMAR suffices; the probe asks VMAR_MAPS of it with depths from 0.
  EXPECT_NE(cx.scenario.find("vmar_allocate("), std::string::npos) << cx.scenario;
  EXPECT_NE(cx.scenario.find("-> ZX_OK [{type: VMAR, depth: 0"), std::string::npos)
      << cx.scenario;
}

// The wrong variants do not trouble the properties they are not about (each property is
// specific to the rule it names).
// The clone cut at mapping.vmo_offset without addr - mapping.base reads other bytes than the
// mapped range showed (VMAR-082 step 8, VMAR-083).
TEST(VmarProps, CloneOffsetWithoutDeltaIsCaughtByChildContent) {
  auto cx = ExpectCaught("vmar-vmo-child-content", &CloneOffsetWithoutDelta, "VMAR-083", 8, 1000);
  EXPECT_NE(cx.scenario.find("vmar_create_vmo_child("), std::string::npos) << cx.scenario;
}

TEST(VmarProps, EachVariantIsInvisibleToTheOtherStepProperties) {
  struct Pair {
    const char* property;
    StepFn wrong;
  };
  for (const Pair& p : {Pair{"vmar-placement", &MaxPermsFromVmarOnly},
                        Pair{"vmar-map-rights", &AbsoluteDepthsInVmarMaps},
                        Pair{"vmar-vmo-child-content", &LowestFitOffByOnePage},
                        Pair{"vmar-placement", &CloneOffsetWithoutDelta},
                        Pair{"vmar-perms-origin", &MaxPermsFromVmarOnly},
                        Pair{"vmar-map-rights", &ProtectWidensMaxPerms}}) {
    auto report = CheckProperty(*FindProperty(p.property), Options(p.wrong, 40), nullptr);
    EXPECT_EQ(report.failures, 0u) << p.property;
  }
}

// VMAR-060 restated: LowestLegalBase agrees with the model's LowestFit on a fragmented VMAR,
// with and without alignment, and finds nothing when nothing fits.
TEST(VmarProps, LowestLegalBaseAgreesWithLowestFit) {
  model::ModelKernel k;
  const auto env = k.Initial();
  const zx_handle_t vmo = k.zx_vmo_create(env.self_koid, 16 * kPage, 0).value();
  for (uint64_t at : {0u, 2u, 3u, 7u, 12u}) {
    ASSERT_TRUE(k.zx_vmar_map(env.self_koid, env.root, ZX_VM_PERM_READ | ZX_VM_SPECIFIC,
                              at * kPage, vmo, 0, kPage)
                    .is_ok());
  }
  const model::State& s = k.state();
  const zx_koid_t root_koid = EntryOf(s, env.self_koid, env.root)->object;
  for (uint64_t size : {kPage, 2 * kPage, 4 * kPage, 5 * kPage}) {
    for (uint64_t align : {kPage, 4 * kPage, uint64_t{1} << 20}) {
      auto fit = model::LowestFit(s, root_koid, size, align, 0, 0);
      auto legal = vmar::LowestLegalBase(s, root_koid, size, align, 0, 0);
      ASSERT_TRUE(fit.is_ok());
      EXPECT_EQ(legal, std::optional<zx_vaddr_t>(*fit)) << size << " " << align;
    }
  }
  // Below an upper limit of 12 pages only the holes at 4..6 and 8..11 remain.
  EXPECT_EQ(vmar::LowestLegalBase(s, root_koid, 4 * kPage, kPage, ZX_VM_OFFSET_IS_UPPER_LIMIT,
                                  12 * kPage),
            std::optional<zx_vaddr_t>(kUserAspaceBase + 8 * kPage));
  EXPECT_EQ(vmar::LowestLegalBase(s, root_koid, 5 * kPage, kPage, ZX_VM_OFFSET_IS_UPPER_LIMIT,
                                  12 * kPage),
            std::nullopt);
}

// ---- the zygote ----

zygote::ZygoteReport Zygote(StepFn step, uint64_t runs) {
  zygote::ZygoteOptions o;
  o.seed = 5;
  o.runs = runs;
  o.step = std::move(step);
  return zygote::CheckZygote(o);
}

TEST(ZygoteProps, CorrectModelKeepsClonesIdenticalAndApart) {
  auto r = Zygote({}, 60);
  EXPECT_FALSE(r.failed) << r.failure << "\n" << r.scenario;
  EXPECT_EQ(r.cases, 60u);
  EXPECT_GT(r.calls, 60u * 10);
}

void ExpectZygoteCaught(const StepFn& wrong, const std::string& phrase, uint64_t max_calls) {
  auto r = Zygote(wrong, 200);
  ASSERT_TRUE(r.failed);
  EXPECT_NE(r.failure.find(phrase), std::string::npos) << r.failure;
  EXPECT_LE(r.failing_calls, max_calls) << r.scenario;
  auto buggy = Replay(r.scenario, wrong);
  EXPECT_EQ(buggy.verdict, scenario::Verdict::kFail) << buggy.Describe() << "\n" << r.scenario;
  EXPECT_LT(static_cast<size_t>(buggy.line), LineCount(r.scenario)) << buggy.Describe();
  EXPECT_NE(LineOf(r.scenario, "mem_read("), 0u) << r.scenario;
  auto fixed = Replay(r.scenario, &model::Step);
  EXPECT_EQ(fixed.verdict, scenario::Verdict::kPass) << fixed.Describe() << "\n" << r.scenario;
}

TEST(ZygoteProps, CloneOffsetWithoutDeltaIsCaught) {
  ExpectZygoteCaught(&CloneOffsetWithoutDelta, "at clone time", 30);
}

TEST(ZygoteProps, AliasingCloneIsCaught) {
  ExpectZygoteCaught(&CloneAliasesMappedVmo, "its own writes", 30);
}

// `zxspec check --property vmar-zygote` runs the zygote as a campaign row, alone or with step
// properties, and reports its shrunk counterexample like theirs.
TEST(ZygoteProps, RunsAsACheckCampaignRow) {
  CheckOptions o;
  o.property = "vmar-zygote";
  o.seed = 9;
  o.runs = 12;
  CheckReport ok = RunCheck(o);
  ASSERT_EQ(ok.ExitCode(), 0) << ok.error << FormatTable(ok);
  ASSERT_EQ(ok.properties.size(), 1u);
  EXPECT_EQ(ok.properties[0].id, "vmar-zygote");
  EXPECT_EQ(ok.properties[0].cases, 12u);
  EXPECT_GT(ok.properties[0].steps, 12u * 10);

  o.property = "vmar-perms-origin,vmar-zygote";
  o.max_steps = 10;
  o.step = &CloneAliasesMappedVmo;
  o.runs = 200;
  CheckReport bad = RunCheck(o);
  EXPECT_EQ(bad.ExitCode(), 1) << FormatTable(bad);
  ASSERT_EQ(bad.properties.size(), 2u);
  EXPECT_EQ(bad.properties[0].failures, 0u);
  ASSERT_EQ(bad.properties[1].counterexamples.size(), 1u);
  const Counterexample& cx = bad.properties[1].counterexamples[0];
  EXPECT_LE(cx.calls, 30u) << cx.scenario;
  EXPECT_EQ(Replay(cx.scenario, &CloneAliasesMappedVmo).verdict, scenario::Verdict::kFail);
  EXPECT_EQ(Replay(cx.scenario, &model::Step).verdict, scenario::Verdict::kPass);
}

}  // namespace
}  // namespace zxspec::props
