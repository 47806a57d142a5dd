// Generators for the stream family (stream.md STREAM-010..053).
#include <limits>

#include "model/vmo.h"
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

namespace {

// The stream's VMO size, its stream size and the stream's seek offset (empty if |h| names no
// stream of the caller): positions where reads, writes and seeks change behaviour.
std::vector<uint64_t> StreamAnchors(const CallerView& v, zx_handle_t h) {
  const HandleView* hv = FindHandle(v, h);
  if (hv == nullptr) return {};
  const auto* st = std::get_if<model::Stream>(&v.state->objects.at(hv->koid));
  if (st == nullptr) return {};
  std::vector<uint64_t> out = {st->seek};
  auto it = v.state->objects.find(st->vmo);
  if (it != v.state->objects.end()) {
    if (const auto* vmo = std::get_if<model::Vmo>(&it->second)) {
      out.push_back(model::VmoSize(*v.state, *vmo));
      out.push_back(model::VmoStreamSize(*v.state, *vmo));
    }
  }
  return out;
}

}  // namespace

// STREAM-010..014: modes READ / WRITE / APPEND in every combination, bits outside the mask.
rc::Gen<Call> GenStreamCreate(const ViewPtr& v) {
  FlagSpace options{ZX_STREAM_CREATE_MASK, 0, {0x8, 0x10, 0x80000000u}, {}};
  // Bias (issue 3): a quarter of the draws open a read-write stream on the caller's newest VMO
  // handle (often a child just made), so that stream calls on children (VMO-081, RFC-0238) and
  // successful stream writes are common.
  zx_handle_t newest = 0;
  for (const auto& h : v->live) {
    if (h.type == ZX_OBJ_TYPE_VMO && h.value > newest) newest = h.value;
  }
  return gen::exec([v, options, newest] {
    StreamCreate c;
    if (newest != 0 && *gen::inRange(0, 4) == 0) {
      c.options = ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE;
      c.vmo = newest;
      c.seek = *GenU64(VmoAnchors(*v, c.vmo));
      return Call{c};
    }
    c.options = *GenFlags(options);
    c.vmo = *GenHandle(v, ZX_OBJ_TYPE_VMO);
    c.seek = *GenU64(VmoAnchors(*v, c.vmo));
    return Call{c};
  });
}

// STREAM-030..041: options 0 / APPEND / unknown; payloads as for vmo_write.
rc::Gen<Call> GenStreamWritev(const ViewPtr& v) {
  return gen::exec([v] {
    StreamWritev c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_STREAM);
    c.options = *GenEnum({0, ZX_STREAM_APPEND}, {0x2, 0x80});
    c.data = *GenData();
    return Call{c};
  });
}

// STREAM-030..034: APPEND is invalid here; offsets at the VMO size, the stream size, and
// overflow partners (FILE_BIG, STREAM-034b).
rc::Gen<Call> GenStreamWritevAt(const ViewPtr& v) {
  return gen::exec([v] {
    StreamWritevAt c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_STREAM);
    c.options = *GenEnum({0}, {ZX_STREAM_APPEND, 0x2});
    c.data = *GenData();
    c.offset = *GenOffsetFor(c.data.size(), StreamAnchors(*v, c.handle));
    return Call{c};
  });
}

rc::Gen<Call> GenStreamReadv(const ViewPtr& v) {
  return gen::exec([v] {
    StreamReadv c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_STREAM);
    c.options = *GenEnum({0}, {0x1, 0x2});
    c.len = *GenLength(v, StreamAnchors(*v, c.handle));
    return Call{c};
  });
}

rc::Gen<Call> GenStreamReadvAt(const ViewPtr& v) {
  return gen::exec([v] {
    StreamReadvAt c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_STREAM);
    c.options = *GenEnum({0}, {0x1, 0x2});
    auto anchors = StreamAnchors(*v, c.handle);
    c.len = *GenLength(v, anchors);
    c.offset = *GenOffsetFor(c.len, anchors);
    return Call{c};
  });
}

// STREAM-050..053: every whence and unknown ones; offsets 0, +-1, +-page, INT64 extremes (the
// unsigned + signed overflow rule) and the anchors as signed values.
rc::Gen<Call> GenStreamSeek(const ViewPtr& v) {
  return gen::exec([v] {
    StreamSeek c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_STREAM);
    c.whence = *GenEnum({ZX_STREAM_SEEK_ORIGIN_START, ZX_STREAM_SEEK_ORIGIN_CURRENT,
                         ZX_STREAM_SEEK_ORIGIN_END},
                        {3, 0xFFFFFFFFu});
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
    c.offset = *Weighted<int64_t>(
        {{50, Elements<int64_t>({0, 1, -1, 4096, -4096, 4097, kMax, kMin, kMin + 1})},
         {30, gen::inRange<int64_t>(-3 * 4096, 3 * 4096)},
         {20, gen::map(GenU64(StreamAnchors(*v, c.handle)),
                       [](uint64_t x) { return static_cast<int64_t>(x); })}});
    return Call{c};
  });
}

}  // namespace zxspec::props
