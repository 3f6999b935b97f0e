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
    (cd "$DS_ROOT" && mvn -B -q -DskipTests -pl jobs -am package) >&2 || ds_die "build failed"
    jar=$(ls "$DS_JOBS_TARGET"/diffsweep-jobs-*-all.jar | head -n 1)
  fi
  DS_JAR="$jar"
  DS_SPARK_CP="$(cat "$DS_JOBS_TARGET/classpath.txt")"
}
