// zxspec invariants [--json] and zxspec explain ID: the catalog of what zxspec checks. Two kinds
// of entries share one id space: state invariants (model/invariants.h), true of every reachable
// model state, checked by check_invariants() and after every generated step, several proven
// inductive in spec/; and step properties (props/properties.h), judged on each generated step
// (the state before, the call, the state after), such as immutability as observed or rights
// monotonicity along a handle's lineage, and the Z3 step obligations (spec/obligations.h), proved
// over every path of every encoded call. `explain` also takes a rule id of the rulebook
// (docs/rules/, cli/rules.h): the rule's text and every place that cites it.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/json_format.h"
#include "cli/rules.h"
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
  // The Z3 step obligations (spec/obligations.h): an entry of their own, or a second check of
  // the property of the same id.
  for (const auto& ob : spec::StepObligations()) {
    std::string where = "spec: proved with Z3 over the pre- and post-state of every path of every "
                        "encoded call (`zxspec prove --invariant " + std::string(ob.id) + "`)";
    auto same = std::find_if(out.begin(), out.end(), [&](const Entry& e) { return e.id == ob.id; });
    if (same != out.end()) {
      same->checked.push_back(where);
    } else {
      out.push_back({std::string(ob.id), "step", std::string(ob.statement), std::string(ob.rules), {where}});
    }
  }
  return out;
}

#ifndef ZXSPEC_SOURCE_DIR
#define ZXSPEC_SOURCE_DIR "."
#endif

// `explain RULE-ID`: the rule's text, then where the tree cites it, by part.
int ExplainRule(const std::string& id, const std::string& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(std::filesystem::path(root) / "docs" / "rules", ec)) {
    std::cerr << "zxspec explain: no rulebook at " << root
              << "/docs/rules (give the source tree with --source-root)\n";
    return kExitUsage;
  }
  const auto rules = FindRules(root, id);
  if (rules.empty()) {
    std::cerr << "zxspec explain: no rule " << id << " in " << root << "/docs/rules\n";
    return kExitUsage;
  }
  for (const auto& r : rules) {
    std::cout << r.id << ": " << r.file << ":" << r.line
              << (r.section.empty() ? "" : " (section " + r.section + ")") << "\n\n"
              << r.text << "\n";
  }
  const auto cited = FindCitations(root, id);
  std::cout << "Cited in " << cited.size() << " place" << (cited.size() == 1 ? "" : "s")
            << " (under " << root << "):\n";
  std::string part;
  for (const auto& c : cited) {
    if (c.part != part) std::cout << "  " << (part = c.part) << ":\n";
    std::string text = c.text.size() > 110 ? c.text.substr(0, 107) + "..." : c.text;
    std::cout << "    " << c.file << ":" << c.line << ": " << text << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddInvariantsCommands(CLI::App& app, int* exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* list = app.add_subcommand(
      "invariants", "List the catalog: state invariants and step properties");
  list->add_flag("--json", *json, "machine-readable output (docs/schema/invariants.schema.json)");
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
      std::cout << nlohmann::json{{"format", FormatTag("invariants")}, {"entries", rows}}.dump(2)
                << "\n";
    } else {
      for (const auto& e : Catalog()) {
        std::cout << e.id << " (" << e.kind << ")\n    " << e.statement
                  << "\n    rules: " << e.rules << "\n";
      }
    }
    *exit_code = 0;
  });

  struct ExplainArgs {
    std::string id;
    std::string source_root = ZXSPEC_SOURCE_DIR;
  };
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* explain = app.add_subcommand(
      "explain", "Explain an invariant or step property (see `zxspec invariants`), or a rule of "
                 "the rulebook (VMO-042): its text and every place that cites it");
  explain->add_option("id", args->id, "invariant, property or rule id")->required();
  explain->add_option("--source-root", args->source_root,
                      "the source tree whose docs/rules and code to read")
      ->capture_default_str();
  explain->footer(kExitCodeHelp);
  explain->callback([args, exit_code] {
    const auto catalog = Catalog();
    auto it = std::find_if(catalog.begin(), catalog.end(),
                           [&](const Entry& e) { return e.id == args->id; });
    if (it == catalog.end() && IsRuleId(args->id)) {
      *exit_code = ExplainRule(args->id, args->source_root);
      return;
    }
    if (it == catalog.end()) {
      std::cerr << "zxspec explain: '" << args->id
                << "' is neither a rule id (like VMO-042) nor an invariant or property; "
                   "invariants and properties:";
      for (const auto& e : catalog) std::cerr << " " << e.id;
      std::cerr << "\n";
      *exit_code = kExitUsage;
      return;
    }
    std::cout << it->id << " (" << (it->kind == "state" ? "state invariant" : "step property")
              << ")\n\n" << it->statement << "\n\nRests on: " << it->rules << "\n\nChecked in:\n";
    for (const auto& w : it->checked) std::cout << "  - " << w << "\n";
    *exit_code = kExitOk;
  });
}

}  // namespace zxspec::cli
