// zxspec list [--json]: the operations table (api/syscalls.h).
#include <iostream>

#include <nlohmann/json.hpp>

#include "api/syscalls.h"
#include "cli/commands.h"
#include "cli/json_format.h"
#include "cli/targets.h"

namespace zxspec::cli {

static std::string_view LayerName(Layer l) {
  switch (l) {
    case Layer::kKernel: return "kernel";
    case Layer::kFidl: return "fidl";
    case Layer::kHarness: return "harness";
  }
  return "?";
}

void AddListCommand(CLI::App& app, int* exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("list", "List every call zxspec knows, with its rule ids");
  cmd->add_flag("--json", *json, "machine-readable output (docs/schema/list.schema.json)");
  cmd->callback([json, exit_code] {
    if (*json) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& s : AllSyscalls()) {
        nlohmann::json args = nlohmann::json::array();
        for (const auto& a : s.args) args.push_back(std::string(a.name));
        nlohmann::json results = nlohmann::json::array();
        for (const auto& r : s.results) results.push_back(std::string(r));
        rows.push_back({{"name", s.name},
                        {"family", s.family},
                        {"layer", LayerName(s.layer)},
                        {"args", args},
                        {"results", results},
                        {"rules", s.rules}});
      }
      std::cout << nlohmann::json{{"format", FormatTag("list")}, {"calls", rows}}.dump(2) << "\n";
    } else {
      for (const auto& s : AllSyscalls()) {
        std::string args;
        for (const auto& a : s.args) args += (args.empty() ? "" : ", ") + std::string(a.name);
        std::printf("%-26s %-8s (%s)  %s\n", std::string(s.name).c_str(),
                    std::string(s.family).c_str(), args.c_str(), std::string(s.rules).c_str());
      }
    }
    *exit_code = 0;
  });
}

}  // namespace zxspec::cli
