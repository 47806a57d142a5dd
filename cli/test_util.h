// Test helper shared by the end-to-end tests of the zxspec program (cli_test, cli_check_test):
// run the built binary (ZXSPEC_BINARY) with arguments and capture its exit code and output.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace zxspec::cli::testing {

struct Ran {
  int code = -1;
  std::string out;  // stdout, and stderr unless it was discarded
};

inline Ran Zxspec(const std::string& args, bool with_stderr = true) {
  std::string cmd =
      std::string(ZXSPEC_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  Ran r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace zxspec::cli::testing
