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
  std::map<model::MemoryId, model::Memory> memories;
  for (auto& [id, m] : s.memories) {
    auto it = rename.find(id);
    // A memory no VMO views is kept under a number past every viewed one, so that a leak in
    // either state still shows up as a difference.
    model::MemoryId name = it != rename.end() ? it->second : rename.size() + 1 + memories.size();
    memories.emplace(name, std::move(m));
  }
  s.memories = std::move(memories);
  s.next_memory = 0;
  return s;
}

}  // namespace zxspec::refinement
