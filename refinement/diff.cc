#include "refinement/diff.h"

#include <iterator>
#include <sstream>

namespace zxspec::refinement {
namespace {

std::string TypeName(const model::ObjectBody& body) {
  static const char* const kNames[] = {"job", "process", "resource", "VMO",
                                       "stream", "VMAR", "channel"};
  return body.index() < std::size(kNames) ? kNames[body.index()] : "object";
}

template <class T>
std::string Str(const T& v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

// Appends "field: a vs b" when the fields differ.
struct FieldDiff {
  std::vector<std::string> parts;
  template <class T>
  void Add(std::string_view field, const T& a, const T& b) {
    if (!(a == b)) parts.push_back(std::string(field) + " " + Str(a) + " vs " + Str(b));
  }
  void AddOpaque(std::string_view field, bool differ) {
    if (differ) parts.push_back(std::string(field) + " differ");
  }
  std::string Join() const {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
  }
};

std::string DiffBodies(const model::ObjectBody& a, const model::ObjectBody& b) {
  FieldDiff d;
  if (a.index() != b.index()) return "type " + TypeName(a) + " vs " + TypeName(b);
  if (const auto* x = std::get_if<model::Process>(&a)) {
    const auto& y = std::get<model::Process>(b);
    d.Add("name", x->name, y.name);
    d.Add("state", static_cast<int>(x->state), static_cast<int>(y.state));
    d.Add("started", x->started, y.started);
    d.Add("return_code", x->return_code, y.return_code);
    d.Add("handles.installed", x->handles.installed, y.handles.installed);
    d.Add("handles.count", x->handles.entries.size(), y.handles.entries.size());
    for (const auto& [value, e] : x->handles.entries) {
      auto it = y.handles.entries.find(value);
      if (it == y.handles.entries.end()) {
        d.parts.push_back("handle " + std::to_string(value) + " only in the first");
      } else if (!(it->second == e)) {
        d.parts.push_back("handle " + std::to_string(value) + " -> koid " +
                          std::to_string(e.object) + " rights " + std::to_string(e.rights) +
                          " vs koid " + std::to_string(it->second.object) + " rights " +
                          std::to_string(it->second.rights));
      }
    }
    d.Add("root_vmar", x->root_vmar, y.root_vmar);
  } else if (const auto* v = std::get_if<model::Vmo>(&a)) {
    const auto& w = std::get<model::Vmo>(b);
    d.Add("kind", static_cast<int>(v->kind), static_cast<int>(w.kind));
    d.Add("memory", v->memory, w.memory);
    d.Add("offset", v->offset, w.offset);
    d.Add("slice_size", v->slice_size, w.slice_size);
    d.Add("slice_stream_size", v->slice_stream_size, w.slice_stream_size);
    d.Add("parent", v->parent, w.parent);
    d.Add("name", v->name, w.name);
    d.Add("immutable_at_creation", v->immutable_at_creation, w.immutable_at_creation);
  } else if (const auto* s = std::get_if<model::Stream>(&a)) {
    const auto& t = std::get<model::Stream>(b);
    d.Add("vmo", s->vmo, t.vmo);
    d.Add("mode_read", s->mode_read, t.mode_read);
    d.Add("mode_write", s->mode_write, t.mode_write);
    d.Add("append", s->append, t.append);
    d.Add("seek", s->seek, t.seek);
  } else if (const auto* r = std::get_if<model::Vmar>(&a)) {
    const auto& q = std::get<model::Vmar>(b);
    d.Add("process", r->process, q.process);
    d.Add("base", r->base, q.base);
    d.Add("size", r->size, q.size);
    d.Add("flags", r->flags, q.flags);
    d.Add("state", static_cast<int>(r->state), static_cast<int>(q.state));
    d.Add("parent", r->parent, q.parent);
    d.Add("name", r->name, q.name);
    d.Add("children.count", r->children.size(), q.children.size());
    for (size_t i = 0; i < std::min(r->children.size(), q.children.size()); ++i) {
      d.AddOpaque("child " + std::to_string(i), !(r->children[i] == q.children[i]));
    }
  } else if (const auto* c = std::get_if<model::ChannelEndpoint>(&a)) {
    const auto& e = std::get<model::ChannelEndpoint>(b);
    d.Add("peer", c->peer, e.peer);
    d.Add("peer_closed", c->peer_closed, e.peer_closed);
    d.Add("queue.length", c->queue.size(), e.queue.size());
    d.AddOpaque("queued messages", !(c->queue == e.queue));
  } else {
    d.AddOpaque("fields", !(a == b));
  }
  return d.Join();
}

std::string DiffMemories(const model::Memory& a, const model::Memory& b) {
  FieldDiff d;
  d.Add("size", a.size, b.size);
  d.Add("stream_size", a.stream_size, b.stream_size);
  d.Add("resizable", a.resizable, b.resizable);
  d.Add("discardable", a.discardable, b.discardable);
  d.Add("held pages", a.committed.size(), b.committed.size());
  if (a.committed.size() == b.committed.size()) d.AddOpaque("held page sets", a.committed != b.committed);
  if (!(a.content == b.content)) {
    uint64_t first = UINT64_MAX;
    auto consider = [&](const model::PageStore& x, const model::PageStore& y) {
      for (const auto& [index, page] : x.pages) {
        auto it = y.pages.find(index);
        for (uint64_t i = 0; i < ZX_PAGE_SIZE; ++i) {
          uint8_t yb = it == y.pages.end() ? 0 : it->second.at(i);
          if (page.at(i) != yb) {
            first = std::min(first, index * ZX_PAGE_SIZE + i);
            break;
          }
        }
      }
    };
    consider(a.content, b.content);
    consider(b.content, a.content);
    d.parts.push_back("content differs first at byte " + std::to_string(first) + " (" +
                      std::to_string(a.content.ReadByte(first)) + " vs " +
                      std::to_string(b.content.ReadByte(first)) + ")");
  }
  return d.Join();
}

}  // namespace

std::string DiffStates(const model::State& a, const model::State& b, std::string_view a_name,
                       std::string_view b_name) {
  std::ostringstream out;
  if (a.next_koid != b.next_koid) {
    out << "next_koid " << a.next_koid << " vs " << b.next_koid << "\n";
  }
  if (!(a.initial == b.initial)) out << "initial environment differs\n";
  for (const auto& [koid, body] : a.objects) {
    auto it = b.objects.find(koid);
    if (it == b.objects.end()) {
      out << "koid " << koid << " (" << TypeName(body) << "): only in " << a_name << "\n";
    } else if (!(it->second == body)) {
      out << "koid " << koid << " (" << TypeName(body) << "): " << DiffBodies(body, it->second)
          << "\n";
    }
  }
  for (const auto& [koid, body] : b.objects) {
    if (!a.objects.count(koid)) {
      out << "koid " << koid << " (" << TypeName(body) << "): only in " << b_name << "\n";
    }
  }
  for (const auto& [id, m] : a.memories) {
    auto it = b.memories.find(id);
    if (it == b.memories.end()) {
      out << "memory " << id << ": only in " << a_name << "\n";
    } else if (!(it->second == m)) {
      out << "memory " << id << ": " << DiffMemories(m, it->second) << "\n";
    }
  }
  for (const auto& [id, m] : b.memories) {
    if (!a.memories.count(id)) out << "memory " << id << ": only in " << b_name << "\n";
  }
  return out.str();
}

}  // namespace zxspec::refinement
