// zxspec who-changes QUANTITY: for every path of every encoded call, whether Z3 finds a call
// taking it that changes QUANTITY (spec/query.h), answered from the spec's transitions over the
// unbounded state, with the change replayed on model::Step. Exit codes (cli/exit_codes.h): 0
// every path answered; 3 some path unknown (a timeout: retry with a larger --timeout); 4 no
// encoded call selected; 2 usage errors (an unknown quantity or call).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/json_format.h"
#include "cli/options.h"
#include "cli/targets.h"
#include "scenario/runner.h"
#include "spec/query.h"
#include "spec/reach.h"

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

struct ReachArgs {
  std::string expr;
  unsigned depth = 4;
  unsigned timeout_ms = 60000;
  std::vector<std::string> operations;
  bool json = false;
  bool any_caller = false;
  std::string smt2;
};

// Exit codes: 0 reached (the sequence's scenario passes on the model), 1 unreachable within the
// bounds, 3 unknown, 2 usage errors; and 1 when a reached sequence's scenario does not pass on
// the model (a zxspec bug, said on stderr).
int Reach(const ReachArgs& a) {
  std::string error;
  std::unique_ptr<spec::Predicate> goal = ReadPredicate(a.expr, false, &error);
  if (!goal) {
    std::cerr << "zxspec reach: " << error << "\n";
    return kExitUsage;
  }
  if (!KnownOperations(a.operations, "reach")) return kExitUsage;
  std::ofstream smt2;
  if (!a.smt2.empty()) {
    smt2.open(a.smt2, std::ios::binary);
    if (!smt2) {
      std::cerr << "zxspec reach: cannot write " << a.smt2 << "\n";
      return kExitUsage;
    }
  }
  spec::ReachOptions options;
  options.depth = a.depth;
  options.timeout_ms = a.timeout_ms;
  options.operations = a.operations;
  options.smt2 = !a.smt2.empty();
  options.any_caller = a.any_caller;
  spec::ReachReport report = spec::Reach(*goal, options);
  int code = report.answer == spec::ReachAnswer::kReached       ? kExitOk
             : report.answer == spec::ReachAnswer::kUnreachable ? kExitFailed
                                                                : kExitUnknown;
  if (report.answer == spec::ReachAnswer::kReached) {  // the scenario must pass as printed
    std::unique_ptr<Kernel> kernel = MakeKernel("model");
    scenario::RunReport run = scenario::RunSource(report.zxs, "reach.zxs", *kernel, nullptr, {});
    if (run.verdict != scenario::Verdict::kPass) {
      std::cerr << "zxspec reach: the sequence's scenario does not pass on the model: "
                << run.Describe() << "\n";
      code = kExitFailed;
    }
  }
  if (smt2) smt2 << report.smt2;
  if (a.json) {
    nlohmann::json j = spec::ToJson(report);
    j["format"] = FormatTag("reach");
    j["exit_code"] = code;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << spec::FormatText(report);
  }
  return code;
}

}  // namespace

std::unique_ptr<spec::Predicate> ReadPredicate(const std::string& arg, bool two_state,
                                               std::string* error) {
  if (!arg.starts_with("@")) return spec::Predicate::Parse(arg, "<expr>", two_state, error);
  std::string path = arg.substr(1);
  std::error_code ec;
  std::ifstream in(path, std::ios::binary);
  if (!std::filesystem::is_regular_file(path, ec) || !in) {
    *error = "cannot read " + path + " (not a readable file)";
    return nullptr;
  }
  std::string text(spec::kMaxPredicateBytes + 1, '\0');  // one more: too long is reported
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return spec::Predicate::Parse(text, path, two_state, error);
}

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

  auto reach = std::make_shared<ReachArgs>();
  CLI::App* r = app.add_subcommand(
      "reach",
      "Bounded model checking of the Z3 transitions from the initial state: the shortest "
      "sequence of encoded calls whose last state satisfies EXPR (docs/predicates.md), printed "
      "as a .zxs that passes on the model, or 'unreachable in K steps'. Exit 0 reached, 1 "
      "unreachable within the bounds, 3 unknown (a timeout), 2 usage errors. Kinds and fields:\n" +
          spec::Vocabulary());
  r->add_option("EXPR", reach->expr, "a state predicate, or @FILE")->required();
  r->add_option("--depth", reach->depth, "at most this many calls")
      ->check(UnsignedIn(1, spec::kReachMaxDepth))
      ->capture_default_str();
  r->add_option("--timeout", reach->timeout_ms, "milliseconds per depth")
      ->check(UnsignedIn(1, 3'600'000))
      ->capture_default_str();
  AddListOption(r, "--operation", reach->operations, "only these calls (default: every encoded call)");
  r->add_flag("--any-caller", reach->any_caller,
              "a call may be made by any live process (default: by the initial process, `self`)");
  r->add_flag("--json", reach->json, "machine-readable output (docs/schema/reach.schema.json)");
  r->add_option("--smt2", reach->smt2, "also write each depth's query as SMT-LIB 2 to FILE (sat: reached)");
  r->callback([reach, exit_code] { *exit_code = Reach(*reach); });
}

}  // namespace zxspec::cli
