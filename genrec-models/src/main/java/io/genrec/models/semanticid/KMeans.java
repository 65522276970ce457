package io.genrec.models.semanticid;

import java.util.Random;

/**
 * Lloyd's k-means with k-means++ seeding over row-major points: the codebook initialiser of RQ-VAE and the whole of
 * RQ-KMeans. With fewer distinct points than {@code k}, the surplus centroids repeat chosen points (they stay unused,
 * which {@link SemanticIds.Report} shows as low codebook usage).
 */
final class KMeans {
    private KMeans() { }

    /** Centroids {@code [k, dim]} of {@code points} ({@code [n, dim]}) after at most {@code iterations} Lloyd steps. */
    static float[] fit(float[][] points, int k, int iterations, Random rng) {
        int n = points.length, dim = points[0].length;
        float[] c = new float[k * dim];
        double[] d2 = new double[n];
        java.util.Arrays.fill(d2, Double.POSITIVE_INFINITY);
        int chosen = rng.nextInt(n);
        for (int m = 0; m < k; m++) {
            System.arraycopy(points[chosen], 0, c, m * dim, dim);
            double total = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], dist(points[i], c, m));
                total += d2[i];
            }
            if (total <= 0) { chosen = rng.nextInt(n); continue; } // every point is already a centroid
            double u = rng.nextDouble() * total;
            int next = n - 1;
            for (int i = 0; i < n; i++) if ((u -= d2[i]) <= 0) { next = i; break; }
            chosen = next;
        }
        int[] assign = new int[n];
        double[] sum = new double[k * dim];
        int[] count = new int[k];
        for (int it = 0; it < iterations; it++) {
            boolean changed = it == 0;
            for (int i = 0; i < n; i++) {
                int a = ItemTokenizer.nearest(c, k, points[i]);
                if (a != assign[i]) changed = true;
                assign[i] = a;
            }
            if (!changed) break;
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[assign[i]]++;
                for (int j = 0; j < dim; j++) sum[assign[i] * dim + j] += points[i][j];
            }
            for (int m = 0; m < k; m++) {
                if (count[m] == 0) continue; // an empty cluster keeps its centroid
                for (int j = 0; j < dim; j++) c[m * dim + j] = (float) (sum[m * dim + j] / count[m]);
            }
        }
        return c;
    }

    private static double dist(float[] x, float[] c, int m) {
        int dim = x.length;
        double d = 0;
        for (int j = 0; j < dim; j++) {
            double t = x[j] - c[m * dim + j];
            d += t * t;
        }
        return d;
    }
}
