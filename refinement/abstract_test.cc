// Abstract / Canonical / CheckStep on hand-written call sequences (exemplars.md item 21).
#include "refinement/abstract.h"

#include <gtest/gtest.h>

#include "model/model.h"
#include "refinement/diff.h"
#include "refinement/refinement.h"

namespace zxspec::refinement {
namespace {

class Refinement : public ::testing::Test {
 protected:
  model::State s = model::InitialState();
  impl::ImplKernel k;
  zx_koid_t self = s.initial.self_koid;

  // Runs |c| on both sides; the step must check out.
  Outcome Step(const Call& c) {
    StepVerdict v = CheckStep(s, k, self, c);
    EXPECT_TRUE(v.ok()) << FailedName(v.failed) << "\n" << v.state_diff;
    return v.model_outcome;
  }
  zx_handle_t NewVmo(uint64_t size, uint32_t options = 0) {
    return std::get<HandleResult>(Step(VmoCreate{size, options}).payload).handle;
  }
};

// The initial environments agree field by field (scenario-format.md "Initial environment").
TEST_F(Refinement, InitialStatesAgree) {
  EXPECT_EQ(Abstract(k), Canonical(s)) << DiffStates(Canonical(s), Abstract(k));
  EXPECT_TRUE(CheckInitial(s, k).ok());
}

// HANDLE-001..032 and VMO-010..053 through both sides, state compared after every call.
TEST_F(Refinement, HandleAndVmoCallsRefine) {
  zx_handle_t v = NewVmo(10000, ZX_VMO_RESIZABLE);
  Step(VmoWrite{v, 4000, Bytes(300, 0xAB)});
  Step(VmoWrite{v, 9000, Bytes(10, 0)});  // zeros commit too (VMO-133)
  Step(VmoRead{v, 3990, 20});
  Step(VmoSetStreamSize{v, 100});
  Step(VmoSetSize{v, 4096});
  Step(VmoSetSize{v, 8192});
  Step(ObjectSetProperty{v, ZX_PROP_NAME, Bytes{'n', 'a', 'm', 'e'}});
  Step(ObjectGetInfo{v, ZX_INFO_VMO});
  Outcome dup = Step(HandleDuplicate{v, ZX_RIGHT_READ});
  zx_handle_t d = std::get<HandleResult>(dup.payload).handle;
  Step(HandleReplace{d, ZX_RIGHT_WRITE});  // widening: INVALID_ARGS, d closed
  Step(HandleClose{d});
  Step(HandleClose{v});  // the VMO and its memory go
  EXPECT_TRUE(s.memories.empty());
}

// Memory ids: the model's numbering may skip ids; the canonical forms still agree.
TEST_F(Refinement, CanonicalFormIgnoresMemoryNumbering) {
  zx_handle_t a = NewVmo(4096);
  NewVmo(4096);
  Step(HandleClose{a});
  EXPECT_EQ(s.memories.begin()->first, 2u);  // the model's own id
  EXPECT_EQ(Canonical(s).memories.begin()->first, 1u);
  EXPECT_EQ(Abstract(k), Canonical(s));
}

// A wrong abstraction is reported with the differing field.
TEST_F(Refinement, DiffNamesTheDifferingField) {
  NewVmo(4096);
  model::State other = Canonical(s);
  std::get<model::Vmo>(other.objects.rbegin()->second).name = "changed";
  std::string diff = DiffStates(Canonical(s), other);
  EXPECT_NE(diff.find("name"), std::string::npos) << diff;
  other.memories.begin()->second.content.Write(5, Bytes{1});
  diff = DiffStates(Canonical(s), other);
  EXPECT_NE(diff.find("first at byte 5"), std::string::npos) << diff;
}

// The representation invariant is not vacuous: a count that disagrees with the references that
// exist, or a page outside a memory's window, is reported (and fails the refinement step).
TEST_F(Refinement, RepInvariantDetectsCorruptedStructures) {
  zx_handle_t v = NewVmo(8192);
  Step(VmoWrite{v, 0, Bytes{1}});
  EXPECT_TRUE(RepInvariant(k).empty());
  auto* p = k.core().Find<impl::ProcessObj>(self);
  auto* vmo = impl::As<impl::VmoObj>(p->handles.Find(v)->object);
  ++const_cast<impl::VmoObj*>(vmo)->handle_count;  // corrupt on purpose
  auto out = RepInvariant(k);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rfind("handle-count:", 0), 0u) << out[0];
  --const_cast<impl::VmoObj*>(vmo)->handle_count;
  const_cast<impl::VmoObj*>(vmo)->memory->pages.Mutable(7).bytes[0] = 1;  // page 7 of 2
  out = RepInvariant(k);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rfind("page-window:", 0), 0u) << out[0];
  EXPECT_EQ(CheckStep(s, k, self, VmoGetSize{v}).failed, Failed::kRepInvariant);
}

}  // namespace
}  // namespace zxspec::refinement
