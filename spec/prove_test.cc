// The inductiveness prover: the default proofs all hold; planted bugs (a broken transition, a
// wrong invariant) are caught with counterexamples that replay on model::Step; each lemma is
// needed; the guards reject vacuous, contradictory and incomplete encodings; the report, its
// filters, table and JSON say what was proven.
#include "spec/prove.h"

#include <gtest/gtest.h>

#include "model/invariants.h"
#include "spec/facts.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

ProveOptions Only(std::vector<std::string> invariants, std::vector<std::string> operations = {}) {
  ProveOptions o;
  o.invariants = std::move(invariants);
  o.operations = std::move(operations);
  return o;
}

// VMO-002, RFC-0238, RIGHTS-002, RFC-0080 ...: every encoded invariant is inductive for every
// encoded operation, the initial state satisfies all of them, and the facts hold.
TEST(Prove, DefaultProofsAllHold) {
  ProveReport report = ProveAll(ProveOptions{});
  EXPECT_TRUE(report.ok()) << FormatTable(report);
  EXPECT_EQ(report.rows.size(), Operations().size() * SpecInvariants().size());
  EXPECT_TRUE(report.initial_state_failures.empty());
  EXPECT_EQ(report.facts.size(), Facts().size());
}

// Test the tester (exemplars item 22): set_size without VMO-042's truncation breaks
// stream-size-le-size; the counterexample is a genuine model state, the model agrees on the
// status, the spec's post-state really violates the model's checker, and model::Step itself
// (which truncates) keeps the invariant, so the bug is the encoder's.
TEST(Prove, PlantedBrokenSetSizeIsCaught) {
  auto rows = ProveOperation(SetSizeWithoutTruncationOp(), Only({"stream-size-le-size"}));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].status, ProofStatus::kCounterexample) << rows[0].detail;
  const Counterexample& cx = *rows[0].counterexample;
  EXPECT_EQ(cx.status, ZX_OK);
  ASSERT_TRUE(cx.replay.concretized) << cx.replay.note;
  EXPECT_TRUE(cx.replay.pre_ok) << cx.zxs;
  EXPECT_TRUE(cx.replay.status_agrees) << cx.zxs;
  EXPECT_FALSE(cx.replay.post_violates) << cx.zxs;
  ASSERT_TRUE(cx.call.has_value());
  EXPECT_TRUE(std::holds_alternative<VmoSetSize>(*cx.call));
  // The spec's post-state, built as a model state, fails the model's checker.
  auto post = Concretize(cx.post);
  ASSERT_TRUE(post.is_ok());
  EXPECT_TRUE(model::FindInvariant("stream-size-le-size")->check(post.value().state).has_value())
      << cx.zxs;
  EXPECT_NE(cx.zxs.find("vmo_set_size("), std::string::npos) << cx.zxs;
}

// A wrong invariant planted among the real ones ("every stream size equals its VMO size",
// true in the initial state) is not inductive for vmo_create, and model::Step on the
// counterexample really reaches a state where it is false.
z3::expr StreamSizeEqualsSize(const SymState& s) {
  std::vector<z3::expr> r;
  for (const auto& m : s.memories) r.push_back(z3::implies(m.alive, m.stream_size == m.size));
  return AndAll(s.ctx(), r);
}

TEST(Prove, PlantedWrongInvariantIsCaughtAndReplays) {
  std::vector<SpecInvariant> table(SpecInvariants().begin(), SpecInvariants().end());
  table.push_back({"test:stream-size-equals-size", false, "test", "wrong on purpose",
                   &StreamSizeEqualsSize});
  auto rows = ProveOperation(VmoCreateOp(), table, Only({"test:stream-size-equals-size"}));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].status, ProofStatus::kCounterexample) << rows[0].detail;
  const Counterexample& cx = *rows[0].counterexample;
  ASSERT_TRUE(cx.replay.concretized) << cx.replay.note;
  EXPECT_TRUE(cx.replay.status_agrees) << cx.zxs;
  auto pre = Concretize(cx.pre);
  ASSERT_TRUE(pre.is_ok());
  model::StepResult r = model::Step(pre.value().state, pre.value().caller, *cx.call);
  auto after = Abstract(r.state, pre.value().caller);
  ASSERT_TRUE(after.is_ok());
  z3::context c;
  EXPECT_FALSE(Ground(StreamSizeEqualsSize(SymState::Const(c, after.value().value)))) << cx.zxs;
}

// The strengthenings (spec/invariants.cc lemmas) are needed: without each, some catalog
// invariant has a counterexample to induction.
TEST(Prove, SliceMemoryLemmaIsNeededForVmoTreeConsistent) {
  ProveOptions o = Only({"vmo-tree-consistent"}, {"vmo_set_size"});
  o.not_assumed = {"lemma:slice-memory-fixed"};
  auto rows = ProveOperation(VmoSetSizeOp(), o);
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].status, ProofStatus::kCounterexample) << rows[0].detail;
  // The counterexample has a slice on a resizable memory (VMO-076 rules that out).
  const StateValue& pre = rows[0].counterexample->pre;
  bool slice_on_resizable = false;
  for (const auto& o2 : pre.objects) {
    if (o2.alive && o2.type == ZX_OBJ_TYPE_VMO && o2.kind == kKindSlice &&
        o2.memory < pre.memories.size() && pre.memories[o2.memory].resizable) {
      slice_on_resizable = true;
    }
  }
  EXPECT_TRUE(slice_on_resizable) << rows[0].detail;
  // The catalog invariant alone is not inductive for the model either: model::Step on the
  // counterexample breaks the model's own checker.
  EXPECT_TRUE(rows[0].counterexample->replay.post_violates) << rows[0].detail;
}

TEST(Prove, MappingsLemmaIsNeededForImmutability) {
  ProveOptions o = Only({"immutability"});
  o.not_assumed = {"lemma:mappings-live"};
  auto rows = ProveOperation(VmoCreateChildOp(), o);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, ProofStatus::kCounterexample) << rows[0].detail;
}

TEST(Prove, StreamsHaveVmoIsNeededForStreamWrites) {
  ProveOptions o = Only({"stream-size-le-size"});
  o.not_assumed = {"streams-have-vmo"};
  auto rows = ProveOperation(StreamWritevOp(), o);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, ProofStatus::kVacuous) << rows[0].detail;
  EXPECT_NE(rows[0].detail.find("no path"), std::string::npos) << rows[0].detail;
}

// ---- guards ----

SymStep Contradiction(const SymState& pre, const SymArgs& a) {
  SymStep s = VmoSetSizeOp().step(pre, a);
  s.assumes.push_back({"arg:contradiction", pre.ctx().bool_val(false)});
  return s;
}

TEST(Prove, ContradictoryAssumptionsAreVacuousAndNamed) {
  OpSpec op = VmoSetSizeOp();
  op.step = &Contradiction;
  auto rows = ProveOperation(op, Only({"stream-size-le-size"}));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, ProofStatus::kVacuous);
  EXPECT_NE(rows[0].detail.find("arg:contradiction"), std::string::npos) << rows[0].detail;
}

SymStep NeverSucceeds(const SymState& pre, const SymArgs&) {
  return {Fail(pre, pre.ctx().bool_val(true), ZX_ERR_NOT_SUPPORTED), {}};
}

TEST(Prove, AnOperationThatCannotSucceedIsVacuous) {
  OpSpec op = VmoSetSizeOp();
  op.step = &NeverSucceeds;
  auto rows = ProveOperation(op, Only({"stream-size-le-size"}));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, ProofStatus::kVacuous);
  EXPECT_NE(rows[0].detail.find("ZX_OK"), std::string::npos) << rows[0].detail;
}

SymStep OnlyHandleSlotZero(const SymState& pre, const SymArgs& a) {
  SymStep s = VmoSetSizeOp().step(pre, a);
  s.paths = Guard(a[0] == 0, s.paths);  // forgets every other handle
  return s;
}

TEST(Prove, AnEncodingWithAGapIsVacuous) {
  OpSpec op = VmoSetSizeOp();
  op.step = &OnlyHandleSlotZero;
  auto rows = ProveOperation(op, Only({"stream-size-le-size"}));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, ProofStatus::kVacuous);
  EXPECT_NE(rows[0].detail.find("no path"), std::string::npos) << rows[0].detail;
}

SymStep IllSorted(const SymState& pre, const SymArgs& a) {
  z3::expr bad = a[0] + a[1];  // 8-bit + 64-bit: z3 throws
  return {Ok(pre), {{"arg:bad", bad == bad}}};
}

TEST(Prove, Z3ErrorsBecomeUnknownRows) {
  OpSpec op = VmoSetSizeOp();
  op.step = &IllSorted;
  auto rows = ProveOperation(op, Only({"stream-size-le-size"}));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, ProofStatus::kUnknown);
  EXPECT_NE(rows[0].detail.find("z3 error"), std::string::npos) << rows[0].detail;
}

// "unknown counts as failure", and so do counterexamples and vacuous rows.
TEST(Prove, OnlyProvedRowsMakeAReportOk) {
  ProveReport r;
  r.rows.push_back(ProofRow{"stream-size-le-size", "vmo_create", ProofStatus::kProved, 1, "", {}});
  EXPECT_TRUE(r.ok());
  for (auto s : {ProofStatus::kUnknown, ProofStatus::kCounterexample, ProofStatus::kVacuous}) {
    ProveReport bad = r;
    bad.rows.push_back(ProofRow{"rights-bounded", "vmo_create", s, 1, "", {}});
    EXPECT_FALSE(bad.ok()) << ToString(s);
  }
  ProveReport init = r;
  init.initial_state_failures.push_back("x: false");
  EXPECT_FALSE(init.ok());
}

// ---- report ----

TEST(Prove, FiltersTableAndJson) {
  ProveOptions o = Only({"stream-size-le-size"}, {"vmo_set_size", "vmo_set_stream_size"});
  ProveReport r = ProveAll(o);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_TRUE(r.ok()) << FormatTable(r);
  std::string table = FormatTable(r);
  EXPECT_NE(table.find("vmo_set_size"), std::string::npos) << table;
  EXPECT_NE(table.find("stream-size-le-size"), std::string::npos) << table;
  EXPECT_NE(table.find("2 proved"), std::string::npos) << table;
  nlohmann::json j = ToJson(r);
  EXPECT_TRUE(j["ok"].get<bool>());
  ASSERT_EQ(j["rows"].size(), 2u);
  EXPECT_EQ(j["rows"][0]["invariant"], "stream-size-le-size");
  EXPECT_EQ(j["rows"][0]["status"], "proved");
  EXPECT_EQ(j["summary"]["proved"], 2);
  EXPECT_EQ(j["bounds"]["objects"], Bounds{}.objects);
}

TEST(Prove, CounterexamplesAppearInTableAndJson) {
  std::vector<ProofRow> rows =
      ProveOperation(SetSizeWithoutTruncationOp(), Only({"stream-size-le-size"}));
  ProveReport r;
  r.rows = rows;
  std::string table = FormatTable(r);
  EXPECT_NE(table.find("COUNTEREX"), std::string::npos) << table;
  EXPECT_NE(table.find("does not preserve stream-size-le-size"), std::string::npos) << table;
  nlohmann::json j = ToJson(r);
  EXPECT_EQ(j["rows"][0]["status"], "counterexample");
  EXPECT_TRUE(j["rows"][0]["counterexample"]["replay"]["concretized"].get<bool>());
  EXPECT_EQ(j["rows"][0]["counterexample"]["status"], "ZX_OK");
}

TEST(Prove, ProofsForNamesTheOperations) {
  auto refs = ProofsFor("stream-size-le-size");
  ASSERT_EQ(refs.size(), Operations().size());
  bool set_size = false;
  for (const auto& r : refs) set_size = set_size || r.operation == "vmo_set_size";
  EXPECT_TRUE(set_size);
  EXPECT_TRUE(ProofsFor("channels-paired").empty());  // no spec state for channels
  EXPECT_TRUE(ProofsFor("no-such-invariant").empty());
}

TEST(Prove, FactsHold) {
  for (const auto& row : ProveFacts(ProveOptions{})) {
    EXPECT_EQ(row.status, ProofStatus::kProved) << row.invariant << " " << row.detail;
  }
}

}  // namespace
}  // namespace zxspec::spec
