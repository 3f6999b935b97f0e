package org.diffsweep.core.spectrum;

import java.util.List;

/**
 * The C-class reduced saddle point of theory §5.4 in the unknowns (q, s); for C = 1 it is the isotropic
 * two-unknown reduction of §3.3. With {@code den_c = 1 + (psi_p/psi_n)(k1_c s + v_c^2 q)}:
 * <pre>
 *   F1 = s (b̄^2 psi_p + 1/q + psi_p sum_c pi_c k1_c/den_c) - 1
 *   F2 = psi_p (s̄^2 - z) + psi_p sum_c pi_c v_c^2/den_c + (1 - psi_p)/q - s/q^2
 * </pre>
 * with {@code b̄^2 = sum_c pi_c <b_c^2>}, {@code s̄^2 = sum_c pi_c <s_c^2>}. Here
 * {@code s = (1/(p d)) Tr W^T (U - z)^{-1} W}. Class-resolved transform (derived for diffsweep, README):
 * {@code T_c(z) = (1/p) Tr[(n_c/n) U_c (U - z)^{-1}] = (pi_c psi_n/psi_p)(1 - 1/den_c) + pi_c <b_c^2> s + pi_c <s_c^2> q},
 * with {@code sum_c T_c = 1 + z q} and {@code Im T_c(lambda + i0)/pi = lambda rho_c(lambda)}.
 */
final class ReducedSystem implements SaddleSystem {
    final double psiP, psiN;
    final double[] pi, k1, v2, b2, s2;
    final double b2bar, s2bar;

    ReducedSystem(double psiP, double psiN, double[] pi, List<ClassCoefficients> coef) {
        this.psiP = psiP;
        this.psiN = psiN;
        int c = pi.length;
        if (coef.size() != c) throw new IllegalArgumentException("one coefficient set per class");
        this.pi = pi.clone();
        k1 = new double[c];
        v2 = new double[c];
        b2 = new double[c];
        s2 = new double[c];
        double bb = 0, ss = 0;
        for (int i = 0; i < c; i++) {
            ClassCoefficients k = coef.get(i);
            k1[i] = k.k1();
            v2[i] = k.v2();
            b2[i] = k.b2();
            s2[i] = k.s2();
            bb += pi[i] * k.b2();
            ss += pi[i] * k.s2();
        }
        b2bar = bb;
        s2bar = ss;
    }

    @Override public int size() { return 2; }

    @Override public double deltaLocation() { return s2bar; }

    @Override
    public double upperEstimate() {
        double mu = 0, v = 0, vmax = 0;
        for (int i = 0; i < pi.length; i++) {
            mu += pi[i] * (k1[i] + b2[i]);
            v += pi[i] * v2[i];
            vmax = Math.max(vmax, v2[i]);
        }
        double gen = mu * Math.pow(Math.sqrt(psiP) + 1, 2) + s2bar + v;
        double mem = s2bar + vmax * Math.pow(Math.sqrt(psiP / psiN) + 1, 2);
        return Math.max(gen, mem);
    }

    @Override
    public double asymptoticMemorizationEdge() {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pi.length; i++) m = Math.min(m, memEdgeAsym(i, -1));
        return m;
    }

    @Override
    public double asymptoticSeparator() {
        double mu = 0, v = 0, memTop = 0;
        for (int i = 0; i < pi.length; i++) {
            mu += pi[i] * (k1[i] + b2[i]);
            v += pi[i] * v2[i];
            memTop = Math.max(memTop, memEdgeAsym(i, +1));
        }
        double genLo = mu * Math.pow(Math.sqrt(psiP) - 1, 2) + s2bar + v;
        return Math.sqrt(memTop * Math.max(genLo, memTop));
    }

    /** §5.4: {@code s̄^2 + v_c^2 (sqrt(psi_p/psi_n) + sign sqrt(pi_c))^2}. */
    double memEdgeAsym(int c, int sign) {
        double r = Math.sqrt(psiP / psiN) + sign * Math.sqrt(pi[c]);
        return s2bar + v2[c] * r * r;
    }

    @Override
    public void initialGuess(Cx z, Cx[] x) {
        Cx q = z.inv().negate();
        x[0] = q;
        x[1] = q;
    }

    @Override
    public void evaluate(Cx z, Cx[] x, Cx[] f, Cx[] jac) {
        Cx q = x[0], s = x[1];
        double c = psiP / psiN;
        Cx sumK = Cx.ZERO, sumV = Cx.ZERO;
        Cx dKq = Cx.ZERO, dKs = Cx.ZERO, dVq = Cx.ZERO, dVs = Cx.ZERO;
        for (int i = 0; i < pi.length; i++) {
            Cx den = s.times(k1[i]).plus(q.times(v2[i])).times(c).plus(1);
            Cx inv = den.inv();
            Cx inv2 = inv.sq();
            sumK = sumK.plus(inv.times(pi[i] * k1[i]));
            sumV = sumV.plus(inv.times(pi[i] * v2[i]));
            dKq = dKq.plus(inv2.times(-pi[i] * k1[i] * c * v2[i]));
            dKs = dKs.plus(inv2.times(-pi[i] * k1[i] * c * k1[i]));
            dVq = dVq.plus(inv2.times(-pi[i] * v2[i] * c * v2[i]));
            dVs = dVs.plus(inv2.times(-pi[i] * v2[i] * c * k1[i]));
        }
        Cx iq = q.inv();
        Cx iq2 = iq.sq();
        Cx dD = iq.plus(b2bar * psiP).plus(sumK.times(psiP));
        f[0] = s.times(dD).minus(Cx.ONE);
        f[1] = z.negate().plus(s2bar).plus(sumV).times(psiP).plus(iq.times(1 - psiP)).minus(s.times(iq2));
        // dF1/dq = s (-1/q^2 + psiP dK/dq), dF1/ds = D + s psiP dK/ds
        jac[0] = s.times(iq2.negate().plus(dKq.times(psiP)));
        jac[1] = dD.plus(s.times(dKs.times(psiP)));
        // dF2/dq = psiP dV/dq - (1-psiP)/q^2 + 2 s/q^3, dF2/ds = psiP dV/ds - 1/q^2
        jac[2] = dVq.times(psiP).minus(iq2.times(1 - psiP)).plus(s.times(iq2.times(iq)).times(2));
        jac[3] = dVs.times(psiP).minus(iq2);
    }

    /** Class-resolved transform T_c(z) at the solution (q, s). */
    Cx classTransform(int c, Cx q, Cx s) {
        Cx den = s.times(k1[c]).plus(q.times(v2[c])).times(psiP / psiN).plus(1);
        return Cx.ONE.minus(den.inv()).times(pi[c] * psiN / psiP).plus(s.times(pi[c] * b2[c])).plus(q.times(pi[c] * s2[c]));
    }

    int numClasses() { return pi.length; }
}
