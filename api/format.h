// File: api/format.h
//
// Printing calls and outcomes in scenario (`.zxs`) syntax, so that anything zxspec reports (a
// shrunk counterexample, a diff disagreement, a proof's counterexample) can be pasted into a
// scenario file and replayed.
#pragma once

#include <functional>
#include <string>

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

}  // namespace zxspec
