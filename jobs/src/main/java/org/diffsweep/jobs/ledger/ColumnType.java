package org.diffsweep.jobs.ledger;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The value types a ledger column may hold, with their Spark SQL types. */
public enum ColumnType {
    LONG(DataTypes.LongType), INT(DataTypes.IntegerType), DOUBLE(DataTypes.DoubleType),
    STRING(DataTypes.StringType), BOOLEAN(DataTypes.BooleanType),
    /** An array of float32 (stored learning curves); written as {@code float[]}, read back as a list of Float. */
    FLOAT_ARRAY(DataTypes.createArrayType(DataTypes.FloatType, false));

    private final transient DataType spark;

    ColumnType(DataType spark) { this.spark = spark; }

    /** The Spark SQL type of the column. */
    public DataType sparkType() { return spark; }
}
