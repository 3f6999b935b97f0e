package org.diffsweep.jobs.plan;

/**
 * A unit of Spark work: the grid indices one task evaluates, with their summed cost estimate ({@link CostModel}).
 * Crosses the wire through Kryo (explicit serializer in {@code RecordSerializers}).
 *
 * @param id      bin number within its wave (= Spark partition index)
 * @param indices grid indices, ascending
 * @param cost    sum of the points' cost estimates
 */
public record Bin(int id, long[] indices, double cost) {
    public Bin { indices = indices.clone(); }

    @Override public long[] indices() { return indices.clone(); }

    /** Number of points. */
    public int size() { return indices.length; }

    /** The i-th index without copying. */
    public long index(int i) { return indices[i]; }
}
