// File: refinement/zxs.h
//
// A disagreement of the differential runner (any target) as a replayable `.zxs` scenario
// (`zxspec diff` prints it and `--save DIR` writes it). The calls before the disagreement and
// the call itself run on the model and are printed by the scenario writer of props/
// (props/zxs.h): results are bound to names (`h23`, `@p31`), every line pins the model's
// status, the diverging call pins the model's whole outcome, and the file ends with
// check_invariants(). So the file passes on `--target model` and, replayed with
// `zxspec run --target both` (or on the target's kernel), stops at the same divergence:
//  - outcomes differ: at the diverging line (the targets disagree);
//  - the implementation's representation invariant fails: at the final check_invariants();
//  - only the states differ (same outcomes): the writer appends an observing call (handle info,
//    a VMO's sizes, info record or bytes, a VMAR's maps, a stream's info, a channel read) on a
//    live handle of the initial process, the first whose outcome differs between the two sides,
//    with the model's outcome as its expectation; the targets disagree there.
#pragma once

#include <string>

#include "refinement/run_diff.h"

namespace zxspec::refinement {

struct DisagreementScenario {
  std::string text;  // the .zxs file
  // Whether a state-only difference found an observing call (always true for the other kinds).
  bool observable = true;
};

// |report| must hold a disagreement (report.first).
DisagreementScenario ScenarioOf(const DiffReport& report);

}  // namespace zxspec::refinement
