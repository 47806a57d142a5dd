// GenAction: picks a caller, then one call among the modeled ones (weighted), then its
// arguments through the call's own generator (gen_calls.h).
#include "props/gen.h"

#include <algorithm>
#include <utility>

#include "api/syscalls.h"
#include "model/model.h"
#include "model/vmo.h"
#include "props/gen_calls.h"
#include "props/shared.h"

namespace zxspec::props {
namespace {

namespace gen = rc::gen;

template <class T, size_t I = 0>
constexpr size_t CallIndexOf() {
  if constexpr (std::is_same_v<std::variant_alternative_t<I, Call>, T>) {
    return I;
  } else {
    return CallIndexOf<T, I + 1>();
  }
}

struct CallGenerator {
  size_t call_index;
  size_t weight;       // relative frequency among the calls drawn
  CallGen gen;
  zx_obj_type_t needs;  // the object type the call is about (NONE: any or none)
};

template <class T>
CallGenerator Row(size_t weight, CallGen g, zx_obj_type_t needs = ZX_OBJ_TYPE_NONE) {
  return {CallIndexOf<T>(), weight, g, needs};
}

constexpr zx_obj_type_t kVmo = ZX_OBJ_TYPE_VMO, kStream = ZX_OBJ_TYPE_STREAM,
                        kVmar = ZX_OBJ_TYPE_VMAR, kProcess = ZX_OBJ_TYPE_PROCESS,
                        kChannel = ZX_OBJ_TYPE_CHANNEL;

// One row per call of api/calls.h. Weights: creators run often so that later calls find live
// objects of every type; calls that end what a sequence can do (task_kill) run rarely. A call
// about an object type the caller holds no handle to is drawn at a quarter of its weight (it
// can only reach its lookup errors then, which every other draw covers too).
const std::vector<CallGenerator>& Table() {
  static const std::vector<CallGenerator> table = [] {
    std::vector<CallGenerator> t = {
        Row<HandleClose>(4, &GenHandleClose),
        Row<HandleDuplicate>(4, &GenHandleDuplicate),
        Row<HandleReplace>(3, &GenHandleReplace),
        Row<ObjectGetInfo>(3, &GenObjectGetInfo),
        Row<ObjectGetProperty>(2, &GenObjectGetProperty),
        Row<ObjectSetProperty>(3, &GenObjectSetProperty),
        Row<ObjectWaitOne>(3, &GenObjectWaitOne),
        Row<VmoCreate>(8, &GenVmoCreate),
        Row<VmoCreateChild>(6, &GenVmoCreateChild, kVmo),
        Row<VmoRead>(4, &GenVmoRead, kVmo),
        Row<VmoWrite>(5, &GenVmoWrite, kVmo),
        Row<VmoGetSize>(2, &GenVmoGetSize, kVmo),
        Row<VmoSetSize>(4, &GenVmoSetSize, kVmo),
        Row<VmoGetStreamSize>(2, &GenVmoGetStreamSize, kVmo),
        Row<VmoSetStreamSize>(4, &GenVmoSetStreamSize, kVmo),
        Row<VmoOpRange>(4, &GenVmoOpRange, kVmo),
        Row<VmoReplaceAsExecutable>(2, &GenVmoReplaceAsExecutable, kVmo),
        Row<StreamCreate>(5, &GenStreamCreate, kVmo),
        Row<StreamWritev>(4, &GenStreamWritev, kStream),
        Row<StreamWritevAt>(3, &GenStreamWritevAt, kStream),
        Row<StreamReadv>(3, &GenStreamReadv, kStream),
        Row<StreamReadvAt>(3, &GenStreamReadvAt, kStream),
        Row<StreamSeek>(3, &GenStreamSeek, kStream),
        Row<VmarAllocate>(4, &GenVmarAllocate, kVmar),
        Row<VmarMap>(8, &GenVmarMap, kVmo),
        Row<VmarUnmap>(3, &GenVmarUnmap, kVmar),
        Row<VmarProtect>(3, &GenVmarProtect, kVmar),
        Row<VmarDestroy>(2, &GenVmarDestroy, kVmar),
        Row<VmarCreateVmoChild>(3, &GenVmarCreateVmoChild, kVmar),
        Row<ProcessCreate>(3, &GenProcessCreate),
        Row<TaskKill>(1, &GenTaskKill),
        Row<ProcessStart>(2, &GenProcessStart, kProcess),
        Row<ChannelCreate>(4, &GenChannelCreate),
        Row<ChannelWrite>(4, &GenChannelWrite, kChannel),
        Row<ChannelWriteEtc>(3, &GenChannelWriteEtc, kChannel),
        Row<ChannelRead>(3, &GenChannelRead, kChannel),
        Row<ChannelReadEtc>(2, &GenChannelReadEtc, kChannel),
        Row<MemRead>(4, &GenMemRead),
        Row<MemWrite>(4, &GenMemWrite),
    };
    std::sort(t.begin(), t.end(),
              [](const auto& a, const auto& b) { return a.call_index < b.call_index; });
    ZXSPEC_ASSERT(t.size() == kCallKindCount, "one generator per call of api/calls.h");
    for (size_t i = 0; i < t.size(); ++i) {
      ZXSPEC_ASSERT(t[i].call_index == i, "one generator per call of api/calls.h");
    }
    return t;
  }();
  return table;
}

bool FamilySelected(const GenOptions& options, size_t call_index) {
  if (options.families.empty()) return true;
  const auto family = SyscallAt(call_index).family;
  return std::find(options.families.begin(), options.families.end(), family) !=
         options.families.end();
}

std::vector<CallGenerator> Available(const GenOptions& options) {
  std::vector<CallGenerator> out;
  for (size_t i : GeneratedCalls(options)) out.push_back(Table()[i]);
  return out;
}

// Live processes other than the initial one that the initial process holds a handle to.
std::vector<zx_koid_t> OtherCallers(const model::State& s) {
  std::vector<zx_koid_t> out;
  for (const auto& [koid, body] : s.objects) {
    if (koid != s.initial.self_koid && std::holds_alternative<model::Process>(body) &&
        CanAct(s, koid)) {
      out.push_back(koid);
    }
  }
  return out;
}

template <class T>
uint32_t IndexIn(const std::vector<T>& pool, const T& value) {
  return static_cast<uint32_t>(std::find(pool.begin(), pool.end(), value) - pool.begin());
}

// The caller's live handles to objects of |type|, in value order.
std::vector<zx_handle_t> LiveOfType(const CallerView& v, zx_obj_type_t type) {
  std::vector<zx_handle_t> out;
  for (const auto& h : v.live) {
    if (h.type == type) out.push_back(h.value);
  }
  return out;
}

HandleRef RefOf(const CallerView& v, zx_handle_t value) {
  if (const HandleView* hv = FindHandle(v, value)) {
    return {HandleRef::Pool::kLive, hv->type, IndexIn(LiveOfType(v, hv->type), value)};
  }
  if (std::find(v.stale.begin(), v.stale.end(), value) != v.stale.end()) {
    return {HandleRef::Pool::kStale, ZX_OBJ_TYPE_NONE, IndexIn(v.stale, value)};
  }
  if (std::find(v.foreign.begin(), v.foreign.end(), value) != v.foreign.end()) {
    return {HandleRef::Pool::kForeign, ZX_OBJ_TYPE_NONE, IndexIn(v.foreign, value)};
  }
  return {};
}

zx_handle_t ValueOf(const CallerView& v, const HandleRef& ref, zx_handle_t drawn) {
  auto pick = [&](const std::vector<zx_handle_t>& pool) {
    return pool.empty() ? drawn : pool[ref.index % pool.size()];
  };
  switch (ref.pool) {
    case HandleRef::Pool::kLiteral: return drawn;
    case HandleRef::Pool::kLive: return pick(LiveOfType(v, ref.type));
    case HandleRef::Pool::kStale: return pick(v.stale);
    case HandleRef::Pool::kForeign: return pick(v.foreign);
  }
  return drawn;
}

// Fills |a|'s references from the view it was drawn with.
void Symbolize(const model::State& s, const CallerView& v, Action& a) {
  a.refs.clear();
  ForEachHandleField(a.call, [&](zx_handle_t& h) { a.refs.push_back(RefOf(v, h)); });
  auto others = OtherCallers(s);
  a.caller_index = a.caller == s.initial.self_koid ? 0 : IndexIn(others, a.caller) + 1;
}

}  // namespace

Action Resolve(const model::State& s, const Action& a) {
  Action out = a;
  if (a.caller_index == 0) {
    out.caller = s.initial.self_koid;
  } else if (auto others = OtherCallers(s); !others.empty()) {
    out.caller = others[(a.caller_index - 1) % others.size()];
  }
  if (!CanAct(s, out.caller)) return out;
  size_t fields = 0;
  ForEachHandleField(out.call, [&](zx_handle_t&) { ++fields; });
  if (fields != a.refs.size()) return out;  // built by hand: literal values
  // A non-owning pointer: the view lives only during this call.
  ViewPtr v = MakeView(std::shared_ptr<const model::State>(std::shared_ptr<const model::State>(), &s),
                       out.caller);
  size_t i = 0;
  ForEachHandleField(out.call, [&](zx_handle_t& h) { h = ValueOf(*v, a.refs[i++], h); });
  return out;
}

GenOptions ForStateSearch() {
  GenOptions o;
  o.excluded = {"object_wait_one"};
  return o;
}

std::vector<size_t> GeneratedCalls(const GenOptions& options) {
  std::vector<size_t> out;
  for (size_t i = 0; i < kCallKindCount; ++i) {
    const std::string_view name = SyscallAt(i).name;
    if (FamilySelected(options, i) && model::Models(DefaultCallAt(i)) &&
        std::find(options.excluded.begin(), options.excluded.end(), name) == options.excluded.end()) {
      out.push_back(i);
    }
  }
  return out;
}

bool WithinTransferCap(const model::State& s, const Action& action, uint64_t max_transfer) {
  if (max_transfer == 0) return true;
  // The size of the VMO the caller's |h| names, or 0 (the call fails whatever the length).
  auto vmo_size = [&](zx_handle_t h) -> uint64_t {
    const auto* p = ProcessIn(s, action.caller);
    if (p == nullptr) return 0;
    auto it = p->handles.entries.find(h);
    if (it == p->handles.entries.end()) return 0;
    const auto* vmo = std::get_if<model::Vmo>(&s.objects.at(it->second.object));
    return vmo ? model::VmoSize(s, *vmo) : 0;
  };
  // Lengths above the model's buffer limit return ZX_ERR_NO_MEMORY (GEN-006): always fine.
  auto fine = [&](uint64_t len) { return len <= max_transfer || len > kMaxUserBufferBytes; };
  return std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, VmoRead>) {
          return fine(c.len) || c.len > vmo_size(c.handle);
        } else if constexpr (std::is_same_v<T, StreamReadv> || std::is_same_v<T, StreamReadvAt> ||
                             std::is_same_v<T, MemRead>) {
          return fine(c.len);
        } else {
          return true;
        }
      },
      action.call);
}

bool CanAct(const model::State& state, zx_koid_t caller) {
  if (model::CallerStateOf(state, caller) != CallerState::kLive) return false;
  const zx_koid_t initial = state.initial.self_koid;
  if (caller == initial) return true;
  const auto* p = ProcessIn(state, initial);
  if (p == nullptr || p->state == model::ProcessState::kDead) return false;
  return std::any_of(p->handles.entries.begin(), p->handles.entries.end(),
                     [&](const auto& entry) { return entry.second.object == caller; });
}

rc::Gen<Action> GenAction(const model::State& state, const GenOptions& options) {
  auto s = std::make_shared<const model::State>(state);
  const zx_koid_t initial = state.initial.self_koid;
  const bool initial_live = CanAct(state, initial);
  std::vector<zx_koid_t> others = OtherCallers(state);
  std::vector<CallGenerator> calls = Available(options);
  ZXSPEC_ASSERT(!calls.empty(), "the generator has no modeled call to draw");
  if (!initial_live && others.empty()) {
    // Nobody can act any more (the initial process died, P-5): an idle step the suites skip
    // and the scenario writer leaves out.
    return gen::just(Action{initial, Call{HandleClose{ZX_HANDLE_INVALID}}, {HandleRef{}}, 0});
  }
  const int percent = options.other_caller_percent;
  const uint64_t cap = options.max_transfer;
  return gen::resize(100, gen::exec([s, initial, others, calls, percent, cap] {
    zx_koid_t caller = initial;
    // Another process acts |percent| of the time if it holds handles, a quarter of that if its
    // table is empty (it can then only create objects or fail its lookups).
    if (!others.empty()) {
      const zx_koid_t other = *gen::elementOf(others);
      const auto* p = ProcessIn(*s, other);
      const int share = p != nullptr && !p->handles.entries.empty() ? percent : percent / 4;
      if (*gen::inRange(0, 100) < share) caller = other;
    }
    ViewPtr v = MakeView(s, caller, cap);
    std::vector<std::pair<size_t, rc::Gen<Call>>> choices;
    for (const auto& c : calls) {
      const bool held = c.needs == ZX_OBJ_TYPE_NONE ||
                        std::any_of(v->live.begin(), v->live.end(),
                                    [&](const HandleView& h) { return h.type == c.needs; });
      choices.push_back({held ? 4 * c.weight : c.weight, c.gen(v)});
    }
    Action a{caller, *Weighted(std::move(choices)), {}, 0};
    Symbolize(*s, *v, a);
    return a;
  }));
}

}  // namespace zxspec::props
