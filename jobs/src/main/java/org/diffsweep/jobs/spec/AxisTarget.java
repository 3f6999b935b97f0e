package org.diffsweep.jobs.spec;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diffsweep.core.point.PointField;
import org.diffsweep.core.point.PointParams;

/**
 * What an axis path sets in a point, and which values it accepts.
 *
 * <p>Plain paths set one field: {@code d} (integers >= 1), {@code psiP}, {@code psiN}, {@code t},
 * {@code deltaGen} (> 0), {@code kappa} (in (0, 1)), {@code classes[i].weight} (in (0, 1]; the weights of every
 * point must still sum to 1), {@code classes[i].radius} (>= 0), {@code classes[i].angleDeg} (any),
 * {@code classes[i].variance} (> 0).
 *
 * <p>{@code classes[i].share} w in (0, 1) (any number of classes >= 2) sets class i's weight to w and rescales the
 * other classes' base weights in proportion so that the weights still sum to 1:
 * pi_i = w, pi_j = (1 - w) pi_j^0 / sum_{k != i} pi_k^0 for j != i (pi^0 the base weights; the sum is 1 - pi_i^0).
 * It sets every class's weight.
 *
 * <p>Derived axes need exactly two classes (A = classes[0], B = classes[1]) and set a pair of fields:
 * <ul>
 *   <li>{@code varianceRatio} R = sigma_A^2 / sigma_B^2 > 0: keeps the geometric mean g = sqrt(sigma_A^2 sigma_B^2)
 *       of the base variances, sigma_A^2 = g sqrt(R), sigma_B^2 = g / sqrt(R);</li>
 *   <li>{@code imbalanceRatio} R = pi_A / pi_B > 0: pi_A = R / (1 + R), pi_B = 1 / (1 + R) (sum 1, fixed n);</li>
 *   <li>{@code radiusRatio} R = r_A / r_B > 0: keeps the geometric mean of the base radii (both must be > 0),
 *       r_A = g sqrt(R), r_B = g / sqrt(R);</li>
 *   <li>{@code angleDeg} theta in [0, 180]: the angle between the two centroids; class A keeps its base
 *       direction, class B's angleDeg becomes A's + theta.</li>
 * </ul>
 * Two axes may not set the same field (e.g. {@code varianceRatio} and {@code classes[0].variance}).
 */
final class AxisTarget {
    interface Setter { void apply(PointBuilder b, double v); }

    final String path;
    final Set<String> touches;
    final DoublePredicate valid;
    final String allowed;
    final Setter setter;

    private AxisTarget(String path, Set<String> touches, DoublePredicate valid, String allowed, Setter setter) {
        this.path = path;
        this.touches = touches;
        this.valid = valid;
        this.allowed = allowed;
        this.setter = setter;
    }

    static final List<String> DERIVED = List.of("varianceRatio", "imbalanceRatio", "radiusRatio", "angleDeg");
    /** The class field of the derived path {@code classes[i].share}. */
    static final String SHARE = "share";
    private static final Pattern CLASS_PATH = Pattern.compile("classes\\[(\\d+)]\\.(\\w+)");

    static String allowedPaths(int numClasses) {
        return "d, psiP, psiN, t, deltaGen, kappa, classes[i].{weight, share, radius, angleDeg, variance} with 0 <= i < " + numClasses
                + ", and for two classes varianceRatio, imbalanceRatio, radiusRatio, angleDeg";
    }

    /** An axis that sets one point field, with that field's rule. */
    private static AxisTarget field(String path, PointField f, Setter setter) {
        return new AxisTarget(path, Set.of(path), f::accepts, f.rule(), setter);
    }

    /**
     * The value axis {@code path} has at point {@code p} (the inverse of its setter: a plain field, or the ratio /
     * angle a derived axis sets); used for the coordinates of a sliced grid's points on the axes their slice does
     * not sweep. {@code path} must already have been resolved against a point of the same shape.
     */
    static double valueAt(String path, PointParams p) {
        String s = path.strip();
        PointField pf = PointField.byKey(s);
        if (pf != null) {
            switch (pf) {
                case D: return p.d();
                case PSI_P: return p.psiP();
                case PSI_N: return p.psiN();
                case T: return p.t();
                case DELTA_GEN: return p.deltaGen();
                case KAPPA: return p.kappa();
                default: break;
            }
        }
        List<org.diffsweep.core.point.ClassSpec> c = p.classes();
        switch (s) {
            case "varianceRatio": return c.get(0).variance() / c.get(1).variance();
            case "imbalanceRatio": return c.get(0).weight() / c.get(1).weight();
            case "radiusRatio": return c.get(0).radius() / c.get(1).radius();
            case "angleDeg": return c.get(1).angleDeg() - c.get(0).angleDeg();
            default: break;
        }
        Matcher m = CLASS_PATH.matcher(s);
        if (!m.matches()) throw new IllegalArgumentException("not an axis path: " + path);
        org.diffsweep.core.point.ClassSpec cs = c.get(Integer.parseInt(m.group(1)));
        if (m.group(2).equals(SHARE)) return cs.weight();
        PointField f = PointField.byKey(m.group(2));
        if (f == null) throw new IllegalArgumentException("not an axis path: " + path);
        return switch (f) {
            case WEIGHT -> cs.weight();
            case RADIUS -> cs.radius();
            case ANGLE_DEG -> cs.angleDeg();
            case VARIANCE -> cs.variance();
            default -> throw new IllegalArgumentException("not an axis path: " + path);
        };
    }

    /** Resolves {@code path} against the base point; {@code yamlPath} names the path key in errors. */
    static AxisTarget resolve(String path, PointParams base, String yamlPath) {
        String p = path.strip();
        DoublePredicate positive = v -> v > 0;
        PointField pf = PointField.byKey(p);
        if (pf != null) {
            Setter set = switch (pf) {
                case D -> (b, v) -> b.d = (int) v;
                case PSI_P -> (b, v) -> b.psiP = v;
                case PSI_N -> (b, v) -> b.psiN = v;
                case T -> (b, v) -> b.t = v;
                case DELTA_GEN -> (b, v) -> b.deltaGen = v;
                case KAPPA -> (b, v) -> b.kappa = v;
                default -> null; // class, seed and tau-grid fields are not swept by a plain path
            };
            if (set != null) return field(p, pf, set);
        }
        int nc = base.numClasses();
        if (DERIVED.contains(p)) {
            if (nc != 2) throw SpecException.of(yamlPath, p, "derived axis needs exactly 2 classes in base, found " + nc);
            switch (p) {
                case "varianceRatio": {
                    double g = Math.sqrt(base.classes().get(0).variance() * base.classes().get(1).variance());
                    return new AxisTarget(p, Set.of("classes[0].variance", "classes[1].variance"), positive,
                            "must be > 0 (sigma_A^2 / sigma_B^2)", (b, v) -> {
                        double s = Math.sqrt(v);
                        b.variance[0] = g * s;
                        b.variance[1] = g / s;
                    });
                }
                case "imbalanceRatio":
                    return new AxisTarget(p, Set.of("classes[0].weight", "classes[1].weight"), positive,
                            "must be > 0 (pi_A / pi_B)", (b, v) -> {
                        b.weight[0] = v / (1 + v);
                        b.weight[1] = 1 / (1 + v);
                    });
                case "radiusRatio": {
                    double ra = base.classes().get(0).radius(), rb = base.classes().get(1).radius();
                    if (!(ra > 0 && rb > 0)) {
                        throw SpecException.of(yamlPath, p, "needs base radii > 0 (the ratio keeps their geometric mean), found "
                                + Yaml.fmt(ra) + " and " + Yaml.fmt(rb));
                    }
                    double g = Math.sqrt(ra * rb);
                    return new AxisTarget(p, Set.of("classes[0].radius", "classes[1].radius"), positive,
                            "must be > 0 (r_A / r_B)", (b, v) -> {
                        double s = Math.sqrt(v);
                        b.radius[0] = g * s;
                        b.radius[1] = g / s;
                    });
                }
                default: { // angleDeg
                    double a0 = base.classes().get(0).angleDeg();
                    return new AxisTarget(p, Set.of("classes[0].angleDeg", "classes[1].angleDeg"), v -> v >= 0 && v <= 180,
                            "must be in [0, 180] degrees (angle between the centroids)", (b, v) -> {
                        b.angleDeg[0] = a0;
                        b.angleDeg[1] = a0 + v;
                    });
                }
            }
        }
        Matcher m = CLASS_PATH.matcher(p);
        if (m.matches()) {
            int i;
            try {
                i = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                i = Integer.MAX_VALUE;
            }
            if (i >= nc) throw SpecException.of(yamlPath, p, "class index " + m.group(1) + " out of range; base has " + nc
                    + " class" + (nc == 1 ? "" : "es") + " (0 <= i < " + nc + ")");
            final int c = i;
            if (m.group(2).equals(SHARE)) return share(p, c, base, yamlPath);
            PointField cf = PointField.byKey(m.group(2));
            Setter set = cf == null ? null : switch (cf) {
                case WEIGHT -> (b, v) -> b.weight[c] = v;
                case RADIUS -> (b, v) -> b.radius[c] = v;
                case ANGLE_DEG -> (b, v) -> b.angleDeg[c] = v;
                case VARIANCE -> (b, v) -> b.variance[c] = v;
                default -> null;
            };
            if (set != null) return field(p, cf, set);
            throw SpecException.of(yamlPath, p, "unknown class field '" + m.group(2)
                    + "'; sweepable class fields are weight, share, radius, angleDeg, variance");
        }
        throw SpecException.of(yamlPath, p.isEmpty() ? "\"\"" : p, "not a sweepable path; allowed: " + allowedPaths(nc));
    }

    /**
     * {@code classes[c].share}: class c's weight becomes w in (0, 1), every other class's base weight is scaled by
     * (1 - w) / sum_{k != c} pi_k^0, so the weights sum to 1 and the others keep their proportions. Touches every weight.
     */
    private static AxisTarget share(String p, int c, PointParams base, String yamlPath) {
        int nc = base.numClasses();
        if (nc < 2) throw SpecException.of(yamlPath, p, "needs at least 2 classes in base (the others take the rest of the weight), found " + nc);
        double[] w0 = new double[nc];
        for (int j = 0; j < nc; j++) w0[j] = base.classes().get(j).weight();
        double rest = 0; // sum of the other base weights, 1 - pi_c^0 up to the base's rounding
        for (int j = 0; j < nc; j++) if (j != c) rest += w0[j];
        double rest0 = rest;
        Set<String> touches = new LinkedHashSet<>();
        for (int j = 0; j < nc; j++) touches.add("classes[" + j + "].weight");
        return new AxisTarget(p, Collections.unmodifiableSet(touches), v -> v > 0 && v < 1,
                "must be in (0, 1) (class " + c + "'s weight; the others share 1 - w in their base proportions)", (b, v) -> {
            for (int j = 0; j < nc; j++) b.weight[j] = j == c ? v : (1 - v) * (w0[j] / rest0);
        });
    }
}
