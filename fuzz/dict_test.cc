// The libFuzzer dictionaries (fuzz/dict/) name every token the .zxs lexer and the call table
// know, so the mutation engine can insert any of them.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "api/constants.h"
#include "api/syscalls.h"

namespace zxspec {
namespace {

// The quoted entries of a dictionary file ("kw1=\"token\"" or "\"token\"" lines).
std::set<std::string> Entries(const std::string& name) {
  std::ifstream in(std::string(ZXSPEC_FUZZ_DIR) + "/dict/" + name);
  EXPECT_TRUE(in) << name;
  std::set<std::string> out;
  for (std::string line; std::getline(in, line);) {
    size_t open = line.find('"');
    if (line.starts_with("#") || open == std::string::npos || line.back() != '"') continue;
    out.insert(line.substr(open + 1, line.size() - open - 2));
  }
  return out;
}

TEST(FuzzDictionary, ZxsNamesEveryCallConstantAndPunctuation) {
  std::set<std::string> d = Entries("zxs.dict");
  for (const SyscallInfo& s : AllSyscalls()) EXPECT_TRUE(d.count(std::string(s.name))) << s.name;
  for (const NamedConstant& c : AllConstants()) {
    EXPECT_TRUE(d.count(std::string(c.name))) << c.name;
  }
  for (const char* t : {"->", "(", ")", "[", "]", "{", "}", ",", "=", "|", "+", "-", ":", "@",
                        "#", "\\x22", "\\x0a", "zeros(", "any", "_", "0x", "K", "M", "G"}) {
    EXPECT_TRUE(d.count(t)) << t;
  }
}

TEST(FuzzDictionary, HandleTypeNamesEveryRightAndSubtype) {
  std::set<std::string> d = Entries("handle_type.dict");
  for (const NamedConstant& c : AllConstants()) {
    if (c.kind == ConstKind::kRight && std::string_view(c.name).starts_with("ZX_RIGHT_")) {
      EXPECT_TRUE(d.count(std::string(c.name.substr(9)))) << c.name;
    }
  }
  for (const char* t : {"handle", "client_end:", "server_end:", "request<", "zx.rights.", "zx.",
                        "optional:", "vmo", "channel", "<", ">", ",", "|"}) {
    EXPECT_TRUE(d.count(t)) << t;
  }
}

}  // namespace
}  // namespace zxspec
