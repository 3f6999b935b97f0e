package org.diffsweep.jobs.phase;

import java.util.List;
import java.util.Locale;
import org.diffsweep.jobs.json.Csv;

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
        for (PhaseCell c : cells) sb.append(Csv.line(COLUMNS.stream().map(col -> col.value().apply(c)).toArray()));
        return sb.toString();
    }

    /** The boundary polylines as CSV (header line first). */
    public static String boundaryCsv(List<BoundaryPoint> points) {
        StringBuilder sb = new StringBuilder(BOUNDARY_HEADER).append('\n');
        for (BoundaryPoint p : points) sb.append(Csv.line(p.slice(), p.series(), p.polylineId(), p.vertex(), p.x(), p.y()));
        return sb.toString();
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
