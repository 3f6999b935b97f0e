package org.diffsweep.unet.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.diffsweep.jobs.run.SparkSessions;
import org.diffsweep.unet.experiment.FmnistExperiment;
import org.diffsweep.unet.experiment.FmnistPoint;
import org.diffsweep.unet.experiment.FmnistSettings;
import org.diffsweep.unet.experiment.FmnistSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny Fashion-MNIST sweep (synthetic IDX files, 3 training steps) through the Spark sweep engine, local mode. */
class FmnistSweepTest {
    @TempDir Path tmp;

    /** Spec settings: W = 4, 3 Adam steps, checkpoints 0, 1, 3, 6 DDIM samples of 2 steps. */
    static final FmnistSettings SET = new FmnistSettings(4, List.of(1, 2), "adam", 1e-3, 0, 8, 3, 2, 1, 6, 2, 4, 0.01,
            3, 1.0 / 3, 50, 0.1, 0.1, 0);

    static FmnistSpec spec(List<Double> piA, int seeds) {
        return new FmnistSpec("fmnist-test", null, new FmnistSpec.Grid(List.of(List.of(3, 5)), piA, List.of(12), seeds), SET, false);
    }

    @Test
    void gridPointsCarryTheirCoordinatesAndIdsHashEverySetting() {
        FmnistSpec s = new FmnistSpec("g", null, new FmnistSpec.Grid(List.of(List.of(8, 1), List.of(1, 8)),
                List.of(0.5, 0.9, 0.97), List.of(64, 256), 2), SET, false);
        FmnistGrid g = new FmnistGrid(s);
        List<FmnistPoint> pts = s.points();
        assertEquals(pts.size(), g.size());
        FmnistModel model = new FmnistModel("data", null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < pts.size(); i++) {
            FmnistPoint p = pts.get(i);
            var gp = g.point(i);
            assertEquals(p, gp.params());
            assertEquals(p.seed(), gp.seedIndex());
            assertEquals(Map.of("piA", p.piA(), "n", (double) p.n(), "classA", (double) p.classA(),
                    "classB", (double) p.classB()), gp.coordinates());
            assertTrue(seen.add(model.pointId(p)), "duplicate pointId at " + i);
        }
        FmnistPoint q = g.point(0).params();
        // Stable (a fresh model gives the same id) but sensitive to every setting.
        assertEquals(model.pointId(q), new FmnistModel("elsewhere", "x").pointId(q));
        FmnistSettings other = new FmnistSettings(4, List.of(1, 2), "adam", 1e-3, 0, 8, 3, 2, 1, 6, 2, 4, 0.01, 3,
                1.0 / 3, 50, 0.1, 0.2, 0); // only gapThreshold differs
        assertNotEquals(model.pointId(q), model.pointId(new FmnistPoint(q.classA(), q.classB(), q.piA(), q.n(), q.seed(), other)));
    }

    @Test
    void tinySweepWritesOneLedgerRowPerPointAndClassAndResumesWithoutWork() throws IOException {
        Path data = tmp.resolve("data");
        writeSyntheticData(data);
        Path out = tmp.resolve("run");
        FmnistSpec s = spec(List.of(0.5, 0.75), 1);
        Path specFile = tmp.resolve("s.yaml");
        Files.writeString(specFile, yaml(s));
        StringWriter o1 = new StringWriter(), e1 = new StringWriter();
        assertEquals(0, FmnistSweep.execute(new PrintWriter(o1), new PrintWriter(e1), specFile.toString(), "--output", out.toString(),
                "--data", data.toString(), "--master", "local[2]"), () -> o1 + " " + e1 + notOkRows(out));
        assertTrue(o1.toString().contains("2 points, 0 already in the ledger, 2 computed"), o1.toString());
        SparkSession spark = SparkSessions.getOrCreate("local[2]", "diffsweep-unet-test", false, Map.of());
        List<Row> rows = spark.read().parquet(out.resolve("ledger").toString()).collectAsList();
        assertEquals(4, rows.size()); // 2 points x 2 classes

        FmnistModel model = new FmnistModel(data.toString(), null);
        Map<String, FmnistPoint> byId = new HashMap<>();
        for (FmnistPoint p : s.points()) byId.put(model.pointId(p), p);
        Set<String> keys = new HashSet<>();
        for (Row r : rows) {
            String id = r.getAs("pointId");
            int c = r.getAs("classIndex");
            assertTrue(keys.add(id + "/" + c), "two rows for " + id + "/" + c);
            FmnistPoint p = byId.get(id);
            assertTrue(p != null, "ledger pointId not in the grid: " + id);
            assertEquals("OK", r.getAs("status"));
            assertEquals(c == 0 ? "Dress" : "Sandal", r.getAs("className")); // labels 3 and 5
            assertEquals(c == 0 ? p.piA() : 1 - p.piA(), (double) r.getAs("weight"), 0.0);
            // n_A = round(pi_A n) from the subset rule, independent of the mapping code.
            assertEquals(c == 0 ? Math.round(p.piA() * 12) : 12 - Math.round(p.piA() * 12), (long) (int) r.getAs("nTrain"));
            // The ledger's tau_gen / tau_mem are the ones the experiment itself wrote to the point's times.csv.
            List<String> times = Files.readAllLines(out.resolve("points").resolve(p.label()).resolve("times.csv"));
            String[] f = times.get(1 + c).split(",", -1);
            assertEquals(parse(f[5]), (Double) r.getAs("tauGen"));
            assertEquals(parse(f[6]), (Double) r.getAs("tauMem"));
            Double window = r.getAs("window");
            if (parse(f[5]) == null || parse(f[6]) == null) assertNull(window);
            else assertEquals(parse(f[6]) - parse(f[5]), window, 0.0);
            assertEquals(FmnistExperiment.NAME + " " + FmnistExperiment.VERSION, r.getAs("evaluator") + " " + r.getAs("evaluatorVersion"));
        }
        assertEquals(byId.keySet().size() * 2, keys.size());
        assertEquals(1 + 4, Files.readAllLines(out.resolve("results.csv")).size());

        StringWriter o2 = new StringWriter();
        assertEquals(0, FmnistSweep.execute(new PrintWriter(o2), new PrintWriter(new StringWriter()), specFile.toString(), "--output",
                out.toString(), "--data", data.toString(), "--master", "local[2]"));
        assertTrue(o2.toString().contains("2 already in the ledger, 0 computed"), o2.toString());
        assertEquals(4, spark.read().parquet(out.resolve("ledger").toString()).count());
    }

    /** The spec as its YAML file. */
    static String yaml(FmnistSpec s) {
        FmnistSettings b = s.base();
        return "name: " + s.name() + "\ndataDir: /nonexistent\ngrid:\n  classPairs: [[3, 5]]\n  piA: " + s.grid().piA() + "\n  n: " + s.grid().n()
                + "\n  seeds: " + s.grid().seeds() + "\nbase:\n  width: " + b.width() + "\n  mults: " + b.mults() + "\n  optimizer: "
                + b.optimizer() + "\n  lr: " + b.lr() + "\n  momentum: " + b.momentum() + "\n  batch: " + b.batch() + "\n  steps: "
                + b.steps() + "\n  checkpoints: " + b.checkpoints() + "\n  firstCheckpoint: " + b.firstCheckpoint() + "\n  samples: "
                + b.samples() + "\n  ddimSteps: " + b.ddimSteps() + "\n  sampleBatch: " + b.sampleBatch() + "\n  lossTime: "
                + b.lossTime() + "\n  testPerClass: " + b.testPerClass() + "\n  memRatio: " + b.memRatio() + "\n  bootstrap: "
                + b.bootstrap() + "\n  fmemThreshold: " + b.fmemThreshold() + "\n  gapThreshold: " + b.gapThreshold() + "\n";
    }

    private static Double parse(String s) {
        return s.isEmpty() ? null : Double.valueOf(s);
    }

    /** Tiny IDX "Fashion-MNIST": class 3 = bright square, class 5 = bright bar, plus pixel noise; 40 train, 10 test. */
    static void writeSyntheticData(Path dir) throws IOException {
        Files.createDirectories(dir);
        SeededStream s = RandomStreams.forKey("fake").stream("img");
        int[] sizes = {40, 10};
        String[] prefix = {"train", "t10k"};
        for (int split = 0; split < 2; split++) {
            int n = sizes[split];
            byte[] img = new byte[n * 784];
            byte[] lab = new byte[n];
            for (int j = 0; j < n; j++) {
                int c = j % 2 == 0 ? 3 : 5;
                lab[j] = (byte) c;
                for (int r = 0; r < 28; r++) for (int q = 0; q < 28; q++) {
                    boolean on = c == 3 ? (r > 6 && r < 22 && q > 6 && q < 22) : (q > 12 && q < 16);
                    int v = (on ? 200 : 20) + (int) (10 * s.nextGaussian());
                    img[j * 784 + r * 28 + q] = (byte) Math.max(0, Math.min(255, v));
                }
            }
            idx(dir.resolve(prefix[split] + "-images-idx3-ubyte.gz"), new int[] {n, 28, 28}, img);
            idx(dir.resolve(prefix[split] + "-labels-idx1-ubyte.gz"), new int[] {n}, lab);
        }
    }

    private static void idx(Path f, int[] dims, byte[] data) throws IOException {
        try (java.io.DataOutputStream o = new java.io.DataOutputStream(new GZIPOutputStream(Files.newOutputStream(f)))) {
            o.writeInt(0x800 | dims.length);
            for (int d : dims) o.writeInt(d);
            o.write(data);
        }
    }

    /** The results.csv rows of points that are not OK (with their diagnostic), for a failure message. */
    private static String notOkRows(Path out) {
        try {
            return " not-OK rows: " + Files.readAllLines(out.resolve("results.csv")).stream().filter(l -> !l.contains(",OK,")).toList();
        } catch (IOException e) {
            return " (no results.csv: " + e.getMessage() + ")";
        }
    }
}
