// File: impl/families.h (internal to impl/)
//
// One handler per implemented call, `Outcome Do(Core&, ProcessObj& caller, const X&)`, defined
// in the file of its family (handle.cc, object.cc, vmo.cc, stream.cc, vmar.cc, process.cc,
// channel.cc, mem.cc). Like the model's handlers, each performs every check in the rulebook's
// order before any effect; unlike them, it works on pointer-linked objects and leaves object
// destruction to Core::Collect at the end of the call.
//
// `Implemented<X>` is specialised to true next to each declared handler; ImplKernel::Models
// reports exactly those calls.
#pragma once

#include <type_traits>

#include "api/outcome.h"
#include "impl/core.h"

namespace zxspec::impl {

template <class T>
struct Implemented : std::false_type {};

#define ZXSPEC_IMPL_HANDLER(T)                                \
  Outcome Do(Core& k, ProcessObj& caller, const T& c);        \
  template <>                                                 \
  struct Implemented<T> : std::true_type {}

// handle.cc
ZXSPEC_IMPL_HANDLER(HandleClose);
ZXSPEC_IMPL_HANDLER(HandleDuplicate);
ZXSPEC_IMPL_HANDLER(HandleReplace);
// object.cc
ZXSPEC_IMPL_HANDLER(ObjectGetInfo);
ZXSPEC_IMPL_HANDLER(ObjectGetProperty);
ZXSPEC_IMPL_HANDLER(ObjectWaitOne);
ZXSPEC_IMPL_HANDLER(ObjectSetProperty);
// vmo.cc
ZXSPEC_IMPL_HANDLER(VmoCreate);
ZXSPEC_IMPL_HANDLER(VmoRead);
ZXSPEC_IMPL_HANDLER(VmoWrite);
ZXSPEC_IMPL_HANDLER(VmoGetSize);
ZXSPEC_IMPL_HANDLER(VmoSetSize);
ZXSPEC_IMPL_HANDLER(VmoGetStreamSize);
ZXSPEC_IMPL_HANDLER(VmoSetStreamSize);
ZXSPEC_IMPL_HANDLER(VmoCreateChild);
ZXSPEC_IMPL_HANDLER(VmoOpRange);
ZXSPEC_IMPL_HANDLER(VmoReplaceAsExecutable);
// stream.cc
ZXSPEC_IMPL_HANDLER(StreamCreate);
ZXSPEC_IMPL_HANDLER(StreamWritev);
ZXSPEC_IMPL_HANDLER(StreamWritevAt);
ZXSPEC_IMPL_HANDLER(StreamReadv);
ZXSPEC_IMPL_HANDLER(StreamReadvAt);
ZXSPEC_IMPL_HANDLER(StreamSeek);
// vmar.cc
ZXSPEC_IMPL_HANDLER(VmarAllocate);
ZXSPEC_IMPL_HANDLER(VmarMap);
ZXSPEC_IMPL_HANDLER(VmarUnmap);
ZXSPEC_IMPL_HANDLER(VmarProtect);
ZXSPEC_IMPL_HANDLER(VmarDestroy);
ZXSPEC_IMPL_HANDLER(VmarCreateVmoChild);
// process.cc
ZXSPEC_IMPL_HANDLER(ProcessCreate);
ZXSPEC_IMPL_HANDLER(TaskKill);
ZXSPEC_IMPL_HANDLER(ProcessStart);
// channel.cc
ZXSPEC_IMPL_HANDLER(ChannelCreate);
ZXSPEC_IMPL_HANDLER(ChannelWrite);
ZXSPEC_IMPL_HANDLER(ChannelWriteEtc);
ZXSPEC_IMPL_HANDLER(ChannelRead);
ZXSPEC_IMPL_HANDLER(ChannelReadEtc);
// mem.cc
ZXSPEC_IMPL_HANDLER(MemRead);
ZXSPEC_IMPL_HANDLER(MemWrite);

#undef ZXSPEC_IMPL_HANDLER

// Topic and property handlers, dispatched by object.cc.
Outcome InfoHandleBasic(const Core& k, const ProcessObj& caller, zx_handle_t h);  // handle.cc
Outcome InfoHandleCount(const Core& k, const ProcessObj& caller, zx_handle_t h);  // handle.cc
Outcome InfoVmo(const Core& k, const ProcessObj& caller, zx_handle_t h);          // vmo.cc
Outcome InfoStream(const Core& k, const ProcessObj& caller, zx_handle_t h);       // stream.cc
Outcome InfoVmar(const Core& k, const ProcessObj& caller, zx_handle_t h);         // vmar.cc
Outcome InfoVmarMaps(const Core& k, const ProcessObj& caller, zx_handle_t h);     // vmar.cc
Outcome InfoProcessMaps(const Core& k, const ProcessObj& caller, zx_handle_t h);  // process.cc
Outcome GetVmoContentSize(const Handle& e);                                        // vmo.cc
Outcome SetVmoContentSize(const Handle& e, const Bytes& value);                    // vmo.cc

}  // namespace zxspec::impl
