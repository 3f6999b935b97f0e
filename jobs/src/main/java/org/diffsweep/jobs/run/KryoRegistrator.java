package org.diffsweep.jobs.run;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.jobs.fit.FitKryo;

/**
 * Registers what diffsweep ships through Kryo ({@code spark.kryo.registrationRequired=true}). Only plain data
 * travels as RDD elements: the bins of a wave are {@code long[]} index arrays and the aggregation's partial results
 * {@code byte[]} (both registered by Spark itself); grids and models travel inside closures (Java serialization).
 * What remains is Spark's own: {@link StructType} (Parquet schema inference ships {@code StructType[]}), written
 * through its JSON form because Spark compares its DataType singletons by reference, and {@code ChunkedByteBuffer[]},
 * which Spark 4.2 ships through the configured serializer without registering it (Hadoop's file listings never
 * travel: {@link SparkSessions} lists ledger folders on the driver); and MLlib's tree-training internals
 * for the hierarchy fit ({@link FitKryo}).
 */
public final class KryoRegistrator implements org.apache.spark.serializer.KryoRegistrator {
    static final String[] SPARK_INTERNALS = {"[Lorg.apache.spark.util.io.ChunkedByteBuffer;"};

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(StructType.class, new StructTypeSerializer());
        kryo.register(StructType[].class);
        for (String name : java.util.stream.Stream.concat(java.util.stream.Stream.of(SPARK_INTERNALS), FitKryo.CLASSES.stream()).toList()) {
            try {
                kryo.register(Class.forName(name, false, KryoRegistrator.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                // not in this Spark version
            }
        }
    }

    /** {@link StructType} through its JSON form. */
    public static final class StructTypeSerializer extends Serializer<StructType> {
        public StructTypeSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, StructType t) { out.writeString(t.json()); }

        @Override public StructType read(Kryo kryo, Input in, Class<StructType> type) {
            return (StructType) DataType.fromJson(in.readString());
        }
    }
}
