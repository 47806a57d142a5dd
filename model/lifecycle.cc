// Object lifetime (handles-rights.md HANDLE-003, vmo.md VMO-084/140, channel-fidl.md CHAN-002,
// process-maps.md PROC-002/014, vmar.md VMAR-005/052).
//
// Liveness is recomputed from scratch: an object is referenced when a handle to it sits in a
// process's table or in a queued channel message, when (VMOs) a mapping or a referenced stream
// uses it, or when (VMARs) it is part of a live address space. Unreferenced objects are
// destroyed one at a time, lowest koid first, until nothing changes. Every effect of a
// destruction is order-independent (re-parenting goes to the nearest live ancestor, peer-closed
// is a flag), so the fixpoint does not depend on that order.
#include <set>

#include "model/core.h"

namespace zxspec::model {
namespace {

struct References {
  std::set<zx_koid_t> by_handle;  // handles in tables and in queued messages
  std::set<zx_koid_t> by_kernel;  // mappings, streams (for VMOs)
};

References CountReferences(const State& s) {
  References r;
  ForEachHandle(s, [&r](zx_koid_t, zx_handle_t, const HandleEntry& e) { r.by_handle.insert(e.object); });
  for (const auto& [koid, body] : s.objects) {
    if (const auto* v = std::get_if<Vmar>(&body)) {
      for (const auto& c : v->children) {
        if (const auto* m = std::get_if<Mapping>(&c)) r.by_kernel.insert(m->vmo);
      }
    }
  }
  // A stream keeps its VMO alive only while the stream itself is referenced (STREAM-001).
  for (const auto& [koid, body] : s.objects) {
    if (const auto* st = std::get_if<Stream>(&body)) {
      if (r.by_handle.count(koid)) r.by_kernel.insert(st->vmo);
    }
  }
  return r;
}

// VMO-084: the dying VMO's children become children of its own parent.
void DestroyVmo(State& s, zx_koid_t koid) {
  zx_koid_t grandparent = Get<Vmo>(s, koid).parent;
  for (auto& [k, body] : s.objects) {
    if (auto* v = std::get_if<Vmo>(&body); v != nullptr && v->parent == koid) {
      v->parent = grandparent;
    }
  }
  s.objects.erase(koid);
}

// CHAN-002: the peer sees PEER_CLOSED; queued messages die with the endpoint.
void DestroyEndpoint(State& s, zx_koid_t koid) {
  zx_koid_t peer = Get<ChannelEndpoint>(s, koid).peer;
  if (auto* p = Find<ChannelEndpoint>(s, peer)) p->peer_closed = true;  // keeps the peer koid
  s.objects.erase(koid);
}

// Destroys one unreferenced object if there is one; returns whether anything changed.
bool DestroyOne(State& s, const References& refs) {
  for (auto& [koid, body] : s.objects) {
    bool handled = refs.by_handle.count(koid) > 0;
    bool used = handled || refs.by_kernel.count(koid) > 0;
    if (auto* p = std::get_if<Process>(&body)) {
      if (handled) continue;
      if (p->state == ProcessState::kInitial) {  // PROC-014
        KillProcess(s, koid, 0);
        return true;
      }
      if (p->state == ProcessState::kDead) {
        s.objects.erase(koid);
        return true;
      }
    } else if (std::holds_alternative<Vmo>(body)) {
      if (!used) {
        DestroyVmo(s, koid);
        return true;
      }
    } else if (std::holds_alternative<ChannelEndpoint>(body)) {
      if (!handled) {
        DestroyEndpoint(s, koid);
        return true;
      }
    } else if (auto* v = std::get_if<Vmar>(&body)) {
      // A live VMAR belongs to its address space; a dead one only to its handles (VMAR-005).
      if (!handled && v->state == Lifecycle::kDead) {
        s.objects.erase(koid);
        return true;
      }
    } else if (std::holds_alternative<Stream>(body) || std::holds_alternative<Resource>(body)) {
      if (!handled) {
        s.objects.erase(koid);
        return true;
      }
    }
    // Jobs live for the whole scenario (the model has only the default job).
  }
  return false;
}

void PruneMemories(State& s) {
  std::set<MemoryId> viewed;
  for (const auto& [koid, body] : s.objects) {
    if (const auto* v = std::get_if<Vmo>(&body)) viewed.insert(v->memory);
  }
  for (auto it = s.memories.begin(); it != s.memories.end();) {
    it = viewed.count(it->first) ? std::next(it) : s.memories.erase(it);
  }
}

}  // namespace

void CollectGarbage(State& s) {
  while (DestroyOne(s, CountReferences(s))) {
  }
  PruneMemories(s);
}

void DestroyVmarSubtree(State& s, zx_koid_t vmar_koid) {
  Vmar& vmar = Get<Vmar>(s, vmar_koid);
  if (vmar.state == Lifecycle::kDead) return;
  std::vector<VmarChild> children = std::move(vmar.children);
  vmar.children.clear();
  vmar.state = Lifecycle::kDead;
  zx_koid_t parent = vmar.parent;
  for (const auto& c : children) {
    if (const auto* sub = std::get_if<zx_koid_t>(&c)) DestroyVmarSubtree(s, *sub);
  }
  if (parent != 0) {  // leave the parent's child list (VMAR-052)
    auto& siblings = Get<Vmar>(s, parent).children;
    std::erase_if(siblings, [&](const VmarChild& c) {
      const auto* k = std::get_if<zx_koid_t>(&c);
      return k != nullptr && *k == vmar_koid;
    });
  }
}

void KillProcess(State& s, zx_koid_t process, int64_t return_code) {
  Process& p = Get<Process>(s, process);
  if (p.state == ProcessState::kDead) return;
  p.state = ProcessState::kDead;
  p.return_code = return_code;
  p.handles.entries.clear();  // PROC-002 (1)
  zx_koid_t root = p.root_vmar;
  if (root != 0) DestroyVmarSubtree(s, root);  // PROC-002 (2)
}

}  // namespace zxspec::model
