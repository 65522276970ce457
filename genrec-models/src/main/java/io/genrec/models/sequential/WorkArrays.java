package io.genrec.models.sequential;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Float work arrays of one Java forward pass, reused across requests. Why: SASRec's pass over a 200-item history made
 * about half a megabyte of short-lived arrays per request, so at 1,000 requests/s the server ran ~7 young collections a
 * second, whose pauses set its p99. Each slot keeps the longest array asked of it, so once a full-length history has
 * passed no pass allocates; the kernels are given explicit lengths because the arrays may be longer than the data.
 */
final class WorkArrays {
    private final float[][] slots;

    private WorkArrays(int slots) { this.slots = new float[slots][]; }

    /** Slot {@code i} as an array of at least {@code length} floats; its contents are whatever the last user left. */
    float[] get(int i, int length) {
        float[] a = slots[i];
        if (a == null || a.length < length) slots[i] = a = new float[length];
        return a;
    }

    /** A bounded pool: a pass takes a set (or makes one) and gives it back; sets beyond the bound are dropped. */
    static final class Pool {
        private final ArrayBlockingQueue<WorkArrays> free;
        private final int slots;

        Pool(int slots, int bound) {
            this.slots = slots;
            this.free = new ArrayBlockingQueue<>(bound);
        }

        WorkArrays take() {
            WorkArrays w = free.poll();
            return w != null ? w : new WorkArrays(slots);
        }

        void give(WorkArrays w) { free.offer(w); }
    }
}
