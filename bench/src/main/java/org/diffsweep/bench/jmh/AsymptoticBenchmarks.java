package org.diffsweep.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.spectrum.ReducedTransforms;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.theory.AsymptoticCurves;
import org.diffsweep.core.theory.AsymptoticPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the asymptotic side of a point (warm, one thread), stage by stage on the same point:
 * {@code coefficients} (per-class Gaussian-equivalence coefficients, quadrature), {@code spectrum} (reduced saddle
 * point: scan, edges, density; coefficients given), {@code curves} (asymptotic per-class curves on the default
 * 200-point tau grid and their times, on top of a solved spectrum; coefficients given) and {@code theoryOnly} (all
 * three: {@link AsymptoticPoint#of}). Points per core-second of a theory-only sweep = 1000 / theoryOnly [ms].
 * Run: {@code bench/run.sh --jmh -f 1 -wi 3 -i 5 AsymptoticBenchmarks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Thread)
public class AsymptoticBenchmarks {
    /**
     * twoClass: d 100, psi_p 32, psi_n 4, t 0.01, sigma^2 2 / 0.5, r 1, pi 0.5 (three bulks);
     * oneClass: d 100, psi_p 64, psi_n 8, t 0.1, sigma^2 1 (three bulks).
     */
    @Param({"twoClass", "oneClass"}) public String point;

    PointParams params;
    ReducedTransforms transforms;
    SpectrumResult spectrum;

    @Setup(Level.Trial) public void setup() {
        params = "oneClass".equals(point)
                ? PointParams.of(100, 64, 8, 0.1, 1, List.of(new ClassSpec("A", 1.0, 0, 0, 1.0)))
                : PointParams.of(100, 32, 4, 0.01, 1, List.of(new ClassSpec("A", 0.5, 1, 0, 2.0),
                        new ClassSpec("B", 0.5, 1, 180, 0.5)));
        transforms = ReducedTransforms.of(params);
        spectrum = transforms.spectrum();
    }

    @Benchmark public ReducedTransforms coefficients() { return ReducedTransforms.of(params); }

    @Benchmark public SpectrumResult spectrum() { return transforms.spectrum(); }

    @Benchmark public AsymptoticCurves curves() {
        return AsymptoticCurves.of(params, spectrum, transforms, AsymptoticCurves.DEFAULT_NODES_PER_BULK);
    }

    @Benchmark public AsymptoticPoint theoryOnly() { return AsymptoticPoint.of(params); }
}
