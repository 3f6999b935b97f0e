#!/usr/bin/env bash
# Java vs numpy on the same point sizes, same machine, one command. Both sides single-threaded
# (OPENBLAS_NUM_THREADS=1), timed on thread CPU time, in ROUNDS interleaved rounds (Java, numpy, Java, ...);
# the ratio uses each side's minimum over all rounds (least disturbed by other load), and the spread of the
# per-round minima is printed as the noise of the comparison.
#   bench/compare.sh [d:psiP:psiN[:label] ...]        default: the quickstart size and d100/p8/n4
#   ROUNDS=5 REPEATS=3 bench/compare.sh
# numpy is optional: without it the Java side runs alone and the script says so.
# NUMPY_MALLOC=tuned keeps glibc from returning freed memory to the kernel during the numpy runs
# (MALLOC_MMAP_THRESHOLD_/MALLOC_TRIM_THRESHOLD_/MALLOC_TOP_PAD_): on VMs where first-touching a fresh page is
# expensive, numpy's temporaries otherwise pay a page fault per 4 KiB on every operation, which the JVM's
# already-touched heap does not.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
ROUNDS="${ROUNDS:-3}"
REPEATS="${REPEATS:-3}"
POINTS=("$@")
[ ${#POINTS[@]} -eq 0 ] && POINTS=("64:8:2:quickstart d64/p8/n2" "100:8:4:d100/p8/n4")
OUT="$(mktemp -d "${TMPDIR:-/tmp}/diffsweep-compare.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT

bench/run.sh --help >/dev/null   # builds once
PT=()
for p in "${POINTS[@]}"; do PT+=(--point "$p"); done

PY="${PYTHON:-python3}"
HAVE_NUMPY=1
if ! command -v "$PY" >/dev/null 2>&1 || ! "$PY" -c 'import numpy' >/dev/null 2>&1; then
  HAVE_NUMPY=0
  echo "numpy not found ($PY): skipping the numpy side, running Java only."
fi

echo "== BLAS on each side"
if [ "$HAVE_NUMPY" = 1 ]; then
  "$PY" - <<'PYEOF' || true
import ctypes
try:
    lib = ctypes.CDLL("libblas.so.3")   # what dev.ludovic.netlib's JNIBLAS dlopens
    out = []
    for sym in ("openblas_get_config", "openblas_get_corename"):
        f = getattr(lib, sym); f.restype = ctypes.c_char_p; out.append(f().decode())
    print("java : netlib JNI -> libblas.so.3 = %s, core %s" % tuple(out))
except Exception as e:
    print("java : libblas.so.3 is not OpenBLAS or not installed (%s); netlib falls back to pure Java" % e)
PYEOF
fi
echo "env  : OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)} NUMPY_MALLOC=${NUMPY_MALLOC:-plain}"

for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r/$ROUNDS"
  BENCH_SKIP_BUILD=1 bench/run.sh --no-calibration --no-production --repeats "$REPEATS" "${PT[@]}" --csv "$OUT/java_$r.csv" \
      2>/dev/null | grep -E '^(--|total|linalg|java )' || true
  if [ "$HAVE_NUMPY" = 1 ]; then
    if [ "${NUMPY_MALLOC:-plain}" = tuned ]; then
      export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=268435456
    fi
    "$PY" bench/numpy_point.py --repeats "$REPEATS" "${PT[@]}" --csv "$OUT/numpy_$r.csv" | grep -E '^(--|total|numpy)' || true
  fi
done

[ "$HAVE_NUMPY" = 1 ] || exit 0
"$PY" - "$OUT" "$ROUNDS" <<'PYEOF'
import csv, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def load(side):
    per = {}
    for r in range(1, rounds + 1):
        for row in csv.DictReader(open("%s/%s_%d.csv" % (out, side, r))):
            if not row["section"].startswith("point:"):
                continue
            per.setdefault((row["section"][6:], row["item"]), []).append(float(row["min_s"]))
    return per
j, n = load("java"), load("numpy")
print("\n== Java / numpy (thread CPU seconds, min over %d rounds x repeats; noise = max/min of the per-round minima)" % rounds)
print("%-26s %-11s %10s %10s %8s %8s %8s" % ("point", "stage", "java s", "numpy s", "ratio", "noise J", "noise N"))
for key in j:
    if key not in n:
        continue
    a, b = j[key], n[key]
    print("%-26s %-11s %10.4f %10.4f %8.2f %7.0f%% %7.0f%%" % (key[0][:26], key[1], min(a), min(b), min(a) / min(b),
          100 * (max(a) / min(a) - 1), 100 * (max(b) / min(b) - 1)))
PYEOF
