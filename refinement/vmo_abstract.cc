// Abstraction of VMOs, their memories, and streams (vmo.md section 0 and 8, stream.md
// STREAM-001). An implementation memory (a page tree window plus held-page runs) becomes the
// model's canonical page store: only pages with a non-zero byte are kept.
#include <algorithm>
#include <map>

#include "refinement/abstract.h"
#include "refinement/sorted.h"

namespace zxspec::refinement {
namespace {

model::VmoKind AbstractKind(impl::VmoKind k) {
  switch (k) {
    case impl::VmoKind::kRoot:
      return model::VmoKind::kRoot;
    case impl::VmoKind::kCowClone:
      return model::VmoKind::kCowClone;
    case impl::VmoKind::kSlice:
      return model::VmoKind::kSlice;
    case impl::VmoKind::kReference:
      return model::VmoKind::kReference;
  }
  return model::VmoKind::kRoot;
}

bool AllZero(const impl::PageBytes& p) {
  return std::all_of(p.bytes.begin(), p.bytes.end(), [](uint8_t b) { return b == 0; });
}

model::Memory AbstractMemory(const impl::Memory& m) {
  model::Memory out;
  out.size = m.size;
  out.stream_size = m.stream_size;
  out.resizable = m.resizable;
  out.discardable = m.discardable;
  const uint64_t pages = m.size / ZX_PAGE_SIZE;
  m.pages.ForEach(m.base_page, m.base_page + pages,
                  [&](uint64_t index, const impl::PageBytes& p) {
                    if (!AllZero(p)) out.content.pages.emplace(index - m.base_page, model::Page(p.bytes));
                  });
  m.committed.ForEachRun([&](uint64_t first, uint64_t end) { out.committed.InsertRange(first, end); });
  out.lock_count = m.lock_count;
  out.root_offset = m.root_offset;
  return out;
}

}  // namespace

void AbstractVmos(const impl::Core& core, model::State& out) {
  std::map<const impl::Memory*, model::MemoryId> ids;  // canonical: first viewer by koid
  std::vector<const impl::Memory*> order;
  for (const auto* v : SortedObjects<impl::VmoObj>(core)) {
    const impl::Memory* mem = v->memory.get();
    auto [it, fresh] = ids.emplace(mem, ids.size() + 1);
    if (fresh) {
      out.memories.emplace(it->second, AbstractMemory(*mem));
      order.push_back(mem);
    }
    model::Vmo m;
    m.kind = AbstractKind(v->vmo_kind);
    m.memory = it->second;
    m.offset = v->offset;
    m.slice_size = v->slice_size;
    m.slice_stream_size = v->slice_stream_size;
    m.parent = v->parent != nullptr ? v->parent->koid : 0;
    m.name = v->name;
    m.immutable_at_creation = v->immutable_at_creation;
    out.objects.emplace(v->koid, std::move(m));
  }
  // Copy-on-write tree labels (VMO-066): 0 for a tree's root; otherwise the root's id, or, once
  // the root is gone, a label of its own numbered after every memory (see Canonical).
  std::map<const impl::CowTree*, model::MemoryId> dead_roots;
  for (const impl::Memory* mem : order) {
    const impl::CowTree* tree = mem->tree.get();
    model::MemoryId label = 0;
    if (tree->root == mem) {
      label = 0;
    } else if (tree->root != nullptr) {
      label = ids.at(tree->root);
    } else {
      auto [it, fresh] = dead_roots.emplace(tree, ids.size() + dead_roots.size() + 1);
      label = it->second;
    }
    out.memories.at(ids.at(mem)).cow_tree = label;
  }
}

void AbstractStreams(const impl::Core& core, model::State& out) {
  for (const auto* s : SortedObjects<impl::StreamObj>(core)) {
    model::Stream m;
    m.vmo = s->vmo->koid;
    m.mode_read = s->mode_read;
    m.mode_write = s->mode_write;
    m.append = s->append;
    m.seek = s->seek;
    out.objects.emplace(s->koid, m);
  }
}

}  // namespace zxspec::refinement
