// File: props/gen_rights.h (internal to the generator)
//
// The rights each call needs on a handle argument, as the rulebook states them, so that the
// generator can derive handles that are exactly one right short of what some call needs (the
// ACCESS_DENIED branch of GEN-001 step 3 and of the calls that check rights themselves).
#pragma once

#include <span>
#include <string_view>

#include "api/zircon.h"

namespace zxspec::props {

struct RightsNeed {
  std::string_view call;  // api/syscalls.h name
  zx_obj_type_t type;     // object type of the handle argument
  zx_rights_t rights;     // rights the rulebook requires (for one common use of the call)
  bool any_of;            // true: one of |rights| suffices (stream_seek); "short" drops them all
  std::string_view rule;  // the rule that requires them
};

std::span<const RightsNeed> RightsNeeds();

// |have| one right short of |need|: |have| without one bit of |need.rights| (chosen by
// |pick|, modulo the number of bits), or without all of them when |need.any_of|.
zx_rights_t OneShort(zx_rights_t have, const RightsNeed& need, size_t pick);

}  // namespace zxspec::props
