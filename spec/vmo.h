// File: spec/vmo.h (internal to spec/)
//
// The part of zx_vmo_create_child (spec/vmo.cc) that zx_vmar_create_vmo_child (spec/vmar_child.cc,
// VMAR-082 (8)) shares with it.
#pragma once

#include <string>

#include "spec/encode.h"

namespace zxspec::spec {

// zx_vmo_create_child after its handle lookup, for a SNAPSHOT-family child of the VMO |h.object|:
// VMO-073 (a discardable parent), VMO-074 (the option bits), VMO-075 (the range), then the child
// (VMO-080..087) and its handle. |h.rights| stands for the parent handle's rights in VMO-082 (the
// name is copied with GET_PROPERTY) and VMO-083 (the child's rights, recorded as |rights_rule|).
// The caller has excluded the option bits of the other child types (SLICE, REFERENCE).
Paths CreateSnapshotChild(const SymState& pre, const z3::expr& caller, const FoundHandle& h,
                          const z3::expr& options, const z3::expr& offset, const z3::expr& size,
                          const std::string& rights_rule);

}  // namespace zxspec::spec
