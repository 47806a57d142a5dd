// File: spec/state.h
//
// The state the Z3 spec reasons about. It has the model's shape (model/state.h), with no pool
// bound: every part of the model state is a field, a function over the identities the model
// uses (spec/fn.h):
//
//   objects      koid -> alive, type, and the fields of each object type
//   handles      (process koid, handle value) -> alive, object koid, rights
//   memories     memory id -> alive, size, stream size, flags, lock count, COW offset and tree
//   contents     (memory id, byte offset) -> byte;  (memory id, page index) -> committed
//   mappings     (VMAR koid, base address) -> alive, size, VMO koid, VMO offset, perms, flags
//   page perms   (VMAR koid, mapping base, page address) -> the page's ZX_VM_PERM_* bits
//   messages     (endpoint koid, position in its queue, oldest 0) -> byte and handle counts
//                (endpoint, pos, byte offset) -> byte; (endpoint, pos, slot) -> koid, rights
//   counters     next koid, next memory id
//
// Identities are the model's (README "Identities"): koids from `next_koid`, handle values from
// each process's `proc_installed`, so a transition names exactly the handles and objects
// model::Step would. A field reads as its default (0 / false) where the model has nothing.
// Names are at most 31 bytes: `name_len`, and `name` (koid, index) -> byte.
//
// `SymState` holds the fields as `Fn`s: `Fresh` gives a havoc state (every field an
// uninterpreted function "<prefix>.<field>"), `Concrete` the fields of a `StateValue` (tables).
// `StateValue` is the concrete form: one table per field.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "spec/logic.h"

namespace zxspec::spec {

// VMO kinds, numbered as model::VmoKind.
inline constexpr uint64_t kKindRoot = 0;
inline constexpr uint64_t kKindCowClone = 1;
inline constexpr uint64_t kKindSlice = 2;
inline constexpr uint64_t kKindReference = 3;
// Process states, numbered as model::ProcessState.
inline constexpr uint64_t kProcInitial = 0;
inline constexpr uint64_t kProcRunning = 1;
inline constexpr uint64_t kProcDead = 2;
inline constexpr unsigned kNameBytes = 31;  // ZX_MAX_NAME_LEN - 1

// Where a path's choices come from (spec/lifecycle.h): the functions a transition does not
// determine by itself, like which unreferenced objects garbage collection destroys.
class Choices {
 public:
  virtual ~Choices() = default;
  // The choice |what| (e.g. "gc.dies") of shape |shape|, a new one at every call.
  virtual Fn Make(z3::context& c, const std::string& what, const FnShape& shape) = 0;
};

struct SymState {
  // ---- objects (koid) ----
  Fn alive, type;
  Fn proc_state, proc_started, proc_retcode, proc_job, proc_root, proc_installed;  // process
  Fn name_len, name;  // process and VMO names: length, (koid, index) -> byte
  Fn job_killed;                                          // job
  Fn rsrc_kind, rsrc_base, rsrc_size;                     // resource
  Fn vmo_kind, vmo_memory, vmo_offset, slice_size, slice_stream_size, vmo_parent, immutable;
  Fn stream_vmo, mode_read, mode_write, append, seek;     // stream
  Fn vmar_process, vmar_base, vmar_size, vmar_flags, vmar_live, vmar_parent;  // VMAR
  Fn peer, peer_closed, q_len;                            // channel endpoint
  // ---- handles ((process, value)) ----
  Fn h_alive, h_object, h_rights;
  // ---- memories (memory id) ----
  Fn m_alive, m_size, m_stream_size, m_resizable, m_discardable, m_lock_count, m_root_offset,
      m_cow_tree;
  Fn content;    // (memory, offset) -> byte
  Fn committed;  // (memory, page index) -> bool
  // ---- mappings ((vmar, base)) ----
  Fn map_alive, map_size, map_vmo, map_vmo_offset, map_max_perms, map_flags;
  Fn perms;  // (vmar, base, page address) -> ZX_VM_PERM_* bits
  // ---- messages ((endpoint, seq)) ----
  Fn msg_nbytes, msg_nhandles;
  Fn msg_byte;                // (endpoint, seq, offset) -> byte
  Fn mh_object, mh_rights;    // (endpoint, seq, slot) -> koid / rights
  // ---- counters ----
  Fn next_koid, next_memory;

  // Not a field: the source of the choices transitions from this state make (uninterpreted
  // functions "<prefix>.choice<n>.<what>" unless set otherwise).
  std::shared_ptr<Choices> choices;

  // A havoc state: every field the uninterpreted function "<prefix>.<field>".
  static SymState Fresh(z3::context& c, const std::string& prefix);
  z3::context& ctx() const { return alive.ctx(); }
};

// Choices as fresh uninterpreted functions named "<prefix>.choice<n>.<what>".
std::shared_ptr<Choices> FreshChoices(const std::string& prefix);

// One field of the state: its name, member and shape.
struct FieldDesc {
  const char* name;
  Fn SymState::*member;
  std::vector<Sort> args;
  unsigned bits;  // 0: Bool
  FnShape shape() const;
};
std::span<const FieldDesc> Fields();
const FieldDesc& FieldOf(Fn SymState::*member);
size_t FieldIndex(Fn SymState::*member);

// The concrete state: one table per field, in Fields() order.
struct StateValue {
  std::vector<Table> tables = std::vector<Table>(Fields().size());
  uint64_t Get(Fn SymState::*f, const Key& k) const;
  void Put(Fn SymState::*f, const Key& k, uint64_t v);  // v == 0 erases
  Table& at(Fn SymState::*f) { return tables[FieldIndex(f)]; }
  const Table& at(Fn SymState::*f) const { return tables[FieldIndex(f)]; }
  bool operator==(const StateValue&) const = default;
};

// The fields of |v| as concrete functions.
SymState ConcreteState(z3::context& c, const StateValue& v);

// Field by field, the names of the fields whose functions differ in |a| and |b| (identity of
// their update chains: a field no update touched is the same function).
std::vector<const FieldDesc*> ChangedFields(const SymState& a, const SymState& b);

// The value of |e| as a number (|e| must fold to a numeral).
uint64_t Numeral(const z3::expr& e);

}  // namespace zxspec::spec
