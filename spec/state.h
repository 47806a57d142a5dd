// File: spec/state.h
//
// The state the Z3 spec reasons about: a bounded abstraction of model::State (model/state.h)
// that keeps exactly the parts the encoded invariants talk about. It is four pools of slots:
//
//  - memories: the page stores behind VMOs (size, stream size, resizable, discardable, offset in
//    the root of their copy-on-write tree);
//  - objects: kernel objects of any type, with the fields of the VMO view (kind, memory, slice
//    offset/size/stream size, immutability), of streams (VMO, modes, seek), of VMARs (flags,
//    ALIVE or DEAD) and of resources (kind, range);
//  - handles: every handle of every process (and in channel messages), with a flag saying whether
//    it is in the calling process's table;
//  - mappings: the VMO, VMAR and maximum permissions of each mapping.
//
// Slots refer to each other by index (8-bit bit-vectors), the way model objects refer to each
// other by koid. A slot is meaningful only when its `alive` flag is set. Sizes and offsets are
// 64-bit bit-vectors, rights and flags 32-bit ones; there is no mathematical Int anywhere.
//
// The same shape exists twice: `StateValue` holds concrete numbers (for counterexamples and for
// abstracting model states), `SymState` holds z3 expressions. Both are generated from one field
// list per slot kind (`Tie` + `k*Fields`), so a field is declared once.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <z3++.h>

namespace zxspec::spec {

inline constexpr unsigned kIndexBits = 8;
// Handle arguments: an index below the handle pool names that slot; kInvalidHandleArg stands for
// ZX_HANDLE_INVALID (0); any other value is a non-zero handle value that names nothing.
inline constexpr uint64_t kInvalidHandleArg = 255;
inline constexpr uint64_t kUnknownHandleArg = 254;
// An index that names no slot (references to destroyed objects in abstracted model states).
inline constexpr uint64_t kNoSlot = 253;

// The VMO kinds, numbered as model::VmoKind.
inline constexpr uint64_t kKindRoot = 0;
inline constexpr uint64_t kKindCowClone = 1;
inline constexpr uint64_t kKindSlice = 2;
inline constexpr uint64_t kKindReference = 3;

// Pool sizes. Proofs hold for every state with at most these many live slots per pool.
struct Bounds {
  size_t memories = 2;
  size_t objects = 3;
  size_t handles = 3;
  size_t mappings = 1;
  bool operator==(const Bounds&) const = default;
};

// A field of a slot: its name and its width in bits (0: a Bool).
struct FieldInfo {
  const char* name;
  unsigned bits;
};

template <class T>
struct MemorySlot {
  T alive, size, stream_size, resizable, discardable;
  T root_offset;  // where byte 0 lies in the root of its copy-on-write tree (VMO-075)
};
inline constexpr std::array<FieldInfo, 6> kMemoryFields = {{{"alive", 0},
                                                            {"size", 64},
                                                            {"stream_size", 64},
                                                            {"resizable", 0},
                                                            {"discardable", 0},
                                                            {"root_offset", 64}}};
template <class S>
auto Tie(MemorySlot<S>& m) {
  return std::tie(m.alive, m.size, m.stream_size, m.resizable, m.discardable, m.root_offset);
}
template <class S>
auto Tie(const MemorySlot<S>& m) {
  return std::tie(m.alive, m.size, m.stream_size, m.resizable, m.discardable, m.root_offset);
}

template <class T>
struct ObjectSlot {
  T alive, type;                                                       // ZX_OBJ_TYPE_*
  T kind, memory, offset, slice_size, slice_stream_size, immutable;     // VMO
  T stream_vmo, mode_read, mode_write, append, seek;                   // stream
  T vmar_flags, vmar_live;                                            // VMAR
  T rsrc_kind, rsrc_base, rsrc_size;                                   // resource
};
inline constexpr std::array<FieldInfo, 18> kObjectFields = {{{"alive", 0},
                                                             {"type", 32},
                                                             {"kind", 8},
                                                             {"memory", kIndexBits},
                                                             {"offset", 64},
                                                             {"slice_size", 64},
                                                             {"slice_stream_size", 64},
                                                             {"immutable", 0},
                                                             {"stream_vmo", kIndexBits},
                                                             {"mode_read", 0},
                                                             {"mode_write", 0},
                                                             {"append", 0},
                                                             {"seek", 64},
                                                             {"vmar_flags", 32},
                                                             {"vmar_live", 0},
                                                             {"rsrc_kind", 32},
                                                             {"rsrc_base", 64},
                                                             {"rsrc_size", 64}}};
template <class O>
auto TieObject(O& o) {
  return std::tie(o.alive, o.type, o.kind, o.memory, o.offset, o.slice_size, o.slice_stream_size,
                  o.immutable, o.stream_vmo, o.mode_read, o.mode_write, o.append, o.seek,
                  o.vmar_flags, o.vmar_live, o.rsrc_kind, o.rsrc_base, o.rsrc_size);
}
template <class S>
auto Tie(ObjectSlot<S>& o) {
  return TieObject(o);
}
template <class S>
auto Tie(const ObjectSlot<S>& o) {
  return TieObject(o);
}

template <class T>
struct HandleSlot {
  T alive, caller, object, rights;
};
inline constexpr std::array<FieldInfo, 4> kHandleFields = {
    {{"alive", 0}, {"caller", 0}, {"object", kIndexBits}, {"rights", 32}}};
template <class S>
auto Tie(HandleSlot<S>& h) {
  return std::tie(h.alive, h.caller, h.object, h.rights);
}
template <class S>
auto Tie(const HandleSlot<S>& h) {
  return std::tie(h.alive, h.caller, h.object, h.rights);
}

template <class T>
struct MappingSlot {
  T alive, vmar, vmo, max_perms;
};
inline constexpr std::array<FieldInfo, 4> kMappingFields = {
    {{"alive", 0}, {"vmar", kIndexBits}, {"vmo", kIndexBits}, {"max_perms", 32}}};
template <class S>
auto Tie(MappingSlot<S>& m) {
  return std::tie(m.alive, m.vmar, m.vmo, m.max_perms);
}
template <class S>
auto Tie(const MappingSlot<S>& m) {
  return std::tie(m.alive, m.vmar, m.vmo, m.max_perms);
}

template <class T>
struct StateT {
  std::vector<MemorySlot<T>> memories;
  std::vector<ObjectSlot<T>> objects;
  std::vector<HandleSlot<T>> handles;
  std::vector<MappingSlot<T>> mappings;
};

// ---- concrete ----

// Every field as a number (Bools as 0/1). Value-initialised slots are dead.
using MemoryValue = MemorySlot<uint64_t>;
using ObjectValue = ObjectSlot<uint64_t>;
using HandleValue = HandleSlot<uint64_t>;
using MappingValue = MappingSlot<uint64_t>;

struct StateValue : StateT<uint64_t> {
  Bounds bounds() const;
  bool operator==(const StateValue& o) const;
};

// A dead slot of each kind (all fields zero).
MemoryValue DeadMemory();
ObjectValue DeadObject();
HandleValue DeadHandle();
MappingValue DeadMapping();

// ---- symbolic ----

using SymMemory = MemorySlot<z3::expr>;
using SymObject = ObjectSlot<z3::expr>;
using SymHandle = HandleSlot<z3::expr>;
using SymMapping = MappingSlot<z3::expr>;

// Numerals for the fields of one concrete slot.
SymMemory ConstMemory(z3::context& c, const MemoryValue& v);
SymObject ConstObject(z3::context& c, const ObjectValue& v);
SymHandle ConstHandle(z3::context& c, const HandleValue& v);

class SymState : public StateT<z3::expr> {
 public:
  // Every field a fresh constant named "<prefix>.<pool><i>.<field>" (a havoc state).
  static SymState Fresh(z3::context& c, const Bounds& bounds, const std::string& prefix);
  // Every field the numeral of |v|.
  static SymState Const(z3::context& c, const StateValue& v);
  z3::context& ctx() const { return *ctx_; }
  // Built by Const: every field is a numeral, so conditions over it fold to true or false and
  // transitions can follow only the branches that hold.
  bool concrete() const { return concrete_; }
  Bounds bounds() const;
  // The values of every field in |m| (model completion: unconstrained fields read as 0).
  StateValue Eval(const z3::model& m) const;
  // The AST ids of every field: two states with equal fingerprints are the same terms.
  std::vector<unsigned> Fingerprint() const;

 private:
  explicit SymState(z3::context& c) : ctx_(&c) {}
  z3::context* ctx_;
  bool concrete_ = false;
};

// A slot of N fields, every field |p| (then overwritten field by field).
template <class Slot, size_t N>
Slot Blank(const z3::expr& p) {
  return [&]<size_t... I>(std::index_sequence<I...>) {
    return Slot{((void)I, p)...};
  }(std::make_index_sequence<N>{});
}

// Applies |f(index, a_field, b_field)| to the fields of two slots of the same kind, in order.
template <class A, class B, class F>
void ZipFields(A& a, B& b, F&& f) {
  auto ta = Tie(a);
  auto tb = Tie(b);
  [&]<size_t... I>(std::index_sequence<I...>) {
    (f(I, std::get<I>(ta), std::get<I>(tb)), ...);
  }(std::make_index_sequence<std::tuple_size_v<decltype(ta)>>{});
}

}  // namespace zxspec::spec
