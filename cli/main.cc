// zxspec: the command-line front end of the executable Zircon memory-object specification.
#include <cstdio>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "zxspec: an executable specification of Zircon's memory-object semantics (VMOs, VMARs, "
      "handle rights, streams, channels)"};
  zxspec::cli::ConfigureApp(app);  // --version, exit codes in --help, unknown subcommands
  int exit_code = 0;
  zxspec::cli::AddRunCommand(app, &exit_code);
  zxspec::cli::AddListCommand(app, &exit_code);
  zxspec::cli::AddInvariantsCommands(app, &exit_code);
  zxspec::cli::AddVerifyCommand(app, &exit_code);
  zxspec::cli::AddCheckCommand(app, &exit_code);
  zxspec::cli::AddProveCommand(app, &exit_code);
  zxspec::cli::AddDiffCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;  // usage errors exit 2, like malformed input
  }
  return exit_code;
}
