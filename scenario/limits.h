// File: scenario/limits.h
//
// The bounds of the `.zxs` reader: everything that grows with the input is limited, so a
// malformed or hostile file costs bounded time, stack and memory and ends in a
// file:line:column error (exit 2) instead of a crash (README "Limits"). The whole-run memory
// budget (api/memory_budget.h) bounds what running the file allocates.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zxspec::scenario {

// A scenario file (source text) larger than this is rejected before it is lexed (1:1).
inline constexpr uint64_t kMaxFileBytes = uint64_t{64} << 20;

// A longer line is rejected at its first byte past the limit. The longest generated lines
// (counterexamples writing 8 KiB of random bytes as \xNN escapes) are about 33 KiB.
inline constexpr size_t kMaxLineBytes = size_t{1} << 20;

// Tokens on one line (a line is one statement); bounds the parse tree of a statement.
inline constexpr size_t kMaxLineTokens = size_t{1} << 16;

// Characters of one name (a call, a constant, a bound name; the longest constant has 39). Bounds
// what a diagnostic quotes and the cost of suggesting the closest names for an unknown one.
inline constexpr size_t kMaxNameBytes = 256;

// Nesting of lists `[...]`, records `{...}` and `zeros(...)`: the parser recurses a few frames
// per level, so this bounds its stack (real scenarios nest 2 deep).
inline constexpr int kMaxNesting = 32;

// Terms of one integer expression `a + b - c | d` (real scenarios use at most a handful).
inline constexpr size_t kMaxExprTerms = 1024;

}  // namespace zxspec::scenario
