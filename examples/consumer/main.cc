// examples/consumer/main.cc: what a project built against the installed zxspec package can do.
// 1. Run a .zxs scenario on the reference model (zxspec::scenario, zxspec::model).
// 2. Run the differential campaign of the optimized implementation against the model
//    (zxspec::refinement), and print a disagreement as a replayable .zxs.
// Exit 0 when the scenario passes and the two sides agree, 1 otherwise.
#include <cstdio>

#include "model/model.h"
#include "refinement/generated_calls.h"
#include "refinement/run_diff.h"
#include "refinement/zxs.h"
#include "scenario/runner.h"

namespace {

// VMO-017 (size of a new VMO), VMO-024/VMO-025 (read sees the write), HANDLE-011 (closing a
// handle twice: the second close finds no live handle).
constexpr char kScenario[] = R"(v = vmo_create(4096, 0)
vmo_get_size(v)            -> ZX_OK 4096
vmo_write(v, 0, "hello")
vmo_read(v, 0, 5)          -> ZX_OK "hello"
handle_close(v)
handle_close(v)            -> ZX_ERR_BAD_HANDLE
)";

}  // namespace

int main() {
  zxspec::model::ModelKernel model;
  zxspec::scenario::RunReport run =
      zxspec::scenario::RunSource(kScenario, "consumer.zxs", model, nullptr, {});
  std::printf("%s\n", run.Describe().c_str());
  if (run.verdict != zxspec::scenario::Verdict::kPass) return 1;

  zxspec::refinement::GeneratedCalls calls;
  zxspec::refinement::DiffReport diff = zxspec::refinement::RunDiff(1, 300, calls, 1);
  std::printf("diff: %zu calls checked, %zu skipped\n", diff.steps_run, diff.skipped);
  if (diff.first) {
    std::printf("%s", zxspec::refinement::ScenarioOf(diff).text.c_str());
    return 1;
  }
  return diff.steps_run > 0 ? 0 : 1;
}
