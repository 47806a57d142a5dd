// The table of encoded operations and the pieces every family shares (arguments, handle
// installation and removal, free-slot assumptions).
#include "spec/ops.h"

namespace zxspec::spec {

std::span<const OpSpec> Operations() {
  static const std::vector<OpSpec> table = {
      HandleDuplicateOp(), HandleReplaceOp(),     ObjectSetPropertyOp(),
      VmoCreateOp(),       VmoCreateChildOp(),    VmoSetSizeOp(),
      VmoSetStreamSizeOp(), VmoReplaceAsExecutableOp(), StreamCreateOp(),
      StreamWritevOp(),    StreamWritevAtOp(),
  };
  return table;
}

const OpSpec* FindOperation(std::string_view name) {
  for (const auto& op : Operations()) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

SymArgs FreshArgs(z3::context& c, const OpSpec& op) {
  SymArgs out;
  for (const auto& a : op.args) {
    out.push_back(c.bv_const((std::string(op.name) + "." + a.name).c_str(), a.bits));
  }
  return out;
}

SymArgs ConstArgs(z3::context& c, const OpSpec& op, const ArgValues& values) {
  SymArgs out;
  for (size_t i = 0; i < op.args.size(); ++i) out.push_back(c.bv_val(values.at(i), op.args[i].bits));
  return out;
}

Paths Ok(const SymState& s) {
  return {Path{s.ctx().bool_val(true), StatusVal(s.ctx(), ZX_OK), s}};
}

Paths WithNewHandle(const SymState& s, const z3::expr& object, const z3::expr& rights,
                    const std::function<Paths(const SymState&)>& f) {
  size_t k = NewSlot(s.handles);
  SymState out = s;
  out.handles[k] = ConstHandle(s.ctx(), HandleValue{1, 1, 0, 0});
  out.handles[k].object = object;
  out.handles[k].rights = rights;
  return f(out);
}

NamedExpr FreeSlotAssumption(const char* pool, const z3::expr& has_free) {
  return NamedExpr{std::string("bound:free-") + pool, has_free};
}

}  // namespace zxspec::spec
