#include "cli/options.h"

#include <cmath>
#include <cstdlib>

#include "cli/exit_codes.h"

namespace zxspec::cli {

std::optional<uint64_t> ParseUnsigned(const std::string& text) {
  const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  const size_t start = hex ? 2 : 0;
  const uint64_t base = hex ? 16 : 10;
  if (text.size() <= start) return std::nullopt;
  uint64_t value = 0;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    uint64_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<uint64_t>(c - '0');
    } else if (hex && c >= 'a' && c <= 'f') {
      digit = static_cast<uint64_t>(c - 'a' + 10);
    } else if (hex && c >= 'A' && c <= 'F') {
      digit = static_cast<uint64_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / base) return std::nullopt;
    value = value * base + digit;
  }
  return value;
}

CLI::Validator UnsignedIn(uint64_t lo, uint64_t hi) {
  const std::string range = "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        auto v = ParseUnsigned(text);
        if (!v || *v < lo || *v > hi) return "'" + text + "' is not an integer in " + range;
        text = std::to_string(*v);
        return "";
      },
      "INT in " + range);
}

CLI::Validator FiniteNonNegative() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || v < 0) {
          return "'" + text + "' is not a finite number >= 0";
        }
        return "";
      },
      "SECONDS >= 0");
}

CLI::Option* AddListOption(CLI::App* cmd, const std::string& name,
                           std::vector<std::string>& values, const std::string& description) {
  return cmd->add_option(name, values, description + " (repeatable, or comma-separated)")
      ->delimiter(',');
}

CLI::Option* AddJunitOption(CLI::App* cmd, std::string& path) {
  return cmd->add_option("--junit", path,
                         "also write a JUnit XML report to FILE (for CI report ingesters)");
}

void AddExitCodeFooter(CLI::App* cmd) { cmd->footer(kExitCodeHelp); }

}  // namespace zxspec::cli
