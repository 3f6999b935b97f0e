package org.diffsweep.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.diffsweep.core.point.PointField;

/**
 * A space-filling design over continuous ranges (docs/spec.md "design"): N points in the box of its ranges, each
 * range linear or logarithmic, deterministic from the spec.
 * <pre>
 * design:
 *   kind: sobol            # sobol | lhs
 *   points: 256            # N, 1..MAX_POINTS
 *   seed: 0                # lhs: permutations and jitter; sobol: 0 = the plain sequence, else a random shift mod 1
 *   ranges:                # path: [lo, hi, log | linear], in this order (the k-th range gets the k-th coordinate)
 *     varianceRatio: [0.015625, 64, log]
 *     imbalanceRatio: [0.01, 100, log]
 * </pre>
 * Unit-cube coordinates u in [0, 1) map to {@code lo + u (hi − lo)} (linear) or {@code lo (hi/lo)^u} (log).
 *
 * <ul>
 *   <li><b>sobol</b>: points 1..N of the Sobol sequence (commons-math3 {@link SobolSequenceGenerator}, Joe–Kuo
 *       direction numbers; point 0, the origin, is skipped), with a Cranley–Patterson shift
 *       {@code u ← (u + s) mod 1} drawn from {@code seed} when {@code seed ≠ 0}. Raising N appends points: the first
 *       N of a larger design are the design of N.</li>
 *   <li><b>lhs</b>: a Latin hypercube: per dimension an independent random permutation π of the N strata and a
 *       uniform jitter inside each, {@code u_i = (π(i) + U_i) / N} ({@link Random} seeded with {@code seed}, whose
 *       sequence the Java API specifies). Every stratum of every dimension holds exactly one point.</li>
 * </ul>
 *
 * @param kind   sobol or lhs
 * @param points N
 * @param seed   see above
 * @param ranges the ranges, spec order
 */
public record Design(Kind kind, int points, long seed, List<Range> ranges) {
    /** Most design points per seed replica. */
    public static final int MAX_POINTS = 1_000_000;
    /** The design's own seed key: the same word as a point's seed (one literal, {@link PointField#SEED}). */
    private static final String SEED = PointField.SEED.key();
    static final List<String> KEYS = List.of("kind", "points", SEED, "ranges");

    public Design { ranges = List.copyOf(ranges); }

    /** The design kinds. */
    public enum Kind { SOBOL, LHS }

    /**
     * One range.
     *
     * @param path a sweepable path (as for axes)
     * @param lo   lower end (axis units)
     * @param hi   upper end, &gt; lo
     * @param log  logarithmic (lo &gt; 0) or linear
     */
    public record Range(String path, double lo, double hi, boolean log) {
        /** The value at unit coordinate u. */
        public double at(double u) {
            return log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        }

        /** The unit coordinate of value v (the inverse of {@link #at}). */
        public double unit(double v) {
            return log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
        }
    }

    /** The paths of the ranges, spec order. */
    public List<String> paths() { return ranges.stream().map(Range::path).toList(); }

    /** The design in the unit cube, N rows of one coordinate per range in [0, 1). */
    public double[][] unitPoints() {
        int dim = ranges.size();
        double[][] u = new double[points][dim];
        if (kind == Kind.SOBOL) {
            SobolSequenceGenerator g = new SobolSequenceGenerator(dim);
            g.nextVector(); // the origin
            double[] shift = new double[dim];
            if (seed != 0) {
                Random r = new Random(seed);
                for (int d = 0; d < dim; d++) shift[d] = r.nextDouble();
            }
            for (int i = 0; i < points; i++) {
                double[] v = g.nextVector();
                for (int d = 0; d < dim; d++) {
                    double s = v[d] + shift[d];
                    u[i][d] = s >= 1 ? s - 1 : s;
                }
            }
        } else {
            Random r = new Random(seed);
            int[] perm = new int[points];
            for (int d = 0; d < dim; d++) {
                for (int i = 0; i < points; i++) perm[i] = i;
                for (int i = points - 1; i > 0; i--) { // Fisher–Yates
                    int j = r.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                for (int i = 0; i < points; i++) u[i][d] = (perm[i] + r.nextDouble()) / points;
            }
        }
        return u;
    }

    /** The design in axis units: N rows of one value per range. */
    public double[][] values() {
        double[][] u = unitPoints();
        for (double[] row : u) for (int d = 0; d < row.length; d++) row[d] = ranges.get(d).at(row[d]);
        return u;
    }

    /** Canonical tree for the specHash: kind, points, seed and the ranges as a list in spec order. */
    Map<String, Object> canonicalTree() {
        List<Object> rs = new ArrayList<>();
        for (Range r : ranges) rs.add(Map.of("path", r.path, "lo", r.lo, "hi", r.hi, "scale", r.log ? "log" : "linear"));
        return Map.of("kind", kind.name().toLowerCase(java.util.Locale.ROOT), "points", (long) points, SEED, seed, "ranges", rs);
    }

    private static Range range(String rp, String path, JsonNode l, JsonNode h, JsonNode sc, String lp, String hp, String sp) {
        double lo = Yaml.number(l, rp + lp, "a finite number");
        double hi = Yaml.number(h, rp + hp, "a finite number");
        String scale = Yaml.text(sc, rp + sp, "log or linear");
        if (!scale.equals("log") && !scale.equals("linear")) throw SpecException.of(rp + sp, scale, "must be log or linear");
        if (!(hi > lo)) throw SpecException.of(rp + hp, Yaml.fmt(hi), "must be > lo = " + Yaml.fmt(lo));
        boolean log = scale.equals("log");
        if (log && !(lo > 0)) throw SpecException.of(rp + lp, Yaml.fmt(lo), "must be > 0 for a log range");
        return new Range(path.strip(), lo, hi, log);
    }

    /** Parses the {@code design:} mapping (values are checked against their targets by {@link SweepSpec}). */
    static Design fromNode(JsonNode n) {
        String p = "design";
        if (!n.isObject()) throw SpecException.of(p, Yaml.show(n), "must be a mapping {kind, points, seed, ranges}");
        Yaml.checkKeys(n, p, KEYS);
        String k = Yaml.text(Yaml.required(n, "kind", p, "sobol or lhs"), p + ".kind", "sobol or lhs");
        Kind kind = switch (k) {
            case "sobol" -> Kind.SOBOL;
            case "lhs" -> Kind.LHS;
            default -> throw SpecException.of(p + ".kind", k, "must be sobol or lhs");
        };
        long pts = Yaml.integer(Yaml.required(n, "points", p, "an integer >= 1"), p + ".points", "an integer >= 1");
        if (pts < 1 || pts > MAX_POINTS) throw SpecException.of(p + ".points", Long.toString(pts), "must be an integer in [1, " + MAX_POINTS + "]");
        long seed = n.has(SEED) && !n.get(SEED).isNull() ? Yaml.integer(n.get(SEED), p + "." + SEED, "an integer") : 0;
        JsonNode rn = Yaml.required(n, "ranges", p, "a mapping path: [lo, hi, log | linear]");
        List<Range> ranges = new ArrayList<>();
        if (rn.isArray() && !rn.isEmpty()) { // the canonical form (stored specs): [{path, lo, hi, scale}, ...] in order
            for (int i = 0; i < rn.size(); i++) {
                String rp = p + ".ranges[" + i + "]";
                JsonNode r = rn.get(i);
                if (!r.isObject()) throw SpecException.of(rp, Yaml.show(r), "must be a mapping {path, lo, hi, scale}");
                Yaml.checkKeys(r, rp, List.of("path", "lo", "hi", "scale"));
                String path = Yaml.text(Yaml.required(r, "path", rp, "a sweepable path"), rp + ".path", "a sweepable path");
                ranges.add(range(rp, path, Yaml.required(r, "lo", rp, "a number"), Yaml.required(r, "hi", rp, "a number"),
                        Yaml.required(r, "scale", rp, "log or linear"), ".lo", ".hi", ".scale"));
            }
            return new Design(kind, (int) pts, seed, ranges);
        }
        if (!rn.isObject() || rn.isEmpty()) {
            throw SpecException.of(p + ".ranges", Yaml.show(rn), "must be a non-empty mapping path: [lo, hi, log | linear]");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rn.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String rp = p + ".ranges." + e.getKey();
            JsonNode v = e.getValue();
            if (!v.isArray() || v.size() != 3) throw SpecException.of(rp, Yaml.show(v), "must be [lo, hi, log | linear]");
            ranges.add(range(rp, e.getKey(), v.get(0), v.get(1), v.get(2), "[0]", "[1]", "[2]"));
        }
        return new Design(kind, (int) pts, seed, ranges);
    }
}
