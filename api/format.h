// File: api/format.h
//
// Printing calls and outcomes in scenario (`.zxs`) syntax, so that anything zxspec reports (a
// shrunk counterexample, a diff disagreement, a proof's counterexample) can be pasted into a
// scenario file and replayed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/calls.h"
#include "api/outcome.h"

namespace zxspec {

// Names a handle value in printed output; the default prints the literal value.
using HandleNamer = std::function<std::string(zx_handle_t)>;

std::string FormatBytes(const Bytes& bytes);  // "abc", "a\x00b", zeros(4096)
std::string FormatHex(uint64_t v);            // 0x1000
std::string FormatCall(const Call& call, const HandleNamer& namer = {});
// "ZX_OK", "ZX_ERR_BAD_HANDLE", or "ZX_OK <payload>" in expectation syntax.
std::string FormatOutcome(const Outcome& outcome);
// One handle slot of a FIDL-layer line (FIDL-002): fidl_send's slots name a handle, fidl_recv's
// do not. Written {handle: h, type: VMO, rights: READ, optional: NONE}.
struct FidlSlotText {
  std::optional<zx_handle_t> handle;
  zx_obj_type_t type;
  zx_rights_t rights;
  zx_rights_t optional;
};
// fidl_send(h, bytes, [slots]) and fidl_recv(h, [slots]) as .zxs lines (FIDL-010, FIDL-020).
std::string FormatFidlSend(zx_handle_t channel, const Bytes& bytes,
                           const std::vector<FidlSlotText>& slots, const HandleNamer& namer = {});
std::string FormatFidlRecv(zx_handle_t channel, const std::vector<FidlSlotText>& slots,
                           const HandleNamer& namer = {});
// |c| itself if it is printable ASCII, else the four characters \xNN (diagnostics quoting one
// byte of the input).
std::string PrintableByte(char c);
// |text| with every byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF) written as the four characters \xNN,
// so that it can go into JSON and terminals. Valid UTF-8 comes back unchanged.
std::string EscapeInvalidUtf8(std::string_view text);

}  // namespace zxspec
