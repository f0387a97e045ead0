#!/usr/bin/env bash
# Judge real implementations of entropy / cross-entropy / KL / JS by the gibbs oracle:
#
#   bash examples/peers/run_all.sh
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
out=docs/conformance
mkdir -p "$out"

if [ ! -f "$build/build.ninja" ]; then meson setup "$build" >/dev/null || exit 2; fi
meson compile -C "$build" gibbs-conform naive_peer gibbs_peer gibbs >/dev/null \
  || { echo "run_all.sh: the build failed" >&2; exit 2; }
conform=$build/tools/conform/gibbs-conform
if [ ! -x "$conform" ]; then
  echo "run_all.sh: $conform is not built (is tools/conform in the top-level meson.build?)" >&2
  exit 2
fi

rm -f "$out"/*.json "$out"/*.txt "$out"/*.missing
# name | python modules needed ("" for none) | measures | command
peers=(
  "numpy-naive|numpy|entropy,cross_entropy,kl,js|$py examples/peers/numpy_peer.py naive"
  "numpy-logdiff|numpy|kl|$py examples/peers/numpy_peer.py logdiff"
  "scipy-rel_entr|scipy|kl,js|$py examples/peers/scipy_peer.py rel_entr"
  "scipy-entr|scipy|entropy|$py examples/peers/scipy_peer.py entr"
  "scipy-stats-entropy|scipy|entropy,kl|$py examples/peers/scipy_peer.py stats"
  "torch-kl_div|torch|kl|$py examples/peers/torch_peer.py kl_div"
  "torch-cross_entropy|torch|cross_entropy,logits_cross_entropy|$py examples/peers/torch_peer.py cross_entropy"
  "cpp-naive-loop||entropy,cross_entropy,kl,js|$build/examples/peers/naive_peer"
  "gibbs-double-api||entropy,cross_entropy,kl,js|$build/examples/peers/gibbs_peer"
  "gibbs-oracle||entropy,cross_entropy,kl,js,logits_cross_entropy|$build/tools/cli/gibbs eval"
)
for entry in "${peers[@]}"; do
  IFS='|' read -r name modules measures cmd <<<"$entry"
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
  "$conform" --impl "exec $cmd" --measures "$measures" \
    --seed "$seed" --report "$out/$name.json" >"$out/$name.txt" 2>&1
  grep -E '^(all  |PASS|FAIL)' "$out/$name.txt" | sed 's/^/   /'
done
"$py" examples/peers/make_report.py "$out" docs/conformance.md "$seed"
echo "wrote docs/conformance.md and $out/"
