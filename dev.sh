#!/usr/bin/env bash
# zxspec developer entry point. Does all set-up itself on a fresh Debian machine:
# installs the Debian packages it needs (apt-get, as root or through sudo), configures with
# CMake + Ninja, builds, then runs what was asked.
#
#   ./dev.sh verify [zxspec verify options]   the main job: `zxspec verify`
#   ./dev.sh test   [ctest options]           build and run every test (ctest), then the
#                                             sanitizer stage (README "Sanitizers and fuzzing")
#   ./dev.sh build                            set up and build only
#   ./dev.sh fuzz   [TARGET|all] [RUNS]       opt-in long libFuzzer run, RUNS executions per
#                                             target (default 10000000), under ASan+UBSan
#
# ZXSPEC_SKIP_SANITIZE=1 skips the sanitizer stage of `test` (local quick runs; CI runs it).
# ZXSPEC_UNITY=0 configures a new build directory without the unity build of the libraries
# (CMake option ZXSPEC_UNITY_BUILD: a from-scratch build takes about a third less, but an edit
# recompiles the whole batch of 8 sources it is in); an existing directory keeps its setting.
set -euo pipefail
cd "$(dirname "$0")"

# clang: the sanitizer stage (ASan+UBSan builds, libFuzzer ships with it).
PACKAGES=(cmake ninja-build g++ clang pkg-config
          libgtest-dev libgmock-dev librapidcheck-dev libz3-dev libcli11-dev
          nlohmann-json3-dev libfmt-dev libbenchmark-dev libexpat1-dev)
BUILD_DIR=${ZXSPEC_BUILD_DIR:-build}
UNITY=$([ "${ZXSPEC_UNITY:-1}" = 0 ] && echo OFF || echo ON)
ASAN_DIR=${ZXSPEC_ASAN_BUILD_DIR:-build-asan}
# The sanitizer stage runs every kind of test but the Z3 proofs and the property suites (see
# README "Sanitizers and fuzzing"); each fuzz target runs its corpus, its crash inputs and
# ASAN_FUZZ_RUNS fresh libFuzzer executions.
ASAN_LABELS=(unit scenario cli fuzz docs)
ASAN_FUZZ_RUNS=${ZXSPEC_CI_FUZZ_RUNS:-2000}  # diff_fuzz: ~40 executions/s under ASan
FUZZ_TARGETS=(handle_type_fuzz check_report_fuzz zxs_parse_fuzz diff_fuzz zxs_run_fuzz)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

build() {
  install_packages
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    # -g1 (line tables, function names): stack traces keep their lines, and compiling takes a
    # quarter less than with -g (measured on cli/cmd_verify.cc). For a debugger, configure a
    # build of your own with -DCMAKE_BUILD_TYPE=Debug.
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZXSPEC_WERROR=ON \
          -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DZXSPEC_UNITY_BUILD="$UNITY"
  fi
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

# The ASan+UBSan build with libFuzzer (clang), building only what its tests run (|$@|: the
# tests_<label> or fuzz targets).
build_asan() {
  install_packages
  if [ ! -f "$ASAN_DIR/build.ninja" ]; then
    # -O1 and line tables only: a fifth less compile time than -O2 -g, stack traces keep lines.
    cmake -S . -B "$ASAN_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZXSPEC_WERROR=ON \
          -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
          -DCMAKE_CXX_COMPILER=clang++ -DZXSPEC_SANITIZE=address,undefined -DZXSPEC_FUZZ=ON \
          -DZXSPEC_FUZZ_RUNS="$ASAN_FUZZ_RUNS" -DZXSPEC_UNITY_BUILD="$UNITY"
  fi
  cmake --build "$ASAN_DIR" -j "$(nproc)" --target "$@"
}

sanitize_stage() {
  local start=$SECONDS targets=() labels
  for l in "${ASAN_LABELS[@]}"; do targets+=("tests_$l"); done
  labels=$(IFS='|'; echo "${ASAN_LABELS[*]}")
  echo "dev.sh: sanitizer stage (ASan+UBSan, libFuzzer) in $ASAN_DIR" >&2
  build_asan "${targets[@]}"
  echo "dev.sh: sanitizer build took $((SECONDS - start)) s" >&2
  ctest --test-dir "$ASAN_DIR" --output-on-failure -j "$(nproc)" -L "^(${labels})\$"
  echo "dev.sh: sanitizer stage took $((SECONDS - start)) s" >&2
}

# Long fuzzing: one target at a time, RUNS executions each, with the target's ctest arguments
# (dictionary, input size, corpus; new inputs go to $ASAN_DIR/fuzz/new-TARGET, a finding to
# $ASAN_DIR/fuzz/crash-*). Final statistics (executions, coverage) are printed by libFuzzer.
fuzz() {
  local which=${1:-all} runs=${2:-10000000} targets=()
  if [ "$which" = all ]; then targets=("${FUZZ_TARGETS[@]}"); else targets=("$which"); fi
  build_asan "${targets[@]}"
  for t in "${targets[@]}"; do
    local args=()
    mapfile -t args < "$ASAN_DIR/fuzz/$t.args"
    echo "dev.sh: fuzzing $t for $runs executions" >&2
    "$ASAN_DIR/fuzz/$t" "${args[@]}" -runs="$runs" -print_final_stats=1
  done
}

cmd=${1:-test}
shift || true
case "$cmd" in
  build) build ;;
  verify) build; exec "$BUILD_DIR/cli/zxspec" verify "$@" ;;
  test)
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" "$@"
    if [ "${ZXSPEC_SKIP_SANITIZE:-0}" != 1 ]; then sanitize_stage; fi ;;
  fuzz) fuzz "$@" ;;
  *) echo "usage: ./dev.sh verify|test|build|fuzz" >&2; exit 2 ;;
esac
