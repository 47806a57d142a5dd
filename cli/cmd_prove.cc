// zxspec prove: the Z3 inductiveness proofs of spec/ (spec::ProveAll), as a table of operations
// by invariants, as JSON (docs/schema/prove.schema.json) or JUnit. Exit codes
// (cli/exit_codes.h): 0 every selected proof holds; 1 a counterexample or a vacuous proof;
// 3 no counterexample but a check was unknown (e.g. a timeout: retry with a larger --timeout);
// 4 nothing selected; 2 usage errors.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/json_format.h"
#include "cli/options.h"
#include "cli/reports.h"
#include "spec/invariants.h"
#include "spec/prove.h"

namespace zxspec::cli {
namespace {

using spec::ProofStatus;

struct ProveArgs {
  bool json = false;
  std::string junit;
  unsigned timeout_ms = 10000;
  std::vector<std::string> invariants;
  std::vector<std::string> operations;
  spec::Bounds bounds;
};

const char* StatusName(ProofStatus s) {
  switch (s) {
    case ProofStatus::kProved: return "proved";
    case ProofStatus::kCounterexample: return "counterexample";
    case ProofStatus::kUnknown: return "unknown";
    case ProofStatus::kVacuous: return "vacuous";
  }
  return "unknown";
}

// The first name of |names| that |known| does not accept, if any.
template <class Known>
std::optional<std::string> Unknown(const std::vector<std::string>& names, Known known) {
  for (const auto& n : names) {
    if (!known(n)) return n;
  }
  return std::nullopt;
}

int Prove(const ProveArgs& a) {
  if (auto bad = Unknown(a.invariants, [](const std::string& id) {
        return spec::FindSpecInvariant(id) != nullptr;
      })) {
    std::cerr << "zxspec prove: no spec encoding of invariant '" << *bad << "'; encoded:";
    for (const auto& inv : spec::SpecInvariants()) std::cerr << " " << inv.id;
    std::cerr << "\n";
    return kExitUsage;
  }
  if (auto bad = Unknown(a.operations, [](const std::string& op) {
        return spec::FindOperation(op) != nullptr;
      })) {
    std::cerr << "zxspec prove: no spec encoding of operation '" << *bad << "'; encoded:";
    for (const auto& op : spec::Operations()) std::cerr << " " << op.name;
    std::cerr << "\n";
    return kExitUsage;
  }
  spec::ProveOptions options;
  options.timeout_ms = a.timeout_ms;
  options.invariants = a.invariants;
  options.operations = a.operations;
  options.bounds = a.bounds;
  spec::ProveReport report = spec::ProveAll(options);
  if (a.json) {
    std::cout << ProveJson(report, a.timeout_ms).dump(2) << "\n";
  } else {
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

int ProveExitCode(const spec::ProveReport& report) {
  if (report.rows.empty()) return kExitNothing;
  if (report.Count(ProofStatus::kCounterexample) + report.Count(ProofStatus::kVacuous) > 0) {
    return kExitFailed;
  }
  if (report.Count(ProofStatus::kUnknown) > 0) return kExitUnknown;
  return report.ok() ? kExitOk : kExitFailed;
}

nlohmann::json ProveJson(const spec::ProveReport& report, unsigned timeout_ms) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : report.rows) {
    rows.push_back({{"invariant", r.invariant},
                    {"operation", r.operation},
                    {"status", StatusName(r.status)},
                    {"ms", r.ms},
                    {"detail", r.detail}});
  }
  nlohmann::json counts = nlohmann::json::object();
  for (auto s : {ProofStatus::kProved, ProofStatus::kCounterexample, ProofStatus::kUnknown,
                 ProofStatus::kVacuous}) {
    counts[StatusName(s)] = report.Count(s);
  }
  return {{"format", FormatTag("prove")},
          {"ok", report.ok()},
          {"exit_code", ProveExitCode(report)},
          {"timeout_ms", timeout_ms},
          {"counts", counts},
          {"rows", rows}};
}

JunitSuite ProveJunit(const spec::ProveReport& report) {
  JunitSuite suite{"zxspec prove", 0, {}};
  for (const auto& r : report.rows) {
    JunitCase c{r.invariant, "zxspec.prove." + r.operation, r.ms / 1000};
    suite.seconds += c.seconds;
    switch (r.status) {
      case ProofStatus::kProved: break;
      case ProofStatus::kCounterexample:
      case ProofStatus::kVacuous: c.result = JunitCase::Result::kFailure; break;
      case ProofStatus::kUnknown: c.result = JunitCase::Result::kError; break;
    }
    if (r.status != ProofStatus::kProved) {
      c.message = std::string(StatusName(r.status)) + ": " + r.invariant + " for " + r.operation;
      c.text = r.detail;
    }
    suite.cases.push_back(std::move(c));
  }
  return suite;
}

void AddProveCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ProveArgs>();
  CLI::App* cmd = app.add_subcommand(
      "prove", "Prove with Z3 that each encoded invariant is inductive for each encoded call");
  cmd->add_flag("--json", args->json, "machine-readable output (docs/schema/prove.schema.json)");
  AddJunitOption(cmd, args->junit);
  cmd->add_option("--timeout", args->timeout_ms, "milliseconds per solver check")
      ->check(UnsignedIn(1, 3'600'000))
      ->capture_default_str();
  AddListOption(cmd, "--invariant", args->invariants, "only these invariant ids (default: all)");
  AddListOption(cmd, "--operation", args->operations,
                "only these calls, e.g. vmo_set_size (default: all)");
  cmd->add_option("--memories", args->bounds.memories, "memory slots of the symbolic state")
      ->check(UnsignedIn(1, 6))
      ->capture_default_str();
  cmd->add_option("--objects", args->bounds.objects, "object slots of the symbolic state")
      ->check(UnsignedIn(1, 6))
      ->capture_default_str();
  cmd->add_option("--handles", args->bounds.handles, "handle slots of the symbolic state")
      ->check(UnsignedIn(1, 6))
      ->capture_default_str();
  cmd->add_option("--mappings", args->bounds.mappings, "mapping slots of the symbolic state")
      ->check(UnsignedIn(1, 4))
      ->capture_default_str();
  AddExitCodeFooter(cmd);
  cmd->callback([args, exit_code] { *exit_code = Prove(*args); });
}

}  // namespace zxspec::cli
