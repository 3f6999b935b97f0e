package org.diffsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.spec.PointSpecs;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    static final Path QUICK = Path.of("..", "conf", "quickstart.yaml");
    /** A point small enough to evaluate in a unit test (p = 24, n = 24); deltaGen 10 is never reached (no tau_mem). */
    static final String TINY = """
            d: 12
            psiP: 2
            psiN: 2
            t: 0.1
            seed: 3
            classes:
              - {name: A, weight: 0.5, radius: 1.0, angleDeg: 0,   variance: 2.0}
              - {name: B, weight: 0.5, radius: 1.0, angleDeg: 180, variance: 0.5}
            tauGrid: {min: 0.01, max: 10, points: 30}
            deltaGen: 10
            """;
    @TempDir Path dir;
    final CliRunner cli = new CliRunner();
    final ObjectMapper json = new ObjectMapper();

    private Path tiny() throws Exception {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, TINY);
        return f;
    }

    @Test
    void pointJsonHasTheIdentityAndEveryComputedClassField() throws Exception {
        Path f = tiny();
        CliRunner.Result r = cli.run("point", f.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = json.readTree(r.out());
        PointParams p = PointSpecs.load(f);
        assertEquals(new MixtureModel().pointId(p), j.get("pointId").asText());
        assertEquals(24, j.get("p").asInt());
        assertEquals(24, j.get("n").asInt());
        assertEquals("OK", j.get("status").asText());
        JsonNode a = j.get("classes").get(0);
        assertEquals("A", a.get("name").asText());
        assertEquals(12, a.get("nTrain").asInt());
        assertTrue(a.get(ClassField.TAU_GEN.column()).asDouble() > 0, a.toString());
        // tau_mem is never reached on this short grid: the field is absent, not 0 (null is never written)
        assertFalse(a.has(ClassField.TAU_MEM.column()), a.toString());
        assertFalse(a.has(ClassField.WINDOW.column()), a.toString());
        assertEquals(2.0, j.get("params").get("classes").get(0).get("variance").asDouble());
        assertEquals("exact", j.get("params").get("noise").asText());
    }

    @Test
    void humanTextOfEveryPointCommand() throws Exception {
        Path f = tiny();
        for (String cmd : List.of("point", "spectrum", "speciation")) {
            CliRunner.Result r = cli.run(cmd, f.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith("pointId    "), r.out());
            assertTrue(r.out().contains("\nclasses\n  name  weight  nTrain"), r.out());
        }
        assertEquals(0, cli.run("spectrum", "--empirical", "--json", f.toString()).status());
    }

    @Test
    void helpEverywhere() {
        CliRunner.Result top = cli.run("--help");
        assertEquals(0, top.status());
        for (String sub : List.of("run", "report", "replay", "point", "spectrum", "speciation")) assertTrue(top.out().contains("  " + sub), top.out());
        assertFalse(top.out().contains("  audit"), "audit is a hidden tool of the deploy scripts");
        for (String sub : List.of("run", "point", "spectrum", "speciation")) {
            CliRunner.Result r = cli.run(sub, "--help");
            assertEquals(0, r.status(), sub);
            assertTrue(r.out().startsWith("Usage: diffsweep " + sub), r.out());
            assertTrue(r.out().contains("--json"), sub);
        }
        assertTrue(cli.run("run", "--help").out().contains("--master"));
        assertTrue(cli.run("run", "--help").out().contains("--break-lock"));
        assertTrue(cli.run("point", "--help").out().contains("--curves"));
        assertTrue(cli.run("spectrum", "--help").out().contains("--empirical"));
    }

    @Test
    void progressStreamsWriteThroughTheCommandsWriter() {
        StringWriter w = new StringWriter();
        PrintStream s = Output.stream(new PrintWriter(w));
        s.print("progress 1/25 \u03c4\r");
        s.println("done");
        assertEquals("progress 1/25 \u03c4\rdone" + System.lineSeparator(), w.toString());
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        CliRunner.Result r = cli.run("run", "--dry-run", "--json", QUICK.toString(), "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(Files.exists(out));
        JsonNode j = json.readTree(r.out());
        assertEquals(SweepSpec.load(QUICK).specHash(), j.get("specHash").asText());
        assertEquals(25, j.get("points").asInt());
        assertEquals("varianceRatio", j.get("axes").get(0).get("path").asText());
        assertEquals(0.25, j.get("axes").get(0).get("values").get(0).asDouble());
        assertEquals(4.0, j.get("axes").get(0).get("values").get(4).asDouble());
        assertEquals(40, j.get("base").get("d").asInt());
    }
}
