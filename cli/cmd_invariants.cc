// zxspec invariants [--json] and zxspec explain ID: the catalog of what zxspec checks. Two kinds
// of entries share one id space: state invariants (model/invariants.h), true of every reachable
// model state, checked by check_invariants() and after every generated step, several proven
// inductive in spec/; and step properties (props/properties.h), judged on each generated step
// (the state before, the call, the state after), such as immutability as observed or rights
// monotonicity along a handle's lineage.
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "model/invariants.h"
#include "props/properties.h"
#include "spec/prove.h"

namespace zxspec::cli {
namespace {

struct Entry {
  std::string id;
  std::string kind;  // "state" or "step"
  std::string statement;
  std::string rules;
  std::vector<std::string> checked;  // where it is checked
};

std::vector<std::string> StateChecks(std::string_view id) {
  std::vector<std::string> where;
  where.push_back("model: `check_invariants()` in scenarios, and after every step of every "
                  "property campaign (zxspec check, property `invariants`)");
  std::vector<spec::ProofRef> proofs = spec::ProofsFor(id);
  if (!proofs.empty()) {
    std::string ops;
    for (const auto& p : proofs) ops += (ops.empty() ? "" : ", ") + std::string(p.operation);
    where.push_back("spec: proven inductive with Z3 (zxspec prove) for " + ops);
  }
  return where;
}

std::vector<Entry> Catalog() {
  std::vector<Entry> out;
  for (const auto& inv : model::Invariants()) {
    out.push_back({std::string(inv.id), "state", std::string(inv.statement),
                   std::string(inv.rules), StateChecks(inv.id)});
  }
  for (const auto& p : props::Properties()) {
    out.push_back({std::string(p.id), "step", std::string(p.statement), std::string(p.rules),
                   {"props: after every step of `zxspec check --property " + std::string(p.id) +
                    "` and of the ctest suite " + std::string(p.gtest_id)}});
  }
  return out;
}

}  // namespace

void AddInvariantsCommands(CLI::App& app, int* exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* list = app.add_subcommand(
      "invariants", "List the catalog: state invariants and step properties");
  list->add_flag("--json", *json, "machine-readable output");
  list->callback([json, exit_code] {
    if (*json) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& e : Catalog()) {
        rows.push_back({{"id", e.id},
                        {"kind", e.kind},
                        {"statement", e.statement},
                        {"rules", e.rules},
                        {"checked", e.checked}});
      }
      std::cout << rows.dump(2) << "\n";
    } else {
      for (const auto& e : Catalog()) {
        std::cout << e.id << " (" << e.kind << ")\n    " << e.statement
                  << "\n    rules: " << e.rules << "\n";
      }
    }
    *exit_code = 0;
  });

  auto id = std::make_shared<std::string>();
  CLI::App* explain = app.add_subcommand("explain", "Explain one invariant or step property");
  explain->add_option("id", *id, "id (see `zxspec invariants`)")->required();
  explain->callback([id, exit_code] {
    const auto catalog = Catalog();
    auto it = std::find_if(catalog.begin(), catalog.end(),
                           [&](const Entry& e) { return e.id == *id; });
    if (it == catalog.end()) {
      std::cerr << "zxspec explain: no invariant or property '" << *id << "'; known:";
      for (const auto& e : catalog) std::cerr << " " << e.id;
      std::cerr << "\n";
      *exit_code = 2;
      return;
    }
    std::cout << it->id << " (" << (it->kind == "state" ? "state invariant" : "step property")
              << ")\n\n" << it->statement << "\n\nRests on: " << it->rules << "\n\nChecked in:\n";
    for (const auto& w : it->checked) std::cout << "  - " << w << "\n";
    *exit_code = 0;
  });
}

}  // namespace zxspec::cli
