#!/usr/bin/env bash
# Marginal Spark + ledger overhead per point, measured in one run (docs/performance.md, "Sweep overhead"):
# a sweep of N quickstart-size points (d = 40, psiP = 8, psiN = 3, 120 tau points; default N = 500) on local[1], then
#   overhead = (evaluate phase wall - sum of the points' own evaluation times recorded in the ledger) / that sum,
# i.e. everything the engine adds per point (task launch, serialisation, Parquet writes, wave commits, progress);
# the fixed costs (JVM and Spark start-up, planning, outputs) are printed apart.
#   deploy/overhead-bench.sh [N] [OUTPUT_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-500}"
OUT="${2:-$(mktemp -d)/overhead}"
SPEC="$(mktemp --suffix=.yaml)"
trap 'rm -f "$SPEC"' EXIT
Y=$(( (N + 24) / 25 ))
sed -e "s/^name: quickstart/name: overhead/" \
    -e "s/log: {from: 0.1, to: 10, points: 5}/log: {from: 0.1, to: 10, points: $Y}/" \
    -e "s/log: {from: 0.25, to: 4, points: 5}/log: {from: 0.25, to: 4, points: 25}/" "$ROOT/conf/quickstart.yaml" > "$SPEC"
start=$(date +%s.%N)
"$ROOT/diffsweep" run "$SPEC" --master 'local[1]' --output "$OUT" | tee "$OUT.log"
end=$(date +%s.%N)
python3 - "$OUT" "$OUT.log" "$start" "$end" <<'P'
import csv, re, sys
out, log, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
rows = [r for r in csv.DictReader(open(out + "/results.csv")) if r["classIndex"] == "0"]
work = sum(float(r["wallSeconds"]) for r in rows)
waves = len({r["wave"] for r in rows})
m = re.search(r"; ([\d.]+) s \(plan ([\d.]+) s, evaluate ([\d.]+) s, outputs ([\d.]+) s\)", open(log).read())
total, plan, ev, outs = map(float, m.groups())
print(f"points {len(rows)}, waves {waves}, sum of point evaluation times {work:.1f} s ({work / len(rows):.3f} s/point)")
print(f"evaluate phase {ev:.1f} s -> marginal overhead {(ev - work) / work * 100:.1f} % "
      f"({(ev - work) / len(rows) * 1000:.0f} ms/point)")
print(f"fixed: JVM + Spark start-up {end - start - total:.1f} s, plan {plan:.1f} s, outputs {outs:.1f} s; command wall {end - start:.1f} s")
P
