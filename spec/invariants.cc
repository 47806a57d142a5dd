// The invariants in Z3 form (see invariants.h). Each function states, with quantifiers over the
// unbounded state, what the model's checker of the same id tests in its loops; comments name
// the conjuncts.
#include "spec/invariants.h"

#include "api/zircon.h"
#include "spec/encode.h"

namespace zxspec::spec {

Formula ForallKoid(z3::context& c, const std::function<Formula(const z3::expr&)>& f) {
  return Formula::Forall(c, {Sort::kKoid}, [f](const Args& v) { return f(v[0]); });
}
Formula ForallMemory(z3::context& c, const std::function<Formula(const z3::expr&)>& f) {
  return Formula::Forall(c, {Sort::kMemory}, [f](const Args& v) { return f(v[0]); });
}
Formula ForallHandle(z3::context& c,
                     const std::function<Formula(const z3::expr&, const z3::expr&)>& f) {
  return Formula::Forall(c, {Sort::kKoid, Sort::kHandle}, [f](const Args& v) { return f(v[0], v[1]); });
}
Formula ForallQueued(z3::context& c, const std::function<Formula(const z3::expr&, const z3::expr&,
                                                                 const z3::expr&)>& f) {
  return Formula::Forall(c, {Sort::kKoid, Sort::kSeq, Sort::kSlot},
                         [f](const Args& v) { return f(v[0], v[1], v[2]); });
}
Formula ForallMapping(z3::context& c,
                      const std::function<Formula(const z3::expr&, const z3::expr&)>& f) {
  return Formula::Forall(c, {Sort::kKoid, Sort::kAddr}, [f](const Args& v) { return f(v[0], v[1]); });
}

z3::expr Queued(const SymState& s, const z3::expr& e, const z3::expr& q, const z3::expr& slot) {
  return IsType(s, e, ZX_OBJ_TYPE_CHANNEL) && z3::ult(q, s.q_len(e)) &&
         z3::ult(slot, s.msg_nhandles(e, q));
}

namespace {

z3::expr IsVmo(const SymState& s, const z3::expr& k) { return IsType(s, k, ZX_OBJ_TYPE_VMO); }

// An object that can carry WRITE for |m|'s bytes: a VMO viewing |m|.
z3::expr ViewsMemory(const SymState& s, const z3::expr& k, const z3::expr& m) {
  return IsVmo(s, k) && s.vmo_memory(k) == m;
}

}  // namespace

// RIGHTS-010..016, VMO-083, VMO-124, STREAM-014, VMAR-004: defaults plus what a derivation may
// add, per object type.
z3::expr MaxRights(const SymState& s, const z3::expr& k) {
  z3::context& c = s.ctx();
  auto bit = [&](const z3::expr& cond, zx_rights_t r) { return z3::ite(cond, U32(c, r), U32(c, 0)); };
  z3::expr t = s.type(k);
  z3::expr flags = s.vmar_flags(k);
  View v = ViewOf(s, k);
  z3::expr vmo = U32(c, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_EXECUTE) | bit(v.resizable, ZX_RIGHT_RESIZE);
  z3::expr stream = U32(c, ZX_DEFAULT_STREAM_RIGHTS) | bit(s.mode_read(k), ZX_RIGHT_READ) |
                    bit(s.mode_write(k), ZX_RIGHT_WRITE);
  z3::expr vmar = U32(c, ZX_DEFAULT_VMAR_RIGHTS) |
                  bit(HasBits(flags, ZX_VM_CAN_MAP_READ), ZX_RIGHT_READ) |
                  bit(HasBits(flags, ZX_VM_CAN_MAP_WRITE), ZX_RIGHT_WRITE) |
                  bit(HasBits(flags, ZX_VM_CAN_MAP_EXECUTE), ZX_RIGHT_EXECUTE);
  auto is = [&](zx_obj_type_t ty) { return t == U32(c, ty); };
  return z3::ite(is(ZX_OBJ_TYPE_VMO), vmo,
         z3::ite(is(ZX_OBJ_TYPE_STREAM), stream,
         z3::ite(is(ZX_OBJ_TYPE_VMAR), vmar,
         z3::ite(is(ZX_OBJ_TYPE_PROCESS), U32(c, ZX_DEFAULT_PROCESS_RIGHTS),
         z3::ite(is(ZX_OBJ_TYPE_JOB), U32(c, ZX_DEFAULT_JOB_RIGHTS),
         z3::ite(is(ZX_OBJ_TYPE_CHANNEL), U32(c, ZX_DEFAULT_CHANNEL_RIGHTS),
         z3::ite(is(ZX_OBJ_TYPE_RESOURCE), U32(c, ZX_DEFAULT_RESOURCE_RIGHTS), U32(c, 0))))))));
}

namespace {

// ---- catalog ----

// VMO-002, seed RFC-0238: every memory's stream size is at most its size; so is every slice's.
Formula StreamSizeLeSize(const SymState& s) {
  z3::context& c = s.ctx();
  return ForallMemory(c, [s](const z3::expr& m) -> Formula {
           return z3::implies(s.m_alive(m), z3::ule(s.m_stream_size(m), s.m_size(m)));
         }) &&
         ForallKoid(c, [s](const z3::expr& k) -> Formula {
           return z3::implies(IsVmo(s, k) && IsSlice(s, k),
                              z3::ule(s.slice_stream_size(k), s.slice_size(k)));
         });
}

// VMO-002/003: memory sizes are page multiples no larger than VMO_MAX_SIZE; slices' too.
Formula SizePageAligned(const SymState& s) {
  z3::context& c = s.ctx();
  return ForallMemory(c, [s](const z3::expr& m) -> Formula {
           return z3::implies(s.m_alive(m), PageAligned(s.m_size(m)) &&
                                                 z3::ule(s.m_size(m), MaxVmoSize(m.ctx())));
         }) &&
         ForallKoid(c, [s](const z3::expr& k) -> Formula {
           return z3::implies(IsVmo(s, k) && IsSlice(s, k), PageAligned(s.slice_size(k)));
         });
}

// HANDLE-001/002, RIGHTS-001, PROC-002: handles live in the tables of processes that are not
// DEAD, carry the fixed bits, name live objects and hold only defined rights; queued handles
// name live objects and hold only defined rights.
Formula HandlesValid(const SymState& s) {
  z3::context& c = s.ctx();
  z3::expr undefined = U32(c, ~kAllDefinedRights & 0xFFFFFFFFu);
  return ForallHandle(c, [s, undefined](const z3::expr& p, const z3::expr& v) -> Formula {
           z3::context& cx = p.ctx();
           return z3::implies(s.h_alive(p, v),
                              LiveProcess(s, p) &&
                                  (v & U32(cx, ZX_HANDLE_FIXED_BITS_MASK)) ==
                                      U32(cx, ZX_HANDLE_FIXED_BITS_MASK) &&
                                  s.alive(s.h_object(p, v)) &&
                                  (s.h_rights(p, v) & undefined) == U32(cx, 0));
         }) &&
         ForallQueued(c, [s, undefined](const z3::expr& e, const z3::expr& q,
                                         const z3::expr& k) -> Formula {
           return z3::implies(Queued(s, e, q, k), s.alive(s.mh_object(e, q, k)) &&
                                                      (s.mh_rights(e, q, k) & undefined) == U32(e.ctx(), 0));
         });
}

// RIGHTS-002 in state form: no handle, in a table or queued, holds a right outside MaxRights
// of its object.
Formula RightsBounded(const SymState& s) {
  z3::context& c = s.ctx();
  return ForallHandle(c, [s](const z3::expr& p, const z3::expr& v) -> Formula {
           z3::expr o = s.h_object(p, v);
           return z3::implies(s.h_alive(p, v) && s.alive(o), Within(s.h_rights(p, v), MaxRights(s, o)));
         }) &&
         ForallQueued(c, [s](const z3::expr& e, const z3::expr& q, const z3::expr& k) -> Formula {
           z3::expr o = s.mh_object(e, q, k);
           return z3::implies(Queued(s, e, q, k) && s.alive(o),
                              Within(s.mh_rights(e, q, k), MaxRights(s, o)));
         });
}

// Seed RFC-0080, VMO-085: an IMMUTABLE VMO is a COW clone whose memory is not resizable, and no
// handle (in a table or queued) with WRITE, writable stream or writable mapping reaches a VMO
// viewing that memory.
Formula Immutability(const SymState& s) {
  z3::context& c = s.ctx();
  auto immutable = [s](const z3::expr& k) { return IsVmo(s, k) && s.immutable(k); };
  Formula shape = ForallKoid(c, [s, immutable](const z3::expr& k) -> Formula {
    return z3::implies(immutable(k), s.vmo_kind(k) == U8(k.ctx(), kKindCowClone) &&
                                         !s.m_resizable(s.vmo_memory(k)));
  });
  Formula handles = Formula::Forall(c, {Sort::kKoid, Sort::kKoid, Sort::kHandle},
                                    [s, immutable](const Args& a) -> Formula {
    const z3::expr &k = a[0], &p = a[1], &v = a[2];
    return z3::implies(immutable(k) && s.h_alive(p, v) && HasRights(s.h_rights(p, v), ZX_RIGHT_WRITE),
                       !ViewsMemory(s, s.h_object(p, v), s.vmo_memory(k)));
  });
  Formula queued = Formula::Forall(c, {Sort::kKoid, Sort::kKoid, Sort::kSeq, Sort::kSlot},
                                   [s, immutable](const Args& a) -> Formula {
    const z3::expr &k = a[0], &e = a[1], &q = a[2], &i = a[3];
    return z3::implies(immutable(k) && Queued(s, e, q, i) &&
                           HasRights(s.mh_rights(e, q, i), ZX_RIGHT_WRITE),
                       !ViewsMemory(s, s.mh_object(e, q, i), s.vmo_memory(k)));
  });
  Formula streams = Formula::Forall(c, {Sort::kKoid, Sort::kKoid}, [s, immutable](const Args& a) -> Formula {
    const z3::expr &k = a[0], &st = a[1];
    return z3::implies(immutable(k) && IsType(s, st, ZX_OBJ_TYPE_STREAM) && s.mode_write(st),
                       !ViewsMemory(s, s.stream_vmo(st), s.vmo_memory(k)));
  });
  Formula mappings = Formula::Forall(c, {Sort::kKoid, Sort::kKoid, Sort::kAddr},
                                     [s, immutable](const Args& a) -> Formula {
    const z3::expr &k = a[0], &vmar = a[1], &base = a[2];
    return z3::implies(immutable(k) && s.map_alive(vmar, base) &&
                           HasBits(s.map_max_perms(vmar, base), ZX_VM_PERM_WRITE),
                       !ViewsMemory(s, s.map_vmo(vmar, base), s.vmo_memory(k)));
  });
  return Formula::And({shape, handles, queued, streams, mappings}, c);
}

// VMO-080/084/132: every VMO views a live memory; a VMO's parent is a live VMO created before
// it (a smaller koid: the spec's form of "no cycle"); a slice lies inside its memory.
Formula VmoTreeConsistent(const SymState& s) {
  z3::context& c = s.ctx();
  return ForallKoid(c, [s](const z3::expr& k) -> Formula {
    z3::expr m = s.vmo_memory(k);
    z3::expr parent = s.vmo_parent(k);
    return z3::implies(
        IsVmo(s, k),
        s.m_alive(m) &&
            z3::implies(parent != U64(k.ctx(), 0), IsVmo(s, parent) && z3::ult(parent, k)) &&
            z3::implies(IsSlice(s, k), NoWrap(s.vmo_offset(k), s.slice_size(k)) &&
                                           z3::ule(s.vmo_offset(k) + s.slice_size(k), s.m_size(m))));
  });
}

// VMO-041/133: no memory stores a byte or commits a page at or beyond its size; a memory that
// is not alive stores nothing.
Formula ContentInSize(const SymState& s) {
  z3::context& c = s.ctx();
  return Formula::Forall(c, {Sort::kMemory, Sort::kOffset}, [s](const Args& a) -> Formula {
           const z3::expr &m = a[0], &o = a[1];
           return z3::implies(!s.m_alive(m) || z3::uge(o, s.m_size(m)),
                              s.content(m, o) == U8(m.ctx(), 0));
         }) &&
         Formula::Forall(c, {Sort::kMemory, Sort::kOffset}, [s](const Args& a) -> Formula {
           const z3::expr &m = a[0], &p = a[1];
           z3::expr pages = z3::lshr(s.m_size(m), U64(m.ctx(), 12));
           return z3::implies(!s.m_alive(m) || z3::uge(p, pages), !s.committed(m, p));
         });
}

// VMO-080/086..089: each memory has at most one owner (a root or SNAPSHOT-family VMO), which
// views it at offset 0.
Formula MemorySingleOwner(const SymState& s) {
  z3::context& c = s.ctx();
  auto owner = [s](const z3::expr& k) {
    return IsVmo(s, k) && !IsSlice(s, k) && s.vmo_kind(k) != U8(k.ctx(), kKindReference);
  };
  return ForallKoid(c, [s, owner](const z3::expr& k) -> Formula {
           return z3::implies(owner(k), s.vmo_offset(k) == U64(k.ctx(), 0));
         }) &&
         Formula::Forall(c, {Sort::kKoid, Sort::kKoid}, [s, owner](const Args& a) -> Formula {
           return z3::implies(owner(a[0]) && owner(a[1]) && s.vmo_memory(a[0]) == s.vmo_memory(a[1]),
                              a[0] == a[1]);
         });
}

// VMO-006/073/103: only discardable memories are locked; no VMO has a discardable parent.
Formula DiscardableRules(const SymState& s) {
  z3::context& c = s.ctx();
  return ForallMemory(c, [s](const z3::expr& m) -> Formula {
           return z3::implies(s.m_lock_count(m) != U64(m.ctx(), 0), s.m_discardable(m));
         }) &&
         ForallKoid(c, [s](const z3::expr& k) -> Formula {
           z3::expr p = s.vmo_parent(k);
           return z3::implies(IsVmo(s, k) && IsVmo(s, p), !ViewOf(s, p).discardable);
         });
}

// STREAM-001, HANDLE-003: a stream's VMO is a live VMO.
Formula StreamsHaveVmo(const SymState& s) {
  return ForallKoid(s.ctx(), [s](const z3::expr& k) -> Formula {
    return z3::implies(IsType(s, k, ZX_OBJ_TYPE_STREAM), IsVmo(s, s.stream_vmo(k)));
  });
}

// CHAN-001/002: an endpoint reports peer-closed exactly when its peer is gone; a present peer
// points back.
Formula ChannelsPaired(const SymState& s) {
  return ForallKoid(s.ctx(), [s](const z3::expr& e) -> Formula {
    z3::expr p = s.peer(e);
    z3::expr present = IsType(s, p, ZX_OBJ_TYPE_CHANNEL);
    return z3::implies(IsType(s, e, ZX_OBJ_TYPE_CHANNEL),
                       s.peer_closed(e) == !present && z3::implies(present, s.peer(p) == e));
  });
}

// CHAN-001, CHAN-022 (3): every queued message is within the message limits.
Formula MessagesBounded(const SymState& s) {
  return Formula::Forall(s.ctx(), {Sort::kKoid, Sort::kSeq}, [s](const Args& a) -> Formula {
    const z3::expr &e = a[0], &q = a[1];
    z3::context& c = e.ctx();
    return z3::implies(IsType(s, e, ZX_OBJ_TYPE_CHANNEL) && z3::ult(q, s.q_len(e)),
                       z3::ule(s.msg_nbytes(e, q), U32(c, ZX_CHANNEL_MAX_MSG_BYTES)) &&
                           z3::ule(s.msg_nhandles(e, q), U32(c, ZX_CHANNEL_MAX_MSG_HANDLES)));
  });
}

// ---- lemmas ----

// The identity counters (README "Identities"): nothing lives at or above next_koid /
// next_memory, and no table holds a value above its counter, so what a call creates is new.
Formula FreshIdentities(const SymState& s) {
  z3::context& c = s.ctx();
  z3::expr next_koid = s.next_koid(Args{});
  z3::expr next_memory = s.next_memory(Args{});
  return ForallKoid(c, [s, next_koid](const z3::expr& k) -> Formula {
           return z3::implies(s.alive(k), z3::ult(k, next_koid));
         }) &&
         ForallMemory(c, [s, next_memory](const z3::expr& m) -> Formula {
           return z3::implies(s.m_alive(m), z3::ult(m, next_memory));
         }) &&
         ForallHandle(c, [s](const z3::expr& p, const z3::expr& v) -> Formula {
           return z3::implies(s.h_alive(p, v), z3::ule(z3::lshr(v, U32(p.ctx(), 2)), s.proc_installed(p)));
         }) &&
         // No field of a live object refers to a koid or memory not yet made.
         ForallKoid(c, [s, next_koid, next_memory](const z3::expr& k) -> Formula {
           std::vector<z3::expr> below;
           for (const Fn* f : {&s.vmo_parent, &s.stream_vmo, &s.peer, &s.proc_job, &s.proc_root,
                               &s.vmar_process, &s.vmar_parent}) {
             below.push_back(z3::ult((*f)(k), next_koid));
           }
           below.push_back(z3::ult(s.vmo_memory(k), next_memory));
           return z3::implies(s.alive(k), AndAll(k.ctx(), below));
         }) &&
         ForallHandle(c, [s, next_koid](const z3::expr& p, const z3::expr& v) -> Formula {
           return z3::implies(s.h_alive(p, v), z3::ult(s.h_object(p, v), next_koid));
         }) &&
         ForallMapping(c, [s, next_koid](const z3::expr& v, const z3::expr& b) -> Formula {
           return z3::implies(s.map_alive(v, b), z3::ult(s.map_vmo(v, b), next_koid));
         }) &&
         ForallQueued(c, [s, next_koid](const z3::expr& e, const z3::expr& q, const z3::expr& i) -> Formula {
           return z3::implies(Queued(s, e, q, i), z3::ult(s.mh_object(e, q, i), next_koid));
         });
}

// The spec's fields hold only what the model's types can: a live object has one of the model's
// object types, a VMO one of the four kinds, a process one of the three states.
Formula WellFormed(const SymState& s) {
  return ForallKoid(s.ctx(), [s](const z3::expr& k) -> Formula {
    z3::context& c = k.ctx();
    std::vector<z3::expr> types;
    for (zx_obj_type_t t : {ZX_OBJ_TYPE_JOB, ZX_OBJ_TYPE_PROCESS, ZX_OBJ_TYPE_RESOURCE,
                            ZX_OBJ_TYPE_VMO, ZX_OBJ_TYPE_STREAM, ZX_OBJ_TYPE_VMAR,
                            ZX_OBJ_TYPE_CHANNEL}) {
      types.push_back(s.type(k) == U32(c, t));
    }
    return z3::implies(s.alive(k), OrAll(c, types) && z3::uge(k, U64(c, ZX_KOID_FIRST)) &&
                                       z3::implies(IsVmo(s, k), z3::ule(s.vmo_kind(k), U8(c, kKindReference))) &&
                                       z3::ule(s.proc_state(k), U8(c, kProcDead)));
  });
}

// VMO-076, VMO-080: a slice is made only of a VMO that is not resizable, slices are never
// resizable, and a memory's resizability never changes; so a slice's memory is not resizable.
Formula SliceMemoryFixed(const SymState& s) {
  return ForallKoid(s.ctx(), [s](const z3::expr& k) -> Formula {
    return z3::implies(IsVmo(s, k) && IsSlice(s, k), !s.m_resizable(s.vmo_memory(k)));
  });
}

// The model has one job, `job` (no job_create): every process belongs to every live job; and a
// killed job has no process that is not DEAD (PROC-023 kills them all, PROC-011 (5) admits no
// new one).
Formula OneJob(const SymState& s) {
  z3::context& c = s.ctx();
  return Formula::Forall(c, {Sort::kKoid, Sort::kKoid}, [s](const Args& a) -> Formula {
           return z3::implies(IsType(s, a[0], ZX_OBJ_TYPE_JOB) && IsType(s, a[1], ZX_OBJ_TYPE_PROCESS),
                              s.proc_job(a[1]) == a[0]);
         }) &&
         ForallKoid(c, [s](const z3::expr& p) -> Formula {
           return z3::implies(LiveProcess(s, p), !s.job_killed(s.proc_job(p)));
         });
}

// The model has one resource, the VMEX resource of the initial state (no call creates one):
// every live resource is of kind SYSTEM and covers exactly [ZX_RSRC_SYSTEM_VMEX_BASE, +1).
Formula OneResource(const SymState& s) {
  return ForallKoid(s.ctx(), [s](const z3::expr& k) -> Formula {
    z3::context& c = k.ctx();
    return z3::implies(IsType(s, k, ZX_OBJ_TYPE_RESOURCE),
                       s.rsrc_kind(k) == U32(c, ZX_RSRC_KIND_SYSTEM) &&
                           s.rsrc_base(k) == U64(c, ZX_RSRC_SYSTEM_VMEX_BASE) &&
                           s.rsrc_size(k) == U64(c, 1));
  });
}

const std::vector<SpecInvariant>& InvariantTable() {
  static const std::vector<SpecInvariant> table = {
      {"stream-size-le-size", true, "complete", "", &StreamSizeLeSize},
      {"size-page-aligned", true, "complete", "", &SizePageAligned},
      {"handles-valid", true, "complete", "", &HandlesValid},
      {"rights-bounded", true, "complete", "", &RightsBounded},
      {"immutability", true, "complete", "", &Immutability},
      {"vmo-tree-consistent", true,
       "stronger than the model's checker: a parent's koid is smaller than its child's (the "
       "model's 'no cycle')",
       "", &VmoTreeConsistent},
      {"content-in-size", true,
       "stronger than the model's checker: a memory that is not alive stores nothing", "",
       &ContentInSize},
      {"memory-single-owner", true, "complete", "", &MemorySingleOwner},
      {"discardable-rules", true, "complete", "", &DiscardableRules},
      {"streams-have-vmo", true, "complete", "", &StreamsHaveVmo},
      {"channels-paired", true, "complete", "", &ChannelsPaired},
      {"channel-messages-bounded", true, "complete", "", &MessagesBounded},
      {"vmar-containment", true, "complete", "", &VmarContainment},
      {"vmar-disjoint", true,
       "children pairwise disjoint; their order by base is the model's list representation", "",
       &VmarDisjoint},
      {"vmar-alignment", true,
       "page alignment and non-zero sizes, no VMAR past the user address space's end; pages "
       "outside a mapping hold no "
       "permissions (the "
       "spec's form of 'the runs cover the mapping')",
       "", &VmarAlignment},
      {"vmar-can-map-inherited", true, "complete", "", &VmarCanMapInherited},
      {"mapping-perms-bounded", true, "complete", "", &MappingPermsBounded},
      {"mapping-perms-valid", true, "complete", "", &MappingPermsValid},
      {"vmar-dead-childless", true, "complete", "", &VmarDeadChildless},
      {"address-space-consistent", true,
       "stronger than the model's checker: a VMAR's parent has a smaller koid (the model's "
       "'hangs from the root'); 'listed once' is by construction (children are parent pointers)",
       "", &AddressSpaceConsistent},
      {"lemma:fresh-identities", false,
       "nothing lives at or above next_koid / next_memory; handle values stay below their "
       "table's counter",
       "without it vmo_create may 'create' an object over a live one, and a duplicate may "
       "overwrite a live handle",
       &FreshIdentities},
      {"lemma:well-formed", false,
       "live objects have a model object type, VMOs one of the four kinds, processes one of "
       "the three states",
       "without it a pre-state may hold an object of no model type; such a counterexample has no "
       "model::State to replay on",
       &WellFormed},
      {"lemma:slice-memory-fixed", false, "slices view memories that are not resizable",
       "without it vmo_set_size through a reference shrinks a memory below a slice's end and "
       "vmo-tree-consistent fails",
       &SliceMemoryFixed},
      {"lemma:one-job", false,
       "every process belongs to the one job; a killed job has no process that is not DEAD",
       "without it process_create's killed-job check (PROC-011 (5)) is taken by a live caller, "
       "a state the model never reaches (task_kill of the job kills every process)",
       &OneJob},
      {"lemma:one-resource", false, "every resource is the VMEX resource",
       "without it vmo_replace_as_executable's ROOT, kind and range checks of vmex (VMO-120) are "
       "taken by a resource the model never has",
       &OneResource},

  };
  return table;
}

}  // namespace

std::span<const SpecInvariant> SpecInvariants() { return InvariantTable(); }

const SpecInvariant* FindSpecInvariant(std::string_view id) {
  for (const auto& inv : InvariantTable()) {
    if (inv.id == id) return &inv;
  }
  return nullptr;
}

}  // namespace zxspec::spec
