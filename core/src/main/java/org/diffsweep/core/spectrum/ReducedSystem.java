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

    /** {@link #evaluate(Cx, Cx[], Cx[], Cx[])} in primitive complex arithmetic (the hot path of the solver). */
    @Override
    public void evaluate(double zr, double zi, double[] x, double[] f, double[] jac) {
        double qr = x[0], qi = x[1], sr = x[2], si = x[3];
        double c = psiP / psiN;
        double kr = 0, ki = 0, vr = 0, vi = 0;                       // sumK, sumV
        double kqr = 0, kqi = 0, ksr = 0, ksi = 0, vqr = 0, vqi = 0, vsr = 0, vsi = 0; // dK/dq, dK/ds, dV/dq, dV/ds
        for (int i = 0; i < pi.length; i++) {
            double dr = 1 + c * (k1[i] * sr + v2[i] * qr), di = c * (k1[i] * si + v2[i] * qi);
            double m2 = dr * dr + di * di;
            double ir = dr / m2, ii = -di / m2;                          // 1/den
            double i2r = ir * ir - ii * ii, i2i = 2 * ir * ii;           // 1/den^2
            double ak = pi[i] * k1[i], av = pi[i] * v2[i];
            kr += ak * ir;
            ki += ak * ii;
            vr += av * ir;
            vi += av * ii;
            double a = -ak * c * v2[i], b = -ak * c * k1[i], e = -av * c * v2[i], g = -av * c * k1[i];
            kqr += a * i2r;
            kqi += a * i2i;
            ksr += b * i2r;
            ksi += b * i2i;
            vqr += e * i2r;
            vqi += e * i2i;
            vsr += g * i2r;
            vsi += g * i2i;
        }
        double qm = qr * qr + qi * qi;
        double iqr = qr / qm, iqi = -qi / qm;                            // 1/q
        double iq2r = iqr * iqr - iqi * iqi, iq2i = 2 * iqr * iqi;       // 1/q^2
        double iq3r = iq2r * iqr - iq2i * iqi, iq3i = iq2r * iqi + iq2i * iqr; // 1/q^3
        double ddr = iqr + b2bar * psiP + psiP * kr, ddi = iqi + psiP * ki; // D = 1/q + b2 psiP + psiP sumK
        // F1 = s D - 1
        f[0] = sr * ddr - si * ddi - 1;
        f[1] = sr * ddi + si * ddr;
        // F2 = psiP (s2bar - z + sumV) + (1 - psiP)/q - s/q^2
        f[2] = psiP * (s2bar - zr + vr) + (1 - psiP) * iqr - (sr * iq2r - si * iq2i);
        f[3] = psiP * (-zi + vi) + (1 - psiP) * iqi - (sr * iq2i + si * iq2r);
        // dF1/dq = s (-1/q^2 + psiP dK/dq)
        double ar = -iq2r + psiP * kqr, ai = -iq2i + psiP * kqi;
        jac[0] = sr * ar - si * ai;
        jac[1] = sr * ai + si * ar;
        // dF1/ds = D + s psiP dK/ds
        jac[2] = ddr + psiP * (sr * ksr - si * ksi);
        jac[3] = ddi + psiP * (sr * ksi + si * ksr);
        // dF2/dq = psiP dV/dq - (1 - psiP)/q^2 + 2 s/q^3
        jac[4] = psiP * vqr - (1 - psiP) * iq2r + 2 * (sr * iq3r - si * iq3i);
        jac[5] = psiP * vqi - (1 - psiP) * iq2i + 2 * (sr * iq3i + si * iq3r);
        // dF2/ds = psiP dV/ds - 1/q^2
        jac[6] = psiP * vsr - iq2r;
        jac[7] = psiP * vsi - iq2i;
    }

    /** Class-resolved transform T_c(z) at the solution (q, s). */
    Cx classTransform(int c, Cx q, Cx s) {
        Cx den = s.times(k1[c]).plus(q.times(v2[c])).times(psiP / psiN).plus(1);
        return Cx.ONE.minus(den.inv()).times(pi[c] * psiN / psiP).plus(s.times(pi[c] * b2[c])).plus(q.times(pi[c] * s2[c]));
    }

    int numClasses() { return pi.length; }
}
