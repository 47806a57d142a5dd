// File: spec/abstraction.h
//
// The bridge between model states and spec states.
//
// `Abstract` is the abstraction function: it lists a model::State's memories (by id), objects
// (by koid, i.e. creation order) and handles (other processes' and in-flight handles first,
// then the caller's by value) as slots, keeping the fields the spec state has. The caller's
// future handles and objects therefore land in the lowest free slots, exactly where the spec's
// transitions put them.
//
// `Concretize` goes the other way for counterexamples: it builds a model::State holding the
// initial environment plus one model object per live slot, so a spec counterexample replays on
// model::Step.
#pragma once

#include <map>
#include <string>

#include "api/result.h"
#include "model/state.h"
#include "spec/state.h"

namespace zxspec::spec {

struct Abstraction {
  StateValue value;
  std::map<zx_koid_t, uint64_t> object_slot;     // koid -> object slot
  std::map<zx_handle_t, uint64_t> caller_slot;   // caller's handle value -> handle slot
  // The spec argument for a handle value passed by the caller.
  uint64_t HandleArg(zx_handle_t h) const;
};

// |spare| dead slots are appended to each pool, so transitions that create things have room.
// Fails (ZX_ERR_OUT_OF_RANGE) when a pool would need more slots than the index width allows.
Result<Abstraction> Abstract(const model::State& s, zx_koid_t caller, size_t spare = 1);

struct Concretization {
  model::State state;
  zx_koid_t caller = 0;
  std::map<uint64_t, zx_handle_t> handle_value;  // caller handle slot -> value
  std::map<uint64_t, zx_koid_t> object_koid;     // live object slot -> koid
  // The concrete value of a handle argument (see kInvalidHandleArg in state.h).
  zx_handle_t HandleValue(uint64_t arg) const;
};

// Fails (ZX_ERR_NOT_SUPPORTED) for slots the model cannot hold: a VMO viewing no live memory, an
// object type the spec state does not describe.
Result<Concretization> Concretize(const StateValue& v);

// A handle value no table ever reaches (values count up from 1; this is the 2^29-th).
inline constexpr zx_handle_t kUnusedHandleValue = 0x7FFFFFF3u;

}  // namespace zxspec::spec
