// Fuzz target: the FTP-028 handle-type parser (fidl/handle_type.cc, fidl::ParseHandleType) on
// any bytes. Oracles: it ends (no crash, no sanitizer report); an error says "column N: ..."
// with N from 1 to one past the end, in valid UTF-8 (the parser quotes what it found); a
// success leaves no error message.
#include <string>
#include <string_view>

#include "api/format.h"
#include "fidl/fidl.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zxspec;
  fuzz::InputBudget budget;
  std::string_view decl(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto r = fidl::ParseHandleType(decl, &error);
  if (r.is_ok()) {
    if (!error.empty()) fuzz::Finding("success with an error message: " + error);
    return 0;
  }
  if (r.status_value() != ZX_ERR_INVALID_ARGS) fuzz::Finding("status other than INVALID_ARGS");
  size_t col = 0;
  if (!error.starts_with("column ") ||
      std::sscanf(error.c_str(), "column %zu:", &col) != 1 || col < 1 || col > size + 1) {
    fuzz::Finding("error without a column in 1.." + std::to_string(size + 1) + ": " +
                  EscapeInvalidUtf8(error));
  }
  if (EscapeInvalidUtf8(error) != error) {
    fuzz::Finding("error message is not UTF-8: " + EscapeInvalidUtf8(error));
  }
  return 0;
}
