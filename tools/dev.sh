#!/usr/bin/env bash
# gibbs developer entry point: the two README quick-start commands, and a few more.
#
#   bash tools/dev.sh main       install what is missing, build (compiling the proofs), run the
#                                worked example and the oracle on it
#   bash tools/dev.sh test       install what is missing, then three stages (each runs even if an
#                                earlier one failed): format check; every suite with g++ (build/;
#                                every proof is compiled by clang++ too); every suite but the
#                                proofs with clang++ under AddressSanitizer + UBSan
#                                (build-clang/). Each run of tests is checked against its section
#                                of tests/expected_tests.txt; the wall time of each stage and the
#                                total count of tests passed and failed end the output
#   bash tools/dev.sh clang      the third stage alone: every suite but the proofs with clang++
#                                under ASan + UBSan (build-clang/)
#   bash tools/dev.sh manifest   rewrite tests/expected_tests.txt from the configured builds
#   bash tools/dev.sh peers      NumPy, SciPy, PyTorch and C++ peers judged by the oracle
#                                (docs/conformance.md), and the precision study plots (docs/)
#   bash tools/dev.sh peers-torch  only the torch.nn.functional losses (torch-F.* peers, about a
#                                minute once built); docs/conformance.md rewritten
#
# Debian 12 packages are installed with apt-get when missing (as root, or through sudo).
# GIBBS_BUILD_DIR overrides the g++ build directory (default: build); GIBBS_JOBS=N sets the
# number of compile jobs (default: ninja's).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(g++ clang clang-format-14 libclang-rt-14-dev meson ninja-build pkg-config python3 git cmake
  libboost-dev catch2 libmpfr-dev libmpfi-dev libgmp-dev nlohmann-json3-dev libsimdjson-dev
  libcli11-dev librapidcheck-dev
  pybind11-dev python3-dev python3-mesonpy python3-numpy python3-scipy python3-torch python3-pytest
  python3-hypothesis python3-sympy)

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

# run_tests DIR KIND [SUITE…]: the suites (all when none is named), meson's table and a
# "KIND: N passed, N failed" line (added to $COUNTS when set); then the check that every test tests/expected_tests.txt lists for KIND ran and passed (a suite that
# vanished from the build fails here).
run_tests() {
  local dir=$1 kind=$2 rc=0
  shift 2
  local suites=() s
  for s in "$@"; do suites+=(--suite "$s"); done
  meson test -C "$dir" --print-errorlogs --num-processes 2 --timeout-multiplier 4 "${suites[@]}" \
    || rc=$?
  python3 - "$dir/meson-logs/testlog.json" "$kind" "${COUNTS:-}" <<'PY'
import json, sys
ok = fail = skip = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): ok += 1
    elif r == "SKIP": skip += 1
    else: fail += 1
print(f"{sys.argv[2]}: {ok} passed, {fail} failed, {skip} skipped")
if sys.argv[3]:
    with open(sys.argv[3], "a") as f:
        f.write(f"{ok} {fail + skip}\n")
PY
  python3 tools/ci/check_tests.py check tests/expected_tests.txt "$kind" "$dir" "$@" || rc=1
  return $rc
}

# The clang++ build runs every suite (but the proofs, which stage 2 compiles with clang++ too)
# under AddressSanitizer and UndefinedBehaviorSanitizer: -O1 (ASan's recommended level), line
# tables only for the reports' stack traces, and every UBSan finding fatal. Compiling so costs
# about what a plain -O2 -g clang++ build does, so the sanitizers need no build of their own.
# Every program links the one shared ASan runtime (-shared-libasan, found through its rpath): the
# Python suites preload that runtime into python3 for the extension module, and the gibbs
# program they run inherits the preload, which a statically linked second runtime would abort on.
clang_options=(-Dproofs=false -Db_sanitize=address,undefined -Db_lundef=false -Doptimization=1
  -Ddebug=false "-Dcpp_args=-gline-tables-only -fno-omit-frame-pointer -fno-sanitize-recover=all")
jobs=()
[ -n "${GIBBS_JOBS:-}" ] && jobs=(-j "$GIBBS_JOBS")
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# The stages of `test` (each also a command of its own).
check_format() {
  echo "== format: every C++ file as .clang-format says"
  if python3 tools/ci/check_format.py clang-format-14 .; then
    [ -n "${COUNTS:-}" ] && echo "1 0" >>"$COUNTS"
    return 0
  fi
  [ -n "${COUNTS:-}" ] && echo "0 1" >>"$COUNTS"
  return 1
}
gcc_suites() {
  echo "== g++: every suite ($build_dir)"
  configure "$build_dir"
  meson compile -C "$build_dir" "${jobs[@]}" || return 1
  run_tests "$build_dir" gcc
}
clang_suites() {
  echo "== clang++ + ASan + UBSan: every suite but the proofs (build-clang; the proofs are compiled by clang++ in the g++ build)"
  local asan_dir opts
  asan_dir=$(dirname "$(clang++ -print-file-name=libclang_rt.asan-x86_64.so)")
  opts=("${clang_options[@]}" "-Dcpp_link_args=-shared-libasan -Wl,-rpath,$asan_dir")
  if [ -f build-clang/build.ninja ]; then
    meson configure build-clang "${opts[@]}" # a build-clang/ set up otherwise gets these options
  else
    CXX=clang++ configure build-clang "${opts[@]}"
  fi
  meson compile -C build-clang "${jobs[@]}" || return 1
  run_tests build-clang clang
}
# stage NAME FUNCTION: runs FUNCTION, appends "NAME: N s" to $TIMES.
stage() {
  local name=$1 start rc=0
  shift
  start=$(date +%s)
  "$@" || rc=$?
  printf '%-24s %5d s%s\n' "$name" $(($(date +%s) - start)) "$([ $rc -eq 0 ] || echo '  FAILED')" \
    >>"$TIMES"
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
  echo "== the oracle on the worked example"
  "$build_dir/tools/cli/gibbs" kl --p 0.5,0.5 --q 0.7,0.3 --digits 40
  echo "== the Python package (build/python), from Debian's python3"
  PYTHONPATH="$build_dir/python" /usr/bin/python3 -c \
    'import gibbs; r = gibbs.kl([0.5, 0.5], [0.7, 0.3]); print("gibbs.kl([0.5, 0.5], [0.7, 0.3]) =", r)'
  echo "   use it with: PYTHONPATH=$build_dir/python /usr/bin/python3"
  ;;
test)
  install_missing
  rc=0
  COUNTS=$(mktemp)
  TIMES=$(mktemp)
  stage format check_format || rc=1
  stage "g++ build + tests" gcc_suites || rc=1
  stage "clang++ build + tests" clang_suites || rc=1
  echo "== wall time per stage"
  cat "$TIMES"
  [ $rc -eq 0 ] && echo "== every test run passed its manifest check" || echo "== some test run FAILED"
  awk '{ok += $1; bad += $2} END {printf "tests: %d passed, %d failed\n", ok, bad}' "$COUNTS"
  rm -f "$COUNTS" "$TIMES"
  exit $rc
  ;;
peers)
  install_missing python3-numpy python3-scipy python3-torch gnuplot-nox
  configure "$build_dir"
  GIBBS_BUILD_DIR=$build_dir bash examples/peers/run_all.sh
  GIBBS_BUILD_DIR=$build_dir bash examples/precision_study/run.sh
  ;;
peers-torch)
  install_missing python3-torch
  configure "$build_dir"
  GIBBS_BUILD_DIR=$build_dir bash examples/peers/run_all.sh torch-F
  ;;
clang)
  install_missing
  clang_suites
  ;;
manifest)
  # After adding or removing a test: list what each configured build declares.
  for kind_dir in "gcc:$build_dir" clang:build-clang; do
    kind=${kind_dir%%:*} dir=${kind_dir#*:}
    [ -f "$dir/build.ninja" ] || continue
    python3 tools/ci/check_tests.py write tests/expected_tests.txt "$kind" "$dir"
  done
  ;;
*)
  sed -n '2,/^set -euo pipefail/{/^set -euo/!p}' "$0" # the header comment
  exit 2
  ;;
esac
