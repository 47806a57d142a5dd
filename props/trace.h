// File: props/trace.h
//
// What a suite run records: each executed step with its outcome and the few facts about the
// states around it that printing it as a scenario needs (how to name the caller, who owns the
// returned handles and what they are). The scenario writer (props/zxs.h) turns a trace into a
// replayable `.zxs` file; the campaign (props/check.h) counts (call, status) pairs from it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "props/gen.h"

namespace zxspec::props {

struct TraceStep {
  Action action;
  Outcome outcome;
  // False for an idle step: the caller could not act (the initial process had died, P-5), so
  // nothing ran; such steps are left out of scenarios.
  bool acted = true;
  // A handle to the caller in the initial process's table (0 when the caller is the initial
  // process): the `@name` of the scenario line.
  zx_handle_t caller_handle = 0;
  // The process whose table holds the returned handles (the caller; for process_start, the
  // target process), and the object type of each returned handle, in result order.
  zx_koid_t result_owner = 0;
  std::vector<zx_obj_type_t> result_types;
  // The outcome the property expected of this step (PropertyInfo::expected), pinned in full by
  // the scenario writer instead of |outcome|'s short form.
  std::optional<Outcome> expect;
};
using Trace = std::vector<TraceStep>;

// A call that shows what a property expected, for properties that no invariant restates: the
// scenario writer appends it after the last call of a counterexample with its expectation, so
// that the saved scenario fails on replay while the defect is there and passes once it is gone.
// Made by the property's `witness` function on the failing step (props/properties.h).
struct Witness {
  zx_koid_t caller = 0;          // a process that can act in the state after the step
  zx_handle_t caller_handle = 0;  // a handle to it in the initial process's table (0: initial)
  Call call;                      // handle arguments are values of the caller's table
  std::string expect;  // after "->" ("ZX_OK \"ab\"", "ZX_OK {flags: -IMMUTABLE}"); "": must be OK
  std::string why = {};  // one line, printed as a comment above the call
  // When set, the statement written instead of |call|, for lines that are not kernel calls
  // (fidl_recv, or a call on names an earlier raw line bound): "{h}" stands for the scenario
  // name of |raw_handle| in the caller's table.
  std::string raw = {};
  zx_handle_t raw_handle = 0;
  // The caller is dead (process-maps.md P-5): the harness refuses calls as a dead process, so
  // the line is written as a comment, and the scenario replays up to it.
  bool dead_caller = false;
};

// A handle to |process| in the initial process's table, by which a scenario line names it as
// caller (`@name`): 0 for the initial process itself, or when the initial process holds none.
zx_handle_t InitialHandleTo(const model::State& s, zx_koid_t process);

// The handle values |outcome| reports, in result order (none unless ZX_OK).
std::vector<zx_handle_t> ResultHandles(const Outcome& outcome);

// Records |action| run on |before| with result |after|.
TraceStep MakeTraceStep(const model::State& before, const Action& action,
                        const model::StepResult& after);
// Records an idle step (the caller could not act in |before|).
TraceStep MakeIdleStep(const Action& action);

}  // namespace zxspec::props
