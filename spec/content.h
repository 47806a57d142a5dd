// File: spec/content.h (internal to spec/)
//
// Byte contents and committed pages as the model changes them (model/vmo.cc WriteVmo, ZeroVmo,
// set_size truncation, SnapshotContent), as updates of the `content` and `committed` fields.
// Ranges are [start, start + len) with start + len not wrapping (the callers check it).
#pragma once

#include "spec/encode.h"

namespace zxspec::spec {

// o lies in [start, start + len).
z3::expr InRange(const z3::expr& o, const z3::expr& start, const z3::expr& len);

// WriteVmo: |len| bytes of |data| (index -> byte) at |start| of view |v|; the pages they touch
// become committed. Nothing changes when |len| is 0.
SymState WriteBytes(const SymState& s, const View& v, const z3::expr& start, const z3::expr& len,
                    const Fn& data);
// ZeroVmo: bytes [start, start + len) of view |v| become 0; pages wholly inside stop being
// committed.
SymState ZeroBytes(const SymState& s, const View& v, const z3::expr& start, const z3::expr& len);
// VMO-063: pages [(o + start) / 4096, (o + end) / 4096) of view |v|'s memory become committed
// (o the view's offset; |start| and |end| page aligned, start <= end); the bytes stay.
SymState CommitPages(const SymState& s, const View& v, const z3::expr& start, const z3::expr& end);
// VMO-041: memory |m| keeps nothing at or beyond |size|.
SymState Truncate(const SymState& s, const z3::expr& m, const z3::expr& size);
// VMO-086/087: memory |m| starts as bytes [src, src + visible) of memory |from| (0 beyond).
SymState CopyContent(const SymState& s, const z3::expr& m, const z3::expr& from,
                     const z3::expr& src, const z3::expr& visible);

// The bytes [start, start + len) of view |v| as a call's result (index -> byte): zx_vmo_read
// (VMO-024), the stream reads (STREAM-026).
SymResult BytesAt(const SymState& s, const View& v, const z3::expr& start, const z3::expr& len);
// An empty byte result (a read that transfers nothing, STREAM-024/025).
SymResult NoBytes(z3::context& c);

}  // namespace zxspec::spec
