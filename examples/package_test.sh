#!/usr/bin/env bash
# examples_package_test (examples/CMakeLists.txt): install the zxspec build tree BUILD into
# WORK/prefix, then configure, build and run the external project CONSUMER against it with
# find_package(zxspec CONFIG REQUIRED), and run its differential campaign twice: its own kernel
# (examples/consumer/my_kernel.h) must agree with the model for STEPS steps, and the same kernel
# with its planted bug must be caught, with a shrunk .zxs printed. First, a libraries-only configuration of SOURCE
# (tests, CLI, benchmarks and proofs off) must configure with GTest, CLI11, Google Benchmark
# and EXPAT made unfindable: it needs only the libraries' dependencies. Any failing step fails
# the test.
# Usage: package_test.sh SOURCE BUILD CONSUMER WORK CXX [LAUNCHER]
set -euo pipefail
source=$1 build=$2 consumer=$3 work=$4 cxx=$5 launcher=${6:-}
steps=10000
rm -rf "$work"
mkdir -p "$work"

# quiet LOG COMMAND...: runs COMMAND with its output in LOG, printed if it fails.
quiet() {
  local log=$1
  shift
  "$@" > "$log" 2>&1 || { cat "$log" >&2; echo "package_test: failed: $*" >&2; exit 1; }
}

quiet "$work/libonly.log" cmake -S "$source" -B "$work/libonly" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
  -DZXSPEC_BUILD_TESTS=OFF -DZXSPEC_BUILD_CLI=OFF -DZXSPEC_BUILD_BENCH=OFF \
  -DZXSPEC_BUILD_SPEC=OFF -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_CLI11=ON -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_EXPAT=ON
targets=$(ninja -C "$work/libonly" -t targets all)
for unwanted in cli/zxspec bench/zxspec_bench model/model_test spec/libzxspec_spec.a; do
  if grep -q "^$unwanted:" <<< "$targets"; then
    echo "package_test: the libraries-only configuration builds $unwanted" >&2; exit 1
  fi
done
grep -q "^refinement/libzxspec_refinement.a:" <<< "$targets" ||
  { echo "package_test: the libraries-only configuration lacks zxspec_refinement" >&2; exit 1; }
quiet "$work/install.log" cmake --install "$build" --prefix "$work/prefix"
exports=$(find "$work/prefix" -path '*/cmake/zxspec/zxspecTargets.cmake')
[ -n "$exports" ] || { echo "package_test: no zxspecTargets.cmake installed" >&2; exit 1; }
for t in api model fidl scenario props impl refinement; do
  grep -q "zxspec::$t\b" "$exports" ||
    { echo "package_test: zxspec::$t is not exported" >&2; exit 1; }
done
args=(-S "$consumer" -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
      -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_CXX_COMPILER="$cxx")
if [ -n "$launcher" ]; then args+=(-DCMAKE_CXX_COMPILER_LAUNCHER="$launcher"); fi
quiet "$work/configure.log" cmake "${args[@]}"
quiet "$work/build.log" cmake --build "$work/consumer"

# fail MESSAGE LOG: the campaign's output, then why it is wrong.
fail() { cat "$2" >&2; echo "package_test: $1" >&2; exit 1; }
"$work/consumer/consumer" "$steps" > "$work/correct.log" 2>&1 ||
  fail "the correct kernel disagrees with the model" "$work/correct.log"
grep -Eq "^campaign: $steps steps checked over [0-9]+ seeds; model and my_kernel agree" \
  "$work/correct.log" || fail "the correct kernel did not run $steps steps" "$work/correct.log"
cat "$work/correct.log"
if "$work/consumer/consumer" --planted "$steps" > "$work/planted.log" 2>&1; then
  fail "the planted bug (HANDLE-022 masked, not refused) was not caught" "$work/planted.log"
fi
# The shrunk counterexample: create a handle, then the duplicate the model refuses.
grep -Eq "^DISAGREEMENT \(outcome\) after [0-2] calls \(shrunk from [0-9]+\)" "$work/planted.log" ||
  fail "the planted bug was not reported as a shrunk outcome disagreement" "$work/planted.log"
grep -Eq "^handle_duplicate\(.*\) +-> ZX_ERR_INVALID_ARGS" "$work/planted.log" ||
  fail "the shrunk .zxs does not end in the refused handle_duplicate" "$work/planted.log"
cat "$work/planted.log"
