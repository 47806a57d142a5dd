// File: impl/core.h
//
// `Core`: the optimized implementation's kernel state and the mechanisms every syscall family
// shares: the object registry and koids, handle creation and destruction with per-object
// counts, the handle lookup in GEN-001 order, and object lifetime.
//
// Lifetime: counts change eagerly, destruction is deferred. Whenever an object may have lost its
// last reference it is queued as a candidate; `Collect` (run once at the end of every call)
// destroys the candidates that are still unreferenced, which may queue more. This gives the same
// result as the model's end-of-step garbage collection (a call such as
// zx_vmo_replace_as_executable removes a handle before installing its replacement, and the
// object must survive that instant) without ever scanning the whole state.
#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include "api/kernel.h"
#include "api/result.h"
#include "impl/objects.h"

namespace zxspec::impl {

inline bool HasRights(zx_rights_t have, zx_rights_t need) { return (have & need) == need; }
inline bool IsPageAligned(uint64_t v) { return v % ZX_PAGE_SIZE == 0; }
// ROUNDUP to a page multiple; false when the result does not fit in 64 bits.
bool RoundUpPage(uint64_t v, uint64_t* out);

// A handle looked up in the caller's table, with its object already downcast.
template <class T>
struct Ref {
  T* object = nullptr;
  zx_rights_t rights = 0;
};

class Core {
 public:
  Core();  // the initial environment (scenario-format.md), identical to the model's
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;

  // ---- objects ----
  template <class T>
  T& Create() {
    auto obj = std::make_unique<T>(next_koid_++);
    T& ref = *obj;
    objects_.emplace(ref.koid, std::move(obj));
    return ref;
  }
  Object* Find(zx_koid_t koid) const;
  template <class T>
  T* Find(zx_koid_t koid) const {
    return As<T>(Find(koid));
  }
  const std::unordered_map<zx_koid_t, std::unique_ptr<Object>>& objects() const {
    return objects_;
  }
  zx_koid_t next_koid() const { return next_koid_; }
  const InitialEnvironment& initial() const { return initial_; }

  // ---- handles ----
  Handle NewHandle(Object* object, zx_rights_t rights);  // counts one more handle
  void DropHandle(Handle h);                             // closes it (may queue a candidate)
  zx_handle_t Install(ProcessObj& process, Handle h) { return process.handles.Install(h); }
  zx_handle_t InstallNew(ProcessObj& process, Object* object, zx_rights_t rights) {
    return Install(process, NewHandle(object, rights));
  }

  // GEN-001 step 1: the caller's handle |h|, or BAD_HANDLE (value 0 included, GEN-003).
  Result<Handle> Lookup(const ProcessObj& caller, zx_handle_t h) const;
  // GEN-001 steps 1-2: BAD_HANDLE, then WRONG_TYPE.
  template <class T>
  Result<Ref<T>> LookupTyped(const ProcessObj& caller, zx_handle_t h) const {
    auto e = Lookup(caller, h);
    if (e.is_error()) return e.error_value();
    T* t = As<T>(e->object);
    if (t == nullptr) return Error{ZX_ERR_WRONG_TYPE};  // GEN-001 (2)
    return Ref<T>{t, e->rights};
  }
  // GEN-001 steps 1-3: BAD_HANDLE, then WRONG_TYPE, then ACCESS_DENIED.
  template <class T>
  Result<Ref<T>> LookupWithRights(const ProcessObj& caller, zx_handle_t h,
                                  zx_rights_t rights) const {
    auto r = LookupTyped<T>(caller, h);
    if (r.is_error()) return r;
    if (!HasRights(r->rights, rights)) return Error{ZX_ERR_ACCESS_DENIED};  // GEN-001 (3)
    return r;
  }

  // ---- kernel references held by mappings and streams ----
  void AddKernelRef(Object* o) { ++o->kernel_refs; }
  void DropKernelRef(Object* o);

  // ---- lifetime ----
  void MaybeUnreferenced(Object* o) { candidates_.push_back(o->koid); }
  // Destroys every queued candidate that is unreferenced, until none is left (the effects of
  // the model's CollectGarbage: VMO-084, CHAN-002, PROC-014, VMAR-005).
  void Collect();
  // PROC-002: empties the table, destroys the address space, DEAD with |return_code|.
  void KillProcess(ProcessObj& p, int64_t return_code);
  // VMAR-052: |vmar| and every VMAR below it become DEAD and leave the tree; all mappings in the
  // subtree are removed.
  void DestroyVmarSubtree(VmarObj& vmar);
  // Removes |m| (owned by its VMAR's child map) and its accounting; returns the mapping.
  std::unique_ptr<Mapping> DetachMapping(Mapping& m);
  // Adds the accounting of a mapping that was just inserted in its VMAR's child map.
  void AttachMapping(Mapping& m);

 private:
  bool Unreferenced(const Object& o) const;
  void Destroy(Object& o);
  void DestroyVmo(VmoObj& v);
  void DestroyChannel(ChannelObj& c);
  void Erase(Object& o);

  zx_koid_t next_koid_ = ZX_KOID_FIRST;
  std::unordered_map<zx_koid_t, std::unique_ptr<Object>> objects_;
  std::vector<zx_koid_t> candidates_;
  InitialEnvironment initial_;
};

}  // namespace zxspec::impl
