// zxspec_prove_bench: what `zxspec prove` costs, per encoded operation (issue 18: the curve of
// proof cost is tracked here, never in a timed test). Each operation is proved alone, one after
// the other on one thread, so its wall time is its own: building the encodings, grounding the
// quantified invariants, and the solver checks (whose sum is the "solver" column). A row that
// times out costs its whole budget and is counted unknown, never proved.
//
//   build/bench/zxspec_prove_bench [--timeout MS] [--walks N] [--paths] [--operation NAME]...
//
// The table is Markdown (README "Proof cost" keeps the last one measured). Exit status: 0, or 2
// on a bad command line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "spec/ops.h"
#include "spec/prove.h"

namespace zxspec::spec {
namespace {

struct BenchOptions {
  unsigned timeout_ms = ProveOptions{}.timeout_ms;
  size_t walks = 0;    // the solver alone, as `zxspec prove --walks 0`
  bool paths = false;  // the per-path witnesses and comparisons with model::Step too
  std::vector<std::string> operations;  // empty: every encoded operation
};

struct OpCost {
  std::string_view op;
  size_t rows = 0, proved = 0, unknown = 0, failed = 0, goals = 0;
  size_t paths = 0, paths_good = 0;
  double solver_s = 0, wall_s = 0, slowest_s = 0;
  std::string slowest;  // the row that cost the most solver time

  // |c|'s counts and times added to these; its slowest row kept if slower, named by its call.
  void Add(const OpCost& c) {
    rows += c.rows, proved += c.proved, unknown += c.unknown, failed += c.failed;
    goals += c.goals, paths += c.paths, paths_good += c.paths_good;
    solver_s += c.solver_s, wall_s += c.wall_s;
    if (c.slowest_s > slowest_s) slowest_s = c.slowest_s, slowest = std::string(c.op) + " " + c.slowest;
  }
};

OpCost Measure(const OpSpec& op, const BenchOptions& b) {
  ProveOptions o;
  o.timeout_ms = b.timeout_ms;
  o.operations = {std::string(op.name)};
  o.paths = b.paths;
  o.walks = b.walks;
  o.threads = 1;
  const auto t0 = std::chrono::steady_clock::now();
  const ProveReport r = ProveAll(o);
  OpCost c;
  c.op = op.name;
  c.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto* table : {&r.rows, &r.steps}) {
    for (const ProofRow& row : *table) {
      ++c.rows;
      c.goals += row.goals;
      c.proved += row.status == ProofStatus::kProved;
      c.unknown += row.status == ProofStatus::kUnknown;
      c.failed += row.status == ProofStatus::kCounterexample || row.status == ProofStatus::kVacuous;
      c.solver_s += row.ms / 1000;
      if (row.ms / 1000 > c.slowest_s) c.slowest_s = row.ms / 1000, c.slowest = row.invariant;
    }
  }
  for (const PathRow& p : r.paths) {
    ++c.paths;
    c.paths_good += p.good();
  }
  return c;
}

void PrintRow(const OpCost& c, bool paths) {
  std::printf("| %s | %zu | %zu | %zu | %zu | %zu | %.1f | %.1f | %s %.1f |", std::string(c.op).c_str(),
              c.rows, c.proved, c.unknown, c.failed, c.goals, c.solver_s, c.wall_s,
              c.slowest.empty() ? "-" : c.slowest.c_str(), c.slowest_s);
  if (paths) std::printf(" %zu/%zu |", c.paths_good, c.paths);
  std::printf("\n");
  std::fflush(stdout);
}

int Usage(const char* why) {
  std::fprintf(stderr,
               "zxspec_prove_bench: %s\nusage: zxspec_prove_bench [--timeout MS] [--walks N] "
               "[--paths] [--operation NAME]...\n",
               why);
  return 2;
}

// A whole decimal number in [lo, hi], or nothing.
bool ParseCount(const char* text, unsigned long long lo, unsigned long long hi,
                unsigned long long& out) {
  char* end = nullptr;
  if (text == nullptr || *text < '0' || *text > '9') return false;
  out = std::strtoull(text, &end, 10);
  return *end == '\0' && out >= lo && out <= hi;
}

int Main(int argc, char** argv) {
  BenchOptions b;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    unsigned long long n = 0;
    if (a == "--paths") {
      b.paths = true;
    } else if (a == "--timeout") {
      if (!ParseCount(value, 1, 3600000, n)) return Usage("--timeout needs milliseconds in [1, 3600000]");
      b.timeout_ms = static_cast<unsigned>(n), ++i;
    } else if (a == "--walks") {
      if (!ParseCount(value, 0, 100000, n)) return Usage("--walks needs a count in [0, 100000]");
      b.walks = n, ++i;
    } else if (a == "--operation") {
      if (value == nullptr || FindOperation(value) == nullptr) {
        return Usage("--operation needs the name of an encoded call (e.g. vmo_set_size)");
      }
      b.operations.emplace_back(value), ++i;
    } else {
      return Usage(("unknown argument '" + std::string(a) + "'").c_str());
    }
  }
  std::printf("Proof cost per operation: %u ms per solver check, %zu walks, paths %s, 1 thread.\n\n",
              b.timeout_ms, b.walks, b.paths ? "witnessed" : "not witnessed");
  std::printf("| operation | rows | proved | unknown | failed | goals | solver s | wall s | "
              "slowest row s |%s\n",
              b.paths ? " paths good |" : "");
  std::printf("|---|---|---|---|---|---|---|---|---|%s\n", b.paths ? "---|" : "");
  OpCost total;
  total.op = "total";
  for (const OpSpec& op : Operations()) {
    if (!b.operations.empty() &&
        std::find(b.operations.begin(), b.operations.end(), op.name) == b.operations.end()) {
      continue;
    }
    const OpCost c = Measure(op, b);
    PrintRow(c, b.paths);
    total.Add(c);
  }
  PrintRow(total, b.paths);
  return 0;
}

}  // namespace
}  // namespace zxspec::spec

int main(int argc, char** argv) { return zxspec::spec::Main(argc, argv); }
