// The prover's report as tables and JSON (see prove.h).
#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>

#include "api/constants.h"
#include "spec/obligations.h"
#include "spec/prove.h"

namespace zxspec::spec {
namespace {

std::string Cell(const ProofRow& r) {
  std::ostringstream os;
  switch (r.status) {
    case ProofStatus::kProved:
      if (r.goals == 0) return "frame";
      os << "ok " << std::fixed << std::setprecision(0) << r.ms << "ms";
      return os.str();
    case ProofStatus::kCounterexample:
      return "COUNTEREX";
    case ProofStatus::kUnknown:
      return "UNKNOWN";
    case ProofStatus::kVacuous:
      return "VACUOUS";
  }
  return "?";
}

// One line per operation, one column per id.
void Matrix(std::ostringstream& os, const std::vector<ProofRow>& rows) {
  std::vector<std::string> ops, ids;
  for (const auto& r : rows) {
    if (std::find(ops.begin(), ops.end(), r.operation) == ops.end()) ops.push_back(r.operation);
    if (std::find(ids.begin(), ids.end(), r.invariant) == ids.end()) ids.push_back(r.invariant);
  }
  size_t w0 = 9;
  for (const auto& op : ops) w0 = std::max(w0, op.size());
  std::vector<size_t> w;
  for (const auto& id : ids) w.push_back(std::max<size_t>(id.size(), 9));
  os << std::left << std::setw(static_cast<int>(w0)) << "operation";
  for (size_t j = 0; j < ids.size(); ++j) os << "  " << std::setw(static_cast<int>(w[j])) << ids[j];
  os << "\n";
  std::map<std::pair<std::string, std::string>, const ProofRow*> at;
  for (const auto& r : rows) at[{r.operation, r.invariant}] = &r;
  for (const auto& op : ops) {
    os << std::setw(static_cast<int>(w0)) << op;
    for (size_t j = 0; j < ids.size(); ++j) {
      auto it = at.find({op, ids[j]});
      os << "  " << std::setw(static_cast<int>(w[j])) << (it == at.end() ? "-" : Cell(*it->second));
    }
    os << "\n";
  }
}

void Details(std::ostringstream& os, const std::vector<ProofRow>& rows) {
  for (const auto& r : rows) {
    if (r.status == ProofStatus::kProved) continue;
    os << "\n== " << r.invariant << " after " << r.operation << ": " << ToString(r.status) << "\n"
       << r.detail << (r.detail.empty() || r.detail.back() == '\n' ? "" : "\n");
  }
}

nlohmann::json RowJson(const ProofRow& r) {
  nlohmann::json j = {{"id", r.invariant},       {"operation", r.operation},
                      {"kind", r.step ? "step" : "state"}, {"status", ToString(r.status)},
                      {"ms", r.ms},              {"goals", r.goals},
                      {"framed", r.framed},      {"detail", r.detail}};
  if (r.counterexample) {
    const Counterexample& cx = *r.counterexample;
    j["counterexample"] = {{"path", cx.path},
                           {"status", StatusName(cx.status)},
                           {"caller", cx.caller},
                           {"verdict", ToString(cx.verdict)},
                           {"note", cx.note},
                           {"zxs", cx.zxs}};
  }
  return j;
}

}  // namespace

std::string FormatTable(const ProveReport& report) {
  std::ostringstream os;
  if (!report.rows.empty()) {
    os << "state invariants (each proved for every path of the call; 'frame': no path changes "
          "what it reads)\n";
    Matrix(os, report.rows);
  }
  if (!report.steps.empty()) {
    os << "\nstep obligations (over the pre- and post-state of every path)\n";
    Matrix(os, report.steps);
  }
  size_t witnessed = 0, agree = 0, unreachable = 0;
  for (const auto& p : report.paths) {
    witnessed += p.witnessed ? 1 : 0;
    agree += p.agrees ? 1 : 0;
    unreachable += p.unreachable ? 1 : 0;
  }
  os << "\n" << report.Count(ProofStatus::kProved) << " proved, "
     << report.Count(ProofStatus::kCounterexample) << " counterexamples, "
     << report.Count(ProofStatus::kUnknown) << " unknown, " << report.Count(ProofStatus::kVacuous)
     << " vacuous; paths witnessed " << witnessed << "/" << report.paths.size()
     << ", compared with model::Step and agreeing " << agree << "/" << report.paths.size()
     << (unreachable > 0 ? ", proved unreachable " + std::to_string(unreachable) : "") << "; "
     << report.operations << " operations, no pool bound; " << std::fixed << std::setprecision(0)
     << report.total_ms << " ms in total; timeout " << report.timeout_ms << " ms per check\n";
  for (const auto& f : report.initial_state_failures) os << "initial state: " << f << "\n";
  for (const auto& p : report.paths) {
    if (p.good()) continue;
    os << "\n== path " << p.operation << " / " << p.path << ": "
       << (p.witnessed ? "DISAGREES" : "VACUOUS") << "\n" << p.detail << "\n" << p.zxs;
  }
  Details(os, report.rows);
  Details(os, report.steps);
  return os.str();
}

nlohmann::json ToJson(const ProveReport& report) {
  nlohmann::json rows = nlohmann::json::array(), steps = nlohmann::json::array(),
                 paths = nlohmann::json::array();
  for (const auto& r : report.rows) rows.push_back(RowJson(r));
  for (const auto& r : report.steps) steps.push_back(RowJson(r));
  size_t witnessed = 0, agree = 0, unreachable = 0;
  for (const auto& p : report.paths) {
    witnessed += p.witnessed ? 1 : 0;
    agree += p.agrees ? 1 : 0;
    unreachable += p.unreachable ? 1 : 0;
    paths.push_back({{"operation", p.operation},
                     {"path", p.path},
                     {"status", StatusName(p.status)},
                     {"witnessed", p.witnessed},
                     {"agrees", p.agrees},
                     {"unreachable", p.unreachable},
                     {"ms", p.ms},
                     {"detail", p.detail},
                     {"zxs", p.zxs}});
  }
  return {{"ok", report.ok()},
          {"bound", "none"},
          {"timeout_ms", report.timeout_ms},
          {"total_ms", report.total_ms},
          {"operations", report.operations},
          {"initial_state_failures", report.initial_state_failures},
          {"counts",
           {{"proved", report.Count(ProofStatus::kProved)},
            {"counterexample", report.Count(ProofStatus::kCounterexample)},
            {"unknown", report.Count(ProofStatus::kUnknown)},
            {"vacuous", report.Count(ProofStatus::kVacuous)},
            {"paths", report.paths.size()},
            {"paths_witnessed", witnessed},
            {"paths_agreeing", agree},
            {"paths_unreachable", unreachable}}},
          {"rows", rows},
          {"steps", steps},
          {"paths", paths}};
}

std::string_view ToString(ProofStatus s) {
  switch (s) {
    case ProofStatus::kProved:
      return "proved";
    case ProofStatus::kCounterexample:
      return "counterexample";
    case ProofStatus::kUnknown:
      return "unknown";
    case ProofStatus::kVacuous:
      return "vacuous";
  }
  return "unknown";
}

std::string_view ToString(Verdict v) {
  switch (v) {
    case Verdict::kModelBug:
      return "the model violates it too (a bug in the model)";
    case Verdict::kEncodingBug:
      return "the spec's post-state violates it, the model's does not (a bug in the encoding)";
    case Verdict::kInduction:
      return "the pre-state breaks a model invariant (a counterexample to induction)";
    case Verdict::kUnreplayable:
      return "not replayable on the model";
  }
  return "?";
}

bool ProveReport::ok() const {
  auto proved = [](const ProofRow& r) { return r.status == ProofStatus::kProved; };
  auto good = [](const PathRow& p) { return p.good(); };
  return initial_state_failures.empty() && std::all_of(rows.begin(), rows.end(), proved) &&
         std::all_of(steps.begin(), steps.end(), proved) &&
         std::all_of(paths.begin(), paths.end(), good);
}

size_t ProveReport::Count(ProofStatus s) const {
  auto is = [&](const ProofRow& r) { return r.status == s; };
  return static_cast<size_t>(std::count_if(rows.begin(), rows.end(), is) +
                             std::count_if(steps.begin(), steps.end(), is));
}

std::vector<ProofRef> ProofsFor(std::string_view id) {
  std::vector<ProofRef> out;
  if (FindSpecInvariant(id) == nullptr && FindStepObligation(id) == nullptr) return out;
  for (const auto& op : Operations()) out.push_back({op.name, op.rules});
  return out;
}

}  // namespace zxspec::spec
