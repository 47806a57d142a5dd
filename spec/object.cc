// Objects in Z3: zx_object_get_property and zx_object_set_property (vmo.md VMO-050..054,
// stream.md STREAM-061), mirroring model/object.cc and model/vmo.cc (Get/SetVmoContentSize).
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

// The first 8 bytes of |value| as a little-endian u64 (model: DecodeLe).
z3::expr DecodeLe(const Fn& value) {
  z3::context& c = value.ctx();
  z3::expr r = U64(c, 0);
  for (unsigned i = 0; i < 8; ++i) {
    r = r | z3::shl(z3::zext(value(U64(c, i)), 56), U64(c, 8 * i));
  }
  return r;
}

// zx_object_get_property: VMO-050 generic order (any object type), then per property. The
// model's value buffer is always large enough (8 bytes for CONTENT_SIZE), so VMO-052's and
// VMO-054's BUFFER_TOO_SMALL are outside it.
Paths GetPropertyStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& property = a[1];
  return LookupHandle(pre, caller, a[0], [&](const FoundHandle& h) {
    const z3::expr& k = h.object;
    Checks rights(c);
    rights.Fail(!HasRights(h.rights, ZX_RIGHT_GET_PROPERTY), ZX_ERR_ACCESS_DENIED, "VMO-050");
    Checks content_size(c);  // VMO-052: the stream size (RFC-0238), of VMOs only
    content_size.Fail(!IsType(pre, k, ZX_OBJ_TYPE_VMO), ZX_ERR_WRONG_TYPE, "VMO-052");
    SymResult stream_size = SymResult::U64Value(ViewOf(pre, k).stream_size);
    Checks append(c);  // STREAM-061: 1 in append mode, else 0
    append.Fail(!IsType(pre, k, ZX_OBJ_TYPE_STREAM), ZX_ERR_WRONG_TYPE, "STREAM-061");
    SymResult mode = SymResult::U64Value(z3::ite(pre.append(k), U64(c, 1), U64(c, 0)));
    Checks name(c);  // VMO-054: the name bytes of a VMO or a process
    name.Fail(!IsType(pre, k, ZX_OBJ_TYPE_VMO) && !IsType(pre, k, ZX_OBJ_TYPE_PROCESS),
              ZX_ERR_NOT_SUPPORTED, "VMO-054");
    Fn names = pre.name;
    SymResult bytes{SymResult::Kind::kBytes, {z3::zext(pre.name_len(k), 56)},
                    Fn::Concrete(c, FnShape{{64}, 8}, {}).Where(
                        [&c](const Args&) { return True(c); },
                        [names, k](const Args& i) { return names(k, i[0]); })};
    Checks unknown(c);
    unknown.Fail(True(c), ZX_ERR_NOT_SUPPORTED, "VMO-050 (unknown property)");
    return Then(pre, rights,
                Case(property == U32(c, ZX_PROP_VMO_CONTENT_SIZE),
                     Then(pre, content_size, Ok(pre, "VMO-052", stream_size)),
                     Case(property == U32(c, ZX_PROP_STREAM_MODE_APPEND),
                          Then(pre, append, Ok(pre, "STREAM-061", mode)),
                          Case(property == U32(c, ZX_PROP_NAME),
                               Then(pre, name, Ok(pre, "VMO-054", bytes)),
                               Then(pre, unknown, {})))));
  }, "VMO-050");
}

Call GetPropertyCall(const ArgValues& a) {
  return ObjectGetProperty{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1])};
}

std::optional<ArgValues> GetPropertyArgs(const Call& call) {
  const auto* c = std::get_if<ObjectGetProperty>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->property}, {{}, {}}};
}

// zx_object_set_property: VMO-051 generic order, then per property.
Paths SetPropertyStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& property = a[1];
  const z3::expr& len = a[2];
  const Fn& value = a.elems(2);
  return LookupHandle(pre, caller, a[0], [&](const FoundHandle& h) {
    const z3::expr& k = h.object;
    Checks rights(c);
    rights.Fail(!HasRights(h.rights, ZX_RIGHT_SET_PROPERTY), ZX_ERR_ACCESS_DENIED, "VMO-051");
    // ZX_PROP_VMO_CONTENT_SIZE: VMO-053, then VMO-046..049.
    Checks content_size(c);
    content_size.Fail(!HasRights(h.rights, ZX_RIGHT_WRITE), ZX_ERR_ACCESS_DENIED, "VMO-053")
        .Fail(z3::ult(len, U64(c, 8)), ZX_ERR_BUFFER_TOO_SMALL, "VMO-053")
        .Fail(!IsType(pre, k, ZX_OBJ_TYPE_VMO), ZX_ERR_WRONG_TYPE, "VMO-053");
    Paths set_content_size = Named("CONTENT_SIZE", Then(pre, content_size,
                                  SetStreamSizeChecked(pre, ViewOf(pre, k), DecodeLe(value), "VMO-053")));
    // ZX_PROP_STREAM_MODE_APPEND: STREAM-061.
    Checks append(c);
    append.Fail(len == U64(c, 0), ZX_ERR_BUFFER_TOO_SMALL, "STREAM-061")
        .Fail(!IsType(pre, k, ZX_OBJ_TYPE_STREAM), ZX_ERR_WRONG_TYPE, "STREAM-061");
    SymState appended = pre;
    appended.append = pre.append.Set(k, value(U64(c, 0)) != U8(c, 0));
    // ZX_PROP_NAME: VMO-054.
    Checks name(c);
    name.Fail(!IsType(pre, k, ZX_OBJ_TYPE_VMO) && !IsType(pre, k, ZX_OBJ_TYPE_PROCESS),
              ZX_ERR_NOT_SUPPORTED, "VMO-054");
    z3::expr n = NameLength(value, len);
    SymState named = WithName(pre, k, value, n);
    Checks unknown(c);
    unknown.Fail(True(c), ZX_ERR_NOT_SUPPORTED, "VMO-051 (unknown property)");
    return Then(pre, rights,
                Case(property == U32(c, ZX_PROP_VMO_CONTENT_SIZE), set_content_size,
                     Case(property == U32(c, ZX_PROP_STREAM_MODE_APPEND),
                          Then(pre, append, Ok(appended, "STREAM-061")),
                          Case(property == U32(c, ZX_PROP_NAME), Then(pre, name, Ok(named, "VMO-054")),
                               Then(pre, unknown, {})))));
  }, "VMO-051");
}

Call SetPropertyCall(const ArgValues& a) {
  return ObjectSetProperty{static_cast<zx_handle_t>(a.v[0]), static_cast<uint32_t>(a.v[1]),
                           BytesOf(a.buf[2])};
}

std::optional<ArgValues> SetPropertyArgs(const Call& call) {
  const auto* c = std::get_if<ObjectSetProperty>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->property, c->value.size()}, {{}, {}, ElemsOf(c->value)}};
}

}  // namespace

z3::expr NameLength(const Fn& value, const z3::expr& len) {
  z3::context& c = value.ctx();
  z3::expr r = Min(len, U64(c, kNameBytes));
  for (int j = static_cast<int>(kNameBytes) - 1; j >= 0; --j) {
    z3::expr at = U64(c, static_cast<uint64_t>(j));
    r = z3::ite(z3::ult(at, len) && value(at) == U8(c, 0), at, r);
  }
  return r;
}

SymState WithName(const SymState& s, const z3::expr& k, const Fn& value, const z3::expr& n) {
  z3::context& c = s.ctx();
  SymState out = s;
  out.name_len = s.name_len.Set(k, n.extract(7, 0));
  out.name = s.name.Where([k](const Args& x) { return EqFold(x[0], k); },
                          [n, value, &c](const Args& x) {
                            return z3::ite(z3::ult(x[1], n), value(x[1]), U8(c, 0));
                          });
  return out;
}

const OpSpec& ObjectGetPropertyOp() {
  static const OpSpec op{"object_get_property", "VMO-050 VMO-052 VMO-054 STREAM-061",
                         {{"handle", 32}, {"property", 32}}, &GetPropertyStep, &GetPropertyCall,
                         &GetPropertyArgs};
  return op;
}

const OpSpec& ObjectSetPropertyOp() {
  static const OpSpec op{"object_set_property", "VMO-051 VMO-053 VMO-054 STREAM-061",
                         {{"handle", 32}, {"property", 32}, {"value", 64, 8}},
                         &SetPropertyStep, &SetPropertyCall, &SetPropertyArgs, {true, nullptr}};
  return op;
}

}  // namespace zxspec::spec
