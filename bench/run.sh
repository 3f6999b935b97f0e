#!/usr/bin/env bash
# Builds the bench module and runs the diffsweep bench command, or the JMH suite.
#   bench/run.sh [--quick] [BenchMain options...]    calibration + per-stage table (BenchMain --help)
#   bench/run.sh --jmh [JMH options...]               JMH suite, e.g. --jmh -f 1 -wi 1 -i 3 KernelBenchmarks.dgemm
# BLAS runs single-threaded unless OPENBLAS_NUM_THREADS is already set (a 2-vCPU machine is ~1 core).
# BENCH_SKIP_BUILD=1 skips the Maven build; BENCH_JAVA_OPTS overrides the JVM options (default -Xmx6g).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -o -pl bench -am package -DskipTests 2>/dev/null || mvn -B -q -pl bench -am package -DskipTests
fi
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
read -r -a JOPTS <<< "${BENCH_JAVA_OPTS:--Xmx6g}"
if [ "${1:-}" = "--jmh" ]; then
  shift
  exec java "${JOPTS[@]}" -cp "$CP" org.openjdk.jmh.Main "$@"
fi
exec java "${JOPTS[@]}" -cp "$CP" org.diffsweep.bench.BenchMain "$@"
