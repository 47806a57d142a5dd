// The repository stands on its own (issue 11): every relative link of README.md, DEVELOPERS.md
// and docs/**/*.md resolves to a file or folder inside the repository, and no file of the
// project points outside it to the old shared folder (the rulebook and the scenario format live
// in docs/ now).
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::weakly_canonical(ZXSPEC_SOURCE_DIR);

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> Documents() {
  std::vector<fs::path> out = {kRoot / "README.md", kRoot / "DEVELOPERS.md"};
  for (const auto& e : fs::recursive_directory_iterator(kRoot / "docs")) {
    if (e.is_regular_file() && e.path().extension() == ".md") out.push_back(e.path());
  }
  return out;
}

// The targets of inline links [text](target "title") and reference links [id]: target.
std::vector<std::string> LinkTargets(const std::string& text) {
  static const std::regex inline_link(R"(\]\(\s*<?([^)\s>]+)>?(\s+"[^"]*")?\s*\))");
  static const std::regex reference(R"((^|\n)\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+))");
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), inline_link), end; it != end; ++it) {
    out.push_back((*it)[1]);
  }
  for (std::sregex_iterator it(text.begin(), text.end(), reference), end; it != end; ++it) {
    out.push_back((*it)[2]);
  }
  return out;
}

bool Relative(const std::string& target) {
  return target.find("://") == std::string::npos && target.rfind("mailto:", 0) != 0 &&
         target[0] != '#';
}

TEST(DocsLinks, ParserFindsInlineAndReferenceLinks) {
  auto t = LinkTargets("see [a](x/y.md#sec) and [b](<z.md> \"t\") and [c](#local)\n"
                       "[ref]: docs/rules/\n[web](https://example.org/a)\n");
  EXPECT_EQ(t, (std::vector<std::string>{"x/y.md#sec", "z.md", "#local",
                                         "https://example.org/a", "docs/rules/"}));
}

TEST(DocsLinks, EveryRelativeLinkResolvesInsideTheRepository) {
  size_t checked = 0;
  for (const auto& doc : Documents()) {
    for (std::string target : LinkTargets(Read(doc))) {
      if (!Relative(target)) continue;
      target = target.substr(0, target.find('#'));
      const fs::path resolved = fs::weakly_canonical(doc.parent_path() / target);
      const std::string where = fs::relative(doc, kRoot).string() + ": " + target;
      EXPECT_TRUE(fs::exists(resolved)) << where << " does not exist";
      const auto rel = fs::relative(resolved, kRoot).string();
      EXPECT_FALSE(rel.empty() || rel.rfind("..", 0) == 0) << where << " leaves the repository";
      ++checked;
    }
  }
  EXPECT_GT(checked, 10u);  // README and docs do link to each other
}

TEST(DocsLinks, NothingPointsToTheOldSharedFolder) {
  for (const char* part : {"api", "model", "impl", "spec", "props", "refinement", "scenario",
                           "scenarios", "fidl", "cli", "bench", "docs", ".ci", "cmake"}) {
    if (!fs::exists(kRoot / part)) continue;
    for (const auto& e : fs::recursive_directory_iterator(kRoot / part)) {
      if (!e.is_regular_file() || e.path().filename() == "links_test.cc") continue;
      const std::string text = Read(e.path());
      for (const char* old : {"../shared/", "/work/shared"}) {
        EXPECT_EQ(text.find(old), std::string::npos)
            << fs::relative(e.path(), kRoot).string() << " names " << old;
      }
    }
  }
  for (const char* top : {"README.md", "DEVELOPERS.md", "CMakeLists.txt", "dev.sh"}) {
    EXPECT_EQ(Read(kRoot / top).find("../shared/"), std::string::npos) << top;
  }
}

}  // namespace
