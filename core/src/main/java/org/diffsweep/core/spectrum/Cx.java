package org.diffsweep.core.spectrum;

/** Minimal immutable complex number for the saddle-point residuals (short-lived; the JIT scalar-replaces most). */
record Cx(double re, double im) {
    static final Cx ZERO = new Cx(0, 0);
    static final Cx ONE = new Cx(1, 0);

    static Cx of(double re) { return new Cx(re, 0); }

    Cx plus(Cx o) { return new Cx(re + o.re, im + o.im); }

    Cx plus(double o) { return new Cx(re + o, im); }

    Cx minus(Cx o) { return new Cx(re - o.re, im - o.im); }

    Cx times(Cx o) { return new Cx(re * o.re - im * o.im, re * o.im + im * o.re); }

    Cx times(double o) { return new Cx(re * o, im * o); }

    Cx negate() { return new Cx(-re, -im); }

    /** 1/this, scaled to avoid overflow. */
    Cx inv() {
        if (Math.abs(re) >= Math.abs(im)) {
            double r = im / re, den = re + im * r;
            return new Cx(1 / den, -r / den);
        }
        double r = re / im, den = re * r + im;
        return new Cx(r / den, -1 / den);
    }

    Cx div(Cx o) { return times(o.inv()); }

    Cx sq() { return times(this); }

    double abs() { return Math.sqrt(re * re + im * im); }
}
