package org.diffsweep.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.mixture.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.Canonical;
import org.diffsweep.jobs.grid.PointIds;

/** Building blocks of command reports shared by every {@link ScienceFacade}. */
public final class Reports {
    private Reports() {}

    /**
     * The part of every point report that needs no science engine, in this order: {@code pointId},
     * {@code evaluator {name, version}}, {@code params} (the point as parsed, defaults filled in), {@code p},
     * {@code n}, and {@code classes[]} with {@code name}, {@code weight} and {@code nTrain} (n_c = round(pi_c n),
     * theory §12.3). A science engine adds its fields to the {@code classes[]} entries and the top level.
     */
    public static LinkedHashMap<String, Object> echo(PointParams p, String evaluatorName, String evaluatorVersion) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("pointId", PointIds.pointId(p, evaluatorName, evaluatorVersion));
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("name", evaluatorName);
        ev.put("version", evaluatorVersion);
        m.put("evaluator", ev);
        m.put("params", params(p));
        m.put("p", p.p());
        m.put("n", p.n());
        List<Object> classes = new ArrayList<>();
        for (ClassSpec c : p.classes()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("weight", c.weight());
            cm.put("nTrain", p.classSize(c));
            classes.add(cm);
        }
        m.put("classes", classes);
        return m;
    }

    /** The point in the single-point YAML's keys and order (a point file can be rebuilt from it). */
    public static Map<String, Object> params(PointParams p) { return Canonical.tree(p); }
}
