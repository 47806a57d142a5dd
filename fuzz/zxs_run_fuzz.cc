// Fuzz target: the scenario runner (scenario/runner.h) on the model and the implementation in
// lock-step (`zxspec run --target both`), on any bytes. Oracles: the run ends with a verdict (no
// crash, no sanitizer report, no exception, allocation bounded by the input's memory
// allowance); the two targets never disagree; neither target's invariants break, whether the
// scenario asks (check_invariants()) or not (checked after the run); the report goes into the
// JSON of `zxspec run --json` (cli::ScenarioSummary::ToJson) without an exception, whatever
// bytes the file held (a raw non-UTF-8 line used to abort it).
#include <string>
#include <string_view>

#include "cli/scenario_files.h"
#include "fuzz/fuzz_target.h"
#include "impl/kernel.h"
#include "model/model.h"
#include "scenario/runner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zxspec;
  fuzz::InputBudget budget;
  std::string_view src(reinterpret_cast<const char*>(data), size);
  model::ModelKernel model;
  impl::ImplKernel impl;
  scenario::RunReport r =
      scenario::RunSource(src, "fuzz.zxs", model, &impl, scenario::RunOptions{true});
  try {
    cli::ScenarioSummary summary;
    summary.reports.push_back(r);
    (void)summary.ToJson().dump();
  } catch (const std::exception& e) {
    fuzz::Finding(std::string("the JSON report throws: ") + e.what());
  }
  const std::string& m = r.message;
  if (m.starts_with("targets disagree") || m.starts_with("invariant violated")) {
    fuzz::Finding("line " + std::to_string(r.line) + ": " + m);
  }
  if (r.verdict == scenario::Verdict::kError && m.find("memory") != std::string::npos) {
    return 0;  // stopped inside a call by the memory budget: the states may be partial
  }
  for (const Kernel* k : {static_cast<const Kernel*>(&model), static_cast<const Kernel*>(&impl)}) {
    for (const std::string& bad : k->CheckInvariants()) {
      fuzz::Finding(std::string(k->Name()) + " invariant violated after line " +
                    std::to_string(r.line) + ": " + bad);
    }
  }
  return 0;
}
