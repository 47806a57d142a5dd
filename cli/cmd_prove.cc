// zxspec prove: the Z3 inductiveness proofs of spec/ (spec::ProveAll), as a table of operations
// by invariants or as JSON. Exit code 0 when every selected proof holds (and the guards and
// facts hold), 1 when any is a counterexample, unknown or vacuous, 2 for usage errors.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "spec/invariants.h"
#include "spec/prove.h"

namespace zxspec::cli {
namespace {

struct ProveArgs {
  bool json = false;
  unsigned timeout_ms = 10000;
  std::vector<std::string> invariants;
  std::vector<std::string> operations;
  spec::Bounds bounds;
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
        return spec::FindSpecInvariant(id) != nullptr;
      })) {
    std::cerr << "zxspec prove: no spec encoding of invariant '" << *bad << "'; encoded:";
    for (const auto& inv : spec::SpecInvariants()) std::cerr << " " << inv.id;
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
  options.bounds = a.bounds;
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
      "prove", "Prove with Z3 that each encoded invariant is inductive for each encoded call");
  cmd->add_flag("--json", args->json, "machine-readable output");
  cmd->add_option("--timeout", args->timeout_ms, "milliseconds per solver check")
      ->check(CLI::Range(1u, 3600000u));
  cmd->add_option("--invariant", args->invariants, "only this invariant id (repeatable)");
  cmd->add_option("--operation", args->operations, "only this call, e.g. vmo_set_size (repeatable)");
  cmd->add_option("--memories", args->bounds.memories, "memory slots of the symbolic state")
      ->check(CLI::Range(1, 6));
  cmd->add_option("--objects", args->bounds.objects, "object slots of the symbolic state")
      ->check(CLI::Range(1, 6));
  cmd->add_option("--handles", args->bounds.handles, "handle slots of the symbolic state")
      ->check(CLI::Range(1, 6));
  cmd->add_option("--mappings", args->bounds.mappings, "mapping slots of the symbolic state")
      ->check(CLI::Range(1, 4));
  cmd->callback([args, exit_code] { *exit_code = Prove(*args); });
}

}  // namespace zxspec::cli
