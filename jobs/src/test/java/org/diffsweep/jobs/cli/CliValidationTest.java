package org.diffsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad-input case: exit status 2, exactly one line on stderr naming field, value and what is allowed. */
class CliValidationTest {
    @TempDir Path dir;
    final CliRunner cli = new CliRunner();

    static final String POINT = """
            d: 100
            psiP: 32
            psiN: 4
            t: 0.01
            seed: 1
            classes:
              - {name: A, weight: 0.5, radius: 1.0, angleDeg: 0,   variance: 2.0}
              - {name: B, weight: 0.5, radius: 1.0, angleDeg: 180, variance: 0.5}
            """;

    static String sweep(String axes) {
        return "name: bad\nbase:\n" + POINT.indent(2) + "axes:\n" + axes;
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** Runs {@code command FILE}, asserts status 2, empty stdout, one stderr line, and returns that line. */
    private String fails(String command, String yaml) throws IOException {
        Path f = write(command + ".yaml", yaml);
        CliRunner.Result r = cli.run(command, f.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one error line, got: " + r.err());
        assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(!Files.exists(Path.of("runs", "bad")), "a bad spec must not reach the runner");
        return lines.get(0);
    }

    @Test
    void unknownKey() throws IOException {
        assertEquals("error: psiQ = 3: unknown key; allowed keys are d, psiP, psiN, t, seed, classes, deltaGen, kappa, tauGrid, noise",
                fails("point", POINT + "psiQ: 3\n"));
        assertEquals("error: classes[0].varience = 2.0: unknown key; allowed keys of classes[0] are name, weight, radius, angleDeg, variance",
                fails("point", POINT.replace("variance: 2.0", "varience: 2.0")));
        assertEquals("error: base.tauGrid.step = 3: unknown key; allowed keys of base.tauGrid are min, max, points",
                fails("run", sweep("  - {path: psiN, values: [2]}\n").replace("seed: 1", "seed: 1\n  tauGrid: {step: 3}")));
        assertEquals("error: seed = 2: unknown key; allowed keys are name, base, axes, seeds, output, refine, evaluate, slices, design",
                fails("run", sweep("") + "seed: 2\n"));
    }

    @Test
    void weightsNotSummingToOne() throws IOException {
        assertEquals("error: classes[*].weight = 0.5 + 0.4 = 0.9: class weights must sum to 1 (within 1.0E-9)",
                fails("point", POINT.replace("weight: 0.5, radius: 1.0, angleDeg: 180", "weight: 0.4, radius: 1.0, angleDeg: 180")));
    }

    @Test
    void classWithZeroTrainingPoints() throws IOException {
        String p = POINT.replace("weight: 0.5, radius: 1.0, angleDeg: 0,", "weight: 0.999, radius: 1.0, angleDeg: 0,")
                .replace("weight: 0.5, radius: 1.0, angleDeg: 180", "weight: 0.001, radius: 1.0, angleDeg: 180");
        assertEquals("error: classes[1].weight = 0.001: class B would get round(weight * psiN * d) = round(0.001 * 4 * 100) = 0 "
                + "training points; every class needs >= 1", fails("point", p));
        // the same through a sweep axis: imbalanceRatio 1000 leaves class B round(400/1001) = 0 points
        assertEquals("error: axes = {imbalanceRatio: 1000}: this grid point is invalid: classes[1].weight = " + (1 / 1001.0) + ": class B would get round(weight * psiN * d) = "
                + "round(" + (1 / 1001.0) + " * 4 * 100) = 0 training points; every class needs >= 1",
                fails("run", sweep("  - {path: imbalanceRatio, values: [1, 1000]}\n")));
    }

    @Test
    void negativeVariance() throws IOException {
        assertEquals("error: classes[1].variance = -0.5: must be > 0", fails("point", POINT.replace("variance: 0.5", "variance: -0.5")));
        assertEquals("error: base.classes[1].variance = -0.5: must be > 0",
                fails("run", sweep("  - {path: psiN, values: [2]}\n").replace("variance: 0.5", "variance: -0.5")));
        assertEquals("error: axes[0].values[1] = -2: must be > 0 (classes[0].variance)",
                fails("run", sweep("  - {path: \"classes[0].variance\", values: [1, -2]}\n")));
    }

    @Test
    void psiPNotPositive() throws IOException {
        assertEquals("error: psiP = 0: must be > 0", fails("spectrum", POINT.replace("psiP: 32", "psiP: 0")));
        assertEquals("error: psiP = -2.5: must be > 0", fails("speciation", POINT.replace("psiP: 32", "psiP: -2.5")));
        assertEquals("error: psiP = 0.001: gives p = round(psiP * d) = round(0.001 * 100) = 0 random features; must give p >= 1",
                fails("point", POINT.replace("psiP: 32", "psiP: 0.001")));
        assertEquals("error: psiP = abc: not a number; must be a number > 0 (p/d)", fails("point", POINT.replace("psiP: 32", "psiP: abc")));
    }

    @Test
    void missingKey() throws IOException {
        assertEquals("error: t: missing; required: a number > 0 (diffusion time)", fails("point", POINT.replace("t: 0.01\n", "")));
        assertEquals("error: name: missing; required: a sweep name", fails("run", sweep("").replace("name: bad\n", "")));
    }

    @Test
    void unparsableYaml() throws IOException {
        Path f = write("broken.yaml", "d: 100\nclasses: [ {name: A\n");
        CliRunner.Result r = cli.run("point", f.toString());
        assertEquals(2, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("error: " + f + ": not valid YAML at line "), r.err());
        assertEquals("error: " + dir.resolve("point.yaml") + ": top level is a list; expected a YAML mapping with keys "
                + "d, psiP, psiN, t, seed, classes, deltaGen, kappa, tauGrid, noise", fails("point", "- 1\n- 2\n"));
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.yaml");
        for (String cmd : List.of("run", "point", "spectrum", "speciation")) {
            CliRunner.Result r = cli.run(cmd, f.toString());
            assertEquals(2, r.status(), cmd);
            assertEquals("error: " + f + ": no such file\n", r.err().replace("\r\n", "\n"), cmd);
        }
    }

    @Test
    void badAxisPath() throws IOException {
        assertEquals("error: axes[0].path = classes[0].varience: unknown class field 'varience'; sweepable class fields are weight, share, radius, angleDeg, variance",
                fails("run", sweep("  - {path: \"classes[0].varience\", values: [1]}\n")));
        assertEquals("error: axes[0].path = classes[2].variance: class index 2 out of range; base has 2 classes (0 <= i < 2)",
                fails("run", sweep("  - {path: \"classes[2].variance\", values: [1]}\n")));
        assertEquals("error: axes[0].path = sigma: not a sweepable path; allowed: d, psiP, psiN, t, deltaGen, kappa, "
                + "classes[i].{weight, share, radius, angleDeg, variance} with 0 <= i < 2, and for two classes varianceRatio, imbalanceRatio, radiusRatio, angleDeg",
                fails("run", sweep("  - {path: sigma, values: [1]}\n")));
        assertEquals("error: axes[1].path = classes[0].variance: conflicts with axes[0] (varianceRatio), which also sets classes[0].variance; "
                + "each field may be set by one axis only",
                fails("run", sweep("  - {path: varianceRatio, values: [1]}\n  - {path: \"classes[0].variance\", values: [1]}\n")));
    }

    @Test
    void emptyAxis() throws IOException {
        assertEquals("error: axes[0].values = []: must list at least one value", fails("run", sweep("  - {path: psiN, values: []}\n")));
        assertEquals("error: axes[0] = {\"path\":\"psiN\"}: must have exactly one of values: [...], linear: {from, to, points}, "
                + "log: {from, to, points} (none given)", fails("run", sweep("  - {path: psiN}\n")));
    }

    @Test
    void badRange() throws IOException {
        assertEquals("error: axes[0].log.from = -1: must be > 0 for a log range",
                fails("run", sweep("  - {path: varianceRatio, log: {from: -1, to: 4, points: 5}}\n")));
        assertEquals("error: axes[0].linear.points = 1: must be an integer in [2, 100000] (for one value use values: [x])",
                fails("run", sweep("  - {path: psiN, linear: {from: 1, to: 4, points: 1}}\n")));
        assertEquals("error: axes[0].linear.to = 2: must differ from from = 2",
                fails("run", sweep("  - {path: psiN, linear: {from: 2, to: 2, points: 3}}\n")));
        assertEquals("error: axes[0].linear value #0 = -1: must be > 0 (psiN)",
                fails("run", sweep("  - {path: psiN, linear: {from: -1, to: 2, points: 4}}\n")));
        assertEquals("error: axes[0].values[1] = 200: must be in [0, 180] degrees (angle between the centroids) (angleDeg)",
                fails("run", sweep("  - {path: angleDeg, values: [90, 200]}\n")));
    }

    @Test
    void refineBlockIsValidated() throws IOException {
        String two = sweep("  - {path: psiP, values: [1, 2]}\n  - {path: t, values: [0.1, 0.2]}\n");
        assertEquals("error: refine = {\"tolerance\":0.1}: refinement needs at least two axes (a 2-D slice); the spec has 1",
                fails("run", sweep("  - {path: psiP, values: [1, 2]}\n") + "refine: {tolerance: 0.1}\n"));
        assertEquals("error: refine.budget = 3: must be >= the 4 base points of a 2-D slice",
                fails("run", two + "refine: {budget: 3}\n"));
        assertEquals("error: refine.tolerance = -0.1: must be > 0",
                fails("run", two + "refine: {tolerance: -0.1}\n"));
        assertEquals("error: refine.metric = RESID_GEN_SPEC_W: must be one of GEN_MEASURED, GEN_ASYM, GEN_SPEC_W, GEN_SPEC_CW, "
                        + "GEN_EDGE, MEM_MEASURED, MEM_ASYM, MEM_SPEC_W, MEM_SPEC_CW, MEM_EDGE, X_AB_MEASURED, X_BA_MEASURED, X_AB_ASYM, X_BA_ASYM, S_MEASURED, S_CLOSED_FORM, S_EXACT_MEDIAN",
                fails("run", two + "refine: {metric: RESID_GEN_SPEC_W}\n"));
        assertEquals("error: refine.when = 1: unknown key; allowed keys of refine are metric, tolerance, budget, maxWaves",
                fails("run", two + "refine: {when: 1}\n"));
    }

    @Test
    void badCommandLine() {
        CliRunner.Result r = cli.run("point", "--bogus", "x.yaml");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("Unknown option: '--bogus'"), r.err());
        assertEquals(2, cli.run().status());
        assertEquals(2, cli.run("point").status());
    }
}
