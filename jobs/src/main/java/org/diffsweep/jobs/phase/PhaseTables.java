package org.diffsweep.jobs.phase;

import java.util.List;
import java.util.Locale;

/**
 * CSV renderings of the phase table and the boundary table (the Parquet copies are written by the Spark layer).
 * Numbers use {@link Double#toString} (round-trip exact); NaN is written as an empty field.
 */
public final class PhaseTables {
    private PhaseTables() {
    }

    /** Header of {@link #cellsCsv}. */
    public static final String CELLS_HEADER =
            "slice,metric,x,y,seeds,missing,ambiguous,mean,sd,halfWidth,ciLow,ciHigh,sign,baselineSign,phase";

    /** Header of {@link #boundaryCsv}. */
    public static final String BOUNDARY_HEADER = "slice,series,polylineId,vertex,x,y";

    /** The phase table as CSV (header line first). */
    public static String cellsCsv(List<PhaseCell> cells) {
        StringBuilder sb = new StringBuilder(CELLS_HEADER).append('\n');
        for (PhaseCell c : cells) {
            sb.append(quote(c.slice())).append(',').append(c.metric().name()).append(',')
                    .append(num(c.x())).append(',').append(num(c.y())).append(',')
                    .append(c.seeds()).append(',').append(c.missing()).append(',').append(c.ambiguous()).append(',')
                    .append(num(c.mean())).append(',').append(num(c.sd())).append(',').append(num(c.halfWidth()))
                    .append(',').append(num(c.ciLow())).append(',').append(num(c.ciHigh())).append(',')
                    .append(c.sign()).append(',').append(c.baselineSign()).append(',').append(c.phase().name())
                    .append('\n');
        }
        return sb.toString();
    }

    /** The boundary polylines as CSV (header line first). */
    public static String boundaryCsv(List<BoundaryPoint> points) {
        StringBuilder sb = new StringBuilder(BOUNDARY_HEADER).append('\n');
        for (BoundaryPoint p : points) {
            sb.append(quote(p.slice())).append(',').append(quote(p.series())).append(',').append(p.polylineId())
                    .append(',').append(p.vertex()).append(',').append(num(p.x())).append(',').append(num(p.y()))
                    .append('\n');
        }
        return sb.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Locale-independent short number for text ("0.25", "1e-05"). */
    public static String shortNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        String f = String.format(Locale.ROOT, "%.3g", v);
        int e = f.indexOf('e');
        String mant = e < 0 ? f : f.substring(0, e);
        String exp = e < 0 ? "" : f.substring(e);
        if (mant.indexOf('.') >= 0) {
            mant = mant.replaceAll("0+$", "");
            if (mant.endsWith(".")) {
                mant = mant.substring(0, mant.length() - 1);
            }
        }
        return mant + exp;
    }
}
