package org.diffsweep.jobs.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.serializer.KryoRegistrator;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.core.mixture.ClassSpec;
import org.diffsweep.core.point.ClassResult;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.PointResult;
import org.diffsweep.core.point.PointStatus;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.jobs.grid.GridPoint;
import org.diffsweep.jobs.sweep.Bin;

/**
 * Registers every diffsweep type that Spark may serialize with Kryo ({@code spark.kryo.registrationRequired=true}):
 * records with an explicit serializer from {@link RecordSerializers}, plus their array types (a {@code collect()}
 * ships {@code T[]}), and Spark SQL's {@code StructType} (Parquet schema inference ships {@code StructType[]}).
 * Spark registers primitives, primitive arrays and its own classes itself.
 */
public final class DiffsweepKryoRegistrator implements KryoRegistrator {
    /** Record type -> its serializer; every entry is covered by the Kryo round-trip test. */
    public static Map<Class<?>, Serializer<?>> recordSerializers() {
        Map<Class<?>, Serializer<?>> m = new LinkedHashMap<>();
        m.put(Bin.class, new RecordSerializers.BinSerializer());
        m.put(ClassSpec.class, new RecordSerializers.ClassSpecSerializer());
        m.put(TauGrid.class, new RecordSerializers.TauGridSerializer());
        m.put(NoiseMode.class, new RecordSerializers.NoiseModeSerializer());
        m.put(PointParams.class, new RecordSerializers.PointParamsSerializer());
        m.put(GridPoint.class, new RecordSerializers.GridPointSerializer());
        m.put(ClassResult.class, new RecordSerializers.ClassResultSerializer());
        m.put(PointResult.class, new RecordSerializers.PointResultSerializer());
        m.put(StructType.class, new RecordSerializers.StructTypeSerializer());
        return m;
    }

    /** Types registered with Kryo's default serializers (enums and arrays of the records above). */
    public static Class<?>[] plainTypes() {
        return new Class<?>[] {
            PointStatus.class, Bin[].class, ClassSpec[].class, PointParams[].class, GridPoint[].class,
            ClassResult[].class, PointResult[].class, StructType[].class
        };
    }

    /**
     * Spark-internal classes that Spark 4.2 ships through the configured serializer but does not register itself
     * (found with registrationRequired=true): SQL {@code collect}/{@code toLocalIterator} return
     * {@code ChunkedByteBuffer[]}. Registered by name, skipped if absent in another Spark version.
     */
    static final String[] SPARK_INTERNALS = {
        "[Lorg.apache.spark.util.io.ChunkedByteBuffer;",
    };

    @Override
    public void registerClasses(Kryo kryo) {
        recordSerializers().forEach(kryo::register);
        for (Class<?> c : plainTypes()) kryo.register(c);
        for (String name : SPARK_INTERNALS) {
            try {
                kryo.register(Class.forName(name, false, DiffsweepKryoRegistrator.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                // not in this Spark version
            }
        }
    }
}
