// VMOs in Z3: zx_vmo_create, zx_vmo_set_size, zx_vmo_set_stream_size, zx_vmo_create_child and
// zx_vmo_replace_as_executable (vmo.md), mirroring model/vmo.cc check by check.
#include "spec/vmo.h"

#include "spec/content.h"
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

using Opt = std::optional<ArgValues>;

z3::expr Bit(z3::context& c, const z3::expr& cond, zx_rights_t r) {
  return z3::ite(cond, U32(c, r), U32(c, 0));
}

// ---- zx_vmo_create: VMO-010..017 ----

Paths VmoCreateStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& size = a[0];
  const z3::expr& options = a[1];
  // VMO-010: the model's default job policy allows ZX_POL_NEW_VMO.
  z3::expr resizable = HasBits(options, ZX_VMO_RESIZABLE);
  z3::expr discardable = HasBits(options, ZX_VMO_DISCARDABLE);
  z3::expr unbounded = HasBits(options, ZX_VMO_UNBOUNDED);
  Rounded r = RoundUpPage(size);
  Checks checks(c);
  checks.Fail(resizable && unbounded, ZX_ERR_INVALID_ARGS, "VMO-011")
      .Fail(!unbounded && !(r.fits && z3::ule(r.value, MaxVmoSize(c))), ZX_ERR_OUT_OF_RANGE,
            "VMO-012")
      .Fail(HasBits(options, ~uint64_t{ZX_VMO_RESIZABLE | ZX_VMO_DISCARDABLE | ZX_VMO_UNBOUNDED}),
            ZX_ERR_INVALID_ARGS, "VMO-013")
      .Fail(unbounded && !z3::ule(size, MaxVmoSize(c)), ZX_ERR_OUT_OF_RANGE, "VMO-014");
  z3::expr m = U64(c, 0), k = U64(c, 0), h = U32(c, 0);
  SymState s = NewMemory(pre, &m);  // VMO-015
  s.m_size = s.m_size.Set(m, z3::ite(unbounded, MaxVmoSize(c), r.value));
  s.m_stream_size = s.m_stream_size.Set(m, size);
  s.m_resizable = s.m_resizable.Set(m, resizable);
  s.m_discardable = s.m_discardable.Set(m, discardable);
  s = NewObject(s, ZX_OBJ_TYPE_VMO, &k);
  s.vmo_memory = s.vmo_memory.Set(k, m);
  z3::expr rights = U32(c, ZX_DEFAULT_VMO_RIGHTS) | Bit(c, resizable, ZX_RIGHT_RESIZE);  // VMO-016
  s = InstallHandle(s, caller, k, rights, &h);
  Paths ok = Ok(s, "VMO-015", SymResult::Handle(h));
  ok[0].installs.push_back({{caller, h}, rights, "VMO-016: a new VMO's rights", true});
  return Then(pre, checks, ok);
}

Call VmoCreateCall(const ArgValues& a) { return VmoCreate{a.v[0], static_cast<uint32_t>(a.v[1])}; }
Opt VmoCreateArgs(const Call& call) {
  const auto* c = std::get_if<VmoCreate>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->size, c->options}, {{}, {}}};
}

// ---- zx_vmo_set_size: VMO-035..042 ----

Paths SetSizeStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& size = a[1];
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE,
                          [&](const FoundHandle& h) {
    View v = ViewOf(pre, h.object);
    Checks checks(c);
    checks.Fail(v.resizable && !HasRights(h.rights, ZX_RIGHT_RESIZE), ZX_ERR_ACCESS_DENIED, "VMO-036")
        .Fail(!v.resizable, ZX_ERR_UNAVAILABLE, "VMO-037")
        .Fail(!z3::ule(size, MaxVmoSize(c)), ZX_ERR_OUT_OF_RANGE, "VMO-038")
        .Fail(!PageAligned(size), ZX_ERR_INVALID_ARGS, "VMO-039");
    z3::expr m = v.memory;
    checks.Fail(!NoWrap(pre.m_root_offset(m), size), ZX_ERR_INVALID_ARGS, "VMO-039b");
    SymState shrunk = Truncate(pre, m, size);  // VMO-041: discarded bytes never come back
    auto resize = [&](const SymState& from) {
      SymState out = from;
      out.m_size = from.m_size.Set(m, size);
      out.m_stream_size = from.m_stream_size.Set(m, Min(from.m_stream_size(m), size));  // VMO-042
      return out;
    };
    return Then(pre, checks,
                Case(z3::ult(size, pre.m_size(m)), Ok(resize(shrunk), "VMO-041 (shrink)"),
                     Ok(resize(pre), "VMO-041 (grow or keep)")));
  }, "VMO-035");
}

Call SetSizeCall(const ArgValues& a) {
  return VmoSetSize{static_cast<zx_handle_t>(a.v[0]), a.v[1]};
}
Opt SetSizeArgs(const Call& call) {
  const auto* c = std::get_if<VmoSetSize>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->size}, {{}, {}}};
}

// ---- zx_vmo_set_stream_size: VMO-045..049 ----

Paths SetStreamSizeStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE,
                          [&](const FoundHandle& h) {
    return SetStreamSizeChecked(pre, ViewOf(pre, h.object), a[1], "VMO-049");
  }, "VMO-045");
}

Call SetStreamSizeCall(const ArgValues& a) {
  return VmoSetStreamSize{static_cast<zx_handle_t>(a.v[0]), a.v[1]};
}
Opt SetStreamSizeArgs(const Call& call) {
  const auto* c = std::get_if<VmoSetStreamSize>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->size}, {{}, {}}};
}

// ---- zx_vmo_read, zx_vmo_write: VMO-020..025 ----

// VMO-021/022 after the lookup of VMO-020: [offset, offset + len) must not wrap and must lie
// within the VMO size (not the stream size).
Checks RangeChecks(z3::context& c, const View& v, const z3::expr& offset, const z3::expr& len) {
  Checks checks(c);
  checks.Fail(!NoWrap(offset, len), ZX_ERR_OUT_OF_RANGE, "VMO-021")
      .Fail(z3::ugt(offset + len, v.size), ZX_ERR_OUT_OF_RANGE, "VMO-022");
  return checks;
}

Paths VmoReadStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ,
                          [&](const FoundHandle& h) {
    View v = ViewOf(pre, h.object);
    Checks checks = RangeChecks(c, v, a[1], a[2]);
    checks.Fail(z3::ugt(a[2], U64(c, kMaxUserBufferBytes)), ZX_ERR_NO_MEMORY, "GEN-006");
    return Then(pre, checks, Ok(pre, "VMO-024", BytesAt(pre, v, a[1], a[2])));
  }, "VMO-020");
}

Paths VmoWriteStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE,
                          [&](const FoundHandle& h) {
    View v = ViewOf(pre, h.object);
    // VMO-025: the bytes go to the memory the VMO views; the stream size stays.
    return Then(pre, RangeChecks(c, v, a[1], a[2]),
                Ok(WriteBytes(pre, v, a[1], a[2], a.elems(2)), "VMO-025"));
  }, "VMO-020");
}

Call VmoReadCall(const ArgValues& a) {
  return VmoRead{static_cast<zx_handle_t>(a.v[0]), a.v[1], a.v[2]};
}
Call VmoWriteCall(const ArgValues& a) {
  return VmoWrite{static_cast<zx_handle_t>(a.v[0]), a.v[1], BytesOf(a.buf[2])};
}
Opt VmoReadArgs(const Call& call) {
  const auto* c = std::get_if<VmoRead>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->offset, c->len}, {{}, {}, {}}};
}
Opt VmoWriteArgs(const Call& call) {
  const auto* c = std::get_if<VmoWrite>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->offset, c->data.size()}, {{}, {}, ElemsOf(c->data)}};
}

// ---- zx_vmo_get_size, zx_vmo_get_stream_size: VMO-030..032 (no rights needed) ----

Paths GetSizeStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return LookupTyped(pre, caller, a[0], ZX_OBJ_TYPE_VMO, [&](const FoundHandle& h) {
    return Ok(pre, "VMO-031", SymResult::U64Value(ViewOf(pre, h.object).size));
  }, "VMO-030");
}

Paths GetStreamSizeStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  return LookupTyped(pre, caller, a[0], ZX_OBJ_TYPE_VMO, [&](const FoundHandle& h) {
    return Ok(pre, "VMO-032", SymResult::U64Value(ViewOf(pre, h.object).stream_size));
  }, "VMO-030");
}

Call GetSizeCall(const ArgValues& a) { return VmoGetSize{static_cast<zx_handle_t>(a.v[0])}; }
Call GetStreamSizeCall(const ArgValues& a) {
  return VmoGetStreamSize{static_cast<zx_handle_t>(a.v[0])};
}
Opt GetSizeArgs(const Call& call) {
  const auto* c = std::get_if<VmoGetSize>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle}, {{}}};
}
Opt GetStreamSizeArgs(const Call& call) {
  const auto* c = std::get_if<VmoGetStreamSize>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle}, {{}}};
}

// ---- zx_vmo_create_child: VMO-070..085 ----

struct ChildOptions {
  z3::expr no_write, resizable, slice, reference, snapshot_family, exact_snapshot, type_invalid;
};

// VMO-071, VMO-074: the child type from the option bits without NO_WRITE.
ChildOptions DecodeChildOptions(const z3::expr& options) {
  z3::context& c = options.ctx();
  z3::expr rest = Without(options, ZX_VMO_CHILD_NO_WRITE);
  z3::expr slice = HasBits(rest, ZX_VMO_CHILD_SLICE);
  z3::expr reference = !slice && HasBits(rest, ZX_VMO_CHILD_REFERENCE);
  z3::expr snap = HasBits(rest, ZX_VMO_CHILD_SNAPSHOT);
  z3::expr alow = !snap && HasBits(rest, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE);
  z3::expr mod = !snap && !alow && HasBits(rest, ZX_VMO_CHILD_SNAPSHOT_MODIFIED);
  z3::expr type_bit = z3::ite(snap, U32(c, ZX_VMO_CHILD_SNAPSHOT),
                              z3::ite(alow, U32(c, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE),
                                      U32(c, ZX_VMO_CHILD_SNAPSHOT_MODIFIED)));
  z3::expr invalid =
      z3::ite(slice, rest != U32(c, ZX_VMO_CHILD_SLICE),                           // (a)
              z3::ite(reference,
                      Without(rest, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE) != U32(c, 0),  // (b)
                      !(snap || alow || mod) ||                                     // (c) no type
                          (rest & ~(type_bit | U32(c, ZX_VMO_CHILD_RESIZABLE))) != U32(c, 0)));
  return {HasBits(options, ZX_VMO_CHILD_NO_WRITE), HasBits(options, ZX_VMO_CHILD_RESIZABLE),
          slice, reference, !slice && !reference, !slice && !reference && snap, invalid};
}

// a + b + c without wrapping (model: SumFits).
z3::expr SumFits(const z3::expr& a, const z3::expr& b, const z3::expr& c) {
  return NoWrap(a, b) && NoWrap(a + b, c);
}

// VMO-075: a SNAPSHOT-family child's range checks against the parent view |p|.
Checks SnapshotChecks(const SymState& pre, const View& p, const ChildOptions& o, const z3::expr& offset,
                      const z3::expr& size) {
  Checks snapshot(pre.ctx());
  snapshot.Fail(!PageAligned(offset), ZX_ERR_INVALID_ARGS, "VMO-075 (offset)")
      .Fail(!PageAligned(size), ZX_ERR_INVALID_ARGS, "VMO-075 (size)")
      .Fail(!SumFits(p.offset, offset, size), ZX_ERR_OUT_OF_RANGE, "VMO-075 (range)")
      .Fail(!SumFits(pre.m_root_offset(p.memory), p.offset + offset, size), ZX_ERR_INVALID_ARGS,
            "VMO-075 (projection)")
      .Fail(o.exact_snapshot && p.slice, ZX_ERR_NOT_SUPPORTED, "VMO-075 (slice parent)");
  return snapshot;
}

struct ChildPaths {
  Paths slice, reference, snapshot;
};

// The child VMO (VMO-080..085) and its handle (VMO-083), once every check passed.
ChildPaths AddChild(const SymState& pre, const z3::expr& caller, const FoundHandle& h, const View& p,
               const ChildOptions& o, const z3::expr& offset, const z3::expr& size,
               const std::string& rights_rule) {
  z3::context& c = pre.ctx();
  z3::expr pk = h.object;
  // VMO-083: the child handle's rights.
  z3::expr r = Without(h.rights, ZX_RIGHT_RESIZE) | Bit(c, o.resizable, ZX_RIGHT_RESIZE) |
               U32(c, ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY);
  z3::expr rights = z3::ite(o.no_write, Without(r, ZX_RIGHT_WRITE),
                            z3::ite(o.snapshot_family, Without(r, ZX_RIGHT_EXECUTE) | U32(c, ZX_RIGHT_WRITE), r));
  auto finish = [&](SymState s, uint64_t kind, const z3::expr& memory, const z3::expr& vmo_offset,
                    const std::string& rule) {
    z3::expr k = U64(c, 0), out = U32(c, 0);
    s = NewObject(s, ZX_OBJ_TYPE_VMO, &k);  // VMO-080
    s.vmo_kind = s.vmo_kind.Set(k, U8(c, kind));
    s.vmo_memory = s.vmo_memory.Set(k, memory);
    s.vmo_offset = s.vmo_offset.Set(k, vmo_offset);
    s.vmo_parent = s.vmo_parent.Set(k, pk);
    if (kind == kKindSlice) {
      s.slice_size = s.slice_size.Set(k, size);
      s.slice_stream_size = s.slice_stream_size.Set(k, size);  // VMO-081
    }
    if (kind == kKindCowClone) s.immutable = s.immutable.Set(k, o.exact_snapshot && o.no_write);  // VMO-085
    // VMO-082: the name is copied when the handle has GET_PROPERTY.
    z3::expr copy = HasRights(h.rights, ZX_RIGHT_GET_PROPERTY);
    s.name_len = s.name_len.Set(k, z3::ite(copy, pre.name_len(pk), U8(c, 0)));
    Fn names = pre.name;
    s.name = s.name.Where([k](const Args& x) { return EqFold(x[0], k); },
                          [copy, names, pk, &c](const Args& x) {
                            return z3::ite(copy && z3::ult(x[1], U64(c, kNameBytes)),
                                           names(pk, x[1]), U8(c, 0));
                          });
    s = InstallHandle(s, caller, k, rights, &out);
    Paths ok = Ok(s, rule, SymResult::Handle(out));
    ok[0].installs.push_back({{caller, out}, rights, rights_rule, true});
    return ok;
  };
  // VMO-086/087: a SNAPSHOT-family child owns a new memory holding an eager copy.
  z3::expr m = U64(c, 0);
  SymState with_memory = NewMemory(pre, &m);
  z3::expr pm = p.memory;
  with_memory.m_size = with_memory.m_size.Set(m, size);
  with_memory.m_stream_size = with_memory.m_stream_size.Set(m, size);  // VMO-081
  with_memory.m_resizable = with_memory.m_resizable.Set(m, o.resizable);
  with_memory.m_root_offset =
      with_memory.m_root_offset.Set(m, pre.m_root_offset(pm) + p.offset + offset);  // VMO-075
  with_memory.m_cow_tree = with_memory.m_cow_tree.Set(
      m, z3::ite(pre.m_cow_tree(pm) != U64(c, 0), pre.m_cow_tree(pm), pm));  // VMO-066
  z3::expr visible = z3::ite(z3::ult(offset, p.size), Min(size, p.size - offset), U64(c, 0));
  with_memory = CopyContent(with_memory, m, pm, p.offset + offset, visible);
  return {finish(pre, kKindSlice, pm, p.offset + offset, "VMO-088"),
          finish(pre, kKindReference, pm, p.offset, "VMO-089"),
          finish(with_memory, kKindCowClone, m, U64(c, 0), "VMO-086")};
}

Paths CreateChildStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& options = a[1];
  const z3::expr& offset = a[2];
  const z3::expr& size = a[3];
  ChildOptions o = DecodeChildOptions(options);
  z3::expr resizable_reference = HasBits(options, ZX_VMO_CHILD_REFERENCE) && o.resizable;
  Checks early(c);
  early.Fail(!z3::ule(size, MaxVmoSize(c)), ZX_ERR_OUT_OF_RANGE, "VMO-070")
      .Fail(o.no_write && o.resizable, ZX_ERR_INVALID_ARGS, "VMO-071");
  // VMO-072: DUPLICATE | READ, and RESIZE for a resizable reference.
  z3::expr needed = U32(c, ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ) |
                    Bit(c, resizable_reference, ZX_RIGHT_RESIZE);
  Paths looked_up = LookupWithRights(pre, caller, a[0], ZX_OBJ_TYPE_VMO, needed,
                                     [&](const FoundHandle& h) {
      View p = ViewOf(pre, h.object);
      Checks checks(c);
      checks.Fail(p.discardable, ZX_ERR_NOT_SUPPORTED, "VMO-073")
          .Fail(o.type_invalid, ZX_ERR_INVALID_ARGS, "VMO-074");
      Checks snapshot = SnapshotChecks(pre, p, o, offset, size);
      Checks slice(c);  // VMO-076
      slice.Fail(!PageAligned(offset), ZX_ERR_INVALID_ARGS, "VMO-076 (offset)")
          .Fail(!PageAligned(size), ZX_ERR_INVALID_ARGS, "VMO-076 (size)")
          .Fail(z3::ugt(offset, p.size) || z3::ugt(size, p.size - offset), ZX_ERR_INVALID_ARGS,
                "VMO-076 (range)")
          .Fail(p.resizable, ZX_ERR_NOT_SUPPORTED, "VMO-076 (resizable parent)");
      Checks reference(c);  // VMO-077
      reference.Fail(offset != U64(c, 0) || size != U64(c, 0), ZX_ERR_INVALID_ARGS, "VMO-077 (range)")
          .Fail(p.slice, ZX_ERR_NOT_SUPPORTED, "VMO-077 (slice parent)")
          .Fail(o.resizable && !p.resizable, ZX_ERR_NOT_SUPPORTED, "VMO-077 (resizable)")
          .Unreachable("VMO-072 asks a resizable reference for RESIZE, and rights-bounded: only a "
                       "resizable VMO's handle carries RESIZE (RIGHTS-010)");
      ChildPaths child = AddChild(pre, caller, h, p, o, offset, size, "VMO-083: a new child's rights");
      return Then(pre, checks,
                  Case(o.slice, Then(pre, slice, child.slice),
                       Case(o.reference, Then(pre, reference, child.reference),
                            Then(pre, snapshot, child.snapshot))));
  }, "VMO-072");
  return Then(pre, early, looked_up);
}

Call CreateChildCall(const ArgValues& a) {
  return VmoCreateChild{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1]), a.v[2], a.v[3]};
}
Opt CreateChildArgs(const Call& call) {
  const auto* c = std::get_if<VmoCreateChild>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->options, c->offset, c->size}, {{}, {}, {}, {}}};
}

// ---- zx_vmo_replace_as_executable: VMO-120..124 ----

// VMO-120: the paths of f(status of validating |vmex|), evaluated first, reported at VMO-123.
Paths ForVmexStatus(const SymState& pre, const z3::expr& caller, const z3::expr& vmex,
                    const std::function<Paths(zx_status_t, const std::string&)>& f) {
  z3::context& c = pre.ctx();
  z3::expr k = pre.h_object(caller, vmex);
  z3::expr base = pre.rsrc_base(k), size = pre.rsrc_size(k);
  z3::expr vbase = U64(c, ZX_RSRC_SYSTEM_VMEX_BASE);
  z3::expr covers = z3::ule(base, vbase) && z3::uge(size, U64(c, 1)) &&
                    z3::ule(vbase - base, size - U64(c, 1));
  z3::expr invalid = vmex == U32(c, ZX_HANDLE_INVALID);
  z3::expr bad = !pre.h_alive(caller, vmex);
  z3::expr wrong = !IsType(pre, k, ZX_OBJ_TYPE_RESOURCE);
  z3::expr root = pre.rsrc_kind(k) == U32(c, ZX_RSRC_KIND_ROOT);
  z3::expr system = pre.rsrc_kind(k) == U32(c, ZX_RSRC_KIND_SYSTEM);
  // ZX_HANDLE_INVALID: job policy ZX_POL_AMBIENT_MARK_VMO_EXEC, allowed by default. The model's
  // one resource is the VMEX resource (no call creates another): a ROOT resource, another kind
  // or range are the rulebook's checks that no reachable state fails.
  const std::string one = "lemma:one-resource: the only resource is the VMEX resource (RIGHTS-016)";
  return Join(Guard(invalid, f(ZX_OK, "vmex invalid")),
         Join(Guard(!invalid && bad, f(ZX_ERR_BAD_HANDLE, "vmex no handle")),
         Join(Guard(!invalid && !bad && wrong, f(ZX_ERR_WRONG_TYPE, "vmex not a resource")),
         Join(Guard(!invalid && !bad && !wrong && root, Unreachable(one, f(ZX_OK, "vmex ROOT"))),
         Join(Guard(!invalid && !bad && !wrong && !root && !system,
                    Unreachable(one, f(ZX_ERR_WRONG_TYPE, "vmex kind"))),
         Join(Guard(!invalid && !bad && !wrong && !root && system && !covers,
                    Unreachable(one, f(ZX_ERR_OUT_OF_RANGE, "vmex range"))),
              Guard(!invalid && !bad && !wrong && !root && system && covers, f(ZX_OK, "vmex VMEX"))))))));
}

Paths ReplaceAsExecutableStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  return ForVmexStatus(pre, caller, a[1], [&](zx_status_t vmex_status, const std::string& why) {
    Checks lookup(c);
    lookup.Fail(a[0] == U32(c, ZX_HANDLE_INVALID) || !pre.h_alive(caller, a[0]), ZX_ERR_BAD_HANDLE,
                "VMO-121");  // nothing changes
    z3::expr k = pre.h_object(caller, a[0]);
    z3::expr rights = pre.h_rights(caller, a[0]);
    SymState consumed = RemoveHandle(pre, caller, a[0]);  // VMO-121: consumed once found
    Checks checks(c);
    checks.FailWith(!IsType(pre, k, ZX_OBJ_TYPE_VMO), ZX_ERR_BAD_HANDLE, "VMO-122", consumed, true);
    if (vmex_status != ZX_OK) checks.FailWith(True(c), vmex_status, "VMO-123", consumed, true);
    z3::expr out = U32(c, 0);
    SymState s = RemoveHandle(InstallHandle(pre, caller, k, rights | U32(c, ZX_RIGHT_EXECUTE), &out),
                              caller, a[0]);
    Paths ok = Ok(s, "VMO-124", SymResult::Handle(out));
    ok[0].installs.push_back({{caller, out}, rights | U32(c, ZX_RIGHT_EXECUTE),
                              "VMO-124: the replaced handle's rights plus EXECUTE through vmex"});
    return Named("(" + why + ")", Then(pre, lookup, Then(pre, checks, ok)));
  });
}

Call ReplaceAsExecutableCall(const ArgValues& a) {
  return VmoReplaceAsExecutable{static_cast<zx_handle_t>(a.v[0]), static_cast<zx_handle_t>(a.v[1])};
}
Opt ReplaceAsExecutableArgs(const Call& call) {
  const auto* c = std::get_if<VmoReplaceAsExecutable>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->vmex}, {{}, {}}};
}

}  // namespace

Paths CreateSnapshotChild(const SymState& pre, const z3::expr& caller, const FoundHandle& h,
                          const z3::expr& options, const z3::expr& offset, const z3::expr& size,
                          const std::string& rights_rule) {
  z3::context& c = pre.ctx();
  ChildOptions o = DecodeChildOptions(options);
  View p = ViewOf(pre, h.object);
  Checks checks(c);
  checks.Fail(p.discardable, ZX_ERR_NOT_SUPPORTED, "VMO-073")
      .Fail(o.type_invalid, ZX_ERR_INVALID_ARGS, "VMO-074");
  return Then(pre, checks,
              Then(pre, SnapshotChecks(pre, p, o, offset, size),
                   AddChild(pre, caller, h, p, o, offset, size, rights_rule).snapshot));
}

// VMO-046..049 (VMO-046, physical and contiguous VMOs, is outside the model).
Paths SetStreamSizeChecked(const SymState& pre, const View& v, const z3::expr& size,
                           const std::string& rule) {
  Checks checks(pre.ctx());
  checks.Succeed(size == v.stream_size, "VMO-047")  // the same stream size: no effect at all
      .Fail(z3::ugt(size, v.size), ZX_ERR_OUT_OF_RANGE, "VMO-048");
  // VMO-049: bytes from min(new, old stream size) to the VMO size are zeroed.
  z3::expr lo = Min(size, v.stream_size);
  SymState s = v.WithStreamSize(ZeroBytes(pre, v, lo, v.size - lo), size);
  return Then(pre, checks, Ok(s, rule));
}

const OpSpec& VmoCreateOp() {
  static const OpSpec op{"vmo_create", "VMO-010..VMO-017", {{"size", 64}, {"options", 32}},
                         &VmoCreateStep, &VmoCreateCall, &VmoCreateArgs};
  return op;
}

const OpSpec& VmoReadOp() {
  static const OpSpec op{"vmo_read", "VMO-020..VMO-024, GEN-006",
                         {{"handle", 32}, {"offset", 64}, {"len", 64}}, &VmoReadStep, &VmoReadCall,
                         &VmoReadArgs};
  return op;
}

const OpSpec& VmoWriteOp() {
  static const OpSpec op{"vmo_write", "VMO-020..VMO-022, VMO-025",
                         {{"handle", 32}, {"offset", 64}, {"data", 64, 8}}, &VmoWriteStep,
                         &VmoWriteCall, &VmoWriteArgs};
  return op;
}

const OpSpec& VmoGetSizeOp() {
  static const OpSpec op{"vmo_get_size", "VMO-030..VMO-031", {{"handle", 32}}, &GetSizeStep,
                         &GetSizeCall, &GetSizeArgs};
  return op;
}

const OpSpec& VmoGetStreamSizeOp() {
  static const OpSpec op{"vmo_get_stream_size", "VMO-030, VMO-032", {{"handle", 32}},
                         &GetStreamSizeStep, &GetStreamSizeCall, &GetStreamSizeArgs};
  return op;
}

const OpSpec& VmoSetSizeOp() {
  static const OpSpec op{"vmo_set_size", "VMO-035..VMO-042", {{"handle", 32}, {"size", 64}},
                         &SetSizeStep, &SetSizeCall, &SetSizeArgs, {true, nullptr}};
  return op;
}

const OpSpec& VmoSetStreamSizeOp() {
  static const OpSpec op{"vmo_set_stream_size", "VMO-045..VMO-049",
                         {{"handle", 32}, {"size", 64}},
                         &SetStreamSizeStep, &SetStreamSizeCall, &SetStreamSizeArgs, {true, nullptr}};
  return op;
}

const OpSpec& VmoCreateChildOp() {
  static const OpSpec op{"vmo_create_child", "VMO-070..VMO-089",
                         {{"handle", 32}, {"options", 32}, {"offset", 64}, {"size", 64}},
                         &CreateChildStep, &CreateChildCall, &CreateChildArgs};
  return op;
}

const OpSpec& VmoReplaceAsExecutableOp() {
  static const OpSpec op{"vmo_replace_as_executable", "VMO-120..VMO-124",
                         {{"handle", 32}, {"vmex", 32}},
                         &ReplaceAsExecutableStep, &ReplaceAsExecutableCall,
                         &ReplaceAsExecutableArgs, {false, &ConsumesHandleArg}};  // VMO-121..123
  return op;
}

}  // namespace zxspec::spec
