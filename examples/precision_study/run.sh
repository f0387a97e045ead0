#!/usr/bin/env bash
# Regenerates the precision study: docs/precision_near_equal.{csv,png} and
# docs/precision_ce_float32.{csv,png}.
#
#   bash examples/precision_study/run.sh
#
# Builds examples/precision_study/precision_study in ${GIBBS_BUILD_DIR:-build}, runs it (the
# reference is the gibbs oracle), and plots with gnuplot (Debian's gnuplot-nox).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${GIBBS_BUILD_DIR:-build}
if [ ! -f "$build/build.ninja" ]; then meson setup "$build" >/dev/null; fi
meson compile -C "$build" precision_study >/dev/null
mkdir -p docs
"$build/examples/precision_study/precision_study" docs
if command -v gnuplot >/dev/null; then
  gnuplot -e "dir='docs'" examples/precision_study/plots.gp
  echo "wrote docs/precision_near_equal.png and docs/precision_ce_float32.png"
else
  echo "gnuplot is not installed (apt-get install gnuplot-nox): CSV only" >&2
fi
