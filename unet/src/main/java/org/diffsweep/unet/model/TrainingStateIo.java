package org.diffsweep.unet.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes and reads the exact training state of a {@link DdpmModel}: every parameter's float32 values and the
 * optimiser's state (Adam's first and second moments, SGD's momentum, the update counts that drive Adam's bias
 * correction), so that training continued from a saved state takes the same steps as training that never stopped.
 *
 * <p>DJL 0.36 keeps optimiser state in private fields ({@code Adam.means}, {@code Adam.variances},
 * {@code Sgd.momentumStates}: parameter id → device → array; {@code Optimizer.updateCounts}: parameter id → count;
 * {@code Optimizer.numUpdate}) and offers no API to save it, so they are read and written by reflection: every
 * instance field of the optimiser's class hierarchy that is such a map or an {@code int} counter. A DJL version that
 * renames them fails {@link #read} with a message (the bit-exact resume test in {@code DdpmModelTest} guards the
 * round trip). The maps are keyed by parameter id, which is random per model instance: the file keys them by parameter
 * name. Parameters are copied in place (their arrays are shared with the trainer's parameter store).
 */
final class TrainingStateIo {
    private static final int MAGIC = 0x44445354; // "DDST"
    private static final int VERSION = 1;

    private TrainingStateIo() {}

    static void write(DataOutputStream out, PairList<String, Parameter> parameters, Optimizer optimizer)
            throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(parameters.size());
        for (Pair<String, Parameter> p : parameters) {
            out.writeUTF(p.getKey());
            writeArray(out, p.getValue().getArray());
        }
        List<Field> fields = stateFields(optimizer.getClass());
        out.writeInt(fields.size());
        for (Field f : fields) {
            out.writeUTF(f.getDeclaringClass().getSimpleName() + "." + f.getName());
            Object v = get(f, optimizer);
            if (f.getType() == int.class) {
                out.writeByte('I');
                out.writeInt((Integer) v);
                continue;
            }
            // parameter id -> Integer, or parameter id -> (device -> array), stored under the parameter's name
            // (ids are random per model instance), sorted for a reproducible file
            Map<String, Object> map = new TreeMap<>();
            for (Map.Entry<String, ?> e : ((Map<String, ?>) v).entrySet()) map.put(nameOf(parameters, e.getKey()), e.getValue());
            boolean counts = map.values().stream().anyMatch(x -> x instanceof Integer);
            out.writeByte(counts ? 'C' : 'T');
            out.writeInt(map.size());
            for (Map.Entry<String, Object> e : map.entrySet()) {
                out.writeUTF(e.getKey());
                if (counts) {
                    out.writeInt((Integer) e.getValue());
                } else {
                    Map<?, ?> byDevice = (Map<?, ?>) e.getValue();
                    if (byDevice.size() != 1) throw new IOException("optimiser state on " + byDevice.size() + " devices");
                    writeArray(out, (NDArray) byDevice.values().iterator().next());
                }
            }
        }
    }

    static void read(DataInputStream in, PairList<String, Parameter> parameters, Optimizer optimizer,
                     NDManager manager) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) throw new IOException("not a training-state file of this version");
        int count = in.readInt();
        if (count != parameters.size())
            throw new IOException("state has " + count + " parameters, the model " + parameters.size());
        for (Pair<String, Parameter> p : parameters) {
            String name = in.readUTF();
            if (!name.equals(p.getKey())) throw new IOException("state parameter " + name + ", model " + p.getKey());
            NDArray target = p.getValue().getArray();
            try (NDArray src = readArray(in, target.getManager())) {
                if (!src.getShape().equals(target.getShape()))
                    throw new IOException("parameter " + name + ": shape " + src.getShape() + " in the state, "
                            + target.getShape() + " in the model");
                target.muli(0f).addi(src); // in place: 0 * w + src is src exactly for finite w
            }
        }
        Map<String, Field> byName = new TreeMap<>();
        for (Field f : stateFields(optimizer.getClass()))
            byName.put(f.getDeclaringClass().getSimpleName() + "." + f.getName(), f);
        int fields = in.readInt();
        for (int k = 0; k < fields; k++) {
            String name = in.readUTF();
            Field f = byName.get(name);
            if (f == null) throw new IOException("optimiser " + optimizer.getClass().getSimpleName() + " has no state "
                    + name + " (a different optimiser or DJL version wrote this state)");
            byte kind = in.readByte();
            if (kind == 'I') {
                set(f, optimizer, in.readInt());
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) get(f, optimizer);
            map.clear();
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                String id = idOf(parameters, in.readUTF());
                if (kind == 'C') {
                    map.put(id, in.readInt());
                } else {
                    Map<Device, NDArray> byDevice = new ConcurrentHashMap<>();
                    byDevice.put(Device.cpu(), readArray(in, manager));
                    map.put(id, byDevice);
                }
            }
        }
    }

    private static String nameOf(PairList<String, Parameter> parameters, String id) throws IOException {
        for (Pair<String, Parameter> p : parameters) if (p.getValue().getId().equals(id)) return p.getKey();
        throw new IOException("optimiser state for unknown parameter id " + id);
    }

    private static String idOf(PairList<String, Parameter> parameters, String name) throws IOException {
        for (Pair<String, Parameter> p : parameters) if (p.getKey().equals(name)) return p.getValue().getId();
        throw new IOException("optimiser state for parameter " + name + ", which the model does not have");
    }

    /** Instance fields of the optimiser hierarchy holding state: maps and non-final int counters. */
    private static List<Field> stateFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && Optimizer.class.isAssignableFrom(c); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m)) continue;
                if (Map.class.isAssignableFrom(f.getType()) || f.getType() == int.class && !Modifier.isFinal(m)) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        out.sort((a, b) -> (a.getDeclaringClass().getName() + "." + a.getName())
                .compareTo(b.getDeclaringClass().getName() + "." + b.getName()));
        return out;
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read optimiser state " + f, e);
        }
    }

    private static void set(Field f, Object o, int v) {
        try {
            f.setInt(o, v);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot write optimiser state " + f, e);
        }
    }

    private static void writeArray(DataOutputStream out, NDArray a) throws IOException {
        long[] shape = a.getShape().getShape();
        out.writeInt(shape.length);
        for (long s : shape) out.writeLong(s);
        for (float v : a.toFloatArray()) out.writeFloat(v);
    }

    private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
        int rank = in.readInt();
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) shape[i] = in.readLong();
        Shape s = new Shape(shape);
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
        return DdpmModel.owned(manager, v, s);
    }
}
