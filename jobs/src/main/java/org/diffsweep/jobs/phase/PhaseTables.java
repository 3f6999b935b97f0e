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

    /** One column of the phase table: name, value type ("string", "double", "long", "int") and value. */
    public record CellColumn(String name, String type, java.util.function.Function<PhaseCell, Object> value) {}

    /** The phase table's columns, in order: phase.csv and phase.parquet both iterate this list. */
    public static final List<CellColumn> COLUMNS = List.of(
            new CellColumn("slice", "string", PhaseCell::slice),
            new CellColumn("metric", "string", c -> c.metric().name()),
            new CellColumn("x", "double", PhaseCell::x),
            new CellColumn("y", "double", PhaseCell::y),
            new CellColumn("seeds", "long", PhaseCell::seeds),
            new CellColumn("missingSeeds", "long", PhaseCell::missing),
            new CellColumn("censoredSeeds", "long", PhaseCell::censored),
            new CellColumn("ambiguousSeeds", "long", PhaseCell::ambiguous),
            new CellColumn("mean", "double", PhaseCell::mean),
            new CellColumn("sd", "double", PhaseCell::sd),
            new CellColumn("halfWidth", "double", PhaseCell::halfWidth),
            new CellColumn("ciLow", "double", PhaseCell::ciLow),
            new CellColumn("ciHigh", "double", PhaseCell::ciHigh),
            new CellColumn("sign", "int", PhaseCell::sign),
            new CellColumn("baselineSign", "int", PhaseCell::baselineSign),
            new CellColumn("phase", "string", c -> c.phase().name()));

    /** Header of {@link #boundaryCsv}. */
    public static final String BOUNDARY_HEADER = "slice,series,polylineId,vertex,x,y";

    /** The phase table as CSV (header line first); NaN as an empty field. */
    public static String cellsCsv(List<PhaseCell> cells) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS.stream().map(CellColumn::name).toList())).append('\n');
        for (PhaseCell c : cells) {
            for (int k = 0; k < COLUMNS.size(); k++) {
                Object v = COLUMNS.get(k).value().apply(c);
                if (k > 0) sb.append(',');
                sb.append(v instanceof String str ? quote(str) : v instanceof Double d ? num(d) : String.valueOf(v));
            }
            sb.append('\n');
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

    static String num(double v) { return Double.isNaN(v) ? "" : Double.toString(v); }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Locale-independent short number for text ("0.25", "1e-05"). */
    public static String shortNumber(double v) {
        if (Double.isNaN(v)) return "NaN";
        String f = String.format(Locale.ROOT, "%.3g", v);
        int e = f.indexOf('e');
        String mant = e < 0 ? f : f.substring(0, e);
        String exp = e < 0 ? "" : f.substring(e);
        if (mant.indexOf('.') >= 0) {
            mant = mant.replaceAll("0+$", "");
            if (mant.endsWith(".")) mant = mant.substring(0, mant.length() - 1);
        }
        return mant + exp;
    }
}
