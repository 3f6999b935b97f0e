#!/usr/bin/env bash
# Submits a sweep to a Spark cluster:
#
#   deploy/submit.sh SPEC.yaml [--master URL] [--deploy-mode client|cluster] [--conf KEY=VALUE]... [-- RUN-OPTIONS...]
#
# Default master: spark://127.0.0.1:7077 (deploy/standalone.sh). Without $SPARK_SUBMIT the submission goes through
# org.apache.spark.deploy.SparkSubmit on the Maven-resolved classpath (standalone and local masters). For YARN or
# Kubernetes set SPARK_SUBMIT to a Spark 4.2 distribution's bin/spark-submit (it carries the YARN/K8s modules);
# examples in the README and in deploy/k8s/. RUN-OPTIONS are passed to `diffsweep run` (e.g. --output hdfs://...).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -ge 1 ] || { echo "usage: $0 SPEC.yaml [--master URL] [--deploy-mode MODE] [--conf K=V]... [-- RUN-OPTIONS...]" >&2; exit 2; }
SPEC="$1"; shift
[ -f "$SPEC" ] || ds_die "spec file '$SPEC' does not exist"
MASTER="spark://127.0.0.1:7077"; MODE=client; CONFS=(); RUN_OPTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --master) MASTER="$2"; shift 2 ;;
    --deploy-mode) MODE="$2"; shift 2 ;;
    --conf) CONFS+=(--conf "$2"); shift 2 ;;
    --) shift; RUN_OPTS=("$@"); break ;;
    *) ds_die "unknown option '$1' (allowed: --master, --deploy-mode, --conf, -- RUN-OPTIONS)" ;;
  esac
done
case "$MODE" in client|cluster) ;; *) ds_die "--deploy-mode = $MODE: must be client or cluster" ;; esac
ds_ensure_built
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
EXEC_MEM="${DIFFSWEEP_EXECUTOR_MEMORY:-4g}"
# A standalone master with no worker that can host one executor accepts the job and waits forever: refuse up front.
case "$MASTER" in
  spark://*) ds_check_workers "$MASTER" "$EXEC_MEM" ;;
esac
LOG4J="-Dlog4j2.configurationFile=file:$DS_ROOT/conf/log4j2.properties"
DEFAULTS=(--conf spark.driver.memory="${DIFFSWEEP_DRIVER_MEMORY:-2g}"
          --conf spark.executor.memory="$EXEC_MEM"
          --conf "spark.driver.extraJavaOptions=-Djava.awt.headless=true $LOG4J $DS_OPENS"
          --conf "spark.executor.extraJavaOptions=$LOG4J $DS_OPENS")
if [ -n "${SPARK_SUBMIT:-}" ]; then
  exec "$SPARK_SUBMIT" --master "$MASTER" --deploy-mode "$MODE" "${DEFAULTS[@]}" "${CONFS[@]}" \
       --class org.diffsweep.jobs.cli.Main "$DS_JAR" run "$SPEC" "${RUN_OPTS[@]}"
fi
[ "$MODE" = client ] || ds_die "--deploy-mode cluster needs SPARK_SUBMIT (a Spark distribution's spark-submit)"
exec java -Xmx"${DIFFSWEEP_DRIVER_MEMORY:-2g}" -Djava.awt.headless=true "$LOG4J" $DS_OPENS -cp "$DS_SPARK_CP" \
     org.apache.spark.deploy.SparkSubmit --master "$MASTER" --deploy-mode client "${DEFAULTS[@]}" "${CONFS[@]}" \
     --class org.diffsweep.jobs.cli.Main "$DS_JAR" run "$SPEC" "${RUN_OPTS[@]}"
