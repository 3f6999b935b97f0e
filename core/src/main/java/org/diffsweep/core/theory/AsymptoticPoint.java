package org.diffsweep.core.theory;

import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.spectrum.ReducedTransforms;
import org.diffsweep.core.spectrum.SpectrumResult;

/**
 * The whole asymptotic side of a grid point, no simulation: the reduced spectrum (theory §5.4, per-class edge
 * times) and the asymptotic learning curves with their threshold times ({@link AsymptoticCurves}), sharing one
 * computation of the per-class coefficients. This is what a theory-only evaluation needs.
 *
 * @param spectrum  {@link SpectrumResult} of the reduced saddle point (same as {@code SpectrumSolver.solve(p)})
 * @param curves    per-class asymptotic curves, tauGenAsym, tauMemAsym
 */
public record AsymptoticPoint(SpectrumResult spectrum, AsymptoticCurves curves) {

    /** Spectrum and curves of a point. */
    public static AsymptoticPoint of(PointParams p) {
        ReducedTransforms tr = ReducedTransforms.of(p);
        SpectrumResult spec = tr.spectrum();
        return new AsymptoticPoint(spec, AsymptoticCurves.of(p, spec, tr, AsymptoticCurves.DEFAULT_NODES_PER_BULK));
    }
}
