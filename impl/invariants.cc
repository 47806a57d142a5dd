// The representation invariant of the optimized implementation (impl/kernel.h RepInvariant):
// what must hold between the redundant pieces of its structures for Abstract (refinement/) to be
// meaningful. Each check recounts from scratch what the implementation keeps incrementally.
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>

#include "impl/kernel.h"
#include "impl/vmar.h"
#include "impl/vmo.h"

namespace zxspec::impl {
namespace {

std::string K(zx_koid_t koid) { return "koid " + std::to_string(koid); }

class Checker {
 public:
  explicit Checker(const Core& core) : core_(core) {}

  std::vector<std::string> Run() {
    CountReferences();
    for (const auto& [koid, obj] : core_.objects()) {
      if (obj->koid != koid) Fail("registry", K(koid) + " is filed under another koid");
      CheckCounts(*obj);
      if (const auto* p = As<ProcessObj>(obj.get())) CheckProcess(*p);
      if (const auto* v = As<VmoObj>(obj.get())) CheckVmo(*v);
      if (const auto* v = As<VmarObj>(obj.get())) CheckVmar(*v);
      if (const auto* c = As<ChannelObj>(obj.get())) CheckChannel(*c);
      if (const auto* s = As<StreamObj>(obj.get())) Live("stream-vmo", s->vmo, K(koid));
      if (const auto* j = As<JobObj>(obj.get())) CheckJob(*j);
    }
    return std::move(out_);
  }

 private:
  void Fail(std::string_view id, const std::string& what) {
    out_.push_back(std::string(id) + ": " + what);
  }
  // |o| is an object of the registry (not freed).
  void Live(std::string_view id, const Object* o, const std::string& who) {
    if (o == nullptr || core_.Find(o->koid) != o) Fail(id, who + " points to a destroyed object");
  }

  void CountReferences() {
    for (const auto& [koid, obj] : core_.objects()) {
      if (const auto* p = As<ProcessObj>(obj.get())) {
        p->handles.ForEach([&](zx_handle_t, const Handle& h) { ++handles_[h.object]; });
        if (p->state != ProcState::kDead) ++live_processes_[p->job];
      } else if (const auto* c = As<ChannelObj>(obj.get())) {
        for (const auto& m : c->queue) {
          for (const auto& h : m.handles) ++handles_[h.object];
        }
      } else if (const auto* s = As<StreamObj>(obj.get())) {
        ++kernel_[s->vmo];
      } else if (const auto* v = As<VmarObj>(obj.get())) {
        for (const auto& [base, child] : v->children) {
          if (const auto* m = std::get_if<std::unique_ptr<Mapping>>(&child)) {
            ++kernel_[(*m)->vmo];
            ++mappings_[(*m)->vmo][v->process];
          }
        }
      }
    }
  }

  void CheckCounts(const Object& o) {
    uint32_t h = handles_.count(&o) ? handles_[&o] : 0;
    if (h != o.handle_count) {
      Fail("handle-count", K(o.koid) + " counts " + std::to_string(o.handle_count) +
                               " handles, " + std::to_string(h) + " exist");
    }
    uint32_t r = kernel_.count(&o) ? kernel_[&o] : 0;
    if (r != o.kernel_refs) {
      Fail("kernel-refs", K(o.koid) + " counts " + std::to_string(o.kernel_refs) +
                              " kernel references, " + std::to_string(r) + " exist");
    }
  }

  void CheckJob(const JobObj& j) {
    const uint32_t n = live_processes_.count(j.koid) ? live_processes_[j.koid] : 0;
    if (n != j.live_processes) {
      Fail("job-processes", K(j.koid) + " counts " + std::to_string(j.live_processes) +
                                " live processes, " + std::to_string(n) + " exist");
    }
  }

  void CheckProcess(const ProcessObj& p) {
    if (!p.handles.WellFormed()) Fail("handle-table", "table of " + K(p.koid) + " is malformed");
    if (p.state == ProcState::kDead && p.handles.size() != 0) {
      Fail("dead-process-handles", K(p.koid) + " is DEAD but holds handles");
    }
    p.handles.ForEach([&](zx_handle_t, const Handle& h) {
      Live("handle-target", h.object, "a handle of " + K(p.koid));
    });
  }

  void CheckVmo(const VmoObj& v) {
    const Memory& m = *v.memory;
    if (m.size % ZX_PAGE_SIZE != 0 || m.size > kVmoMaxSize || m.stream_size > m.size) {
      Fail("memory-sizes", "memory of " + K(v.koid) + " has bad sizes");
    }
    if (!m.committed.WellFormed()) Fail("page-set", "held pages of " + K(v.koid));
    bool outside = false;
    uint64_t lo = m.base_page;
    uint64_t hi = m.base_page + m.size / ZX_PAGE_SIZE;
    m.pages.ForEach(0, lo, [&](uint64_t, const PageBytes&) { outside = true; });
    m.pages.ForEach(hi, UINT64_MAX, [&](uint64_t, const PageBytes&) { outside = true; });
    if (outside) Fail("page-window", "page tree of " + K(v.koid) + " holds pages outside it");
    if (v.vmo_kind == VmoKind::kSlice &&
        (v.offset > m.size || v.slice_size > m.size - v.offset ||
         v.slice_stream_size > v.slice_size)) {
      Fail("slice-bounds", "slice " + K(v.koid) + " extends past its memory");
    }
    if (v.parent != nullptr) {
      Live("vmo-parent", v.parent, K(v.koid));
      if (std::count(v.parent->children.begin(), v.parent->children.end(), &v) != 1) {
        Fail("vmo-children", K(v.koid) + " is not listed once by its parent");
      }
    }
    for (const VmoObj* c : v.children) {
      if (c->parent != &v) Fail("vmo-children", K(v.koid) + " lists a child it is not parent of");
    }
    const auto it = mappings_.find(&v);
    uint64_t n = 0;
    if (it != mappings_.end()) {
      for (const auto& [proc, count] : it->second) n += count;
      if (it->second != v.mappings_per_process) {
        Fail("mapping-count", "per-process mappings of " + K(v.koid));
      }
    } else if (!v.mappings_per_process.empty()) {
      Fail("mapping-count", "per-process mappings of " + K(v.koid));
    }
    if (n != v.num_mappings) Fail("mapping-count", "num_mappings of " + K(v.koid));
  }

  void CheckVmar(const VmarObj& v) {
    if (!v.alive && !v.children.empty()) Fail("dead-vmar", K(v.koid) + " is DEAD with children");
    if (v.alive && v.parent != nullptr) {
      Live("vmar-parent", v.parent, K(v.koid));
      auto it = v.parent->children.find(v.base);
      if (it == v.parent->children.end() || !std::holds_alternative<VmarObj*>(it->second) ||
          std::get<VmarObj*>(it->second) != &v) {
        Fail("vmar-tree", K(v.koid) + " is not in its parent's child map");
      }
    }
    uint64_t cursor = v.base;
    for (const auto& [base, child] : v.children) {
      uint64_t size = 0;
      if (const auto* sub = std::get_if<VmarObj*>(&child)) {
        Live("vmar-child", *sub, K(v.koid));
        if ((*sub)->parent != &v || !(*sub)->alive || (*sub)->base != base) {
          Fail("vmar-tree", K(v.koid) + " has a child VMAR that does not point back");
        }
        size = (*sub)->size;
      } else {
        const Mapping& m = *std::get<std::unique_ptr<Mapping>>(child);
        if (m.vmar != &v || m.base != base) Fail("vmar-tree", "mapping misfiled in " + K(v.koid));
        Live("mapping-vmo", m.vmo, "a mapping in " + K(v.koid));
        CheckPerms(v, m);
        size = m.size;
      }
      if (base < cursor || size == 0 || base - v.base > v.size || size > v.size - (base - v.base)) {
        Fail("vmar-order", K(v.koid) + " has children that overlap or leave it");
      }
      cursor = base + size;
    }
    CheckPacked(v);
  }

  // VmarObj::packed_until: no gap below it.
  void CheckPacked(const VmarObj& v) {
    uint64_t covered = v.base;
    for (const auto& [base, child] : v.children) {
      if (base != covered) break;
      covered = ExtentOf(child).end();
    }
    if (v.packed_until > covered) Fail("vmar-packed", K(v.koid) + " claims a packed prefix with a gap");
  }

  void CheckPerms(const VmarObj& v, const Mapping& m) {
    uint64_t pages = m.size / ZX_PAGE_SIZE;
    if (m.perms.empty() || m.perms.begin()->first != 0 || m.perms.rbegin()->first >= pages) {
      Fail("perm-runs", "mapping at " + std::to_string(m.base) + " in " + K(v.koid));
      return;
    }
    std::optional<uint32_t> prev;
    for (const auto& [first, perms] : m.perms) {
      if (prev && *prev == perms) Fail("perm-runs", "adjacent equal runs in " + K(v.koid));
      if ((perms & ~m.max_perms) != 0) Fail("perm-runs", "perms above max in " + K(v.koid));
      prev = perms;
    }
  }

  void CheckChannel(const ChannelObj& c) {
    const auto* peer = core_.Find<ChannelObj>(c.peer);
    if (c.peer_closed != (peer == nullptr)) {
      Fail("channels-paired", K(c.koid) + " disagrees with its peer about peer-closed");
    }
    if (peer != nullptr && peer->peer != c.koid) {
      Fail("channels-paired", K(c.koid) + " has a one-way peer");
    }
  }

  const Core& core_;
  std::unordered_map<const Object*, uint32_t> handles_;
  std::unordered_map<const Object*, uint32_t> kernel_;
  std::unordered_map<zx_koid_t, uint32_t> live_processes_;  // job koid -> processes not DEAD
  std::unordered_map<const Object*, std::unordered_map<zx_koid_t, uint32_t>> mappings_;
  std::vector<std::string> out_;
};

}  // namespace

std::vector<std::string> RepInvariant(const Core& core) { return Checker(core).Run(); }

}  // namespace zxspec::impl
