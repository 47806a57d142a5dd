// File: refinement/diff.h
//
// A readable difference between two model states, for reports of the differential runner: one
// line per object (by koid) or memory that is missing on one side or differs, naming the first
// differing field (and, for memories, the first differing byte).
#pragma once

#include <string>

#include "model/state.h"

namespace zxspec::refinement {

// "" when |a| == |b|; otherwise lines "koid 1030 (VMO): parent 1028 vs 0", labelled with
// |a_name| / |b_name| where an object exists on one side only.
std::string DiffStates(const model::State& a, const model::State& b,
                       std::string_view a_name = "model", std::string_view b_name = "impl");

}  // namespace zxspec::refinement
