// File: spec/encode.h (internal to spec/)
//
// The vocabulary the transition encodings are written in.
//
// A transition is a list of paths, one per way the call can end: each failing check of the
// handler (with its rule id and status), each early success, each success branch. A path is a
// guard over the pre-state and arguments, a status, a post-state, a result (the payload), and
// what the proofs need to know about it: the handles it installs and where their rights come
// from (`Install`), and constraints on its choices (`Choice`, e.g. which unreferenced objects a
// step's garbage collection destroys). Exactly one guard holds for each pre-state and arguments:
// `Checks` produces the guards of a check sequence (check k fails, checks 1..k-1 passed), `Case`
// splits on a condition, so the paths partition the inputs by construction.
//
// The post-state of an error path is the pre-state itself (the same functions), unless the
// rulebook names an effect of that error (HANDLE-031, CHAN-021, VMO-121...): then the check
// carries it (`Checks::FailWith`).
//
// Handle lookups follow model/core.h (GEN-001): `LookupHandle`, `LookupTyped`,
// `LookupWithRights` give the BAD_HANDLE / WRONG_TYPE / ACCESS_DENIED paths and call the rest of
// the encoding with the handle they found.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/zircon.h"
#include "spec/logic.h"
#include "spec/state.h"

namespace zxspec::spec {

// ---- numerals and bit tests ----
z3::expr U64(z3::context& c, uint64_t v);
z3::expr U32(z3::context& c, uint64_t v);
z3::expr U8(z3::context& c, uint64_t v);
z3::expr StatusVal(z3::context& c, zx_status_t s);  // a 32-bit two's-complement status
z3::expr MaxVmoSize(z3::context& c);                 // VMO-003
z3::expr True(z3::context& c);
z3::expr False(z3::context& c);

z3::expr HasRights(const z3::expr& have, zx_rights_t need);      // (have & need) == need
z3::expr HasRights(const z3::expr& have, const z3::expr& need);
z3::expr HasBits(const z3::expr& flags, uint64_t bits);          // any of |bits| set
z3::expr Without(const z3::expr& flags, uint64_t bits);          // flags & ~bits
z3::expr Within(const z3::expr& flags, const z3::expr& allowed);  // flags & ~allowed == 0
z3::expr PageAligned(const z3::expr& v64);
z3::expr NoWrap(const z3::expr& a, const z3::expr& b);           // a + b fits in 64 bits
z3::expr Min(const z3::expr& a, const z3::expr& b);              // unsigned
z3::expr Max(const z3::expr& a, const z3::expr& b);              // unsigned
z3::expr AndAll(z3::context& c, const std::vector<z3::expr>& parts);
z3::expr OrAll(z3::context& c, const std::vector<z3::expr>& parts);
// ROUNDUP(v, 4096) and whether it fits in 64 bits (model: RoundUpPage).
struct Rounded {
  z3::expr fits;
  z3::expr value;
};
Rounded RoundUpPage(const z3::expr& v);
// |e| zero-extended to 64 bits (unchanged when it has 64 or more).
z3::expr Widen64(const z3::expr& e);

// ---- object predicates ----
z3::expr IsType(const SymState& s, const z3::expr& koid, zx_obj_type_t type);  // alive, of type
z3::expr IsSlice(const SymState& s, const z3::expr& koid);
// A live process that is not DEAD (model: CallerStateOf == kLive).
z3::expr LiveProcess(const SymState& s, const z3::expr& koid);

// ---- results (api/outcome.h payloads) ----
struct SymResult {
  enum class Kind { kNone, kHandle, kHandlePair, kVmarAllocate, kU64, kBytes, kChannelRead, kInfo };
  Kind kind = Kind::kNone;
  std::vector<z3::expr> values;  // kHandle: {h}; kHandlePair: {a, b}; kVmarAllocate: {h, addr};
                                 // kU64: {v}; kBytes: {length}; kChannelRead: {bytes, handles};
                                 // kInfo: a record's fields or a MAPS list's length (spec/info.h)
  std::optional<Fn> bytes;       // kBytes, kChannelRead: index -> byte
  std::vector<Fn> columns = {};  // kChannelRead: handle index -> value, type, rights;
                                 // kInfo (MAPS lists): entry index -> each entry field
  size_t record = 0;             // kInfo: the InfoRecord alternative (api/outcome.h)
  static SymResult None() { return {}; }
  static SymResult Handle(const z3::expr& h) { return {Kind::kHandle, {h}, std::nullopt}; }
  static SymResult U64Value(const z3::expr& v) { return {Kind::kU64, {v}, std::nullopt}; }
};

// ---- paths ----

// A handle a path puts somewhere, and the most rights it may carry there (rights-monotone):
// the rights of the handle it derives from, plus the additions the rulebook names.
struct Install {
  Args at;                 // (process, value) of a table slot
  z3::expr bound;          // the handle's rights must lie within these
  std::string source;      // "HANDLE-023: the duplicated handle's rights", ...
  bool new_object = false; // a handle to an object the call created (RIGHTS-010..016 defaults)
  // A set of slots instead of one (channel_read: a message's handles under consecutive values):
  // |covers|(process, value) says which, |bound_at|(value) bounds each; |at| and |bound| unused.
  std::function<z3::expr(const z3::expr& process, const z3::expr& value)> covers = nullptr;
  std::function<z3::expr(const z3::expr& value)> bound_at = nullptr;
};

// A message a path puts in a queue (channel writes), and the most each handle slot in it may
// carry (rights-monotone): its object and rights come from the sender's handle |object_at| /
// |bound_at| of slot i, whatever CHAN-032 reduced them to.
struct Send {
  z3::expr endpoint;  // the queue's endpoint
  z3::expr position;  // the message's position in it
  std::function<z3::expr(const z3::expr& slot)> object_at;
  std::function<z3::expr(const z3::expr& slot)> bound_at;
  std::string source;  // "CHAN-022 (7): the sender's handle", ...
};

// A mapping row a path creates or re-keys (VMAR-025, VMAR-033), and the most its max_perms may
// hold (mapping-perms-derived): the PERM bits of the rights both handles of vmar_map had
// (VMAR-027), or the max_perms of the mapping it was split from.
struct Grant {
  Args at;          // (VMAR koid, base) of the mapping row
  z3::expr bound;   // its max_perms must lie within these
  std::string source;
};

struct NamedFormula {
  std::string name;
  Formula f;
  // Checked only where a path meets a concrete state (agreement with model::Step), never
  // assumed in a proof or a witness search: an exact statement too costly to instantiate.
  bool concrete_only = false;
};

struct Path {
  std::string name;  // "<rule> <STATUS>" for failures, "<rule> ZX_OK[ branch]" for successes
  Formula guard;
  zx_status_t status;
  SymState post;
  SymResult result;
  std::vector<Install> installs;
  std::vector<Send> sends = {};
  // Constraints on the path's own choice functions, assumed wherever the path is: universal
  // statements the proofs instantiate.
  std::vector<NamedFormula> choices;
  // Non-empty: the encoding states that no state the invariants allow takes this path (a check
  // the model makes that no reachable state fails), and why. `zxspec prove` proves it (the
  // guard contradicts the invariants) instead of witnessing the path; a walk taking it fails.
  std::string unreachable = {};
  std::vector<Grant> grants = {};  // mapping rows it makes (mapping-perms-derived)
  // Set when the status is read from the state (fidl_recv returns an epitaph's status word,
  // FIDL-020 (2)): the 32-bit status; |status| is then kStatusOfWord.
  std::optional<z3::expr> status_word = std::nullopt;
};
using Paths = std::vector<Path>;

// Path::status of a path whose status is a word of the state (Path::status_word): a failure,
// never a status of its own.
inline constexpr zx_status_t kStatusOfWord = INT32_MIN;
// The status |p| returns on a concrete state: |status|, or its status word as a numeral
// (kStatusOfWord when the word does not fold).
zx_status_t StatusOn(const Path& p);

// Checks in the handler's order. `Then(pre, checks, ok)` gives one path per check (it fails,
// the ones before it passed) and the paths of |ok| under "all passed".
class Checks {
 public:
  explicit Checks(z3::context& c) : c_(&c) {}
  // |cond| fails the call with |status| (rule id |rule|), nothing changes.
  Checks& Fail(const Formula& cond, zx_status_t status, std::string rule);
  // The same with the effect the rulebook gives this error; |collect| when the effect drops
  // references (garbage collection follows, spec/lifecycle.h).
  Checks& FailWith(const Formula& cond, zx_status_t status, std::string rule, const SymState& post,
                   bool collect = false);
  // |cond| ends the call early with ZX_OK and no effect (a no-op success).
  Checks& Succeed(const Formula& cond, std::string rule, SymResult result = SymResult::None());
  // The last check never fails in a state the invariants allow, for the reason |why| (rule ids):
  // its path is proved unreachable instead of witnessed (Path::unreachable).
  Checks& Unreachable(std::string why);
  // The conjunction of the negated conditions (every check passed).
  Formula Passed() const;

  struct Item {
    Formula cond;
    zx_status_t status;
    std::string rule;
    std::optional<SymState> post;
    SymResult result;
    bool collect = false;
    std::string unreachable = {};
  };
  const std::vector<Item>& items() const { return items_; }
  z3::context& ctx() const { return *c_; }

 private:
  z3::context* c_;
  std::vector<Item> items_;
};

// The paths of |checks| (each failing check, |pre| as post-state unless it has an effect),
// then |ok| guarded by all of them passing.
Paths Then(const SymState& pre, const Checks& checks, Paths ok);
// |cond| ? |a| : |b|.
Paths Case(const Formula& cond, Paths a, Paths b);
// |guard| conjoined to every path's guard.
Paths Guard(const Formula& guard, Paths paths);
Paths Join(Paths a, const Paths& b);
// A successful path with post-state |post| and |result|, named "<rule> ZX_OK"; |collect| when
// the call dropped references (garbage collection follows, spec/lifecycle.h).
Paths Ok(const SymState& post, std::string rule, SymResult result = SymResult::None(),
         bool collect = false);
// |p| with |choices| added to every path's constraints (Path::choices).
Paths WithChoices(Paths p, const std::vector<NamedFormula>& choices);
// |p| with each path's name prefixed.
Paths Named(const std::string& prefix, Paths p);
// |p| with every path declared unreachable for the reason |why| (Path::unreachable).
Paths Unreachable(const std::string& why, Paths p);

// ---- handles (model/core.h) ----

struct FoundHandle {
  z3::expr process;  // the caller
  z3::expr value;
  z3::expr object;
  z3::expr rights;
};

// GEN-001 (1): BAD_HANDLE when |h| is 0 or names no handle of |caller|; else f(found).
Paths LookupHandle(const SymState& pre, const z3::expr& caller, const z3::expr& h,
                   const std::function<Paths(const FoundHandle&)>& f, const std::string& rule);
// GEN-001 (1)-(2): then WRONG_TYPE when the object is not of |type|.
Paths LookupTyped(const SymState& pre, const z3::expr& caller, const z3::expr& h,
                  zx_obj_type_t type, const std::function<Paths(const FoundHandle&)>& f,
                  const std::string& rule);
// GEN-001 (1)-(3): then ACCESS_DENIED without |rights|.
Paths LookupWithRights(const SymState& pre, const z3::expr& caller, const z3::expr& h,
                       zx_obj_type_t type, const z3::expr& rights,
                       const std::function<Paths(const FoundHandle&)>& f, const std::string& rule);
Paths LookupWithRights(const SymState& pre, const z3::expr& caller, const z3::expr& h,
                       zx_obj_type_t type, zx_rights_t rights,
                       const std::function<Paths(const FoundHandle&)>& f, const std::string& rule);

// HANDLE-022, HANDLE-031, CHAN-032: the rights a derived handle gets for |requested| of a
// source with |have|: SAME_RIGHTS exactly keeps them; any other mask must be a subset
// (|invalid| otherwise, INVALID_ARGS).
struct Derived {
  z3::expr invalid;
  z3::expr rights;
};
Derived DerivedRights(const z3::expr& have, const z3::expr& requested);

// HANDLE-001: the value of the handle installed as a table's |counter|-th, (counter << 2) | 3.
z3::expr HandleValue(const z3::expr& counter);
// HANDLE-001: |s| with a new handle to |object| with |rights| in |process|'s table under the
// next value; |value| receives that value.
SymState InstallHandle(const SymState& s, const z3::expr& process, const z3::expr& object,
                       const z3::expr& rights, z3::expr* value);
// |s| without the handle (|process|, |value|).
SymState RemoveHandle(const SymState& s, const z3::expr& process, const z3::expr& value);
// |s| with a new object of |type| under the next koid (alive, every other field default);
// |koid| receives it.
SymState NewObject(const SymState& s, zx_obj_type_t type, z3::expr* koid);
// |s| with a new memory under the next id; |id| receives it.
SymState NewMemory(const SymState& s, z3::expr* id);

// ---- VMO views (model/vmo.h) ----

// Where the size and stream size of VMO |koid| live (VMO-004/005): a slice's own fields
// (VMO-081), otherwise the fields of the memory it views.
struct View {
  z3::expr koid;
  z3::expr slice;        // the VMO is a slice
  z3::expr memory;       // the memory it views
  z3::expr size;
  z3::expr stream_size;
  z3::expr resizable;    // never for slices (VMO-080)
  z3::expr discardable;  // roots only
  z3::expr offset;       // where byte 0 lies in the memory (slices; 0 otherwise)
  // |s| with the stream size of this view set to |v|.
  SymState WithStreamSize(const SymState& s, const z3::expr& v) const;
};
View ViewOf(const SymState& s, const z3::expr& koid);

}  // namespace zxspec::spec
