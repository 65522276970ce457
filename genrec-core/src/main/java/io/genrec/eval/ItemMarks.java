package io.genrec.eval;

/**
 * A reusable set of item ids for one user at a time: {@link #clear()} is O(1) (a generation counter instead of
 * zeroing the array), so per-user marking costs only the items marked. Not thread safe; one per worker.
 */
final class ItemMarks {
    private final int[] generation;
    private int current = 1;

    ItemMarks(int numItems) { generation = new int[numItems]; }

    void clear() {
        if (++current == Integer.MAX_VALUE) {
            java.util.Arrays.fill(generation, 0);
            current = 1;
        }
    }

    /** Marks {@code item}; returns true when it was not marked yet. */
    boolean add(int item) {
        if (generation[item] == current) return false;
        generation[item] = current;
        return true;
    }

    boolean contains(int item) { return generation[item] == current; }
}
