package io.genrec.model;

import java.util.Arrays;

/**
 * A ranked list: {@code items[0]} is the best. Built by {@link #select} with a primitive min-heap over the score
 * buffer (no boxing): O(n log k). Ties are broken by the lower item id so rankings are deterministic.
 */
public record TopK(int[] items, float[] scores) {
    public TopK {
        if (items.length != scores.length)
            throw new IllegalArgumentException("items has " + items.length + " entries, scores " + scores.length);
    }

    public int size() { return items.length; }

    /** The best {@code k} accepted items by score; NaN and -infinity scores are never selected. */
    public static TopK select(float[] scores, int k, ItemFilter filter) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        int[] heapItems = new int[Math.min(k, scores.length)];
        float[] heapScores = new float[heapItems.length];
        int size = 0;
        for (int item = 0; item < scores.length; item++) {
            float s = scores[item];
            if (!(s > Float.NEGATIVE_INFINITY)) continue; // also skips NaN
            if (size < heapItems.length) {
                if (!filter.accepts(item)) continue;
                heapItems[size] = item;
                heapScores[size] = s;
                siftUp(heapItems, heapScores, size++);
            } else if (size > 0 && better(s, item, heapScores[0], heapItems[0])) {
                if (!filter.accepts(item)) continue;
                heapItems[0] = item;
                heapScores[0] = s;
                siftDown(heapItems, heapScores, 0, size);
            }
        }
        // Pop the min-heap from the back so the result is best-first.
        int[] outItems = new int[size];
        float[] outScores = new float[size];
        for (int n = size; n > 0; n--) {
            outItems[n - 1] = heapItems[0];
            outScores[n - 1] = heapScores[0];
            heapItems[0] = heapItems[n - 1];
            heapScores[0] = heapScores[n - 1];
            siftDown(heapItems, heapScores, 0, n - 1);
        }
        return new TopK(outItems, outScores);
    }

    /** True when (s1,i1) ranks above (s2,i2). */
    private static boolean better(float s1, int i1, float s2, int i2) {
        return s1 > s2 || (s1 == s2 && i1 < i2);
    }

    private static void siftUp(int[] it, float[] sc, int pos) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(sc[parent], it[parent], sc[pos], it[pos])) break;
            swap(it, sc, pos, parent);
            pos = parent;
        }
    }

    private static void siftDown(int[] it, float[] sc, int pos, int size) {
        while (true) {
            int l = 2 * pos + 1, r = l + 1, worst = pos;
            if (l < size && better(sc[worst], it[worst], sc[l], it[l])) worst = l;
            if (r < size && better(sc[worst], it[worst], sc[r], it[r])) worst = r;
            if (worst == pos) return;
            swap(it, sc, pos, worst);
            pos = worst;
        }
    }

    private static void swap(int[] it, float[] sc, int a, int b) {
        int ti = it[a]; it[a] = it[b]; it[b] = ti;
        float ts = sc[a]; sc[a] = sc[b]; sc[b] = ts;
    }

    @Override
    public String toString() { return "TopK" + Arrays.toString(items); }
}
