// examples/consumer/main.cc: what a project built against the installed zxspec package can do.
// 1. Run a .zxs scenario on the reference model (zxspec::scenario, zxspec::model).
// 2. Run the differential campaign of its own kernel (my_kernel.h, through the Kernel
//    interface) against the model (zxspec::refinement), and print a disagreement as a shrunk,
//    replayable .zxs. MyKernel has no abstraction to model::State, so outcomes and its
//    CheckInvariants() are compared on every step.
// Usage: consumer [--planted] [STEPS]. --planted tests MyKernel with its planted bug.
// Exit 0 when the scenario passes and the model and the kernel agree on every step, 1 otherwise.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "my_kernel.h"
#include "refinement/generated_calls.h"
#include "refinement/run_diff.h"
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

int main(int argc, char** argv) {
  const bool planted = argc > 1 && std::string_view(argv[1]) == "--planted";
  const int steps_arg = argc > 1 + planted ? std::atoi(argv[1 + planted]) : 0;
  const size_t steps = steps_arg > 0 ? static_cast<size_t>(steps_arg) : 10000;

  zxspec::model::ModelKernel model;
  zxspec::scenario::RunReport run =
      zxspec::scenario::RunSource(kScenario, "consumer.zxs", model, nullptr, {});
  std::printf("%s\n", run.Describe().c_str());
  if (run.verdict != zxspec::scenario::Verdict::kPass) return 1;

  // The kernel under test: a factory (every shrinking replay starts from a fresh kernel) and no
  // abstraction (outcomes only).
  zxspec::refinement::Target target;
  target.make = [planted] { return std::make_unique<consumer::MyKernel>(planted); };
  // A run ends early when the generated calls kill the initial process; the campaign goes on
  // with the next seed until |steps| calls were checked or one disagrees.
  size_t checked = 0;
  uint64_t seed = 1;
  for (; checked < steps; ++seed) {
    zxspec::refinement::GeneratedCalls calls;
    zxspec::refinement::DiffReport diff = zxspec::refinement::RunDiff(
        seed, steps - checked, calls, zxspec::refinement::DiffOptions{}, target);
    checked += diff.steps_run;
    if (diff.first || diff.steps_run == 0) {
      std::printf("%s", zxspec::refinement::FormatReport(diff).c_str());
      return 1;
    }
  }
  std::printf("campaign: %zu steps checked over %llu seeds; model and my_kernel agree\n", checked,
              static_cast<unsigned long long>(seed - 1));
  return 0;
}
