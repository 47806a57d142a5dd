// Abstraction of channel endpoints and their queued messages (channel-fidl.md CHAN-001).
#include "refinement/abstract.h"
#include "refinement/sorted.h"

namespace zxspec::refinement {

void AbstractChannels(const impl::Core& core, model::State& out) {
  for (const auto* c : SortedObjects<impl::ChannelObj>(core)) {
    model::ChannelEndpoint m;
    m.peer = c->peer;
    m.peer_closed = c->peer_closed;
    for (const auto& msg : c->queue) {
      model::Message mm;
      mm.bytes = msg.bytes;
      for (const auto& h : msg.handles) mm.handles.push_back(AbstractHandle(h));
      m.queue.push_back(std::move(mm));
    }
    out.objects.emplace(c->koid, std::move(m));
  }
}

}  // namespace zxspec::refinement
