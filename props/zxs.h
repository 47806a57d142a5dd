// File: props/zxs.h
//
// Prints a recorded trace as a replayable scenario file (docs/scenario-format.md):
//  - handles are named by their deterministic values: a handle returned into the initial
//    process's table is bound as `h<value>` (`p<value>` for processes), one returned into
//    another process's table as `k<koid>_h<value>`; the initial environment keeps `job`, `self`,
//    `root`, `vmex`; a value no line bound (stale, never valid, 0) prints as a literal;
//  - a call made by another process is prefixed `@p<value>`, the name of a handle to it in the
//    initial process's table;
//  - every line pins the status it returned (`-> ZX_ERR_...`; an OK line without handle
//    results pins its integer or short byte-string result too);
//  - then the property's witnesses, if it has any: calls whose expectations state what the
//    property expected (they fail on replay while a defect that no invariant sees is there);
//  - the file ends with `check_invariants()`, so it fails on replay while the defect is there.
#pragma once

#include <string>

#include "model/state.h"
#include "props/trace.h"

namespace zxspec::props {

struct ScenarioHeader {
  // The first line; when empty, "RULES: counterexample to property "PROPERTY" (zxspec props)".
  std::string title = {};
  // The comment above the last call of the trace.
  std::string last_call_note = "the property fails after the next call";
  // The comment above the witnesses.
  std::string witness_note = "what the property expected after it:";
  std::string property;   // the property id that failed
  std::string rules;      // its rule ids (first line of the file)
  std::string statement;  // its statement
  std::string message;    // what was wrong
  std::string origin;     // where it was found ("seed 7, case 3 (case seed 0x...)")
  std::string reproduce;  // RapidCheck's reproduce parameters, and how to run them
  std::string rerun;
  // What the property expected, as calls after the trace (props/trace.h `Witness`).
  std::vector<Witness> witnesses = {};
};

// |initial|: the state the trace started from (names the initial environment).
std::string FormatScenario(const Trace& trace, const model::State& initial,
                           const ScenarioHeader& header);

}  // namespace zxspec::props
