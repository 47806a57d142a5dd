// The invariants in Z3 form (see invariants.h). Each function is the conjunction, over the slots
// of the spec state, of what the model's checker of the same name tests in its loops; comments
// name the conjuncts.
#include "spec/invariants.h"

#include <vector>

#include "api/zircon.h"
#include "spec/encode.h"

namespace zxspec::spec {
namespace {

// |o| is a live VMO object.
z3::expr LiveVmo(const SymObject& o) { return o.alive && IsVmo(o); }

// Object |v| is a live VMO viewing memory |memory| (model: SharesMemory).
z3::expr ViewsMemory(const SymObject& v, const z3::expr& memory) {
  return LiveVmo(v) && v.memory == memory;
}

}  // namespace

// VMO-002, seed RFC-0238: every memory's stream size is at most its size; every slice's own
// stream-size cell is at most the slice's size.
z3::expr inv_stream_size_le_size(const SymState& s) {
  std::vector<z3::expr> r;
  for (const auto& m : s.memories) r.push_back(z3::implies(m.alive, z3::ule(m.stream_size, m.size)));
  for (const auto& o : s.objects) {
    r.push_back(z3::implies(LiveVmo(o) && IsSlice(o), z3::ule(o.slice_stream_size, o.slice_size)));
  }
  return AndAll(s.ctx(), r);
}

// VMO-002/003: memory sizes are page multiples no larger than VMO_MAX_SIZE; slice sizes are
// page multiples.
z3::expr inv_size_page_aligned(const SymState& s) {
  z3::context& c = s.ctx();
  std::vector<z3::expr> r;
  for (const auto& m : s.memories) {
    r.push_back(z3::implies(m.alive, PageAligned(m.size) && z3::ule(m.size, MaxVmoSize(c))));
  }
  for (const auto& o : s.objects) {
    r.push_back(z3::implies(LiveVmo(o) && IsSlice(o), PageAligned(o.slice_size)));
  }
  return AndAll(s.ctx(), r);
}

// HANDLE-002, RIGHTS-001: every handle names a live object and holds only defined rights.
z3::expr inv_handles_valid(const SymState& s) {
  z3::expr undefined = U32(s.ctx(), ~kAllDefinedRights & 0xFFFFFFFFu);
  std::vector<z3::expr> r;
  for (const auto& h : s.handles) {
    r.push_back(z3::implies(h.alive, LiveAt(s.objects, h.object) &&
                                      (h.rights & undefined) == U32(s.ctx(), 0)));
  }
  return AndAll(s.ctx(), r);
}

// RIGHTS-010..016, VMO-083, VMO-124, STREAM-014, VMAR-004: defaults plus what a derivation may
// add, per object type; |resizable| is VmoResizable for VMOs.
z3::expr MaxRights(const SymObject& o, const z3::expr& resizable) {
  z3::context& c = o.type.ctx();
  auto bit = [&](const z3::expr& cond, zx_rights_t r) { return z3::ite(cond, U32(c, r), U32(c, 0)); };
  auto type_is = [&](zx_obj_type_t t) { return IsType(o, t); };
  z3::expr vmo = U32(c, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_EXECUTE) | bit(resizable, ZX_RIGHT_RESIZE);
  z3::expr stream = U32(c, ZX_DEFAULT_STREAM_RIGHTS) | bit(o.mode_read, ZX_RIGHT_READ) |
                    bit(o.mode_write, ZX_RIGHT_WRITE);
  z3::expr vmar = U32(c, ZX_DEFAULT_VMAR_RIGHTS) |
                  bit(HasBits(o.vmar_flags, ZX_VM_CAN_MAP_READ), ZX_RIGHT_READ) |
                  bit(HasBits(o.vmar_flags, ZX_VM_CAN_MAP_WRITE), ZX_RIGHT_WRITE) |
                  bit(HasBits(o.vmar_flags, ZX_VM_CAN_MAP_EXECUTE), ZX_RIGHT_EXECUTE);
  return z3::ite(
      type_is(ZX_OBJ_TYPE_VMO), vmo,
      z3::ite(type_is(ZX_OBJ_TYPE_STREAM), stream,
              z3::ite(type_is(ZX_OBJ_TYPE_VMAR), vmar,
                      z3::ite(type_is(ZX_OBJ_TYPE_PROCESS), U32(c, ZX_DEFAULT_PROCESS_RIGHTS),
                              z3::ite(type_is(ZX_OBJ_TYPE_JOB), U32(c, ZX_DEFAULT_JOB_RIGHTS),
                                      z3::ite(type_is(ZX_OBJ_TYPE_CHANNEL),
                                              U32(c, ZX_DEFAULT_CHANNEL_RIGHTS),
                                              z3::ite(type_is(ZX_OBJ_TYPE_RESOURCE),
                                                      U32(c, ZX_DEFAULT_RESOURCE_RIGHTS),
                                                      U32(c, 0))))))));
}

// RIGHTS-002 in state form: no live handle to a live object holds a right outside MaxRights.
// A VMO's bound depends on the resizability of the memory it views (VMO-080), taken per memory
// slot so that no arithmetic sits behind a selection.
z3::expr inv_rights_bounded(const SymState& s) {
  z3::context& c = s.ctx();
  std::vector<z3::expr> r;
  for (size_t i = 0; i < s.objects.size(); ++i) {
    const SymObject& o = s.objects[i];
    z3::expr views_memory = IsVmo(o) && !IsSlice(o);
    // The bound for each memory slot o may view, and for objects that view none.
    z3::expr plain_max = MaxRights(o, c.bool_val(false));
    std::vector<z3::expr> max_with;
    for (const auto& m : s.memories) max_with.push_back(MaxRights(o, m.resizable));
    for (const auto& h : s.handles) {
      z3::expr names = h.alive && h.object == static_cast<int>(i) && o.alive;
      auto within = [&](const z3::expr& max) { return (h.rights & ~max) == U32(c, 0); };
      r.push_back(z3::implies(names && !views_memory, within(plain_max)));
      for (size_t m = 0; m < s.memories.size(); ++m) {
        r.push_back(z3::implies(names && views_memory && o.memory == static_cast<int>(m),
                             within(max_with[m])));
      }
    }
  }
  return AndAll(s.ctx(), r);
}

// Seed RFC-0080, VMO-085: an IMMUTABLE VMO is a snapshot whose memory is not resizable, and no
// writable stream, writable mapping or WRITE handle reaches a VMO viewing that memory.
z3::expr inv_immutability(const SymState& s) {
  z3::context& c = s.ctx();
  // writes[w]: something can write through object w (a writable stream on it, a writable
  // mapping of it, a handle to it with WRITE).
  std::vector<z3::expr> writes;
  for (size_t w = 0; w < s.objects.size(); ++w) {
    std::vector<z3::expr> any;
    for (const auto& st : s.objects) {
      any.push_back(st.alive && IsType(st, ZX_OBJ_TYPE_STREAM) && st.mode_write &&
                    st.stream_vmo == static_cast<int>(w));
    }
    for (const auto& m : s.mappings) {
      any.push_back(m.alive && HasBits(m.max_perms, ZX_VM_PERM_WRITE) &&
                    m.vmo == static_cast<int>(w));
    }
    for (const auto& h : s.handles) {
      any.push_back(h.alive && HasRights(h.rights, ZX_RIGHT_WRITE) &&
                    h.object == static_cast<int>(w));
    }
    writes.push_back(OrAll(c, any));
  }
  std::vector<z3::expr> r;
  for (const auto& v : s.objects) {
    std::vector<z3::expr> sound{v.kind == static_cast<int>(kKindCowClone)};
    for (size_t m = 0; m < s.memories.size(); ++m) {
      sound.push_back(z3::implies(v.memory == static_cast<int>(m), !s.memories[m].resizable));
    }
    for (size_t w = 0; w < s.objects.size(); ++w) {  // nothing writes to the memory
      sound.push_back(!(ViewsMemory(s.objects[w], v.memory) && writes[w]));
    }
    r.push_back(z3::implies(LiveVmo(v) && v.immutable, AndAll(c, sound)));
  }
  return AndAll(s.ctx(), r);
}

// VMO-080/132: every VMO views a live memory; a slice lies inside its memory. (The model tests
// offset <= size && slice_size <= size - offset; the sum form below is equivalent and lets the
// solver see slices of slices compose: (a + b) + c and a + (b + c) are one term.)
z3::expr inv_vmo_tree_consistent(const SymState& s) {
  std::vector<z3::expr> r;
  for (const auto& o : s.objects) {
    r.push_back(z3::implies(LiveVmo(o), LiveAt(s.memories, o.memory)));
    for (size_t m = 0; m < s.memories.size(); ++m) {
      const z3::expr& size = s.memories[m].size;
      z3::expr inside = z3::bvadd_no_overflow(o.offset, o.slice_size, false) &&
                        z3::ule(o.offset + o.slice_size, size);
      r.push_back(z3::implies(LiveVmo(o) && IsSlice(o) && o.memory == static_cast<int>(m), inside));
    }
  }
  return AndAll(s.ctx(), r);
}

// VMO-080/086..089: each memory has at most one owner (a root or SNAPSHOT-family VMO), which
// views it at offset 0.
z3::expr inv_memory_single_owner(const SymState& s) {
  auto owner = [](const SymObject& o) {
    return LiveVmo(o) && !IsSlice(o) && o.kind != static_cast<int>(kKindReference);
  };
  std::vector<z3::expr> r;
  for (size_t i = 0; i < s.objects.size(); ++i) {
    const SymObject& a = s.objects[i];
    r.push_back(z3::implies(owner(a), a.offset == U64(s.ctx(), 0)));
    for (size_t j = i + 1; j < s.objects.size(); ++j) {
      const SymObject& b = s.objects[j];
      r.push_back(!(owner(a) && owner(b) && a.memory == b.memory));
    }
  }
  return AndAll(s.ctx(), r);
}

namespace {

// |idx| names a live object of |type|.
z3::expr NamesLive(const SymState& s, const z3::expr& idx, zx_obj_type_t type) {
  std::vector<z3::expr> r;
  for (size_t i = 0; i < s.objects.size(); ++i) {
    r.push_back(idx == static_cast<int>(i) && s.objects[i].alive && IsType(s.objects[i], type));
  }
  return OrAll(s.ctx(), r);
}

}  // namespace

// STREAM-001, HANDLE-003: a stream's VMO is a live VMO.
z3::expr inv_streams_have_vmo(const SymState& s) {
  std::vector<z3::expr> r;
  for (const auto& o : s.objects) {
    r.push_back(z3::implies(o.alive && IsType(o, ZX_OBJ_TYPE_STREAM),
                         NamesLive(s, o.stream_vmo, ZX_OBJ_TYPE_VMO)));
  }
  return AndAll(s.ctx(), r);
}

// ---- lemmas ----

// HANDLE-003, VMAR-002: a mapping holds its VMO and lies in a VMAR, so both are live objects
// (the model removes mappings with their VMAR and keeps their VMO alive).
z3::expr lemma_mappings_live(const SymState& s) {
  std::vector<z3::expr> r;
  for (const auto& m : s.mappings) {
    r.push_back(z3::implies(m.alive, NamesLive(s, m.vmo, ZX_OBJ_TYPE_VMO) &&
                                      NamesLive(s, m.vmar, ZX_OBJ_TYPE_VMAR)));
  }
  return AndAll(s.ctx(), r);
}

// The spec's fields hold only values the model's types can: a live object has one of the object
// types the model makes (model/state.h ObjectBody), a VMO one of the four kinds (VmoKind).
z3::expr lemma_well_formed(const SymState& s) {
  std::vector<z3::expr> r;
  for (const auto& o : s.objects) {
    std::vector<z3::expr> types;
    for (zx_obj_type_t t : {ZX_OBJ_TYPE_JOB, ZX_OBJ_TYPE_PROCESS, ZX_OBJ_TYPE_RESOURCE,
                            ZX_OBJ_TYPE_VMO, ZX_OBJ_TYPE_STREAM, ZX_OBJ_TYPE_VMAR,
                            ZX_OBJ_TYPE_CHANNEL}) {
      types.push_back(IsType(o, t));
    }
    r.push_back(z3::implies(o.alive, OrAll(s.ctx(), types)));
    r.push_back(z3::implies(LiveVmo(o), z3::ule(o.kind, Index(s.ctx(), kKindReference))));
  }
  return AndAll(s.ctx(), r);
}

// VMO-076, VMO-080: a slice is made only of a VMO that is not resizable, slices themselves are
// never resizable, and a memory's resizability never changes; so a slice's memory is not
// resizable.
z3::expr lemma_slice_memory_fixed(const SymState& s) {
  std::vector<z3::expr> r;
  for (const auto& o : s.objects) {
    for (size_t m = 0; m < s.memories.size(); ++m) {
      r.push_back(z3::implies(LiveVmo(o) && IsSlice(o) && o.memory == static_cast<int>(m),
                           !s.memories[m].resizable));
    }
  }
  return AndAll(s.ctx(), r);
}

namespace {

const std::vector<SpecInvariant>& Table() {
  static const std::vector<SpecInvariant> table = {
      {"stream-size-le-size", true, "complete", "", &inv_stream_size_le_size},
      {"size-page-aligned", true, "complete", "", &inv_size_page_aligned},
      {"handles-valid", true,
       "object liveness and defined rights; handle values (fixed bits) and dead processes have "
       "no spec state",
       "", &inv_handles_valid},
      {"rights-bounded", true, "complete", "", &inv_rights_bounded},
      {"immutability", true, "complete", "", &inv_immutability},
      {"vmo-tree-consistent", true,
       "memories exist and slices lie inside them; the parent relation has no spec state", "",
       &inv_vmo_tree_consistent},
      {"memory-single-owner", true, "complete", "", &inv_memory_single_owner},
      {"streams-have-vmo", true, "complete", "", &inv_streams_have_vmo},
      {"lemma:mappings-live", false, "mappings name a live VMO and a live VMAR",
       "without it a writable mapping may name a free object slot; "
       "vmo_create_child(SNAPSHOT|NO_WRITE) then puts an immutable VMO there and immutability "
       "fails",
       &lemma_mappings_live},
      {"lemma:well-formed", false,
       "live objects have a model object type; VMOs one of the four kinds",
       "without it a pre-state may hold an object of no model type or a VMO of a fifth kind; "
       "such a counterexample has no model::State to replay on",
       &lemma_well_formed},
      {"lemma:slice-memory-fixed", false, "slices view memories that are not resizable",
       "without it a slice may view a resizable memory; vmo_set_size through a reference to "
       "that memory shrinks it below the slice's end and vmo-tree-consistent fails",
       &lemma_slice_memory_fixed},
  };
  return table;
}

}  // namespace

std::span<const SpecInvariant> SpecInvariants() { return Table(); }

const SpecInvariant* FindSpecInvariant(std::string_view id) {
  for (const auto& inv : Table()) {
    if (inv.id == id) return &inv;
  }
  return nullptr;
}

z3::expr AllInvariants(const SymState& s) {
  std::vector<z3::expr> r;
  for (const auto& inv : Table()) r.push_back(inv.encode(s));
  return AndAll(s.ctx(), r);
}

}  // namespace zxspec::spec
