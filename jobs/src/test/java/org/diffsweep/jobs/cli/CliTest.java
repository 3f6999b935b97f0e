package org.diffsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.PointIds;
import org.diffsweep.jobs.spec.PointSpecs;
import org.diffsweep.jobs.spec.SweepPlan;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;

class CliTest {
    static final Path POINT = Path.of("..", "conf", "example-point.yaml");
    static final Path QUICK = Path.of("..", "conf", "quickstart.yaml");
    final CliRunner cli = new CliRunner();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void pointJsonHasTheEchoAndNoScienceFields() throws Exception {
        CliRunner.Result r = cli.run("point", POINT.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = json.readTree(r.out());
        PointParams p = PointSpecs.load(POINT);
        assertEquals(PointIds.pointId(p, EchoScienceFacade.NAME, EchoScienceFacade.VERSION), j.get("pointId").asText());
        assertEquals(3200, j.get("p").asInt());
        assertEquals(400, j.get("n").asInt());
        assertEquals(2, j.get("classes").size());
        assertEquals("A", j.get("classes").get(0).get("name").asText());
        assertEquals("B", j.get("classes").get(1).get("name").asText());
        assertEquals(0.5, j.get("classes").get(1).get("weight").asDouble());
        assertEquals(200, j.get("classes").get(1).get("nTrain").asInt());
        assertEquals(2.0, j.get("params").get("classes").get(0).get("variance").asDouble());
        assertEquals("exact", j.get("params").get("noise").asText());
        // nothing was computed, so no science field and no status may appear
        for (String absent : List.of("status", "globalTS", "curves")) assertFalse(j.has(absent), absent);
        assertFalse(j.get("classes").get(0).has("tauGen"));
        assertTrue(r.err().startsWith("note: no point engine is wired"), r.err());
    }

    @Test
    void nullScienceFieldsAreAbsentNotZero() throws Exception {
        cli.science = new ScienceFacade() {
            @Override public String evaluatorName() { return "x"; }

            @Override public String evaluatorVersion() { return "1"; }

            @Override public Report spectrum(PointParams p, boolean empirical) { return point(p, false); }

            @Override public Report speciation(PointParams p) { return point(p, false); }

            @Override public Report point(PointParams p, boolean curves) {
                LinkedHashMap<String, Object> m = Reports.echo(p, "x", "1");
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", "A");
                c.put("tauGen", null);
                c.put("tauMem", 12.5);
                m.put("classes", List.of(c));
                m.put("globalTS", null);
                return new Report(m, List.of());
            }
        };
        CliRunner.Result r = cli.run("point", "--json", "--curves", POINT.toString());
        JsonNode c = json.readTree(r.out()).get("classes").get(0);
        assertFalse(c.has("tauGen"));
        assertEquals(12.5, c.get("tauMem").asDouble());
        assertFalse(json.readTree(r.out()).has("globalTS"));
        assertEquals("", r.err());
        CliRunner.Result text = cli.run("point", POINT.toString());
        assertTrue(text.out().contains("name  tauMem\n") && text.out().contains("A     12.5\n"), text.out());
    }

    @Test
    void humanTextOfEveryPointCommand() {
        for (String cmd : List.of("point", "spectrum", "speciation")) {
            CliRunner.Result r = cli.run(cmd, POINT.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith("pointId    "), r.out());
            assertTrue(r.out().contains("\nclasses\n  name  weight  nTrain\n  A     0.5     200\n  B     0.5     200\n"), r.out());
        }
        assertEquals(0, cli.run("spectrum", "--empirical", "--json", POINT.toString()).status());
    }

    @Test
    void helpEverywhere() {
        CliRunner.Result top = cli.run("--help");
        assertEquals(0, top.status());
        for (String sub : List.of("run", "point", "spectrum", "speciation")) assertTrue(top.out().contains("  " + sub), top.out());
        for (String sub : List.of("run", "point", "spectrum", "speciation")) {
            CliRunner.Result r = cli.run(sub, "--help");
            assertEquals(0, r.status(), sub);
            assertTrue(r.out().startsWith("Usage: diffsweep " + sub), r.out());
            assertTrue(r.out().contains("--json"), sub);
        }
        assertTrue(cli.run("run", "--help").out().contains("--master"));
        assertTrue(cli.run("point", "--help").out().contains("--curves"));
        assertTrue(cli.run("spectrum", "--help").out().contains("--empirical"));
    }

    @Test
    void runHandsThePlanToTheExecutor() throws Exception {
        CliRunner.Result r = cli.run("run", QUICK.toString(), "--master", "local[2]", "--output", "out/q");
        assertEquals(0, r.status(), r.err());
        assertEquals(1, cli.plans.size());
        SweepPlan plan = cli.plans.get(0);
        SweepSpec spec = SweepSpec.load(QUICK);
        assertEquals("quickstart", plan.name());
        assertEquals(spec.specHash(), plan.specHash());
        assertEquals(spec.canonicalText(), plan.canonicalSpec());
        assertEquals(Files.readString(QUICK), plan.rawSpec());
        assertEquals(25, plan.grid().size());
        assertEquals("out/q", plan.outputDir());
        assertEquals("local[2]", cli.options.get(0).master());
        assertFalse(cli.options.get(0).json());
        assertTrue(r.out().startsWith("sweep quickstart: 25 points"), r.out());

        cli.run("run", QUICK.toString(), "--json");
        assertEquals("runs/quickstart", cli.plans.get(1).outputDir());
        assertTrue(cli.options.get(1).json());
        String env = System.getenv("DIFFSWEEP_MASTER");
        assertEquals(env == null ? "" : env, cli.options.get(1).master()); // "" = not given: SparkSessions.resolveMaster decides
    }

    @Test
    void executorCanWriteThroughPrintStreams() {
        cli.executor = (plan, opts) -> {
            opts.errStream().print("progress 1/25 \u03c4\r");
            opts.errStream().println("done");
            opts.outStream().println("summary");
            return 0;
        };
        CliRunner.Result r = cli.run("run", QUICK.toString(), "--json");
        assertEquals(0, r.status());
        assertEquals("progress 1/25 \u03c4\rdone" + System.lineSeparator(), r.err());
        assertEquals("summary" + System.lineSeparator(), r.out());
    }

    @Test
    void executorStatusAndInternalErrorsPassThrough() {
        cli.executor = (plan, opts) -> 1;
        assertEquals(1, cli.run("run", QUICK.toString()).status());
        cli.executor = (plan, opts) -> {
            throw new IllegalStateException("boom");
        };
        CliRunner.Result r = cli.run("run", QUICK.toString());
        assertEquals(1, r.status());
        assertEquals(List.of("error: internal error in 'run': java.lang.IllegalStateException: boom (set DIFFSWEEP_DEBUG=1 for the stack trace)"),
                r.errLines());
    }

    @Test
    void dryRunPrintsThePlan() throws Exception {
        CliRunner.Result r = cli.run("run", "--dry-run", "--json", QUICK.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(cli.plans.isEmpty());
        JsonNode j = json.readTree(r.out());
        assertEquals(SweepSpec.load(QUICK).specHash(), j.get("specHash").asText());
        assertEquals(25, j.get("points").asInt());
        assertEquals("varianceRatio", j.get("axes").get(0).get("path").asText());
        assertEquals(0.25, j.get("axes").get(0).get("values").get(0).asDouble());
        assertEquals(4.0, j.get("axes").get(0).get("values").get(4).asDouble());
        assertEquals(40, j.get("base").get("d").asInt());
    }
}
