// File: spec/fn.h
//
// `Fn`: one field of the spec state, a function from a tuple of bit-vector arguments (a koid, a
// (process, handle value) pair, a (memory, offset) pair, ...) to a bit-vector or a Bool.
//
// A field is a base plus a chain of updates:
//  - the base is an uninterpreted Z3 function (a havoc pre-state: "pre.alive") or a concrete
//    table (a model state's values, every other point holding the default 0 / false);
//  - `Set(at, v)` changes one point, `Update(f)` rewrites every point (f sees the point and the
//    old value), so a post-state is a term over the pre-state's functions, and points a
//    transition does not touch read back as the very same terms.
// Reading at numerals folds what can be folded (a concrete state reads back numerals), so a
// transition applied to a concrete state needs no solver.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <z3++.h>

namespace zxspec::spec {

using Args = std::vector<z3::expr>;
using Key = std::vector<uint64_t>;
// A concrete field: the points whose value is not the default (0 / false).
using Table = std::map<Key, uint64_t>;

// The shape of a field: the widths of its arguments and of its value (0: Bool).
struct FnShape {
  std::vector<unsigned> arg_bits;
  unsigned bits = 0;
  bool operator==(const FnShape&) const = default;
};

// |e| as a number when it is a numeral (Bools: 0 / 1).
std::optional<uint64_t> NumeralOf(const z3::expr& e);
// a == b, folded to true / false when both are numerals.
z3::expr EqFold(const z3::expr& a, const z3::expr& b);
// The default value of |shape| (0 or false).
z3::expr DefaultOf(z3::context& c, const FnShape& shape);
// |v| as a numeral of |shape|'s value sort.
z3::expr ValueOf(z3::context& c, const FnShape& shape, uint64_t v);

class Fn {
 public:
  using UpdateFn = std::function<z3::expr(const Args& at, const z3::expr& old)>;

  Fn() = default;
  // An uninterpreted function named |name|.
  static Fn Uninterpreted(z3::context& c, const std::string& name, const FnShape& shape);
  // The function that is |table| at its points and the default elsewhere.
  static Fn Concrete(z3::context& c, const FnShape& shape, Table table);

  z3::expr operator()(const Args& at) const;
  z3::expr operator()(const z3::expr& a) const { return (*this)(Args{a}); }
  z3::expr operator()(const z3::expr& a, const z3::expr& b) const { return (*this)(Args{a, b}); }
  z3::expr operator()(const z3::expr& a, const z3::expr& b, const z3::expr& c) const {
    return (*this)(Args{a, b, c});
  }

  // The function that is |value| at |at| and this function elsewhere.
  Fn Set(const Args& at, const z3::expr& value) const;
  Fn Set(const z3::expr& a, const z3::expr& value) const { return Set(Args{a}, value); }
  Fn Set(const z3::expr& a, const z3::expr& b, const z3::expr& value) const {
    return Set(Args{a, b}, value);
  }
  // The function x -> f(x, this(x)).
  Fn Update(UpdateFn f) const;
  // The function x -> cond(x) ? value(x) : this(x).
  Fn Where(const std::function<z3::expr(const Args&)>& cond,
           const std::function<z3::expr(const Args&)>& value) const;

  const FnShape& shape() const;
  z3::context& ctx() const;
  bool valid() const { return node_ != nullptr; }
  // The uninterpreted base function (invalid for concrete bases).
  std::optional<z3::func_decl> base_decl() const;
  // The concrete base table (nullptr for uninterpreted bases).
  const Table* base_table() const;
  // Identity of the chain: equal ids mean the same function term (no update in between).
  const void* id() const { return node_.get(); }
  bool updated() const;  // some update sits on the base

  struct Node;  // opaque

 private:
  explicit Fn(std::shared_ptr<const Node> n) : node_(std::move(n)) {}
  std::shared_ptr<const Node> node_;
};

}  // namespace zxspec::spec
