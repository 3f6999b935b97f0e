package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale: planning a 10^6-point grid (no evaluation) fits in a driver JVM capped at {@value #HEAP_MB} MB of heap,
 * Spark local mode included. The plan keeps 8 bytes of cost per remaining point plus 8 bytes of index when a
 * ledger exists (16 MB at 10^6); finished points cost the driver nothing (the anti-join runs on the executors).
 * The child JVM would fail with OutOfMemoryError if the bound were exceeded. Writes {@code target/sweep-plan-memory.txt}.
 * Tag {@code slow} (about a minute here): {@code mvn -B -o -pl jobs -am verify -Pslow -Dtest=PlanMemoryTest}.
 */
@Tag("slow")
class PlanMemoryTest {
    static final int HEAP_MB = 512;

    @TempDir Path tmp;

    @Test
    void millionPointPlanFitsInTheHeapBound() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-XX:+IgnoreUnrecognizedVMOptions"));
        for (String o : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
                "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch",
                "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
            cmd.add("--add-opens=java.base/" + o + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PlanMillionMain.class.getName(), tmp.resolve("m").toString()));
        Path log = tmp.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "child JVM timed out");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        String[] f = last.split(" ");
        assertEquals("1000000", f[0], out);
        assertEquals("999900", f[1], out);
        assertTrue(Double.parseDouble(f[4]) <= HEAP_MB, out);
        Files.writeString(Path.of("target", "sweep-plan-memory.txt"), String.format(
                "10^6-point plan in a %s MB heap (max %s MB): fresh %s s, against a 100-point ledger %s s, peak heap used %s MB%n",
                HEAP_MB, f[5], f[2], f[3], f[4]));
    }
}
