// File: fidl/fidl.h
//
// The FIDL-binding layer of seed FTP-028 ("Handle Rights"): what FIDL bindings do around
// `zx_channel_write_etc` / `zx_channel_read_etc` to enforce the rights declared on handle types
// (channel-fidl.md FIDL-001..031, handles-rights.md FIDLRIGHTS-001..007).
//
// The layer is written against the abstract `zxspec::Kernel` interface only, using the kernel
// calls the rulebook allows (FIDL-001): zx_channel_write, zx_channel_write_etc,
// zx_channel_read_etc, zx_handle_replace, zx_handle_close, plus ZX_INFO_HANDLE_BASIC to look at
// the caller's own handles before encoding. It therefore runs unchanged over the reference
// model, the optimized implementation, or a user's kernel. It holds no state.
//
// Slots. A handle slot is a FIDL handle type reduced to (type, R, O) (FIDL-002):
//  - |type|: a ZX_OBJ_TYPE_* value, or ZX_OBJ_TYPE_NONE for "not checked";
//  - |rights| = R, the required rights; ZX_RIGHT_SAME_RIGHTS means "no rights constraint", the
//    handle passes with whatever rights it has (FIDLRIGHTS-002);
//  - |optional| = O, optional rights (ignored when R is SAME_RIGHTS).
// The rights a handle may carry across a constrained slot are R | O; everything else is removed
// ("default deny", FIDLRIGHTS-003). Nullable handles are not modelled: every slot is filled
// (Open point C-4).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/kernel.h"

namespace zxspec::fidl {

// FIDL-030: the epitaph ordinal and the wire sizes.
inline constexpr uint64_t kFidlOrdinalEpitaph = 0xFFFFFFFFFFFFFFFFull;
inline constexpr size_t kFidlTxnHeaderSize = 16;
inline constexpr size_t kFidlEpitaphSize = 24;
inline constexpr uint8_t kFidlWireFormatV2 = 0x02;  // at-rest flags byte
inline constexpr uint8_t kFidlMagicNumberInitial = 0x01;
// FIDL-003, FIDLRIGHTS-004: the rights of a protocol client or server end.
inline constexpr zx_rights_t kProtocolEndpointRights = ZX_DEFAULT_CHANNEL_RIGHTS;

struct SendSlot {
  zx_handle_t handle;
  zx_obj_type_t type;
  zx_rights_t rights;
  zx_rights_t optional;
};
struct RecvSlot {
  zx_obj_type_t type;
  zx_rights_t rights;
  zx_rights_t optional;
};

// fidl_send: FIDL-010/011. Sends |bytes| and one handle per slot on |channel| as |caller|.
// In order: |channel| is looked up like zx_channel_write_etc's target (BAD_HANDLE, WRONG_TYPE,
// ACCESS_DENIED without WRITE; every slot's handle is closed, |channel| stays); then every slot
// is encoded (present and not repeated, not |channel|'s own endpoint, the slot's type, TRANSFER,
// all required rights). An encoding failure writes the epitaph ZX_ERR_BAD_STATE, closes every
// slot's handle and |channel|, and returns ZX_ERR_ACCESS_DENIED for a missing required right,
// ZX_ERR_BAD_STATE for any other encoding failure. Otherwise the handles are moved with
// zx_channel_write_etc carrying (current rights) & (R | O), or SAME_RIGHTS for an unconstrained
// slot, and the kernel's status (ZX_OK, OUT_OF_RANGE, PEER_CLOSED, ...) is returned.
zx_status_t fidl_send(Kernel& k, zx_koid_t caller, zx_handle_t channel, const Bytes& bytes,
                      const std::vector<SendSlot>& slots);

// fidl_recv: FIDL-020/021. Reads one message from |channel| with zx_channel_read_etc (its
// errors pass through, nothing is closed). An epitaph closes its handles and |channel| and
// returns its status (ZX_ERR_PEER_CLOSED for ZX_OK). A handle count that differs from the
// number of slots, or a handle of the wrong type, closes the message's handles, writes the
// epitaph ZX_ERR_INVALID_ARGS, closes |channel| and returns ZX_ERR_INVALID_ARGS; a handle
// missing a required right does the same with ZX_ERR_ACCESS_DENIED. Only after all checks,
// handles with rights outside R | O are replaced by ones with (received & (R | O)). On success:
// the bytes and, per handle in order, its final value, type and rights.
Result<ChannelReadResult> fidl_recv(Kernel& k, zx_koid_t caller, zx_handle_t channel,
                                    const std::vector<RecvSlot>& slots);

// FIDL-030: the 24-byte epitaph message carrying |status|.
Bytes EncodeEpitaph(zx_status_t status);
// FIDL-020 step 2: the status of |bytes| when they are an epitaph (at least 16 bytes and the
// epitaph ordinal; a status word cut short reads its missing bytes as zero), else nullopt.
std::optional<zx_status_t> DecodeEpitaph(const Bytes& bytes);

// A parsed FIDL handle declaration (FTP-028 syntax, FIDLRIGHTS-001..004).
struct HandleConstraint {
  zx_obj_type_t type;
  zx_rights_t rights;
  zx_rights_t optional;
};

// Parses one handle declaration. Accepted forms (whitespace allowed between tokens):
//   handle                                  type NONE, no rights constraint (SAME_RIGHTS)
//   handle<vmo>                             a subtype, no rights constraint (FIDLRIGHTS-002)
//   handle<vmo, RIGHTS>                     required rights R (FIDLRIGHTS-001/003)
//   handle<vmo, RIGHTS, RIGHTS>             R and optional rights O (seed: handle<channel, RRC, ORC>)
//   handle<vmo, RIGHTS, optional: RIGHTS>   the same, with the optional set labelled
//   client_end:P  server_end:P  request<P>  protocol endpoints: CHANNEL, R = 0xF00E, O = NONE
//                                           (FIDL-003); P is a possibly dotted identifier
// where RIGHTS is `RIGHT ( '|' RIGHT )*` and RIGHT is `zx.rights.NAME` or `zx.NAME`, NAME being
// a single Zircon right without its ZX_RIGHT_ prefix (READ, MAP, SIGNAL_PEER, ...; NONE and
// SAME_RIGHTS are not rights), and the subtype is a ZX_OBJ_TYPE_* name in lower case (vmo,
// channel, process, vmar, stream, ...). Refused: a rights constraint on a bare `handle` or on a
// protocol endpoint, an empty constraint (`handle<vmo, >`), nullability suffixes. On error:
// ZX_ERR_INVALID_ARGS and, if |error_message| is not null, "column N: what was expected"
// (columns count bytes from 1).
Result<HandleConstraint> ParseHandleType(std::string_view decl, std::string* error_message);

}  // namespace zxspec::fidl
