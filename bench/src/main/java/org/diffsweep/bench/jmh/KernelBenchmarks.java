package org.diffsweep.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.diffsweep.bench.Calibration;
import org.diffsweep.core.linalg.EigenWorkspace;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.random.SeededStream;
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
 * Calibration kernels: dgemm (2 n^3 flops), dsyrk (n^2 k), dsyevd with vectors, through {@link LinAlg} on the
 * native and the pure-Java path. GFLOP/s = flops / (score in ms * 1e6).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class KernelBenchmarks {

    static LinAlg pick(String impl) { return "java".equals(impl) ? LinAlg.pureJava() : LinAlg.best(); }

    static double[] gaussian(int len, long seed) {
        double[] a = new double[len];
        new SeededStream(seed).fillGaussian(a);
        return a;
    }

    @State(Scope.Thread)
    public static class Gemm {
        @Param({"1000", "2000", "3200"}) public int n;
        @Param({"native"}) public String impl;
        LinAlg la;
        double[] a, b, c;

        @Setup(Level.Trial) public void setup() {
            la = pick(impl);
            a = gaussian(n * n, 1);
            b = gaussian(n * n, 2);
            c = new double[n * n];
        }
    }

    @Benchmark public double[] dgemm(Gemm s) {
        s.la.gemm(false, false, s.n, s.n, s.n, 1.0, s.a, s.b, 0.0, s.c);
        return s.c;
    }

    @State(Scope.Thread)
    public static class Syrk {
        /** p x p Gram of p x k feature blocks, as in the U/V stage (p = psiP d, k = n_c). */
        @Param({"800:200", "1600:800", "3200:400"}) public String shape;
        @Param({"native"}) public String impl;
        LinAlg la;
        int n, k;
        double[] a, c;

        @Setup(Level.Trial) public void setup() {
            la = pick(impl);
            String[] f = shape.split(":");
            n = Integer.parseInt(f[0]);
            k = Integer.parseInt(f[1]);
            a = gaussian(n * k, 3);
            c = new double[n * n];
        }
    }

    @Benchmark public double[] dsyrkLower(Syrk s) {
        s.la.syrkLower(false, s.n, s.k, 1.0, s.a, 0, s.n, 0.0, s.c, 0, s.n);
        return s.c;
    }

    @Benchmark public double[] dsyrkFull(Syrk s) {
        s.la.syrk(false, s.n, s.k, 1.0, s.a, 0.0, s.c);
        return s.c;
    }

    @State(Scope.Thread)
    public static class Eig {
        @Param({"512", "1000", "2000"}) public int n;
        @Param({"native", "java"}) public String impl;
        LinAlg la;
        double[] s, a, w;
        EigenWorkspace ws;

        @Setup(Level.Trial) public void setup() {
            la = pick(impl);
            double[] g = gaussian(n * n, 4);
            s = new double[n * n];
            la.syrk(false, n, n, 1.0 / n, g, 0.0, s);
            a = new double[n * n];
            w = new double[n];
            ws = new EigenWorkspace();
        }
    }

    /** dsyevd with the workspace reused across calls. */
    @Benchmark public double[] dsyevdWorkspace(Eig s) {
        System.arraycopy(s.s, 0, s.a, 0, s.a.length);
        s.la.symmetricEigen(s.n, s.a, s.w, s.ws);
        return s.w;
    }

    /** dsyevd allocating its 1 + 6n + 2n^2 doubles of workspace on every call (the original API). */
    @Benchmark public double[] dsyevdAllocating(Eig s) {
        System.arraycopy(s.s, 0, s.a, 0, s.a.length);
        s.la.symmetricEigen(s.n, s.a, s.w);
        return s.w;
    }

    /** Eigenvalues only. */
    @Benchmark public double[] dsyevdValues(Eig s) {
        System.arraycopy(s.s, 0, s.a, 0, s.a.length);
        s.la.symmetricEigenvalues(s.n, s.a, s.w, s.ws);
        return s.w;
    }

    @State(Scope.Thread)
    public static class Tanh {
        double[] v = gaussian(1 << 16, 5);
    }

    /** 65,536 Math.tanh evaluations (the quadrature's inner kernel). */
    @Benchmark public double tanhMath(Tanh s) {
        double acc = 0;
        for (double x : s.v) acc += Math.tanh(x);
        return acc;
    }

    /** 65,536 exp-based tanh evaluations. */
    @Benchmark public double tanhExp(Tanh s) {
        double acc = 0;
        for (double x : s.v) acc += Calibration.tanhFastForBench(x);
        return acc;
    }
}
