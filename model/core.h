// File: model/core.h
//
// The few mechanisms every syscall family of the model shares: the handle lookup in the order
// of GEN-001 (bad handle, then wrong type, then missing rights), installing and removing
// handles, creating objects with fresh koids, and object lifetime (`CollectGarbage`, which
// destroys whatever lost its last reference, with the consequences the rulebook lists).
#pragma once

#include <string>
#include <type_traits>

#include "api/result.h"
#include "model/state.h"

namespace zxspec::model {

inline bool HasRights(zx_rights_t have, zx_rights_t need) { return (have & need) == need; }
inline bool IsPageAligned(uint64_t v) { return v % ZX_PAGE_SIZE == 0; }
// ROUNDUP to a page multiple; nullopt when the result does not fit in 64 bits.
std::optional<uint64_t> RoundUpPage(uint64_t v);

// The object type of body alternative T.
template <class T>
constexpr zx_obj_type_t ObjTypeFor() {
  if constexpr (std::is_same_v<T, Job>) return ZX_OBJ_TYPE_JOB;
  if constexpr (std::is_same_v<T, Process>) return ZX_OBJ_TYPE_PROCESS;
  if constexpr (std::is_same_v<T, Resource>) return ZX_OBJ_TYPE_RESOURCE;
  if constexpr (std::is_same_v<T, Vmo>) return ZX_OBJ_TYPE_VMO;
  if constexpr (std::is_same_v<T, Stream>) return ZX_OBJ_TYPE_STREAM;
  if constexpr (std::is_same_v<T, Vmar>) return ZX_OBJ_TYPE_VMAR;
  if constexpr (std::is_same_v<T, ChannelEndpoint>) return ZX_OBJ_TYPE_CHANNEL;
  return ZX_OBJ_TYPE_NONE;
}

// ---- object access (koids known to exist) ----
template <class T>
T& Get(State& s, zx_koid_t koid) {
  auto it = s.objects.find(koid);
  ZXSPEC_ASSERT(it != s.objects.end(), "koid does not name an object");
  T* p = std::get_if<T>(&it->second);
  ZXSPEC_ASSERT(p != nullptr, "object has an unexpected type");
  return *p;
}
template <class T>
const T& Get(const State& s, zx_koid_t koid) {
  auto it = s.objects.find(koid);
  ZXSPEC_ASSERT(it != s.objects.end(), "koid does not name an object");
  const T* p = std::get_if<T>(&it->second);
  ZXSPEC_ASSERT(p != nullptr, "object has an unexpected type");
  return *p;
}
template <class T>
const T* Find(const State& s, zx_koid_t koid) {
  auto it = s.objects.find(koid);
  return it == s.objects.end() ? nullptr : std::get_if<T>(&it->second);
}
template <class T>
T* Find(State& s, zx_koid_t koid) {
  auto it = s.objects.find(koid);
  return it == s.objects.end() ? nullptr : std::get_if<T>(&it->second);
}

// A fresh koid for |body| (koids are never reused, HANDLE-002).
zx_koid_t NewObject(State& s, ObjectBody body);
MemoryId NewMemory(State& s, Memory memory);
// PROC-012, VMAR-003: gives |process| the root VMAR of a fresh address space (the next koid)
// and returns that VMAR's koid.
zx_koid_t AttachRootVmar(State& s, zx_koid_t process);

// ---- handles ----
Process& CallerProcess(State& s, zx_koid_t caller);
const Process& CallerProcess(const State& s, zx_koid_t caller);

// Calls f(holder, value, entry) on every live handle (HANDLE-003): a process table's entries
// (holder: the process) and the handles queued in channel messages (holder: the endpoint,
// value 0).
template <class F>
void ForEachHandle(const State& s, F&& f) {
  for (const auto& [koid, body] : s.objects) {
    if (const auto* p = std::get_if<Process>(&body)) {
      for (const auto& [value, e] : p->handles.entries) f(koid, value, e);
    } else if (const auto* ep = std::get_if<ChannelEndpoint>(&body)) {
      for (const auto& m : ep->queue) {
        for (const auto& e : m.handles) f(koid, zx_handle_t{0}, e);
      }
    }
  }
}

// GEN-001 step 1: the caller's table entry for |h|, or BAD_HANDLE (value 0 included, GEN-003).
Result<HandleEntry> LookupHandle(const State& s, zx_koid_t caller, zx_handle_t h);

// GEN-001 steps 1-2 (GEN-002 when no rights are checked here): BAD_HANDLE, then WRONG_TYPE.
template <class T>
Result<HandleEntry> LookupTyped(const State& s, zx_koid_t caller, zx_handle_t h) {
  auto e = LookupHandle(s, caller, h);
  if (e.is_error()) return e;
  if (Find<T>(s, e->object) == nullptr) return Error{ZX_ERR_WRONG_TYPE};  // GEN-001 (2)
  return e;
}

// GEN-001 steps 1-3: BAD_HANDLE, then WRONG_TYPE, then ACCESS_DENIED.
template <class T>
Result<HandleEntry> LookupWithRights(const State& s, zx_koid_t caller, zx_handle_t h,
                                     zx_rights_t rights) {
  auto e = LookupTyped<T>(s, caller, h);
  if (e.is_error()) return e;
  if (!HasRights(e->rights, rights)) return Error{ZX_ERR_ACCESS_DENIED};  // GEN-001 (3)
  return e;
}

// Installs |entry| in |process|'s table under the next value (HANDLE-001). The value space
// holds 2^30 - 1 handles per table; a scenario cannot get near it, so exhaustion (GEN-006) is an
// internal assertion rather than a status.
zx_handle_t InstallHandle(State& s, zx_koid_t process, HandleEntry entry);
// Removes the caller's handle |h| (which must exist) and returns what it held. Objects that
// lost their last reference are destroyed by the CollectGarbage that ends every Step.
HandleEntry RemoveHandle(State& s, zx_koid_t caller, zx_handle_t h);

// ---- lifetime ----

// Destroys, until nothing changes, every object that lost its last reference, with the effects
// the rulebook gives: a VMO's children are re-parented (VMO-084) and memories no VMO views are
// dropped; a channel endpoint's peer sees PEER_CLOSED and its queued messages (and the handles
// in them) are destroyed (CHAN-002); an INITIAL process without handles dies (PROC-014); dead
// VMARs, streams, resources and dead processes without handles are forgotten.
void CollectGarbage(State& s);

// PROC-002: empties the handle table, destroys the address space (root VMAR subtree DEAD, all
// mappings removed), state DEAD with |return_code|. No-op for a DEAD process.
void KillProcess(State& s, zx_koid_t process, int64_t return_code);

// VMAR-052: |vmar| and every VMAR below it become DEAD and leave the tree; all mappings in the
// subtree are removed.
void DestroyVmarSubtree(State& s, zx_koid_t vmar);

}  // namespace zxspec::model
