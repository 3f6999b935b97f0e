# Shared settings for the deploy scripts (sourced, not executed).
# Repository root, the shaded application jar and the Spark runtime classpath resolved by Maven.
DS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DS_JOBS_TARGET="$DS_ROOT/jobs/target"
DS_OPENS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"

ds_die() { echo "error: $*" >&2; exit 2; }

# Builds the shaded jar and the classpath file when missing or older than the sources.
ds_ensure_built() {
  local jar
  jar=$(ls "$DS_JOBS_TARGET"/diffsweep-jobs-*-all.jar 2>/dev/null | head -n 1 || true)
  if [ -z "$jar" ] || [ ! -f "$DS_JOBS_TARGET/classpath.txt" ] || \
     [ -n "$(find "$DS_ROOT/core/src" "$DS_ROOT/jobs/src" "$DS_ROOT/pom.xml" "$DS_ROOT/core/pom.xml" "$DS_ROOT/jobs/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "building diffsweep (mvn package) ..." >&2
    (cd "$DS_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests -pl jobs -am package 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g') >&2 \
      || ds_die "build failed"
    jar=$(ls "$DS_JOBS_TARGET"/diffsweep-jobs-*-all.jar | head -n 1)
  fi
  DS_JAR="$jar"
  DS_SPARK_CP="$(cat "$DS_JOBS_TARGET/classpath.txt")"
}

# Refuses (one line, exit 2) when no alive worker of a standalone master can host an executor of the given memory
# (the master would accept the job and wait forever). Reads the master's web UI JSON (port 8080, or
# $DIFFSWEEP_MASTER_UI); skipped with a note when the UI cannot be reached.
ds_check_workers() {
  local master="$1" mem="$2" host ui json need
  host="${master#spark://}"; host="${host%%:*}"
  ui="${DIFFSWEEP_MASTER_UI:-http://$host:8080}"
  if ! json="$(curl -fsS --max-time 5 "$ui/json/" 2>/dev/null)"; then
    echo "note: cannot read $ui/json/ to check the workers' memory; if the job never starts, check $ui" >&2
    return 0
  fi
  need="$(ds_mib "$mem")"
  DS_MASTER_JSON="$json" python3 - "$need" "$mem" "$master" <<'PY' || exit 2
import json, os, sys
need, mem, master = int(sys.argv[1]), sys.argv[2], sys.argv[3]
workers = [w for w in json.loads(os.environ["DS_MASTER_JSON"]).get("workers", []) if w.get("state") == "ALIVE"]
if not workers:
    sys.exit(print(f"error: {master} has no alive worker; start one (deploy/standalone.sh start)", file=sys.stderr) or 2)
best = max(w.get("memoryfree", w.get("memory", 0) - w.get("memoryused", 0)) for w in workers)
if best < need:
    sys.exit(print(f"error: no worker of {master} has {mem} free for an executor (largest free: {best} MiB); "
                   f"lower DIFFSWEEP_EXECUTOR_MEMORY or give the workers more --memory", file=sys.stderr) or 2)
PY
}

# A Spark memory string (512m, 4g, 4096) in MiB.
ds_mib() {
  local v="${1,,}"
  case "$v" in
    *g) echo $(( ${v%g} * 1024 )) ;;
    *m) echo "${v%m}" ;;
    *k) echo $(( ${v%k} / 1024 )) ;;
    *) echo $(( v / 1048576 )) ;;
  esac
}
