// File: model/families.h (internal to model/)
//
// One handler per modeled call, `Outcome Do(State&, caller, const X&)`, defined in the file of
// its family. A handler mutates the state it is given (Step passes its private copy), performs
// every check in the rulebook's order before any effect, and leaves the state unchanged on an
// error unless the rulebook names an effect of that error (e.g. HANDLE-031).
//
// `Modeled<X>` is specialised to true next to each declared handler; Step reports calls
// without one as not modeled.
#pragma once

#include <type_traits>

#include "api/outcome.h"
#include "model/state.h"

namespace zxspec::model {

template <class T>
struct Modeled : std::false_type {};

#define ZXSPEC_MODEL_HANDLER(T)                               \
  Outcome Do(State& s, zx_koid_t caller, const T& c);         \
  template <>                                                 \
  struct Modeled<T> : std::true_type {}

// handle.cc
ZXSPEC_MODEL_HANDLER(HandleClose);
ZXSPEC_MODEL_HANDLER(HandleDuplicate);
ZXSPEC_MODEL_HANDLER(HandleReplace);
// object.cc
ZXSPEC_MODEL_HANDLER(ObjectGetInfo);
ZXSPEC_MODEL_HANDLER(ObjectGetProperty);
ZXSPEC_MODEL_HANDLER(ObjectWaitOne);
ZXSPEC_MODEL_HANDLER(ObjectSetProperty);
// vmo.cc
ZXSPEC_MODEL_HANDLER(VmoCreate);
ZXSPEC_MODEL_HANDLER(VmoRead);
ZXSPEC_MODEL_HANDLER(VmoWrite);
ZXSPEC_MODEL_HANDLER(VmoGetSize);
ZXSPEC_MODEL_HANDLER(VmoSetSize);
ZXSPEC_MODEL_HANDLER(VmoGetStreamSize);
ZXSPEC_MODEL_HANDLER(VmoSetStreamSize);
ZXSPEC_MODEL_HANDLER(VmoCreateChild);
ZXSPEC_MODEL_HANDLER(VmoOpRange);
ZXSPEC_MODEL_HANDLER(VmoReplaceAsExecutable);
// stream.cc
ZXSPEC_MODEL_HANDLER(StreamCreate);
ZXSPEC_MODEL_HANDLER(StreamReadv);
ZXSPEC_MODEL_HANDLER(StreamReadvAt);
ZXSPEC_MODEL_HANDLER(StreamWritev);
ZXSPEC_MODEL_HANDLER(StreamWritevAt);
ZXSPEC_MODEL_HANDLER(StreamSeek);
// channel.cc
ZXSPEC_MODEL_HANDLER(ChannelCreate);
ZXSPEC_MODEL_HANDLER(ChannelWrite);
ZXSPEC_MODEL_HANDLER(ChannelWriteEtc);
ZXSPEC_MODEL_HANDLER(ChannelRead);
ZXSPEC_MODEL_HANDLER(ChannelReadEtc);
// vmar.cc
ZXSPEC_MODEL_HANDLER(VmarAllocate);
ZXSPEC_MODEL_HANDLER(VmarMap);
ZXSPEC_MODEL_HANDLER(VmarUnmap);
ZXSPEC_MODEL_HANDLER(VmarProtect);
ZXSPEC_MODEL_HANDLER(VmarDestroy);
ZXSPEC_MODEL_HANDLER(VmarCreateVmoChild);
// process.cc
ZXSPEC_MODEL_HANDLER(ProcessCreate);
ZXSPEC_MODEL_HANDLER(TaskKill);
ZXSPEC_MODEL_HANDLER(ProcessStart);
// mem.cc
ZXSPEC_MODEL_HANDLER(MemRead);
ZXSPEC_MODEL_HANDLER(MemWrite);

#undef ZXSPEC_MODEL_HANDLER

// Topic and property handlers, dispatched by object.cc (ObjectGetInfo / ...Property).
Outcome InfoHandleBasic(const State& s, zx_koid_t caller, zx_handle_t h);   // handle.cc
Outcome InfoHandleCount(const State& s, zx_koid_t caller, zx_handle_t h);   // handle.cc
Outcome InfoVmo(const State& s, zx_koid_t caller, zx_handle_t h);           // vmo.cc
Outcome GetVmoContentSize(const State& s, const HandleEntry& e, size_t value_size);  // vmo.cc
Outcome SetVmoContentSize(State& s, const HandleEntry& e, const Bytes& value);       // vmo.cc
Outcome InfoStream(const State& s, zx_koid_t caller, zx_handle_t h);        // stream.cc
Outcome InfoVmar(const State& s, zx_koid_t caller, zx_handle_t h);          // maps.cc
Outcome InfoVmarMaps(const State& s, zx_koid_t caller, zx_handle_t h);      // maps.cc
Outcome InfoProcessMaps(const State& s, zx_koid_t caller, zx_handle_t h);   // maps.cc

}  // namespace zxspec::model
