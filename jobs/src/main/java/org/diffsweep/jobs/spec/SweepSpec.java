package org.diffsweep.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.diffsweep.core.evaluator.StandardEvaluator;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.Canonical;
import org.diffsweep.jobs.json.Json;
import org.diffsweep.jobs.ledger.MixtureModel;

/**
 * A parsed, validated sweep specification (design data-flow step 1):
 * <pre>
 * name: quickstart            # required; [A-Za-z0-9][A-Za-z0-9._-]*, names the output folder runs/&lt;name&gt;
 * base: { ...a point... }     # required; the single-point format of {@link PointSpecs}
 * axes:                       # optional list; the grid is their Cartesian product (last axis fastest)
 *   - {path: varianceRatio,  log: {from: 0.25, to: 4, points: 5}}
 *   - {path: imbalanceRatio, values: [0.1, 1, 10]}
 *   - {path: psiN,           linear: {from: 2, to: 4, points: 3}}
 * seeds: 1                    # optional, integer >= 1; replica k gets seed = base.seed + k
 * output: runs/quickstart     # optional; default runs/&lt;name&gt;
 * </pre>
 * An optional {@code design:} block ({@link Design}) adds a space-filling sample (Sobol or Latin hypercube) over
 * continuous ranges; the grid is then every design point times every combination of the axes' values.
 * An optional {@code refine:} block turns on adaptive refinement (design step 7, {@link RefineSpec}); it is not part
 * of the specHash (it changes which points are added, not what a point computes).
 *
 * @param name     sweep name
 * @param base     the base point; every grid point is the base with the axis values applied
 * @param axes     the axes in spec order
 * @param seeds    number of seed replicas K >= 1
 * @param output   the output folder from the spec, or null for the default {@code runs/<name>}
 * @param rawText  the YAML text as read, for provenance
 * @param mode     {@code evaluate: full} (default: simulation and theory) or {@code theoryOnly} (the asymptotic theory and
 *                 closed-form speciation only, its own evaluator name and pointIds)
 * @param slices   the slices (each a list of axes through the base point), empty for one Cartesian grid
 * @param design   the space-filling design, or null
 */
public record SweepSpec(String name, PointParams base, List<AxisSpec> axes, int seeds, String output, String rawText,
                        StandardEvaluator.Mode mode, List<List<AxisSpec>> slices, Design design) {
    public SweepSpec {
        axes = List.copyOf(axes);
        slices = slices == null ? List.of() : slices.stream().map(List::copyOf).toList();
    }

    /** Whether the grid is a union of slices through the base point rather than one Cartesian product. */
    public boolean sliced() { return !slices.isEmpty(); }

    /** Top-level keys of a sweep spec. */
    public static final List<String> KEYS = List.of("name", "base", "axes", "seeds", "output", "refine", "evaluate", "slices", "design");
    static final List<String> AXIS_KEYS = List.of("path", "values", "linear", "log");
    static final List<String> RANGE_KEYS = List.of("from", "to", "points");
    /** Largest allowed number of points of a linear/log range. */
    public static final int MAX_RANGE_POINTS = 100_000;

    /** Loads and validates a sweep spec file (axis combinations included: the grid is judged at its corners). */
    public static SweepSpec load(Path file) { return parse(Yaml.readFile(file), file.toString()); }

    /** Parses and validates sweep YAML text; {@code source} names it in errors. */
    public static SweepSpec parse(String yaml, String source) {
        JsonNode n = Yaml.parseMapping(yaml, source, String.join(", ", KEYS.subList(0, 5)));
        Yaml.checkKeys(n, "", KEYS);
        String name = Yaml.text(Yaml.required(n, "name", "", "a sweep name"), "name", "a sweep name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw SpecException.of("name", Yaml.show(n.get("name")),
                    "must be 1-128 characters from A-Z a-z 0-9 . _ -, starting with a letter or digit (it names the output folder)");
        }
        PointParams base = PointSpecs.fromNode(Yaml.required(n, "base", "", "a point mapping {" + String.join(", ", PointSpecs.KEYS) + "}"), "base");

        List<AxisSpec> axes = new ArrayList<>();
        List<AxisTarget> targets = new ArrayList<>();
        parseAxes(n.get("axes"), "axes", base, axes, targets);
        Design design = null;
        if (n.has("design") && !n.get("design").isNull()) {
            design = Design.fromNode(n.get("design"));
            if (n.has("slices") && !n.get("slices").isNull()) {
                throw SpecException.of("slices", "(with design)", "a design is combined with axes (one Cartesian grid), not with slices; remove one of them");
            }
            if (n.has("refine") && !n.get("refine").isNull()) {
                throw SpecException.of("refine", Yaml.show(n.get("refine")), "cannot be combined with design: (a design's points "
                        + "are scattered, not a grid to refine); remove one of them");
            }
            Map<String, String> owner = new HashMap<>();
            for (AxisTarget t : targets) for (String f : t.touches) owner.put(f, t.path);
            for (Design.Range r : design.ranges()) {
                String rp = "design.ranges." + r.path();
                AxisTarget target = AxisTarget.resolve(r.path(), base, rp);
                if (target.path.equals(org.diffsweep.core.point.PointField.D.key())) {
                    throw SpecException.of(rp, target.path, "d is an integer; sweep it with an axis (values: [...]) instead");
                }
                for (String f : target.touches) {
                    String prev = owner.putIfAbsent(f, "design");
                    if (prev != null) {
                        throw SpecException.of(rp, target.path, "conflicts with " + (prev.equals("design") ? "another design range"
                                : "the axis " + prev) + ", which also sets " + f + "; each field may be set by one axis or range only");
                    }
                }
                // every field rule is an interval: the range is valid exactly when both ends are
                for (double v : new double[] {r.lo(), r.hi()}) {
                    if (!target.valid.test(v)) throw SpecException.of(rp, Yaml.fmt(v), target.allowed + " (" + target.path + ")");
                }
            }
        }
        List<List<AxisSpec>> slices = new ArrayList<>();
        JsonNode sn = n.get("slices");
        if (sn != null && !sn.isNull()) {
            if (!axes.isEmpty()) throw SpecException.of("slices", "(with axes)", "a spec has either axes (one Cartesian grid) or slices (a union of grids through the base point), not both");
            if (n.has("refine") && !n.get("refine").isNull()) throw SpecException.of("refine", "(with slices)", "refinement needs one Cartesian grid (axes), not slices");
            if (!sn.isArray() || sn.isEmpty()) throw SpecException.of("slices", Yaml.show(sn), "must be a non-empty list of {axes: [...]} (or of lists of axes)");
            for (int i = 0; i < sn.size(); i++) {
                String sp = "slices[" + i + "]";
                JsonNode one = sn.get(i);
                List<AxisSpec> sa = new ArrayList<>();
                if (one.isArray()) { // the short form, a plain list of axes (also the canonical form)
                    parseAxes(one, sp, base, sa, new ArrayList<>());
                } else {
                    if (!one.isObject()) throw SpecException.of(sp, Yaml.show(one), "must be a mapping {axes: [...]} or a list of axes");
                    Yaml.checkKeys(one, sp, List.of("axes"));
                    parseAxes(Yaml.required(one, "axes", sp, "a list of {path, values | linear | log}"), sp + ".axes", base, sa, new ArrayList<>());
                }
                if (sa.isEmpty()) throw SpecException.of(sp + ".axes", "[]", "must list at least one axis");
                slices.add(sa);
            }
            axes.addAll(unionAxes(base, slices));
        }

        int seeds = 1;
        if (n.has("seeds") && !n.get("seeds").isNull()) {
            long k = Yaml.integer(n.get("seeds"), "seeds", "an integer >= 1");
            if (k < 1 || k > 1_000_000) throw SpecException.of("seeds", Long.toString(k), "must be an integer in [1, 1000000]");
            seeds = (int) k;
        }
        String output = null;
        if (n.has("output") && !n.get("output").isNull()) {
            output = Yaml.text(n.get("output"), "output", "a folder path");
            if (output.isBlank()) throw SpecException.of("output", "\"" + output + "\"", "must be a non-blank folder path");
        }
        StandardEvaluator.Mode mode = StandardEvaluator.Mode.FULL;
        if (n.has("evaluate") && !n.get("evaluate").isNull()) {
            String e = Yaml.text(n.get("evaluate"), "evaluate", "full or theoryOnly");
            if (e.equals("theoryOnly")) mode = StandardEvaluator.Mode.THEORY_ONLY;
            else if (!e.equals("full")) throw SpecException.of("evaluate", e, "must be full (simulation and theory) or theoryOnly");
        }
        SweepSpec spec = new SweepSpec(name, base, axes, seeds, output, yaml, mode, slices, design);
        if (n.has("refine") && !n.get("refine").isNull()) {
            RefineSpec.fromNode(n.get("refine"), axes.size(), RefineSpec.xyPoints(spec)); // validate now
        }
        spec.grid().validateCorners();
        return spec;
    }

    /** Parses one list of axes ({@code prefix} = its YAML path) into {@code axes} and {@code targets}. */
    private static void parseAxes(JsonNode an, String prefix, PointParams base, List<AxisSpec> axes, List<AxisTarget> targets) {
        if (an != null && !an.isNull()) {
            if (!an.isArray()) throw SpecException.of(prefix, Yaml.show(an), "must be a list of {path, values | linear | log}");
            Map<String, Integer> owner = new HashMap<>();
            for (int i = 0; i < an.size(); i++) {
                String ap = prefix + "[" + i + "]";
                JsonNode a = an.get(i);
                if (!a.isObject()) throw SpecException.of(ap, Yaml.show(a), "must be a mapping {path, values | linear | log}");
                Yaml.checkKeys(a, ap, AXIS_KEYS);
                String path = Yaml.text(Yaml.required(a, "path", ap, "a path into the point, e.g. classes[0].variance"), ap + ".path", "a path into the point");
                AxisTarget target = AxisTarget.resolve(path, base, ap + ".path");
                for (String f : target.touches) {
                    Integer prev = owner.putIfAbsent(f, i);
                    if (prev != null) {
                        throw SpecException.of(ap + ".path", target.path, "conflicts with " + prefix + "[" + prev + "] (" + axes.get(prev).path()
                                + "), which also sets " + f + "; each field may be set by one axis only");
                    }
                }
                AxisRange range = range(a, ap);
                double[] vals = range.values();
                for (int k = 0; k < vals.length; k++) {
                    if (!target.valid.test(vals[k])) {
                        String where = range instanceof AxisRange.Values ? ap + ".values[" + k + "]" : ap + (range instanceof AxisRange.Log ? ".log" : ".linear") + " value #" + k;
                        throw SpecException.of(where, Yaml.fmt(vals[k]), target.allowed + " (" + target.path + ")");
                    }
                }
                axes.add(new AxisSpec(target.path, range));
                targets.add(target);
            }
        }
    }

    /**
     * The axes of a sliced spec: every path of any slice, those swept by every slice last (so that the phase maps'
     * x and y are the axes all slices share), each with the sorted distinct values it takes anywhere, the base
     * point's value included.
     */
    private static List<AxisSpec> unionAxes(PointParams base, List<List<AxisSpec>> slices) {
        java.util.LinkedHashMap<String, java.util.TreeSet<Double>> vals = new java.util.LinkedHashMap<>();
        for (List<AxisSpec> sl : slices) {
            for (AxisSpec a : sl) {
                java.util.TreeSet<Double> v = vals.computeIfAbsent(a.path(), k -> new java.util.TreeSet<>());
                for (double x : a.values()) v.add(x);
            }
        }
        List<String> first = new ArrayList<>(), shared = new ArrayList<>();
        for (String path : vals.keySet()) {
            boolean everywhere = slices.stream().allMatch(sl -> sl.stream().anyMatch(a -> a.path().equals(path)));
            (everywhere ? shared : first).add(path);
        }
        first.addAll(shared);
        List<AxisSpec> out = new ArrayList<>();
        for (String path : first) {
            java.util.TreeSet<Double> v = vals.get(path);
            v.add(AxisTarget.valueAt(path, base));
            out.add(new AxisSpec(path, new AxisRange.Values(new ArrayList<>(v))));
        }
        return out;
    }

    private static AxisRange range(JsonNode a, String ap) {
        int kinds = (a.has("values") ? 1 : 0) + (a.has("linear") ? 1 : 0) + (a.has("log") ? 1 : 0);
        if (kinds != 1) {
            throw SpecException.of(ap, Yaml.show(a), "must have exactly one of values: [...], linear: {from, to, points}, log: {from, to, points}"
                    + (kinds == 0 ? " (none given)" : " (several given)"));
        }
        if (a.has("values")) {
            String vp = ap + ".values";
            JsonNode v = a.get("values");
            if (!v.isArray()) throw SpecException.of(vp, Yaml.show(v), "must be a list of numbers");
            if (v.isEmpty()) throw SpecException.of(vp, "[]", "must list at least one value");
            List<Double> list = new ArrayList<>();
            Map<Double, Integer> first = new HashMap<>(); // linear in the number of values (a list may hold 10^5 of them)
            for (int k = 0; k < v.size(); k++) {
                double x = Yaml.number(v.get(k), vp + "[" + k + "]", "a finite number");
                Integer j = first.putIfAbsent(x == 0 ? 0.0 : x, k);
                if (j != null) throw SpecException.of(vp + "[" + k + "]", Yaml.fmt(x), "duplicate of " + vp + "[" + j + "]; values must be distinct");
                list.add(x);
            }
            return new AxisRange.Values(list);
        }
        boolean log = a.has("log");
        String rp = ap + (log ? ".log" : ".linear");
        JsonNode r = a.get(log ? "log" : "linear");
        if (!r.isObject()) throw SpecException.of(rp, Yaml.show(r), "must be a mapping {from, to, points}");
        Yaml.checkKeys(r, rp, RANGE_KEYS);
        String num = log ? "a number > 0" : "a finite number";
        double from = Yaml.number(Yaml.required(r, "from", rp, num), rp + ".from", num);
        double to = Yaml.number(Yaml.required(r, "to", rp, num), rp + ".to", num);
        long points = Yaml.integer(Yaml.required(r, "points", rp, "an integer >= 2"), rp + ".points", "an integer >= 2");
        if (log && !(from > 0)) throw SpecException.of(rp + ".from", Yaml.fmt(from), "must be > 0 for a log range");
        if (log && !(to > 0)) throw SpecException.of(rp + ".to", Yaml.fmt(to), "must be > 0 for a log range");
        if (points < 2 || points > MAX_RANGE_POINTS) {
            throw SpecException.of(rp + ".points", Long.toString(points), "must be an integer in [2, " + MAX_RANGE_POINTS + "] (for one value use values: [x])");
        }
        if (from == to) throw SpecException.of(rp + ".to", Yaml.fmt(to), "must differ from from = " + Yaml.fmt(from));
        return log ? new AxisRange.Log(from, to, (int) points) : new AxisRange.Linear(from, to, (int) points);
    }

    /**
     * Canonical tree of the spec: name, base (resolved, defaults filled in), axes (path and range, in spec order)
     * and seeds. The output folder is not part of it: moving a sweep does not change what it computes.
     */
    public Map<String, Object> canonicalTree() {
        Map<String, Object> m = new TreeMap<>(Map.of("name", name, "base", MixtureModel.tree(base), "seeds", (long) seeds));
        if (slices.isEmpty()) {
            m.put("axes", axes.stream().map(AxisSpec::canonicalTree).toList());
        } else { // the union axes are derived from the slices
            m.put("slices", slices.stream().map(sl -> sl.stream().map(AxisSpec::canonicalTree).toList()).toList());
        }
        if (design != null) m.put("design", design.canonicalTree()); // absent without a design: older hashes hold
        if (mode == StandardEvaluator.Mode.THEORY_ONLY) m.put("evaluate", "theoryOnly"); // absent for full: older hashes hold
        return m;
    }

    /** Domain tag, the first field of every specHash pre-image. */
    public static final String HASH_FORMAT = "diffsweep.specHash.v1";

    /**
     * {@code specHash} = hex SHA-256 of {@code encode(HASH_FORMAT) ‖ encode(canonicalTree())} with the bit-exact
     * encoding of {@link Canonical}: key order, number spelling ({@code 2} vs {@code 2.0} vs {@code 2e0}) and
     * defaults written out or omitted do not change it; any value change does.
     */
    public String specHash() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Canonical.write(out, HASH_FORMAT);
            Canonical.write(out, canonicalTree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Canonical.sha256Hex(bytes.toByteArray());
    }

    /** Canonical text (sorted-key JSON of {@link #canonicalTree()}), for provenance files. */
    public String canonicalText() { return Json.sorted(canonicalTree()); }

    /** The expanded grid (lazy). */
    public SpecGrid grid() {
        List<AxisTarget> targets = new ArrayList<>();
        if (design != null) {
            for (Design.Range r : design.ranges()) targets.add(AxisTarget.resolve(r.path(), base, "design.ranges." + r.path()));
        }
        for (int i = 0; i < axes.size(); i++) targets.add(AxisTarget.resolve(axes.get(i).path(), base, "axes[" + i + "].path"));
        return slices.isEmpty() ? SpecGrid.of(this, targets) : SpecGrid.ofSlices(this, targets);
    }

    /** The paths of the design's ranges (scattered coordinates, no phase maps), empty without a design. */
    public List<String> designPaths() { return design == null ? List.of() : design.paths(); }

    /** The output folder: the override if given, else the spec's {@code output}, else {@code runs/<name>}. */
    public String outputDir(String override) {
        if (override != null && !override.isBlank()) return override;
        return output != null ? output : "runs/" + name;
    }
}
