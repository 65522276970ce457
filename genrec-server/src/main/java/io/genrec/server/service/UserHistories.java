package io.genrec.server.service;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user's positive interactions in arrival order, as global item ids: the in-memory projection of the event store
 * that history-scoring models read at request time, so a new event changes the next answer without a retrain.
 */
public final class UserHistories {
    /** A user's history is capped: the oldest entries are dropped past this (sequence models read only the tail). */
    public static final int MAX_LENGTH = 10_000;

    private final ConcurrentHashMap<String, History> byUser = new ConcurrentHashMap<>();

    public void add(String user, int globalItem, long time, float value) {
        byUser.computeIfAbsent(user, u -> new History()).add(globalItem, time, value);
    }

    /** The user's history, or null for a user with no positive events. */
    public History get(String user) { return byUser.get(user); }

    public int users() { return byUser.size(); }

    /** Ids of users with a history whose id starts with {@code prefix}, numeric ids in numeric order, at most {@code limit}. */
    public java.util.List<String> ids(String prefix, int limit) {
        return byUser.keySet().stream().filter(u -> u.startsWith(prefix))
                .sorted(java.util.Comparator.comparingInt(String::length).thenComparing(u -> u)).limit(limit).toList();
    }

    /** One user's history; appends and reads are synchronised per user (cheap: a request copies ~100s of ints). */
    public static final class History {
        private int[] items = new int[8];
        private long[] times = new long[8];
        private float[] values = new float[8];
        private int size;

        synchronized void add(int item, long time, float value) {
            if (size == MAX_LENGTH) {
                int drop = MAX_LENGTH / 10;
                System.arraycopy(items, drop, items, 0, size - drop);
                System.arraycopy(times, drop, times, 0, size - drop);
                System.arraycopy(values, drop, values, 0, size - drop);
                size -= drop;
            }
            if (size == items.length) {
                int cap = Math.min(MAX_LENGTH, size * 2);
                items = Arrays.copyOf(items, cap);
                times = Arrays.copyOf(times, cap);
                values = Arrays.copyOf(values, cap);
            }
            items[size] = item;
            times[size] = time;
            values[size] = value;
            size++;
        }

        public synchronized int size() { return size; }

        /** The global item ids, oldest first. */
        public synchronized int[] items() { return Arrays.copyOf(items, size); }

        /**
         * The history in a model's id space: entries whose item the model does not know ({@code toModel} gives -1 or
         * is too short) are left out.
         */
        public synchronized Mapped mapTo(int[] toModel) {
            int[] it = new int[size];
            long[] t = new long[size];
            float[] v = new float[size];
            int n = 0;
            for (int k = 0; k < size; k++) {
                int g = items[k];
                int m = g < toModel.length ? toModel[g] : -1;
                if (m < 0) continue;
                it[n] = m;
                t[n] = times[k];
                v[n] = values[k];
                n++;
            }
            return new Mapped(Arrays.copyOf(it, n), Arrays.copyOf(t, n), Arrays.copyOf(v, n), size);
        }
    }

    /** A history in a model's ids; {@code total} counts every entry, including those the model does not know. */
    public record Mapped(int[] items, long[] times, float[] values, int total) { }
}
