package io.genrec.models.training;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class PrincipalComponentsTest {
    /** 300 rows in 20-d: a strong planted direction u (std 3), a weaker one w (std 1) orthogonal to it, noise 0.05. */
    private static float[][] planted(double[] u, double[] w, long seed) {
        Random r = new Random(seed);
        float[][] rows = new float[300][20];
        for (float[] row : rows) {
            double a = 3 * r.nextGaussian(), b = r.nextGaussian();
            for (int j = 0; j < 20; j++) row[j] = (float) (0.5 + a * u[j] + b * w[j] + 0.05 * r.nextGaussian());
        }
        return rows;
    }

    private static double[] unit(Random r, int n) {
        double[] v = new double[n];
        double s = 0;
        for (int j = 0; j < n; j++) s += (v[j] = r.nextGaussian()) * v[j];
        for (int j = 0; j < n; j++) v[j] /= Math.sqrt(s);
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }

    @Test
    void recoversPlantedDirectionsInOrderOfVariance() {
        Random r = new Random(3);
        double[] u = unit(r, 20), w = unit(r, 20);
        double uw = dot(u, w);
        for (int j = 0; j < 20; j++) w[j] -= uw * u[j];
        double n = Math.sqrt(dot(w, w));
        for (int j = 0; j < 20; j++) w[j] /= n;
        PrincipalComponents pca = PrincipalComponents.fit(planted(u, w, 5), 4, 42);
        assertEquals(4, pca.size());
        assertTrue(Math.abs(dot(pca.component(0), u)) > 0.999, "first component ~ u: " + dot(pca.component(0), u));
        assertTrue(Math.abs(dot(pca.component(1), w)) > 0.99, "second component ~ w: " + dot(pca.component(1), w));
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++)
                assertEquals(a == b ? 1 : 0, dot(pca.component(a), pca.component(b)), 1e-9, "orthonormal " + a + "," + b);
    }

    @Test
    void projectionIsCentredCoordinates() {
        float[][] rows = {{1, 1}, {3, 3}, {5, 5}};
        PrincipalComponents pca = PrincipalComponents.fit(rows, 1, 1);
        // direction (1,1)/sqrt2 with positive sign; mean (3,3)
        assertArrayEquals(new float[] {(float) (-4 / Math.sqrt(2))}, pca.project(rows[0]), 1e-5f);
        assertArrayEquals(new float[] {0f}, pca.project(rows[1]), 1e-5f);
    }

    @Test
    void deterministicForSeedAndFullBasisOnLowRankData() {
        Random r = new Random(9);
        double[] u = unit(r, 20), w = unit(r, 20);
        float[][] rows = planted(u, w, 1);
        PrincipalComponents a = PrincipalComponents.fit(rows, 5, 7), b = PrincipalComponents.fit(rows, 5, 7);
        for (int c = 0; c < 5; c++) assertArrayEquals(a.component(c), b.component(c), "component " + c);
        PrincipalComponents rank1 = PrincipalComponents.fit(new float[][] {{1, 0, 0}, {2, 0, 0}}, 3, 1);
        assertEquals(3, rank1.size(), "more components than the data's rank still gives an orthonormal basis");
        for (int c = 0; c < 3; c++) assertEquals(1, dot(rank1.component(c), rank1.component(c)), 1e-9);
    }
}
