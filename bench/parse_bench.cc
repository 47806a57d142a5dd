// Large valid scenarios are linear (issue 12): parsing and running a scenario of simple lines
// takes time proportional to its size. Sizes 1, 2, 4 and 8 MB; Google Benchmark fits the
// complexity (expect "BigO ... N"), and `bytes_per_second` stays flat across the sizes.
//
//   build/bench/zxspec_bench --benchmark_filter=Scenario
#include <benchmark/benchmark.h>

#include <string>
#include <variant>

#include "impl/kernel.h"
#include "model/model.h"
#include "scenario/parser.h"
#include "scenario/runner.h"

namespace zxspec {
namespace {

// A scenario of about |bytes| bytes: one VMO, then writes and checked reads of it.
std::string SimpleScenario(size_t bytes) {
  std::string src = "v = vmo_create(4096, 0)\n";
  while (src.size() < bytes) {
    src += "vmo_write(v, 8, \"hello\")\nvmo_read(v, 8, 5) -> ZX_OK \"hello\"\n";
  }
  return src;
}

void BM_ParseScenario(benchmark::State& state) {
  const std::string src = SimpleScenario(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    auto program = scenario::Parse(src, "big.zxs");
    if (!std::holds_alternative<scenario::Program>(program)) state.SkipWithError("parse error");
    benchmark::DoNotOptimize(program);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(src.size()));
  state.SetComplexityN(state.range(0));
}

void BM_RunScenarioBoth(benchmark::State& state) {
  const std::string src = SimpleScenario(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    model::ModelKernel model;
    impl::ImplKernel impl;
    auto r = scenario::RunSource(src, "big.zxs", model, &impl, {});
    if (r.verdict != scenario::Verdict::kPass) state.SkipWithError("scenario did not pass");
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(src.size()));
  state.SetComplexityN(state.range(0));
}

BENCHMARK(BM_ParseScenario)->RangeMultiplier(2)->Range(1 << 20, 8 << 20)->Unit(
    benchmark::kMillisecond)->Complexity();
BENCHMARK(BM_RunScenarioBoth)->RangeMultiplier(2)->Range(1 << 20, 8 << 20)->Unit(
    benchmark::kMillisecond)->Complexity();

}  // namespace
}  // namespace zxspec
