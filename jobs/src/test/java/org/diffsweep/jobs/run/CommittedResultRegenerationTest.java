package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.diffsweep.jobs.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed three-class result {@code results/atlas-3class} (conf/atlas-3class.yaml: pairwise order parameters
 * of three classes, a {@code classes[2].share} axis) regenerates from its committed ledger alone: a copy of the
 * ledger and the spec, reported, gives the committed tables byte for byte. When this fails after a deliberate change
 * to the tables, regenerate the committed result with {@code ./diffsweep report results/atlas-3class}.
 */
class CommittedResultRegenerationTest {
    static final Path COMMITTED = Path.of("..", "results", "atlas-3class");

    @TempDir Path tmp;

    /** One report over 135 points (136 s on a loaded 2-vCPU machine); in the slow profile (mvn -B verify -Pslow). */
    @Test
    @Tag("slow")
    void atlasThreeClassTablesRegenerateByteIdentically() throws IOException {
        Path out = tmp.resolve("atlas-3class");
        copy(COMMITTED.resolve("ledger"), out.resolve("ledger"));
        Files.copy(COMMITTED.resolve("_spec.json"), out.resolve("_spec.json"));
        StringWriter o = new StringWriter(), e = new StringWriter();
        int status = Main.execute(new PrintWriter(o), new PrintWriter(e), null, new String[] {"report", out.toString()});
        assertEquals(0, status, o + "\n" + e);
        for (String t : List.of("results.csv", "phase.csv", "boundary.csv", "summary.txt")) {
            assertArrayEquals(Files.readAllBytes(COMMITTED.resolve(t)), Files.readAllBytes(out.resolve(t)),
                    t + " differs from the committed results/atlas-3class/" + t);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
    }
}
