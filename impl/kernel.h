// File: impl/kernel.h
//
// `ImplKernel`: the optimized implementation of the kernel interface (api/kernel.h). Same
// semantics as the reference model (model/), compared outcome by outcome and state by state by
// refinement/; different data structures (impl/objects.h): a flat handle table per process,
// copy-on-write radix page trees shared with SNAPSHOT children, run sets for held pages and
// permissions, ordered interval maps for VMAR children, incremental reference counts instead of
// whole-state garbage collection.
//
// impl/ depends on api/ only; it never includes model/.
#pragma once

#include <string>
#include <vector>

#include "api/kernel.h"
#include "impl/core.h"

namespace zxspec::impl {

// Whether the implementation gives |call| a meaning.
bool Implements(const Call& call);

class ImplKernel final : public Kernel {
 public:
  ImplKernel() = default;

  std::string_view Name() const override { return "impl"; }
  InitialEnvironment Initial() const override { return core_.initial(); }
  CallerState Caller(zx_koid_t process) const override;
  bool Models(const Call& call) const override { return Implements(call); }
  Outcome Apply(zx_koid_t caller, const Call& call) override;
  // The representation invariant (impl/invariants.cc), as "id: what is wrong" lines.
  std::vector<std::string> CheckInvariants() const override;

  // Read-only access to the structures, for refinement/ and tests.
  const Core& core() const { return core_; }

 private:
  Core core_;
};

// The representation invariant of |core|: counts match the references that exist, parent and
// child links agree, interval maps are ordered and non-overlapping, page sets and handle tables
// are well formed. One line per violation; empty when all hold.
std::vector<std::string> RepInvariant(const Core& core);

}  // namespace zxspec::impl
