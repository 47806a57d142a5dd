// The predicate language (spec/predicate.h): what it parses, the place and text of each error,
// and what a parsed predicate means on concrete model states (its Formula evaluated exactly
// over the abstraction of a model::State, spec/logic.h EvaluateConcrete).
#include "spec/predicate.h"

#include <gtest/gtest.h>

#include "model/model.h"
#include "spec/abstraction.h"

namespace zxspec::spec {
namespace {

std::string ErrorOf(std::string_view text, bool two_state = false) {
  std::string error;
  auto p = Predicate::Parse(text, "q.zxp", two_state, &error);
  EXPECT_EQ(p, nullptr) << text;
  return error;
}

// The value of |text| on |state| (and |pre| for a step predicate).
bool Holds(const std::string& text, const model::State& state, const model::State* pre = nullptr) {
  std::string error;
  auto p = Predicate::Parse(text, "<expr>", pre != nullptr, &error);
  EXPECT_NE(p, nullptr) << error;
  if (p == nullptr) return false;
  z3::context c;
  auto post = Abstract(state);
  EXPECT_TRUE(post.is_ok());
  SymState s = ConcreteState(c, post.value());
  Formula f = p->Over(s);
  if (pre != nullptr) {
    auto before = Abstract(*pre);
    EXPECT_TRUE(before.is_ok());
    f = p->Over(ConcreteState(c, before.value()), s);
  }
  z3::expr v = EvaluateConcrete(f);
  EXPECT_TRUE(v.is_true() || v.is_false()) << text << ": " << v;
  return v.is_true();
}

// The initial state, and the same after self creates a 2-page VMO (h = its handle) and maps it
// read-only into its root VMAR.
struct States {
  model::State initial = model::InitialState();
  model::State with_vmo;
  zx_handle_t vmo = 0;
  States() {
    zx_koid_t self = initial.initial.self_koid;
    model::StepResult r = model::Step(initial, self, VmoCreate{2 * ZX_PAGE_SIZE, 0});
    EXPECT_EQ(r.outcome.status, ZX_OK);
    vmo = std::get<HandleResult>(r.outcome.payload).handle;
    r = model::Step(r.state, self,
                    VmarMap{initial.initial.root, ZX_VM_PERM_READ, 0, vmo, 0, 2 * ZX_PAGE_SIZE});
    EXPECT_EQ(r.outcome.status, ZX_OK);
    with_vmo = r.state;
  }
};

TEST(PredicateTest, MeansWhatItSaysOnModelStates) {
  States st;
  EXPECT_TRUE(Holds("exists p: process: p.started && !p.dead", st.initial));
  EXPECT_FALSE(Holds("exists v: vmo: true", st.initial));
  EXPECT_TRUE(Holds("exists h: handle: h.type == ZX_OBJ_TYPE_VMAR && h.rights has ZX_RIGHT_WRITE",
                    st.initial));
  EXPECT_FALSE(Holds("exists m: mapping: true", st.initial));
  EXPECT_TRUE(Holds("exists v: vmo: v.size == 0x2000 && v.stream_size == 0x2000", st.with_vmo));
  EXPECT_TRUE(Holds("forall m: mapping: m.readable && !m.writable && m.size == PAGE_SIZE + PAGE_SIZE",
                    st.with_vmo));
  EXPECT_TRUE(Holds("forall m: mapping, v: vmo: m.vmo == v => !(m.max_perms has ZX_VM_PERM_WRITE) "
                    "|| !v.immutable",
                    st.with_vmo));
  EXPECT_TRUE(Holds("exists h: handle, v: vmo: h.object == v && h.value == " + std::to_string(st.vmo),
                    st.with_vmo));
  EXPECT_FALSE(Holds("exists h: handle: h.rights has ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE && "
                     "h.type == ZX_OBJ_TYPE_VMO",
                     st.with_vmo));
}

TEST(PredicateTest, StepPredicatesReadThePreStateInOld) {
  States st;
  EXPECT_TRUE(Holds("exists v: vmo: !old(alive(v))", st.with_vmo, &st.initial));
  EXPECT_FALSE(Holds("exists v: vmo: old(alive(v))", st.with_vmo, &st.initial));
  EXPECT_TRUE(Holds("forall h: handle: old(alive(h.object)) => old(exists g: handle: g.value == "
                    "h.value)",
                    st.with_vmo, &st.initial));
  EXPECT_TRUE(Holds("old(forall v: vmo: false)", st.with_vmo, &st.initial));
  EXPECT_TRUE(Holds("forall h: handle: old(alive(h)) => h.rights == old(h.rights) && alive(h)",
                    st.with_vmo, &st.initial));
  EXPECT_FALSE(Holds("forall h: handle: old(alive(h))", st.with_vmo, &st.initial));
}

TEST(PredicateTest, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(ErrorOf("forall v: vmoo: true"), "q.zxp:1:11: unknown kind 'vmoo'; kinds: object, vmo, "
                                             "handle, process, vmar, mapping, stream, channel, job");
  EXPECT_EQ(ErrorOf("forall v: vmo:\n  v.sise > 0"),
            "q.zxp:2:5: a vmo has no field 'sise'; fields: koid size stream_size parent immutable "
            "resizable discardable slice");
  EXPECT_EQ(ErrorOf("exists v: vmo: v.size"), "q.zxp:1:16: the body of exists must be a truth value, not a number");
  EXPECT_EQ(ErrorOf("exists v: vmo: v.immutable + 1 > 0"),
            "q.zxp:1:16: the left operand of '+' must be a number, not a truth value");
  EXPECT_EQ(ErrorOf("exists h: handle: h == 3"),
            "q.zxp:1:19: 'h' is a handle, not a number: name one of its fields (h.field)");
  EXPECT_EQ(ErrorOf("exists v: vmo: old(v.size) > 0"),
            "q.zxp:1:16: old(...) reads the pre-state of a call: only in a step predicate (prove "
            "--assert --step)");
  EXPECT_EQ(ErrorOf("exists v: vmo: v.size > ZX_RIGHT_WRIT"),
            "q.zxp:1:25: unknown name 'ZX_RIGHT_WRIT': not a bound variable, nor a Zircon constant "
            "(by its full name, e.g. ZX_RIGHT_WRITE)");
  EXPECT_EQ(ErrorOf("exists v: vmo: (v.size > 0"), "q.zxp:1:27: expected ')' to close the '(' at 1:16, found the end");
  EXPECT_EQ(ErrorOf("exists v: vmo, v: vmo: true"), "q.zxp:1:16: 'v' is already bound");
  EXPECT_EQ(ErrorOf("true true"), "q.zxp:1:6: unexpected 'true' after the predicate");
  EXPECT_EQ(ErrorOf("1 == true"), "q.zxp:1:3: '==' compares a truth value with a number");
  EXPECT_EQ(ErrorOf("99999999999999999999 > 0"), "q.zxp:1:1: number does not fit in 64 bits");
  EXPECT_EQ(ErrorOf("0x > 0"), "q.zxp:1:1: a hexadecimal number needs digits after 0x");
  EXPECT_EQ(ErrorOf("12ab > 0"), "q.zxp:1:1: malformed number '12a'");
  EXPECT_EQ(ErrorOf("  # only a comment\n"), "q.zxp:1:1: empty predicate");
  EXPECT_EQ(ErrorOf("true && \xff"), "q.zxp:1:9: unexpected byte 0xff (a predicate is ASCII)");
  EXPECT_EQ(ErrorOf("true && $"), "q.zxp:1:9: unexpected character '$'");
  EXPECT_EQ(ErrorOf("a && forall v: vmo: true"),
            "q.zxp:1:1: unknown name 'a': not a bound variable, nor a Zircon constant (by its full "
            "name, e.g. ZX_RIGHT_WRITE)");
  EXPECT_EQ(ErrorOf("true && forall v: vmo: true"),
            "q.zxp:1:9: 'forall' cannot stand here (parenthesize a quantifier inside an expression)");
}

TEST(PredicateTest, InputIsBounded) {
  std::string deep(100, '(');
  EXPECT_NE(ErrorOf(deep + "true").find("nested more than 64 levels deep"), std::string::npos);
  std::string nots(200, '!');
  EXPECT_NE(ErrorOf(nots + "true").find("nested more than 64 levels deep"), std::string::npos);
  std::string huge(kMaxPredicateBytes + 1, ' ');
  EXPECT_EQ(ErrorOf(huge + "true"), "q.zxp:1:1: a predicate is at most 65536 bytes");
  std::string chain = "true";
  for (int i = 0; i < 3000; ++i) chain += " || true";
  EXPECT_EQ(ErrorOf(chain), "q.zxp:1:16385: a predicate is at most 4096 tokens");
  std::string error;
  EXPECT_NE(Predicate::Parse(std::string(40, '(') + "true" + std::string(40, ')'), "q", false, &error),
            nullptr)
      << error;
}

}  // namespace
}  // namespace zxspec::spec
