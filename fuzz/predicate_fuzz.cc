// Fuzz target: the predicate parser of `zxspec reach` / `prove --assert` (spec/predicate.h) on
// any bytes. Oracles: it ends (no crash, no sanitizer report, bounded stack through the nesting
// and token limits); an error is "<fuzz>:LINE:COLUMN: message" with the line within the input
// and a UTF-8 message; a predicate it accepts compiles to a Formula over a state (the checker's
// promise that every accepted tree has a type and a meaning), as a state and as a step
// predicate.
#include <cstdio>
#include <string>
#include <string_view>

#include "api/format.h"
#include "fuzz/fuzz_target.h"
#include "spec/predicate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zxspec;
  fuzz::InputBudget budget;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool two_state : {false, true}) {
    std::string error;
    auto p = spec::Predicate::Parse(text, "<fuzz>", two_state, &error);
    if (p != nullptr) {
      if (!error.empty()) fuzz::Finding("accepted with an error message: " + error);
      z3::context c;
      spec::SymState pre = spec::SymState::Fresh(c, "pre"), post = spec::SymState::Fresh(c, "post");
      (void)(two_state ? p->Over(pre, post) : p->Over(post));
      continue;
    }
    int line = 0, col = 0;
    size_t lines = 1;
    for (char ch : text) lines += ch == '\n';
    if (std::sscanf(error.c_str(), "<fuzz>:%d:%d:", &line, &col) != 2 || line < 1 ||
        static_cast<size_t>(line) > lines || col < 1) {
      fuzz::Finding("error without a place in the input: " + EscapeInvalidUtf8(error));
    }
    if (EscapeInvalidUtf8(error) != error) fuzz::Finding("error is not UTF-8: " + EscapeInvalidUtf8(error));
  }
  return 0;
}
