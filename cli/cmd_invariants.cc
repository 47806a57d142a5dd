// zxspec invariants [--json] and zxspec explain ID: the invariant catalog (model/invariants.h).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "model/invariants.h"
#include "spec/prove.h"

namespace zxspec::cli {

// Where each invariant is checked besides the catalog itself.
static std::vector<std::string> CheckedWhere(std::string_view id) {
  std::vector<std::string> where;
  where.push_back("model: `check_invariants()` in scenarios, and after every step of every "
                  "property campaign (zxspec check)");
  std::vector<spec::ProofRef> proofs = spec::ProofsFor(id);
  if (!proofs.empty()) {
    std::string ops;
    for (const auto& p : proofs) ops += (ops.empty() ? "" : ", ") + std::string(p.operation);
    where.push_back("spec: proven inductive with Z3 (zxspec prove) for " + ops);
  }
  return where;
}

void AddInvariantsCommands(CLI::App& app, int* exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* list = app.add_subcommand("invariants", "List the invariant catalog");
  list->add_flag("--json", *json, "machine-readable output");
  list->callback([json, exit_code] {
    if (*json) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& inv : model::Invariants()) {
        rows.push_back({{"id", inv.id},
                        {"statement", inv.statement},
                        {"rules", inv.rules},
                        {"checked", CheckedWhere(inv.id)}});
      }
      std::cout << rows.dump(2) << "\n";
    } else {
      for (const auto& inv : model::Invariants()) {
        std::cout << inv.id << "\n    " << inv.statement << "\n    rules: " << inv.rules << "\n";
      }
    }
    *exit_code = 0;
  });

  auto id = std::make_shared<std::string>();
  CLI::App* explain = app.add_subcommand("explain", "Explain one invariant");
  explain->add_option("id", *id, "invariant id (see `zxspec invariants`)")->required();
  explain->callback([id, exit_code] {
    const model::InvariantInfo* inv = model::FindInvariant(*id);
    if (inv == nullptr) {
      std::cerr << "zxspec explain: no invariant '" << *id << "'; known:";
      for (const auto& i : model::Invariants()) std::cerr << " " << i.id;
      std::cerr << "\n";
      *exit_code = 2;
      return;
    }
    std::cout << inv->id << "\n\n" << inv->statement << "\n\nRests on: " << inv->rules
              << "\n\nChecked in:\n";
    for (const auto& w : CheckedWhere(inv->id)) std::cout << "  - " << w << "\n";
    *exit_code = 0;
  });
}

}  // namespace zxspec::cli
