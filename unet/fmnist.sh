#!/usr/bin/env bash
# Runs the Fashion-MNIST U-Net CLI (org.diffsweep.unet.experiment.FmnistCli) from the reactor build, offline,
# with one PyTorch thread and the DJL cache under unet/target/. Usage: unet/fmnist.sh stats|point|preset [options]
# `unet/fmnist.sh sweep SPEC.yaml [--master URL] [--output DIR] ...` runs the spec through the Spark sweep engine
# (org.diffsweep.unet.sweep.FmnistSweep; Spark embedded, local[*] by default).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MAIN=org.diffsweep.unet.experiment.FmnistCli
SCOPE=runtime
EXTRA=()
if [[ "${1:-}" == sweep ]]; then
  shift
  MAIN=org.diffsweep.unet.sweep.FmnistSweep
  SCOPE=test   # runtime + provided (Spark, the jobs module); the test scope adds only JUnit
  # The JVM flags Spark needs on Java 17: the single source is the root pom's spark.jvm.opens property.
  read -r -a EXTRA <<< "$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
fi
mvn -B -q -o -pl unet -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp-$SCOPE.txt -DincludeScope=$SCOPE >&2
export DJL_CACHE_DIR="$ROOT/unet/target/djl-cache" OMP_NUM_THREADS=1
# Fewer random NaN gradients with oneDNN restricted to AVX2 on the build machine (see DdpmModel); override with
# DNNL_MAX_CPU_ISA=ALL.
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX2}"
exec java ${FMNIST_JAVA_OPTS:--Xmx3g} "${EXTRA[@]}" -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$ROOT/unet/target/classes:$(cat "$ROOT/unet/target/cp-$SCOPE.txt")" \
    $MAIN "$@"
