package org.diffsweep.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.diffsweep.bench.ReferencePoint;
import org.diffsweep.core.linalg.LinAlg;
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
 * The per-point stages of {@link ReferencePoint} at standard point sizes ("d:psiP:psiN"), each stage timed on its
 * own on a state prepared by one full run. {@code whole} is one full point.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Thread)
public class PointStageBenchmarks {
    @Param({"64:8:2", "100:8:4", "200:8:8", "64:32:4"}) public String size;
    /** Quadrature tanh: 0 = Math.tanh, 1 = Math.exp per node, 2 = exponential product (default of the bench). */
    @Param({"2"}) public int tanhMode;

    ReferencePoint rp;

    @Setup(Level.Trial) public void setup() {
        String[] f = size.split(":");
        rp = new ReferencePoint(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), 0.01,
                40, 200, LinAlg.best(), tanhMode);
        rp.run("jmh");
    }

    @Benchmark public ReferencePoint features() { rp.features("jmh"); return rp; }

    @Benchmark public ReferencePoint quadrature() { rp.quadrature(); return rp; }

    @Benchmark public ReferencePoint gram() { rp.gram(); return rp; }

    @Benchmark public ReferencePoint eigen() { rp.eigen(); return rp; }

    @Benchmark public ReferencePoint curves() { rp.curves(); return rp; }

    @Benchmark public ReferencePoint whole() { rp.run("jmh"); return rp; }
}
