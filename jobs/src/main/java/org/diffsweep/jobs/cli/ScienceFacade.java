package org.diffsweep.jobs.cli;

import org.diffsweep.core.point.PointParams;

/**
 * The seam between the {@code point}, {@code spectrum} and {@code speciation} commands and the science engines in
 * {@code core}. Each method returns a JSON-ready {@link Report}: the CLI prints it as JSON ({@code --json}) or as
 * text. A quantity that was not computed is absent from the report (or null, which is dropped), never zero.
 *
 * <p>The CLI finds an implementation with {@link java.util.ServiceLoader} (public no-argument constructor, listed in
 * {@code META-INF/services/org.diffsweep.jobs.cli.ScienceFacade}); without one it uses {@link EchoScienceFacade},
 * which reports only what needs no science engine. Implementations should start from
 * {@link Reports#echo(PointParams, String, String)} so every command shares the same {@code pointId},
 * {@code params} and {@code classes[].name / weight / nTrain} fields.
 */
public interface ScienceFacade {
    /** Evaluator name, part of the pointId. */
    String evaluatorName();

    /** Evaluator version, part of the pointId. */
    String evaluatorVersion();

    /** {@code diffsweep point}: per-class times and status; with {@code curves}, the per-class curves over the tau grid. */
    Report point(PointParams p, boolean curves);

    /** {@code diffsweep spectrum}: the class-resolved spectrum of U; with {@code empirical}, also a sampled U. */
    Report spectrum(PointParams p, boolean empirical);

    /** {@code diffsweep speciation}: global and per-class speciation (and collapse) times. */
    Report speciation(PointParams p);
}
