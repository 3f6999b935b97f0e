package org.diffsweep.core.evaluator;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything diffsweep reports for one class of one grid point: its identity and one value per {@link ClassField}
 * (of the field's {@link ClassField.Type}; {@code null} when not computed or never reached — never zero, never made
 * up).
 *
 * @param name    class name
 * @param weight  prior pi_c
 * @param nTrain  training points n_c
 */
public record ClassResult(String name, double weight, int nTrain, Object[] values) {
    public ClassResult {
        Objects.requireNonNull(name, "name");
        values = values.clone();
        ClassField[] fields = ClassField.values();
        if (values.length != fields.length) {
            throw new IllegalArgumentException("one value per ClassField expected, got " + values.length);
        }
        for (ClassField f : fields) {
            Object v = values[f.ordinal()];
            boolean ok = v == null || f.type().javaType().isInstance(v);
            if (!ok) throw new IllegalArgumentException(f.column() + ": expected " + f.type() + ", got " + v.getClass().getSimpleName());
        }
    }

    /** A result with every field null. */
    public static ClassResult empty(String name, double weight, int nTrain) {
        return new ClassResult(name, weight, nTrain, new Object[ClassField.values().length]);
    }

    /** From a field map (absent fields are null). */
    public static ClassResult of(String name, double weight, int nTrain, Map<ClassField, ?> fields) {
        Object[] v = new Object[ClassField.values().length];
        fields.forEach((f, x) -> v[f.ordinal()] = x);
        return new ClassResult(name, weight, nTrain, v);
    }

    /** Defensive copy of the values, indexed by {@link ClassField#ordinal()}. */
    @Override public Object[] values() { return values.clone(); }

    /** The value of a field (Double, Boolean or null). */
    public Object get(ClassField f) { return values[f.ordinal()]; }

    /** A {@link ClassField.Type#DOUBLE} field. */
    public Double number(ClassField f) {
        if (f.type() != ClassField.Type.DOUBLE) throw new IllegalArgumentException(f.column() + " is not a number");
        return (Double) values[f.ordinal()];
    }

    /** A {@link ClassField.Type#BOOLEAN} field. */
    public Boolean flag(ClassField f) {
        if (f.type() != ClassField.Type.BOOLEAN) throw new IllegalArgumentException(f.column() + " is not a flag");
        return (Boolean) values[f.ordinal()];
    }

    /** Measured tau_gen,c. */
    public Double tauGen() { return number(ClassField.TAU_GEN); }

    /** Measured tau_mem,c. */
    public Double tauMem() { return number(ClassField.TAU_MEM); }

    /** Whether a per-class curve crossed its threshold more than once (false when unknown). */
    public boolean ambiguous() { return Boolean.TRUE.equals(flag(ClassField.AMBIGUOUS)); }

    /** The fields as an ordered map (nulls kept), for JSON. */
    public Map<ClassField, Object> fields() {
        Map<ClassField, Object> m = new EnumMap<>(ClassField.class);
        for (ClassField f : ClassField.values()) m.put(f, values[f.ordinal()]);
        return m;
    }

    @Override public boolean equals(Object o) {
        return o instanceof ClassResult c && name.equals(c.name) && Double.compare(weight, c.weight) == 0
                && nTrain == c.nTrain && Arrays.equals(values, c.values);
    }

    @Override public int hashCode() { return Objects.hash(name, weight, nTrain, Arrays.hashCode(values)); }

    @Override public String toString() { return "ClassResult[" + name + ", " + weight + ", " + nTrain + ", " + Arrays.toString(values) + "]"; }
}
