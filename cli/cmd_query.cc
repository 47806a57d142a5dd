// zxspec who-changes QUANTITY: for every path of every encoded call, whether Z3 finds a call
// taking it that changes QUANTITY (spec/query.h), answered from the spec's transitions over the
// unbounded state, with the change replayed on model::Step. Exit codes (cli/exit_codes.h): 0
// every path answered; 3 some path unknown (a timeout: retry with a larger --timeout); 4 no
// encoded call selected; 2 usage errors (an unknown quantity or call).
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/json_format.h"
#include "cli/options.h"
#include "spec/query.h"

namespace zxspec::cli {
namespace {

struct WhoChangesArgs {
  std::string quantity;
  std::vector<std::string> operations;
  unsigned timeout_ms = 10000;
  bool json = false;
  bool all = false;
};

void ListQuantities(std::ostream& out) {
  for (const auto& q : spec::Quantities()) {
    if (q.field == nullptr) out << "  " << q.name << ": " << q.meaning << "\n";
  }
  out << "  field:NAME: any entry of a spec state field (spec/state.h), e.g. field:committed\n";
}

int WhoChanges(const WhoChangesArgs& a) {
  std::optional<spec::Quantity> q = spec::FindQuantity(a.quantity);
  if (!q) {
    std::cerr << "zxspec who-changes: unknown quantity '" << a.quantity << "'; known:\n";
    ListQuantities(std::cerr);
    return kExitUsage;
  }
  if (!KnownOperations(a.operations, "who-changes")) return kExitUsage;
  spec::ProveOptions options;
  options.timeout_ms = a.timeout_ms;
  options.operations = a.operations;
  spec::ChangeReport report = spec::WhoChanges(*q, options);
  int code = report.rows.empty() ? kExitNothing : kExitOk;
  for (const auto& r : report.rows) {
    if (r.answer == spec::Change::kUnknown) code = kExitUnknown;
  }
  if (a.json) {
    nlohmann::json j = spec::ToJson(report);
    j["format"] = FormatTag("who-changes");
    j["meaning"] = q->meaning;
    j["exit_code"] = code;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << q->name << ": " << q->meaning << "\n" << spec::FormatTable(report, a.all);
  }
  return code;
}

}  // namespace

void AddQueryCommands(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<WhoChangesArgs>();
  std::ostringstream known;
  ListQuantities(known);
  CLI::App* cmd = app.add_subcommand(
      "who-changes",
      "For every path of every encoded call, whether Z3 finds a call taking it that changes a "
      "quantity of the state (each change replayed on model::Step). Quantities:\n" + known.str());
  cmd->add_option("QUANTITY", args->quantity, "e.g. stream_size, rights, immutable")->required();
  AddListOption(cmd, "--operation", args->operations, "only these calls (default: every encoded call)");
  cmd->add_option("--timeout", args->timeout_ms, "milliseconds per solver check")
      ->check(UnsignedIn(1, 3'600'000))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "machine-readable output (docs/schema/who-changes.schema.json)");
  cmd->add_flag("--all", args->all, "list the paths that never change it too");
  AddExitCodeFooter(cmd);
  cmd->callback([args, exit_code] { *exit_code = WhoChanges(*args); });
}

}  // namespace zxspec::cli
