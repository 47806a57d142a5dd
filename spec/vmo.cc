// VMOs in Z3: zx_vmo_create, zx_vmo_set_size, zx_vmo_set_stream_size, zx_vmo_create_child and
// zx_vmo_replace_as_executable (vmo.md), mirroring model/vmo.cc check by check.
#include "spec/facts.h"
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

z3::expr OkStatus(z3::context& c) { return StatusVal(c, ZX_OK); }

// ROUNDUP(v, 4096); |fits| is false when the sum wraps (model: RoundUpPage gives nullopt).
struct Rounded {
  z3::expr fits;
  z3::expr value;
};
Rounded RoundUpPage(const z3::expr& v) {
  z3::context& c = v.ctx();
  return {z3::bvadd_no_overflow(v, U64(c, ZX_PAGE_SIZE - 1), /*is_signed=*/false),
          (v + U64(c, ZX_PAGE_SIZE - 1)) & U64(c, ~uint64_t{ZX_PAGE_SIZE - 1})};
}

SymObject NewVmo(z3::context& c, uint64_t kind, const z3::expr& memory) {
  ObjectValue v = DeadObject();
  v.alive = 1;
  v.type = ZX_OBJ_TYPE_VMO;
  v.kind = kind;
  SymObject o = ConstObject(c, v);
  o.memory = memory;
  return o;
}

SymMemory NewMemory(z3::context& c, const z3::expr& size, const z3::expr& stream_size,
                    const z3::expr& resizable, const z3::expr& discardable,
                    const z3::expr& root_offset) {
  SymMemory m = ConstMemory(c, MemoryValue{1, 0, 0, 0, 0, 0});
  m.size = size;
  m.stream_size = stream_size;
  m.resizable = resizable;
  m.discardable = discardable;
  m.root_offset = root_offset;
  return m;
}

// ---- zx_vmo_create: VMO-010..017 ----

SymStep CreateStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& size = a[0];
  const z3::expr& options = a[1];
  // VMO-010: the model's default job policy allows ZX_POL_NEW_VMO.
  z3::expr resizable = HasBits(options, ZX_VMO_RESIZABLE);
  z3::expr discardable = HasBits(options, ZX_VMO_DISCARDABLE);
  z3::expr unbounded = HasBits(options, ZX_VMO_UNBOUNDED);
  Rounded r = RoundUpPage(size);
  Checks checks(c);
  checks.Fail(resizable && unbounded, ZX_ERR_INVALID_ARGS)  // VMO-011
      .Fail(!unbounded && !(r.fits && z3::ule(r.value, MaxVmoSize(c))),
            ZX_ERR_OUT_OF_RANGE)  // VMO-012
      .Fail(HasBits(options, ~uint64_t{ZX_VMO_RESIZABLE | ZX_VMO_DISCARDABLE | ZX_VMO_UNBOUNDED}),
            ZX_ERR_INVALID_ARGS)                                              // VMO-013
      .Fail(unbounded && !z3::ule(size, MaxVmoSize(c)), ZX_ERR_OUT_OF_RANGE);  // VMO-014
  auto created = [&](const z3::expr& vmo_size) {  // VMO-015
    size_t m = NewSlot(pre.memories);
    size_t o = NewSlot(pre.objects);
    SymState s = pre;
    s.memories[m] = NewMemory(c, vmo_size, size, resizable, discardable, U64(c, 0));
    s.objects[o] = NewVmo(c, kKindRoot, Index(c, m));
    return WithNewHandle(s, Index(c, o),
                         U32(c, ZX_DEFAULT_VMO_RIGHTS) |
                             z3::ite(resizable, U32(c, ZX_RIGHT_RESIZE), U32(c, 0)));  // VMO-016
  };
  return {Then(pre, checks, Case(pre, unbounded, created(MaxVmoSize(c)), created(r.value))),
          {FreeSlotAssumption("memory", LastSlotFree(pre.memories)),
           FreeSlotAssumption("object", LastSlotFree(pre.objects)),
           FreeSlotAssumption("handle", LastSlotFree(pre.handles))}};
}

Call CreateCall(const ArgValues& a, const HandleValueOf&) {
  return VmoCreate{a[0], static_cast<uint32_t>(a[1])};
}
std::optional<ArgValues> CreateArgs(const Call& call, const HandleArgOf&) {
  const auto* c = std::get_if<VmoCreate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{c->size, c->options};
}

// ---- zx_vmo_set_size: VMO-035..042 ----

SymStep SetSizeStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& size = a[1];
  Paths paths = LookupWithRights(pre, a[0], ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE,  // VMO-035
                                 [&](size_t i, size_t j) {
    return ForView(pre, j, [&](const View& v) {
      Checks checks(c);
      checks
          .Fail(v.resizable && !HasRights(pre.handles[i].rights, ZX_RIGHT_RESIZE),
                ZX_ERR_ACCESS_DENIED)                                   // VMO-036
          .Fail(!v.resizable, ZX_ERR_UNAVAILABLE)                       // VMO-037
          .Fail(!z3::ule(size, MaxVmoSize(c)), ZX_ERR_OUT_OF_RANGE)    // VMO-038
          .Fail(!PageAligned(size), ZX_ERR_INVALID_ARGS);              // VMO-039
      if (v.slice) return Done(pre, checks, pre);  // slices are never resizable
      SymState s = pre;
      s.memories[v.memory].size = size;  // VMO-041
      SymState truncated = s;            // VMO-042: stream size := min(stream size, size)
      truncated.memories[v.memory].stream_size = size;
      return Then(pre, checks,
                  Case(pre, z3::ule(v.stream_size, size), Ok(s), Ok(truncated)));
    });
  });
  return {paths, {}};
}

Call SetSizeCall(const ArgValues& a, const HandleValueOf& hv) { return VmoSetSize{hv(a[0]), a[1]}; }
std::optional<ArgValues> SetSizeArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<VmoSetSize>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{ha(c->handle), c->size};
}

// ---- zx_vmo_set_stream_size: VMO-045..049 ----

SymStep SetStreamSizeStep(const SymState& pre, const SymArgs& a) {
  Paths paths = LookupWithRights(pre, a[0], ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE,  // VMO-045
                                 [&](size_t, size_t j) {
    return ForView(pre, j, [&](const View& v) { return SetStreamSizeChecked(pre, v, a[1]); });
  });
  return {paths, {}};
}

Call SetStreamSizeCall(const ArgValues& a, const HandleValueOf& hv) {
  return VmoSetStreamSize{hv(a[0]), a[1]};
}
std::optional<ArgValues> SetStreamSizeArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<VmoSetStreamSize>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{ha(c->handle), c->size};
}

// ---- zx_vmo_create_child: VMO-070..085 ----

SymStep CreateChildStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& options = a[1];
  const z3::expr& offset = a[2];
  const z3::expr& size = a[3];
  z3::expr zero32 = U32(c, 0);
  z3::expr zero64 = U64(c, 0);
  z3::expr no_write = HasBits(options, ZX_VMO_CHILD_NO_WRITE);
  z3::expr resizable = HasBits(options, ZX_VMO_CHILD_RESIZABLE);
  z3::expr rest = Without(options, ZX_VMO_CHILD_NO_WRITE);  // VMO-071
  z3::expr slice = HasBits(rest, ZX_VMO_CHILD_SLICE);
  z3::expr reference = !slice && HasBits(rest, ZX_VMO_CHILD_REFERENCE);
  z3::expr snapshot = !slice && !reference;
  // VMO-074 (c): the first snapshot-family bit set is the type.
  z3::expr type = z3::ite(HasBits(rest, ZX_VMO_CHILD_SNAPSHOT), U32(c, ZX_VMO_CHILD_SNAPSHOT),
                          z3::ite(HasBits(rest, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE),
                                  U32(c, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE),
                                  z3::ite(HasBits(rest, ZX_VMO_CHILD_SNAPSHOT_MODIFIED),
                                          U32(c, ZX_VMO_CHILD_SNAPSHOT_MODIFIED), zero32)));
  z3::expr extra_bits =
      z3::ite(slice, Without(rest, ZX_VMO_CHILD_SLICE),
              z3::ite(reference, Without(rest, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE),
                      rest & ~(type | U32(c, ZX_VMO_CHILD_RESIZABLE))));
  z3::expr exact_snapshot = snapshot && type == U32(c, ZX_VMO_CHILD_SNAPSHOT);
  z3::expr end_fits = z3::bvadd_no_overflow(offset, size, false);
  // a + b + c without wrapping around 2^64 (model: SumFits).
  auto sum_fits = [](const z3::expr& x, const z3::expr& y, const z3::expr& z) {
    return z3::bvadd_no_overflow(x, y, false) && z3::bvadd_no_overflow(x + y, z, false);
  };
  // VMO-072: the lookup needs RESIZE too when the option bits ask for a resizable reference.
  z3::expr resizable_reference = HasBits(options, ZX_VMO_CHILD_REFERENCE) && resizable;

  // The child (VMO-080/081/085) with its handle (VMO-083), given the memory it views and the
  // offset of its byte 0 there.
  auto add_child = [&](const SymState& s, uint64_t kind, const z3::expr& memory,
                       const z3::expr& child_offset, const z3::expr& rights) {
    size_t k = NewSlot(pre.objects);
    SymState out = s;
    SymObject& o = out.objects[k];
    o = NewVmo(c, kind, memory);
    o.offset = child_offset;
    if (kind == kKindSlice) {
      o.slice_size = size;
      o.slice_stream_size = size;
    }
    o.immutable = kind == kKindCowClone ? exact_snapshot && no_write : c.bool_val(false);
    return WithNewHandle(out, Index(c, k), rights);
  };

  auto on_parent = [&](size_t i, size_t j, const View& p, const z3::expr& root_offset) -> Paths {
    const SymObject& parent = pre.objects[j];
    const z3::expr& prights = pre.handles[i].rights;
    z3::expr p_offset = p.slice ? parent.offset : zero64;  // offset of byte 0 in the memory
    // VMO-083: the child handle's rights.
    z3::expr r = Without(prights, ZX_RIGHT_RESIZE) |
                 z3::ite(resizable, U32(c, ZX_RIGHT_RESIZE), zero32) |
                 U32(c, ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY);
    z3::expr aliasing_rights = z3::ite(no_write, Without(r, ZX_RIGHT_WRITE), r);
    z3::expr snapshot_rights = z3::ite(no_write, Without(r, ZX_RIGHT_WRITE),
                                       Without(r, ZX_RIGHT_EXECUTE) | U32(c, ZX_RIGHT_WRITE));
    Checks common(c);
    common
        .Fail(resizable_reference && !HasRights(prights, ZX_RIGHT_RESIZE),
              ZX_ERR_ACCESS_DENIED)                              // VMO-072
        .Fail(p.discardable, ZX_ERR_NOT_SUPPORTED)              // VMO-073
        .Fail(snapshot && type == zero32, ZX_ERR_INVALID_ARGS)  // VMO-074
        .Fail(extra_bits != zero32, ZX_ERR_INVALID_ARGS);
    Checks slice_checks(c);  // VMO-076
    slice_checks.Fail(!PageAligned(offset), ZX_ERR_INVALID_ARGS)
        .Fail(!PageAligned(size), ZX_ERR_INVALID_ARGS)
        .Fail(!(end_fits && z3::ule(offset + size, p.size)), ZX_ERR_INVALID_ARGS)
        .Fail(p.resizable, ZX_ERR_NOT_SUPPORTED);
    Checks reference_checks(c);  // VMO-077
    reference_checks.Fail(offset != zero64 || size != zero64, ZX_ERR_INVALID_ARGS)
        .Fail(c.bool_val(p.slice), ZX_ERR_NOT_SUPPORTED)
        .Fail(resizable && !p.resizable, ZX_ERR_NOT_SUPPORTED);
    // The parent's memory slot: its own for views of memories, otherwise per memory slot.
    Checks snapshot_checks(c);  // VMO-075
    snapshot_checks.Fail(!PageAligned(offset), ZX_ERR_INVALID_ARGS)
        .Fail(!PageAligned(size), ZX_ERR_INVALID_ARGS)
        .Fail(!sum_fits(p_offset, offset, size), ZX_ERR_OUT_OF_RANGE)  // with the slice offset
        .Fail(!sum_fits(root_offset, p_offset + offset, size),
              ZX_ERR_INVALID_ARGS)  // projection onto the root of the clone tree
        .Fail(exact_snapshot && c.bool_val(p.slice), ZX_ERR_NOT_SUPPORTED);
    // Slices and references view the parent's memory; snapshots get a new one (the model
    // copies eagerly).
    Paths slice_child = add_child(pre, kKindSlice, parent.memory, p_offset + offset, aliasing_rights);
    Paths reference_child =
        add_child(pre, kKindReference, parent.memory, p_offset, aliasing_rights);
    size_t m = NewSlot(pre.memories);
    SymState with_memory = pre;
    with_memory.memories[m] = NewMemory(c, size, size, resizable, c.bool_val(false),
                                        root_offset + p_offset + offset);
    Paths snapshot_child = add_child(with_memory, kKindCowClone, Index(c, m), zero64, snapshot_rights);
    return Then(pre, common,
                Case(pre, slice, Then(pre, slice_checks, slice_child),
                     Case(pre, reference, Then(pre, reference_checks, reference_child),
                          Then(pre, snapshot_checks, snapshot_child))));
  };

  Paths looked_up = LookupWithRights(pre, a[0], ZX_OBJ_TYPE_VMO,
                                     ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ,  // VMO-072
                                     [&](size_t i, size_t j) {
    return ForView(pre, j, [&](const View& p) {
      if (!p.slice) return on_parent(i, j, p, pre.memories[p.memory].root_offset);
      return ForSlot(pre.memories, pre.objects[j].memory, [&](size_t m) {
        return on_parent(i, j, p, pre.memories[m].root_offset);
      });
    });
  });
  Checks early(c);
  early.Fail(!z3::ule(size, MaxVmoSize(c)), ZX_ERR_OUT_OF_RANGE)  // VMO-070
      .Fail(no_write && resizable, ZX_ERR_INVALID_ARGS);         // VMO-071
  std::vector<NamedExpr> assumes = {FreeSlotAssumption("memory", LastSlotFree(pre.memories)),
                                    FreeSlotAssumption("object", LastSlotFree(pre.objects)),
                                    FreeSlotAssumption("handle", LastSlotFree(pre.handles))};
  // A slice of a slice lies inside the memory because the parent does: its end is
  // parent.offset + (offset + size) <= parent.offset + parent.size <= memory size.
  for (const SymObject& p : pre.objects) {
    assumes.push_back({"fact:add-monotone", AddMonotone(p.offset, offset + size, p.slice_size)});
    assumes.push_back({"fact:add-associative", AddAssociative(p.offset, offset, size)});
    for (const SymMemory& m : pre.memories) {
      assumes.push_back({"fact:ule-transitive",
                         UleTransitive(p.offset + (offset + size), p.offset + p.slice_size, m.size)});
    }
  }
  return {Then(pre, early, looked_up), assumes};
}

Call CreateChildCall(const ArgValues& a, const HandleValueOf& hv) {
  return VmoCreateChild{hv(a[0]), static_cast<uint32_t>(a[1]), a[2], a[3]};
}
std::optional<ArgValues> CreateChildArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<VmoCreateChild>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{ha(c->handle), c->options, c->offset, c->size};
}

// ---- zx_vmo_replace_as_executable: VMO-120..124 ----

// VMO-120: the paths of f(status of the vmex argument), evaluated first, reported after
// VMO-122.
Paths ForVmexStatus(const SymState& pre, const z3::expr& vmex,
                    const std::function<Paths(const z3::expr&)>& f) {
  z3::context& c = pre.ctx();
  Paths named = ForCallerHandleElse(
      pre, vmex,
      [&](size_t i) {
        return ForObject(pre, i, [&](size_t j) {
          const SymObject& r = pre.objects[j];
          // The range [base, base + size) must contain [ZX_RSRC_SYSTEM_VMEX_BASE, +1).
          z3::expr vmex_base = U64(c, ZX_RSRC_SYSTEM_VMEX_BASE);
          z3::expr contains = z3::ule(r.rsrc_base, vmex_base) &&
                              z3::ult(vmex_base - r.rsrc_base, r.rsrc_size);
          z3::expr status =
              Checks(c)
                  .Fail(!(r.alive && IsType(r, ZX_OBJ_TYPE_RESOURCE)), ZX_ERR_WRONG_TYPE)
                  .Return(r.rsrc_kind == U32(c, ZX_RSRC_KIND_ROOT), OkStatus(c))  // ROOT is accepted
                  .Fail(r.rsrc_kind != U32(c, ZX_RSRC_KIND_SYSTEM), ZX_ERR_WRONG_TYPE)
                  .Fail(!contains, ZX_ERR_OUT_OF_RANGE)
                  .Build();
          return f(status);
        });
      },
      [&] { return f(StatusVal(c, ZX_ERR_BAD_HANDLE)); });
  // ZX_HANDLE_INVALID: job policy ZX_POL_AMBIENT_MARK_VMO_EXEC, allowed by default.
  z3::expr invalid = vmex == Index(c, kInvalidHandleArg);
  return Join(Guard(invalid, f(OkStatus(c))), Guard(!invalid, named));
}

SymStep ReplaceAsExecutableStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  Paths paths = ForVmexStatus(pre, a[1], [&](const z3::expr& vmex_status) {  // VMO-120
    return ForCallerHandle(pre, a[0], [&](size_t i) {  // VMO-121: BAD_HANDLE, nothing changes
      SymState closed = pre;  // VMO-121..123: |handle| is consumed once it was found
      closed.handles[i].alive = c.bool_val(false);
      return ForObject(pre, i, [&](size_t j) {
        const SymObject& o = pre.objects[j];
        Checks checks(c);
        checks.Fail(!(o.alive && IsVmo(o)), ZX_ERR_BAD_HANDLE)  // VMO-122
            .Sub(vmex_status);                                  // VMO-123
        Paths replaced = WithNewHandle(  // VMO-124
            pre, pre.handles[i].object, pre.handles[i].rights | U32(c, ZX_RIGHT_EXECUTE),
            [&](const SymState& s) {
              SymState out = s;
              out.handles[i].alive = c.bool_val(false);
              return Ok(out);
            });
        z3::expr ok = checks.Ok();
        return Join(Paths{Path{!ok, checks.Build(), closed}}, Guard(ok, replaced));
      });
    });
  });
  return {paths, {FreeSlotAssumption("handle", LastSlotFree(pre.handles))}};
}

Call ReplaceAsExecutableCall(const ArgValues& a, const HandleValueOf& hv) {
  return VmoReplaceAsExecutable{hv(a[0]), hv(a[1])};
}
std::optional<ArgValues> ReplaceAsExecutableArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<VmoReplaceAsExecutable>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{ha(c->handle), ha(c->vmex)};
}

}  // namespace

// VMO-046..049 (VMO-046, physical and contiguous VMOs, is outside the model).
Paths SetStreamSizeChecked(const SymState& pre, const View& v, const z3::expr& size) {
  Checks checks(pre.ctx());
  checks.Fail(!z3::ule(size, v.size), ZX_ERR_OUT_OF_RANGE);  // VMO-048
  // VMO-047: the same stream size is a success with no effect at all. VMO-049: the zeroing is
  // content, which is not spec state.
  return Case(pre, size == v.stream_size, Ok(pre), Done(pre, checks, v.WithStreamSize(pre, size)));
}

const OpSpec& VmoCreateOp() {
  static const OpSpec op{"vmo_create", "VMO-010..VMO-017", {{"size", 64}, {"options", 32}},
                         &CreateStep, &CreateCall, &CreateArgs};
  return op;
}

const OpSpec& VmoSetSizeOp() {
  static const OpSpec op{"vmo_set_size", "VMO-035..VMO-042",
                         {{"handle", kIndexBits}, {"size", 64}},
                         &SetSizeStep, &SetSizeCall, &SetSizeArgs};
  return op;
}

const OpSpec& VmoSetStreamSizeOp() {
  static const OpSpec op{"vmo_set_stream_size", "VMO-045..VMO-049",
                         {{"handle", kIndexBits}, {"size", 64}},
                         &SetStreamSizeStep, &SetStreamSizeCall, &SetStreamSizeArgs};
  return op;
}

const OpSpec& VmoCreateChildOp() {
  static const OpSpec op{
      "vmo_create_child", "VMO-070..VMO-085",
      {{"handle", kIndexBits}, {"options", 32}, {"offset", 64}, {"size", 64}},
      &CreateChildStep, &CreateChildCall, &CreateChildArgs};
  return op;
}

const OpSpec& VmoReplaceAsExecutableOp() {
  static const OpSpec op{"vmo_replace_as_executable", "VMO-120..VMO-124",
                         {{"handle", kIndexBits}, {"vmex", kIndexBits}},
                         &ReplaceAsExecutableStep, &ReplaceAsExecutableCall,
                         &ReplaceAsExecutableArgs};
  return op;
}

}  // namespace zxspec::spec
