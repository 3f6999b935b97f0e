package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;

/**
 * What travels through Kryo survives a round trip through Spark's own KryoSerializer configured exactly as the
 * sessions are (registrationRequired=true); no SparkContext is needed. Equality is exact (bit patterns are copied).
 */
class KryoRoundTripTest {
    private static final SerializerInstance KRYO = kryo();

    private static SerializerInstance kryo() {
        SparkConf conf = new SparkConf(false);
        SparkSessions.kryoConf().forEach(conf::set);
        return new KryoSerializer(conf).newInstance();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        ClassTag<Object> tag = scala.reflect.ClassTag$.MODULE$.AnyRef();
        ByteBuffer bytes = KRYO.serialize(value, tag);
        return (T) KRYO.deserialize(bytes, tag);
    }

    @Test
    void waveBinsAndAggregationPartialsAreRegisteredBySpark() {
        long[] bin = {0, 5, 1L << 40};
        assertArrayEquals(bin, roundTrip(bin));
        byte[] partial = {1, -2, 3};
        assertArrayEquals(partial, roundTrip(partial));
    }

    @Test
    void structTypesKeepMetadataAndSingletonTypes() {
        StructType st = new StructType().add("pointId", DataTypes.StringType, false)
                .add("tauGen", DataTypes.DoubleType, true, Metadata.fromJson("{\"unit\":\"paper time\"}"))
                .add("nested", new StructType().add("x", DataTypes.createArrayType(DataTypes.LongType)), true);
        StructType back = roundTrip(st);
        assertEquals(st, back);
        assertEquals("paper time", back.apply("tauGen").metadata().getString("unit"));
        assertTrue(back.apply("pointId").dataType() == DataTypes.StringType, "DataType singletons are compared by reference");
        StructType[] arr = roundTrip(new StructType[] {st});
        assertEquals(st, arr[0]);
    }

    /** Local type that is deliberately not registered. */
    record Unregistered(int x) {}

    @Test
    void unregisteredTypesAreRejected() {
        Exception e = assertThrows(Exception.class, () -> roundTrip(new Unregistered(1)));
        assertTrue(String.valueOf(e.getMessage()).contains("Class is not registered"), e.toString());
    }
}
