// Generators for the channel family (channel-fidl.md CHAN-010..043).
//
// Biases toward the transfer paths (issue 4: rights-lineage and messages-in-transit are about
// handles travelling in messages, reduced on the way, and installed by reads, also in other
// processes). Without them a 40-call sequence sends a handle in 7% of the cases, reduces one
// with a write_etc mask in none, and reads one back in 1% (measured by the test
// ChannelProps.GeneratorReachesTransferPaths). Each bias takes part of the draws only; the other
// part keeps the earlier, error-seeking draws:
//  - writers: 60% an endpoint the write can succeed on (WRITE, peer open), when there is one;
//  - handle lists (write) and dispositions (write_etc): 60% one to three distinct handles that
//    can travel through that writer (TRANSFER, not its own endpoint), the sequence's own
//    objects first;
//  - well-formed dispositions carry MOVE (DUPLICATE when the handle has DUPLICATE, a quarter of
//    the time), the object's type or NONE, and rights that reduce: a random subset of the
//    handle's rights (half), one right short (a quarter) or SAME_RIGHTS (a quarter);
//  - readers: 60% an endpoint with a queued message and READ, when there is one.
// process_start's share of the bias (a channel endpoint whose peer the caller keeps, so that the
// new process can read what the caller writes) is in gen_process.cc.
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

namespace {

const model::ChannelEndpoint* EndpointOf(const CallerView& v, zx_koid_t koid) {
  auto it = v.state->objects.find(koid);
  if (it == v.state->objects.end()) return nullptr;
  return std::get_if<model::ChannelEndpoint>(&it->second);
}

// The caller's endpoints a write can succeed on: WRITE, and the peer still open (CHAN-022).
std::vector<zx_handle_t> Writable(const CallerView& v) {
  std::vector<zx_handle_t> out;
  for (const auto& h : v.live) {
    const auto* ep = EndpointOf(v, h.koid);
    if (ep != nullptr && (h.rights & ZX_RIGHT_WRITE) != 0 && !ep->peer_closed) {
      out.push_back(h.value);
    }
  }
  return out;
}

// The caller's endpoints a read can succeed on: READ, and a message queued (CHAN-041).
std::vector<zx_handle_t> Readable(const CallerView& v) {
  std::vector<zx_handle_t> out;
  for (const auto& h : v.live) {
    const auto* ep = EndpointOf(v, h.koid);
    if (ep != nullptr && (h.rights & ZX_RIGHT_READ) != 0 && !ep->queue.empty()) {
      out.push_back(h.value);
    }
  }
  return out;
}

bool InInitialEnvironment(const CallerView& v, zx_handle_t h) {
  const auto& env = v.state->initial;
  return v.caller == env.self_koid &&
         (h == env.job || h == env.self || h == env.root || h == env.vmex);
}

// Handles that can travel through |writer| (CHAN-022 step 4): TRANSFER, not the writer's own
// endpoint. The sequence's own objects, or the initial environment's when it made none.
std::vector<zx_handle_t> Transferable(const CallerView& v, zx_handle_t writer) {
  const HandleView* w = FindHandle(v, writer);
  std::vector<zx_handle_t> made, env;
  for (const auto& h : v.live) {
    if ((h.rights & ZX_RIGHT_TRANSFER) == 0 || (w != nullptr && h.koid == w->koid)) continue;
    (InInitialEnvironment(v, h.value) ? env : made).push_back(h.value);
  }
  return made.empty() ? env : made;
}

// One to three distinct elements of |pool| (not empty), in a random order.
rc::Gen<std::vector<zx_handle_t>> Distinct(std::vector<zx_handle_t> pool) {
  return gen::exec([pool] {
    std::vector<zx_handle_t> left = pool, out;
    const size_t n = *gen::inRange<size_t>(1, std::min<size_t>(3, left.size()) + 1);
    for (size_t i = 0; i < n; ++i) {
      const size_t k = *gen::inRange<size_t>(0, left.size());
      out.push_back(left[k]);
      left.erase(left.begin() + static_cast<std::ptrdiff_t>(k));
    }
    return out;
  });
}

rc::Gen<zx_handle_t> GenWriter(const ViewPtr& v) {
  auto writable = Writable(*v);
  if (writable.empty()) return GenHandle(v, ZX_OBJ_TYPE_CHANNEL);
  return Weighted<zx_handle_t>(
      {{40, GenHandle(v, ZX_OBJ_TYPE_CHANNEL)}, {60, gen::elementOf(writable)}});
}

rc::Gen<zx_handle_t> GenReader(const ViewPtr& v) {
  auto readable = Readable(*v);
  if (readable.empty()) return GenHandle(v, ZX_OBJ_TYPE_CHANNEL);
  return Weighted<zx_handle_t>(
      {{40, GenHandle(v, ZX_OBJ_TYPE_CHANNEL)}, {60, gen::elementOf(readable)}});
}

// Message bytes: the usual payloads, and rarely one byte over the limit (CHAN-022 step 3).
rc::Gen<Bytes> GenMessageBytes() {
  return Weighted<Bytes>(
      {{95, GenData()}, {5, gen::just(Bytes(ZX_CHANNEL_MAX_MSG_BYTES + 1, 0))}});
}

// 0..3 handles of any type (the channel's own handle and repeats come up through the handle
// bias: CHAN-022 step 4, CHAN-023), rarely 65 (over the limit); or handles that can travel.
rc::Gen<std::vector<zx_handle_t>> GenHandleList(const ViewPtr& v, zx_handle_t writer) {
  std::vector<std::pair<size_t, rc::Gen<std::vector<zx_handle_t>>>> choices = {
      {38, gen::exec([v] {
         std::vector<zx_handle_t> out(*gen::inRange<size_t>(0, 4));
         for (auto& h : out) h = *GenHandleToGiveUp(v);
         return out;
       })},
      {2, gen::just(std::vector<zx_handle_t>(ZX_CHANNEL_MAX_MSG_HANDLES + 1, 0))}};
  if (auto pool = Transferable(*v, writer); !pool.empty()) choices.push_back({60, Distinct(pool)});
  return Weighted(std::move(choices));
}

// CHAN-030..032: MOVE / DUPLICATE / unknown ops, the object's own type or another one, rights
// derived from the handle (subsets, one short, one extra).
rc::Gen<zx_handle_disposition_t> GenAnyDisposition(const ViewPtr& v) {
  return gen::exec([v] {
    zx_handle_disposition_t d{};
    d.operation = *GenEnum({ZX_HANDLE_OP_MOVE, ZX_HANDLE_OP_DUPLICATE}, {2});
    d.handle = *GenHandleToGiveUp(v);
    const HandleView* hv = FindHandle(*v, d.handle);
    d.type = *Weighted<zx_obj_type_t>(
        {{40, gen::just(hv ? hv->type : ZX_OBJ_TYPE_VMO)},
         {40, gen::just(ZX_OBJ_TYPE_NONE)},
         {20, gen::element(ZX_OBJ_TYPE_VMO, ZX_OBJ_TYPE_CHANNEL, ZX_OBJ_TYPE_PROCESS,
                           ZX_OBJ_TYPE_VMAR, ZX_OBJ_TYPE_STREAM, ZX_OBJ_TYPE_JOB)}});
    d.rights = *GenDerivedRights(v, d.handle);
    return d;
  });
}

// A disposition for |h| (a handle that can travel) that the kernel accepts, reducing its rights
// most of the time (CHAN-031/032).
rc::Gen<zx_handle_disposition_t> GenGoodDisposition(const ViewPtr& v, zx_handle_t h) {
  return gen::exec([v, h] {
    const HandleView& hv = *FindHandle(*v, h);
    zx_handle_disposition_t d{};
    d.handle = h;
    const bool can_dup = (hv.rights & ZX_RIGHT_DUPLICATE) != 0;
    d.operation = can_dup && *gen::inRange(0, 4) == 0 ? ZX_HANDLE_OP_DUPLICATE : ZX_HANDLE_OP_MOVE;
    d.type = *gen::element(hv.type, ZX_OBJ_TYPE_NONE);
    std::vector<zx_rights_t> bits;
    for (zx_rights_t b = 1; b != 0 && b <= hv.rights; b <<= 1) {
      if ((hv.rights & b) != 0) bits.push_back(b);
    }
    const zx_rights_t have = hv.rights;
    std::vector<std::pair<size_t, rc::Gen<zx_rights_t>>> rights = {
        {2, gen::map(gen::arbitrary<zx_rights_t>(), [have](zx_rights_t m) { return have & m; })},
        {1, gen::just(ZX_RIGHT_SAME_RIGHTS)}};
    if (!bits.empty()) {
      rights.push_back({1, gen::map(gen::elementOf(bits), [have](zx_rights_t b) {
                          return have & ~b;
                        })});
    }
    d.rights = *Weighted(std::move(rights));
    return d;
  });
}

rc::Gen<std::vector<zx_handle_disposition_t>> GenDispositions(const ViewPtr& v,
                                                              zx_handle_t writer) {
  std::vector<std::pair<size_t, rc::Gen<std::vector<zx_handle_disposition_t>>>> choices = {
      {40, gen::exec([v] {
         std::vector<zx_handle_disposition_t> out(*gen::inRange<size_t>(0, 4));
         for (auto& d : out) d = *GenAnyDisposition(v);
         return out;
       })}};
  if (auto pool = Transferable(*v, writer); !pool.empty()) {
    choices.push_back({60, gen::exec([v, pool] {
                         std::vector<zx_handle_disposition_t> out;
                         for (zx_handle_t h : *Distinct(pool)) out.push_back(*GenGoodDisposition(v, h));
                         return out;
                       })});
  }
  return Weighted(std::move(choices));
}

}  // namespace

rc::Gen<Call> GenChannelCreate(const ViewPtr&) {
  return gen::map(GenEnum({0}, {1, 0x80000000u}),
                  [](uint32_t options) { return Call{ChannelCreate{options}}; });
}

rc::Gen<Call> GenChannelWrite(const ViewPtr& v) {
  return gen::exec([v] {
    ChannelWrite c;
    c.handle = *GenWriter(v);
    c.bytes = *GenMessageBytes();
    c.handles = *GenHandleList(v, c.handle);
    return Call{c};
  });
}

rc::Gen<Call> GenChannelWriteEtc(const ViewPtr& v) {
  return gen::exec([v] {
    ChannelWriteEtc c;
    c.handle = *GenWriter(v);
    c.bytes = *GenMessageBytes();
    c.dispositions = *GenDispositions(v, c.handle);
    return Call{c};
  });
}

rc::Gen<Call> GenChannelRead(const ViewPtr& v) {
  return gen::map(GenReader(v), [](zx_handle_t h) { return Call{ChannelRead{h}}; });
}

rc::Gen<Call> GenChannelReadEtc(const ViewPtr& v) {
  return gen::map(GenReader(v), [](zx_handle_t h) { return Call{ChannelReadEtc{h}}; });
}

}  // namespace zxspec::props
