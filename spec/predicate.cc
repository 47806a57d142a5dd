// The vocabulary of the predicate language (kinds and fields over spec/state.h) and the compiler
// of a checked syntax tree (predicate_parse.cc) to a Formula over one or two states.
#include "spec/predicate.h"

#include <map>
#include <sstream>

#include "api/result.h"
#include "spec/encode.h"
#include "spec/predicate_ast.h"

namespace zxspec::spec {
namespace {

z3::expr LiveType(const SymState& s, const z3::expr& k, zx_obj_type_t t) { return IsType(s, k, t); }

// A page of mapping (vmar, base) whose current permissions include |perm|.
Formula SomePage(const SymState& s, const Args& m, uint32_t perm) {
  return Formula::Exists(s.ctx(), {Sort::kAddr}, [s, m, perm](const Args& a) -> Formula {
    const z3::expr &vmar = m[0], &base = m[1], &page = a[0];
    return z3::uge(page, base) && z3::ult(page - base, s.map_size(vmar, base)) &&
           HasBits(s.perms(vmar, base, page), perm);
  });
}

#define KIND(name, type, meaning)                                                                   \
  {#name, {Sort::kKoid}, [](const SymState& s, const Args& id) { return LiveType(s, id[0], type); }, \
   meaning}
#define VALUE(kind, name, expr, meaning)                                                         \
  {#kind, #name, [](const SymState& s [[maybe_unused]], const Args& id) { return Widen64(expr); }, \
   nullptr, meaning}
#define TRUTH(kind, name, formula, meaning) \
  {#kind, #name, nullptr, [](const SymState& s, const Args& id) -> Formula { return formula; }, meaning}

}  // namespace

const std::vector<PredicateKind>& PredicateKinds() {
  static const std::vector<PredicateKind> kinds = {
      {"object", {Sort::kKoid}, [](const SymState& s, const Args& id) { return s.alive(id[0]); },
       "every live object (koid)"},
      KIND(vmo, ZX_OBJ_TYPE_VMO, "live VMOs (koid)"),
      {"handle", {Sort::kKoid, Sort::kHandle},
       [](const SymState& s, const Args& id) { return s.h_alive(id[0], id[1]); },
       "live handles (process koid, handle value)"},
      KIND(process, ZX_OBJ_TYPE_PROCESS, "live processes (koid)"),
      KIND(vmar, ZX_OBJ_TYPE_VMAR, "live VMAR objects (koid), destroyed ones included"),
      {"mapping", {Sort::kKoid, Sort::kAddr},
       [](const SymState& s, const Args& id) { return s.map_alive(id[0], id[1]); },
       "mappings (VMAR koid, base address)"},
      KIND(stream, ZX_OBJ_TYPE_STREAM, "live streams (koid)"),
      KIND(channel, ZX_OBJ_TYPE_CHANNEL, "live channel endpoints (koid)"),
      KIND(job, ZX_OBJ_TYPE_JOB, "live jobs (koid)"),
  };
  return kinds;
}

const std::vector<PredicateField>& PredicateFields() {
  static const std::vector<PredicateField> fields = {
      VALUE(object, koid, id[0], "the koid"),
      VALUE(object, type, s.type(id[0]), "ZX_OBJ_TYPE_*"),
      VALUE(vmo, koid, id[0], "the koid"),
      VALUE(vmo, size, ViewOf(s, id[0]).size, "the size (VMO-004)"),
      VALUE(vmo, stream_size, ViewOf(s, id[0]).stream_size, "the stream size (RFC-0238, VMO-005)"),
      VALUE(vmo, parent, s.vmo_parent(id[0]), "the parent's koid (0 for a root)"),
      TRUTH(vmo, immutable, s.immutable(id[0]), "ZX_INFO_VMO_IMMUTABLE (RFC-0080)"),
      TRUTH(vmo, resizable, ViewOf(s, id[0]).resizable, "created RESIZABLE"),
      TRUTH(vmo, discardable, ViewOf(s, id[0]).discardable, "created DISCARDABLE"),
      TRUTH(vmo, slice, ViewOf(s, id[0]).slice, "a SLICE child"),
      VALUE(handle, process, id[0], "the koid of the process whose table holds it"),
      VALUE(handle, value, id[1], "the handle value"),
      VALUE(handle, object, s.h_object(id[0], id[1]), "the koid of its object"),
      VALUE(handle, rights, s.h_rights(id[0], id[1]), "ZX_RIGHT_* bits"),
      VALUE(handle, type, s.type(s.h_object(id[0], id[1])), "its object's ZX_OBJ_TYPE_*"),
      VALUE(process, koid, id[0], "the koid"),
      VALUE(process, job, s.proc_job(id[0]), "the koid of its job"),
      VALUE(process, root_vmar, s.proc_root(id[0]), "the koid of its root VMAR"),
      VALUE(process, retcode, s.proc_retcode(id[0]), "its return code"),
      TRUTH(process, started, s.proc_started(id[0]), "process_start succeeded on it"),
      TRUTH(process, dead, s.proc_state(id[0]) == U8(s.ctx(), kProcDead), "killed or exited"),
      VALUE(vmar, koid, id[0], "the koid"),
      VALUE(vmar, process, s.vmar_process(id[0]), "the koid of its process"),
      VALUE(vmar, base, s.vmar_base(id[0]), "its base address"),
      VALUE(vmar, size, s.vmar_size(id[0]), "its size in bytes"),
      VALUE(vmar, flags, s.vmar_flags(id[0]), "its ZX_VM_CAN_MAP_* flags"),
      VALUE(vmar, parent, s.vmar_parent(id[0]), "the parent VMAR's koid (0 for a root)"),
      TRUTH(vmar, live, s.vmar_live(id[0]), "not destroyed"),
      VALUE(mapping, vmar, id[0], "the koid of the VMAR it is in"),
      VALUE(mapping, base, id[1], "its base address"),
      VALUE(mapping, size, s.map_size(id[0], id[1]), "its size in bytes"),
      VALUE(mapping, vmo, s.map_vmo(id[0], id[1]), "the koid of the VMO it maps"),
      VALUE(mapping, vmo_offset, s.map_vmo_offset(id[0], id[1]), "the VMO offset of its base"),
      VALUE(mapping, max_perms, s.map_max_perms(id[0], id[1]),
            "the most ZX_VM_PERM_* bits its pages may get (VMAR-027)"),
      VALUE(mapping, flags, s.map_flags(id[0], id[1]), "its ZX_VM_* option bits"),
      TRUTH(mapping, readable, SomePage(s, id, ZX_VM_PERM_READ), "some page has ZX_VM_PERM_READ now"),
      TRUTH(mapping, writable, SomePage(s, id, ZX_VM_PERM_WRITE), "some page has ZX_VM_PERM_WRITE now"),
      TRUTH(mapping, executable, SomePage(s, id, ZX_VM_PERM_EXECUTE),
            "some page has ZX_VM_PERM_EXECUTE now"),
      VALUE(stream, koid, id[0], "the koid"),
      VALUE(stream, vmo, s.stream_vmo(id[0]), "the koid of its VMO"),
      VALUE(stream, seek, s.seek(id[0]), "its seek offset"),
      TRUTH(stream, append, s.append(id[0]), "in append mode"),
      TRUTH(stream, readable, s.mode_read(id[0]), "created with ZX_STREAM_MODE_READ"),
      TRUTH(stream, writable, s.mode_write(id[0]), "created with ZX_STREAM_MODE_WRITE"),
      VALUE(channel, koid, id[0], "the koid"),
      VALUE(channel, peer, s.peer(id[0]), "the koid of the other endpoint"),
      VALUE(channel, messages, s.q_len(id[0]), "messages queued for reading here"),
      TRUTH(channel, peer_closed, s.peer_closed(id[0]), "the other endpoint is gone"),
      VALUE(job, koid, id[0], "the koid"),
      TRUTH(job, killed, s.job_killed(id[0]), "task_kill succeeded on it"),
  };
  return fields;
}

const PredicateKind* FindPredicateKind(const std::string& name) {
  for (const auto& k : PredicateKinds()) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

const PredicateField* FindPredicateField(const std::string& kind, const std::string& name) {
  for (const auto& f : PredicateFields()) {
    if (kind == f.kind && name == f.name) return &f;
  }
  return nullptr;
}

std::string Vocabulary() {
  std::ostringstream out;
  for (const auto& k : PredicateKinds()) {
    out << "  " << k.name << " (" << k.meaning << "):";
    for (const auto& f : PredicateFields()) {
      if (std::string(f.kind) == k.name) out << " " << f.name;
    }
    out << "\n";
  }
  return out.str();
}

namespace {

using NodePtr = std::shared_ptr<const PredicateNode>;
using Op = PredicateNode::Op;

// Where a subtree is read: the states, whether inside old(...), the variables in scope.
struct Env {
  SymState pre, post;
  bool old = false;
  std::map<std::string, Args> vars;
  const SymState& state() const { return old ? pre : post; }
};

z3::expr Value(const PredicateNode& n, const Env& env);

Formula Truth(const PredicateNode& n, const Env& env) {
  z3::context& c = env.post.ctx();
  auto kid = [&](size_t i) { return Truth(*n.kids[i], env); };
  switch (n.op) {
    case Op::kForall:
    case Op::kExists: {
      std::vector<Sort> sorts;
      for (const auto& b : n.binders) sorts.insert(sorts.end(), b.kind->sorts.begin(), b.kind->sorts.end());
      NodePtr body = n.kids[0];
      std::vector<PredicateNode::Binder> binders = n.binders;
      bool forall = n.op == Op::kForall;
      Formula::Body f = [env, body, binders, forall](const Args& all) -> Formula {
        Env inner = env;
        z3::expr live = inner.state().ctx().bool_val(true);
        size_t at = 0;
        for (const auto& b : binders) {
          Args id;
          for (size_t i = 0; i < b.kind->sorts.size(); ++i) id.push_back(all[at + i]);
          at += id.size();
          live = live && b.kind->live(inner.state(), id);
          inner.vars[b.name] = id;
        }
        Formula p = Truth(*body, inner);
        return forall ? Implies(Formula(live), p) : Formula(live) && p;
      };
      std::string name = std::string(forall ? "forall" : "exists") + "(user)";
      return forall ? Formula::Forall(c, sorts, f, name) : Formula::Exists(c, sorts, f, name);
    }
    case Op::kImplies: return Implies(kid(0), kid(1));
    case Op::kOr: return kid(0) || kid(1);
    case Op::kAnd: return kid(0) && kid(1);
    case Op::kNot: return !kid(0);
    case Op::kEq:
    case Op::kNe: {
      if (n.kids[0]->truth) {  // two truth values: equivalence
        Formula a = kid(0), b = kid(1);
        Formula same = (a && b) || (!a && !b);
        return n.op == Op::kEq ? same : !same;
      }
      z3::expr a = Value(*n.kids[0], env), b = Value(*n.kids[1], env);
      return n.op == Op::kEq ? a == b : a != b;
    }
    case Op::kLt: return z3::ult(Value(*n.kids[0], env), Value(*n.kids[1], env));
    case Op::kLe: return z3::ule(Value(*n.kids[0], env), Value(*n.kids[1], env));
    case Op::kGt: return z3::ugt(Value(*n.kids[0], env), Value(*n.kids[1], env));
    case Op::kGe: return z3::uge(Value(*n.kids[0], env), Value(*n.kids[1], env));
    case Op::kHas: return HasRights(Value(*n.kids[0], env), Value(*n.kids[1], env));
    case Op::kTruth: return c.bool_val(n.number != 0);
    case Op::kField: return n.field->truth(env.state(), env.vars.at(n.var));
    case Op::kAlive:
      if (n.kind != nullptr) return n.kind->live(env.state(), env.vars.at(n.var));
      return env.state().alive(Value(*n.kids[0], env));
    case Op::kOld: {
      Env old = env;
      old.old = true;
      return Truth(*n.kids[0], old);
    }
    case Op::kBitOr:
    case Op::kBitAnd:
    case Op::kAdd:
    case Op::kSub:
    case Op::kNumber:
    case Op::kVar: break;
  }
  ZXSPEC_ASSERT(false, "a number where the checker promised a truth value");
  return c.bool_val(false);
}

z3::expr Value(const PredicateNode& n, const Env& env) {
  z3::context& c = env.post.ctx();
  auto kid = [&](size_t i) { return Value(*n.kids[i], env); };
  switch (n.op) {
    case Op::kBitOr: return kid(0) | kid(1);
    case Op::kBitAnd: return kid(0) & kid(1);
    case Op::kAdd: return kid(0) + kid(1);
    case Op::kSub: return kid(0) - kid(1);
    case Op::kNumber: return c.bv_val(n.number, 64);
    case Op::kVar: return env.vars.at(n.var)[0];
    case Op::kField: return n.field->value(env.state(), env.vars.at(n.var));
    case Op::kOld: {
      Env old = env;
      old.old = true;
      return Value(*n.kids[0], old);
    }
    case Op::kForall:
    case Op::kExists:
    case Op::kImplies:
    case Op::kOr:
    case Op::kAnd:
    case Op::kNot:
    case Op::kEq:
    case Op::kNe:
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
    case Op::kHas:
    case Op::kTruth:
    case Op::kAlive: break;
  }
  ZXSPEC_ASSERT(false, "a truth value where the checker promised a number");
  return c.bv_val(0, 64);
}

}  // namespace

Predicate::Predicate(std::string text, bool two_state, std::shared_ptr<const PredicateNode> root)
    : text_(std::move(text)), two_state_(two_state), root_(std::move(root)) {}
Predicate::~Predicate() = default;

Formula Predicate::Over(const SymState& s) const { return Over(s, s); }

Formula Predicate::Over(const SymState& pre, const SymState& post) const {
  return Truth(*root_, Env{pre, post, false, {}});
}

}  // namespace zxspec::spec
