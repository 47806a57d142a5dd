// zxspec prove: the Z3 proofs of spec/ (spec::ProveAll) over the unbounded spec state: every
// state invariant inductive and every step obligation kept, per encoded call, and every path of
// every call witnessed and compared with model::Step; as tables or as JSON. Exit code 0 when
// all hold, 1 when any is a counterexample, unknown or a vacuous or disagreeing path, 2 for
// usage errors.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "spec/invariants.h"
#include "spec/obligations.h"
#include "spec/prove.h"

namespace zxspec::cli {
namespace {

struct ProveArgs {
  bool json = false;
  unsigned timeout_ms = 10000;
  std::vector<std::string> invariants;
  std::vector<std::string> operations;
  bool paths = true;
};

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
        return spec::FindSpecInvariant(id) != nullptr || spec::FindStepObligation(id) != nullptr;
      })) {
    std::cerr << "zxspec prove: no spec encoding of invariant or step obligation '" << *bad
              << "'; encoded:";
    for (const auto& inv : spec::SpecInvariants()) std::cerr << " " << inv.id;
    for (const auto& ob : spec::StepObligations()) std::cerr << " " << ob.id;
    std::cerr << "\n";
    return 2;
  }
  if (auto bad = Unknown(a.operations, [](const std::string& op) {
        return spec::FindOperation(op) != nullptr;
      })) {
    std::cerr << "zxspec prove: no spec encoding of operation '" << *bad << "'; encoded:";
    for (const auto& op : spec::Operations()) std::cerr << " " << op.name;
    std::cerr << "\n";
    return 2;
  }
  spec::ProveOptions options;
  options.timeout_ms = a.timeout_ms;
  options.invariants = a.invariants;
  options.operations = a.operations;
  options.paths = a.paths;
  spec::ProveReport report = spec::ProveAll(options);
  if (a.json) {
    std::cout << spec::ToJson(report).dump(2) << "\n";
  } else {
    std::cout << spec::FormatTable(report);
  }
  return report.ok() ? 0 : 1;
}

}  // namespace

void AddProveCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ProveArgs>();
  CLI::App* cmd = app.add_subcommand(
      "prove", "Prove with Z3 that each encoded invariant is inductive and each step obligation holds for each encoded call, and witness every path");
  cmd->add_flag("--json", args->json, "machine-readable output");
  cmd->add_option("--timeout", args->timeout_ms, "milliseconds per solver check")
      ->check(CLI::Range(1u, 3600000u));
  cmd->add_option("--invariant", args->invariants, "only this invariant or step obligation id (repeatable)");
  cmd->add_option("--operation", args->operations, "only this call, e.g. vmo_set_size (repeatable)");
  cmd->add_flag("--no-paths", [args](int64_t) { args->paths = false; },
                "skip the per-path witnesses and comparisons with model::Step");
  cmd->callback([args, exit_code] { *exit_code = Prove(*args); });
}

}  // namespace zxspec::cli
