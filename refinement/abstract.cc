// Abstract and Canonical (refinement/abstract.h): the driver that runs every family's
// abstraction, and the canonical renumbering of memories.
#include "refinement/abstract.h"

#include <map>

namespace zxspec::refinement {

model::HandleEntry AbstractHandle(const impl::Handle& h) {
  return model::HandleEntry{h.object->koid, h.rights};
}

model::State Abstract(const impl::Core& core) {
  model::State out;
  out.next_koid = core.next_koid();
  out.initial = core.initial();
  AbstractProcesses(core, out);
  AbstractVmos(core, out);
  AbstractStreams(core, out);
  AbstractVmars(core, out);
  AbstractChannels(core, out);
  out.next_memory = 0;  // canonical form
  return out;
}

model::State Canonical(model::State s) {
  std::map<model::MemoryId, model::MemoryId> rename;
  for (auto& [koid, body] : s.objects) {  // ascending koid
    if (auto* v = std::get_if<model::Vmo>(&body)) {
      auto [it, fresh] = rename.emplace(v->memory, rename.size() + 1);
      v->memory = it->second;
    }
  }
  // A memory no VMO views is kept under a number past every viewed one, so that a leak in
  // either state still shows up as a difference.
  const size_t viewed = rename.size();
  for (const auto& [id, m] : s.memories) {
    if (!rename.count(id)) rename.emplace(id, rename.size() + 1);
  }
  std::map<model::MemoryId, model::Memory> memories;
  for (auto& [id, m] : s.memories) memories.emplace(rename.at(id), std::move(m));
  // Tree labels (Memory::cow_tree) name a memory id, possibly of a memory already gone: live ids
  // are renamed like the memories, the others in order of first use (by canonical memory id).
  std::map<model::MemoryId, model::MemoryId> dead_roots;
  for (auto& [id, m] : memories) {
    if (m.cow_tree == 0) continue;
    auto it = rename.find(m.cow_tree);
    if (it != rename.end()) {
      m.cow_tree = it->second;
    } else {
      auto [d, fresh] = dead_roots.emplace(m.cow_tree, viewed + dead_roots.size() + 1);
      m.cow_tree = d->second;
    }
  }
  s.memories = std::move(memories);
  s.next_memory = 0;
  return s;
}

}  // namespace zxspec::refinement
