package org.diffsweep.core.spectrum;

import org.diffsweep.core.features.GeConstants;

/**
 * The general saddle point (E1)–(E3) of theory §3.3 [B Thm 3.1] in the unknowns (q, r, s), for a data covariance
 * whose spectral law is the weighted atoms {@code rho_Sigma = sum_j w_j delta(lambda - lambda_j)}:
 * <pre>
 *   s_hat = b^2 psi_p + 1/q,  den = 1 + (a^2 e^{-2t} psi_p/psi_n) r + (psi_p v^2/psi_n) q,  r_hat = psi_p a^2 e^{-2t}/den
 *   (E1) s = sum_j w_j / (s_hat + lambda_j r_hat)
 *   (E2) r = sum_j w_j lambda_j / (s_hat + lambda_j r_hat)
 *   (E3) psi_p (s^2_t - z) + psi_p v^2/den + (1 - psi_p)/q - s/q^2 = 0
 * </pre>
 * {@code ae2 = a_t^2 e^{-2t}}, with the constants computed at sigma_x^2 = sum_j w_j lambda_j (§3.1).
 */
final class AtomSystem implements SaddleSystem {
    final double psiP, psiN, ae2, v2, b2, s2;
    final double[] lam, w;

    AtomSystem(double psiP, double psiN, double ae2, double v2, double b2, double s2, double[] lam, double[] w) {
        if (lam.length != w.length || lam.length == 0) throw new IllegalArgumentException("atoms and weights must match");
        this.psiP = psiP;
        this.psiN = psiN;
        this.ae2 = ae2;
        this.v2 = v2;
        this.b2 = b2;
        this.s2 = s2;
        this.lam = lam.clone();
        this.w = w.clone();
    }

    /** The atoms system with the single-class constants {@code ge} (computed at sigma_x^2 = sum_j w_j lambda_j). */
    static AtomSystem of(double psiP, double psiN, GeConstants ge, double[] lam, double[] w) {
        return new AtomSystem(psiP, psiN, ge.a() * ge.a() * Math.exp(-2 * ge.t()), ge.v2(), ge.b() * ge.b(), ge.s2(), lam, w);
    }

    @Override public int size() { return 3; }

    @Override public double deltaLocation() { return s2; }

    @Override
    public double upperEstimate() {
        double lmax = 0;
        for (double l : lam) lmax = Math.max(lmax, l);
        double gen = (ae2 * lmax + b2) * Math.pow(Math.sqrt(psiP) + 1, 2) + s2 + v2;
        double mem = s2 + v2 * Math.pow(Math.sqrt(psiP / psiN) + 1, 2);
        return Math.max(gen, mem);
    }

    @Override
    public double asymptoticSeparator() {
        double lmin = Double.POSITIVE_INFINITY;
        for (double l : lam) lmin = Math.min(lmin, l);
        double genLo = (ae2 * lmin + b2) * Math.pow(Math.sqrt(psiP) - 1, 2) + s2 + v2;
        double r = Math.sqrt(psiP / psiN) + 1;
        double memTop = s2 + v2 * r * r;
        return Math.sqrt(memTop * Math.max(genLo, memTop));
    }

    @Override
    public double asymptoticMemorizationEdge() {
        double r = Math.sqrt(psiP / psiN) - 1;
        return s2 + v2 * r * r;
    }

    @Override
    public void initialGuess(Cx z, Cx[] x) {
        Cx q = z.inv().negate();
        double m = 0;
        for (int j = 0; j < lam.length; j++) m += w[j] * lam[j];
        x[0] = q;
        x[1] = q.times(m);
        x[2] = q;
    }

    @Override
    public void evaluate(Cx z, Cx[] x, Cx[] f, Cx[] jac) {
        Cx q = x[0], r = x[1], s = x[2];
        double alpha = ae2 * psiP / psiN, beta = psiP * v2 / psiN, gamma = psiP * ae2;
        Cx den = r.times(alpha).plus(q.times(beta)).plus(1);
        Cx iden = den.inv();
        Cx iden2 = iden.sq();
        Cx rhat = iden.times(gamma);
        Cx drq = iden2.times(-gamma * beta);
        Cx drr = iden2.times(-gamma * alpha);
        Cx iq = q.inv();
        Cx iq2 = iq.sq();
        Cx shat = iq.plus(b2 * psiP);
        Cx e1 = Cx.ZERO, e2 = Cx.ZERO, d1q = Cx.ZERO, d1r = Cx.ZERO, d2q = Cx.ZERO, d2r = Cx.ZERO;
        for (int j = 0; j < lam.length; j++) {
            Cx dj = shat.plus(rhat.times(lam[j]));
            Cx idj = dj.inv();
            Cx idj2 = idj.sq();
            e1 = e1.plus(idj.times(w[j]));
            e2 = e2.plus(idj.times(w[j] * lam[j]));
            Cx dDq = iq2.negate().plus(drq.times(lam[j]));
            Cx dDr = drr.times(lam[j]);
            // d/dx (1/D) = -D'/D^2
            d1q = d1q.minus(idj2.times(dDq).times(w[j]));
            d1r = d1r.minus(idj2.times(dDr).times(w[j]));
            d2q = d2q.minus(idj2.times(dDq).times(w[j] * lam[j]));
            d2r = d2r.minus(idj2.times(dDr).times(w[j] * lam[j]));
        }
        f[0] = s.minus(e1);
        f[1] = r.minus(e2);
        f[2] = z.negate().plus(s2).plus(iden.times(v2)).times(psiP).plus(iq.times(1 - psiP)).minus(s.times(iq2));
        jac[0] = d1q.negate();
        jac[1] = d1r.negate();
        jac[2] = Cx.ONE;
        jac[3] = d2q.negate();
        jac[4] = Cx.ONE.minus(d2r);
        jac[5] = Cx.ZERO;
        jac[6] = iden2.times(-psiP * v2 * beta).minus(iq2.times(1 - psiP)).plus(s.times(iq2.times(iq)).times(2));
        jac[7] = iden2.times(-psiP * v2 * alpha);
        jac[8] = iq2.negate();
    }
}
