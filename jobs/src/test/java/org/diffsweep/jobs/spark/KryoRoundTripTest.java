package org.diffsweep.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
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
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;

/**
 * Every type the registrator registers survives a Kryo round trip through Spark's own KryoSerializer configured
 * exactly as the sessions are (registrationRequired=true). No SparkContext is needed. Equality is exact: the
 * serializers copy bit patterns (doubles via writeDouble), so no tolerance applies.
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

    static ClassSpec classA() { return new ClassSpec("A", 0.3, 1.25, 60, 2.0); }

    static PointParams params() {
        return new PointParams(40, 1.5, 2.25, 0.01, -7L, List.of(classA(), new ClassSpec("B, the other", 0.7, 0.5, 180, 0.5)),
                0.02, 0.85, new TauGrid(1e-3, 1e5, 17), NoiseMode.monteCarlo(3));
    }

    static GridPoint gridPoint() {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("varianceRatio", 4.0);
        c.put("classes[0].angleDeg", -0.0);
        c.put("imbalanceRatio", Double.MIN_VALUE);
        return new GridPoint(123_456_789_012L, params(), c, 2);
    }

    static ClassResult classResult() {
        return new ClassResult("A", 0.3, 24, 1.5e3, null, null, true, 2.0, Double.NaN, null, 7.0, 0.1, 0.2, 31.0, null, null, 0.4, null, 1e-9);
    }

    static PointResult pointResult() {
        Map<String, Double> st = new LinkedHashMap<>();
        st.put("features", 0.25);
        st.put("dynamics", 1.5);
        return new PointResult(PointStatus.PARTIAL, "spectrum did not converge", null,
                List.of(classResult(), new ClassResult("B", 0.7, 56, null, null, null, false, null, null, null, null, null, null, null, 2.5, 3.0, null, false, null)), st);
    }

    /** One sample per registered type. */
    static Map<Class<?>, Object> samples() {
        Map<Class<?>, Object> m = new LinkedHashMap<>();
        m.put(Bin.class, new Bin(3, new long[] {0, 5, 1L << 40}, 12.5));
        m.put(ClassSpec.class, classA());
        m.put(TauGrid.class, new TauGrid(1e-2, 1e7, 200));
        m.put(NoiseMode.class, NoiseMode.EXACT);
        m.put(PointParams.class, params());
        m.put(GridPoint.class, gridPoint());
        m.put(ClassResult.class, classResult());
        m.put(PointResult.class, pointResult());
        m.put(StructType.class, new StructType().add("pointId", DataTypes.StringType, false)
                .add("tauGen", DataTypes.DoubleType, true, Metadata.fromJson("{\"unit\":\"paper time\"}"))
                .add("nested", new StructType().add("x", DataTypes.createArrayType(DataTypes.LongType)), true));
        m.put(PointStatus.class, PointStatus.FAILED);
        m.put(Bin[].class, new Bin[] {new Bin(0, new long[] {1}, 1.0), new Bin(1, new long[0], 0.0)});
        m.put(ClassSpec[].class, new ClassSpec[] {classA(), null});
        m.put(PointParams[].class, new PointParams[] {params()});
        m.put(GridPoint[].class, new GridPoint[] {gridPoint(), gridPoint()});
        m.put(ClassResult[].class, new ClassResult[] {classResult()});
        m.put(PointResult[].class, new PointResult[] {pointResult()});
        m.put(StructType[].class, new StructType[] {new StructType().add("a", DataTypes.BooleanType)});
        return m;
    }

    @Test
    void everyRegisteredTypeHasASampleAndRoundTrips() {
        Map<Class<?>, Object> samples = samples();
        List<Class<?>> registered = new java.util.ArrayList<>(DiffsweepKryoRegistrator.recordSerializers().keySet());
        registered.addAll(Arrays.asList(DiffsweepKryoRegistrator.plainTypes()));
        assertEquals(new java.util.HashSet<>(registered), samples.keySet(), "registered types without a round-trip sample");
        for (Map.Entry<Class<?>, Object> e : samples.entrySet()) {
            Object back = roundTrip(e.getValue());
            assertEquals(e.getKey(), back.getClass());
            if (e.getValue() instanceof Bin b) {
                assertBin(b, (Bin) back);
            } else if (e.getValue() instanceof Bin[] bs) {
                for (int i = 0; i < bs.length; i++) assertBin(bs[i], ((Bin[]) back)[i]);
            } else if (e.getValue() instanceof Object[] arr) {
                assertArrayEquals(arr, (Object[]) back, e.getKey().getName());
            } else {
                assertEquals(e.getValue(), back, e.getKey().getName());
            }
        }
    }

    @Test
    void nullsSignedZeroAndNaNSurviveBitExactly() {
        ClassResult back = roundTrip(classResult());
        assertEquals(null, back.tauMem());
        assertEquals(null, back.preCommitted());
        assertTrue(Double.isNaN(back.tauMemPred()));
        GridPoint g = roundTrip(gridPoint());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(g.coordinates().get("classes[0].angleDeg")));
        assertEquals(List.of("varianceRatio", "classes[0].angleDeg", "imbalanceRatio"), List.copyOf(g.coordinates().keySet()));
        StructType st = roundTrip((StructType) samples().get(StructType.class));
        assertEquals("paper time", st.apply("tauGen").metadata().getString("unit"));
        assertTrue(st.apply("pointId").dataType() == DataTypes.StringType || st.apply("pointId").dataType().equals(DataTypes.StringType));
        PointResult pr = pointResult();
        assertNotSame(pr, roundTrip(pr));
    }

    /** Local type that is deliberately not registered. */
    record Unregistered(int x) {}

    @Test
    void unregisteredTypesAreRejected() {
        Exception e = assertThrows(Exception.class, () -> roundTrip(new Unregistered(1)));
        assertTrue(String.valueOf(e.getMessage()).contains("Class is not registered"), e.toString());
    }

    private static void assertBin(Bin a, Bin b) {
        assertEquals(a.id(), b.id());
        assertEquals(a.cost(), b.cost());
        assertArrayEquals(a.indices(), b.indices());
    }
}
