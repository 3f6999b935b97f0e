package org.diffsweep.unet.experiment;

import java.util.TreeSet;

/**
 * Checkpoint steps on a log schedule (theory §9.1 [CODE cfg.get_training_times], simplified): step 0, then
 * {@code count} log-spaced points from {@code first} to {@code steps} inclusive, rounded to integers, duplicates
 * removed.
 */
public final class CheckpointSchedule {
    private CheckpointSchedule() {}

    /** Ascending checkpoint steps, starting with 0 and ending with {@code steps}. */
    public static int[] logSpaced(int first, int steps, int count) {
        if (first < 1 || first > steps || count < 1)
            throw new IllegalArgumentException("need 1 <= first <= steps and count >= 1: " + first + ", " + steps
                    + ", " + count);
        TreeSet<Integer> s = new TreeSet<>();
        s.add(0);
        if (count == 1) {
            s.add(steps);
        } else {
            double l0 = Math.log(first), l1 = Math.log(steps);
            for (int i = 0; i < count; i++) s.add((int) Math.round(Math.exp(l0 + (l1 - l0) * i / (count - 1))));
            s.add(steps);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
