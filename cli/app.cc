// What the top-level `zxspec` command line has besides its subcommands: --version, the exit
// codes at the end of --help, and a clear message for a missing or unknown subcommand.
#include <memory>

#include "cli/commands.h"
#include "cli/json_format.h"
#include "cli/options.h"

#ifndef ZXSPEC_VERSION
#define ZXSPEC_VERSION "0.0.0"
#endif

namespace zxspec::cli {
namespace {

// The top level's usage line without the hidden SUBCOMMAND word below.
class Formatter final : public CLI::Formatter {
 public:
  std::string make_usage(const CLI::App* app, std::string name) const override {
    if (app->get_parent() != nullptr) return CLI::Formatter::make_usage(app, std::move(name));
    return "Usage: " + name + " [OPTIONS] SUBCOMMAND [SUBCOMMAND OPTIONS]\n";
  }
};

}  // namespace

std::string VersionText() {
  return std::string("zxspec ") + ZXSPEC_VERSION + " (JSON schema " +
         std::to_string(kJsonSchemaVersion) + ")";
}

void ConfigureApp(CLI::App& app) {
  app.set_version_flag("--version", VersionText(), "print the version and exit");
  AddExitCodeFooter(&app);
  app.formatter(std::make_shared<Formatter>());
  // A first word that names no subcommand lands in |word| (CLI11 would only say that a
  // subcommand is required); the final callback tells which.
  app.require_subcommand(0, 1);
  auto word = std::make_shared<std::string>();
  app.add_option("SUBCOMMAND", *word)->group("");  // hidden from the option list
  app.callback([&app, word] {
    if (!app.get_subcommands().empty()) return;
    if (word->empty()) throw CLI::RequiredError("A subcommand (see --help)");
    std::string known;
    for (const CLI::App* sub : app.get_subcommands({})) {
      known += (known.empty() ? "" : ", ") + sub->get_name();
    }
    throw CLI::ValidationError("unknown subcommand '" + *word + "'; subcommands: " + known);
  });
}

}  // namespace zxspec::cli
