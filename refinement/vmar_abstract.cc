// Abstraction of VMARs and mappings (vmar.md VMAR-001/002): the ordered child map becomes the
// model's ordered child list, permission runs keyed by first page become PermRun records.
#include "refinement/abstract.h"
#include "refinement/sorted.h"

namespace zxspec::refinement {
namespace {

model::Mapping AbstractMapping(const impl::Mapping& m) {
  model::Mapping out;
  out.base = m.base;
  out.size = m.size;
  out.vmo = m.vmo->koid;
  out.vmo_offset = m.vmo_offset;
  out.max_perms = m.max_perms;
  out.flags = m.flags;
  const uint64_t pages = m.size / ZX_PAGE_SIZE;
  for (auto it = m.perms.begin(); it != m.perms.end(); ++it) {
    auto next = std::next(it);
    uint64_t end = next == m.perms.end() ? pages : next->first;
    out.perms.push_back(model::PermRun{it->first, end - it->first, it->second});
  }
  return out;
}

}  // namespace

void AbstractVmars(const impl::Core& core, model::State& out) {
  for (const auto* v : SortedObjects<impl::VmarObj>(core)) {
    model::Vmar m;
    m.process = v->process;
    m.base = v->base;
    m.size = v->size;
    m.flags = v->flags;
    m.state = v->alive ? model::Lifecycle::kAlive : model::Lifecycle::kDead;
    m.parent = v->parent_koid;
    m.name = v->name;
    for (const auto& [base, child] : v->children) {
      if (const auto* sub = std::get_if<impl::VmarObj*>(&child)) {
        m.children.emplace_back((*sub)->koid);
      } else {
        m.children.emplace_back(AbstractMapping(*std::get<std::unique_ptr<impl::Mapping>>(child)));
      }
    }
    out.objects.emplace(v->koid, std::move(m));
  }
}

}  // namespace zxspec::refinement
