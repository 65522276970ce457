package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class EaseRecommenderTest implements RecommenderContract {
    @Override public Recommender recommender() { return new EaseRecommender(EaseConfig.defaults()); }
    @Override public RecommenderProvider provider() { return new EaseProvider(); }

    /**
     * u0 {0,1}, u1 {1,2}, u2 {0,1,2}, λ = 1: XᵀX + I = [[3,2,1],[2,4,2],[1,2,3]], determinant 16, inverse (by cofactors)
     * P = [[.5,-.25,0],[-.25,.5,-.25],[0,-.25,.5]], so B = -P/diag(P) = [[0,.5,0],[.5,0,.5],[0,.5,0]].
     */
    @Test
    void matchesTheHandComputedThreeItemCase() {
        Dataset d = TinyData.of(3, new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 1, 2});
        for (String precision : new String[] {EaseConfig.FLOAT32, EaseConfig.FLOAT64}) {
            FittedRecommender m = TinyData.fit(new EaseRecommender(new EaseConfig(1, precision)), d, 1);
            assertArrayEquals(new float[] {0, 0.5f, 0}, TinyData.scores(m, 0), 1e-6f, precision);
            assertArrayEquals(new float[] {0.5f, 0, 0.5f}, TinyData.scores(m, 1), 1e-6f, precision);
            assertArrayEquals(new float[] {0, 1f, 0}, TinyData.scores(m, 0, 2), 1e-6f, precision);
            assertArrayEquals(new float[] {0.5f, 1f, 0.5f}, TinyData.scores(m, 0, 1, 2), 1e-6f, precision);
        }
    }

    @Test
    void matchesAPlainGaussJordanInverseOnRandomData() {
        Random r = new Random(42);
        int users = 40, items = 15;
        int[][] hist = new int[users][];
        for (int u = 0; u < users; u++) {
            hist[u] = new int[1 + r.nextInt(6)];
            for (int k = 0; k < hist[u].length; k++) hist[u][k] = r.nextInt(items);
        }
        Dataset d = TinyData.of(items, hist);
        double lambda = 3;
        double[][] g = new double[items][items];
        for (int[] h : hist) {
            boolean[] has = new boolean[items];
            for (int i : h) has[i] = true;
            for (int i = 0; i < items; i++)
                for (int j = 0; j < items; j++) if (has[i] && has[j]) g[i][j]++;
        }
        for (int i = 0; i < items; i++) g[i][i] += lambda;
        double[][] p = gaussJordanInverse(g);
        for (String precision : new String[] {EaseConfig.FLOAT32, EaseConfig.FLOAT64}) {
            FittedRecommender m = TinyData.fit(new EaseRecommender(new EaseConfig(lambda, precision)), d, 2);
            for (int u = 0; u < 10; u++) {
                float[] expected = new float[items];
                boolean[] has = new boolean[items];
                for (int i : hist[u]) has[i] = true;
                for (int i = 0; i < items; i++) {
                    if (!has[i]) continue;
                    for (int j = 0; j < items; j++) if (j != i) expected[j] += (float) (-p[i][j] / p[j][j]);
                }
                assertArrayEquals(expected, TinyData.scores(m, hist[u]), 1e-5f, precision + " user " + u);
            }
        }
    }

    /** Textbook Gauss–Jordan elimination with partial pivoting, in double. */
    private static double[][] gaussJordanInverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
            double[] t = m[c]; m[c] = m[pivot]; m[pivot] = t;
            double div = m[c][c];
            for (int k = 0; k < 2 * n; k++) m[c][k] /= div;
            for (int r = 0; r < n; r++) {
                if (r == c) continue;
                double factor = m[r][c];
                for (int k = 0; k < 2 * n; k++) m[r][k] -= factor * m[c][k];
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) System.arraycopy(m[i], n, inv[i], 0, n);
        return inv;
    }

    @Test
    void aCatalogueTooLargeForTheHeapIsRefusedUpFrontWithTheRemedy() {
        // 20,000 items: a 1.6 GB matrix; a 1 GB heap cannot hold it, an 8 GB heap can
        var e = assertThrows(IllegalArgumentException.class, () -> EaseRecommender.checkHeap(20_000, 1L << 30));
        assertTrue(e.getMessage().contains("20,000 items") && e.getMessage().contains("GENREC_HEAP"), e.getMessage());
        EaseRecommender.checkHeap(20_000, 8L << 30);
    }

    @Test
    void badConfigNamesTheFieldAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new EaseConfig(0, EaseConfig.FLOAT32));
        assertTrue(e.getMessage().contains("lambda") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EaseConfig(1, "half"));
        assertTrue(e.getMessage().contains("precision") && e.getMessage().contains("half"), e.getMessage());
    }

    @Test
    void providerReadsParams() {
        var r = (EaseRecommender) provider().create(new Params(Map.of("lambda", "20", "precision", "float64"), "test"));
        assertEquals(new EaseConfig(20, EaseConfig.FLOAT64), r.config());
    }
}
