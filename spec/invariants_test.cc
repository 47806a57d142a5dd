// The two forms of each invariant agree (exemplars item 16): every spec encoding of a catalog
// invariant (spec/invariants.h) and the model's checker of the same id (model/invariants.h)
// give the same verdict on many concrete states: states the model reaches through random call
// sequences (where both should hold) and the same states with one field broken (where they
// often fail). The lemmas must hold on every reachable state.
#include "spec/invariants.h"

#include <map>

#include <gtest/gtest.h>

#include "model/invariants.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

// Every catalog entry of the spec names a model invariant; lemmas say so in their id.
TEST(SpecInvariants, IdsAreCatalogIdsOrLemmas) {
  for (const auto& inv : SpecInvariants()) {
    if (inv.in_catalog) {
      EXPECT_NE(model::FindInvariant(inv.id), nullptr) << inv.id;
    } else {
      EXPECT_EQ(inv.id.substr(0, 6), "lemma:") << inv.id;
      EXPECT_FALSE(inv.why.empty()) << inv.id;
    }
  }
  EXPECT_NE(FindSpecInvariant("stream-size-le-size"), nullptr);
  EXPECT_NE(FindSpecInvariant("rights-bounded"), nullptr);
  EXPECT_NE(FindSpecInvariant("immutability"), nullptr);
}

// Seed B Init_A: the concrete initial state satisfies every spec invariant.
TEST(SpecInvariants, InitialStateSatisfiesAll) {
  model::State init = model::InitialState();
  auto a = Abstract(init, init.initial.self_koid);
  ASSERT_TRUE(a.is_ok());
  z3::context c;
  SymState s = SymState::Const(c, a.value().value);
  for (const auto& inv : SpecInvariants()) EXPECT_TRUE(Ground(inv.encode(s))) << inv.id;
}

// The spec's verdict on |s| for every encoded catalog invariant equals the model checker's;
// |violated| counts, per id, the states where the invariant is false.
void ExpectAgreement(z3::context& c, const model::State& s, const std::string& where,
                     std::map<std::string, int>* violated = nullptr) {
  auto a = Abstract(s, s.initial.self_koid);
  ASSERT_TRUE(a.is_ok()) << where;
  SymState sym = SymState::Const(c, a.value().value);
  for (const auto& inv : SpecInvariants()) {
    if (!inv.in_catalog) continue;
    const model::InvariantInfo* m = model::FindInvariant(inv.id);
    ASSERT_NE(m, nullptr);
    std::optional<std::string> violation = m->check(s);
    if (violation && violated != nullptr) ++(*violated)[std::string(inv.id)];
    EXPECT_EQ(Ground(inv.encode(sym)), !violation.has_value())
        << where << ": " << inv.id << (violation ? " (model: " + *violation + ")" : "");
  }
}

// A copy of |s| with one field broken, chosen by |r|; |what| says which.
model::State Mutate(RandomCalls& r, model::State s, std::string* what) {
  std::vector<model::Memory*> memories;
  for (auto& [id, m] : s.memories) memories.push_back(&m);
  std::vector<model::Vmo*> vmos;
  std::vector<model::Stream*> streams;
  for (auto& [koid, body] : s.objects) {
    if (auto* v = std::get_if<model::Vmo>(&body)) vmos.push_back(v);
    if (auto* st = std::get_if<model::Stream>(&body)) streams.push_back(st);
  }
  auto& handles = model::Get<model::Process>(s, s.initial.self_koid).handles.entries;
  std::vector<model::Mapping*> mappings;
  for (auto& [koid, body] : s.objects) {
    if (auto* vmar = std::get_if<model::Vmar>(&body)) {
      for (auto& c : vmar->children) {
        if (auto* m = std::get_if<model::Mapping>(&c)) mappings.push_back(m);
      }
    }
  }
  switch (r.Below(13)) {
    case 0:
      if (memories.empty()) break;
      *what = "stream size past the size";
      r.Pick(memories)->stream_size = r.Pick(memories)->size + 1 + r.Below(4096);
      return s;
    case 1:
      if (memories.empty()) break;
      *what = "unaligned or huge size";
      r.Pick(memories)->size = r.Pick<uint64_t>({1, 4097, kVmoMaxSize + 4096, UINT64_MAX});
      return s;
    case 2:
      if (vmos.empty()) break;
      *what = "immutable flag";
      r.Pick(vmos)->immutable_at_creation = true;
      return s;
    case 3:
      if (memories.empty()) break;
      *what = "resizability flipped";
      r.Pick(memories)->resizable ^= true;
      return s;
    case 4: {
      if (handles.empty()) break;
      *what = "an extra right";
      auto it = handles.begin();
      std::advance(it, static_cast<std::ptrdiff_t>(r.Below(handles.size())));
      it->second.rights |= zx_rights_t{1} << r.Below(25);
      return s;
    }
    case 5: {
      if (handles.empty()) break;
      *what = "undefined rights bits or a destroyed object";
      auto it = handles.begin();
      std::advance(it, static_cast<std::ptrdiff_t>(r.Below(handles.size())));
      if (r.OneIn(2)) {
        it->second.rights |= 1u << 30;
      } else {
        it->second.object = 999999;
      }
      return s;
    }
    case 6: {
      if (vmos.empty()) break;
      *what = "kind changed (not to or from a slice)";
      model::Vmo* v = r.Pick(vmos);
      if (v->kind == model::VmoKind::kSlice) break;
      v->kind = r.Pick<model::VmoKind>(
          {model::VmoKind::kRoot, model::VmoKind::kCowClone, model::VmoKind::kReference});
      return s;
    }
    case 7:
      if (vmos.empty()) break;
      *what = "offset moved";
      r.Pick(vmos)->offset = r.Pick<uint64_t>({4096, 1, UINT64_MAX - 4095});
      return s;
    case 8: {
      if (vmos.empty() || memories.empty()) break;
      *what = "another memory viewed";
      model::Vmo* v = r.Pick(vmos);
      auto it = s.memories.begin();
      std::advance(it, static_cast<std::ptrdiff_t>(r.Below(s.memories.size())));
      v->memory = it->first;
      return s;
    }
    case 9: {
      model::Vmo* slice = nullptr;
      for (auto* v : vmos) {
        if (v->kind == model::VmoKind::kSlice) slice = v;
      }
      if (slice == nullptr) break;
      *what = "slice fields";
      switch (r.Below(3)) {
        case 0:
          slice->slice_stream_size = slice->slice_size + 1;
          break;
        case 1:
          slice->slice_size += 1;
          break;
        default:
          slice->slice_size = UINT64_MAX - 4095;
          break;
      }
      return s;
    }
    case 10:
      if (streams.empty()) break;
      *what = "stream modes or VMO";
      if (r.OneIn(2)) {
        r.Pick(streams)->mode_write ^= true;
        r.Pick(streams)->mode_read ^= true;
      } else {
        r.Pick(streams)->vmo = 999999;
      }
      return s;
    case 11:
      if (mappings.empty()) break;
      *what = "a writable mapping";
      r.Pick(mappings)->max_perms |= ZX_VM_PERM_WRITE;
      return s;
    default:
      break;
  }
  *what = "unchanged";
  return s;
}

TEST(SpecInvariants, AgreeWithModelOnReachableStates) {
  z3::context c;
  for (uint64_t seed = 0; seed < 30; ++seed) {
    RandomCalls calls(seed);
    auto run = RandomRun(calls, 60);
    for (size_t i = 0; i < run.size(); i += 6) {
      ExpectAgreement(c, run[i], "seed " + std::to_string(seed) + " step " + std::to_string(i));
    }
  }
}

TEST(SpecInvariants, AgreeWithModelOnBrokenStates) {
  z3::context c;
  std::map<std::string, int> violated;
  for (uint64_t seed = 100; seed < 180; ++seed) {
    RandomCalls calls(seed);
    auto run = RandomRun(calls, 40);
    for (size_t i = 8; i < run.size(); i += 8) {
      std::string what;
      model::State broken = Mutate(calls, run[i], &what);
      ExpectAgreement(c, broken,
                      "seed " + std::to_string(seed) + " step " + std::to_string(i) + " " + what,
                      &violated);
    }
  }
  // Both verdicts were compared for every encoded invariant.
  for (const auto& inv : SpecInvariants()) {
    if (!inv.in_catalog) continue;
    EXPECT_GT(violated[std::string(inv.id)], 0) << inv.id << " never failed";
  }
}

// The lemmas hold on every state the model reaches (they are facts of the model that no
// catalog invariant states).
TEST(SpecInvariants, LemmasHoldOnReachableStates) {
  z3::context c;
  for (uint64_t seed = 200; seed < 230; ++seed) {
    RandomCalls calls(seed);
    for (const auto& s : RandomRun(calls, 40)) {
      auto a = Abstract(s, s.initial.self_koid);
      ASSERT_TRUE(a.is_ok());
      SymState sym = SymState::Const(c, a.value().value);
      for (const auto& inv : SpecInvariants()) {
        if (inv.in_catalog) continue;
        EXPECT_TRUE(Ground(inv.encode(sym))) << inv.id << " seed " << seed;
      }
    }
  }
}

}  // namespace
}  // namespace zxspec::spec
