// File: spec/obligations.h
//
// Step obligations: two-state properties of every transition, over the pre-state, one path of
// the operation and its post-state. They are what seeds RFC-0080 and FTP-028 promise of a call,
// which no single-state invariant can say:
//
//   immutable-stable  a VMO IMMUTABLE before the call and alive after it is still IMMUTABLE,
//                     with the same size, stream size and bytes (RFC-0080, VMO-085);
//   rights-monotone   a handle alive before and after keeps its object and rights; a new
//                     handle to an object that existed before holds no right beyond the
//                     handle it was derived from, plus what the rulebook names (VMO-124
//                     EXECUTE through vmex, ...). The source is the path's `Install` record,
//                     part of the encoding: a new handle no record accounts for fails
//                     (RIGHTS-002, FTP-028). The same for handles in transit: a queued slot
//                     keeps its object and rights (at the same or, after a read, the next
//                     position), or belongs to a message the path sends (`Send`), within
//                     the sender's handle (CHAN-022, CHAN-032);
//   mapping-perms-derived  a mapping alive after the call existed before with the same
//                     max_perms, or the path's `Grant` record bounds it: within the rights
//                     of the two handles vmar_map was given (VMAR-027), or the max_perms of
//                     the mapping an unmap split it from (VMAR-033);
//   size-frame        only operations the rulebook lets change sizes change a live VMO's size
//                     or stream size (RFC-0238);
//   error-no-effect   a failing call changes nothing but the effects the rulebook names for
//                     that error (GEN-002, HANDLE-031, VMO-121, CHAN-021).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "spec/ops.h"

namespace zxspec::spec {

struct ObligationInput {
  const OpSpec& op;
  const SymState& pre;
  const z3::expr& caller;
  const SymArgs& args;
  const Path& path;
};

struct StepObligation {
  std::string_view id;
  std::string_view statement;
  std::string_view rules;
  // The obligation on one path, or nullopt where it says nothing (error-no-effect on a
  // successful path).
  std::function<std::optional<Formula>(const ObligationInput& in)> encode;
};

std::span<const StepObligation> StepObligations();
const StepObligation* FindStepObligation(std::string_view id);

}  // namespace zxspec::spec
