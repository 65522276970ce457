package io.genrec.models.sequential;

import io.genrec.data.Dataset;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Next-item training examples from a {@link Dataset}'s per-user time order: one row per user with at least two
 * interactions, holding the user's last {@code maxLen + 1} items. The input is that window without its last item and
 * the targets are the same window shifted by one (position {@code t} predicts the item after it), both left-padded
 * with {@link #padding()} {@code = numItems}, so the most recent item is always at position {@code maxLen - 1}.
 * Longer histories are truncated to their most recent part, as in SASRec's reference code. Immutable after
 * construction; the fill methods write into caller buffers (flat, row-major {@code [rows, maxLen]}).
 */
public final class SequenceBatches {
    private final int[] itemIdx;
    private final int[] rowStart;
    private final int[] rowEnd;
    private final int[][] sortedItems;
    private final int numItems;
    private final int maxLen;

    public SequenceBatches(Dataset data, int maxLen) {
        if (maxLen < 1) throw new IllegalArgumentException("maxLen must be >= 1, got " + maxLen);
        this.numItems = data.numItems();
        this.maxLen = maxLen;
        this.itemIdx = data.itemIndices();
        int[] ptr = data.userPointers();
        int rows = 0;
        for (int u = 0; u < data.numUsers(); u++) if (ptr[u + 1] - ptr[u] >= 2) rows++;
        rowStart = new int[rows];
        rowEnd = new int[rows];
        sortedItems = new int[rows][];
        int r = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            if (ptr[u + 1] - ptr[u] < 2) continue;
            rowStart[r] = Math.max(ptr[u], ptr[u + 1] - maxLen - 1);
            rowEnd[r] = ptr[u + 1];
            int[] s = Arrays.copyOfRange(itemIdx, ptr[u], ptr[u + 1]);
            Arrays.sort(s);
            sortedItems[r++] = s;
        }
    }

    public int numRows() { return rowStart.length; }

    public int maxLen() { return maxLen; }

    public int numItems() { return numItems; }

    /** The id that fills positions before a sequence starts; one past the last item. */
    public int padding() { return numItems; }

    /** The row's user's items, ascending (shared, do not modify): what a negative must never be. */
    int[] sortedItems(int row) { return sortedItems[row]; }

    /** Number of real (non-padding) target positions in row {@code row}. */
    public int targetCount(int row) { return rowEnd[row] - rowStart[row] - 1; }

    /** Writes the left-padded inputs and shifted targets of {@code rows} into flat {@code [rows.length, maxLen]} buffers. */
    public void fill(int[] rows, int[] inputs, int[] targets) {
        for (int b = 0; b < rows.length; b++) {
            int from = rowStart[rows[b]], to = rowEnd[rows[b]];
            int n = to - from - 1;
            int base = b * maxLen;
            int pad = maxLen - n;
            Arrays.fill(inputs, base, base + pad, numItems);
            Arrays.fill(targets, base, base + pad, numItems);
            System.arraycopy(itemIdx, from, inputs, base + pad, n);
            System.arraycopy(itemIdx, from + 1, targets, base + pad, n);
        }
    }

    /**
     * Writes each row's last {@code maxLen} items (its whole window, target included), left-padded, into a flat
     * {@code [rows.length, maxLen]} buffer: the input of Cloze-style training (BERT4Rec).
     */
    public void fillSequences(int[] rows, int[] out) {
        for (int b = 0; b < rows.length; b++) {
            int to = rowEnd[rows[b]], from = Math.max(rowStart[rows[b]], to - maxLen);
            int n = to - from, base = b * maxLen;
            Arrays.fill(out, base, base + maxLen - n, numItems);
            System.arraycopy(itemIdx, from, out, base + maxLen - n, n);
        }
    }

    /** The same windows as {@link #fill} as a {@code [rows.length][maxLen]} array, for tests and inspection. */
    public int[][] inputWindows(int[] rows) {
        int[] in = new int[rows.length * maxLen], tg = new int[rows.length * maxLen];
        fill(rows, in, tg);
        int[][] out = new int[rows.length][];
        for (int b = 0; b < rows.length; b++) out[b] = Arrays.copyOfRange(in, b * maxLen, (b + 1) * maxLen);
        return out;
    }

    /**
     * One sampled negative per real target position, drawn uniformly from the items the row's user never interacted
     * with (SASRec's sampling); padding positions get {@link #padding()}.
     */
    public void sampleNegatives(int[] rows, int[] targets, int[] out, SplittableRandom rng) {
        for (int b = 0; b < rows.length; b++) {
            int[] seen = sortedItems[rows[b]];
            for (int t = b * maxLen; t < (b + 1) * maxLen; t++) {
                if (targets[t] == numItems) { out[t] = numItems; continue; }
                int neg;
                do neg = rng.nextInt(numItems); while (Arrays.binarySearch(seen, neg) >= 0 && seen.length < numItems);
                out[t] = neg;
            }
        }
    }

    /** The last {@code maxLen} items of {@code history}, left-padded with {@code padding}. */
    public static int[] window(int[] history, int maxLen, int padding) {
        int[] w = new int[maxLen];
        int n = Math.min(maxLen, history.length);
        Arrays.fill(w, 0, maxLen - n, padding);
        System.arraycopy(history, history.length - n, w, maxLen - n, n);
        return w;
    }
}
