// File: spec/predicate.h
//
// The predicate language of `zxspec prove --assert` and `zxspec reach` (issue 16;
// docs/predicates.md is the user's reference): a user's question about the spec state, or about
// the pre- and post-state of one call, compiled to a `Formula` over `SymState`s.
//
//   forall v: vmo, m: mapping: m.vmo == v && v.immutable => !(m.max_perms has ZX_VM_PERM_WRITE)
//   exists h: handle: h.type == ZX_OBJ_TYPE_VMO && h.rights has ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE
//   forall h: handle: old(alive(h)) => h.rights == old(h.rights)        (two-state: --step)
//
// A variable ranges over the live things of its kind (object, vmo, handle, process, vmar,
// mapping, stream, channel, job) in the state it is read in; `kind.field` reads a field (the
// table in predicate.cc, listed by `Vocabulary()`); values are 64-bit unsigned, compared
// unsigned; names of Zircon constants (ZX_RIGHT_WRITE, ZX_VM_PERM_READ, ZX_OBJ_TYPE_VMO,
// PAGE_SIZE, ...) are their values. `old(E)` reads E in the pre-state (two-state predicates
// only). Errors name the place: "FILE:LINE:COLUMN: message".
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "spec/logic.h"
#include "spec/state.h"

namespace zxspec::spec {

struct PredicateNode;  // the syntax tree (predicate.cc)

// Limits on what a predicate may be: the parser's resources stay bounded for any input.
inline constexpr size_t kMaxPredicateBytes = 64 * 1024;
inline constexpr size_t kMaxPredicateTokens = 4096;
inline constexpr int kMaxPredicateDepth = 64;  // nesting of parentheses, !, =>, quantifiers

class Predicate {
 public:
  // Parses |text|; |file| names it in error messages ("<expr>" for a command-line argument).
  // |two_state|: old(...) is allowed (a step predicate). On failure, |*error| is
  // "FILE:LINE:COLUMN: message" and the result is empty.
  static std::unique_ptr<Predicate> Parse(std::string_view text, std::string_view file,
                                          bool two_state, std::string* error);

  // The predicate over one state (a state predicate: no old(...)).
  Formula Over(const SymState& s) const;
  // The predicate over a call's pre- and post-state (old(...) reads |pre|).
  Formula Over(const SymState& pre, const SymState& post) const;

  const std::string& text() const { return text_; }
  bool two_state() const { return two_state_; }

  ~Predicate();
  Predicate(const Predicate&) = delete;
  Predicate& operator=(const Predicate&) = delete;

 private:
  Predicate(std::string text, bool two_state, std::shared_ptr<const PredicateNode> root);
  std::string text_;
  bool two_state_;
  std::shared_ptr<const PredicateNode> root_;
};

// The kinds and fields a predicate can name, one line each ("vmo: size stream_size ..."), for
// --help and error messages.
std::string Vocabulary();

}  // namespace zxspec::spec
