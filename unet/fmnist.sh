#!/usr/bin/env bash
# Runs the Fashion-MNIST U-Net CLI (org.diffsweep.unet.experiment.FmnistCli) from the reactor build, offline,
# with one PyTorch thread and the DJL cache under unet/target/. Usage: unet/fmnist.sh stats|point|preset [options]
# `unet/fmnist.sh campaign SPEC.yaml [--out DIR] [--commit]` runs a resumable campaign with its report
# (org.diffsweep.unet.sweep.FmnistCampaign, docs/fmnist-cpu.md).
# `unet/fmnist.sh sweep SPEC.yaml [--master URL] [--output DIR] ...` runs the spec through the Spark sweep engine
# (org.diffsweep.unet.sweep.FmnistSweep; Spark embedded, local[*] by default).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MAIN=org.diffsweep.unet.experiment.FmnistCli
SCOPE=runtime
EXTRA=()
if [[ "${1:-}" == campaign ]]; then
  # `unet/fmnist.sh campaign SPEC.yaml [--out DIR] [--data DIR] [--shard K/N] [--commit]`: one JVM per run (--limit 1), resuming;
  # with --commit the results folder is committed after every run and, while a run trains, every 10 minutes; a run
  # saves its training state at every checkpoint and resumes from it; stopping the campaign (TERM, Ctrl-C) commits
  # the states of the runs in flight too, so a fresh clone resumes them mid-way. Exit status: 0 all runs done,
  # 1 failure, 2 usage error, 130 stopped by a signal.
  shift
  COMMIT=0
  ARGS=()
  for a in "$@"; do if [[ "$a" == --commit ]]; then COMMIT=1; else ARGS+=("$a"); fi; done
  [[ ${#ARGS[@]} -ge 1 && -f "${ARGS[0]}" ]] || { echo "error: usage: unet/fmnist.sh campaign SPEC.yaml [--out DIR] [--data DIR] [--shard K/N] [--commit] (spec file not found)" >&2; exit 2; }
  OUTDIR="results/$(sed -n 's/^name:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "${ARGS[0]}")"
  for ((i = 1; i < ${#ARGS[@]}; i++)); do [[ "${ARGS[i]}" == --out ]] && OUTDIR="${ARGS[i+1]}"; done
  if [[ $COMMIT == 1 ]] && ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    echo "error: --commit needs a git checkout; run without --commit" >&2; exit 2
  fi
  # Commits $OUTDIR (and nothing else staged) through a temporary index. A run's state.bin (2 MB with Adam, rewritten
  # at every checkpoint; .gitignore'd) is left out of the tree, except with "with-state", used when the campaign is
  # stopped: then the states of the runs in flight are committed once, and a clone elsewhere resumes them mid-way.
  commit_results() {
    [[ $COMMIT == 1 && -d "$OUTDIR" ]] || return 0
    local idx head tree new
    idx="$(mktemp)" && head="$(git -C "$ROOT" rev-parse HEAD)" || return 1
    (
      export GIT_INDEX_FILE="$idx"
      cd "$ROOT" && git read-tree "$head" \
        && git rm -r -q --cached --ignore-unmatch -- "$OUTDIR/points/*/state.bin" \
        && git add -A -- "$OUTDIR" \
        && if [[ "${1:-}" == with-state ]]; then
             shopt -s nullglob; states=("$OUTDIR"/points/*/state.bin)
             [[ ${#states[@]} == 0 ]] || git add -f -- "${states[@]}"
           fi \
        && tree="$(git write-tree)" \
        && if [[ "$tree" != "$(git rev-parse "$head^{tree}")" ]]; then
             new="$(git commit-tree "$tree" -p "$head" -m "results: $(basename "$OUTDIR") campaign progress${1:+ (with the training state of the runs in flight)}")" \
               && git update-ref -m "fmnist campaign" HEAD "$new" "$head"
           fi
    ) && git -C "$ROOT" reset -q -- "$OUTDIR"   # the real index follows the new HEAD for $OUTDIR only
    local rc=$?
    rm -f "$idx"
    return $rc
  }
  child=""
  ticker=""
  # TERM / INT (Ctrl-C, a scheduler's stop, `kill`): stop the run (its state.bin holds the last checkpoint), then
  # commit the folder with the states, so that `campaign` started again here or in a fresh clone goes on mid-run.
  stop_campaign() {
    if [[ -n $ticker ]]; then kill "$ticker" 2>/dev/null || true; wait "$ticker" 2>/dev/null || true; fi
    if [[ -n $child ]]; then kill -TERM "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
    commit_results with-state || echo "warning: could not commit $OUTDIR (see git status)" >&2
    echo "campaign stopped; run the same command again to resume" >&2
    exit 130
  }
  trap stop_campaign TERM INT
  while :; do
    rc=0
    # while a run trains, its curves.csv (one row per checkpoint) is committed every FMNIST_COMMIT_EVERY seconds
    # (default 600): a run cut off without a stop signal keeps its partial curves in git
    ticker=""
    if [[ $COMMIT == 1 ]]; then
      # TERM ends the ticker between commits (a commit in flight finishes first), so the final commit never races it
      ( trap 'exit 0' TERM; trap '' INT; while :; do sleep "${FMNIST_COMMIT_EVERY:-600}" & wait $!; commit_results || true; done ) &
      ticker=$!
    fi
    "$ROOT/unet/fmnist.sh" campaign-step "${ARGS[@]}" --limit 1 &
    child=$!
    wait "$child" || rc=$?
    child=""
    if [[ -n $ticker ]]; then kill "$ticker" 2>/dev/null || true; wait "$ticker" 2>/dev/null || true; fi
    ticker=""
    commit_results || echo "warning: could not commit $OUTDIR (see git status); the campaign goes on" >&2
    [[ $rc == 3 ]] && continue
    exit $rc
  done
fi
if [[ "${1:-}" == campaign-step ]]; then
  shift
  MAIN=org.diffsweep.unet.sweep.FmnistCampaign
  SCOPE=test   # the report's figures use the jobs module's chart helpers (provided scope)
fi
GOAL=compile
if [[ "${1:-}" == bench-groupnorm ]]; then
  # `unet/fmnist.sh bench-groupnorm [steps] [reps]`: fused GroupNorm against the elementwise reference, same run
  shift
  MAIN=org.diffsweep.unet.model.GroupNormBench
  SCOPE=test
  GOAL=test-compile
fi
if [[ "${1:-}" == sweep ]]; then
  shift
  MAIN=org.diffsweep.unet.sweep.FmnistSweep
  SCOPE=test   # runtime + provided (Spark, the jobs module); the test scope adds only JUnit
  # The JVM flags Spark needs on Java 17: the single source is the root pom's spark.jvm.opens property.
  read -r -a EXTRA <<< "$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
fi
mvn -B -q -o -pl unet -am $GOAL dependency:build-classpath \
    -Dmdep.outputFile=target/cp-$SCOPE.txt -DincludeScope=$SCOPE >&2
export DJL_CACHE_DIR="$ROOT/unet/target/djl-cache" OMP_NUM_THREADS=1
# Fewer random NaN gradients with oneDNN restricted to AVX2 on the build machine (see DdpmModel); override with
# DNNL_MAX_CPU_ISA=ALL.
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX2}"
exec java ${FMNIST_JAVA_OPTS:--Xmx3g} "${EXTRA[@]}" -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$ROOT/unet/target/classes:$ROOT/unet/target/test-classes:$(cat "$ROOT/unet/target/cp-$SCOPE.txt")" \
    $MAIN "$@"
