// Test helpers shared by the end-to-end tests of the zxspec program (label cli): run the built
// binary (ZXSPEC_BINARY) with arguments and capture its exit code and output; a fresh directory
// per test.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

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

// A fresh directory per test (|dir|), removed after it.
class TempDirTest : public ::testing::Test {
 protected:
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("zxspec_" + std::to_string(::getpid()) + "_" +
       ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::string Path(const std::string& name) const { return (dir / name).string(); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return Path(name);
  }
  // Runs `zxspec check CAMPAIGN --json --shard I/N` for every I < N and writes each report to
  // shard-I.json; their paths.
  std::vector<std::string> Shards(const std::string& campaign, int n) {
    std::vector<std::string> files;
    for (int i = 0; i < n; ++i) {
      Ran r = Zxspec("check " + campaign + " --json --shard " + std::to_string(i) + "/" +
                         std::to_string(n),
                     false);
      EXPECT_EQ(r.code, 0) << r.out;
      files.push_back(Write("shard-" + std::to_string(i) + ".json", r.out));
    }
    return files;
  }
};

}  // namespace zxspec::cli::testing
