// The RapidCheck state-machine suite over the reference model: one RC_GTEST_PROP per property of
// props/properties.h, each running generated call sequences through model::Step and checking
// the property after every step. ctest bounds them by count (RC_PARAMS in props/CMakeLists.txt);
// a failure prints RapidCheck's shrunk command list and its reproduce parameters and leaves the
// shrunk run as a .zxs file (its path is in the report's log). The test names are the `gtest_id`s of
// the property table, which RapidCheck's reproduce strings are keyed by.
#include <gtest/gtest.h>

#include <cstdlib>
#include <rapidcheck/gtest.h>

#include "props/suite.h"
#include "props/zygote.h"

namespace zxspec::props {
namespace {

// Counterexamples go to $ZXSPEC_PROPS_OUT, else to props-counterexamples/ under the working
// directory (build/props under ctest).
std::string OutDir() {
  const char* dir = std::getenv("ZXSPEC_PROPS_OUT");
  return dir != nullptr ? dir : "props-counterexamples";
}

void Check(std::string_view id) {
  const PropertyInfo* property = FindProperty(id);
  RC_ASSERT(property != nullptr);
  CheckSequenceAndSave(*property, &model::Step, OutDir());
}

// After every step every invariant of model/invariants.h holds (VMO-002, HANDLE-001, ...).
RC_GTEST_PROP(ModelProps, Invariants, ()) { Check("invariants"); }

// Failed calls change nothing, except the rulebook's named error effects (HANDLE-031, ...).
RC_GTEST_PROP(ModelProps, ErrorNoEffect, ()) { Check("error-no-effect"); }

// HANDLE-001/002: koids and handle values are fresh and never reused.
RC_GTEST_PROP(ModelProps, Identities, ()) { Check("identities"); }

// RIGHTS-002: a live handle keeps its object and rights.
RC_GTEST_PROP(ModelProps, HandlesStable, ()) { Check("handles-stable"); }

// model::Step is a function of its inputs.
RC_GTEST_PROP(ModelProps, Deterministic, ()) { Check("deterministic"); }

// Address-space family (props/vmar_props.h).
// VMAR-021/027: a new mapping's max_perms come from the rights of both handles.
RC_GTEST_PROP(ModelProps, VmarMapRights, ()) { Check("vmar-map-rights"); }

// VMAR-002/027: no step widens what a mapped page may become beyond its map-time rights.
RC_GTEST_PROP(ModelProps, VmarPermsOrigin, ()) { Check("vmar-perms-origin"); }

// VMAR-060: SPECIFIC at base + offset, otherwise the lowest legal base.
RC_GTEST_PROP(ModelProps, VmarPlacement, ()) { Check("vmar-placement"); }

// Seed RFC-0253: VMAR_MAPS agrees with PROCESS_MAPS for every live VMAR.
RC_GTEST_PROP(ModelProps, VmarMapsAgree, ()) { Check("vmar-maps-agree"); }

// Seed RFC-0013: a VMO made from a mapping reads as the mapped range did.
RC_GTEST_PROP(ModelProps, VmarVmoChildContent, ()) { Check("vmar-vmo-child-content"); }

// Seed RFC-0013's zygote (props/zygote.h): clones of every mapping, mapped at the same
// addresses in a new process, read alike at clone time and stay apart afterwards.
RC_GTEST_PROP(ZygoteProps, ClonesMatchAndStayApart, ()) { zygote::ZygoteProperty(OutDir()); }

// Every property of the table has a test here, under its gtest_id.
TEST(ModelProps, EveryPropertyHasATest) {
  const std::vector<std::string_view> tested = {"ModelProps/Invariants", "ModelProps/ErrorNoEffect",
                                                "ModelProps/Identities", "ModelProps/HandlesStable",
                                                "ModelProps/Deterministic",
                                                "ModelProps/VmarMapRights",
                                                "ModelProps/VmarPermsOrigin",
                                                "ModelProps/VmarPlacement",
                                                "ModelProps/VmarMapsAgree",
                                                "ModelProps/VmarVmoChildContent"};
  for (const auto& p : Properties()) {
    EXPECT_NE(std::find(tested.begin(), tested.end(), p.gtest_id), tested.end()) << p.id;
  }
}

}  // namespace
}  // namespace zxspec::props
