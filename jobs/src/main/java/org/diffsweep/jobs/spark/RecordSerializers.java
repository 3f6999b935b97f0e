package org.diffsweep.jobs.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Explicit Kryo serializers for the records diffsweep may ship between JVMs. Kryo 4's default FieldSerializer
 * cannot handle Java records (it needs {@code Unsafe.objectFieldOffset}, which Java 16+ refuses for records;
 * platform.md §3), so each record writes its components and is read back through its canonical constructor, which
 * re-runs its validation. Nullable boxed components are written with a presence flag.
 */
public final class RecordSerializers {
    private RecordSerializers() {}

    static void writeNullableDouble(Output out, Double v) {
        out.writeBoolean(v != null);
        if (v != null) out.writeDouble(v);
    }

    static Double readNullableDouble(Input in) {
        return in.readBoolean() ? in.readDouble() : null;
    }

    static void writeNullableBoolean(Output out, Boolean v) {
        out.writeByte(v == null ? 0 : (v ? 2 : 1));
    }

    static Boolean readNullableBoolean(Input in) {
        byte b = in.readByte();
        return b == 0 ? null : b == 2;
    }

    /**
     * Spark SQL's {@link org.apache.spark.sql.types.StructType} through its JSON form. Spark ships {@code StructType[]}
     * through Kryo when it infers a Parquet schema; a FieldSerializer would also copy the DataType singletons
     * ({@code BooleanType$}, ...), which Spark compares by reference.
     */
    public static final class StructTypeSerializer extends Serializer<org.apache.spark.sql.types.StructType> {
        public StructTypeSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, org.apache.spark.sql.types.StructType t) {
            out.writeString(t.json());
        }

        @Override public org.apache.spark.sql.types.StructType read(Kryo kryo, Input in,
                Class<org.apache.spark.sql.types.StructType> type) {
            return (org.apache.spark.sql.types.StructType) org.apache.spark.sql.types.DataType.fromJson(in.readString());
        }
    }

    /** {@link Bin}: id, estimated cost, point indices. */
    public static final class BinSerializer extends Serializer<Bin> {
        public BinSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, Bin b) {
            out.writeInt(b.id(), true);
            out.writeDouble(b.cost());
            long[] idx = b.indices();
            out.writeInt(idx.length, true);
            out.writeLongs(idx, true);
        }

        @Override public Bin read(Kryo kryo, Input in, Class<Bin> type) {
            int id = in.readInt(true);
            double cost = in.readDouble();
            int n = in.readInt(true);
            return new Bin(id, in.readLongs(n, true), cost);
        }
    }

    /** {@link ClassSpec}. */
    public static final class ClassSpecSerializer extends Serializer<ClassSpec> {
        public ClassSpecSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, ClassSpec c) {
            out.writeString(c.name());
            out.writeDouble(c.weight());
            out.writeDouble(c.radius());
            out.writeDouble(c.angleDeg());
            out.writeDouble(c.variance());
        }

        @Override public ClassSpec read(Kryo kryo, Input in, Class<ClassSpec> type) {
            return new ClassSpec(in.readString(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
        }
    }

    /** {@link TauGrid}. */
    public static final class TauGridSerializer extends Serializer<TauGrid> {
        public TauGridSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, TauGrid g) {
            out.writeDouble(g.min());
            out.writeDouble(g.max());
            out.writeInt(g.points(), true);
        }

        @Override public TauGrid read(Kryo kryo, Input in, Class<TauGrid> type) {
            return new TauGrid(in.readDouble(), in.readDouble(), in.readInt(true));
        }
    }

    /** {@link NoiseMode}. */
    public static final class NoiseModeSerializer extends Serializer<NoiseMode> {
        public NoiseModeSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, NoiseMode m) { out.writeInt(m.monteCarloDraws(), true); }

        @Override public NoiseMode read(Kryo kryo, Input in, Class<NoiseMode> type) { return new NoiseMode(in.readInt(true)); }
    }

    /** {@link PointParams}; nested records through their own serializers. */
    public static final class PointParamsSerializer extends Serializer<PointParams> {
        public PointParamsSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, PointParams p) {
            out.writeInt(p.d(), true);
            out.writeDouble(p.psiP());
            out.writeDouble(p.psiN());
            out.writeDouble(p.t());
            out.writeLong(p.seed());
            out.writeInt(p.classes().size(), true);
            for (ClassSpec c : p.classes()) kryo.writeObject(out, c);
            out.writeDouble(p.deltaGen());
            out.writeDouble(p.kappa());
            kryo.writeObject(out, p.tauGrid());
            kryo.writeObject(out, p.noise());
        }

        @Override public PointParams read(Kryo kryo, Input in, Class<PointParams> type) {
            int d = in.readInt(true);
            double psiP = in.readDouble(), psiN = in.readDouble(), t = in.readDouble();
            long seed = in.readLong();
            int nc = in.readInt(true);
            List<ClassSpec> classes = new ArrayList<>(nc);
            for (int i = 0; i < nc; i++) classes.add(kryo.readObject(in, ClassSpec.class));
            double deltaGen = in.readDouble(), kappa = in.readDouble();
            TauGrid tau = kryo.readObject(in, TauGrid.class);
            NoiseMode noise = kryo.readObject(in, NoiseMode.class);
            return new PointParams(d, psiP, psiN, t, seed, classes, deltaGen, kappa, tau, noise);
        }
    }

    /** {@link GridPoint}; coordinates keep their axis order. */
    public static final class GridPointSerializer extends Serializer<GridPoint> {
        public GridPointSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, GridPoint g) {
            out.writeLong(g.index(), true);
            kryo.writeObject(out, g.params());
            out.writeInt(g.coordinates().size(), true);
            for (Map.Entry<String, Double> e : g.coordinates().entrySet()) {
                out.writeString(e.getKey());
                writeNullableDouble(out, e.getValue());
            }
            out.writeInt(g.seedIndex(), true);
        }

        @Override public GridPoint read(Kryo kryo, Input in, Class<GridPoint> type) {
            long index = in.readLong(true);
            PointParams p = kryo.readObject(in, PointParams.class);
            int n = in.readInt(true);
            Map<String, Double> coords = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) coords.put(in.readString(), readNullableDouble(in));
            return new GridPoint(index, p, coords, in.readInt(true));
        }
    }

    /** {@link ClassResult}; every nullable component keeps its null. */
    public static final class ClassResultSerializer extends Serializer<ClassResult> {
        public ClassResultSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, ClassResult c) {
            out.writeString(c.name());
            out.writeDouble(c.weight());
            out.writeInt(c.nTrain(), true);
            writeNullableDouble(out, c.tauGen());
            writeNullableDouble(out, c.tauMem());
            writeNullableDouble(out, c.window());
            out.writeBoolean(c.ambiguous());
            writeNullableDouble(out, c.tauGenPred());
            writeNullableDouble(out, c.tauMemPred());
            writeNullableDouble(out, c.tauGenPredCw());
            writeNullableDouble(out, c.tauMemPredCw());
            writeNullableDouble(out, c.memEdgeLo());
            writeNullableDouble(out, c.memEdgeHi());
            writeNullableDouble(out, c.tauGenTheory());
            writeNullableDouble(out, c.tauMemTheory());
            writeNullableDouble(out, c.tS());
            writeNullableDouble(out, c.tSMeasured());
            writeNullableBoolean(out, c.preCommitted());
            writeNullableDouble(out, c.tC());
        }

        @Override public ClassResult read(Kryo kryo, Input in, Class<ClassResult> type) {
            String name = in.readString();
            double weight = in.readDouble();
            int nTrain = in.readInt(true);
            Double tauGen = readNullableDouble(in), tauMem = readNullableDouble(in), window = readNullableDouble(in);
            boolean ambiguous = in.readBoolean();
            Double g = readNullableDouble(in), m = readNullableDouble(in), gcw = readNullableDouble(in), mcw = readNullableDouble(in);
            Double lo = readNullableDouble(in), hi = readNullableDouble(in);
            Double gth = readNullableDouble(in), mth = readNullableDouble(in);
            Double tS = readNullableDouble(in), tSm = readNullableDouble(in);
            Boolean pre = readNullableBoolean(in);
            Double tC = readNullableDouble(in);
            return new ClassResult(name, weight, nTrain, tauGen, tauMem, window, ambiguous, g, m, gcw, mcw, lo, hi, gth, mth, tS, tSm, pre, tC);
        }
    }

    /** {@link PointResult}: status, diagnostic, global t_S, classes, stage timings (key order kept). */
    public static final class PointResultSerializer extends Serializer<PointResult> {
        public PointResultSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, PointResult r) {
            out.writeInt(r.status().ordinal(), true);
            out.writeString(r.diagnostic());
            writeNullableDouble(out, r.globalTS());
            out.writeInt(r.classes().size(), true);
            for (ClassResult c : r.classes()) kryo.writeObject(out, c);
            out.writeInt(r.stageSeconds().size(), true);
            for (Map.Entry<String, Double> e : r.stageSeconds().entrySet()) {
                out.writeString(e.getKey());
                out.writeDouble(e.getValue());
            }
        }

        @Override public PointResult read(Kryo kryo, Input in, Class<PointResult> type) {
            PointStatus status = PointStatus.values()[in.readInt(true)];
            String diag = in.readString();
            Double gts = readNullableDouble(in);
            int nc = in.readInt(true);
            List<ClassResult> classes = new ArrayList<>(nc);
            for (int i = 0; i < nc; i++) classes.add(kryo.readObject(in, ClassResult.class));
            int ns = in.readInt(true);
            Map<String, Double> stages = new LinkedHashMap<>();
            for (int i = 0; i < ns; i++) stages.put(in.readString(), in.readDouble());
            return new PointResult(status, diag, gts, classes, stages);
        }
    }
}
