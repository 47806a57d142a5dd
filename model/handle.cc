// Handles: zx_handle_close, zx_handle_duplicate, zx_handle_replace and ZX_INFO_HANDLE_BASIC
// (handles-rights.md HANDLE-010..044).
#include "model/core.h"
#include "model/families.h"

namespace zxspec::model {

// zx_handle_close: HANDLE-010..012
Outcome Do(State& s, zx_koid_t caller, const HandleClose& c) {
  if (c.handle == ZX_HANDLE_INVALID) return Outcome::Ok();  // HANDLE-010
  auto e = LookupHandle(s, caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());  // HANDLE-011
  RemoveHandle(s, caller, c.handle);  // HANDLE-012 (destruction follows in CollectGarbage)
  return Outcome::Ok();
}

// The rights of a duplicate or replacement: SAME_RIGHTS exactly keeps them, any other mask must
// be a subset (bit 31 with other bits is not the sentinel and never a subset). HANDLE-022/031.
static std::optional<zx_rights_t> DerivedRights(zx_rights_t have, zx_rights_t requested) {
  if (requested == ZX_RIGHT_SAME_RIGHTS) return have;
  if ((requested & ~have) != 0) return std::nullopt;
  return requested;
}

// zx_handle_duplicate: HANDLE-020..023
Outcome Do(State& s, zx_koid_t caller, const HandleDuplicate& c) {
  auto e = LookupHandle(s, caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());  // HANDLE-020
  if (!HasRights(e->rights, ZX_RIGHT_DUPLICATE)) {
    return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // HANDLE-021
  }
  auto rights = DerivedRights(e->rights, c.rights);
  if (!rights) return Outcome::Status(ZX_ERR_INVALID_ARGS);  // HANDLE-022
  zx_handle_t out = InstallHandle(s, caller, {e->object, *rights});  // HANDLE-023
  return Outcome::Ok(HandleResult{out});
}

// zx_handle_replace: HANDLE-030..032
Outcome Do(State& s, zx_koid_t caller, const HandleReplace& c) {
  auto e = LookupHandle(s, caller, c.handle);
  if (e.is_error()) return Outcome::Status(e.status_value());  // HANDLE-030
  auto rights = DerivedRights(e->rights, c.rights);
  if (!rights) {
    RemoveHandle(s, caller, c.handle);  // HANDLE-031: the input handle is closed anyway
    return Outcome::Status(ZX_ERR_INVALID_ARGS);
  }
  // HANDLE-032: the new handle exists before the old one goes, so the object never loses its
  // last reference in between (CHAN-002).
  zx_handle_t out = InstallHandle(s, caller, {e->object, *rights});
  RemoveHandle(s, caller, c.handle);
  return Outcome::Ok(HandleResult{out});
}

// The related object of HANDLE-041: a channel's peer, a process's job; 0 otherwise
// (handles-rights.md open point 2).
static zx_koid_t RelatedKoid(const ObjectBody& body) {
  if (const auto* ep = std::get_if<ChannelEndpoint>(&body)) return ep->peer;
  if (const auto* p = std::get_if<Process>(&body)) return p->job;
  return 0;
}

// ZX_INFO_HANDLE_BASIC: HANDLE-041 (no rights required; STREAM-062 for streams)
Outcome InfoHandleBasic(const State& s, zx_koid_t caller, zx_handle_t h) {
  auto e = LookupHandle(s, caller, h);
  if (e.is_error()) return Outcome::Status(e.status_value());
  const ObjectBody& body = s.objects.at(e->object);
  zx_info_handle_basic_t info;
  info.koid = e->object;
  info.rights = e->rights;
  info.type = ObjTypeOf(body);
  info.related_koid = RelatedKoid(body);
  return Outcome::Ok(InfoResult{info});
}

// HANDLE-042: the live handles to the object, in tables and in queued messages (HANDLE-003).
Outcome InfoHandleCount(const State& s, zx_koid_t caller, zx_handle_t h) {
  auto e = LookupHandle(s, caller, h);  // GEN-001 (any type)
  if (e.is_error()) return Outcome::Status(e.status_value());
  if (!HasRights(e->rights, ZX_RIGHT_INSPECT)) return Outcome::Status(ZX_ERR_ACCESS_DENIED);  // HANDLE-042
  uint32_t n = 0;
  ForEachHandle(s, [&](zx_koid_t, zx_handle_t, const HandleEntry& entry) { n += entry.object == e->object; });
  return Outcome::Ok(InfoResult{zx_info_handle_count_t{n}});
}

}  // namespace zxspec::model
