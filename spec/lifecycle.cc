// Garbage collection as a constrained choice (see lifecycle.h).
#include "spec/lifecycle.h"

#include "spec/invariants.h"

namespace zxspec::spec {
namespace {

const FnShape kKoidBool{{64}, 0};
const FnShape kKoidKoid{{64}, 64};

// Objects garbage collection may destroy (model/lifecycle.cc DestroyOne): not jobs, not RUNNING
// processes, not live VMARs of an address space that survives.
z3::expr Dieable(const SymState& s, const z3::expr& k, const z3::expr& killed_aspace) {
  z3::context& c = k.ctx();
  z3::expr t = s.type(k);
  auto is = [&](zx_obj_type_t ty) { return t == U32(c, ty); };
  return s.alive(k) &&
         (is(ZX_OBJ_TYPE_VMO) || is(ZX_OBJ_TYPE_STREAM) || is(ZX_OBJ_TYPE_CHANNEL) ||
          is(ZX_OBJ_TYPE_RESOURCE) ||
          (is(ZX_OBJ_TYPE_PROCESS) && s.proc_state(k) != U8(c, kProcRunning)) ||
          (is(ZX_OBJ_TYPE_VMAR) && (!s.vmar_live(k) || killed_aspace)));
}

}  // namespace

SymState Collect(const SymState& s, std::vector<NamedFormula>& path_choices) {
  z3::context& c = s.ctx();
  Fn dies = s.choices->Make(c, "gc.dies", kKoidBool);
  Fn memory_dies = s.choices->Make(c, "gc.memory-dies", kKoidBool);
  Fn parent = s.choices->Make(c, "gc.parent", kKoidKoid);
  // A dying INITIAL process is killed first (PROC-014): its address space dies with it.
  auto killed = [s, dies](const z3::expr& p) {
    return dies(p) && IsType(s, p, ZX_OBJ_TYPE_PROCESS) && s.proc_state(p) == U8(p.ctx(), kProcInitial);
  };
  auto gone_vmar = [s, dies, killed](const z3::expr& v) { return dies(v) || killed(s.vmar_process(v)); };
  SymState out = s;
  for (const auto& f : Fields()) {  // what died reads as nothing
    if (f.args.empty()) continue;
    Fn& field = out.*f.member;
    z3::expr zero = DefaultOf(c, f.shape());
    if (f.args[0] == Sort::kMemory) {
      field = field.Where([memory_dies](const Args& at) { return memory_dies(at[0]); },
                          [zero](const Args&) { return zero; });
    } else if (f.args[0] == Sort::kKoid) {
      bool by_vmar = f.args.size() > 1 && f.args[1] == Sort::kAddr;  // mappings and page perms
      field = by_vmar ? field.Where([gone_vmar](const Args& at) { return gone_vmar(at[0]); },
                                    [zero](const Args&) { return zero; })
                      : field.Where([dies](const Args& at) { return dies(at[0]); },
                                    [zero](const Args&) { return zero; });
    }
  }
  out.vmar_live = out.vmar_live.Where([s, killed](const Args& at) { return killed(s.vmar_process(at[0])); },
                                      [&c](const Args&) { return False(c); });
  out.peer_closed = out.peer_closed.Where(
      [s, dies](const Args& at) {  // (an endpoint dying with its peer reads as nothing)
        return IsType(s, at[0], ZX_OBJ_TYPE_CHANNEL) && !dies(at[0]) && dies(s.peer(at[0]));
      },
      [&c](const Args&) { return True(c); });
  out.vmo_parent = out.vmo_parent.Where(  // VMO-084
      [s, dies](const Args& at) { return IsType(s, at[0], ZX_OBJ_TYPE_VMO) && !dies(at[0]); },
      [parent](const Args& at) { return parent(at[0]); });

  SymState post = out;
  Formula closure = Formula::And(
      {ForallHandle(c, [post](const z3::expr& p, const z3::expr& v) -> Formula {
         return z3::implies(post.h_alive(p, v), post.alive(post.h_object(p, v)));
       }),
       ForallQueued(c, [post](const z3::expr& e, const z3::expr& q, const z3::expr& k) -> Formula {
         return z3::implies(Queued(post, e, q, k), post.alive(post.mh_object(e, q, k)));
       }),
       ForallMapping(c, [post](const z3::expr& v, const z3::expr& b) -> Formula {
         return z3::implies(post.map_alive(v, b), post.alive(post.map_vmo(v, b)));
       }),
       ForallKoid(c, [s, post, dies, killed](const z3::expr& k) -> Formula {
         return z3::implies(IsType(post, k, ZX_OBJ_TYPE_STREAM), post.alive(post.stream_vmo(k))) &&
                z3::implies(IsType(post, k, ZX_OBJ_TYPE_VMO), post.m_alive(post.vmo_memory(k))) &&
                z3::implies(dies(k), Dieable(s, k, killed(s.vmar_process(k))));
       }),
       ForallMemory(c, [s, memory_dies](const z3::expr& m) -> Formula {
         return z3::implies(memory_dies(m), s.m_alive(m));
       })},
      c);
  Formula parents = ForallKoid(c, [s, post, dies, parent](const z3::expr& v) -> Formula {
    z3::context& cx = v.ctx();
    z3::expr p0 = s.vmo_parent(v), zero = U64(cx, 0);
    z3::expr r = parent(v);
    Formula had_child = Formula::Exists(cx, {Sort::kKoid}, [s, r](const Args& w) -> Formula {
      return IsType(s, w[0], ZX_OBJ_TYPE_VMO) && s.vmo_parent(w[0]) == r;
    });
    z3::expr step = z3::ite(p0 == zero, r == zero, z3::ite(dies(p0), r == parent(p0), r == p0));
    z3::expr ancestor = r == zero || (IsType(post, r, ZX_OBJ_TYPE_VMO) && z3::ult(r, v));
    return Implies(IsType(s, v, ZX_OBJ_TYPE_VMO),
                   Formula(step && ancestor) && (Formula(r == zero) || had_child));
  });
  path_choices.push_back({"gc:closure", closure});
  path_choices.push_back({"gc:complete", GcClosed(post), /*concrete_only=*/true});
  path_choices.push_back({"gc:parent", parents});
  return out;
}

Paths Collected(Paths paths) {
  for (Path& p : paths) p.post = Collect(p.post, p.choices);
  return paths;
}

namespace {

// The model's destruction, read off its post-state.
class ModelChoiceSource final : public Choices {
 public:
  ModelChoiceSource(const StateValue& pre, const StateValue& post) : pre_(pre), post_(post) {}

  Fn Make(z3::context& c, const std::string& what, const FnShape& shape) override {
    Table t;
    using S = SymState;
    if (what == "gc.dies") {
      for (const auto& [k, on] : pre_.at(&S::alive)) {
        if (!post_.Get(&S::alive, k)) t[k] = 1;
      }
    } else if (what == "gc.memory-dies") {
      for (const auto& [m, on] : pre_.at(&S::m_alive)) {
        if (!post_.Get(&S::m_alive, m)) t[m] = 1;
      }
    } else if (what == "gc.parent") {
      for (const auto& [k, type] : pre_.at(&S::type)) {
        if (type == ZX_OBJ_TYPE_VMO) t[k] = NearestSurvivor(k[0]);
      }
      for (const auto& [k, type] : post_.at(&S::type)) {
        if (type == ZX_OBJ_TYPE_VMO) t[k] = post_.Get(&S::vmo_parent, k);
      }
    } else {
      return fallback_->Make(c, what, shape);
    }
    return Fn::Concrete(c, shape, std::move(t));
  }

 private:
  uint64_t NearestSurvivor(uint64_t k) const {
    if (post_.Get(&SymState::alive, {k})) return post_.Get(&SymState::vmo_parent, {k});
    uint64_t p = pre_.Get(&SymState::vmo_parent, {k});
    while (p != 0 && !post_.Get(&SymState::alive, {p})) p = pre_.Get(&SymState::vmo_parent, {p});
    return p;
  }

  const StateValue pre_;
  const StateValue post_;
  std::shared_ptr<Choices> fallback_ = FreshChoices("model");
};

}  // namespace

std::shared_ptr<Choices> ModelChoices(const StateValue& pre, const StateValue& post) {
  return std::make_shared<ModelChoiceSource>(pre, post);
}

}  // namespace zxspec::spec
