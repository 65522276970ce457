package io.genrec.models.baseline;

import java.util.Arrays;

/** The distinct items of a request history, checked against the model's item range (binary models ignore repeats). */
final class HistoryItems {
    private HistoryItems() { }

    /** The distinct items of {@code history}, ascending; an item outside {@code [0, numItems)} is an error naming it. */
    static int[] distinct(int[] history, int numItems) {
        int[] h = history.clone();
        Arrays.sort(h);
        int n = 0;
        for (int k = 0; k < h.length; k++) {
            int item = h[k];
            if (item < 0 || item >= numItems)
                throw new IllegalArgumentException("history item " + item + " is outside the model's item range [0, " + numItems + ")");
            if (n == 0 || h[n - 1] != item) h[n++] = item;
        }
        return n == h.length ? h : Arrays.copyOf(h, n);
    }
}
