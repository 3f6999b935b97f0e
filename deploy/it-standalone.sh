#!/usr/bin/env bash
# Integration test on a real Spark standalone cluster (Master + Worker + forked executor JVMs on 127.0.0.1) and
# a driver-kill test, all with the standard evaluator on conf/quickstart.yaml (25 points):
#
#   1. submit   deploy/standalone.sh start; deploy/submit.sh conf/quickstart.yaml; the raw ledger must hold every
#               grid point exactly once (LedgerAudit).
#   2. executor the same sweep in waves of 5; after wave 1 is committed the executor JVM (a child of our Worker,
#               killed by pid) gets SIGKILL; the Master launches a new executor, Spark reruns the lost tasks, and
#               the sweep must still finish with every point exactly once.
#   3. driver   ./diffsweep run --master local[2] in waves of 5; SIGKILL to the driver JVM after wave 1 is committed;
#               rerun: it must report alreadyDone = the points the audit found after the kill, compute exactly
#               the rest, and leave every point exactly once.
#
#   deploy/it-standalone.sh [submit|executor|driver]...     (default: all three; exit 0 = all passed)
#
# Everything lives in a fresh temporary folder (cluster state, logs, outputs; kept on failure, path printed) and
# the cluster listens on a free port, so it does not collide with a cluster started by deploy/standalone.sh.
# Cost on the 2-vCPU build machine: see README "Running on a cluster and on a schedule".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PARTS=("$@"); [ ${#PARTS[@]} -gt 0 ] || PARTS=(submit executor driver)
for p in "${PARTS[@]}"; do case "$p" in submit|executor|driver) ;; *) ds_die "unknown part '$p' (allowed: submit, executor, driver)" ;; esac; done
ds_ensure_built
SPEC="$DS_ROOT/conf/quickstart.yaml"
IT="$(mktemp -d "${TMPDIR:-/tmp}/diffsweep-it.XXXXXX")"
export DIFFSWEEP_SA_DIR="$IT/sa"
export DIFFSWEEP_SA_PORT="${DIFFSWEEP_SA_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
export SPARK_LOCAL_IP=127.0.0.1 DIFFSWEEP_DRIVER_MEMORY=1g DIFFSWEEP_EXECUTOR_MEMORY=1g
MASTER="spark://127.0.0.1:$DIFFSWEEP_SA_PORT"
CLUSTER=0; FAILED=0; T0=$SECONDS

log() { printf '[it %4ds] %s\n' $((SECONDS - T0)) "$*"; }
fail() { log "FAIL: $*"; FAILED=1; }
cleanup() {
  [ "$CLUSTER" = 1 ] && "$DS_ROOT/deploy/standalone.sh" stop >/dev/null 2>&1 || true
  if [ "$FAILED" = 0 ]; then rm -rf "$IT"; else log "logs and outputs kept in $IT"; fi
}
trap cleanup EXIT

# audit DIR -> prints the JSON line; status 0 iff every grid point is present exactly once
audit() {
  java -Xmx1g $DS_OPENS -cp "$DS_JAR:$DS_SPARK_CP" org.diffsweep.jobs.sweep.LedgerAudit "$1" 2>>"$IT/audit.log"
}
field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2], {}, d))' "$1" "$2"; }
# wait_file PATH PID SECONDS: until PATH exists; fails if PID exits first or on timeout
wait_file() {
  local deadline=$((SECONDS + $3))
  until [ -e "$1" ]; do
    kill -0 "$2" 2>/dev/null || return 1
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}
json_tail() { sed -n '/^{/,$p' "$1"; }   # the pretty-printed JSON outcome at the end of a --json run

start_cluster() {
  if [ "$CLUSTER" = 0 ]; then
    local t=$SECONDS
    "$DS_ROOT/deploy/standalone.sh" start --cores 2 --memory 2g > "$IT/start.log" 2>&1 || { cat "$IT/start.log"; ds_die "cluster did not start"; }
    CLUSTER=1; log "cluster up at $MASTER in $((SECONDS - t)) s"
  fi
}

part_submit() {
  start_cluster
  local out="$IT/submit" t=$SECONDS rc=0 a
  "$DS_ROOT/deploy/submit.sh" "$SPEC" --master "$MASTER" -- --output "$out" --json > "$IT/submit.out" 2> "$IT/submit.err" || rc=$?
  log "submit: exit $rc after $((SECONDS - t)) s"
  [ $rc = 0 ] || { tail -n 30 "$IT/submit.err"; fail "submit exited $rc"; return; }
  a=$(audit "$out") || { fail "submit: ledger not exactly once: $a"; return; }
  log "submit: ledger $a"
  [ "$(field "$(json_tail "$IT/submit.out" | tr -d '\n')" 'master')" = "$MASTER" ] || fail "submit: did not run on $MASTER"
}

part_executor() {
  start_cluster
  local out="$IT/executor" t=$SECONDS rc=0 pid wpid epid a
  wpid=$(cat "$DIFFSWEEP_SA_DIR/worker-1.pid")
  "$DS_ROOT/deploy/submit.sh" "$SPEC" --master "$MASTER" -- --output "$out" --wave-size 5 --json \
      > "$IT/executor.out" 2> "$IT/executor.err" &
  pid=$!
  wait_file "$out/ledger/wave=00001/_SUCCESS" "$pid" 300 || { wait "$pid" || true; tail -n 30 "$IT/executor.err"; fail "executor: wave 1 never committed"; return; }
  epid=$(ps -o pid=,args= --ppid "$wpid" | awk '/CoarseGrainedExecutorBackend/ {print $1; exit}')
  [ -n "$epid" ] || { fail "executor: no executor JVM under worker pid $wpid"; wait "$pid" || true; return; }
  kill -9 "$epid"
  log "executor: wave 1 committed after $((SECONDS - t)) s; SIGKILL to executor pid $epid"
  wait "$pid" || rc=$?
  log "executor: submit exit $rc after $((SECONDS - t)) s"
  [ $rc = 0 ] || { tail -n 30 "$IT/executor.err"; fail "executor: the sweep did not survive the executor kill (exit $rc)"; return; }
  a=$(audit "$out") || { fail "executor: ledger not exactly once: $a"; return; }
  log "executor: ledger $a; executors launched for the app: $(ls -d "$DIFFSWEEP_SA_DIR"/work-1/app-*/* 2>/dev/null | wc -l)"
}

part_driver() {
  local out="$IT/driver" t=$SECONDS rc=0 pid a before present after
  "$DS_ROOT/diffsweep" run "$SPEC" --master 'local[2]' --output "$out" --wave-size 5 > "$IT/driver1.out" 2> "$IT/driver1.err" &
  pid=$!   # the launcher execs java: this is the driver JVM
  wait_file "$out/ledger/wave=00001/_SUCCESS" "$pid" 300 || { wait "$pid" || true; tail -n 30 "$IT/driver1.err"; fail "driver: wave 1 never committed"; return; }
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  log "driver: SIGKILL to driver pid $pid after $((SECONDS - t)) s (wave 1 committed)"
  before=$(audit "$out") && { fail "driver: the sweep had already finished before the kill: $before"; return; }
  present=$(field "$before" presentPoints)
  [ "$(field "$before" duplicateKeys)" = 0 ] || fail "driver: duplicates after the kill: $before"
  log "driver: ledger after the kill $before"
  t=$SECONDS
  "$DS_ROOT/diffsweep" run "$SPEC" --master 'local[2]' --output "$out" --wave-size 5 --json > "$IT/driver2.out" 2> "$IT/driver2.err" || rc=$?
  [ $rc = 0 ] || { tail -n 30 "$IT/driver2.err"; fail "driver: rerun exited $rc"; return; }
  local o; o=$(json_tail "$IT/driver2.out" | tr -d '\n')
  local done computed grid
  done=$(field "$o" "outcome['alreadyDone']"); computed=$(field "$o" "outcome['computed']"); grid=$(field "$o" "outcome['gridPoints']")
  log "driver: rerun exit 0 after $((SECONDS - t)) s: alreadyDone $done, computed $computed of $grid"
  [ "$done" = "$present" ] || fail "driver: rerun found $done points done, the audit found $present"
  [ "$computed" = $((grid - present)) ] || fail "driver: rerun computed $computed, expected $((grid - present))"
  after=$(audit "$out") || { fail "driver: ledger not exactly once after the rerun: $after"; return; }
  log "driver: ledger after the rerun $after"
}

for p in "${PARTS[@]}"; do "part_$p"; done
log "total $((SECONDS - T0)) s: $([ "$FAILED" = 0 ] && echo PASSED || echo FAILED)"
exit "$FAILED"
