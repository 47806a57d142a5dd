// Fuzz target: the .zxs lexer and parser (scenario/lexer.h, scenario/parser.h) on any bytes.
// Oracles: parsing ends (no crash, no sanitizer report, bounded stack through the nesting limit,
// bounded time through the line-at-a-time parser); a diagnostic points into the file (line 1 to
// one past the last line, column 1 to one past the line's end, or the line-length limit) and
// its message is valid UTF-8 (it reaches JSON reports); every parsed statement keeps its line.
#include <string>
#include <string_view>

#include "api/format.h"
#include "fuzz/fuzz_target.h"
#include "scenario/limits.h"
#include "scenario/parser.h"

namespace zxspec::fuzz {
namespace {

int LineCount(std::string_view s) {
  int lines = 1;
  for (char c : s) lines += c == '\n';
  return lines;
}

void CheckDiagnostic(std::string_view src, const scenario::Diagnostic& d) {
  const int lines = LineCount(src);
  if (d.pos.line < 1 || d.pos.line > lines) {
    Finding("diagnostic line " + std::to_string(d.pos.line) + " outside 1.." +
            std::to_string(lines) + ": " + d.message);
  }
  // The line's length: the column may be one past its end (end of line), or the limit + 1.
  size_t start = 0;
  for (int l = 1; l < d.pos.line; ++l) start = src.find('\n', start) + 1;
  size_t end = std::min(src.find('\n', start), src.size());
  const size_t max_col = std::min(end - start, scenario::kMaxLineBytes) + 1;
  if (d.pos.col < 1 || static_cast<size_t>(d.pos.col) > max_col) {
    Finding("diagnostic column " + std::to_string(d.pos.col) + " outside 1.." +
            std::to_string(max_col) + " on line " + std::to_string(d.pos.line) + ": " + d.message);
  }
  if (EscapeInvalidUtf8(d.message) != d.message) Finding("diagnostic is not UTF-8: " + d.message);
  if (d.message.empty()) Finding("diagnostic without a message");
}

}  // namespace
}  // namespace zxspec::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zxspec;
  fuzz::InputBudget budget;
  std::string_view src(reinterpret_cast<const char*>(data), size);
  auto parsed = scenario::Parse(src, "fuzz.zxs");
  if (const auto* d = std::get_if<scenario::Diagnostic>(&parsed)) {
    fuzz::CheckDiagnostic(src, *d);
    return 0;
  }
  const int lines = fuzz::LineCount(src);
  for (const auto& st : std::get<scenario::Program>(parsed).statements) {
    if (st.pos.line < 1 || st.pos.line > lines || st.call == nullptr) {
      fuzz::Finding("statement at line " + std::to_string(st.pos.line) + " of " +
                    std::to_string(lines));
    }
  }
  return 0;
}
