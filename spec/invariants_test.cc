// The two forms of each invariant agree (exemplars item 16): on every state the model reaches,
// every spec invariant (catalog entries and lemmas) holds, as the model's checker says; on the
// same states with one table entry changed, a spec invariant whose scope is "complete" gives
// the model checker's verdict, and a stronger one is false wherever the model's is.
#include "spec/invariants.h"

#include <map>
#include <random>

#include <gtest/gtest.h>

#include "model/invariants.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

TEST(SpecInvariants, IdsAreCatalogIdsOrLemmas) {
  for (const auto& inv : SpecInvariants()) {
    if (inv.in_catalog) {
      EXPECT_NE(model::FindInvariant(inv.id), nullptr) << inv.id;
    } else {
      EXPECT_EQ(inv.id.substr(0, 6), "lemma:") << inv.id;
      EXPECT_FALSE(inv.why.empty()) << inv.id;
    }
  }
  for (const auto& m : model::Invariants()) EXPECT_NE(FindSpecInvariant(m.id), nullptr) << m.id;
}

TEST(SpecInvariants, HoldOnReachableStates) {
  size_t checked = 0;
  for (const ReachedStep& step : ReachableSteps(/*seed=*/11, /*walks=*/12, /*steps=*/40)) {
    auto a = Abstract(step.result.state);
    if (a.is_error()) continue;
    z3::context c;
    SymState s = ConcreteState(c, a.value());
    for (const auto& inv : SpecInvariants()) {
      EXPECT_TRUE(Holds(inv.encode(s))) << inv.id << " after " << step.action.call.index();
    }
    ++checked;
  }
  EXPECT_GE(checked, 200u);
}

// One entry of one table of |v| changed: to 0 (erased), to another value, or shifted. Not the
// tables of queued messages' handle slots: EvaluateConcrete expands a quantifier over the points
// the tables list, and a slot below a message's handle count whose entries are all erased is
// listed by none (spec/logic.h: a known gap of the concrete evaluation, not of the proofs).
StateValue Mutate(const StateValue& v, std::mt19937_64& rng) {
  StateValue out = v;
  std::vector<size_t> nonempty;
  for (size_t f = 0; f < out.tables.size(); ++f) {
    const std::string_view name = Fields()[f].name;
    if (name == "mh_object" || name == "mh_rights") continue;
    if (!out.tables[f].empty()) nonempty.push_back(f);
  }
  Table& t = out.tables[nonempty[rng() % nonempty.size()]];
  auto it = t.begin();
  std::advance(it, static_cast<std::ptrdiff_t>(rng() % t.size()));
  switch (rng() % 4) {
    case 0: t.erase(it); break;
    case 1: it->second += 1; break;
    case 2: it->second ^= uint64_t{1} << (rng() % 16); break;
    default: it->second += ZX_PAGE_SIZE; break;
  }
  return out;
}

TEST(SpecInvariants, AgreeWithTheModelOnBrokenStates) {
  std::mt19937_64 rng(5);
  std::map<std::string, int> caught;  // per id: broken states both forms reject
  size_t compared = 0;
  for (const ReachedStep& step : ReachableSteps(/*seed=*/13, /*walks=*/4, /*steps=*/30)) {
    auto a = Abstract(step.result.state);
    if (a.is_error()) continue;
    for (int k = 0; k < 4; ++k) {
      StateValue broken = Mutate(a.value(), rng);
      Concretized m = Concretize(broken);
      if (!m.problem.empty()) continue;
      auto again = Abstract(m.state);  // the tables the model state really has
      if (again.is_error()) continue;
      z3::context c;
      SymState s = ConcreteState(c, again.value());
      ++compared;
      for (const auto& inv : SpecInvariants()) {
        if (!inv.in_catalog) continue;
        const auto violation = model::FindInvariant(inv.id)->check(m.state);
        const bool model_ok = !violation.has_value();
        const bool spec_ok = Holds(inv.encode(s));
        if (inv.scope == "complete") {
          EXPECT_EQ(spec_ok, model_ok) << inv.id << ": " << violation.value_or("");
        } else if (!model_ok) {
          EXPECT_FALSE(spec_ok) << inv.id << " (stronger than the model's)";
        }
        if (!model_ok && !spec_ok) ++caught[std::string(inv.id)];
      }
    }
  }
  EXPECT_GE(compared, 150u);
  // The mutations break the invariants that read sizes, rights and handles.
  for (const char* id : {"stream-size-le-size", "size-page-aligned", "handles-valid",
                         "rights-bounded"}) {
    EXPECT_GT(caught[id], 0) << id;
  }
}

}  // namespace
}  // namespace zxspec::spec
