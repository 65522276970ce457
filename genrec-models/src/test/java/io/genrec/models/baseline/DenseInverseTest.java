package io.genrec.models.baseline;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DenseInverseTest {
    /** A random SPD matrix B·Bᵀ + n·I, row-major. */
    private static float[] spd(int n, long seed) {
        Random rnd = new Random(seed);
        double[] b = new double[n * n];
        for (int k = 0; k < b.length; k++) b[k] = rnd.nextGaussian();
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
                a[i * n + j] = (float) s;
            }
        }
        return a;
    }

    private static void assertIdentity(float[] a, float[] inv, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += (double) a[i * n + k] * inv[k * n + j];
                assertEquals(i == j ? 1.0 : 0.0, s, 1e-4, "(A·A⁻¹)[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void readsTheInverseBackInRaggedRowBlocks() {
        int n = 50;
        float[] a = spd(n, 7);
        // 7 rows per block: seven full blocks and a last one of one row, so every block boundary is exercised.
        float[] inv = DenseInverse.invertInPlace(a.clone(), n, false, 4L * n * 7);
        assertIdentity(a, inv, n);
        float[] whole = DenseInverse.invertInPlace(a.clone(), n, true, Long.MAX_VALUE);
        assertIdentity(a, whole, n);
        float[] rowAtATime = DenseInverse.invertInPlace(a.clone(), n, true, 1);
        for (int k = 0; k < whole.length; k++) assertEquals(whole[k], rowAtATime[k], 0f, "element " + k);
    }
}
