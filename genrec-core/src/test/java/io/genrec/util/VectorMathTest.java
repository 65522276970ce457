package io.genrec.util;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Checks the vector kernels against plain scalar loops on random arrays of odd lengths and offsets. */
class VectorMathTest {
    private static final int[] LENGTHS = {0, 1, 3, 7, 15, 17, 31, 33, 63, 127, 1001};

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) a[k] = (float) r.nextGaussian();
        return a;
    }

    @Test
    void tanhIsWithinTwoUlpsOfMathTanhAndLeavesTheRestAlone() {
        Random r = new Random(4);
        for (int n : LENGTHS) {
            float[] x = random(r, n + 3);
            for (int k = 0; k < x.length; k++) x[k] *= (k % 3 == 0 ? 0.01f : k % 3 == 1 ? 1f : 8f);
            float[] y = x.clone();
            VectorMath.tanh(y, 2, n);
            for (int k = 0; k < x.length; k++) {
                if (k < 2 || k >= 2 + n) { assertEquals(x[k], y[k], "n=" + n + ": index " + k + " outside the range changed"); continue; }
                float expected = (float) Math.tanh(x[k]);
                assertEquals(expected, y[k], 2 * Math.ulp(expected), "n=" + n + ": tanh(" + x[k] + ")");
            }
        }
    }

    @Test
    void dotMatchesScalarLoop() {
        Random r = new Random(1);
        for (int n : LENGTHS) {
            int off = r.nextInt(5);
            float[] a = random(r, n + off), b = random(r, n + 3);
            double expected = 0, magnitude = 0;
            for (int k = 0; k < n; k++) {
                expected += (double) a[off + k] * b[3 + k];
                magnitude += Math.abs((double) a[off + k] * b[3 + k]);
            }
            assertEquals(expected, VectorMath.dot(a, off, b, 3, n), 1e-5 * (1 + magnitude), "n=" + n);
        }
    }

    @Test
    void axpyMatchesScalarLoopAndLeavesTheRestAlone() {
        Random r = new Random(2);
        for (int n : LENGTHS) {
            float[] x = random(r, n + 2), y = random(r, n + 5);
            float[] expected = y.clone();
            for (int k = 0; k < n; k++) expected[4 + k] += -1.5f * x[2 + k];
            VectorMath.axpy(-1.5f, x, 2, y, 4, n);
            assertArrayEquals(expected, y, 1e-5f, "n=" + n);
        }
    }

    @Test
    void scaleMatchesScalarLoop() {
        Random r = new Random(3);
        for (int n : LENGTHS) {
            float[] x = random(r, n + 1);
            float[] expected = x.clone();
            for (int k = 0; k < n; k++) expected[1 + k] *= 0.25f;
            VectorMath.scale(0.25f, x, 1, n);
            assertArrayEquals(expected, x, "n=" + n);
        }
    }

    @Test
    void wholeArrayOverloadsCheckLengths() {
        float[] a = {1, 2, 3}, b = {4, 5, 6};
        assertEquals(32f, VectorMath.dot(a, b));
        VectorMath.axpy(2f, a, b);
        assertArrayEquals(new float[] {6, 9, 12}, b);
        var e = assertThrows(IllegalArgumentException.class, () -> VectorMath.dot(a, new float[2]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"));
        assertThrows(IndexOutOfBoundsException.class, () -> VectorMath.dot(a, 2, b, 0, 2));
    }

    @Test
    void rowsTimesMatrixEqualsOneAxpyPerInputBitForBit() {
        Random r = new Random(3);
        for (int rows : new int[] {1, 3, 4, 5, 9})
            for (int n : new int[] {1, 15, 17, 24, 33, 49, 1001})
                for (int m : new int[] {1, 7, 40}) {
                    float[] w = random(r, m * n);
                    float[][] x = new float[rows][], y = new float[rows][], expected = new float[rows][];
                    for (int k = 0; k < rows; k++) {
                        x[k] = random(r, m);
                        y[k] = random(r, n);
                        expected[k] = y[k].clone();
                        for (int i = 0; i < m; i++) VectorMath.axpy(x[k][i], w, i * n, expected[k], 0, n);
                    }
                    float[] spare = random(r, n);
                    float[][] yPlus = java.util.Arrays.copyOf(y, rows + 1);
                    yPlus[rows] = spare.clone();
                    VectorMath.addRowsTimesMatrix(java.util.Arrays.copyOf(x, rows + 1), rows, m, w, n, yPlus);
                    for (int k = 0; k < rows; k++)
                        assertArrayEquals(expected[k], y[k], "rows " + rows + ", n " + n + ", m " + m + ": row " + k);
                    assertArrayEquals(spare, yPlus[rows], "rows past 'rows' are untouched");
                }
    }
}
