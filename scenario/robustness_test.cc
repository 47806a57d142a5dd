// Bad input never crashes the scenario tool: random bytes, and random sequences of plausible
// tokens, always give a verdict (pass, fail, error) — never an abort.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "model/model.h"
#include "scenario/runner.h"

namespace zxspec::scenario {
namespace {

RunReport RunOnModel(const std::string& src) {
  model::ModelKernel k;
  return RunSource(src, "fuzz.zxs", k, nullptr, RunOptions{});
}

RC_GTEST_PROP(ScenarioRobustness, RandomBytesGiveAVerdict, (const std::string& src)) {
  RunReport r = RunOnModel(src);
  RC_ASSERT(r.ExitCode() == 0 || r.ExitCode() == 1 || r.ExitCode() == 2);
  if (r.verdict == Verdict::kError) RC_ASSERT(r.line >= 0);
}

RC_GTEST_PROP(ScenarioRobustness, RandomTokenSoupGivesAVerdict, ()) {
  static const std::vector<std::string> kPieces = {
      "v", " = ", "vmo_create", "(", ")", ", ", "4096", "0", "UINT64_MAX", "RESIZABLE", "|",
      " -> ", "ZX_OK", "ZX_ERR_BAD_HANDLE", "\n", "vmo_read", "vmo_write", "\"ab\"", "zeros(",
      "{", "}", "flags", ": ", "+", "-", "[", "]", "_", "@", "self", "object_get_info", "VMO",
      "0xFFFFFFFFFFFFFFFF", "18446744073709551616", "handle_close", "vmo_set_size", "any", "#",
      "\"", "\\x4", "K", "check_invariants", "stream_seek", "END", "vmo_get_size"};
  auto parts = *rc::gen::container<std::vector<size_t>>(
      rc::gen::inRange<size_t>(0, kPieces.size()));
  std::string src;
  for (size_t i : parts) src += kPieces[i];
  RunReport r = RunOnModel(src);
  RC_ASSERT(r.ExitCode() == 0 || r.ExitCode() == 1 || r.ExitCode() == 2);
}

}  // namespace
}  // namespace zxspec::scenario
