// File: props/trace.h
//
// What a suite run records: each executed step with its outcome and the few facts about the
// states around it that printing it as a scenario needs (how to name the caller, who owns the
// returned handles and what they are). The scenario writer (props/zxs.h) turns a trace into a
// replayable `.zxs` file; the campaign (props/check.h) counts (call, status) pairs from it.
#pragma once

#include <optional>
#include <vector>

#include "model/model.h"
#include "props/gen.h"
#include "props/properties.h"

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
  // A property's witness (properties.h): the outcome the property expected of this step, pinned
  // in full by the scenario writer instead of |outcome|'s short form.
  std::optional<Outcome> expect;
  // A probe of the witness, run after the failing step (not a generated call).
  bool probe = false;
};
using Trace = std::vector<TraceStep>;

// The handle values |outcome| reports, in result order (none unless ZX_OK).
std::vector<zx_handle_t> ResultHandles(const Outcome& outcome);

// Records |action| run on |before| with result |after|.
TraceStep MakeTraceStep(const model::State& before, const Action& action,
                        const model::StepResult& after);
// Records a probe of a witness, run on |state| (the state after the failing step).
TraceStep MakeProbeStep(const model::State& state, const Probe& probe);
// Records an idle step (the caller could not act in |before|).
TraceStep MakeIdleStep(const Action& action);

}  // namespace zxspec::props
