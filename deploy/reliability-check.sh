#!/usr/bin/env bash
# Runs the real failure cases of docs/operations.md "Reliability" against the quickstart (about 10 minutes on 2 cores):
#   term   SIGTERM once the first wave is committed: exit 143, one line; the re-run resumes and finishes (exit 0)
#   int    the same with SIGINT (Ctrl-C): exit 130
#   kill   SIGKILL once the first wave is committed: the re-run computes only the missing points
#   full   (root only: needs a tmpfs mount) the disk fills up: exit 2, one line; after freeing space the re-run
#          rewrites every output; a read-only output folder: exit 2, one line
#   deploy/reliability-check.sh [term|int|kill|full ...]     (default: all)
# Exit status 0 when every case behaved as documented; one line per case either way.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
MNT=""
cleanup() { [[ -n "$MNT" ]] && umount "$MNT" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
SPEC="$ROOT/conf/quickstart.yaml"
"$ROOT/diffsweep" --version >/dev/null || exit 1
fail=0
ok() { echo "ok    $1"; }
bad() { echo "FAIL  $1"; fail=1; }
csv_rows() { [[ -f "$1/results.csv" ]] && echo $(( $(wc -l < "$1/results.csv") - 1 )) || echo 0; }

# Starts a run in the background, waits until a wave is committed, sends the signal; prints "status|stderr".
signal_after_first_wave() { # signal out
  set -m # job control: a background job of a non-interactive shell would otherwise start with SIGINT ignored
  "$ROOT/diffsweep" run "$SPEC" --output "$2" --master 'local[1]' >"$WORK/out.txt" 2>"$WORK/err.txt" &
  local pid=$! waited=0
  until compgen -G "$2/ledger/wave=*/part-*.parquet" >/dev/null; do
    sleep 1; waited=$((waited + 1))
    if ! kill -0 "$pid" 2>/dev/null || (( waited > 600 )); then echo "no wave committed"; return 1; fi
  done
  kill "-$1" "$pid"
  wait "$pid"
  echo "$?"
}

interrupt_case() { # name signal status
  local out="$WORK/$1"
  local st; st="$(signal_after_first_wave "$2" "$out")"
  local lines; lines="$(grep -v ' points (' "$WORK/err.txt" | grep -v '^report:' | grep -c . )"
  local line; line="$(grep -v ' points (' "$WORK/err.txt" | grep -v '^report:' | head -n 1)"
  if [[ "$st" == "$3" && "$lines" == 1 && "$line" == "interrupted by SIG"*"points are committed"*"run the same command again to resume" ]]; then
    ok "$1: exit $st, one line: $line"
  else
    bad "$1: exit $st (want $3), $lines line(s): $(head -c 400 "$WORK/err.txt")"
  fi
  "$ROOT/diffsweep" run "$SPEC" --output "$out" --master 'local[1]' >"$WORK/out2.txt" 2>"$WORK/err2.txt"
  st=$?
  if [[ $st == 0 && "$(csv_rows "$out")" == 50 ]] && ! grep -q ' 0 already in the ledger' "$WORK/out2.txt"; then
    ok "$1: re-run resumed ($(grep -o '[0-9]* already in the ledger' "$WORK/out2.txt")) and wrote all 25 points"
  else
    bad "$1: re-run exit $st, results.csv rows $(csv_rows "$out"): $(tail -n 2 "$WORK/err2.txt")"
  fi
}

case_full() {
  if [[ $(id -u) != 0 ]]; then echo "skip  full: needs root for a tmpfs mount"; return; fi
  MNT="$WORK/small"; mkdir -p "$MNT"
  if ! mount -t tmpfs -o size=400k tmpfs "$MNT" 2>/dev/null; then echo "skip  full: cannot mount tmpfs here"; MNT=""; return; fi
  local out="$MNT/q"
  "$ROOT/diffsweep" run "$SPEC" --output "$out" --master 'local[1]' >"$WORK/out.txt" 2>"$WORK/err.txt"
  local st=$?
  local line; line="$(grep -v ' points (' "$WORK/err.txt" | grep -v '^report:' | grep -v WARN)"
  if [[ $st == 2 && "$(grep -c . <<<"$line")" == 1 && "$line" == "error: disk full"* ]]; then ok "full: exit 2, one line: $line"
  else bad "full: exit $st, $(head -c 600 <<<"$line")"; fi
  mount -o remount,size=64m "$MNT"
  "$ROOT/diffsweep" run "$SPEC" --output "$out" --master 'local[1]' >"$WORK/out2.txt" 2>"$WORK/err2.txt"
  st=$?
  if [[ $st == 0 && "$(csv_rows "$out")" == 50 && -s "$out/report.html" && -f "$out/_outputs.json" ]]; then ok "full: after freeing space, exit 0 and every output rewritten"
  else bad "full: re-run exit $st, rows $(csv_rows "$out"): $(tail -n 2 "$WORK/err2.txt")"; fi
  mount -o remount,ro "$MNT"
  "$ROOT/diffsweep" run "$SPEC" --output "$MNT/other" --master 'local[1]' >"$WORK/out3.txt" 2>"$WORK/err3.txt"
  st=$?
  line="$(cat "$WORK/err3.txt")"
  if [[ $st == 2 && "$(grep -c . <<<"$line")" == 1 && "$line" == error:*"read-only file system"* ]]; then ok "read-only: exit 2, one line: $line"
  else bad "read-only: exit $st: $(head -c 400 <<<"$line")"; fi
}

case_kill() {
  local out="$WORK/kill"
  local st; st="$(signal_after_first_wave KILL "$out")"
  local before; before="$(find "$out/ledger" -name 'part-*.parquet' | wc -l)"
  "$ROOT/diffsweep" run "$SPEC" --output "$out" --master 'local[1]' >"$WORK/out2.txt" 2>"$WORK/err2.txt"
  local st2=$?
  if [[ "$st" == 137 && $st2 == 0 && "$(csv_rows "$out")" == 50 ]] && ! grep -q ' 0 already in the ledger' "$WORK/out2.txt"; then
    ok "kill: SIGKILL after a wave ($before ledger files kept), re-run resumed: $(grep -o '[0-9]* already in the ledger, [0-9]* computed' "$WORK/out2.txt")"
  else
    bad "kill: exit $st, re-run exit $st2, rows $(csv_rows "$out"): $(tail -n 2 "$WORK/err2.txt")"
  fi
}

cases=("$@"); (( ${#cases[@]} )) || cases=(term int kill full)
for c in "${cases[@]}"; do
  case "$c" in
    term) interrupt_case term TERM 143 ;;
    int) interrupt_case int INT 130 ;;
    kill) case_kill ;;
    full) case_full ;;
    *) echo "unknown case $c (term|int|kill|full)"; exit 2 ;;
  esac
done
exit $fail
