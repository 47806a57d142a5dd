// zxspec: the command-line front end of the executable Zircon memory-object specification.
#include <cstdio>
#include <exception>
#include <new>
#include <optional>

#include "api/memory_budget.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

static int Main(int argc, char** argv) {
  std::optional<uint64_t> budget = zxspec::MemoryBudgetFromEnvironment();  // README "Limits"
  if (!budget) {
    std::fprintf(stderr, "zxspec: %s must be a number of bytes with an optional K, M or G suffix "
                 "(0: no budget)\n", zxspec::kMemoryBudgetVariable);
    return zxspec::cli::kExitUsage;
  }
  zxspec::EnforceMemoryBudget(*budget);
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
  zxspec::cli::AddQueryCommands(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? zxspec::cli::kExitOk : zxspec::cli::kExitUsage;  // like malformed input
  }
  return exit_code;
}

// Nothing escapes main (issue 12): whatever a subcommand did not handle becomes a message and
// exit 2, never an abort. The messages are printed without allocating.
int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const zxspec::MemoryBudgetExceeded&) {
    zxspec::MemoryUse use = zxspec::CurrentMemoryUse();
    std::fprintf(stderr,
                 "zxspec: out of memory: the run needs more than its memory budget of %llu MiB "
                 "(set %s=SIZE, e.g. 8G, to raise it; 0 for none)\n",
                 static_cast<unsigned long long>(use.budget >> 20), zxspec::kMemoryBudgetVariable);
  } catch (const std::bad_alloc&) {
    std::fputs("zxspec: out of memory (the system refused an allocation)\n", stderr);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zxspec: error: %s\n", e.what());
  } catch (...) {
    std::fputs("zxspec: error: unexpected exception\n", stderr);
  }
  return zxspec::cli::kExitUsage;
}
