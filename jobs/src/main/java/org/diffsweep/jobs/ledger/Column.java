package org.diffsweep.jobs.ledger;

import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * One ledger column, defined once: its name, type, whether it may be null, how its value is read off a
 * {@link LedgerRow}, and whether {@code replay} compares it (provenance that may legitimately differ, such as the
 * wall time, is not compared). Schema, rows, decoding, CSV and JSON all iterate a {@link LedgerTable} of these.
 *
 * @param <R> the row context type the getter reads
 */
public record Column<R>(String name, ColumnType type, boolean nullable, Getter<R> getter, boolean replayed)
        implements Serializable {
    /** Reads the column's value from a row context (serializable: rows are built on the executors). */
    @FunctionalInterface
    public interface Getter<R> extends Serializable {
        Object get(R row);
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(getter, "getter");
    }

    /** A compared column. */
    public static <R> Column<R> of(String name, ColumnType type, boolean nullable, Getter<R> getter) {
        return new Column<>(name, type, nullable, getter, true);
    }

    /** The Spark schema field. */
    public StructField field() { return DataTypes.createStructField(name, type.sparkType(), nullable); }

    /** This column's value in a Spark row (null when SQL null); integer columns as {@link Number}. */
    public Object decode(Row r) {
        int i = r.fieldIndex(name);
        return r.isNullAt(i) ? null : r.get(i);
    }

    /** This column's value in a Spark row as a double, or null. */
    public Double number(Row r) {
        Object v = decode(r);
        return v == null ? null : ((Number) v).doubleValue();
    }
}
