package io.genrec.split;

import java.util.SplittableRandom;

/** Seeded sampling without replacement for the random protocols (partial Fisher–Yates over primitive arrays). */
final class Sampling {
    private Sampling() { }

    /**
     * Moves a uniformly random {@code k}-subset of {@code a[0..n)} into {@code a[0..k)} (in random order), drawing
     * exactly {@code k} numbers from {@code rnd}.
     */
    static void choosePrefix(int[] a, int n, int k, SplittableRandom rnd) {
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** {@code a[0..n)} set to {@code 0..n-1}; the array is grown when too small and returned. */
    static int[] identity(int[] a, int n) {
        int[] out = a.length >= n ? a : new int[Math.max(n, a.length * 2)];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }
}
