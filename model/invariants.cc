// The invariant catalog (see invariants.h). Each checker states one invariant over the whole
// state; they are deliberately simple loops so that a reader can check them against the rules
// they cite.
#include "model/invariants.h"

#include <iterator>
#include <map>
#include <sstream>

#include "model/core.h"
#include "model/vmo.h"

namespace zxspec::model {
namespace {

std::string K(zx_koid_t koid) { return "koid " + std::to_string(koid); }

using Violation = std::optional<std::string>;

// VMO-002, seed RFC-0238: the stream size never exceeds the VMO size.
Violation StreamSizeLeSize(const State& s) {
  for (const auto& [id, m] : s.memories) {
    if (m.stream_size > m.size) {
      return "memory " + std::to_string(id) + " has stream size " +
             std::to_string(m.stream_size) + " > size " + std::to_string(m.size);
    }
  }
  for (const auto& [koid, body] : s.objects) {
    const auto* v = std::get_if<Vmo>(&body);
    if (v != nullptr && v->kind == VmoKind::kSlice && v->slice_stream_size > v->slice_size) {
      return "slice " + K(koid) + " has stream size > size";
    }
  }
  return std::nullopt;
}

// VMO-002/003: sizes are page multiples no larger than VMO_MAX_SIZE.
Violation SizePageAligned(const State& s) {
  for (const auto& [id, m] : s.memories) {
    if (m.size % ZX_PAGE_SIZE != 0 || m.size > kVmoMaxSize) {
      return "memory " + std::to_string(id) + " has size " + std::to_string(m.size);
    }
  }
  for (const auto& [koid, body] : s.objects) {
    const auto* v = std::get_if<Vmo>(&body);
    if (v != nullptr && v->kind == VmoKind::kSlice && v->slice_size % ZX_PAGE_SIZE != 0) {
      return "slice " + K(koid) + " has an unaligned size";
    }
  }
  return std::nullopt;
}

// The most rights a handle to |body| can ever carry (RIGHTS-010..016, VMO-083, VMO-124,
// STREAM-014, VMAR-004): defaults plus the rights the rulebook lets a derivation add.
zx_rights_t MaxRights(const State& s, const ObjectBody& body) {
  if (const auto* v = std::get_if<Vmo>(&body)) {
    return ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_EXECUTE | (VmoResizable(s, *v) ? ZX_RIGHT_RESIZE : 0);
  }
  if (const auto* st = std::get_if<Stream>(&body)) {
    return ZX_DEFAULT_STREAM_RIGHTS | (st->mode_read ? ZX_RIGHT_READ : 0) |
           (st->mode_write ? ZX_RIGHT_WRITE : 0);
  }
  if (const auto* vmar = std::get_if<Vmar>(&body)) {
    return ZX_DEFAULT_VMAR_RIGHTS | ((vmar->flags & ZX_VM_CAN_MAP_READ) ? ZX_RIGHT_READ : 0) |
           ((vmar->flags & ZX_VM_CAN_MAP_WRITE) ? ZX_RIGHT_WRITE : 0) |
           ((vmar->flags & ZX_VM_CAN_MAP_EXECUTE) ? ZX_RIGHT_EXECUTE : 0);
  }
  if (std::holds_alternative<Process>(body)) return ZX_DEFAULT_PROCESS_RIGHTS;
  if (std::holds_alternative<Job>(body)) return ZX_DEFAULT_JOB_RIGHTS;
  if (std::holds_alternative<ChannelEndpoint>(body)) return ZX_DEFAULT_CHANNEL_RIGHTS;
  if (std::holds_alternative<Resource>(body)) return ZX_DEFAULT_RESOURCE_RIGHTS;
  return 0;
}

// Visits every handle (core.h's ForEachHandle): (where, value or 0 for in-transit handles, entry).
template <class F>
void ForEachHandleAt(const State& s, F f) {
  ForEachHandle(s, [&f](zx_koid_t holder, zx_handle_t value, const HandleEntry& e) {
    f(value != 0 ? "process " + K(holder) : "message queued at " + K(holder), value, e);
  });
}

// HANDLE-001/002, RIGHTS-001: every handle names a live object, valid values have the fixed
// bits, and no handle holds the SAME_RIGHTS sentinel or undefined bits.
Violation HandlesValid(const State& s) {
  Violation out;
  ForEachHandleAt(s, [&](const std::string& where, zx_handle_t value, const HandleEntry& e) {
    if (out) return;
    if (value != 0 && (value & ZX_HANDLE_FIXED_BITS_MASK) != ZX_HANDLE_FIXED_BITS_MASK) {
      out = where + ": handle value " + std::to_string(value) + " lacks the fixed bits";
    } else if (!s.objects.count(e.object)) {
      out = where + ": handle refers to destroyed " + K(e.object);
    } else if ((e.rights & ~kAllDefinedRights) != 0) {
      out = where + ": handle holds undefined rights bits";
    }
  });
  if (out) return out;
  for (const auto& [koid, body] : s.objects) {
    const auto* p = std::get_if<Process>(&body);
    if (p != nullptr && p->state == ProcessState::kDead && !p->handles.entries.empty()) {
      return "dead process " + K(koid) + " still holds handles (PROC-002)";
    }
  }
  return std::nullopt;
}

// RIGHTS-002 in state form: no handle carries a right its object type and state do not allow.
Violation RightsBounded(const State& s) {
  Violation out;
  ForEachHandleAt(s, [&](const std::string& where, zx_handle_t, const HandleEntry& e) {
    auto it = s.objects.find(e.object);
    if (out || it == s.objects.end()) return;
    zx_rights_t extra = e.rights & ~MaxRights(s, it->second);
    if (extra != 0) {
      std::ostringstream os;
      os << where << ": handle to " << K(e.object) << " holds rights 0x" << std::hex << extra
         << " that its object type never grants";
      out = os.str();
    }
  });
  return out;
}

// Koids of the VMOs that view the same bytes as |vmo|'s memory.
bool SharesMemory(const Vmo& a, const Vmo& b) { return a.memory == b.memory; }

// Seed RFC-0080, VMO-085: an IMMUTABLE VMO's bytes and size can never change: its memory is not
// resizable, and no handle, mapping or stream of any VMO viewing that memory can write.
Violation Immutability(const State& s) {
  for (const auto& [koid, body] : s.objects) {
    const auto* v = std::get_if<Vmo>(&body);
    if (v == nullptr || !v->immutable_at_creation) continue;
    if (v->kind != VmoKind::kCowClone) return "immutable " + K(koid) + " is not a snapshot";
    if (MemoryOf(s, *v).resizable) return "immutable " + K(koid) + " is resizable";
    for (const auto& [k2, b2] : s.objects) {
      if (const auto* st = std::get_if<Stream>(&b2)) {
        const auto* sv = Find<Vmo>(s, st->vmo);
        if (st->mode_write && sv != nullptr && SharesMemory(*sv, *v)) {
          return "writable stream " + K(k2) + " on the memory of immutable " + K(koid);
        }
      }
      if (const auto* vmar = std::get_if<Vmar>(&b2)) {
        for (const auto& c : vmar->children) {
          const auto* m = std::get_if<Mapping>(&c);
          const auto* mv = m ? Find<Vmo>(s, m->vmo) : nullptr;
          if (mv != nullptr && SharesMemory(*mv, *v) && (m->max_perms & ZX_VM_PERM_WRITE)) {
            return "writable mapping of the memory of immutable " + K(koid);
          }
        }
      }
    }
    Violation out;
    const zx_koid_t immutable = koid;  // a lambda may not name a structured binding (clang 14)
    ForEachHandleAt(s, [&](const std::string& where, zx_handle_t, const HandleEntry& e) {
      const auto* hv = Find<Vmo>(s, e.object);
      if (!out && hv != nullptr && SharesMemory(*hv, *v) && (e.rights & ZX_RIGHT_WRITE)) {
        out = where + ": WRITE handle to " + K(e.object) + " aliasing immutable " + K(immutable);
      }
    });
    if (out) return out;
  }
  return std::nullopt;
}

// VMO-084/132: parents are live VMOs and the parent relation has no cycle; memories exist.
Violation VmoTreeConsistent(const State& s) {
  for (const auto& [koid, body] : s.objects) {
    const auto* v = std::get_if<Vmo>(&body);
    if (v == nullptr) continue;
    if (!s.memories.count(v->memory)) return K(koid) + " views a missing memory";
    zx_koid_t p = v->parent;
    for (size_t steps = 0; p != 0; ++steps) {
      const auto* pv = Find<Vmo>(s, p);
      if (pv == nullptr) return K(koid) + " has a parent that is not a live VMO";
      if (steps > s.objects.size()) return K(koid) + " has a cyclic ancestry";
      p = pv->parent;
    }
    if (v->kind == VmoKind::kSlice) {
      const Memory& m = MemoryOf(s, *v);
      if (v->offset > m.size || v->slice_size > m.size - v->offset) {
        return "slice " + K(koid) + " extends past its memory";
      }
    }
  }
  return std::nullopt;
}

// VMO-041/133: a memory stores no byte and commits no page at or beyond its size, so bytes
// discarded by a shrink can never come back.
Violation ContentInSize(const State& s) {
  for (const auto& [id, m] : s.memories) {
    const uint64_t size_pages = m.size / ZX_PAGE_SIZE;
    if (!m.content.pages.empty() && std::prev(m.content.pages.end())->first >= size_pages) {
      return "memory " + std::to_string(id) + " stores a page beyond its size";
    }
    if (m.committed.End() > size_pages) {
      return "memory " + std::to_string(id) + " commits a page beyond its size";
    }
  }
  return std::nullopt;
}

// VMO-080/086..089: every memory has at most one owner (a root or a SNAPSHOT-family child, which
// views it at offset 0); slices and references only alias memories.
Violation MemorySingleOwner(const State& s) {
  std::map<MemoryId, zx_koid_t> owner;
  for (const auto& [koid, body] : s.objects) {
    const auto* v = std::get_if<Vmo>(&body);
    if (v == nullptr || v->kind == VmoKind::kSlice || v->kind == VmoKind::kReference) continue;
    if (v->offset != 0) return "owner " + K(koid) + " views its memory at a non-zero offset";
    auto [it, fresh] = owner.emplace(v->memory, koid);
    if (!fresh) return K(it->second) + " and " + K(koid) + " both own one memory";
  }
  return std::nullopt;
}

// VMO-006/073/103: only discardable VMOs can be locked, and they never have children.
Violation DiscardableRules(const State& s) {
  for (const auto& [id, m] : s.memories) {
    if (m.lock_count != 0 && !m.discardable) {
      return "memory " + std::to_string(id) + " is locked but not discardable";
    }
  }
  for (const auto& [koid, body] : s.objects) {
    const auto* v = std::get_if<Vmo>(&body);
    const auto* p = v != nullptr ? Find<Vmo>(s, v->parent) : nullptr;
    if (p != nullptr && VmoDiscardable(s, *p)) return K(koid) + " has a discardable parent";
  }
  return std::nullopt;
}

// STREAM-001, HANDLE-003: a stream's VMO stays alive while the stream exists.
Violation StreamsHaveVmo(const State& s) {
  for (const auto& [koid, body] : s.objects) {
    const auto* st = std::get_if<Stream>(&body);
    if (st != nullptr && Find<Vmo>(s, st->vmo) == nullptr) {
      return "stream " + K(koid) + " outlived its VMO " + K(st->vmo);
    }
  }
  return std::nullopt;
}

// CHAN-001/002: endpoints are paired; a closed peer is gone and a present peer points back.
Violation ChannelsPaired(const State& s) {
  for (const auto& [koid, body] : s.objects) {
    const auto* ep = std::get_if<ChannelEndpoint>(&body);
    if (ep == nullptr) continue;
    const auto* peer = Find<ChannelEndpoint>(s, ep->peer);
    if (ep->peer_closed != (peer == nullptr)) {
      return "endpoint " + K(koid) + " disagrees with its peer about peer-closed";
    }
    if (peer != nullptr && peer->peer != koid) return "endpoint " + K(koid) + " has a one-way peer";
  }
  return std::nullopt;
}

// CHAN-001, CHAN-022 (3): every queued message is within the message limits.
Violation MessagesBounded(const State& s) {
  for (const auto& [koid, body] : s.objects) {
    const auto* ep = std::get_if<ChannelEndpoint>(&body);
    if (ep == nullptr) continue;
    for (const auto& m : ep->queue) {
      if (m.bytes.size() > ZX_CHANNEL_MAX_MSG_BYTES ||
          m.handles.size() > ZX_CHANNEL_MAX_MSG_HANDLES) {
        return "a message queued at endpoint " + K(koid) + " exceeds the message limits";
      }
    }
  }
  return std::nullopt;
}

// ---- address spaces (vmar.md VMAR-006, process-maps.md PROC-001/002) ----

template <class F>
Violation ForEachVmar(const State& s, F f) {
  for (const auto& [koid, body] : s.objects) {
    if (const auto* v = std::get_if<Vmar>(&body)) {
      if (auto out = f(koid, *v)) return out;
    }
  }
  return std::nullopt;
}

// [base, size) of a child; a sub-VMAR koid that names no VMAR gives nullopt.
std::optional<std::pair<uint64_t, uint64_t>> RangeOf(const State& s, const VmarChild& c) {
  if (const auto* m = std::get_if<Mapping>(&c)) return std::pair{m->base, m->size};
  const auto* v = Find<Vmar>(s, std::get<zx_koid_t>(c));
  if (v == nullptr) return std::nullopt;
  return std::pair{v->base, v->size};
}

uint32_t PermsAllowedBy(uint32_t vmar_flags) {
  return ((vmar_flags & ZX_VM_CAN_MAP_READ) ? ZX_VM_PERM_READ : 0) |
         ((vmar_flags & ZX_VM_CAN_MAP_WRITE) ? ZX_VM_PERM_WRITE : 0) |
         ((vmar_flags & ZX_VM_CAN_MAP_EXECUTE) ? ZX_VM_PERM_EXECUTE : 0);
}

// VMAR-006 (a): every child lies inside its parent.
Violation VmarContainment(const State& s) {
  return ForEachVmar(s, [&](zx_koid_t koid, const Vmar& v) -> Violation {
    for (const auto& c : v.children) {
      auto r = RangeOf(s, c);
      if (!r) return "VMAR " + K(koid) + " lists a child that is not a VMAR";
      if (r->first < v.base || r->second > v.size || r->first - v.base > v.size - r->second) {
        return "a child of VMAR " + K(koid) + " at " + std::to_string(r->first) +
               " leaves its parent";
      }
    }
    return std::nullopt;
  });
}

// VMAR-006 (b), VMAR-001: children are ordered by base and pairwise disjoint.
Violation VmarDisjoint(const State& s) {
  return ForEachVmar(s, [&](zx_koid_t koid, const Vmar& v) -> Violation {
    for (size_t i = 1; i < v.children.size(); ++i) {
      auto a = RangeOf(s, v.children[i - 1]);
      auto b = RangeOf(s, v.children[i]);
      if (a && b && a->first + a->second > b->first) {
        return "children of VMAR " + K(koid) + " overlap or are out of order at " +
               std::to_string(b->first);
      }
    }
    return std::nullopt;
  });
}

// VMAR-006 (c): bases, sizes and VMO offsets are page multiples, sizes > 0, and a mapping's
// permission runs cover it exactly in canonical form.
Violation VmarAlignment(const State& s) {
  auto aligned = [](uint64_t x) { return x % ZX_PAGE_SIZE == 0; };
  return ForEachVmar(s, [&](zx_koid_t koid, const Vmar& v) -> Violation {
    if (!aligned(v.base) || !aligned(v.size) || v.size == 0) {
      return "VMAR " + K(koid) + " has an unaligned or empty range";
    }
    constexpr uint64_t kAspaceEnd = kUserAspaceBase + kUserAspaceSize;  // VMAR-003
    if (v.base > kAspaceEnd || v.size > kAspaceEnd - v.base) {
      return "VMAR " + K(koid) + " reaches past the user address space";
    }
    for (const auto& c : v.children) {
      const auto* m = std::get_if<Mapping>(&c);
      if (m == nullptr) continue;
      const std::string where = "mapping at " + std::to_string(m->base) + " in " + K(koid);
      if (!aligned(m->base) || !aligned(m->size) || m->size == 0 || !aligned(m->vmo_offset) ||
          m->vmo_offset > UINT64_MAX - m->size) {
        return where + " has an unaligned or empty range";
      }
      uint64_t next = 0;
      for (size_t i = 0; i < m->perms.size(); ++i) {
        const PermRun& r = m->perms[i];
        if (r.first_page != next || r.pages == 0 ||
            (i > 0 && m->perms[i - 1].perms == r.perms)) {
          return where + " has non-canonical permission runs";
        }
        next += r.pages;
      }
      if (next != m->size / ZX_PAGE_SIZE) return where + ": permission runs do not cover it";
    }
    return std::nullopt;
  });
}

// VMAR-006 (d), VMAR-015: a child VMAR's CAN_MAP_READ/WRITE/EXECUTE are its parent's too.
Violation VmarCanMapInherited(const State& s) {
  constexpr uint32_t kCanMap = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE;
  return ForEachVmar(s, [&](zx_koid_t koid, const Vmar& v) -> Violation {
    for (const auto& c : v.children) {
      const auto* sub = std::get_if<zx_koid_t>(&c);
      const auto* sv = sub ? Find<Vmar>(s, *sub) : nullptr;
      if (sv != nullptr && (sv->flags & kCanMap & ~v.flags) != 0) {
        return "VMAR " + K(*sub) + " may map more than its parent " + K(koid);
      }
    }
    return std::nullopt;
  });
}

// VMAR-006 (e), VMAR-027: max_perms within the VMAR's CAN_MAP flags, every page's perms within
// max_perms.
Violation MappingPermsBounded(const State& s) {
  return ForEachVmar(s, [&](zx_koid_t koid, const Vmar& v) -> Violation {
    for (const auto& c : v.children) {
      const auto* m = std::get_if<Mapping>(&c);
      if (m == nullptr) continue;
      if (m->max_perms & ~PermsAllowedBy(v.flags)) {
        return "mapping at " + std::to_string(m->base) + " in " + K(koid) +
               " has max_perms beyond its VMAR's CAN_MAP flags";
      }
      for (const PermRun& r : m->perms) {
        if (r.perms & ~m->max_perms) {
          return "mapping at " + std::to_string(m->base) + " in " + K(koid) +
                 " has pages with perms beyond max_perms";
        }
      }
    }
    return std::nullopt;
  });
}

// VMAR-006 (g), VMAR-008: no page is writable or executable without being readable.
Violation MappingPermsValid(const State& s) {
  return ForEachVmar(s, [&](zx_koid_t koid, const Vmar& v) -> Violation {
    for (const auto& c : v.children) {
      const auto* m = std::get_if<Mapping>(&c);
      if (m == nullptr) continue;
      for (const PermRun& r : m->perms) {
        if ((r.perms & (ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE)) && !(r.perms & ZX_VM_PERM_READ)) {
          return "mapping at " + std::to_string(m->base) + " in " + K(koid) +
                 " has pages writable or executable but not readable";
        }
      }
    }
    return std::nullopt;
  });
}

// VMAR-005, VMAR-006 (f): a DEAD VMAR has no children and is nobody's child; a child VMAR of a
// live VMAR is live.
Violation VmarDeadChildless(const State& s) {
  return ForEachVmar(s, [&](zx_koid_t koid, const Vmar& v) -> Violation {
    if (v.state == Lifecycle::kDead && !v.children.empty()) {
      return "DEAD VMAR " + K(koid) + " still has children";
    }
    for (const auto& c : v.children) {
      const auto* sub = std::get_if<zx_koid_t>(&c);
      const auto* sv = sub ? Find<Vmar>(s, *sub) : nullptr;
      if (sv != nullptr && sv->state == Lifecycle::kDead) {
        return "DEAD VMAR " + K(*sub) + " is still a child of " + K(koid);
      }
    }
    return std::nullopt;
  });
}

// PROC-001/002, VMAR-001/003/052: a process that is not DEAD has an ALIVE root VMAR (no parent,
// its own process); a DEAD process's root VMAR is DEAD; every ALIVE VMAR hangs, through ALIVE
// parents that list it exactly once, from the root of a process that is not DEAD, and belongs
// to that process; every mapping maps a live VMO.
Violation AddressSpaceConsistent(const State& s) {
  for (const auto& [koid, body] : s.objects) {
    const auto* p = std::get_if<Process>(&body);
    if (p == nullptr) continue;
    const auto* root = Find<Vmar>(s, p->root_vmar);
    if (p->state != ProcessState::kDead &&
        (root == nullptr || root->state != Lifecycle::kAlive || root->parent != 0 ||
         root->process != koid)) {
      return "process " + K(koid) + " lacks a live root VMAR of its own";
    }
    if (p->state == ProcessState::kDead && root != nullptr && root->state != Lifecycle::kDead) {
      return "DEAD process " + K(koid) + " still has a live root VMAR";
    }
  }
  return ForEachVmar(s, [&](zx_koid_t koid, const Vmar& v) -> Violation {
    for (const auto& c : v.children) {
      const auto* m = std::get_if<Mapping>(&c);
      if (m != nullptr && Find<Vmo>(s, m->vmo) == nullptr) {
        return "a mapping in VMAR " + K(koid) + " maps " + K(m->vmo) + ", which is not a VMO";
      }
    }
    if (v.state != Lifecycle::kAlive) return std::nullopt;
    if (v.parent == 0) {
      const auto* p = Find<Process>(s, v.process);
      if (p == nullptr || p->state == ProcessState::kDead || p->root_vmar != koid) {
        return "live root VMAR " + K(koid) + " is not the root of a live process";
      }
      return std::nullopt;
    }
    const auto* parent = Find<Vmar>(s, v.parent);
    if (parent == nullptr || parent->state != Lifecycle::kAlive || parent->process != v.process) {
      return "live VMAR " + K(koid) + " has no live parent in its own address space";
    }
    size_t listed = 0;
    for (const auto& c : parent->children) {
      const auto* sub = std::get_if<zx_koid_t>(&c);
      listed += (sub != nullptr && *sub == koid) ? 1 : 0;
    }
    if (listed != 1) return "live VMAR " + K(koid) + " is not listed once by its parent";
    return std::nullopt;
  });
}

const std::vector<InvariantInfo>& Table() {
  static const std::vector<InvariantInfo> table = {
      {"stream-size-le-size", "Every VMO's stream size is at most its size.",
       "VMO-002 VMO-042 VMO-048 STREAM-034 seed RFC-0238", &StreamSizeLeSize},
      {"size-page-aligned",
       "Every VMO's size is a multiple of 4096 and at most VMO_MAX_SIZE (UNBOUNDED VMOs have "
       "exactly VMO_MAX_SIZE).",
       "VMO-002 VMO-003 VMO-039 VMO-075 VMO-076 seed RFC-0238", &SizePageAligned},
      {"handles-valid",
       "Every handle names a live object, has the fixed low bits, holds only defined rights, and "
       "dead processes hold no handles.",
       "HANDLE-001 HANDLE-002 RIGHTS-001 PROC-002", &HandlesValid},
      {"rights-bounded",
       "No handle holds a right its object's type and state never grant (rights monotonicity in "
       "state form).",
       "RIGHTS-002 RIGHTS-010..016 VMO-083 VMO-124 STREAM-014 VMAR-004", &RightsBounded},
      {"immutability",
       "An IMMUTABLE VMO's memory is not resizable and nothing (handle, mapping, stream) that "
       "views it can write.",
       "VMO-085 VMO-131 seed RFC-0080", &Immutability},
      {"vmo-tree-consistent",
       "VMO parents are live VMOs without cycles; every VMO views an existing memory; slices lie "
       "inside it.",
       "VMO-080 VMO-084 VMO-132", &VmoTreeConsistent},
      {"content-in-size",
       "No memory stores a byte or commits a page at or beyond its size (what a shrink discards "
       "never comes back).",
       "VMO-041 VMO-133", &ContentInSize},
      {"memory-single-owner",
       "Each memory has at most one owner (a root or SNAPSHOT-family VMO, viewing it at offset "
       "0); slices and references only alias.",
       "VMO-080 VMO-086 VMO-088 VMO-089", &MemorySingleOwner},
      {"discardable-rules",
       "Only discardable VMOs are locked, and no VMO has a discardable parent.",
       "VMO-006 VMO-073 VMO-103", &DiscardableRules},
      {"streams-have-vmo", "Every stream's VMO is a live VMO.", "STREAM-001 HANDLE-003",
       &StreamsHaveVmo},
      {"channels-paired",
       "Channel endpoints are paired; an endpoint reports peer-closed exactly when its peer is "
       "gone.",
       "CHAN-001 CHAN-002", &ChannelsPaired},
      {"channel-messages-bounded",
       "Every queued channel message has at most 65536 bytes and 64 handles.",
       "CHAN-001 CHAN-022", &MessagesBounded},
      {"vmar-containment", "Every child of a VMAR (sub-VMAR or mapping) lies inside it.",
       "VMAR-006", &VmarContainment},
      {"vmar-disjoint", "The children of a VMAR are ordered by base and pairwise disjoint.",
       "VMAR-001 VMAR-006", &VmarDisjoint},
      {"vmar-alignment",
       "VMAR and mapping bases, sizes and VMO offsets are page multiples with non-zero sizes; no "
       "VMAR reaches past the user address space; a mapping's permission runs cover it exactly, "
       "in canonical form.",
       "VMAR-002 VMAR-003 VMAR-006 VMAR-007", &VmarAlignment},
      {"vmar-can-map-inherited",
       "A child VMAR's CAN_MAP_READ/WRITE/EXECUTE flags are a subset of its parent's.",
       "VMAR-006 VMAR-014 VMAR-015", &VmarCanMapInherited},
      {"mapping-perms-bounded",
       "A mapping's max_perms lie within its VMAR's CAN_MAP flags, and every page's perms within "
       "max_perms.",
       "VMAR-006 VMAR-022 VMAR-027 VMAR-042", &MappingPermsBounded},
      {"mapping-perms-valid", "No mapped page is writable or executable without being readable.",
       "VMAR-006 VMAR-008", &MappingPermsValid},
      {"vmar-dead-childless",
       "A DEAD VMAR has no children and is no VMAR's child.",
       "VMAR-005 VMAR-006 VMAR-052", &VmarDeadChildless},
      {"address-space-consistent",
       "Live processes have a live root VMAR and dead ones a dead one; every live VMAR hangs from "
       "a live process's root through live parents of its own address space; mappings map live "
       "VMOs.",
       "PROC-001 PROC-002 PROC-012 VMAR-001 VMAR-002 VMAR-003 VMAR-052", &AddressSpaceConsistent},
  };
  return table;
}

}  // namespace

std::span<const InvariantInfo> Invariants() { return Table(); }

const InvariantInfo* FindInvariant(std::string_view id) {
  for (const auto& inv : Table()) {
    if (inv.id == id) return &inv;
  }
  return nullptr;
}

std::vector<std::string> CheckInvariants(const State& s) {
  std::vector<std::string> out;
  for (const auto& inv : Table()) {
    if (auto v = inv.check(s)) out.push_back(std::string(inv.id) + ": " + *v);
  }
  return out;
}

}  // namespace zxspec::model
