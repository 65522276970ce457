package io.genrec.models.diffusion;

import io.genrec.data.Dataset;

import java.util.Random;

/**
 * Spherical (cosine) k-means of items by their L2-normalised interaction columns, seeded, for L-DiffRec's item
 * groups. Dense centroids over users; each iteration costs one pass over the interactions. A cluster that empties is
 * re-seeded with a random item, so every cluster has at least one item (when there are at least k items).
 */
final class ItemClustering {
    private ItemClustering() { }

    static int[] cluster(Dataset data, int k, int iterations, long seed) {
        int n = data.numItems(), users = data.numUsers();
        if (k > n) throw new IllegalArgumentException("cannot cluster " + n + " items into " + k + " clusters");
        Dataset.Transpose t = data.itemUsers();
        int[] ptr = t.itemPtr(), idx = t.userIdx();
        float[] norm = new float[n];
        for (int i = 0; i < n; i++) norm[i] = ptr[i + 1] > ptr[i] ? (float) (1 / Math.sqrt(ptr[i + 1] - ptr[i])) : 0f;
        Random rng = new Random(seed);
        int[] assign = new int[n];
        float[][] centroids = new float[k][users];
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = rng.nextInt(i + 1); int x = perm[i]; perm[i] = perm[j]; perm[j] = x; }
        for (int c = 0; c < k; c++) addItem(centroids[c], perm[c], ptr, idx, norm);
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestSim = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int p = ptr[i]; p < ptr[i + 1]; p++) s += centroids[c][idx[p]];
                    if (s > bestSim) { bestSim = s; best = c; }
                }
                assign[i] = best;
            }
            int[] sizes = new int[k];
            for (int a : assign) sizes[a]++;
            for (int c = 0; c < k; c++) if (sizes[c] == 0) { int i = rng.nextInt(n); sizes[assign[i]]--; assign[i] = c; sizes[c]++; }
            for (float[] cen : centroids) java.util.Arrays.fill(cen, 0f);
            for (int i = 0; i < n; i++) addItem(centroids[assign[i]], i, ptr, idx, norm);
            for (float[] cen : centroids) {
                double s = 0;
                for (float v : cen) s += v * v;
                if (s > 0) { float inv = (float) (1 / Math.sqrt(s)); for (int u = 0; u < users; u++) cen[u] *= inv; }
            }
        }
        return assign;
    }

    private static void addItem(float[] centroid, int item, int[] ptr, int[] idx, float[] norm) {
        for (int p = ptr[item]; p < ptr[item + 1]; p++) centroid[idx[p]] += norm[item];
    }
}
