// zxspec who-changes (see query.h): one step obligation "unchanged" per path, proved by
// spec/prove.h.
#include <algorithm>
#include <functional>
#include <map>
#include <sstream>

#include "api/constants.h"
#include "spec/encode.h"
#include "spec/invariants.h"
#include "spec/query.h"

namespace zxspec::spec {
namespace {

z3::expr IsVmo(const SymState& s, const z3::expr& k) { return IsType(s, k, ZX_OBJ_TYPE_VMO); }

// |same(k)| of every object of |type| alive before and after the call.
Formula Kept(const SymState& pre, const SymState& post, zx_obj_type_t type,
             std::function<z3::expr(const z3::expr&)> same) {
  return ForallKoid(pre.ctx(), [pre, post, type, same](const z3::expr& k) -> Formula {
    return z3::implies(IsType(pre, k, type) && IsType(post, k, type), same(k));
  });
}

Formula Size(const SymState& pre, const SymState& post) {
  return Kept(pre, post, ZX_OBJ_TYPE_VMO,
              [pre, post](const z3::expr& k) { return ViewOf(post, k).size == ViewOf(pre, k).size; });
}

Formula StreamSize(const SymState& pre, const SymState& post) {
  return Kept(pre, post, ZX_OBJ_TYPE_VMO, [pre, post](const z3::expr& k) {
    return ViewOf(post, k).stream_size == ViewOf(pre, k).stream_size;
  });
}

Formula Immutable(const SymState& pre, const SymState& post) {
  return Kept(pre, post, ZX_OBJ_TYPE_VMO,
              [pre, post](const z3::expr& k) { return post.immutable(k) == pre.immutable(k); });
}

Formula Seek(const SymState& pre, const SymState& post) {
  return Kept(pre, post, ZX_OBJ_TYPE_STREAM,
              [pre, post](const z3::expr& k) { return post.seek(k) == pre.seek(k); });
}

Formula Append(const SymState& pre, const SymState& post) {
  return Kept(pre, post, ZX_OBJ_TYPE_STREAM,
              [pre, post](const z3::expr& k) { return post.append(k) == pre.append(k); });
}

// The bytes a VMO shows (through its view: a slice shows its parent's memory at its offset).
Formula Content(const SymState& pre, const SymState& post) {
  return Formula::Forall(pre.ctx(), {Sort::kKoid, Sort::kOffset}, [pre, post](const Args& a) -> Formula {
    const z3::expr &k = a[0], &o = a[1];
    View before = ViewOf(pre, k), after = ViewOf(post, k);
    return z3::implies(IsVmo(pre, k) && IsVmo(post, k),
                       post.content(after.memory, after.offset + o) ==
                           pre.content(before.memory, before.offset + o));
  });
}

Formula Name(const SymState& pre, const SymState& post) {
  z3::context& c = pre.ctx();
  auto named = [pre, post](const z3::expr& k) {
    auto either = [&k](const SymState& s) {
      return IsType(s, k, ZX_OBJ_TYPE_VMO) || IsType(s, k, ZX_OBJ_TYPE_PROCESS);
    };
    return either(pre) && either(post);
  };
  Formula length = ForallKoid(c, [pre, post, named](const z3::expr& k) -> Formula {
    return z3::implies(named(k), post.name_len(k) == pre.name_len(k));
  });
  Formula bytes = Formula::Forall(c, {Sort::kKoid, Sort::kOffset}, [pre, post, named](const Args& a) -> Formula {
    return z3::implies(named(a[0]), post.name(a[0], a[1]) == pre.name(a[0], a[1]));
  });
  return length && bytes;
}

Formula Rights(const SymState& pre, const SymState& post) {
  return ForallHandle(pre.ctx(), [pre, post](const z3::expr& p, const z3::expr& v) -> Formula {
    return z3::implies(pre.h_alive(p, v) && post.h_alive(p, v),
                       post.h_rights(p, v) == pre.h_rights(p, v));
  });
}

Formula Handles(const SymState& pre, const SymState& post) {
  return ForallHandle(pre.ctx(), [pre, post](const z3::expr& p, const z3::expr& v) -> Formula {
    return post.h_alive(p, v) == pre.h_alive(p, v);
  });
}

Formula Objects(const SymState& pre, const SymState& post) {
  return ForallKoid(pre.ctx(), [pre, post](const z3::expr& k) -> Formula {
    return post.alive(k) == pre.alive(k);
  });
}

// A raw field: every entry the same.
Formula FieldUnchanged(const FieldDesc& f, const SymState& pre, const SymState& post) {
  Fn before = pre.*f.member, after = post.*f.member;
  if (f.args.empty()) return after(Args{}) == before(Args{});
  return Formula::Forall(pre.ctx(), f.args, [before, after](const Args& at) -> Formula {
    return after(at) == before(at);
  });
}

// The path names and statuses of |op|.
std::vector<std::pair<std::string, zx_status_t>> PathsOf(const OpSpec& op) {
  z3::context c;
  SymState pre = SymState::Fresh(c, "pre");
  std::vector<std::pair<std::string, zx_status_t>> out;
  for (const Path& p : StepOf(op, pre, c.bv_const("caller", 64), FreshArgs(c, op))) {
    out.emplace_back(p.name, p.status);
  }
  return out;
}

ChangeRow RowOf(const ProofRow& r, zx_status_t status) {
  ChangeRow row{r.operation, r.invariant, status, Change::kUnknown, false, "", "", r.ms};
  switch (r.status) {
    case ProofStatus::kProved: row.answer = Change::kNever; break;
    case ProofStatus::kCounterexample:
      row.answer = Change::kChanges;
      if (r.counterexample) {
        row.by_model = r.counterexample->verdict == Verdict::kModelBug;
        row.detail = row.by_model ? "model::Step changes it too"
                                  : std::string(ToString(r.counterexample->verdict)) + ": " +
                                        r.counterexample->note;
        row.zxs = r.counterexample->zxs;
      }
      break;
    case ProofStatus::kUnknown:
    case ProofStatus::kVacuous: row.detail = r.detail; break;
  }
  return row;
}

}  // namespace

std::vector<Quantity> Quantities() {
  std::vector<Quantity> out = {
      {"size", "a VMO's size (VMO-004; a slice's own, VMO-081)", &Size},
      {"stream_size", "a VMO's stream size (RFC-0238, VMO-005)", &StreamSize},
      {"content", "a byte a VMO shows at some offset", &Content},
      {"immutable", "a VMO's IMMUTABLE flag (RFC-0080)", &Immutable},
      {"seek", "a stream's seek offset", &Seek},
      {"append", "a stream's append mode", &Append},
      {"name", "a VMO's or a process's name", &Name},
      {"rights", "the rights of a handle that exists before and after the call", &Rights},
      {"handles", "which handles exist (one is installed or removed)", &Handles},
      {"objects", "which objects are alive (one is created or destroyed)", &Objects},
  };
  for (const FieldDesc& f : Fields()) {
    out.push_back({std::string("field:") + f.name, std::string("any entry of state field ") + f.name,
                   nullptr, &f});
  }
  return out;
}

std::optional<Quantity> FindQuantity(std::string_view name) {
  for (Quantity& q : Quantities()) {
    if (q.name == name) return q;
  }
  return std::nullopt;
}

std::string_view ToString(Change c) {
  switch (c) {
    case Change::kNever: return "never";
    case Change::kChanges: return "changes";
    case Change::kUnknown: return "unknown";
  }
  return "?";
}

ChangeReport WhoChanges(const Quantity& q, const ProveOptions& options,
                        std::span<const OpSpec> ops) {
  // One obligation per path name of the selected calls (a name several calls share is one
  // obligation: each call's run proves it of its own path of that name).
  std::map<std::string, std::map<std::string, zx_status_t>> paths;  // operation -> path -> status
  std::vector<std::string> names;
  for (const OpSpec& op : ops) {
    if (!options.operations.empty() &&
        std::find(options.operations.begin(), options.operations.end(), op.name) ==
            options.operations.end()) {
      continue;
    }
    for (const auto& [name, status] : PathsOf(op)) {
      paths[std::string(op.name)][name] = status;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  ProveOptions o = options;
  o.state = false;
  o.steps = true;
  o.paths = false;
  o.invariants.clear();
  for (const std::string& name : names) {
    StepObligation ob{name, "", "", [name, q](const ObligationInput& in) -> std::optional<Formula> {
      if (in.path.name != name) return std::nullopt;
      return q.field != nullptr ? FieldUnchanged(*q.field, in.pre, in.path.post)
                                : q.unchanged(in.pre, in.path.post);
    }};
    o.step_table.push_back(std::move(ob));
  }
  ProveReport proved = ProveAll(o, ops);
  ChangeReport report{q.name, {}, proved.total_ms};
  for (const ProofRow& r : proved.steps) {
    auto op = paths.find(r.operation);
    if (op == paths.end()) continue;
    auto path = op->second.find(r.invariant);
    if (path == op->second.end()) continue;  // another call's path name
    report.rows.push_back(RowOf(r, path->second));
  }
  return report;
}

std::string FormatTable(const ChangeReport& report, bool all_paths) {
  std::ostringstream out;
  std::map<std::string, std::map<Change, size_t>> per_op;
  for (const ChangeRow& r : report.rows) ++per_op[r.operation][r.answer];
  out << "who changes " << report.quantity << " (every path of every encoded call; Z3 over the "
      << "unbounded state, every invariant assumed)\n\n";
  for (const ChangeRow& r : report.rows) {
    if (!all_paths && r.answer == Change::kNever) continue;
    out << "  " << r.operation << "  " << r.path << "  " << ToString(r.answer);
    if (r.answer == Change::kChanges) out << (r.by_model ? " (model::Step agrees)" : " (" + r.detail + ")");
    if (r.answer == Change::kUnknown) out << " (" << r.detail.substr(0, r.detail.find('\n')) << ")";
    out << "\n";
  }
  out << "\n";
  size_t never_ops = 0;
  for (const auto& [op, counts] : per_op) {
    if (counts.count(Change::kChanges) == 0 && counts.count(Change::kUnknown) == 0) ++never_ops;
  }
  out << per_op.size() << " calls, " << report.rows.size() << " paths: ";
  std::map<Change, size_t> total;
  for (const ChangeRow& r : report.rows) ++total[r.answer];
  out << total[Change::kChanges] << " change it, " << total[Change::kNever] << " never do, "
      << total[Change::kUnknown] << " unknown; " << never_ops << " calls never change it";
  out << " (" << static_cast<long>(report.total_ms) << " ms)\n";
  return out.str();
}

nlohmann::json ToJson(const ChangeReport& report) {
  nlohmann::json rows = nlohmann::json::array();
  for (const ChangeRow& r : report.rows) {
    rows.push_back({{"operation", r.operation},
                    {"path", r.path},
                    {"status", std::string(StatusName(r.status))},
                    {"answer", std::string(ToString(r.answer))},
                    {"by_model", r.by_model},
                    {"detail", r.detail},
                    {"zxs", r.zxs},
                    {"ms", r.ms}});
  }
  return {{"quantity", report.quantity}, {"rows", rows}, {"total_ms", report.total_ms}};
}

}  // namespace zxspec::spec
