#!/usr/bin/env bash
# Starts, stops or inspects a real Spark standalone cluster (one Master, N Workers) on 127.0.0.1, launched from
# the Maven-resolved Spark classpath: no Spark tarball needed (recipe: shared/docs/platform.md §2).
#
#   deploy/standalone.sh start [--workers N] [--cores C] [--memory 6g]
#   deploy/standalone.sh status
#   deploy/standalone.sh stop
#
# State (pids, logs, work dirs) lives in $DIFFSWEEP_SA_DIR (default: <repo>/.sa). Master URL: spark://127.0.0.1:7077
# (override the port with DIFFSWEEP_SA_PORT). Every wait has a timeout and checks that the daemon is still alive.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SA="${DIFFSWEEP_SA_DIR:-$DS_ROOT/.sa}"
PORT="${DIFFSWEEP_SA_PORT:-7077}"
TIMEOUT="${DIFFSWEEP_SA_TIMEOUT:-60}"
export SPARK_LOCAL_IP=127.0.0.1

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# wait_for LOG PATTERN PIDFILE WHAT
wait_for() {
  local deadline=$((SECONDS + TIMEOUT))
  until grep -qs "$2" "$1"; do
    alive "$3" || { echo "error: $4 exited during start-up; last log lines:" >&2; tail -n 20 "$1" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "error: $4 not ready after ${TIMEOUT}s (log: $1)" >&2; exit 1; }
    sleep 0.3
  done
}

start() {
  local workers=1 cores=2 memory=6g
  while [ $# -gt 0 ]; do
    case "$1" in
      --workers) workers="$2"; shift 2 ;;
      --cores) cores="$2"; shift 2 ;;
      --memory) memory="$2"; shift 2 ;;
      *) ds_die "unknown option '$1' (allowed: --workers N, --cores C, --memory SIZE)" ;;
    esac
  done
  [[ "$workers" =~ ^[1-9][0-9]*$ ]] || ds_die "--workers = $workers: must be a positive integer"
  if alive "$SA/master.pid"; then echo "already running: spark://127.0.0.1:$PORT (stop it first)" >&2; exit 1; fi
  ds_ensure_built
  mkdir -p "$SA/home/jars" "$SA/home/conf" "$SA/logs"
  rm -f "$SA"/logs/*.log "$SA"/*.pid
  java -Xmx512m $DS_OPENS -cp "$DS_SPARK_CP" org.apache.spark.deploy.master.Master \
       --host 127.0.0.1 --port "$PORT" --webui-port 0 > "$SA/logs/master.log" 2>&1 &
  echo $! > "$SA/master.pid"
  wait_for "$SA/logs/master.log" "elected leader" "$SA/master.pid" "master"
  for i in $(seq 1 "$workers"); do
    mkdir -p "$SA/work-$i"
    SPARK_HOME="$SA/home" SPARK_SCALA_VERSION=2.13 SPARK_DIST_CLASSPATH="$DS_SPARK_CP" \
    java -Xmx512m $DS_OPENS -cp "$DS_SPARK_CP" org.apache.spark.deploy.worker.Worker \
         --host 127.0.0.1 --cores "$cores" --memory "$memory" --webui-port 0 --work-dir "$SA/work-$i" \
         "spark://127.0.0.1:$PORT" > "$SA/logs/worker-$i.log" 2>&1 &
    echo $! > "$SA/worker-$i.pid"
  done
  for i in $(seq 1 "$workers"); do
    wait_for "$SA/logs/worker-$i.log" "Successfully registered with master" "$SA/worker-$i.pid" "worker $i"
  done
  echo "spark://127.0.0.1:$PORT"
}

status() {
  local rc=0
  if alive "$SA/master.pid"; then echo "master  pid $(cat "$SA/master.pid")  spark://127.0.0.1:$PORT"; else echo "master  not running"; rc=3; fi
  for f in "$SA"/worker-*.pid; do
    [ -e "$f" ] || continue
    if alive "$f"; then echo "$(basename "$f" .pid)  pid $(cat "$f")"; else echo "$(basename "$f" .pid)  not running"; rc=3; fi
  done
  return $rc
}

stop() {
  local f pid kids=""
  # Executors are children of our workers: remember them (by pid, never by name: other clusters may run here).
  for f in "$SA"/worker-*.pid; do
    [ -e "$f" ] || continue
    kids="$kids $( (ps -o pid= --ppid "$(cat "$f")" 2>/dev/null || true) | tr '\n' ' ')"
  done
  for f in "$SA"/worker-*.pid "$SA/master.pid"; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  # Executors normally exit with their worker; end any that outlived it.
  for pid in $kids; do kill "$pid" 2>/dev/null || true; done
  echo "stopped"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: $0 start [--workers N] [--cores C] [--memory SIZE] | status | stop" >&2; exit 2 ;;
esac
