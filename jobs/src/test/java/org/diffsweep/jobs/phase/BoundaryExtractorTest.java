package org.diffsweep.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundaryExtractorTest {

    static SliceAxis logAxis(String name, double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(Math.log(lo) + i * (Math.log(hi) - Math.log(lo)) / (n - 1));
        }
        return new SliceAxis(name, name, AxisScale.LOG, v);
    }

    static SliceAxis linAxis(String name, double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + i * (hi - lo) / (n - 1);
        }
        return new SliceAxis(name, name, AxisScale.LINEAR, v);
    }

    static final SliceAxis X = logAxis("varianceRatio", 0.25, 4, 9);
    static final SliceAxis Y = logAxis("imbalanceRatio", 0.01, 100, 13);

    @Test
    void powerLawBoundaryIsExactInLogCoordinates() {
        double a = 1.7;
        SliceFunction d = (x, y) -> Math.log(y) - a * Math.log(x); // boundary y = x^a
        List<Polyline> lines = BoundaryExtractor.trace(SliceField.sample(X, Y, d), null);
        assertEquals(1, lines.size());
        Polyline p = lines.get(0);
        assertFalse(p.closed());
        for (int k = 0; k < p.size(); k++) {
            // D is linear in (log x, log y), so its linear interpolant is D itself: only rounding remains
            assertEquals(Math.pow(p.x()[k], a), p.y()[k], 1e-12 * p.y()[k]);
        }
        double xmin = Math.min(p.x()[0], p.x()[p.size() - 1]);
        double xmax = Math.max(p.x()[0], p.x()[p.size() - 1]);
        assertEquals(0.25, xmin, 1e-12, "the open boundary runs across the whole slice");
        assertEquals(4.0, xmax, 1e-12);
    }

    @Test
    void curvedBoundaryWithinTheInterpolationBound() {
        double a = 1.0;
        double b = 0.2;
        // D(u, v) = v − a u − b u², u = log x, v = log y; boundary v = a u + b u²
        SliceFunction d = (x, y) -> Math.log(y) - a * Math.log(x) - b * Math.log(x) * Math.log(x);
        SliceField f = SliceField.sample(X, Y, d);
        List<Polyline> lines = BoundaryExtractor.trace(f, null);
        assertEquals(1, lines.size());
        double hu = X.internal(1) - X.internal(0);
        // along an x-edge f(u) has |f''| = 2b and |f'| = |a + 2bu| >= a − 2b·log 4 on the slice, so the crossing
        // error is at most 2b hu² / (8 (a − 2b log 4)); along a y-edge f is linear in v: exact up to rounding
        double bound = 2 * b * hu * hu / (8 * (a - 2 * b * Math.log(4)));
        double worst = 0;
        Polyline p = lines.get(0);
        for (int k = 0; k < p.size(); k++) {
            double u = Math.log(p.x()[k]);
            double v = Math.log(p.y()[k]);
            boolean onXEdge = Y.indexOf(p.y()[k]) >= 0;
            if (onXEdge) {
                double uTrue = (-a + Math.sqrt(a * a + 4 * b * v)) / (2 * b);
                worst = Math.max(worst, Math.abs(u - uTrue));
                assertTrue(Math.abs(u - uTrue) <= bound + 1e-12, "x-edge crossing error " + Math.abs(u - uTrue));
            } else {
                assertEquals(a * u + b * u * u, v, 1e-12);
            }
        }
        assertTrue(worst > bound / 100, "the curvature error is visible, so the bound is being exercised");
        // With the analytic predictor as refiner, Brent's method puts every vertex on the true boundary
        for (Polyline q : BoundaryExtractor.trace(f, d)) {
            for (int k = 0; k < q.size(); k++) {
                assertEquals(0.0, d.value(q.x()[k], q.y()[k]), 1e-10);
            }
        }
    }

    @Test
    void closedLoopOnLinearAxes() {
        SliceAxis x = linAxis("x", -2, 2, 21);
        SliceAxis y = linAxis("y", -2, 2, 21);
        SliceFunction d = (u, v) -> u * u + v * v - 1;
        List<Polyline> lines = BoundaryExtractor.trace(SliceField.sample(x, y, d), null);
        assertEquals(1, lines.size());
        Polyline p = lines.get(0);
        assertTrue(p.closed());
        assertEquals(p.x()[0], p.x()[p.size() - 1], 0.0);
        double h = 0.2;
        for (int k = 0; k < p.size(); k++) {
            double r = Math.hypot(p.x()[k], p.y()[k]);
            // |f(x̂)| <= max|f''| h²/8 = h²/4 and |grad f| = 2r ≈ 2, so |r − 1| <= h²/8; h²/4 leaves margin
            assertEquals(1.0, r, h * h / 4);
        }
    }

    @Test
    void saddleCellsProduceTwoSeparateBranches() {
        SliceAxis x = new SliceAxis("x", "x", AxisScale.LINEAR, new double[] {-1, -0.3, 0.4, 1});
        SliceAxis y = new SliceAxis("y", "y", AxisScale.LINEAR, new double[] {-1, -0.3, 0.4, 1});
        List<Polyline> lines = BoundaryExtractor.trace(SliceField.sample(x, y, (u, v) -> u * v), null);
        assertEquals(2, lines.size());
        for (Polyline p : lines) {
            assertFalse(p.closed());
            for (int k = 0; k < p.size(); k++) {
                // u·v is linear along every grid edge, so crossings are exactly on the axes
                assertTrue(Math.min(Math.abs(p.x()[k]), Math.abs(p.y()[k])) < 1e-12);
            }
        }
    }

    @Test
    void confidenceBandIsTheShiftedContour() {
        double a = 1.7;
        double h = 0.3;
        SliceField mean = SliceField.sample(X, Y, (x, y) -> Math.log(y) - a * Math.log(x));
        SliceField hw = SliceField.sample(X, Y, (x, y) -> h);
        List<BoundaryPoint> pts = BoundaryExtractor.withUncertainty("s", "D_gen", mean, hw, null);
        int seen = 0;
        for (BoundaryPoint p : pts) {
            double shift = switch (p.series()) {
                case "D_gen" -> 0;
                case "D_gen:plusCI" -> -h; // mean + h = 0  ⇔  log y = a log x − h
                case "D_gen:minusCI" -> h;
                default -> Double.NaN;
            };
            assertEquals(a * Math.log(p.x()) + shift, Math.log(p.y()), 1e-12);
            seen |= p.series().endsWith("plusCI") ? 1 : p.series().endsWith("minusCI") ? 2 : 4;
        }
        assertEquals(7, seen);
    }

    @Test
    void missingNodeBreaksTheBoundary() {
        SliceField f = SliceField.sample(X, Y, (x, y) -> Math.log(y) - Math.log(x));
        double[] v = f.values();
        v[4 + 6 * 9] = Double.NaN; // the centre node, on the boundary y = x
        List<Polyline> lines = BoundaryExtractor.trace(new SliceField(X, Y, v), null);
        assertEquals(2, lines.size());
    }
}
