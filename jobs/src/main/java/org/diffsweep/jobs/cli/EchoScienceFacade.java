package org.diffsweep.jobs.cli;

import java.util.List;
import org.diffsweep.core.point.PointParams;

/**
 * The {@link ScienceFacade} used when no science engine is wired in: every report holds only
 * {@link Reports#echo} (pointId, params, p, n, classes[].name / weight / nTrain). Nothing is computed, so no
 * science field is present, and a note on standard error says so.
 */
public final class EchoScienceFacade implements ScienceFacade {
    /** Evaluator name of this facade (part of its pointIds, which therefore differ from a real engine's). */
    public static final String NAME = "unwired";
    public static final String VERSION = "0";

    @Override public String evaluatorName() { return NAME; }

    @Override public String evaluatorVersion() { return VERSION; }

    @Override public Report point(PointParams p, boolean curves) { return echo(p, "point"); }

    @Override public Report spectrum(PointParams p, boolean empirical) { return echo(p, "spectrum"); }

    @Override public Report speciation(PointParams p) { return echo(p, "speciation"); }

    private Report echo(PointParams p, String what) {
        return new Report(Reports.echo(p, NAME, VERSION),
                List.of("note: no " + what + " engine is wired into this build; only the point echo is shown"));
    }
}
