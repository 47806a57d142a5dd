// File: spec/reach.h
//
// `zxspec reach EXPR --depth K` (issue 16): bounded model checking of the Z3 transitions. From
// model::InitialState() (as concrete spec tables) the encoded calls are unrolled step by step:
// step k has a fresh caller, fresh arguments for every encoded call and a selector naming the
// one path (call and way it ends) taken; the state after it is each field's pre-state value
// overwritten by the selected path's post-state (spec/fn.h), so state k is a term over the
// arguments of steps 1..k. For depth d = 1, 2, .. K the solver is asked for a selector and
// arguments sequence whose last state satisfies EXPR (spec/predicate.h); the first depth with an
// answer gives the shortest sequence. Quantifiers (EXPR's, the guards' and the choice
// constraints') are grounded as in the proofs (spec/logic.h): an unsat answer is a proof that no
// sequence of d encoded calls reaches EXPR; a sat answer is a candidate, replayed call by call
// on model::Step (each call must end with the path's status) and EXPR evaluated exactly on the
// model's last state before it is reported.
//
// Two simplifications keep the unrolling small, both sound for "unreachable" (they add
// behaviour, never remove it): a path that changes nothing is left out (a shortest sequence never
// takes one), and garbage collection is left free (the "gc:" choice constraints of
// spec/lifecycle.h are not assumed: a step may destroy what the model would keep). Universal
// instances are capped per path. A candidate these admit that the model does not is caught by
// the replay and reported as unknown, never as reached.
//
// Bounds, stated with every answer: at most |depth| calls, each one of the encoded calls
// (spec/ops.h; the calls zxspec prove does not encode, e.g. mem_write, are never used), made by
// the initial process unless `any_caller`, and a buffer argument (bytes, handle values) of at
// most kReachMaxBuffer elements.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/ops.h"
#include "spec/predicate.h"

namespace zxspec::spec {

inline constexpr uint64_t kReachMaxBuffer = 16;
inline constexpr unsigned kReachMaxDepth = 12;

struct ReachOptions {
  unsigned depth = 4;
  unsigned timeout_ms = 60000;          // per depth
  std::vector<std::string> operations;  // the calls a sequence may use (empty: every encoded one)
  bool smt2 = false;                    // keep each depth's query as SMT-LIB 2
  // Every call is made by the initial process (`self`), unless any live process may make it.
  bool any_caller = false;
};

enum class ReachAnswer { kReached, kUnreachable, kUnknown };
std::string_view ToString(ReachAnswer a);  // "reached", "unreachable", "unknown"

struct ReachReport {
  std::string expr;
  ReachAnswer answer = ReachAnswer::kUnknown;
  unsigned depth = 0;               // kReached: calls in the sequence; else the depth searched
  std::vector<std::string> calls;   // kReached: "<call line> -> STATUS   # path <name>" each
  std::string zxs;                  // kReached: the sequence as a scenario (it passes on the model)
  std::string detail;               // kUnknown: why; kReached: the bounds
  std::vector<double> ms_per_depth; // solver time, depth 1 first
  size_t operations = 0;            // calls the sequences could use
  bool any_caller = false;          // ReachOptions::any_caller
  std::string smt2;                 // ReachOptions::smt2: one block per depth
  double total_ms = 0;
};

ReachReport Reach(const Predicate& goal, const ReachOptions& options,
                  std::span<const OpSpec> ops = Operations());

std::string FormatText(const ReachReport& r);
nlohmann::json ToJson(const ReachReport& r);

}  // namespace zxspec::spec
