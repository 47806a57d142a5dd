// The table of encoded operations and what every family shares (see ops.h).
#include "spec/ops.h"

#include "api/format.h"

namespace zxspec::spec {

std::span<const OpSpec> Operations() {
  static const std::vector<OpSpec> table = {
      HandleCloseOp(),        HandleDuplicateOp(),   HandleReplaceOp(),
      ObjectGetInfoOp(),      ObjectGetPropertyOp(),  ObjectSetPropertyOp(),
      ObjectWaitOneOp(),
      VmoCreateOp(),          VmoCreateChildOp(),    VmoReadOp(),
      VmoWriteOp(),           VmoGetSizeOp(),        VmoGetStreamSizeOp(),
      VmoSetSizeOp(),         VmoSetStreamSizeOp(),  VmoReplaceAsExecutableOp(),
      VmoOpRangeOp(),
      StreamCreateOp(),       StreamReadvOp(),       StreamReadvAtOp(),
      StreamSeekOp(),         StreamWritevOp(),      StreamWritevAtOp(),
      ChannelCreateOp(),      ChannelWriteOp(),      ChannelWriteEtcOp(),
      ChannelReadOp(),        ChannelReadEtcOp(),
      ProcessCreateOp(),      TaskKillOp(),          ProcessStartOp(),
      VmarAllocateOp(),       VmarUnmapOp(),         VmarDestroyOp(),
      VmarMapOp(),            VmarProtectOp(),       VmarCreateVmoChildOp(),
      MemReadOp(),            MemWriteOp(),
      FidlSendOp(),           FidlRecvOp(),
  };
  return table;
}

model::StepResult RunOp(const OpSpec& op, const model::State& s, zx_koid_t caller,
                        const ArgValues& args) {
  if (op.run != nullptr) return op.run(s, caller, args);
  return model::Step(s, caller, op.to_call(args));
}

std::string OpLine(const OpSpec& op, const ArgValues& args) {
  return op.line != nullptr ? op.line(args) : FormatCall(op.to_call(args));
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
    std::string name = std::string(op.name) + "." + a.name;
    out.v.push_back(a.length_of >= 0 ? out.v.at(static_cast<size_t>(a.length_of)) : c.bv_const(name.c_str(), a.bits));
    if (a.elem_bits > 0) {
      out.buf.push_back(Fn::Uninterpreted(c, name + ".elems", FnShape{{a.bits}, a.elem_bits}));
    } else {
      out.buf.push_back(std::nullopt);
    }
  }
  return out;
}

SymArgs ConstArgs(z3::context& c, const OpSpec& op, const ArgValues& values) {
  SymArgs out;
  for (size_t i = 0; i < op.args.size(); ++i) {
    const SpecArg& a = op.args[i];
    out.v.push_back(a.length_of >= 0 ? out.v.at(static_cast<size_t>(a.length_of)) : c.bv_val(values.v.at(i), a.bits));
    if (a.elem_bits > 0) {
      Table t;
      const auto& elems = values.buf.at(i);
      for (uint64_t k = 0; k < elems.size(); ++k) {
        if (elems[k] != 0) t[{k}] = elems[k];
      }
      out.buf.push_back(Fn::Concrete(c, FnShape{{a.bits}, a.elem_bits}, std::move(t)));
    } else {
      out.buf.push_back(std::nullopt);
    }
  }
  return out;
}

Paths StepOf(const OpSpec& op, const SymState& pre, const z3::expr& caller, const SymArgs& args) {
  Checks checks(pre.ctx());
  checks.Fail(!LiveProcess(pre, caller), ZX_ERR_BAD_STATE, "P-5");  // model::Step
  return Then(pre, checks, op.step(pre, caller, args));
}

std::vector<std::string> PathNames(const OpSpec& op) {
  z3::context c;
  std::vector<std::string> out;
  for (const Path& p : StepOf(op, SymState::Fresh(c, "pre"), c.bv_const("caller", 64), FreshArgs(c, op))) {
    out.push_back(p.name);
  }
  return out;
}

Formula ConsumesHandle(const z3::expr& caller, const z3::expr& value, const FieldDesc& f,
                       const Args& at) {
  std::string_view n = f.name;
  bool handle_field = n == "h_alive" || n == "h_object" || n == "h_rights";
  return handle_field ? at[0] == caller && at[1] == value : False(caller.ctx());
}

Formula ConsumesHandleArg(const SymState&, const z3::expr& caller, const SymArgs& args,
                           const FieldDesc& f, const Args& at) {
  return ConsumesHandle(caller, args[0], f, at);
}

Bytes BytesOf(const std::vector<uint64_t>& elems) {
  Bytes out;
  out.reserve(elems.size());
  for (uint64_t e : elems) out.push_back(static_cast<uint8_t>(e));
  return out;
}

std::vector<uint64_t> ElemsOf(const Bytes& bytes) { return {bytes.begin(), bytes.end()}; }

}  // namespace zxspec::spec
