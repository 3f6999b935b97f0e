package org.diffsweep.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.diffsweep.core.mixture.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;

/**
 * The single-point YAML format (used by {@code point}, {@code spectrum}, {@code speciation} and as a sweep's
 * {@code base}), parsed and validated into {@link PointParams} (theory §5.2, §12.3):
 * <pre>
 * d: 100            # data dimension, integer >= 1
 * psiP: 32          # p/d > 0, p = round(psiP d) >= 1
 * psiN: 4           # n/d > 0, n_c = round(pi_c psiN d) >= 1 for every class
 * t: 0.01           # diffusion (OU) time > 0
 * seed: 1           # integer
 * classes:          # >= 1 classes, distinct names, weights summing to 1
 *   - {name: A, weight: 0.5, radius: 1.0, angleDeg: 0,   variance: 2.0}
 *   - {name: B, weight: 0.5, radius: 1.0, angleDeg: 180, variance: 0.5}
 * deltaGen: 0.01    # optional, > 0
 * kappa: 0.9        # optional, in (0, 1)
 * tauGrid: {min: 1e-2, max: 1e7, points: 200}   # optional, each key optional
 * noise: exact      # optional: exact | monteCarlo:m (m >= 1)
 * </pre>
 * Every error is one line naming the YAML path, the value and what is allowed ({@link SpecException}).
 */
public final class PointSpecs {
    private PointSpecs() {}

    /** Keys of a point, in documentation order. */
    public static final List<String> KEYS = List.of("d", "psiP", "psiN", "t", "seed", "classes", "deltaGen", "kappa", "tauGrid", "noise");
    /** Keys of one class. */
    public static final List<String> CLASS_KEYS = List.of("name", "weight", "radius", "angleDeg", "variance");
    static final List<String> TAU_KEYS = List.of("min", "max", "points");

    /** Loads a point file. */
    public static PointParams load(Path file) {
        return parse(Yaml.readFile(file), file.toString());
    }

    /** Parses point YAML text; {@code source} names it in errors. */
    public static PointParams parse(String yaml, String source) {
        return fromNode(Yaml.parseMapping(yaml, source, String.join(", ", KEYS)), "");
    }

    /** Binds and validates a point mapping found at YAML path {@code path} ("" at top level, "base" in a sweep). */
    static PointParams fromNode(JsonNode n, String path) {
        if (!n.isObject()) throw SpecException.of(path, Yaml.show(n), "must be a mapping with keys " + String.join(", ", KEYS));
        Yaml.checkKeys(n, path, KEYS);
        String dPath = Yaml.child(path, "d");
        long dl = Yaml.integer(Yaml.required(n, "d", path, "an integer >= 1"), dPath, "an integer >= 1");
        if (dl < 1 || dl > Integer.MAX_VALUE) throw SpecException.of(dPath, Long.toString(dl), "must be an integer >= 1");
        int d = (int) dl;
        double psiP = positive(n, "psiP", path, "a number > 0 (p/d)");
        double psiN = positive(n, "psiN", path, "a number > 0 (n/d)");
        double t = positive(n, "t", path, "a number > 0 (diffusion time)");
        long seed = Yaml.integer(Yaml.required(n, "seed", path, "an integer"), Yaml.child(path, "seed"), "an integer");

        String cPath = Yaml.child(path, "classes");
        JsonNode cs = Yaml.required(n, "classes", path, "a list of classes {" + String.join(", ", CLASS_KEYS) + "}");
        if (!cs.isArray()) throw SpecException.of(cPath, Yaml.show(cs), "must be a list of classes {" + String.join(", ", CLASS_KEYS) + "}");
        if (cs.isEmpty()) throw SpecException.of(cPath, "[]", "must list at least one class");
        List<ClassSpec> classes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < cs.size(); i++) {
            ClassSpec c = classFromNode(cs.get(i), cPath + "[" + i + "]");
            if (!names.add(c.name())) throw SpecException.of(cPath + "[" + i + "].name", c.name(), "duplicate class name; names must be distinct");
            classes.add(c);
        }
        checkWeights(classes, cPath);

        double deltaGen = PointParams.DEFAULT_DELTA_GEN;
        if (present(n, "deltaGen")) deltaGen = positive(n, "deltaGen", path, "a number > 0 (threshold on L_gen,c)");
        double kappa = PointParams.DEFAULT_KAPPA;
        if (present(n, "kappa")) {
            String kPath = Yaml.child(path, "kappa");
            kappa = Yaml.number(n.get("kappa"), kPath, "a number in (0, 1)");
            if (!(kappa > 0 && kappa < 1)) throw SpecException.of(kPath, Yaml.fmt(kappa), "must be in (0, 1)");
        }
        TauGrid tauGrid = present(n, "tauGrid") ? tauGrid(n.get("tauGrid"), Yaml.child(path, "tauGrid")) : TauGrid.DEFAULT;
        NoiseMode noise = present(n, "noise") ? noise(n.get("noise"), Yaml.child(path, "noise")) : NoiseMode.EXACT;

        checkSizes(d, psiP, psiN, classes, path);
        try {
            return new PointParams(d, psiP, psiN, t, seed, classes, deltaGen, kappa, tauGrid, noise);
        } catch (IllegalArgumentException e) { // every rule is checked above; this is a safety net
            throw SpecException.of(path.isEmpty() ? "point" : path, "(see message)", e.getMessage());
        }
    }

    private static boolean present(JsonNode n, String key) {
        return n.has(key) && !n.get(key).isNull();
    }

    private static double positive(JsonNode n, String key, String path, String allowed) {
        String p = Yaml.child(path, key);
        double x = Yaml.number(Yaml.required(n, key, path, allowed), p, allowed);
        if (!(x > 0)) throw SpecException.of(p, Yaml.fmt(x), "must be > 0");
        return x;
    }

    static ClassSpec classFromNode(JsonNode c, String path) {
        String keys = "{" + String.join(", ", CLASS_KEYS) + "}";
        if (!c.isObject()) throw SpecException.of(path, Yaml.show(c), "must be a mapping " + keys);
        Yaml.checkKeys(c, path, CLASS_KEYS);
        String name = Yaml.text(Yaml.required(c, "name", path, "a non-blank class name"), Yaml.child(path, "name"), "a non-blank class name");
        if (name.isBlank()) throw SpecException.of(Yaml.child(path, "name"), "\"" + name + "\"", "must be a non-blank class name");
        String wp = Yaml.child(path, "weight");
        double w = Yaml.number(Yaml.required(c, "weight", path, "a number in (0, 1] (prior pi_c)"), wp, "a number in (0, 1]");
        if (!(w > 0 && w <= 1)) throw SpecException.of(wp, Yaml.fmt(w), "must be in (0, 1]");
        String rp = Yaml.child(path, "radius");
        double r = Yaml.number(Yaml.required(c, "radius", path, "a number >= 0 (|mu_c|^2 = d r_c^2)"), rp, "a number >= 0");
        if (!(r >= 0)) throw SpecException.of(rp, Yaml.fmt(r), "must be >= 0");
        String ap = Yaml.child(path, "angleDeg");
        double a = Yaml.number(Yaml.required(c, "angleDeg", path, "a number (degrees, direction of mu_c in the (e1, e2) plane)"), ap, "a finite number of degrees");
        String vp = Yaml.child(path, "variance");
        double v = Yaml.number(Yaml.required(c, "variance", path, "a number > 0 (sigma_c^2)"), vp, "a number > 0");
        if (!(v > 0)) throw SpecException.of(vp, Yaml.fmt(v), "must be > 0");
        return new ClassSpec(name, w, r, a, v);
    }

    static void checkWeights(List<ClassSpec> classes, String cPath) {
        double sum = 0;
        StringBuilder terms = new StringBuilder();
        for (ClassSpec c : classes) {
            sum += c.weight();
            if (terms.length() > 0) terms.append(" + ");
            terms.append(Yaml.fmt(c.weight()));
        }
        if (Math.abs(sum - 1) > PointParams.WEIGHT_SUM_TOLERANCE) {
            String shown = classes.size() > 1 ? terms + " = " + Yaml.fmt(sum) : terms.toString();
            throw SpecException.of(cPath + "[*].weight", shown, "class weights must sum to 1 (within " + PointParams.WEIGHT_SUM_TOLERANCE + ")");
        }
    }

    /** p >= 1 and every class gets n_c = round(pi_c psiN d) >= 1 training points (theory §12.3). */
    static void checkSizes(int d, double psiP, double psiN, List<ClassSpec> classes, String path) {
        long p = Math.round(psiP * d);
        if (p < 1) throw SpecException.of(Yaml.child(path, "psiP"), Yaml.fmt(psiP),
                "gives p = round(psiP * d) = round(" + Yaml.fmt(psiP) + " * " + d + ") = " + p + " random features; must give p >= 1");
        if (p > Integer.MAX_VALUE) throw SpecException.of(Yaml.child(path, "psiP"), Yaml.fmt(psiP), "gives p = " + p + ", too large");
        for (int i = 0; i < classes.size(); i++) {
            ClassSpec c = classes.get(i);
            long nc = Math.round(c.weight() * psiN * d);
            if (nc < 1) {
                throw SpecException.of(Yaml.child(path, "classes[" + i + "].weight"), Yaml.fmt(c.weight()),
                        "class " + c.name() + " would get round(weight * psiN * d) = round(" + Yaml.fmt(c.weight()) + " * "
                                + Yaml.fmt(psiN) + " * " + d + ") = 0 training points; every class needs >= 1");
            }
        }
    }

    static TauGrid tauGrid(JsonNode n, String path) {
        if (!n.isObject()) throw SpecException.of(path, Yaml.show(n), "must be a mapping {min, max, points}");
        Yaml.checkKeys(n, path, TAU_KEYS);
        TauGrid def = TauGrid.DEFAULT;
        double min = def.min(), max = def.max();
        int points = def.points();
        if (present(n, "min")) {
            min = Yaml.number(n.get("min"), Yaml.child(path, "min"), "a number > 0");
            if (!(min > 0)) throw SpecException.of(Yaml.child(path, "min"), Yaml.fmt(min), "must be > 0");
        }
        if (present(n, "max")) max = Yaml.number(n.get("max"), Yaml.child(path, "max"), "a number > min");
        if (!(max > min)) throw SpecException.of(Yaml.child(path, "max"), Yaml.fmt(max), "must be > tauGrid.min = " + Yaml.fmt(min));
        if (present(n, "points")) {
            long pts = Yaml.integer(n.get("points"), Yaml.child(path, "points"), "an integer >= 2");
            if (pts < 2 || pts > 1_000_000) throw SpecException.of(Yaml.child(path, "points"), Long.toString(pts), "must be an integer in [2, 1000000]");
            points = (int) pts;
        }
        return new TauGrid(min, max, points);
    }

    static NoiseMode noise(JsonNode n, String path) {
        String allowed = "exact or monteCarlo:m with an integer m >= 1";
        String s = n.isValueNode() ? n.asText().strip() : null;
        if (s == null) throw SpecException.of(path, Yaml.show(n), "must be " + allowed);
        if (s.equals("exact")) return NoiseMode.EXACT;
        if (s.startsWith("monteCarlo:")) {
            String m = s.substring("monteCarlo:".length()).strip();
            if (m.matches("\\d{1,9}") && Integer.parseInt(m) >= 1) return NoiseMode.monteCarlo(Integer.parseInt(m));
        }
        throw SpecException.of(path, Yaml.show(n), "must be " + allowed);
    }
}
