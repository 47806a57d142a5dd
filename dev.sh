#!/usr/bin/env bash
# zxspec developer entry point. Does all set-up itself on a fresh Debian machine:
# installs the Debian packages it needs (apt-get, as root or through sudo), configures with
# CMake + Ninja, builds, then runs what was asked.
#
#   ./dev.sh verify [zxspec verify options]   the main job: `zxspec verify`
#   ./dev.sh test   [ctest options]           build and run every test (ctest)
#   ./dev.sh build                            set up and build only
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake ninja-build g++ pkg-config
          libgtest-dev libgmock-dev librapidcheck-dev libz3-dev libcli11-dev
          nlohmann-json3-dev libfmt-dev libbenchmark-dev libexpat1-dev)
BUILD_DIR=${ZXSPEC_BUILD_DIR:-build}

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
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZXSPEC_WERROR=ON
  fi
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

cmd=${1:-test}
shift || true
case "$cmd" in
  build) build ;;
  verify) build; exec "$BUILD_DIR/cli/zxspec" verify "$@" ;;
  test) build; exec ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" "$@" ;;
  *) echo "usage: ./dev.sh verify|test|build" >&2; exit 2 ;;
esac
