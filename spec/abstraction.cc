// Model states as spec tables and back (see abstraction.h).
#include "spec/abstraction.h"

#include <algorithm>

#include "model/core.h"

namespace zxspec::spec {
namespace {

using S = SymState;

void PutName(StateValue& v, zx_koid_t k, const std::string& name) {
  v.Put(&S::name_len, {k}, name.size());
  for (size_t i = 0; i < name.size() && i < kNameBytes; ++i) {
    v.Put(&S::name, {k, i}, static_cast<uint8_t>(name[i]));
  }
}

std::string NameOf(const StateValue& v, zx_koid_t k) {
  std::string s(std::min<uint64_t>(v.Get(&S::name_len, {k}), kNameBytes), '\0');
  for (size_t i = 0; i < s.size(); ++i) s[i] = static_cast<char>(v.Get(&S::name, {k, i}));
  return s;
}

bool TooLarge(const StateValue& v) {
  return std::any_of(v.tables.begin(), v.tables.end(),
                     [](const Table& t) { return t.size() > kMaxConcretePoints; });
}

// ---- model -> tables ----

void AbstractProcess(StateValue& v, zx_koid_t k, const model::Process& p) {
  v.Put(&S::proc_state, {k}, static_cast<uint64_t>(p.state));
  v.Put(&S::proc_started, {k}, p.started);
  v.Put(&S::proc_retcode, {k}, static_cast<uint64_t>(p.return_code));
  v.Put(&S::proc_job, {k}, p.job);
  v.Put(&S::proc_root, {k}, p.root_vmar);
  v.Put(&S::proc_installed, {k}, p.handles.installed);
  PutName(v, k, p.name);
  for (const auto& [value, e] : p.handles.entries) {
    v.Put(&S::h_alive, {k, value}, 1);
    v.Put(&S::h_object, {k, value}, e.object);
    v.Put(&S::h_rights, {k, value}, e.rights);
  }
}

void AbstractVmo(StateValue& v, zx_koid_t k, const model::Vmo& o) {
  v.Put(&S::vmo_kind, {k}, static_cast<uint64_t>(o.kind));
  v.Put(&S::vmo_memory, {k}, o.memory);
  v.Put(&S::vmo_offset, {k}, o.offset);
  v.Put(&S::slice_size, {k}, o.slice_size);
  v.Put(&S::slice_stream_size, {k}, o.slice_stream_size);
  v.Put(&S::vmo_parent, {k}, o.parent);
  v.Put(&S::immutable, {k}, o.immutable_at_creation);
  PutName(v, k, o.name);
}

Result<int> AbstractMapping(StateValue& v, zx_koid_t vmar, const model::Mapping& m) {
  Key key{vmar, m.base};
  v.Put(&S::map_alive, key, 1);
  v.Put(&S::map_size, key, m.size);
  v.Put(&S::map_vmo, key, m.vmo);
  v.Put(&S::map_vmo_offset, key, m.vmo_offset);
  v.Put(&S::map_max_perms, key, m.max_perms);
  v.Put(&S::map_flags, key, m.flags);
  for (const auto& run : m.perms) {
    if (run.perms == 0) continue;
    if (run.pages > kMaxConcretePoints) return Error{ZX_ERR_OUT_OF_RANGE};
    for (uint64_t p = 0; p < run.pages; ++p) {
      v.Put(&S::perms, {vmar, m.base, m.base + (run.first_page + p) * ZX_PAGE_SIZE}, run.perms);
    }
  }
  return 0;
}

Result<int> AbstractVmar(StateValue& v, zx_koid_t k, const model::Vmar& o) {
  v.Put(&S::vmar_process, {k}, o.process);
  v.Put(&S::vmar_base, {k}, o.base);
  v.Put(&S::vmar_size, {k}, o.size);
  v.Put(&S::vmar_flags, {k}, o.flags);
  v.Put(&S::vmar_live, {k}, o.state == model::Lifecycle::kAlive);
  v.Put(&S::vmar_parent, {k}, o.parent);
  for (const auto& c : o.children) {
    if (const auto* m = std::get_if<model::Mapping>(&c)) {
      if (auto r = AbstractMapping(v, k, *m); r.is_error()) return r;
    }
  }
  return 0;
}

void AbstractEndpoint(StateValue& v, zx_koid_t k, const model::ChannelEndpoint& ep) {
  v.Put(&S::peer, {k}, ep.peer);
  v.Put(&S::peer_closed, {k}, ep.peer_closed);
  v.Put(&S::q_len, {k}, ep.queue.size());
  for (uint64_t q = 0; q < ep.queue.size(); ++q) {
    const model::Message& msg = ep.queue[q];
    v.Put(&S::msg_nbytes, {k, q}, msg.bytes.size());
    v.Put(&S::msg_nhandles, {k, q}, msg.handles.size());
    for (uint64_t i = 0; i < msg.bytes.size(); ++i) v.Put(&S::msg_byte, {k, q, i}, msg.bytes[i]);
    for (uint64_t i = 0; i < msg.handles.size(); ++i) {
      v.Put(&S::mh_object, {k, q, i}, msg.handles[i].object);
      v.Put(&S::mh_rights, {k, q, i}, msg.handles[i].rights);
    }
  }
}

Result<int> AbstractMemory(StateValue& v, model::MemoryId id, const model::Memory& m) {
  v.Put(&S::m_alive, {id}, 1);
  v.Put(&S::m_size, {id}, m.size);
  v.Put(&S::m_stream_size, {id}, m.stream_size);
  v.Put(&S::m_resizable, {id}, m.resizable);
  v.Put(&S::m_discardable, {id}, m.discardable);
  v.Put(&S::m_lock_count, {id}, m.lock_count);
  v.Put(&S::m_root_offset, {id}, m.root_offset);
  v.Put(&S::m_cow_tree, {id}, m.cow_tree);
  if (m.content.pages.size() * ZX_PAGE_SIZE > kMaxConcretePoints ||
      m.committed.size() > kMaxConcretePoints) {
    return Error{ZX_ERR_OUT_OF_RANGE};
  }
  for (const auto& [index, page] : m.content.pages) {
    for (uint64_t i = 0; i < ZX_PAGE_SIZE; ++i) {
      v.Put(&S::content, {id, index * ZX_PAGE_SIZE + i}, page.at(i));
    }
  }
  for (const auto& [first, end] : m.committed.runs()) {  // size() is bounded above, End() not
    for (uint64_t p = first; p < end; ++p) v.Put(&S::committed, {id, p}, 1);
  }
  return 0;
}

}  // namespace

Result<StateValue> Abstract(const model::State& s) {
  StateValue v;
  v.Put(&S::next_koid, {}, s.next_koid);
  v.Put(&S::next_memory, {}, s.next_memory);
  for (const auto& [id, m] : s.memories) {
    if (auto r = AbstractMemory(v, id, m); r.is_error()) return r.error_value();
  }
  for (const auto& [k, body] : s.objects) {
    v.Put(&S::alive, {k}, 1);
    v.Put(&S::type, {k}, model::ObjTypeOf(body));
    if (const auto* p = std::get_if<model::Process>(&body)) AbstractProcess(v, k, *p);
    if (const auto* j = std::get_if<model::Job>(&body)) v.Put(&S::job_killed, {k}, j->killed);
    if (const auto* r = std::get_if<model::Resource>(&body)) {
      v.Put(&S::rsrc_kind, {k}, r->kind);
      v.Put(&S::rsrc_base, {k}, r->base);
      v.Put(&S::rsrc_size, {k}, r->size);
    }
    if (const auto* o = std::get_if<model::Vmo>(&body)) AbstractVmo(v, k, *o);
    if (const auto* st = std::get_if<model::Stream>(&body)) {
      v.Put(&S::stream_vmo, {k}, st->vmo);
      v.Put(&S::mode_read, {k}, st->mode_read);
      v.Put(&S::mode_write, {k}, st->mode_write);
      v.Put(&S::append, {k}, st->append);
      v.Put(&S::seek, {k}, st->seek);
    }
    if (const auto* vm = std::get_if<model::Vmar>(&body)) {
      if (auto r = AbstractVmar(v, k, *vm); r.is_error()) return r.error_value();
    }
    if (const auto* ep = std::get_if<model::ChannelEndpoint>(&body)) AbstractEndpoint(v, k, *ep);
  }
  if (TooLarge(v)) return Error{ZX_ERR_OUT_OF_RANGE};
  return v;
}

// ---- tables -> model ----

namespace {

constexpr uint64_t kMaxInstalled = (uint64_t{1} << 30) - 1 - ZX_CHANNEL_MAX_MSG_HANDLES;

// Builds one object body from its fields; |problem| says why it cannot be.
std::optional<model::ObjectBody> BodyOf(const StateValue& v, zx_koid_t k, std::string& problem) {
  auto get = [&](Fn SymState::*f) { return v.Get(f, {k}); };
  switch (get(&S::type)) {
    case ZX_OBJ_TYPE_JOB:
      return model::ObjectBody{model::Job{get(&S::job_killed) != 0}};
    case ZX_OBJ_TYPE_PROCESS: {
      model::Process p;
      if (get(&S::proc_state) > kProcDead) problem = "process state out of range";
      p.state = static_cast<model::ProcessState>(get(&S::proc_state));
      p.started = get(&S::proc_started) != 0;
      p.return_code = static_cast<int64_t>(get(&S::proc_retcode));
      p.job = get(&S::proc_job);
      p.root_vmar = get(&S::proc_root);
      // GEN-006: the model refuses (asserts) to install past 2^30 - 1 handles; a counter so
      // high that one call (at most 64 handles, a channel read) could cross it is not a state
      // model::Step can run from (a solver's pre-state may hold any value).
      if (get(&S::proc_installed) > kMaxInstalled) problem = "handle table counter at its GEN-006 limit";
      p.handles.installed = static_cast<uint32_t>(get(&S::proc_installed));
      p.name = NameOf(v, k);
      return model::ObjectBody{p};
    }
    case ZX_OBJ_TYPE_RESOURCE:
      return model::ObjectBody{model::Resource{static_cast<uint32_t>(get(&S::rsrc_kind)),
                                               get(&S::rsrc_base), get(&S::rsrc_size)}};
    case ZX_OBJ_TYPE_VMO: {
      model::Vmo o;
      if (get(&S::vmo_kind) > kKindReference) problem = "VMO kind out of range";
      o.kind = static_cast<model::VmoKind>(get(&S::vmo_kind));
      o.memory = get(&S::vmo_memory);
      if (!v.Get(&S::m_alive, {o.memory})) {
        problem = "VMO " + std::to_string(k) + " views memory " + std::to_string(o.memory) +
                  ", which is not alive";
      }
      o.offset = get(&S::vmo_offset);
      o.slice_size = get(&S::slice_size);
      o.slice_stream_size = get(&S::slice_stream_size);
      o.parent = get(&S::vmo_parent);
      o.immutable_at_creation = get(&S::immutable) != 0;
      o.name = NameOf(v, k);
      return model::ObjectBody{o};
    }
    case ZX_OBJ_TYPE_STREAM:
      return model::ObjectBody{model::Stream{get(&S::stream_vmo), get(&S::mode_read) != 0,
                                             get(&S::mode_write) != 0, get(&S::append) != 0,
                                             get(&S::seek)}};
    case ZX_OBJ_TYPE_VMAR: {
      model::Vmar o;
      o.process = get(&S::vmar_process);
      o.base = get(&S::vmar_base);
      o.size = get(&S::vmar_size);
      o.flags = static_cast<uint32_t>(get(&S::vmar_flags));
      o.state = get(&S::vmar_live) ? model::Lifecycle::kAlive : model::Lifecycle::kDead;
      o.parent = get(&S::vmar_parent);
      o.name = o.parent == 0 ? "root" : "useralloc";
      return model::ObjectBody{o};
    }
    case ZX_OBJ_TYPE_CHANNEL: {
      model::ChannelEndpoint ep;
      ep.peer = get(&S::peer);
      ep.peer_closed = get(&S::peer_closed) != 0;
      return model::ObjectBody{ep};
    }
    default:
      problem = "object " + std::to_string(k) + " has type " + std::to_string(get(&S::type)) +
                ", which the model has no object for";
      return std::nullopt;
  }
}

std::vector<model::PermRun> RunsOf(const StateValue& v, zx_koid_t vmar, uint64_t base,
                                   uint64_t size) {
  std::vector<model::PermRun> runs;
  for (uint64_t p = 0; p < size / ZX_PAGE_SIZE; ++p) {
    uint32_t perms = static_cast<uint32_t>(v.Get(&S::perms, {vmar, base, base + p * ZX_PAGE_SIZE}));
    if (!runs.empty() && runs.back().perms == perms) {
      ++runs.back().pages;
    } else {
      runs.push_back({p, 1, perms});
    }
  }
  return runs;
}

void BuildMemories(const StateValue& v, model::State& s) {
  for (const auto& [key, alive] : v.at(&S::m_alive)) {
    model::MemoryId id = key[0];
    model::Memory m;
    m.size = v.Get(&S::m_size, key);
    m.stream_size = v.Get(&S::m_stream_size, key);
    m.resizable = v.Get(&S::m_resizable, key) != 0;
    m.discardable = v.Get(&S::m_discardable, key) != 0;
    m.lock_count = v.Get(&S::m_lock_count, key);
    m.root_offset = v.Get(&S::m_root_offset, key);
    m.cow_tree = v.Get(&S::m_cow_tree, key);
    s.memories[id] = std::move(m);
  }
  for (const auto& [key, byte] : v.at(&S::content)) {
    auto it = s.memories.find(key[0]);
    if (it == s.memories.end()) continue;  // checked by the caller
    it->second.content.Write(key[1], Bytes{static_cast<uint8_t>(byte)});
  }
  for (const auto& [key, on] : v.at(&S::committed)) {
    auto it = s.memories.find(key[0]);
    if (it != s.memories.end()) it->second.committed.insert(key[1]);
  }
}

std::string BuildHandles(const StateValue& v, model::State& s) {
  for (const auto& [key, alive] : v.at(&S::h_alive)) {
    auto* p = model::Find<model::Process>(s, key[0]);
    if (p == nullptr) return "a handle lives in the table of " + std::to_string(key[0]) + ", not a process";
    p->handles.entries[static_cast<zx_handle_t>(key[1])] =
        model::HandleEntry{v.Get(&S::h_object, key), static_cast<zx_rights_t>(v.Get(&S::h_rights, key))};
  }
  return "";
}

std::string BuildVmarChildren(const StateValue& v, model::State& s) {
  // Sub-VMARs and mappings of each VMAR, ordered by base.
  std::map<zx_koid_t, std::vector<std::pair<uint64_t, model::VmarChild>>> children;
  for (const auto& [key, body] : s.objects) {
    const auto* vm = std::get_if<model::Vmar>(&body);
    if (vm != nullptr && vm->parent != 0 && vm->state == model::Lifecycle::kAlive) {
      children[vm->parent].push_back({vm->base, model::VmarChild{key}});
    }
  }
  for (const auto& [key, alive] : v.at(&S::map_alive)) {
    model::Mapping m;
    m.base = key[1];
    m.size = v.Get(&S::map_size, key);
    m.vmo = v.Get(&S::map_vmo, key);
    m.vmo_offset = v.Get(&S::map_vmo_offset, key);
    m.max_perms = static_cast<uint32_t>(v.Get(&S::map_max_perms, key));
    m.flags = static_cast<uint32_t>(v.Get(&S::map_flags, key));
    if (m.size / ZX_PAGE_SIZE > kMaxConcretePoints) return "a mapping too large to list";
    m.perms = RunsOf(v, key[0], m.base, m.size);
    children[key[0]].push_back({m.base, model::VmarChild{std::move(m)}});
  }
  for (auto& [vmar, list] : children) {
    auto* body = model::Find<model::Vmar>(s, vmar);
    if (body == nullptr) return "a child of " + std::to_string(vmar) + ", which is not a VMAR";
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [base, child] : list) body->children.push_back(std::move(child));
  }
  return "";
}

std::string BuildQueues(const StateValue& v, model::State& s) {
  for (const auto& [key, len] : v.at(&S::q_len)) {
    auto* ep = model::Find<model::ChannelEndpoint>(s, key[0]);
    if (ep == nullptr) continue;  // a queue length on an object that has none: not model state
    if (len > 4096) return "a queue of " + std::to_string(len) + " messages";
    for (uint64_t q = 0; q < len; ++q) {
      model::Message msg;
      uint64_t nb = v.Get(&S::msg_nbytes, {key[0], q});
      uint64_t nh = v.Get(&S::msg_nhandles, {key[0], q});
      if (nb > ZX_CHANNEL_MAX_MSG_BYTES || nh > ZX_CHANNEL_MAX_MSG_HANDLES) {
        return "a message over the channel limits";
      }
      for (uint64_t i = 0; i < nb; ++i) {
        msg.bytes.push_back(static_cast<uint8_t>(v.Get(&S::msg_byte, {key[0], q, i})));
      }
      for (uint64_t i = 0; i < nh; ++i) {
        msg.handles.push_back({v.Get(&S::mh_object, {key[0], q, i}),
                               static_cast<zx_rights_t>(v.Get(&S::mh_rights, {key[0], q, i}))});
      }
      ep->queue.push_back(std::move(msg));
    }
  }
  return "";
}

}  // namespace

Concretized Concretize(const StateValue& v) {
  Concretized out;
  model::State& s = out.state;
  s.initial = model::InitialState().initial;
  s.next_koid = v.Get(&S::next_koid, {});
  s.next_memory = v.Get(&S::next_memory, {});
  BuildMemories(v, s);
  for (const auto& [key, alive] : v.at(&S::alive)) {
    std::string problem;
    auto body = BodyOf(v, key[0], problem);
    if (!body || !problem.empty()) {
      out.problem = problem;
      return out;
    }
    s.objects.emplace(key[0], std::move(*body));
  }
  for (auto* step : {&BuildHandles, &BuildVmarChildren, &BuildQueues}) {
    out.problem = step(v, s);
    if (!out.problem.empty()) return out;
  }
  for (const auto& [key, byte] : v.at(&S::content)) {
    if (!s.memories.count(key[0])) {
      out.problem = "bytes stored in memory " + std::to_string(key[0]) + ", which is not alive";
      return out;
    }
  }
  return out;
}

}  // namespace zxspec::spec
