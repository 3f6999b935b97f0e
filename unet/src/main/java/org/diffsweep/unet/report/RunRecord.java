package org.diffsweep.unet.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.diffsweep.unet.experiment.ClassCheckpoint;
import org.diffsweep.unet.experiment.ClassTimes;

/**
 * One run read back from its folder {@code <label>/} ({@link org.diffsweep.unet.experiment.FmnistPoint#label()}):
 * its checkpoint curves and, once it finished, its per-class times.
 *
 * @param config the configuration (class pair, pi_A, n)
 * @param seed   the seed replica
 * @param curves per-checkpoint, per-class rows (checkpoint-major, A then B)
 * @param times  per-class times (A then B); empty while the run is unfinished
 * @param run    the run's {@code run.csv} row as column → value (empty while unfinished)
 */
public record RunRecord(Config config, int seed, List<ClassCheckpoint> curves, List<ClassTimes> times,
                        java.util.Map<String, String> run) {
    private static final Pattern LABEL = Pattern.compile("A(\\d+)_B(\\d+)_pi([0-9.]+)_n(\\d+)_s(\\d+)");

    public RunRecord {
        curves = List.copyOf(curves);
        times = List.copyOf(times);
        run = java.util.Map.copyOf(run);
    }

    /** A numeric run.csv value, or NaN. */
    public double runValue(String column) {
        String v = run.get(column);
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    /**
     * A configuration: everything but the seed.
     *
     * @param classA label of class A
     * @param classB label of class B
     * @param piA    class-A share
     * @param n      training subset size
     */
    public record Config(int classA, int classB, double piA, int n) implements Comparable<Config> {
        /** e.g. {@code A8_B1_pi0.8_n32}. */
        public String label() { return "A" + classA + "_B" + classB + "_pi" + piA + "_n" + n; }

        @Override public int compareTo(Config o) {
            int c = Integer.compare(classA, o.classA);
            if (c == 0) c = Integer.compare(classB, o.classB);
            if (c == 0) c = Double.compare(piA, o.piA);
            return c != 0 ? c : Integer.compare(n, o.n);
        }
    }

    /** True once times.csv exists (the run ended: cap, adaptive stop or divergence). */
    public boolean finished() { return !times.isEmpty(); }

    /** The rows of one role ("A" or "B"), in step order. */
    public List<ClassCheckpoint> role(String role) {
        return curves.stream().filter(r -> r.role().equals(role)).toList();
    }

    /** Every run folder under {@code pointsDir} with a curves.csv, in name order; other entries are ignored. */
    public static List<RunRecord> readAll(Path pointsDir) {
        List<RunRecord> out = new ArrayList<>();
        if (!Files.isDirectory(pointsDir)) return out;
        try (Stream<Path> dirs = Files.list(pointsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Matcher m = LABEL.matcher(dir.getFileName().toString());
                Path curves = dir.resolve("curves.csv");
                if (!m.matches() || !Files.isRegularFile(curves)) continue;
                Config c = new Config(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Double.parseDouble(m.group(3)), Integer.parseInt(m.group(4)));
                List<ClassCheckpoint> rows = new ArrayList<>();
                for (String line : body(curves)) rows.add(ClassCheckpoint.parse(line));
                List<ClassTimes> times = new ArrayList<>();
                Path t = dir.resolve("times.csv");
                if (Files.isRegularFile(t)) for (String line : body(t)) times.add(ClassTimes.parse(line));
                java.util.Map<String, String> run = new java.util.LinkedHashMap<>();
                Path r = dir.resolve("run.csv");
                if (Files.isRegularFile(r)) {
                    List<String> l = Files.readAllLines(r, StandardCharsets.UTF_8);
                    if (l.size() >= 2) {
                        String[] h = l.get(0).split(","), v = l.get(1).split(",", -1);
                        for (int i = 0; i < Math.min(h.length, v.length); i++) run.put(h[i], v[i]);
                    }
                }
                out.add(new RunRecord(c, Integer.parseInt(m.group(5)), rows, times, run));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> body(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        return lines.subList(Math.min(1, lines.size()), lines.size()).stream().filter(l -> !l.isBlank()).toList();
    }
}
