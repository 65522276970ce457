package io.genrec.models.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CsrRowsTest {
    /** Three rows over 5 columns; row 1 stores column 2 twice (a repeat: values 1 and 4). */
    static final CsrRows ROWS = new CsrRows(new int[] {0, 2, 5, 6}, new int[] {0, 3, 2, 4, 2, 1},
            new float[] {5f, 2f, 1f, 3f, 4f, 0.5f}, 5);

    @Test
    void entriesAndTheirValuesAreTheDenseRowsNonzeros() {
        int[] rows = {2, 1, 0};
        CsrRows.Entries e = ROWS.entries(rows);
        float[] v = e.value();
        float[] dense = ROWS.dense(rows, false), binary = ROWS.dense(rows, true);
        assertEquals(5, e.size(), "the repeat counts once");
        assertArrayEquals(new int[] {1, 2, 2}, e.count());
        float[] fromEntries = new float[dense.length], ones = new float[dense.length];
        long[] flat = e.flat();
        for (int k = 0; k < e.size(); k++) {
            fromEntries[(int) flat[k]] = v[k];
            ones[(int) flat[k]] = 1f;
        }
        assertArrayEquals(dense, fromEntries, "values summed over repeats, at the entries' positions");
        assertArrayEquals(binary, ones);
        // in the order of rows {2, 1, 0}: row 2 (column 1), row 1 (column 2 = 1 + 4, column 4), row 0 (columns 0, 3)
        assertArrayEquals(new float[] {0.5f, 5f, 3f, 5f, 2f}, v);
    }
}
