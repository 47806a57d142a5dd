// Tests of the address-space testers (props/vmar_props.h, props/zygote.h): for each property a
// deliberately wrong model variant (a StepFn wrapper around model::Step that corrupts one
// transition or one observation) is caught, shrunk to a short scenario that fails on replay
// against the variant at the witness the property pinned, and passes against the model. Also:
// the correct model passes, and the generator reaches deep VMAR trees, partial unmaps and
// protects, merges and clones of mapping tails often enough for the properties to matter.
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

constexpr uint64_t kPage = ZX_PAGE_SIZE;

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
  const auto e = c ? EntryOf(s, caller, c->vmar) : std::nullopt;
  auto r = model::Step(std::move(s), caller, call);
  if (c == nullptr || !e || r.outcome.status != ZX_OK) return r;
  if (auto* m = MutableMappingAt(r.state, e->object, std::get<U64Result>(r.outcome.payload).value)) {
    m->max_perms |= ((e->rights & ZX_RIGHT_READ) ? ZX_VM_PERM_READ : 0u) |
                    ((e->rights & ZX_RIGHT_WRITE) ? ZX_VM_PERM_WRITE : 0u) |
                    ((e->rights & ZX_RIGHT_EXECUTE) ? ZX_VM_PERM_EXECUTE : 0u);
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

// vmar-maps-agree: both MAPS topics list one entry per mapping (the first run's perms) instead of
// one per permission run (MAPS-020).
model::StepResult OneMapsEntryPerMapping(model::State s, zx_koid_t caller, const Call& call) {
  auto r = model::Step(std::move(s), caller, call);
  const auto* c = std::get_if<ObjectGetInfo>(&call);
  if (c == nullptr || r.outcome.status != ZX_OK ||
      (c->topic != ZX_INFO_VMAR_MAPS && c->topic != ZX_INFO_PROCESS_MAPS)) {
    return r;
  }
  std::vector<zx_info_maps_t> merged;
  for (const auto& e : *MapsIn(r.outcome)) {
    if (!merged.empty()) {
      auto& last = merged.back();
      const auto& lm = last.u.mapping;
      if (last.type == ZX_INFO_MAPS_TYPE_MAPPING && e.type == ZX_INFO_MAPS_TYPE_MAPPING &&
          last.depth == e.depth && lm.vmo_koid == e.u.mapping.vmo_koid &&
          last.base + last.size == e.base && lm.vmo_offset + last.size == e.u.mapping.vmo_offset) {
        last.size += e.size;
        last.u.mapping.committed_bytes += e.u.mapping.committed_bytes;
        last.u.mapping.populated_bytes += e.u.mapping.populated_bytes;
        continue;
      }
    }
    merged.push_back(e);
  }
  *MapsIn(r.outcome) = std::move(merged);
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

size_t LineCount(const std::string& text) {
  size_t n = 0;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) ++n;
  return n;
}

// The number of the first line of |text| that contains |needle| (1-based), or 0.
size_t LineOf(const std::string& text, const std::string& needle) {
  size_t n = 0;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) {
    ++n;
    if (line.find(needle) != std::string::npos) return n;
  }
  return 0;
}

CheckOptions Options(StepFn step, uint64_t runs = 300) {
  CheckOptions o;
  o.seed = 7;
  o.runs = runs;
  o.max_steps = 40;
  o.step = std::move(step);
  return o;
}

// The property |id| catches |wrong|; its counterexample has at most |max_calls| calls, names
// |phrase|, and, replayed through the scenario runner, fails against |wrong| at a line the
// witness pinned (before the final check_invariants) and passes against the model.
Counterexample ExpectCaught(std::string_view id, const StepFn& wrong, const std::string& phrase,
                            uint64_t max_calls) {
  const PropertyInfo* property = FindProperty(id);
  EXPECT_NE(property, nullptr) << id;
  if (property == nullptr) return {};
  auto report = CheckProperty(*property, Options(wrong), nullptr);
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
  o.property = "vmar-map-rights,vmar-placement,vmar-maps-agree,vmar-vmo-child-content";
  o.seed = 21;
  o.runs = 40;
  o.max_steps = 40;
  CheckReport r = RunCheck(o);
  EXPECT_EQ(r.ExitCode(), 0) << FormatTable(r);
  ASSERT_EQ(r.properties.size(), 4u);
  for (const auto& p : r.properties) EXPECT_EQ(p.cases, 40u) << p.id;
}

TEST(VmarProps, MaxPermsFromTheVmarHandleAloneAreCaught) {
  auto cx = ExpectCaught("vmar-map-rights", &MaxPermsFromVmarOnly, "VMAR-027", 2);
  // The witness: a protect to a perm the VMO handle never allowed is refused.
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
  EXPECT_NE(cx.scenario.find("VMAR_MAPS) -> ZX_OK [{type: VMAR, depth: 0"), std::string::npos)
      << cx.scenario;
}

TEST(VmarProps, OneMapsEntryPerMappingIsCaught) {
  auto cx = ExpectCaught("vmar-maps-agree", &OneMapsEntryPerMapping, "MAPS-020", 3);
  // A mapping of two pages or more, protected in part.
  EXPECT_NE(cx.scenario.find("vmar_protect("), std::string::npos) << cx.scenario;
  EXPECT_NE(cx.scenario.find("PROCESS_MAPS) -> ZX_OK ["), std::string::npos) << cx.scenario;
}

TEST(VmarProps, CloneOffsetWithoutDeltaIsCaughtByTheContentProperty) {
  auto cx = ExpectCaught("vmar-vmo-child-content", &CloneOffsetWithoutDelta, "VMAR-083", 4);
  EXPECT_NE(cx.scenario.find("vmar_create_vmo_child("), std::string::npos) << cx.scenario;
  EXPECT_NE(LineOf(cx.scenario, "vmo_read("), 0u) << cx.scenario;
}

// The wrong variants do not trouble the properties they are not about (each property is
// specific to the rule it names).
TEST(VmarProps, EachVariantIsInvisibleToTheOtherStepProperties) {
  struct Pair {
    const char* property;
    StepFn wrong;
  };
  for (const Pair& p : {Pair{"vmar-placement", &MaxPermsFromVmarOnly},
                        Pair{"vmar-map-rights", &AbsoluteDepthsInVmarMaps},
                        Pair{"vmar-vmo-child-content", &LowestFitOffByOnePage},
                        Pair{"vmar-placement", &CloneOffsetWithoutDelta}}) {
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
  ExpectZygoteCaught(&CloneOffsetWithoutDelta, "at clone time", 20);
}

TEST(ZygoteProps, AliasingCloneIsCaught) {
  ExpectZygoteCaught(&CloneAliasesMappedVmo, "its own writes", 20);
}

// ---- what the generator reaches ----

struct Reach {
  uint64_t cases = 0;
  uint64_t depth2 = 0;            // cases whose VMAR tree got two levels below a root
  uint64_t depth3 = 0;            // ... three levels
  uint64_t partial_unmaps = 0;    // successful unmaps that trimmed or split a mapping
  uint64_t partial_protects = 0;  // successful protects over part of a mapping
  uint64_t merges = 0;            // successful maps merged with a neighbour (VMAR-028)
  uint64_t tail_clones = 0;       // successful vmar_create_vmo_child past a mapping's base
  uint64_t multi_run = 0;         // cases reaching a mapping with two permission runs
};

// Mappings at any depth below |vmar| meeting [a, a + n).
void MappingsIn(const model::State& s, zx_koid_t vmar, uint64_t a, uint64_t n,
                std::vector<model::Mapping>& out) {
  for (const auto& c : model::Get<model::Vmar>(s, vmar).children) {
    auto [b, m] = model::ChildRange(s, c);
    if (!model::Intersects(a, n, b, m)) continue;
    if (const auto* mp = std::get_if<model::Mapping>(&c)) {
      out.push_back(*mp);
    } else {
      MappingsIn(s, std::get<zx_koid_t>(c), a, n, out);
    }
  }
}

bool Partial(const model::State& s, zx_koid_t vmar, uint64_t a, uint64_t len) {
  const auto n = model::RoundUpPage(len);
  if (!n || *n == 0) return false;
  std::vector<model::Mapping> ms;
  MappingsIn(s, vmar, a, *n, ms);
  for (const auto& m : ms) {
    if (m.base < a || m.base + m.size > a + *n) return true;
  }
  return false;
}

Reach MeasureReach(uint64_t seed, int cases, int steps) {
  Reach out;
  const GenOptions options = vmar::Generation();
  for (int i = 0; i < cases; ++i) {
    model::State s = model::InitialState();
    rc::Random random(CaseSeed(seed, "reach", static_cast<uint64_t>(i)));
    bool d2 = false, d3 = false, runs = false;
    for (int k = 0; k < steps; ++k) {
      const Action a = GenAction(s, options)(random.split(), 0).value();
      if (!CanAct(s, a.caller)) break;
      auto r = model::Step(s, a.caller, a.call);
      const bool ok = r.outcome.status == ZX_OK;
      if (const auto* c = std::get_if<VmarUnmap>(&a.call); ok && c) {
        out.partial_unmaps += Partial(s, EntryOf(s, a.caller, c->vmar)->object, c->addr, c->len);
      } else if (const auto* p = std::get_if<VmarProtect>(&a.call); ok && p) {
        out.partial_protects += Partial(s, EntryOf(s, a.caller, p->vmar)->object, p->addr, p->len);
      } else if (const auto* m = std::get_if<VmarMap>(&a.call); ok && m) {
        const zx_koid_t v = EntryOf(s, a.caller, m->vmar)->object;
        const zx_vaddr_t addr = std::get<U64Result>(r.outcome.payload).value;
        auto ref = model::FindMappingAt(r.state, v, addr);
        out.merges += ref && model::MappingAt(r.state, *ref).size > *model::RoundUpPage(m->len);
      } else if (const auto* vc = std::get_if<VmarCreateVmoChild>(&a.call); ok && vc) {
        auto ref = model::FindMappingAt(s, EntryOf(s, a.caller, vc->vmar)->object, vc->addr);
        out.tail_clones += ref && model::MappingAt(s, *ref).base < vc->addr;
      }
      s = std::move(r.state);
      for (const auto& [koid, body] : s.objects) {
        const auto* v = std::get_if<model::Vmar>(&body);
        if (v == nullptr || v->state != model::Lifecycle::kAlive) continue;
        const uint64_t d = DepthOf(s, koid);
        d2 = d2 || d >= 2;
        d3 = d3 || d >= 3;
        for (const auto& c : v->children) {
          const auto* mp = std::get_if<model::Mapping>(&c);
          runs = runs || (mp != nullptr && mp->perms.size() >= 2);
        }
      }
    }
    ++out.cases;
    out.depth2 += d2;
    out.depth3 += d3;
    out.multi_run += runs;
  }
  return out;
}

TEST(VmarProps, GeneratorReachesDeepTreesPartialEditsMergesAndTailClones) {
  const Reach r = MeasureReach(3, 200, 40);
  std::string figures = "depth>=2: " + std::to_string(r.depth2) +
                        ", depth>=3: " + std::to_string(r.depth3) +
                        ", partial unmaps: " + std::to_string(r.partial_unmaps) +
                        ", partial protects: " + std::to_string(r.partial_protects) +
                        ", merges: " + std::to_string(r.merges) +
                        ", tail clones: " + std::to_string(r.tail_clones) +
                        ", multi-run cases: " + std::to_string(r.multi_run);
  RecordProperty("reach", figures);
  EXPECT_GE(r.depth2, r.cases / 4) << figures;
  EXPECT_GE(r.depth3, r.cases / 10) << figures;
  EXPECT_GE(r.partial_unmaps, r.cases / 4) << figures;
  EXPECT_GE(r.partial_protects, r.cases / 4) << figures;
  EXPECT_GE(r.merges, r.cases / 10) << figures;
  EXPECT_GE(r.tail_clones, r.cases / 10) << figures;
  EXPECT_GE(r.multi_run, r.cases / 4) << figures;
  std::cout << figures << "\n";
}

}  // namespace
}  // namespace zxspec::props
