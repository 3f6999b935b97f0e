package org.diffsweep.core.theory;

/** Minimal immutable complex number for the kernel algebra (short-lived; the JIT scalar-replaces most). */
record Z(double re, double im) {
    static final Z ZERO = new Z(0, 0);
    static final Z ONE = new Z(1, 0);

    Z plus(Z o) { return new Z(re + o.re, im + o.im); }

    Z plus(double o) { return new Z(re + o, im); }

    Z minus(Z o) { return new Z(re - o.re, im - o.im); }

    Z times(Z o) { return new Z(re * o.re - im * o.im, re * o.im + im * o.re); }

    Z times(double o) { return new Z(re * o, im * o); }

    Z conj() { return new Z(re, -im); }

    /** 1/this, scaled to avoid overflow. */
    Z inv() {
        if (Math.abs(re) >= Math.abs(im)) {
            double r = im / re, den = re + im * r;
            return new Z(1 / den, -r / den);
        }
        double r = re / im, den = re * r + im;
        return new Z(r / den, -1 / den);
    }

    Z div(Z o) { return times(o.inv()); }

    double abs() { return Math.hypot(re, im); }
}
