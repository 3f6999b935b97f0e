package org.diffsweep.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointField;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.PointProblem;
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
    public static final List<String> KEYS = List.of(PointField.D.key(), PointField.PSI_P.key(), PointField.PSI_N.key(),
            PointField.T.key(), PointField.SEED.key(), "classes", PointField.DELTA_GEN.key(), PointField.KAPPA.key(), "tauGrid", "noise");
    /** Keys of one class. */
    public static final List<String> CLASS_KEYS = List.of("name", PointField.WEIGHT.key(), PointField.RADIUS.key(),
            PointField.ANGLE_DEG.key(), PointField.VARIANCE.key());
    static final List<String> TAU_KEYS = List.of("min", "max", "points");

    /** Loads a point file. */
    public static PointParams load(Path file) { return parse(Yaml.readFile(file), file.toString()); }

    /** Parses point YAML text; {@code source} names it in errors. */
    public static PointParams parse(String yaml, String source) {
        return fromNode(Yaml.parseMapping(yaml, source, String.join(", ", KEYS)), "");
    }

    /** Binds and validates a point mapping found at YAML path {@code path} ("" at top level, "base" in a sweep). */
    static PointParams fromNode(JsonNode n, String path) {
        if (!n.isObject()) throw SpecException.of(path, Yaml.show(n), "must be a mapping with keys " + String.join(", ", KEYS));
        Yaml.checkKeys(n, path, KEYS);
        String dPath = Yaml.child(path, PointField.D.key());
        long dl = Yaml.integer(Yaml.required(n, PointField.D.key(), path, "an integer >= 1"), dPath, "an integer >= 1");
        check(PointField.D, dl, dPath);
        int d = (int) dl;
        double psiP = field(n, PointField.PSI_P, path, "a number > 0 (p/d)");
        double psiN = field(n, PointField.PSI_N, path, "a number > 0 (n/d)");
        double t = field(n, PointField.T, path, "a number > 0 (diffusion time)");
        long seed = Yaml.integer(Yaml.required(n, PointField.SEED.key(), path, "an integer"), Yaml.child(path, PointField.SEED.key()), "an integer");

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
        double deltaGen = present(n, "deltaGen") ? field(n, PointField.DELTA_GEN, path, "a number > 0 (threshold on L_gen,c)")
                : PointParams.DEFAULT_DELTA_GEN;
        double kappa = present(n, "kappa") ? field(n, PointField.KAPPA, path, "a number in (0, 1)") : PointParams.DEFAULT_KAPPA;
        TauGrid tauGrid = present(n, "tauGrid") ? tauGrid(n.get("tauGrid"), Yaml.child(path, "tauGrid")) : TauGrid.DEFAULT;
        NoiseMode noise = present(n, "noise") ? noise(n.get("noise"), Yaml.child(path, "noise")) : NoiseMode.EXACT;

        List<PointProblem> problems = PointParams.problems(d, psiP, psiN, t, classes, deltaGen, kappa);
        if (!problems.isEmpty()) {
            PointProblem pr = problems.get(0);
            throw SpecException.of(Yaml.child(path, pr.field()), pr.value(), pr.rule());
        }
        return new PointParams(d, psiP, psiN, t, seed, classes, deltaGen, kappa, tauGrid, noise);
    }

    private static boolean present(JsonNode n, String key) { return n.has(key) && !n.get(key).isNull(); }

    /** A required number at {@code path.key} that must satisfy the field's rule. */
    private static double field(JsonNode n, PointField f, String path, String allowed) {
        String p = Yaml.child(path, f.key());
        return check(f, Yaml.number(Yaml.required(n, f.key(), path, allowed), p, allowed), p);
    }

    private static double check(PointField f, double v, String yamlPath) {
        if (!f.accepts(v)) throw SpecException.of(yamlPath, Yaml.fmt(v), f.rule());
        return v;
    }

    static ClassSpec classFromNode(JsonNode c, String path) {
        String keys = "{" + String.join(", ", CLASS_KEYS) + "}";
        if (!c.isObject()) throw SpecException.of(path, Yaml.show(c), "must be a mapping " + keys);
        Yaml.checkKeys(c, path, CLASS_KEYS);
        String name = Yaml.text(Yaml.required(c, "name", path, "a non-blank class name"), Yaml.child(path, "name"), "a non-blank class name");
        if (name.isBlank()) throw SpecException.of(Yaml.child(path, "name"), "\"" + name + "\"", "must be a non-blank class name");
        double w = field(c, PointField.WEIGHT, path, "a number in (0, 1] (prior pi_c)");
        double r = field(c, PointField.RADIUS, path, "a number >= 0 (|mu_c|^2 = d r_c^2)");
        double a = field(c, PointField.ANGLE_DEG, path, "a number (degrees, direction of mu_c in the (e1, e2) plane)");
        double v = field(c, PointField.VARIANCE, path, "a number > 0 (sigma_c^2)");
        return new ClassSpec(name, w, r, a, v);
    }

    static TauGrid tauGrid(JsonNode n, String path) {
        if (!n.isObject()) throw SpecException.of(path, Yaml.show(n), "must be a mapping {min, max, points}");
        Yaml.checkKeys(n, path, TAU_KEYS);
        TauGrid def = TauGrid.DEFAULT;
        double min = def.min(), max = def.max();
        int points = def.points();
        if (present(n, "min")) min = check(PointField.TAU_MIN, Yaml.number(n.get("min"), Yaml.child(path, "min"), "a number > 0"), Yaml.child(path, "min"));
        if (present(n, "max")) max = Yaml.number(n.get("max"), Yaml.child(path, "max"), "a number > min");
        if (!(max > min)) throw SpecException.of(Yaml.child(path, "max"), Yaml.fmt(max), "must be > tauGrid.min = " + Yaml.fmt(min));
        if (present(n, "points")) {
            long pts = Yaml.integer(n.get("points"), Yaml.child(path, "points"), "an integer >= 2");
            points = (int) check(PointField.TAU_POINTS, pts, Yaml.child(path, "points"));
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
