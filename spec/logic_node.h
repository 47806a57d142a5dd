// File: spec/logic_node.h (internal to spec/logic.cc and spec/ground.cc)
//
// The node a `Formula` points to, and the helpers both the formula code and the grounding use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/logic.h"

namespace zxspec::spec {

struct Formula::Node {
  enum Kind { kAtom, kAnd, kOr, kNot, kQuant };
  Kind kind = kAtom;
  z3::context* ctx = nullptr;
  std::optional<z3::expr> atom;
  std::vector<Formula> kids;
  bool forall = true;
  std::vector<Sort> sorts;
  Body body;
  std::string name;
};


// Fresh constants, one per sort, for a quantifier's variables.
Args FreshVars(z3::context& c, const std::vector<Sort>& sorts);
// The conjunction / disjunction of |parts|, with true and false folded.
z3::expr AndOf(z3::context& c, const std::vector<z3::expr>& parts);
z3::expr OrOf(z3::context& c, const std::vector<z3::expr>& parts);

}  // namespace zxspec::spec
