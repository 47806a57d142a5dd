// File: props/gen_calls.h (internal to the generator)
//
// One generator per call, defined in the file of the call's family and listed with a weight in
// gen.cc's table. Each takes the caller's view of the state and draws that call's arguments
// with the helpers of gen_args.h. A family helper adding a call adds its generator here, in its
// family's file, and a row in gen.cc.
#pragma once

#include <rapidcheck.h>

#include "api/calls.h"
#include "props/gen_args.h"

namespace zxspec::props {

using CallGen = rc::Gen<Call> (*)(const ViewPtr& v);

// gen_handle.cc
rc::Gen<Call> GenHandleClose(const ViewPtr& v);
rc::Gen<Call> GenHandleDuplicate(const ViewPtr& v);
rc::Gen<Call> GenHandleReplace(const ViewPtr& v);
// gen_object.cc
rc::Gen<Call> GenObjectGetInfo(const ViewPtr& v);
rc::Gen<Call> GenObjectGetProperty(const ViewPtr& v);
rc::Gen<Call> GenObjectWaitOne(const ViewPtr& v);
rc::Gen<Call> GenObjectSetProperty(const ViewPtr& v);
// gen_vmo.cc
rc::Gen<Call> GenVmoCreate(const ViewPtr& v);
rc::Gen<Call> GenVmoCreateChild(const ViewPtr& v);
rc::Gen<Call> GenVmoRead(const ViewPtr& v);
rc::Gen<Call> GenVmoWrite(const ViewPtr& v);
rc::Gen<Call> GenVmoGetSize(const ViewPtr& v);
rc::Gen<Call> GenVmoSetSize(const ViewPtr& v);
rc::Gen<Call> GenVmoGetStreamSize(const ViewPtr& v);
rc::Gen<Call> GenVmoSetStreamSize(const ViewPtr& v);
rc::Gen<Call> GenVmoOpRange(const ViewPtr& v);
rc::Gen<Call> GenVmoReplaceAsExecutable(const ViewPtr& v);
// gen_stream.cc
rc::Gen<Call> GenStreamCreate(const ViewPtr& v);
rc::Gen<Call> GenStreamWritev(const ViewPtr& v);
rc::Gen<Call> GenStreamWritevAt(const ViewPtr& v);
rc::Gen<Call> GenStreamReadv(const ViewPtr& v);
rc::Gen<Call> GenStreamReadvAt(const ViewPtr& v);
rc::Gen<Call> GenStreamSeek(const ViewPtr& v);
// gen_vmar.cc
rc::Gen<Call> GenVmarAllocate(const ViewPtr& v);
rc::Gen<Call> GenVmarMap(const ViewPtr& v);
rc::Gen<Call> GenVmarUnmap(const ViewPtr& v);
rc::Gen<Call> GenVmarProtect(const ViewPtr& v);
rc::Gen<Call> GenVmarDestroy(const ViewPtr& v);
rc::Gen<Call> GenVmarCreateVmoChild(const ViewPtr& v);
// gen_process.cc
rc::Gen<Call> GenProcessCreate(const ViewPtr& v);
rc::Gen<Call> GenTaskKill(const ViewPtr& v);
rc::Gen<Call> GenProcessStart(const ViewPtr& v);
// gen_channel.cc
rc::Gen<Call> GenChannelCreate(const ViewPtr& v);
rc::Gen<Call> GenChannelWrite(const ViewPtr& v);
rc::Gen<Call> GenChannelWriteEtc(const ViewPtr& v);
rc::Gen<Call> GenChannelRead(const ViewPtr& v);
rc::Gen<Call> GenChannelReadEtc(const ViewPtr& v);
// gen_mem.cc
rc::Gen<Call> GenMemRead(const ViewPtr& v);
rc::Gen<Call> GenMemWrite(const ViewPtr& v);

}  // namespace zxspec::props
