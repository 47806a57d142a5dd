// Objects in Z3: zx_object_set_property (vmo.md VMO-051/053/054, stream.md STREAM-061),
// mirroring model/object.cc and model/vmo.cc (SetVmoContentSize).
#include "spec/ops.h"

namespace zxspec::spec {
namespace {

// Property buffers are represented by their length and their first eight bytes read as a
// little-endian u64 (DecodeLe); longer tails are zero in concrete calls.
constexpr uint64_t kMaxValueLen = 64;

// zx_object_set_property: VMO-051 generic order, then per property.
SymStep SetPropertyStep(const SymState& pre, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& property = a[1];
  const z3::expr& len = a[2];
  const z3::expr& value = a[3];
  z3::expr is_content_size = property == U32(c, ZX_PROP_VMO_CONTENT_SIZE);
  z3::expr is_append = property == U32(c, ZX_PROP_STREAM_MODE_APPEND);
  z3::expr is_name = property == U32(c, ZX_PROP_NAME);
  Paths paths = ForCallerHandle(pre, a[0], [&](size_t i) {  // VMO-051: BAD_HANDLE
    const SymHandle& h = pre.handles[i];
    return ForObject(pre, i, [&](size_t j) {
      const SymObject& o = pre.objects[j];
      // ZX_PROP_VMO_CONTENT_SIZE: VMO-053, then VMO-046..049.
      Checks content_size_checks(c);
      content_size_checks.Fail(!HasRights(h.rights, ZX_RIGHT_WRITE), ZX_ERR_ACCESS_DENIED)
          .Fail(z3::ult(len, U64(c, 8)), ZX_ERR_BUFFER_TOO_SMALL)
          .Fail(!(o.alive && IsVmo(o)), ZX_ERR_WRONG_TYPE);
      Paths content_size =
          Then(pre, content_size_checks,
               ForView(pre, j, [&](const View& v) { return SetStreamSizeChecked(pre, v, value); }));
      // ZX_PROP_STREAM_MODE_APPEND: STREAM-061.
      Checks append_checks(c);
      append_checks.Fail(len == U64(c, 0), ZX_ERR_BUFFER_TOO_SMALL)
          .Fail(!(o.alive && IsType(o, ZX_OBJ_TYPE_STREAM)), ZX_ERR_WRONG_TYPE);
      SymState appended = pre;
      appended.objects[j].append = value.extract(7, 0) != c.bv_val(0, 8);  // value[0] != 0
      // ZX_PROP_NAME: VMO-054 (names are not spec state).
      Checks name_checks(c);
      name_checks.Fail(!(o.alive && (IsVmo(o) || IsType(o, ZX_OBJ_TYPE_PROCESS))),
                       ZX_ERR_NOT_SUPPORTED);
      Paths by_property =
          Case(pre, is_content_size, content_size,
               Case(pre, is_append, Done(pre, append_checks, appended),
                    Case(pre, is_name, Done(pre, name_checks, pre),
                         Fail(pre, c.bool_val(true), ZX_ERR_NOT_SUPPORTED))));
      Checks rights_checks(c);
      rights_checks.Fail(!HasRights(h.rights, ZX_RIGHT_SET_PROPERTY),
                         ZX_ERR_ACCESS_DENIED);  // VMO-051
      return Then(pre, rights_checks, by_property);
    });
  });
  return {paths, {NamedExpr{"arg:finite-buffer", z3::ule(len, U64(c, kMaxValueLen))}}};
}

Call SetPropertyCall(const ArgValues& a, const HandleValueOf& hv) {
  Bytes value(a[2], 0);
  for (size_t i = 0; i < value.size() && i < 8; ++i) value[i] = static_cast<uint8_t>(a[3] >> (8 * i));
  return ObjectSetProperty{hv(a[0]), static_cast<uint32_t>(a[1]), value};
}

std::optional<ArgValues> SetPropertyArgs(const Call& call, const HandleArgOf& ha) {
  const auto* c = std::get_if<ObjectSetProperty>(&call);
  if (c == nullptr) return std::nullopt;
  Bytes head(c->value.begin(),
             c->value.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(c->value.size(), 8)));
  return ArgValues{ha(c->handle), c->property, c->value.size(), DecodeLe(head)};
}

}  // namespace

const OpSpec& ObjectSetPropertyOp() {
  static const OpSpec op{
      "object_set_property", "VMO-051 VMO-053 VMO-054 STREAM-061",
      {{"handle", kIndexBits}, {"property", 32}, {"value_len", 64}, {"value", 64}},
      &SetPropertyStep, &SetPropertyCall, &SetPropertyArgs};
  return op;
}

}  // namespace zxspec::spec
