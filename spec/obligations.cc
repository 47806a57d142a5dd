// The step obligations (see obligations.h).
#include "spec/obligations.h"

#include "spec/invariants.h"

namespace zxspec::spec {
namespace {

z3::expr IsVmo(const SymState& s, const z3::expr& k) { return IsType(s, k, ZX_OBJ_TYPE_VMO); }

// RFC-0080, VMO-085.
std::optional<Formula> ImmutableStable(const ObligationInput& in) {
  z3::context& c = in.pre.ctx();
  SymState pre = in.pre, post = in.path.post;
  auto kept = [pre, post](const z3::expr& k) {
    return IsVmo(pre, k) && pre.immutable(k) && IsVmo(post, k);
  };
  Formula shape = ForallKoid(c, [pre, post, kept](const z3::expr& k) -> Formula {
    View a = ViewOf(pre, k), b = ViewOf(post, k);
    return z3::implies(kept(k), post.immutable(k) && b.size == a.size &&
                                    b.stream_size == a.stream_size);
  });
  // IMMUTABLE VMOs own their memory at offset 0 (memory-single-owner).
  Formula bytes = Formula::Forall(c, {Sort::kKoid, Sort::kOffset}, [pre, post, kept](const Args& a) -> Formula {
    const z3::expr &k = a[0], &o = a[1];
    return z3::implies(kept(k), post.content(post.vmo_memory(k), o) == pre.content(pre.vmo_memory(k), o));
  });
  return shape && bytes;
}

// FTP-028 in transit: a handle slot queued after the call was queued before, at the same or the
// next position of its queue (a read moves every later message down by one), with the same
// object and rights; or it is a slot of a message the path sends, with the sender's object and
// no right beyond the sender's handle (CHAN-022 (7), CHAN-032).
Formula QueuedMonotone(const SymState& pre, const SymState& post, const std::vector<Send>& sends) {
  return ForallQueued(pre.ctx(), [pre, post, sends](const z3::expr& e, const z3::expr& q,
                                                    const z3::expr& k) -> Formula {
    z3::context& c = e.ctx();
    auto same = [&](const z3::expr& from) {
      return Queued(pre, e, from, k) && post.mh_object(e, q, k) == pre.mh_object(e, from, k) &&
             post.mh_rights(e, q, k) == pre.mh_rights(e, from, k);
    };
    std::vector<z3::expr> ways{same(q), same(q + U64(c, 1))};
    for (const Send& s : sends) {
      ways.push_back(e == s.endpoint && q == s.position && post.mh_object(e, q, k) == s.object_at(k) &&
                     Within(post.mh_rights(e, q, k), s.bound_at(k)));
    }
    return z3::implies(Queued(post, e, q, k), OrAll(c, ways));
  });
}

// RIGHTS-002, FTP-028: handles keep or lose rights, and new ones derive from a source.
std::optional<Formula> RightsMonotone(const ObligationInput& in) {
  z3::context& c = in.pre.ctx();
  SymState pre = in.pre, post = in.path.post;
  Formula kept = ForallHandle(c, [pre, post](const z3::expr& p, const z3::expr& v) -> Formula {
    return z3::implies(pre.h_alive(p, v) && post.h_alive(p, v),
                       post.h_object(p, v) == pre.h_object(p, v) &&
                           post.h_rights(p, v) == pre.h_rights(p, v));
  });
  std::vector<Install> installs = in.path.installs;
  Formula derived = ForallHandle(c, [pre, post, installs](const z3::expr& p, const z3::expr& v) -> Formula {
    z3::context& cx = p.ctx();
    std::vector<z3::expr> sources;
    for (const Install& i : installs) {
      if (i.covers) {
        sources.push_back(i.covers(p, v) && Within(post.h_rights(p, v), i.bound_at(v)));
      } else {
        sources.push_back(p == i.at[0] && v == i.at[1] && Within(post.h_rights(p, v), i.bound));
      }
    }
    return z3::implies(!pre.h_alive(p, v) && post.h_alive(p, v) && pre.alive(post.h_object(p, v)),
                       OrAll(cx, sources));
  });
  return kept && derived && QueuedMonotone(pre, post, in.path.sends);
}

// VMAR-027, VMAR-033: a mapping's max_perms come from the rights of the handles that made it.
std::optional<Formula> MappingPermsDerived(const ObligationInput& in) {
  SymState pre = in.pre, post = in.path.post;
  std::vector<Grant> grants = in.path.grants;
  return ForallMapping(pre.ctx(), [pre, post, grants](const z3::expr& v, const z3::expr& b) -> Formula {
    z3::context& c = v.ctx();
    z3::expr max = post.map_max_perms(v, b);
    z3::expr kept = pre.map_alive(v, b) && max == pre.map_max_perms(v, b);
    std::vector<z3::expr> sources{kept};
    for (const Grant& g : grants) sources.push_back(v == g.at[0] && b == g.at[1] && Within(max, g.bound));
    return z3::implies(post.map_alive(v, b), OrAll(c, sources));
  });
}

// RFC-0238 and the rulebook's size rules (VMO-041/042/048, STREAM-034f/040d).
std::optional<Formula> SizeFrame(const ObligationInput& in) {
  if (in.op.effects.changes_sizes) return std::nullopt;
  SymState pre = in.pre, post = in.path.post;
  return ForallKoid(pre.ctx(), [pre, post](const z3::expr& k) -> Formula {
    View a = ViewOf(pre, k), b = ViewOf(post, k);
    return z3::implies(IsVmo(pre, k) && IsVmo(post, k),
                       b.size == a.size && b.stream_size == a.stream_size);
  });
}

// What the collection after a consumed handle (HANDLE-031; destruction as HANDLE-012 and model/lifecycle.cc)
// changes at |at| of field |f|: the fields of an object or memory that died, the VMARs of a
// process that died (PROC-014), PEER_CLOSED of a channel whose peer died, the parent of a VMO
// whose parent died (VMO-084). Garbage collection destroys only what lost its last reference
// (spec/lifecycle.h gc:closure), so on a failing call that consumed nothing nothing may die.
z3::expr Collected(const SymState& pre, const SymState& post, const FieldDesc& f, const Args& at) {
  z3::context& c = pre.ctx();
  if (f.args.empty()) return False(c);
  if (f.args[0] == Sort::kMemory) return pre.m_alive(at[0]) && !post.m_alive(at[0]);
  if (f.args[0] != Sort::kKoid) return False(c);
  auto died = [&pre, &post](const z3::expr& k) { return pre.alive(k) && !post.alive(k); };
  const z3::expr& k = at[0];
  z3::expr gone = died(k);
  std::string_view n = f.name;
  const bool by_vmar = (f.args.size() > 1 && f.args[1] == Sort::kAddr) || n == "vmar_live";
  if (by_vmar) gone = gone || died(pre.vmar_process(k));
  if (n == "peer_closed") gone = gone || died(pre.peer(k));
  if (n == "vmo_parent") gone = gone || died(pre.vmo_parent(k));
  return gone;
}

// GEN-002 and the effects the rulebook names for errors.
std::optional<Formula> ErrorNoEffect(const ObligationInput& in) {
  if (in.path.status == ZX_OK) return std::nullopt;
  z3::context& c = in.pre.ctx();
  std::vector<Formula> parts;
  for (const FieldDesc* f : ChangedFields(in.pre, in.path.post)) {
    Fn before = in.pre.*f->member, after = in.path.post.*f->member;
    const FieldDesc& field = *f;
    SymState pre = in.pre, post = in.path.post;
    z3::expr caller = in.caller;
    SymArgs args = in.args;
    auto allowed = in.op.effects.error_effect;
    auto body = [=, &field](const Args& at) -> Formula {
      if (allowed == nullptr) return after(at) == before(at);
      return after(at) == before(at) || Collected(pre, post, field, at) ||
             allowed(pre, caller, args, field, at);
    };
    if (f->args.empty()) {
      parts.push_back(body(Args{}));
    } else {
      parts.push_back(Formula::Forall(c, f->args, body));
    }
  }
  return Formula::And(parts, c);
}

const std::vector<StepObligation>& ObligationTable() {
  static const std::vector<StepObligation> table = {
      {"immutable-stable",
       "A VMO that is IMMUTABLE before a call and alive after it is still IMMUTABLE, with the "
       "same size, stream size and bytes.",
       "VMO-085 seed RFC-0080", ImmutableStable},
      {"rights-monotone",
       "A handle alive before and after a call keeps its object and rights; a new handle to an "
       "object that existed before holds no right beyond its source handle's, plus the "
       "additions the rulebook names.",
       "RIGHTS-002 HANDLE-022 VMO-083 VMO-124 seed FTP-028", RightsMonotone},
      {"mapping-perms-derived",
       "A mapping alive after a call existed before it with the same max_perms, or the call made "
       "it with max_perms within the PERM bits of the rights of both handles it was mapped "
       "through, or split it off a mapping with the same max_perms.",
       "VMAR-027 VMAR-033 seed RFC-0080", MappingPermsDerived},
      {"size-frame",
       "Only the calls the rulebook names change a live VMO's size or stream size.",
       "VMO-041 VMO-042 VMO-048 STREAM-034 STREAM-040 seed RFC-0238", SizeFrame},
      {"error-no-effect",
       "A failing call changes nothing but the effects the rulebook names for that error.",
       "GEN-002 HANDLE-031 VMO-121 CHAN-021", ErrorNoEffect},
  };
  return table;
}

}  // namespace

std::span<const StepObligation> StepObligations() { return ObligationTable(); }

const StepObligation* FindStepObligation(std::string_view id) {
  for (const auto& o : ObligationTable()) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

}  // namespace zxspec::spec
