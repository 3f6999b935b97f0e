#!/usr/bin/env bash
# Calibrates the heap estimate of one point (core.point.PointFootprint) against a measurement: for each point below,
# the smallest -Xmx (to 4 %) with which `diffsweep point` (full evaluator: simulation, theory, speciation) completes,
# found by bisection, next to the estimate. Prints one line per point and the ratio measured / estimated.
#   deploy/heap-calibration.sh [POINT.yaml ...]     (default: four points, each dominated by another term)
# Needs the jar (./diffsweep builds it). Takes a few minutes on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$ROOT/diffsweep" --version >/dev/null
JAR="$(ls -t "$ROOT"/jobs/target/diffsweep-jobs-*-all.jar | head -n 1)"
OPENS="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
CP="$JAR:$(cat "$ROOT/jobs/target/classpath.txt")"
export OPENBLAS_NUM_THREADS=1

point() { # name d psiP psiN tauPoints
  cat > "$WORK/$1.yaml" <<Y
d: $2
psiP: $3
psiN: $4
t: 0.01
seed: 1
classes:
  - {name: A, weight: 0.5, radius: 1.0, angleDeg: 0,   variance: 2.0}
  - {name: B, weight: 0.5, radius: 1.0, angleDeg: 180, variance: 0.5}
tauGrid: {min: 1e-2, max: 1e7, points: $5}
Y
  echo "$WORK/$1.yaml"
}

if (( $# == 0 )); then
  set -- "$(point quickstart 40 8 3 120)" "$(point pp 100 16 4 200)" "$(point pd 400 2 2 200)" "$(point tau 20 8 4 40000)"
fi

runs() { # xmx_mb file -> status 0 when the point completes
  # shellcheck disable=SC2086
  java -Xmx"$1"m -XX:+UseSerialGC $OPENS -Djava.awt.headless=true -cp "$CP" org.diffsweep.jobs.cli.Main point "$2" --json \
    >/dev/null 2>&1
}

printf '%-14s %12s %12s %8s  %s\n' point estimate_MiB measured_MiB ratio dominant
for f in "$@"; do
  # shellcheck disable=SC2086
  line="$(java -Xmx1g $OPENS -cp "$CP" org.diffsweep.jobs.cli.Main footprint "$f")"
  est="$(sed -n 's/.*"estimateBytes" *: *\([0-9]*\).*/\1/p' <<<"$line")"
  dom="$(sed -n 's/.*"dominant" *: *"\([^"]*\)".*/\1/p' <<<"$line")"
  est_mb=$(( est / 1048576 ))
  lo=16 hi=$(( est_mb * 3 + 64 ))
  runs "$hi" "$f" || { echo "$(basename "$f" .yaml): fails even at ${hi} MiB" >&2; continue; }
  while (( hi - lo > lo / 25 + 1 )); do
    mid=$(( (lo + hi) / 2 ))
    if runs "$mid" "$f"; then hi=$mid; else lo=$mid; fi
  done
  printf '%-14s %12d %12d %8.2f  %s\n' "$(basename "$f" .yaml)" "$est_mb" "$hi" "$(echo "$hi / $est_mb" | bc -l)" "$dom"
done
