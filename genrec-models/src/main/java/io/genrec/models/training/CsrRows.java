package io.genrec.models.training;

import io.genrec.data.Dataset;

/**
 * Dense mini-batch input built from CSR rows into one host array (one native copy per batch instead of per-element
 * calls). Rows are users of a {@link Dataset} or, through {@link Dataset#itemUsers()}, items.
 */
public final class CsrRows {
    private final int[] ptr;
    private final int[] idx;
    private final float[] values;
    private final int width;

    public CsrRows(int[] ptr, int[] idx, float[] values, int width) {
        this.ptr = ptr;
        this.idx = idx;
        this.values = values;
        this.width = width;
    }

    /** The user-major rows of {@code data} (width = items). */
    public static CsrRows users(Dataset data) {
        return new CsrRows(data.userPointers(), data.itemIndices(), data.values(), data.numItems());
    }

    /** The item-major rows of {@code data} (width = users). */
    public static CsrRows items(Dataset data) {
        Dataset.Transpose t = data.itemUsers();
        return new CsrRows(t.itemPtr(), t.userIdx(), t.values(), data.numUsers());
    }

    public int width() { return width; }

    public int numRows() { return ptr.length - 1; }

    /**
     * The rows as a row-major {@code [rows.length, width]} array: 1 per entry when {@code binary} (repeats count
     * once), else the stored value (repeats summed).
     */
    public float[] dense(int[] rows, boolean binary) {
        float[] out = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            int base = r * width;
            for (int k = ptr[rows[r]]; k < ptr[rows[r] + 1]; k++) {
                if (binary) out[base + idx[k]] = 1f;
                else out[base + idx[k]] += values[k];
            }
        }
        return out;
    }

    /**
     * The distinct columns of each of {@code rows} (what {@link #dense} with {@code binary} sets to 1), without the
     * dense array: {@code col[k]} in row {@code row[k]} (the position in {@code rows}), rows in order, and
     * {@code count[r]} entries for row {@code r}; {@code value[k]} is the stored value there, repeats summed (what
     * {@link #dense} without {@code binary} holds). A batch of rows costs its nonzeros, not rows x width.
     */
    public Entries entries(int[] rows) {
        int total = 0;
        for (int r : rows) total += ptr[r + 1] - ptr[r];
        int[] row = new int[total], col = new int[total], count = new int[rows.length];
        float[] value = new float[total];
        int[] seenIn = new int[width]; // 1 + the batch row that last set the column: repeats count once
        int[] at = new int[width];     // where that column's entry is, for summing a repeat into it
        int k = 0;
        for (int r = 0; r < rows.length; r++) {
            for (int e = ptr[rows[r]]; e < ptr[rows[r] + 1]; e++) {
                int c = idx[e];
                if (seenIn[c] == r + 1) {
                    value[at[c]] += values[e];
                    continue;
                }
                seenIn[c] = r + 1;
                at[c] = k;
                row[k] = r;
                col[k] = c;
                value[k++] = values[e];
                count[r]++;
            }
        }
        if (k == total) return new Entries(row, col, value, count, width);
        return new Entries(java.util.Arrays.copyOf(row, k), java.util.Arrays.copyOf(col, k), java.util.Arrays.copyOf(value, k), count, width);
    }

    /** The nonzero entries of a batch of rows; see {@link #entries}. */
    public record Entries(int[] row, int[] col, float[] value, int[] count, int width) {
        public int size() { return col.length; }

        /** Row-major flat positions {@code row * width + col}, the index of the dense {@code [rows, width]} array. */
        public long[] flat() {
            long[] f = new long[col.length];
            for (int k = 0; k < f.length; k++) f[k] = (long) row[k] * width + col[k];
            return f;
        }
    }

    /** Scales each row of a dense {@code [n, width]} array to unit L2 norm (zero rows stay zero). */
    public static void l2NormalizeRows(float[] dense, int width) {
        for (int base = 0; base < dense.length; base += width) {
            double s = 0;
            for (int j = 0; j < width; j++) s += dense[base + j] * dense[base + j];
            if (s == 0) continue;
            float inv = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < width; j++) dense[base + j] *= inv;
        }
    }
}
