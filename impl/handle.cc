// Handles: zx_handle_close, zx_handle_duplicate, zx_handle_replace and ZX_INFO_HANDLE_BASIC
// (handles-rights.md HANDLE-010..044).
#include <optional>

#include "impl/families.h"

namespace zxspec::impl {

// zx_handle_close: HANDLE-010..012
Outcome Do(Core& k, ProcessObj& caller, const HandleClose& c) {
  if (c.handle == ZX_HANDLE_INVALID) return Outcome::Ok();  // HANDLE-010
  if (caller.handles.Find(c.handle) == nullptr) {
    return Outcome::Status(ZX_ERR_BAD_HANDLE);  // HANDLE-011
  }
  k.DropHandle(caller.handles.Take(c.handle));  // HANDLE-012
  return Outcome::Ok();
}

// HANDLE-022/031: SAME_RIGHTS exactly keeps the rights; any other mask must be a subset (bit 31
// with other bits is not the sentinel and never a subset).
static std::optional<zx_rights_t> DerivedRights(zx_rights_t have, zx_rights_t requested) {
  if (requested == ZX_RIGHT_SAME_RIGHTS) return have;
  if ((requested & ~have) != 0) return std::nullopt;
  return requested;
}

// zx_handle_duplicate: HANDLE-020..023
Outcome Do(Core& k, ProcessObj& caller, const HandleDuplicate& c) {
  auto e = k.Lookup(caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());  // HANDLE-020
  if (!HasRights(e->rights, ZX_RIGHT_DUPLICATE)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // HANDLE-021
  }
  auto rights = DerivedRights(e->rights, c.rights);
  if (!rights) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // HANDLE-022
  return Outcome::Ok(HandleResult{k.InstallNew(caller, e->object, *rights)});  // HANDLE-023
}

// zx_handle_replace: HANDLE-030..032
Outcome Do(Core& k, ProcessObj& caller, const HandleReplace& c) {
  auto e = k.Lookup(caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());  // HANDLE-030
  auto rights = DerivedRights(e->rights, c.rights);
  Handle old = caller.handles.Take(c.handle);
  if (!rights) {
    k.DropHandle(old);  // HANDLE-031: the input handle is closed anyway
    return Outcome::Status(ZX_ERR_INVALID_ARGS);
  }
  old.rights = *rights;  // HANDLE-032: the same reference moves under a fresh value
  return Outcome::Ok(HandleResult{k.Install(caller, old)});
}

// The related object of HANDLE-041: a channel's peer, a process's job; 0 otherwise
// (handles-rights.md open point 2).
static zx_koid_t RelatedKoid(const Object& o) {
  if (const auto* ch = As<ChannelObj>(&o)) return ch->peer;
  if (const auto* p = As<ProcessObj>(&o)) return p->job;
  return 0;
}

// ZX_INFO_HANDLE_BASIC: HANDLE-041 (no rights required; STREAM-062 for streams)
Outcome InfoHandleBasic(const Core& k, const ProcessObj& caller, zx_handle_t h) {
  auto e = k.Lookup(caller, h);
  if (e.is_error()) return Outcome::Status(e.status_value());
  zx_info_handle_basic_t info;
  info.koid = e->object->koid;
  info.rights = e->rights;
  info.type = ObjTypeOf(e->object->kind);
  info.related_koid = RelatedKoid(*e->object);
  return Outcome::Ok(InfoResult{info});
}

// ZX_INFO_HANDLE_COUNT: HANDLE-042 (any type, INSPECT), from the count HANDLE-003 keeps.
Outcome InfoHandleCount(const Core& k, const ProcessObj& caller, zx_handle_t h) {
  auto e = k.Lookup(caller, h);
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!HasRights(e->rights, ZX_RIGHT_INSPECT)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);
  return Outcome::Ok(InfoResult{zx_info_handle_count_t{e->object->handle_count}});
}

}  // namespace zxspec::impl
