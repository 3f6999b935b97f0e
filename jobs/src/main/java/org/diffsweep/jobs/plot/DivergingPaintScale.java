package org.diffsweep.jobs.plot;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/**
 * Diverging colour scale centred at 0: blue (D &lt; 0) – white (0) – red (D &gt; 0), symmetric bounds ±limit so
 * equal colours mean equal |D| on both sides. NaN (missing) is light grey.
 */
public final class DivergingPaintScale implements PaintScale, Serializable {
    private static final long serialVersionUID = 1L;
    static final Color MISSING = new Color(200, 200, 200);
    private static final Color NEG = new Color(33, 102, 172);
    private static final Color POS = new Color(178, 24, 43);
    private final double limit;

    /** @param limit half-range (&gt; 0): values beyond ±limit saturate */
    public DivergingPaintScale(double limit) {
        if (!(limit > 0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("limit must be finite and > 0, got " + limit);
        }
        this.limit = limit;
    }

    /** The scale whose limit is max |v| over finite values (1 when there are none or all are 0). */
    public static DivergingPaintScale covering(double[] values) {
        double m = 0;
        for (double v : values) {
            if (Double.isFinite(v)) m = Math.max(m, Math.abs(v));
        }
        return new DivergingPaintScale(m > 0 ? m : 1);
    }

    @Override
    public double getLowerBound() { return -limit; }

    @Override
    public double getUpperBound() { return limit; }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) return MISSING;
        double f = Math.max(-1, Math.min(1, value / limit));
        Color end = f < 0 ? NEG : POS;
        double w = Math.abs(f);
        return new Color(mix(255, end.getRed(), w), mix(255, end.getGreen(), w), mix(255, end.getBlue(), w));
    }

    private static int mix(int a, int b, double w) { return (int) Math.round(a + (b - a) * w); }
}
