#!/usr/bin/env bash
# gibbs developer entry point: the two README quick-start commands, and a few more.
#
#   bash tools/dev.sh main       install what is missing, build (compiling the proofs), run the
#                                worked example and the oracle on it
#   bash tools/dev.sh test       install what is missing, build, run every test suite
#   bash tools/dev.sh sanitize   the test suites under AddressSanitizer + UBSan (build-asan/)
#   bash tools/dev.sh clang      build and test with clang++ (build-clang/)
#   bash tools/dev.sh peers      NumPy, SciPy, PyTorch and C++ peers judged by the oracle
#                                (docs/conformance.md), and the precision study plots (docs/)
#
# Debian 12 packages are installed with apt-get when missing (as root, or through sudo).
# GIBBS_BUILD_DIR overrides the build directory (default: build).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(g++ clang libclang-rt-14-dev meson ninja-build pkg-config python3 git
  libboost-dev catch2 libmpfr-dev libmpfi-dev libgmp-dev nlohmann-json3-dev libcli11-dev
  librapidcheck-dev)

install_missing() {
  local missing=() p
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "gibbs: installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo=(sudo); else
      echo "gibbs: run as root (or install sudo) to install: ${missing[*]}" >&2
      exit 1
    fi
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# configure DIR [meson options…]: set up DIR once; later calls reuse it.
configure() {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
}

# run_tests DIR: every suite; prints meson's table and a closing "N passed, N failed" line.
run_tests() {
  local dir=$1 rc=0
  meson test -C "$dir" --print-errorlogs --num-processes 2 --timeout-multiplier 4 || rc=$?
  python3 - "$dir/meson-logs/testlog.json" <<'PY'
import json, sys
ok = fail = skip = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): ok += 1
    elif r == "SKIP": skip += 1
    else: fail += 1
print(f"tests: {ok} passed, {fail} failed, {skip} skipped")
PY
  return $rc
}

build_dir=${GIBBS_BUILD_DIR:-build}
cmd=${1:-main}
case "$cmd" in
main)
  install_missing
  configure "$build_dir"
  meson compile -C "$build_dir" # compiles proofs/: a false claim fails the build
  echo "== proofs compiled: every static_assert in proofs/ holds"
  echo "== worked example: p = (0.5, 0.5), q = (0.7, 0.3)"
  "$build_dir/examples/worked_example"
  if [ -x "$build_dir/tools/cli/gibbs" ]; then
    echo "== the oracle on the worked example"
    "$build_dir/tools/cli/gibbs" kl --p 0.5,0.5 --q 0.7,0.3 --digits 40
  fi
  ;;
test)
  install_missing
  configure "$build_dir"
  meson compile -C "$build_dir"
  run_tests "$build_dir"
  ;;
sanitize)
  install_missing
  configure build-asan -Db_sanitize=address,undefined -Db_lundef=false
  meson compile -C build-asan
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 run_tests build-asan
  ;;
peers)
  install_missing python3-numpy python3-scipy python3-torch gnuplot-nox
  configure "$build_dir"
  GIBBS_BUILD_DIR=$build_dir bash examples/peers/run_all.sh
  GIBBS_BUILD_DIR=$build_dir bash examples/precision_study/run.sh
  ;;
clang)
  install_missing
  CXX=clang++ configure build-clang
  meson compile -C build-clang
  run_tests build-clang
  ;;
*)
  sed -n '2,15p' "$0"
  exit 2
  ;;
esac
