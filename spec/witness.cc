// Concrete states from solver models, the spec's concrete step, and comparisons with the model
// (see witness.h).
#include "spec/witness.h"

#include <map>
#include <set>
#include <sstream>

#include "api/constants.h"
#include "api/format.h"
#include "spec/info.h"
#include "spec/lifecycle.h"

namespace zxspec::spec {
namespace {

using S = SymState;

// Every application of an uninterpreted function in |e|, by declaration id.
std::map<unsigned, std::vector<z3::expr>> Applications(const z3::expr& e) {
  std::map<unsigned, std::vector<z3::expr>> out;
  std::set<unsigned> seen;
  std::vector<z3::expr> todo{e};
  while (!todo.empty()) {
    z3::expr t = todo.back();
    todo.pop_back();
    if (!t.is_app() || !seen.insert(t.id()).second) continue;
    if (t.decl().decl_kind() == Z3_OP_UNINTERPRETED && t.num_args() > 0) out[t.decl().id()].push_back(t);
    for (unsigned i = 0; i < t.num_args(); ++i) todo.push_back(t.arg(i));
  }
  return out;
}

uint64_t Eval(const z3::model& m, const z3::expr& e) {
  return Numeral(m.eval(e, /*model_completion=*/true));
}

constexpr uint64_t kMaxBuffer = 1 << 16;

}  // namespace

Concrete FromModel(const z3::model& m, const SymState& pre, const z3::expr& caller,
                   const OpSpec& op, const SymArgs& args, const z3::expr& formula) {
  auto apps = Applications(formula);
  Concrete x;
  for (const auto& f : Fields()) {
    const Fn& fn = pre.*f.member;
    auto decl = fn.base_decl();
    if (!decl) continue;
    if (f.args.empty()) {
      x.pre.Put(f.member, {}, Eval(m, fn(Args{})));
      continue;
    }
    auto it = apps.find(decl->id());
    if (it == apps.end()) continue;
    for (const auto& app : it->second) {
      Key k;
      for (unsigned i = 0; i < app.num_args(); ++i) k.push_back(Eval(m, app.arg(i)));
      x.pre.Put(f.member, k, Eval(m, app));
    }
  }
  x.caller = Eval(m, caller);
  for (size_t i = 0; i < op.args.size(); ++i) {
    x.args.v.push_back(Eval(m, args[i]));
    std::vector<uint64_t> elems;
    if (op.args[i].elem_bits > 0) {
      elems.assign(std::min<uint64_t>(x.args.v.back(), kMaxBuffer), 0);
      auto decl = args.elems(i).base_decl();
      if (auto it = apps.find(decl->id()); it != apps.end()) {
        for (const auto& app : it->second) {
          uint64_t k = Eval(m, app.arg(0));
          if (k < elems.size()) elems[k] = Eval(m, app);
        }
      }
    }
    x.args.buf.push_back(std::move(elems));
  }
  return x;
}

std::string DescribeState(const StateValue& v) {
  std::ostringstream os;
  auto num = [](uint64_t n) { return n < 65536 ? std::to_string(n) : FormatHex(n); };
  for (const auto& [key, on] : v.at(&S::m_alive)) {
    os << "#   memory " << key[0] << ": size " << num(v.Get(&S::m_size, key)) << ", stream size "
       << num(v.Get(&S::m_stream_size, key)) << (v.Get(&S::m_resizable, key) ? ", resizable" : "")
       << (v.Get(&S::m_discardable, key) ? ", discardable" : "") << "\n";
  }
  for (const auto& [key, on] : v.at(&S::alive)) {
    zx_koid_t k = key[0];
    uint64_t type = v.Get(&S::type, key);
    auto tname = NameOf(type, ConstKind::kObjType);
    os << "#   koid " << k << ": " << (tname ? std::string(*tname) : std::to_string(type));
    if (type == ZX_OBJ_TYPE_VMO) {
      os << " kind " << v.Get(&S::vmo_kind, key) << " on memory " << v.Get(&S::vmo_memory, key)
         << ", offset " << num(v.Get(&S::vmo_offset, key)) << ", parent " << v.Get(&S::vmo_parent, key);
      if (v.Get(&S::vmo_kind, key) == kKindSlice) {
        os << ", size " << num(v.Get(&S::slice_size, key)) << ", stream size "
           << num(v.Get(&S::slice_stream_size, key));
      }
      if (v.Get(&S::immutable, key)) os << ", IMMUTABLE";
    } else if (type == ZX_OBJ_TYPE_STREAM) {
      os << " on " << v.Get(&S::stream_vmo, key) << (v.Get(&S::mode_read, key) ? " READ" : "")
         << (v.Get(&S::mode_write, key) ? " WRITE" : "") << (v.Get(&S::append, key) ? " APPEND" : "")
         << ", seek " << num(v.Get(&S::seek, key));
    } else if (type == ZX_OBJ_TYPE_VMAR) {
      os << " of process " << v.Get(&S::vmar_process, key) << " [" << FormatHex(v.Get(&S::vmar_base, key))
         << ", +" << FormatHex(v.Get(&S::vmar_size, key)) << ") parent " << v.Get(&S::vmar_parent, key)
         << (v.Get(&S::vmar_live, key) ? "" : " DEAD");
    } else if (type == ZX_OBJ_TYPE_PROCESS) {
      os << " state " << v.Get(&S::proc_state, key) << ", root VMAR " << v.Get(&S::proc_root, key);
    } else if (type == ZX_OBJ_TYPE_CHANNEL) {
      os << " peer " << v.Get(&S::peer, key) << (v.Get(&S::peer_closed, key) ? " (closed)" : "")
         << ", " << v.Get(&S::q_len, key) << " queued";
    }
    os << "\n";
  }
  for (const auto& [key, on] : v.at(&S::h_alive)) {
    os << "#   handle " << key[1] << " of process " << key[0] << ": koid " << v.Get(&S::h_object, key)
       << ", rights " << FlagsToString(v.Get(&S::h_rights, key), ConstKind::kRight) << "\n";
  }
  for (const auto& [key, on] : v.at(&S::map_alive)) {
    os << "#   mapping in VMAR " << key[0] << " at " << FormatHex(key[1]) << " +"
       << FormatHex(v.Get(&S::map_size, key)) << " of VMO " << v.Get(&S::map_vmo, key)
       << ", max perms " << FlagsToString(v.Get(&S::map_max_perms, key), ConstKind::kVmOption) << "\n";
  }
  return os.str();
}

ConcreteStep StepConcrete(z3::context& c, const OpSpec& op, const Concrete& x,
                          const StateValue* model_post) {
  SymState pre = ConcreteState(c, x.pre);
  if (model_post != nullptr) pre.choices = ModelChoices(x.pre, *model_post);
  SymArgs args = ConstArgs(c, op, x.args);
  ConcreteStep out;
  for (Path& p : StepOf(op, pre, c.bv_val(x.caller, 64), args)) {
    if (EvaluateConcrete(p.guard).is_true()) out.taken.push_back(std::move(p));
  }
  return out;
}

std::string BrokenChoice(const Path& p) {
  for (const auto& ch : p.choices) {
    if (!EvaluateConcrete(ch.f).is_true()) return ch.name;
  }
  return "";
}

bool SamePost(z3::context& c, const SymState& post, const StateValue& model_post, std::string* diff) {
  auto fields = Fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    const FieldDesc& f = fields[i];
    const Fn& spec = post.*f.member;
    const Table& want = model_post.tables[i];
    if (!spec.updated()) {
      if (*spec.base_table() != want) {
        *diff = std::string(f.name) + " differs (a field the spec leaves unchanged)";
        return false;
      }
      continue;
    }
    Fn model = Fn::Concrete(c, f.shape(), want);
    Args at;
    for (Sort s : f.args) at.push_back(c.bv_const(("at." + std::string(NameOf(s))).c_str(), BitsOf(s)));
    z3::solver s(c);
    s.add(spec(at) != model(at));
    if (s.check() != z3::unsat) {
      std::ostringstream os;
      os << f.name << " differs";
      if (!at.empty() && s.check() == z3::sat) {
        z3::model m = s.get_model();
        os << " at (";
        for (size_t k = 0; k < at.size(); ++k) os << (k ? ", " : "") << m.eval(at[k], true);
        os << "): spec " << m.eval(spec(at), true) << ", model " << m.eval(model(at), true);
      }
      *diff = os.str();
      return false;
    }
  }
  return true;
}

// The byte count (values[0]) and bytes of |r| are |data|.
static bool SameBytes(const SymResult& r, const Bytes& data) {
  auto value = [](const z3::expr& e) { return Numeral(e.simplify()); };
  if (data.size() != value(r.values[0])) return false;
  for (size_t i = 0; i < data.size(); ++i) {
    if (value((*r.bytes)(r.values[0].ctx().bv_val(i, 64))) != data[i]) return false;
  }
  return true;
}

// The fields of record result |r| (or its MAPS list: length, then entry by entry) are |flat|.
static bool SameRecord(const SymResult& r, const std::vector<uint64_t>& flat) {
  auto value = [](const z3::expr& e) { return Numeral(e.simplify()); };
  if (r.record != kRecordMaps) {
    if (flat.size() != r.values.size()) return false;
    for (size_t i = 0; i < flat.size(); ++i) {
      if (value(r.values[i]) != flat[i]) return false;
    }
    return true;
  }
  const uint64_t n = value(r.values[0]);
  if (flat.at(0) != n || r.columns.size() != kMapsEntryFields) return false;
  for (uint64_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < kMapsEntryFields; ++j) {
      if (value(r.columns[j](r.values[0].ctx().bv_val(i, 64))) != flat.at(1 + i * kMapsEntryFields + j)) return false;
    }
  }
  return true;
}

bool SameResult(const SymResult& r, const Outcome& model, std::string* diff) {
  auto value = [](const z3::expr& e) { return Numeral(e.simplify()); };
  using K = SymResult::Kind;
  bool same = false;
  const Payload& p = model.payload;
  switch (r.kind) {
    case K::kNone:
      same = std::holds_alternative<NoResult>(p);
      break;
    case K::kHandle:
      same = std::holds_alternative<HandleResult>(p) &&
             std::get<HandleResult>(p).handle == value(r.values[0]);
      break;
    case K::kHandlePair:
      same = std::holds_alternative<HandlePairResult>(p) &&
             std::get<HandlePairResult>(p).first == value(r.values[0]) &&
             std::get<HandlePairResult>(p).second == value(r.values[1]);
      break;
    case K::kVmarAllocate:
      same = std::holds_alternative<VmarAllocateResult>(p) &&
             std::get<VmarAllocateResult>(p).child == value(r.values[0]) &&
             std::get<VmarAllocateResult>(p).addr == value(r.values[1]);
      break;
    case K::kU64:
      same = std::holds_alternative<U64Result>(p) && std::get<U64Result>(p).value == value(r.values[0]);
      break;
    case K::kBytes: {
      const auto* b = std::get_if<BytesResult>(&p);
      same = b != nullptr && SameBytes(r, b->data);
      break;
    }
    case K::kChannelRead: {
      const auto* m = std::get_if<ChannelReadResult>(&p);
      same = m != nullptr && SameBytes(r, m->data) && m->handles.size() == value(r.values[1]);
      for (size_t i = 0; same && i < m->handles.size(); ++i) {
        z3::expr at = r.values[1].ctx().bv_val(i, 32);
        const zx_handle_info_t& h = m->handles[i];
        same = value(r.columns.at(0)(at)) == h.handle && value(r.columns.at(1)(at)) == h.type &&
               value(r.columns.at(2)(at)) == h.rights;
      }
      break;
    }
    case K::kInfo: {
      const auto* info = std::get_if<InfoResult>(&p);
      same = info != nullptr && info->record.index() == r.record && SameRecord(r, FlatRecord(info->record));
      break;
    }
  }
  if (!same) *diff = "the result differs: the model returned " + FormatOutcome(model);
  return same;
}

std::string CompareWithModel(z3::context& c, const Path& taken, const model::StepResult& r) {
  if (r.outcome.status != StatusOn(taken)) {
    return "model::Step returns " + std::string(StatusName(r.outcome.status));
  }
  std::string diff;
  if (!SameResult(taken.result, r.outcome, &diff)) return diff;
  auto post = Abstract(r.state);
  if (post.is_error()) return "the model's post-state is too large to compare";
  if (!SamePost(c, taken.post, post.value(), &diff)) return "the post-states differ: " + diff;
  if (auto broken = BrokenChoice(taken); !broken.empty()) {
    return "the model's garbage collection breaks the spec's constraint " + broken;
  }
  return "";
}

std::string CallLine(const OpSpec& op, const Concrete& x) {
  return OpLine(op, x.args);
}

}  // namespace zxspec::spec
