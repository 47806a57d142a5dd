// Test helpers for spec/ tests: model states reached by random call sequences (model::Step from
// the initial state), with arguments that lean toward boundaries, and evaluation of spec
// formulas on concrete states.
#pragma once

#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "model/core.h"
#include "model/model.h"
#include "spec/abstraction.h"
#include "spec/ops.h"

namespace zxspec::spec {

class RandomCalls {
 public:
  explicit RandomCalls(uint64_t seed) : rng_(seed) {}

  uint64_t Below(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }
  bool OneIn(uint64_t n) { return Below(n) == 0; }
  template <class T>
  T Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

  // Sizes and offsets: 0, page boundaries, VMO_MAX_SIZE and UINT64_MAX neighbourhoods.
  uint64_t Size() {
    return Pick<uint64_t>({0, 1, 4095, 4096, 4097, 8192, 3 * 4096, 16 * 4096, kVmoMaxSize,
                           kVmoMaxSize - 4096, kVmoMaxSize + 1, UINT64_MAX, UINT64_MAX - 4095,
                           Below(5 * 4096), Below(4) * 4096});
  }

  // A handle of |caller|'s table (mostly), an invalid or an unknown value (sometimes).
  zx_handle_t Handle(const model::State& s, zx_koid_t caller) {
    const auto& entries = model::Get<model::Process>(s, caller).handles.entries;
    if (entries.empty() || OneIn(12)) return Pick<zx_handle_t>({ZX_HANDLE_INVALID, 0x7FFFFFF3u});
    auto it = entries.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(Below(entries.size())));
    return it->first;
  }

  // Rights: SAME_RIGHTS, a subset of |have|, or any mask.
  zx_rights_t Rights(zx_rights_t have) {
    switch (Below(6)) {
      case 0:
      case 1:
        return ZX_RIGHT_SAME_RIGHTS;
      case 2:
        return static_cast<zx_rights_t>(rng_()) | 1u;
      case 3:
        return have & static_cast<zx_rights_t>(rng_());
      default:  // one right less
        return have & ~(zx_rights_t{1} << Below(25));
    }
  }

  // Mostly a handle of |caller|'s to an object of |type|; otherwise as Handle().
  zx_handle_t HandleTo(const model::State& s, zx_koid_t caller, zx_obj_type_t type) {
    std::vector<zx_handle_t> typed;
    for (const auto& [value, e] : model::Get<model::Process>(s, caller).handles.entries) {
      auto it = s.objects.find(e.object);
      if (it != s.objects.end() && model::ObjTypeOf(it->second) == type) typed.push_back(value);
    }
    if (typed.empty() || OneIn(8)) return Handle(s, caller);
    return Pick(typed);
  }

  zx_rights_t RightsOf(const model::State& s, zx_koid_t caller, zx_handle_t h) {
    const auto& entries = model::Get<model::Process>(s, caller).handles.entries;
    auto it = entries.find(h);
    return it == entries.end() ? 0 : it->second.rights;
  }

  Call Next(const model::State& s, zx_koid_t caller) {
    zx_handle_t any = Handle(s, caller);
    zx_handle_t vmo = HandleTo(s, caller, ZX_OBJ_TYPE_VMO);
    zx_handle_t stream = HandleTo(s, caller, ZX_OBJ_TYPE_STREAM);
    zx_handle_t vmar = HandleTo(s, caller, ZX_OBJ_TYPE_VMAR);
    switch (Below(22)) {
      case 0:
      case 1:
        return VmoCreate{Size(), Pick<uint32_t>({0, 0, ZX_VMO_RESIZABLE, ZX_VMO_RESIZABLE,
                                                 ZX_VMO_DISCARDABLE, ZX_VMO_UNBOUNDED,
                                                 ZX_VMO_RESIZABLE | 0x100,
                                                 ZX_VMO_RESIZABLE | ZX_VMO_UNBOUNDED})};
      case 2:
        return VmoSetSize{vmo, Pick<uint64_t>({0, 4096, 4096, 8192, Size()})};
      case 3:
        return VmoSetStreamSize{vmo, Size()};
      case 4:
        return ObjectSetProperty{
            OneIn(3) ? stream : vmo,
            Pick<uint32_t>({ZX_PROP_VMO_CONTENT_SIZE, ZX_PROP_VMO_CONTENT_SIZE,
                            ZX_PROP_STREAM_MODE_APPEND, ZX_PROP_NAME, 12345}),
            Value()};
      case 5:
        return HandleDuplicate{any, Rights(RightsOf(s, caller, any))};
      case 6:
        return HandleReplace{any, Rights(RightsOf(s, caller, any))};
      case 7:
        return HandleClose{OneIn(2) ? any : vmo};
      case 8:
      case 9:
      case 10:
        return VmoCreateChild{vmo, ChildOptions(), Pick<uint64_t>({0, 0, 0, 4096, 1, Size()}),
                              Pick<uint64_t>({0, 0, 4096, 4096, 8192, Size()})};
      case 11:
        return VmoReplaceAsExecutable{
            vmo, Pick<zx_handle_t>({s.initial.vmex, s.initial.vmex, ZX_HANDLE_INVALID,
                                    s.initial.job, any})};
      case 12:
        return StreamCreate{Pick<uint32_t>({ZX_STREAM_MODE_READ, ZX_STREAM_MODE_WRITE,
                                            ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE,
                                            ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND,
                                            ZX_STREAM_MODE_APPEND, 0, 0x8}),
                            vmo, Pick<uint64_t>({0, 100, 4096, Size()})};
      case 13:
        return StreamWritev{stream, Pick<uint32_t>({0, 0, ZX_STREAM_APPEND, 2}), Data()};
      case 14:
        return StreamWritevAt{stream, Pick<uint32_t>({0, 0, 0, 1}),
                              Pick<uint64_t>({0, 100, 4096, Size()}), Data()};
      case 15:
        return VmoWrite{vmo, Pick<uint64_t>({0, 4096, Size()}), Data()};
      case 16:
        return ChannelCreate{0};
      case 17:  // VMAR-010..: a child VMAR that can map some of R/W/X
        return VmarAllocate{vmar,
                            Pick<zx_vm_option_t>({ZX_VM_CAN_MAP_READ,
                                                  ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE,
                                                  ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
                                                      ZX_VM_CAN_MAP_EXECUTE}),
                            0, Pick<uint64_t>({16 * 4096, 64 * 4096})};
      case 18:
      case 19:  // VMAR-020..: mappings, writable ones too (immutability's mapping clause)
        return VmarMap{vmar,
                       Pick<zx_vm_option_t>({ZX_VM_PERM_READ, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE,
                                             ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE}),
                       0, vmo, 0, Pick<uint64_t>({4096, 8192})};
      case 20:
        return VmarDestroy{vmar};
      default:  // moves a handle into a message: handles outside the caller's table
        return ChannelWrite{HandleTo(s, caller, ZX_OBJ_TYPE_CHANNEL), Bytes{1}, {any}};
    }
  }

 private:
  uint32_t ChildOptions() {
    if (OneIn(2)) {  // a valid combination
      return Pick<uint32_t>({ZX_VMO_CHILD_SNAPSHOT, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE,
                             ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_RESIZABLE,
                             ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_NO_WRITE,
                             ZX_VMO_CHILD_REFERENCE, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE});
    }
    uint32_t type = Pick<uint32_t>({ZX_VMO_CHILD_SNAPSHOT, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                                    ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_REFERENCE,
                                    ZX_VMO_CHILD_SNAPSHOT_MODIFIED, 0});
    uint32_t mods = Pick<uint32_t>({0, 0, ZX_VMO_CHILD_NO_WRITE, ZX_VMO_CHILD_RESIZABLE,
                                    ZX_VMO_CHILD_NO_WRITE | ZX_VMO_CHILD_RESIZABLE, 0x200,
                                    ZX_VMO_CHILD_SLICE});
    return type | mods;
  }
  Bytes Value() {
    uint64_t v = OneIn(3) ? Size() : Below(9000);
    Bytes b = EncodeU64(v);
    b.resize(Pick<size_t>({8, 8, 8, 8, 1, 0, 12}));
    return b;
  }
  Bytes Data() { return Bytes(Pick<size_t>({0, 1, 10, 4096, 5000}), 0x5a); }

  std::mt19937_64 rng_;
};

// Steps |state| through |n| random calls from |calls| as the initial process and records every
// state on the way (the initial state first).
inline std::vector<model::State> RandomRun(RandomCalls& calls, size_t n) {
  std::vector<model::State> out{model::InitialState()};
  zx_koid_t self = out.front().initial.self_koid;
  for (size_t i = 0; i < n; ++i) {
    Call c = calls.Next(out.back(), self);
    out.push_back(model::Step(out.back(), self, c).state);
  }
  return out;
}

// A deliberately broken transition for testing the testers: zx_vmo_set_size that keeps the
// stream size (the pre-RFC-0238 shape of VMO-042 without its truncation); the rest is the real
// encoding's (spec/vmo.cc).
inline SymStep SetSizeWithoutTruncationStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& size = a[1];
  Paths paths = LookupWithRights(pre, a[0], ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE,
                                 [&](size_t i, size_t j) {
    return ForView(pre, j, [&](const View& v) {
      Checks checks(c);
      checks
          .Fail(v.resizable && !HasRights(pre.handles[i].rights, ZX_RIGHT_RESIZE),
                ZX_ERR_ACCESS_DENIED)
          .Fail(!v.resizable, ZX_ERR_UNAVAILABLE)
          .Fail(!z3::ule(size, MaxVmoSize(c)), ZX_ERR_OUT_OF_RANGE)
          .Fail(!PageAligned(size), ZX_ERR_INVALID_ARGS);
      if (v.slice) return Done(pre, checks, pre);
      SymState s = pre;
      s.memories[v.memory].size = size;  // BUG: the stream size is not truncated
      return Done(pre, checks, s);
    });
  });
  return {paths, {}};
}

inline const OpSpec& SetSizeWithoutTruncationOp() {
  static const OpSpec op = [] {
    OpSpec o = VmoSetSizeOp();
    o.step = &SetSizeWithoutTruncationStep;
    return o;
  }();
  return op;
}

// The value of a ground formula (a spec formula on a SymState::Const state).
inline bool Ground(const z3::expr& e) {
  z3::expr v = e.simplify();
  if (v.is_true()) return true;
  if (v.is_false()) return false;
  z3::solver s(e.ctx());
  s.add(!e);
  return s.check() == z3::unsat;
}

}  // namespace zxspec::spec
