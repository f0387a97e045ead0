#!/usr/bin/env bash
# Judge real implementations of entropy / cross-entropy / KL / JS by the gibbs oracle:
#
#   bash examples/peers/run_all.sh            every peer
#   bash examples/peers/run_all.sh torch-F    only the peers whose name starts with torch-F (the
#                                             others' reports are kept; the summary is rewritten)
#
# builds gibbs-conform and the C++ peers (in ${GIBBS_BUILD_DIR:-build}), runs `gibbs-conform` on
# each peer adapter of this directory (NumPy, SciPy, PyTorch from Debian's python3-numpy,
# python3-scipy, python3-torch; a naive C++ loop; gibbs's own double API; the gibbs oracle itself
# via `gibbs eval`), and writes docs/conformance/<peer>.json (the full reports), <peer>.txt (the
# tables) and docs/conformance.md (the summary the README quotes). A peer whose library is not
# installed is listed as such, never faked. SEED=… changes the cases; PYTHON=… the interpreter
# (default: Debian's /usr/bin/python3, which is where the python3-* packages install).
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${GIBBS_BUILD_DIR:-build}
seed=${SEED:-1}
py=${PYTHON:-/usr/bin/python3}
only=${1:-}
out=docs/conformance
mkdir -p "$out"

if [ ! -f "$build/build.ninja" ]; then meson setup "$build" >/dev/null || exit 2; fi
targets=(gibbs-conform gibbs)
[ -z "$only" ] && targets+=(naive_peer gibbs_peer)
meson compile -C "$build" -j 1 "${targets[@]}" >/dev/null \
  || { echo "run_all.sh: the build failed" >&2; exit 2; }
conform=$build/tools/conform/gibbs-conform
if [ ! -x "$conform" ]; then
  echo "run_all.sh: $conform is not built (is tools/conform in the top-level meson.build?)" >&2
  exit 2
fi

# The cases of torch's losses (examples/peers/torch_cases.py): every dtype, batches, reductions,
# the known defects as named cases; the oracle is asked once whether it takes label_smoothing.
torch_cases=$build/torch_cases.jsonl
if "$py" -c "import torch" 2>/dev/null; then
  "$py" examples/peers/torch_cases.py "$build/tools/cli/gibbs" "$seed" >"$torch_cases" \
    || { echo "run_all.sh: torch_cases.py failed" >&2; exit 2; }
fi
F="$py examples/peers/torch_peer.py functional"
# name | python modules needed ("" for none) | measures | command | more gibbs-conform options
peers=(
  "numpy-naive|numpy|entropy,cross_entropy,kl,js|$py examples/peers/numpy_peer.py naive"
  "numpy-logdiff|numpy|kl|$py examples/peers/numpy_peer.py logdiff"
  "scipy-rel_entr|scipy|kl,js|$py examples/peers/scipy_peer.py rel_entr"
  "scipy-entr|scipy|entropy|$py examples/peers/scipy_peer.py entr"
  "scipy-stats-entropy|scipy|entropy,kl|$py examples/peers/scipy_peer.py stats"
  "torch-kl_div|torch|kl|$py examples/peers/torch_peer.py kl_div"
  "torch-cross_entropy|torch|cross_entropy,logits_cross_entropy|$py examples/peers/torch_peer.py cross_entropy"
  "torch-F.binary_cross_entropy|torch|binary_cross_entropy|$F|--cases $torch_cases"
  "torch-F.bce_with_logits|torch|binary_cross_entropy_with_logits|$F|--cases $torch_cases"
  "torch-F.cross_entropy|torch|logits_cross_entropy|$F|--cases $torch_cases"
  "torch-F.kl_div|torch|kl|$F|--cases $torch_cases"
  "torch-F.softmax|torch|softmax|$F|--cases $torch_cases"
  "torch-F.log_softmax|torch|log_softmax|$F|--cases $torch_cases"
  "torch-F.cross_entropy_grad|torch|logits_cross_entropy_grad|$F|--cases $torch_cases"
  "torch-F.bce_with_logits_grad|torch|binary_cross_entropy_with_logits_grad|$F|--cases $torch_cases"
  "cpp-naive-loop||entropy,cross_entropy,kl,js|$build/examples/peers/naive_peer"
  "gibbs-double-api||entropy,cross_entropy,kl,js|$build/examples/peers/gibbs_peer"
  "gibbs-oracle||entropy,cross_entropy,kl,js,logits_cross_entropy|$build/tools/cli/gibbs eval"
)
for entry in "${peers[@]}"; do
  IFS='|' read -r name modules measures cmd extra <<<"$entry"
  [ -n "$only" ] && [ "${name#"$only"}" = "$name" ] && continue
  rm -f "$out/$name".{json,txt,missing}
  if [ -n "$modules" ] && ! "$py" -c "import $modules" 2>/dev/null; then
    echo "$name: python module '$modules' is not installed (apt-get install python3-$modules)" \
      | tee "$out/$name.missing"
    continue
  fi
  exe=${cmd%% *}
  if [ ! -x "$exe" ]; then
    echo "$name: $exe is not built" | tee "$out/$name.missing"
    continue
  fi
  echo "== $name"
  # shellcheck disable=SC2086 # extra is a list of options
  "$conform" --impl "exec $cmd" --measures "$measures" $extra \
    --seed "$seed" --report "$out/$name.json" >"$out/$name.txt" 2>&1
  grep -E '^(all  |PASS|FAIL)' "$out/$name.txt" | sed 's/^/   /'
done
"$py" examples/peers/make_report.py "$out" docs/conformance.md "$seed"
echo "wrote docs/conformance.md and $out/"
