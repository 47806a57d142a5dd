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

// Channel family (issue 4): rights only shrink along derivations (RIGHTS-002, CHAN-031/042,
// VMO-083/124 as the named additions); queued messages stay as written (CHAN-001, CHAN-042).
RC_GTEST_PROP(ModelProps, RightsLineage, ()) { Check("rights-lineage"); }
RC_GTEST_PROP(ModelProps, MessagesInTransit, ()) { Check("messages-in-transit"); }
// FIDL layer over the model (issue 4, FTP-028): default deny on receive.
RC_GTEST_PROP(ModelProps, FidlDefaultDeny, ()) { Check("fidl-default-deny"); }

// ---- family vmo (props/vmo_props.h) ----

// VMO-085, RFC-0080: an IMMUTABLE VMO never changes, whatever anyone does.
RC_GTEST_PROP(ModelProps, VmoImmutableStable, ()) { Check("vmo-immutable-stable"); }

// VMO-086/087: owners change only through themselves and their aliases.
RC_GTEST_PROP(ModelProps, VmoCowIsolation, ()) { Check("vmo-cow-isolation"); }

// VMO-088: a slice is its parent's bytes at its offset, both directions.
RC_GTEST_PROP(ModelProps, VmoSliceAlias, ()) { Check("vmo-slice-alias"); }

// VMO-089: a reference shows its parent's content, size and stream size.
RC_GTEST_PROP(ModelProps, VmoReferenceAlias, ()) { Check("vmo-reference-alias"); }

// RFC-0238: which calls change sizes and stream sizes.
RC_GTEST_PROP(ModelProps, VmoSizeFrame, ()) { Check("vmo-size-frame"); }

// VMO-083, VMAR-083: child handle rights.
RC_GTEST_PROP(ModelProps, VmoChildRights, ()) { Check("vmo-child-rights"); }

// VMO-080/081/085/131: what ZX_INFO_VMO reports for a new child.
RC_GTEST_PROP(ModelProps, VmoChildInfo, ()) { Check("vmo-child-info"); }

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
                                                "ModelProps/RightsLineage",
                                                "ModelProps/MessagesInTransit",
                                                "ModelProps/FidlDefaultDeny",
                                                // family vmo
                                                "ModelProps/VmoImmutableStable",
                                                "ModelProps/VmoCowIsolation",
                                                "ModelProps/VmoSliceAlias",
                                                "ModelProps/VmoReferenceAlias",
                                                "ModelProps/VmoSizeFrame",
                                                "ModelProps/VmoChildRights",
                                                "ModelProps/VmoChildInfo",
                                                // family vmar
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
