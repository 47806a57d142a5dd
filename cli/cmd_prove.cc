// zxspec prove: the Z3 proofs of spec/ (spec::ProveAll) over the unbounded spec state: every
// state invariant inductive and every step obligation kept, per encoded call, and every path of
// every call witnessed and compared with model::Step; as tables, as JSON
// (docs/schema/prove.schema.json) or JUnit. Exit codes (cli/exit_codes.h): 0 every selected
// proof holds and every path is witnessed and agrees; 1 a counterexample, a vacuous proof, an
// unwitnessed path or a path that disagrees with model::Step; 3 no failure but a check was
// unknown (e.g. a timeout: retry with a larger --timeout); 4 nothing selected; 2 usage errors.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>

#include "api/format.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/json_format.h"
#include "cli/options.h"
#include "cli/reports.h"
#include "spec/invariants.h"
#include "spec/obligations.h"
#include "spec/prove.h"
#include "spec/query.h"

namespace zxspec::cli {
namespace {

using spec::ProofStatus;

struct ProveArgs {
  bool json = false;
  std::string junit;
  unsigned timeout_ms = 10000;
  std::vector<std::string> invariants;
  std::vector<std::string> operations;
  std::vector<std::string> path_names;
  bool paths = true;
  std::string smt2;
  size_t walks = spec::ProveOptions{}.walks;
  std::string assertion;  // --assert: EXPR, or @FILE
  bool step = false;
};

// The first name of |names| that |known| does not accept, if any.
template <class Known>
std::optional<std::string> Unknown(const std::vector<std::string>& names, Known known) {
  for (const auto& n : names) {
    if (!known(n)) return n;
  }
  return std::nullopt;
}

// Whether each of |paths| names a path of a call |operations| selects (a misspelt name would
// select nothing and prove nothing).
bool KnownPaths(const std::vector<std::string>& paths, const std::vector<std::string>& operations) {
  std::set<std::string> known;
  for (const auto& op : spec::Operations()) {
    if (!spec::Selected(operations, op.name)) continue;
    for (auto& name : spec::PathNames(op)) known.insert(std::move(name));
  }
  auto bad = Unknown(paths, [&](const std::string& p) { return known.count(p) > 0; });
  if (bad) {
    std::cerr << "zxspec prove: no path named '" << EscapeInvalidUtf8(*bad) << "' in "
              << (operations.empty() ? std::string("any encoded call") : "the selected calls")
              << " (the path table of `zxspec prove --operation CALL` names them)\n";
  }
  return !bad;
}

int Prove(const ProveArgs& a) {
  std::unique_ptr<spec::Predicate> assertion;
  if (!a.assertion.empty()) {
    if (!a.invariants.empty()) {
      std::cerr << "zxspec prove: --assert proves one predicate; --invariant selects catalog rows\n";
      return kExitUsage;
    }
    std::string error;
    assertion = ReadPredicate(a.assertion, a.step, &error);
    if (!assertion) {
      std::cerr << "zxspec prove: " << error << "\n";
      return kExitUsage;
    }
  } else if (a.step) {
    std::cerr << "zxspec prove: --step qualifies --assert EXPR\n";
    return kExitUsage;
  }
  if (auto bad = Unknown(a.invariants, [](const std::string& id) {
        return spec::FindSpecInvariant(id) != nullptr || spec::FindStepObligation(id) != nullptr;
      })) {
    std::cerr << "zxspec prove: no spec encoding of invariant or step obligation '" << EscapeInvalidUtf8(*bad)
              << "'; encoded:";
    for (const auto& inv : spec::SpecInvariants()) std::cerr << " " << inv.id;
    for (const auto& ob : spec::StepObligations()) std::cerr << " " << ob.id;
    std::cerr << "\n";
    return kExitUsage;
  }
  if (!KnownOperations(a.operations, "prove")) return kExitUsage;
  if (!KnownPaths(a.path_names, a.operations)) return kExitUsage;
  spec::ProveOptions options;
  options.timeout_ms = a.timeout_ms;
  options.invariants = a.invariants;
  options.operations = a.operations;
  options.path_names = a.path_names;
  options.paths = a.paths;
  options.walks = a.walks;
  options.smt2 = !a.smt2.empty();
  std::ofstream smt2;
  if (options.smt2) {  // opened first: a bad path fails before the proofs, not after
    smt2.open(a.smt2, std::ios::binary);
    if (!smt2) {
      std::cerr << "zxspec prove: cannot write " << a.smt2 << "\n";
      return kExitUsage;
    }
  }
  spec::ProveReport report =
      assertion ? spec::ProveAssertion(*assertion, options) : spec::ProveAll(options);
  if (options.smt2) {
    smt2 << "; zxspec prove: every goal as one block; each holds when unsat\n" << report.smt2;
    if (!smt2.flush()) {
      std::cerr << "zxspec prove: cannot write " << a.smt2 << "\n";
      return kExitUsage;
    }
  }
  if (a.json) {
    std::cout << ProveJson(report, a.timeout_ms).dump(2) << "\n";
  } else {
    if (assertion) {
      std::cout << "assert" << (a.step ? " (step, over each call's pre- and post-state)"
                                       : " (inductive: kept by every call, the catalog assumed)")
                << ": " << assertion->text() << "\n\n";
    }
    std::cout << spec::FormatTable(report);
  }
  int code = ProveExitCode(report);
  if (code == kExitNothing) std::cerr << "zxspec prove: nothing was tested (no obligation)\n";
  std::string error;
  if (!a.junit.empty() && !WriteJunit(a.junit, "zxspec prove", {ProveJunit(report)}, &error)) {
    std::cerr << "zxspec prove: " << error << "\n";
    return kExitUsage;
  }
  return code;
}

}  // namespace

bool KnownOperations(const std::vector<std::string>& operations, std::string_view command) {
  auto bad = Unknown(operations, [](const std::string& op) { return spec::FindOperation(op) != nullptr; });
  if (!bad) return true;
  std::cerr << "zxspec " << command << ": no spec encoding of operation '" << EscapeInvalidUtf8(*bad)
            << "'; encoded:";
  for (const auto& op : spec::Operations()) std::cerr << " " << op.name;
  std::cerr << "\n";
  return false;
}

int ProveExitCode(const spec::ProveReport& report) {
  if (report.rows.empty() && report.steps.empty() && report.paths.empty() &&
      report.initial_state_failures.empty()) {
    return kExitNothing;
  }
  auto bad_path = [](const spec::PathRow& p) { return !p.good(); };
  if (report.Count(ProofStatus::kCounterexample) + report.Count(ProofStatus::kVacuous) > 0 ||
      std::any_of(report.paths.begin(), report.paths.end(), bad_path) ||
      !report.initial_state_failures.empty()) {
    return kExitFailed;
  }
  if (report.Count(ProofStatus::kUnknown) > 0) return kExitUnknown;
  return report.ok() ? kExitOk : kExitFailed;
}

nlohmann::json ProveJson(const spec::ProveReport& report, unsigned timeout_ms) {
  nlohmann::json j = spec::ToJson(report);
  j["format"] = FormatTag("prove");
  j["exit_code"] = ProveExitCode(report);
  j["timeout_ms"] = timeout_ms;
  return j;
}

namespace {

JunitCase ProofCase(const spec::ProofRow& r) {
  JunitCase c{r.invariant, "zxspec.prove." + r.operation, r.ms / 1000};
  switch (r.status) {
    case ProofStatus::kProved: break;
    case ProofStatus::kCounterexample:
    case ProofStatus::kVacuous: c.result = JunitCase::Result::kFailure; break;
    case ProofStatus::kUnknown: c.result = JunitCase::Result::kError; break;
  }
  if (r.status != ProofStatus::kProved) {
    c.message = std::string(spec::ToString(r.status)) + ": " + r.invariant + " for " + r.operation;
    c.text = r.detail;
    if (r.counterexample) c.text += "\n" + r.counterexample->zxs;
  }
  return c;
}

JunitCase PathCase(const spec::PathRow& p) {
  JunitCase c{"path " + p.path, "zxspec.prove." + p.operation, p.ms / 1000};
  if (!p.good()) {
    c.result = JunitCase::Result::kFailure;
    c.message = std::string(p.witnessed ? "disagrees with model::Step" : "vacuous") + ": " +
                p.operation + " / " + p.path;
    c.text = p.detail + "\n" + p.zxs;
  }
  return c;
}

}  // namespace

JunitSuite ProveJunit(const spec::ProveReport& report) {
  JunitSuite suite{"zxspec prove", 0, {}};
  for (const auto* table : {&report.rows, &report.steps}) {
    for (const auto& r : *table) suite.cases.push_back(ProofCase(r));
  }
  for (const auto& p : report.paths) suite.cases.push_back(PathCase(p));
  for (const auto& f : report.initial_state_failures) {
    JunitCase c{"initial state", "zxspec.prove", 0};
    c.result = JunitCase::Result::kFailure;
    c.message = "an invariant fails in model::InitialState()";
    c.text = f;
    suite.cases.push_back(std::move(c));
  }
  for (const auto& c : suite.cases) suite.seconds += c.seconds;
  return suite;
}

void AddProveCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ProveArgs>();
  CLI::App* cmd = app.add_subcommand(
      "prove",
      "Prove with Z3 that each encoded invariant is inductive and each step obligation holds for "
      "each encoded call, and witness every path");
  cmd->add_flag("--json", args->json, "machine-readable output (docs/schema/prove.schema.json)");
  AddJunitOption(cmd, args->junit);
  cmd->add_option("--timeout", args->timeout_ms, "milliseconds per solver check")
      ->check(UnsignedIn(1, 3'600'000))
      ->capture_default_str();
  AddListOption(cmd, "--invariant", args->invariants, "only these invariant or step obligation ids (default: all)");
  AddListOption(cmd, "--operation", args->operations,
                "only these calls, e.g. vmo_set_size (default: all)");
  cmd->add_option("--path", args->path_names,
                  "only this path, by its name in the path table, e.g. 'VMO-031 ZX_OK' (repeatable; "
                  "default: every path): the obligations are proved and the walks witness on it alone");
  cmd->add_flag("--no-paths", [args](int64_t) { args->paths = false; },
                "skip the per-path witnesses and comparisons with model::Step");
  cmd->add_option("--smt2", args->smt2,
                  "also write every goal as SMT-LIB 2 to FILE, one (push) ... (check-sat) (pop) "
                  "block each, for another solver: unsat means the goal holds");
  cmd->add_option("--walks", args->walks,
                  "generated call sequences whose states witness paths and give counterexamples "
                  "(0: the solver alone; paths then need the solver's witnesses)")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  cmd->add_option("--assert", args->assertion,
                  "prove a predicate of your own instead of the catalog (docs/predicates.md): "
                  "EXPR, or @FILE to read it from FILE; without --step it must hold initially and "
                  "be kept by every call (the catalog assumed)");
  cmd->add_flag("--step", args->step,
                "the --assert predicate is two-state: old(...) reads the pre-state; it must hold "
                "of every call");
  AddExitCodeFooter(cmd);
  cmd->callback([args, exit_code] { *exit_code = Prove(*args); });
}

}  // namespace zxspec::cli
