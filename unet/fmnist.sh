#!/usr/bin/env bash
# Runs the Fashion-MNIST U-Net CLI (org.diffsweep.unet.experiment.FmnistCli) from the reactor build, offline,
# with one PyTorch thread and the DJL cache under unet/target/. Usage: unet/fmnist.sh stats|point|preset [options]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mvn -B -q -o -pl unet -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -DincludeScope=runtime >&2
export DJL_CACHE_DIR="$ROOT/unet/target/djl-cache" OMP_NUM_THREADS=1
# Fewer random NaN gradients with oneDNN restricted to AVX2 on the build machine (see DdpmModel); override with
# DNNL_MAX_CPU_ISA=ALL.
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX2}"
exec java ${FMNIST_JAVA_OPTS:--Xmx3g} -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$ROOT/unet/target/classes:$(cat "$ROOT/unet/target/cp.txt")" \
    org.diffsweep.unet.experiment.FmnistCli "$@"
