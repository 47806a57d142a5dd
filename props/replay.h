// File: props/replay.h
//
// A small interpreter for the scenarios props/zxs.h prints, used by the props self-tests to
// show that a saved counterexample fails on replay (and passes once the defect is gone). It
// reads the subset of /work/shared/scenario-format.md the writer emits: `@name` callers,
// `OUT, ... =` bindings, every kernel call with literal or named arguments, constant names and
// flag sets, strings and zeros(N), handle and disposition lists, `-> STATUS [result]`
// expectations and `check_invariants()`. The project's scenario runner (`zxspec run`) is the
// full implementation; this one exists so the props tests do not depend on it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "props/properties.h"

namespace zxspec::props {

struct ReplayResult {
  bool passed = false;
  size_t line = 0;      // the first failing line (1-based), 0 when passed
  std::string message;  // what failed there
};

// Runs |text| from model::InitialState() through |step|.
ReplayResult ReplayScenario(std::string_view text, const StepFn& step);

}  // namespace zxspec::props
