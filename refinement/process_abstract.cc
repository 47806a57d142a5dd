// Abstraction of processes (with their handle tables), jobs and resources
// (handles-rights.md HANDLE-001, process-maps.md PROC-001).
#include "refinement/abstract.h"
#include "refinement/sorted.h"

namespace zxspec::refinement {
namespace {

model::ProcessState AbstractState(impl::ProcState s) {
  switch (s) {
    case impl::ProcState::kInitial:
      return model::ProcessState::kInitial;
    case impl::ProcState::kRunning:
      return model::ProcessState::kRunning;
    case impl::ProcState::kDead:
      return model::ProcessState::kDead;
  }
  return model::ProcessState::kDead;
}

model::HandleTable AbstractTable(const impl::HandleTable& t) {
  model::HandleTable out;
  out.installed = t.installed();
  t.ForEach([&](zx_handle_t value, const impl::Handle& h) {
    out.entries.emplace(value, AbstractHandle(h));
  });
  return out;
}

}  // namespace

void AbstractProcesses(const impl::Core& core, model::State& out) {
  for (const auto* p : SortedObjects<impl::ProcessObj>(core)) {
    model::Process m;
    m.name = p->name;
    m.job = p->job;
    m.state = AbstractState(p->state);
    m.started = p->started;
    m.return_code = p->return_code;
    m.handles = AbstractTable(p->handles);
    m.root_vmar = p->root_vmar;
    out.objects.emplace(p->koid, std::move(m));
  }
  for (const auto* j : SortedObjects<impl::JobObj>(core)) {
    out.objects.emplace(j->koid, model::Job{j->killed});
  }
  for (const auto* r : SortedObjects<impl::ResourceObj>(core)) {
    out.objects.emplace(r->koid, model::Resource{r->rsrc_kind, r->base, r->size});
  }
}

}  // namespace zxspec::refinement
