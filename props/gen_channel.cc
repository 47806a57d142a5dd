// Generators for the channel family (channel-fidl.md CHAN-010..043).
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;

namespace {

// Message bytes: the usual payloads, and rarely one byte over the limit (CHAN-022 step 3).
rc::Gen<Bytes> GenMessageBytes() {
  return Weighted<Bytes>(
      {{95, GenData()}, {5, gen::just(Bytes(ZX_CHANNEL_MAX_MSG_BYTES + 1, 0))}});
}

// 0..3 handles of any type (the channel's own handle and repeats come up through the handle
// bias: CHAN-022 step 4, CHAN-023), rarely 65 (over the limit).
rc::Gen<std::vector<zx_handle_t>> GenHandleList(const ViewPtr& v) {
  return Weighted<std::vector<zx_handle_t>>(
      {{95, gen::exec([v] {
          std::vector<zx_handle_t> out(*gen::inRange<size_t>(0, 4));
          for (auto& h : out) h = *GenHandleToGiveUp(v);
          return out;
        })},
       {5, gen::just(std::vector<zx_handle_t>(ZX_CHANNEL_MAX_MSG_HANDLES + 1, 0))}});
}

}  // namespace

rc::Gen<Call> GenChannelCreate(const ViewPtr&) {
  return gen::map(GenEnum({0}, {1, 0x80000000u}),
                  [](uint32_t options) { return Call{ChannelCreate{options}}; });
}

rc::Gen<Call> GenChannelWrite(const ViewPtr& v) {
  return gen::exec([v] {
    ChannelWrite c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_CHANNEL);
    c.bytes = *GenMessageBytes();
    c.handles = *GenHandleList(v);
    return Call{c};
  });
}

// CHAN-030..032: MOVE / DUPLICATE / unknown ops, the object's own type or another one, rights
// derived from the handle (subsets, one short, one extra).
rc::Gen<Call> GenChannelWriteEtc(const ViewPtr& v) {
  return gen::exec([v] {
    ChannelWriteEtc c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_CHANNEL);
    c.bytes = *GenMessageBytes();
    c.dispositions.resize(*gen::inRange<size_t>(0, 4));
    for (auto& d : c.dispositions) {
      d.operation = *GenEnum({ZX_HANDLE_OP_MOVE, ZX_HANDLE_OP_DUPLICATE}, {2});
      d.handle = *GenHandleToGiveUp(v);
      const HandleView* hv = FindHandle(*v, d.handle);
      d.type = *Weighted<zx_obj_type_t>(
          {{40, gen::just(hv ? hv->type : ZX_OBJ_TYPE_VMO)},
           {40, gen::just(ZX_OBJ_TYPE_NONE)},
           {20, gen::element(ZX_OBJ_TYPE_VMO, ZX_OBJ_TYPE_CHANNEL, ZX_OBJ_TYPE_PROCESS,
                             ZX_OBJ_TYPE_VMAR, ZX_OBJ_TYPE_STREAM, ZX_OBJ_TYPE_JOB)}});
      d.rights = *GenDerivedRights(v, d.handle);
    }
    return Call{c};
  });
}

rc::Gen<Call> GenChannelRead(const ViewPtr& v) {
  return gen::map(GenHandle(v, ZX_OBJ_TYPE_CHANNEL),
                  [](zx_handle_t h) { return Call{ChannelRead{h}}; });
}

rc::Gen<Call> GenChannelReadEtc(const ViewPtr& v) {
  return gen::map(GenHandle(v, ZX_OBJ_TYPE_CHANNEL),
                  [](zx_handle_t h) { return Call{ChannelReadEtc{h}}; });
}

}  // namespace zxspec::props
