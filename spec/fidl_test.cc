// fidl_send and fidl_recv in Z3 (spec/fidl.cc, spec/fidl_recv.cc; issue 14): on the FIDL
// fixtures every call takes one path, with the status, result and post-state of the fidl/ layer
// run over the model, and together they take every path but the dead caller's (P-5); bugs
// planted in test-only copies disagree with the layer or break rights-monotone (FTP-028).
#include <gtest/gtest.h>

#include <set>

#include "api/constants.h"
#include "spec/fixtures.h"
#include "spec/test_util.h"
#include "spec/witness.h"

namespace zxspec::spec {
namespace {

using Step = Paths (*)(const SymState&, const z3::expr&, const SymArgs&);

// The spec's step on each FIDL fixture call of |op|; the names of the paths taken (empty when
// some call disagrees with the layer, |failures| says how).
std::set<std::string> PathsOnFixtures(const OpSpec& op, std::vector<std::string>* failures) {
  std::set<std::string> taken;
  for (const auto& f : {FidlFixture(model::InitialState()), FidlLimitFixture(model::InitialState())}) {
    if (!f) {
      failures->push_back("a fixture did not build");
      continue;
    }
    auto pre = Abstract(f->state);
    if (pre.is_error()) {
      failures->push_back("a fixture state is too large");
      continue;
    }
    for (const auto& [name, args] : f->layer_calls) {
      if (name != op.name) continue;
      model::StepResult r = RunOp(op, f->state, f->self, args);
      auto post = Abstract(r.state);
      z3::context c;
      ConcreteStep step = StepConcrete(c, op, Concrete{pre.value(), f->self, args}, &post.value());
      const std::string line = OpLine(op, args);
      if (step.taken.size() != 1) {
        failures->push_back(line + ": " + std::to_string(step.taken.size()) + " paths");
        continue;
      }
      const Path& p = step.taken.front();
      if (std::string diff = CompareWithModel(c, p, r); !diff.empty()) {
        failures->push_back(line + " (" + p.name + "): " + diff);
      }
      taken.insert(p.name);
    }
  }
  return taken;
}

// Every path of |op| but P-5 is taken on the fixtures, each call agreeing with the layer.
void ExpectEveryPathOnFixtures(const OpSpec& op) {
  std::vector<std::string> failures;
  std::set<std::string> taken = PathsOnFixtures(op, &failures);
  for (const std::string& f : failures) ADD_FAILURE() << f;
  z3::context c;
  for (const Path& p : StepOf(op, SymState::Fresh(c, "pre"), c.bv_const("caller", 64), FreshArgs(c, op))) {
    if (p.name.starts_with("P-5")) continue;
    EXPECT_TRUE(taken.count(p.name)) << op.name << ": no fixture call takes " << p.name;
  }
}

TEST(FidlSpec, EverySendPathAgreesWithTheLayerOnTheFixtures) { ExpectEveryPathOnFixtures(FidlSendOp()); }
TEST(FidlSpec, EveryRecvPathAgreesWithTheLayerOnTheFixtures) { ExpectEveryPathOnFixtures(FidlRecvOp()); }

// The fixtures' epitaph with status BAD_STATE returns it (FIDL-020 (2)): the path's status is
// the word read from the message.
TEST(FidlSpec, AnEpitaphStatusIsReadFromTheMessage) {
  auto f = FidlFixture(model::InitialState());
  ASSERT_TRUE(f.has_value());
  auto pre = Abstract(f->state);
  ASSERT_FALSE(pre.is_error());
  size_t seen = 0;
  for (const auto& [name, args] : f->layer_calls) {
    if (name != "fidl_recv") continue;
    z3::context c;
    ConcreteStep step = StepConcrete(c, FidlRecvOp(), Concrete{pre.value(), f->self, args});
    ASSERT_EQ(step.taken.size(), 1u);
    if (!step.taken.front().status_word) continue;
    EXPECT_EQ(StatusOn(step.taken.front()), ZX_ERR_BAD_STATE);
    ++seen;
  }
  EXPECT_EQ(seen, 1u);
}

// |a| with every slot's optional rights all rights: nothing is filtered (R | O covers all).
SymArgs AllOptional(const SymArgs& a, size_t column) {
  SymArgs out = a;
  Fn c = a.elems(column);
  out.buf[column] = c.Update([](const Args&, const z3::expr& old) {
    return z3::concat(old.ctx().bv_val(0xFFFFFFFFu, 32), old.extract(31, 0));
  });
  return out;
}

// FIDLRIGHTS-003 planted: a send that moves each handle with all its rights (no filtering).
Paths SendUnfiltered(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return FidlSendOp().step(pre, caller, AllOptional(a, 3));
}
// FIDLRIGHTS-006 planted: a receive that installs the rights the sender's handle had, never
// replacing one (the issue's "a channel read that installs the writer's rights instead of the
// filtered ones").
Paths RecvUnfiltered(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return FidlRecvOp().step(pre, caller, AllOptional(a, 2));
}

void ExpectDisagreesOnFixtures(const OpSpec& op, Step planted, const std::string& path) {
  std::vector<std::string> failures;
  PathsOnFixtures(Planted(op, planted), &failures);
  bool named = false;
  for (const std::string& f : failures) named = named || f.find("(" + path + ")") != std::string::npos;
  EXPECT_TRUE(named) << path << " agrees on every fixture call";
}

TEST(FidlSpec, ASendThatDoesNotFilterDisagrees) {
  ExpectDisagreesOnFixtures(FidlSendOp(), &SendUnfiltered, "FIDL-010 (4) ZX_OK");
}
TEST(FidlSpec, AReceiveThatDoesNotFilterDisagrees) {
  ExpectDisagreesOnFixtures(FidlRecvOp(), &RecvUnfiltered, "FIDL-020 (6) ZX_OK");
}

// A rights leak planted in the send: the handles of the sent message gain WRITE and MAP.
// rights-monotone rejects it with a counterexample the model does not share (an encoding bug).
Paths SendAddsRights(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = FidlSendOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name != "FIDL-010 (4) ZX_OK" || p.sends.empty()) continue;
    const z3::expr e = p.sends.front().endpoint, q = p.sends.front().position;
    const Fn sent = p.post.mh_rights;
    p.post.mh_rights = sent.Where([e, q](const Args& x) { return x[0] == e && x[1] == q; },
                                  [sent](const Args& x) {
                                    return sent(x) | x[0].ctx().bv_val(ZX_RIGHT_WRITE | ZX_RIGHT_MAP, 32);
                                  });
  }
  return paths;
}

TEST(FidlSpec, RightsMonotoneRejectsASendThatAddsRights) {
  ProveOptions o = Only({"rights-monotone"});
  o.walks = 1;  // its end tries the FIDL fixtures: their states are the candidates
  o.path_names = {"FIDL-010 (4) ZX_OK"};  // the path the leak is planted on
  ProveReport r = ProveOperation(Planted(FidlSendOp(), &SendAddsRights), o);
  const ProofRow& row = Row(r, "rights-monotone");
  ASSERT_EQ(row.status, ProofStatus::kCounterexample) << row.detail;
  ASSERT_TRUE(row.counterexample.has_value());
  EXPECT_EQ(row.counterexample->verdict, Verdict::kEncodingBug) << row.detail;
  EXPECT_NE(row.counterexample->zxs.find("fidl_send("), std::string::npos) << row.counterexample->zxs;
}

// The unplanted send keeps rights-monotone: the same run without the bug proves it.
TEST(FidlSpec, RightsMonotoneHoldsForTheSend) {
  ProveOptions o = Only({"rights-monotone"});
  o.walks = 0;
  ProveReport r = ProveOperation(FidlSendOp(), o);
  EXPECT_EQ(Row(r, "rights-monotone").status, ProofStatus::kProved) << Row(r, "rights-monotone").detail;
}

}  // namespace
}  // namespace zxspec::spec
