// File: spec/predicate_ast.h (internal to spec/predicate*.cc)
//
// The syntax tree of a predicate (spec/predicate.h) and the vocabulary it is checked against:
// the kinds a variable may range over and the fields of each. The parser (predicate_parse.cc)
// builds a tree whose every node is typed (a truth value or a 64-bit number) and whose every
// field exists; the compiler (predicate.cc) turns it into a Formula.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "spec/logic.h"
#include "spec/state.h"

namespace zxspec::spec {

// What a variable ranges over: the live things of one kind, identified by a tuple of |sorts|.
struct PredicateKind {
  const char* name;  // "vmo", "handle", ...
  std::vector<Sort> sorts;
  z3::expr (*live)(const SymState& s, const Args& id);
  const char* meaning;
};

// A field of a kind: a number (|value|) or a truth value (|truth|, may quantify).
struct PredicateField {
  const char* kind;  // the kind's name
  const char* name;
  z3::expr (*value)(const SymState& s, const Args& id);  // 64-bit; null for truth fields
  Formula (*truth)(const SymState& s, const Args& id);   // null for number fields
  const char* meaning;
};

const std::vector<PredicateKind>& PredicateKinds();
const std::vector<PredicateField>& PredicateFields();
const PredicateKind* FindPredicateKind(const std::string& name);
const PredicateField* FindPredicateField(const std::string& kind, const std::string& name);

struct PredicateNode {
  enum class Op {
    kForall, kExists,          // kids[0]: body; binders
    kImplies, kOr, kAnd, kNot,  // truth operators
    kEq, kNe, kLt, kLe, kGt, kGe, kHas,  // comparisons of two numbers (kEq/kNe: or two truths)
    kBitOr, kBitAnd, kAdd, kSub,         // numbers
    kNumber, kTruth,           // literals: |number|, or |number| != 0 for true / false
    kVar,                      // a variable as a number: the object's koid
    kField,                    // |var|.|field|
    kAlive,                    // alive(kids[0]): a koid names a live object; alive(|var|): the
                               // variable's thing (of |kind|) is live
    kOld,                      // old(kids[0]): read in the pre-state
  };
  struct Binder {
    std::string name;
    const PredicateKind* kind;
  };
  Op op;
  bool truth = false;  // the node's type: a truth value, else a 64-bit number
  int line = 0, col = 0;
  uint64_t number = 0;
  std::string var;  // kVar, kField: the variable's name
  const PredicateField* field = nullptr;
  const PredicateKind* kind = nullptr;  // kAlive of a variable
  std::vector<Binder> binders;
  std::vector<std::shared_ptr<const PredicateNode>> kids;
};

}  // namespace zxspec::spec
