#include "cli/rules.h"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace zxspec::cli {
namespace {

namespace fs = std::filesystem;

// The folders searched for citations, in the order they are reported.
constexpr const char* kParts[] = {"api",      "model",    "impl",  "spec", "props",
                                  "refinement", "scenario", "fidl", "cli",  "bench",
                                  "scenarios", "docs"};

bool IsIdChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

// Whether |line| names |id| as a whole word at |at|; with |group|, a member (id + letter) too.
bool NamesAt(std::string_view line, size_t at, std::string_view id, bool group) {
  if (at > 0 && IsIdChar(line[at - 1])) return false;
  size_t end = at + id.size();
  if (group && end < line.size() && std::islower(static_cast<unsigned char>(line[end])) != 0) {
    ++end;
  }
  return end >= line.size() || !(std::isalnum(static_cast<unsigned char>(line[end])) != 0 ||
                                 line[end] == '_');
}

bool Names(std::string_view line, std::string_view id, bool group) {
  for (size_t at = line.find(id); at != std::string_view::npos; at = line.find(id, at + 1)) {
    if (NamesAt(line, at, id, group)) return true;
  }
  return false;
}

std::vector<std::string> Lines(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file, std::ios::binary);
  for (std::string line; std::getline(in, line);) out.push_back(std::move(line));
  return out;
}

// The id a rulebook line opens a rule with ("**VMO-042 (title).**" -> "VMO-042"), or "".
std::string RuleIdOpening(std::string_view line) {
  if (line.substr(0, 2) != "**") return "";
  size_t end = 2;
  while (end < line.size() && IsIdChar(line[end])) ++end;
  std::string_view id = line.substr(2, end - 2);
  return IsRuleId(id) ? std::string(id) : "";
}

bool EndsRule(std::string_view line) {
  return !RuleIdOpening(line).empty() || line.substr(0, 1) == "#" || line.substr(0, 3) == "---";
}

std::vector<fs::path> RulebookFiles(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root / "docs" / "rules", ec)) {
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Trim(std::string s) {
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), space));
  s.erase(std::find_if_not(s.rbegin(), s.rend(), space).base(), s.end());
  return s;
}

}  // namespace

bool IsRuleId(std::string_view id) {
  size_t i = 0;
  while (i < id.size() && std::isupper(static_cast<unsigned char>(id[i])) != 0) ++i;
  if (i == 0 || i >= id.size() || id[i] != '-') return false;
  size_t digits = ++i;
  while (i < id.size() && std::isdigit(static_cast<unsigned char>(id[i])) != 0) ++i;
  if (i == digits) return false;
  if (i < id.size() && std::islower(static_cast<unsigned char>(id[i])) != 0) ++i;
  return i == id.size();
}

std::vector<RuleText> FindRules(const fs::path& root, std::string_view id) {
  std::vector<RuleText> exact, members;
  for (const auto& file : RulebookFiles(root)) {
    const auto lines = Lines(file);
    std::string section;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].rfind("## ", 0) == 0) section = Trim(lines[i].substr(3));
      const std::string opened = RuleIdOpening(lines[i]);
      const bool member = opened.size() == id.size() + 1 && opened.rfind(id, 0) == 0;
      if (opened != id && !member) continue;
      RuleText r{opened, fs::relative(file, root).string(), static_cast<int>(i + 1), section, ""};
      for (size_t k = i; k < lines.size() && (k == i || !EndsRule(lines[k])); ++k) {
        r.text += lines[k] + "\n";
      }
      r.text = Trim(r.text) + "\n";
      (member ? members : exact).push_back(std::move(r));
    }
  }
  return exact.empty() ? members : exact;
}

std::vector<Citation> FindCitations(const fs::path& root, std::string_view id) {
  const std::vector<RuleText> rules = FindRules(root, id);
  const bool group = !rules.empty() && rules.front().id != id;
  // The rule's own paragraphs are its text, not citations.
  auto own = [&](const std::string& file, int line) {
    for (const auto& r : rules) {
      int last = r.line + static_cast<int>(std::count(r.text.begin(), r.text.end(), '\n')) - 1;
      if (r.file == file && line >= r.line && line <= last) return true;
    }
    return false;
  };
  std::vector<Citation> out;
  for (const char* part : kParts) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root / part, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string ext = it->path().extension().string();
      if (it->is_regular_file() &&
          (ext == ".cc" || ext == ".h" || ext == ".zxs" || ext == ".md" || ext == ".txt")) {
        files.push_back(it->path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      const std::string rel = fs::relative(f, root).string();
      const bool test = f.filename().string().ends_with("_test.cc");
      const auto lines = Lines(f);
      for (size_t i = 0; i < lines.size(); ++i) {
        if (!Names(lines[i], id, group) || own(rel, static_cast<int>(i + 1))) continue;
        out.push_back({test ? "tests" : part, rel, static_cast<int>(i + 1), Trim(lines[i])});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Citation& a, const Citation& b) {
    return (a.part == "tests") < (b.part == "tests");
  });
  return out;
}

}  // namespace zxspec::cli
