package org.diffsweep.unet.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Fashion-MNIST sweep spec ({@code conf/fmnist*.yaml}): a grid of class pairs x pi_A x n x seed replicas over one
 * set of run settings (theory §9.3). Each grid point is one independent task.
 *
 * @param name    spec name
 * @param dataDir Fashion-MNIST directory, or null for the default ({@link org.diffsweep.unet.data.FmnistDataset})
 * @param grid    the axes
 * @param base    settings shared by every point
 * @param dedupeMirrors when true, a point whose mirror (classes swapped, pi_A -> 1 - pi_A, same n and seed) comes
 *                earlier in the grid is left out: at pi_A = 0.5 both orders of a pair are the same experiment with the
 *                roles renamed (optional key, default false)
 */
public record FmnistSpec(String name, String dataDir, Grid grid, FmnistSettings base, boolean dedupeMirrors) {

    /**
     * Grid axes.
     *
     * @param classPairs list of [A, B] label pairs
     * @param piA        class-A shares
     * @param n          subset sizes
     * @param seeds      number of seed replicas (0..seeds-1)
     */
    public record Grid(List<List<Integer>> classPairs, List<Double> piA, List<Integer> n, int seeds) {
        public Grid {
            if (classPairs == null || classPairs.isEmpty()) throw new IllegalArgumentException("grid.classPairs empty");
            for (List<Integer> p : classPairs)
                if (p == null || p.size() != 2) throw new IllegalArgumentException("grid.classPairs entry " + p
                        + ": must be [A, B]");
            if (piA == null || piA.isEmpty()) throw new IllegalArgumentException("grid.piA empty");
            if (n == null || n.isEmpty()) throw new IllegalArgumentException("grid.n empty");
            if (seeds < 1) throw new IllegalArgumentException("grid.seeds = " + seeds + ": must be >= 1");
            classPairs = List.copyOf(classPairs.stream().map(List::copyOf).toList());
            piA = List.copyOf(piA);
            n = List.copyOf(n);
        }
    }

    public FmnistSpec {
        if (grid == null) throw new IllegalArgumentException("spec: grid missing");
        if (base == null) throw new IllegalArgumentException("spec: base missing");
    }

    /** {@code base:} keys that may be left out, with their defaults (added after the spec format was fixed). */
    static final java.util.Map<String, Double> OPTIONAL_BASE = java.util.Map.of("stopFmem", 0.0);

    /** Reads and validates a YAML spec; {@code base:} keys in {@link #OPTIONAL_BASE} default when absent. */
    public static FmnistSpec read(Path file) throws IOException {
        ObjectMapper om = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        try {
            com.fasterxml.jackson.databind.JsonNode tree = om.readTree(file.toFile());
            if (tree != null && tree.get("base") instanceof com.fasterxml.jackson.databind.node.ObjectNode b) {
                for (var e : OPTIONAL_BASE.entrySet()) if (!b.has(e.getKey())) b.put(e.getKey(), e.getValue());
            }
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode top) {
                if (!top.has("dedupeMirrors")) top.put("dedupeMirrors", false);
                if (!top.has("dataDir")) top.putNull("dataDir"); // documented as optional: the default folder
            }
            return om.treeToValue(tree, FmnistSpec.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException(file + ": " + c.getMessage(), e);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            // e.g. a missing key: one line naming it (the full message carries a parser trace)
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage()
                    + (e.getPathReference() == null ? "" : " (at " + e.getPathReference() + ")"), e);
        }
    }

    /** The data directory to use. */
    public Path dataPath() {
        return dataDir == null || dataDir.isBlank() ? org.diffsweep.unet.data.FmnistDataset.defaultDir()
                : Path.of(dataDir);
    }

    /** All grid points in canonical order: class pair, then pi_A, then n, then seed (mirrors left out when
     *  {@link #dedupeMirrors}). */
    public List<FmnistPoint> points() {
        List<FmnistPoint> out = new ArrayList<>();
        for (List<Integer> p : grid.classPairs())
            for (double pi : grid.piA())
                for (int n : grid.n())
                    for (int s = 0; s < grid.seeds(); s++) {
                        FmnistPoint q = new FmnistPoint(p.get(0), p.get(1), pi, n, s, base);
                        if (dedupeMirrors && out.stream().anyMatch(o -> isMirror(o, q))) continue;
                        out.add(q);
                    }
        return out;
    }

    /** Whether {@code b} is {@code a} with the classes swapped (pi_A -> 1 - pi_A, same n, seed and settings). */
    static boolean isMirror(FmnistPoint a, FmnistPoint b) {
        return a.classA() == b.classB() && a.classB() == b.classA() && Math.abs(a.piA() - (1 - b.piA())) < 1e-12
                && a.n() == b.n() && a.seed() == b.seed() && a.settings().equals(b.settings());
    }
}
