package io.genrec.models.diffusion;

import io.genrec.models.training.ParameterSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** The fast hidden-space reverse process against the literal one computed by the training graph in the engine. */
class DiffRecScorerTest {
    private static ParameterSet denoiser(String prefix, int width, List<Integer> dims, int embSize, long seed) {
        ParameterSet p = new ParameterSet();
        DiffRecNetwork.initDenoiser(p, prefix, width, dims, embSize, new Random(seed));
        return p;
    }

    /** Distinct sorted random items, as a multi-hot history. */
    private static int[] history(Random rng, int width, int size) {
        return rng.ints(0, width).distinct().limit(size).sorted().toArray();
    }

    private static float[] multiHot(int[] items, int width) {
        float[] x = new float[width];
        for (int i : items) x[i] = 1f;
        return x;
    }

    /** Scores of {@code users} random histories from both implementations agree within 1e-4. */
    private static void assertMatchesReference(int width, List<Integer> dims, GaussianDiffusion d, int samplingSteps,
                                               int reverseSteps, int users) {
        ParameterSet w = denoiser("", width, dims, 10, 5);
        DiffRecScorer fast = new DiffRecScorer(w, "", dims.size(), samplingSteps, reverseSteps, d);
        Random rng = new Random(9);
        int[][] histories = new int[users][];
        float[][] starts = new float[users][];
        long[] seeds = new long[users];
        for (int u = 0; u < users; u++) {
            histories[u] = history(rng, width, 1 + rng.nextInt(Math.max(1, width / 20)));
            seeds[u] = 1000 + u;
            starts[u] = multiHot(histories[u], width);
            if (samplingSteps > 0 && !d.noiseless()) starts[u] = ReverseProcessReference.noised(starts[u], d, samplingSteps, seeds[u]);
        }
        float[][] expected = ReverseProcessReference.reverse(w, "", dims.size(), 10, d, reverseSteps, starts);
        double maxDiff = 0, maxAbs = 0;
        for (int u = 0; u < users; u++) {
            float[] got = new float[width];
            fast.score(histories[u], seeds[u], got);
            for (int j = 0; j < width; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(got[j] - expected[u][j]));
                maxAbs = Math.max(maxAbs, Math.abs(expected[u][j]));
            }
        }
        assertTrue(maxAbs > 0.05, "degenerate reference: all scores near 0 (max " + maxAbs + ")");
        assertTrue(maxDiff <= 1e-4, "max |fast - reference| = " + maxDiff + " (scores up to " + maxAbs + ")");
    }

    @Test
    void matchesReferenceWithNoiseAllSteps() {
        assertMatchesReference(120, List.of(24, 48), new GaussianDiffusion("linear-var", 0.1, 0.005, 0.05, 10), 0, 10, 6);
    }

    @Test
    void matchesReferenceWithFewerReverseSteps() {
        assertMatchesReference(120, List.of(24, 48), new GaussianDiffusion("linear-var", 0.1, 0.005, 0.05, 10), 0, 3, 6);
    }

    @Test
    void matchesReferenceWithForwardNoising() {
        assertMatchesReference(120, List.of(24, 48), new GaussianDiffusion("linear", 0.1, 0.005, 0.05, 10), 4, 10, 6);
    }

    @Test
    void matchesReferenceWithoutNoise() {
        // noise_scale 0: the authors apply the denoiser T times, x <- f(x, t)
        assertMatchesReference(120, List.of(32), new GaussianDiffusion("linear-var", 0, 0.005, 0.05, 5), 0, 5, 6);
    }

    @Test
    void matchesReferenceAtMl1mSize() {
        // the paper's ML-1M denoiser shape and schedule: 2,810 items, dims [200, 600], 40 steps
        assertMatchesReference(2810, List.of(200, 600), new GaussianDiffusion("linear-var", 0.005, 0.005, 0.01, 40), 0, 40, 3);
    }

    @Test
    void denseStartMatchesReference() {
        // L-DiffRec's use: a dense latent start, one-layer denoiser under the prefix "mlp.", first beta not fixed
        GaussianDiffusion d = new GaussianDiffusion("linear-var", 0.1, 0.005, 0.02, 8, false);
        ParameterSet w = denoiser("mlp.", 30, List.of(16), 4, 3);
        DiffRecScorer fast = new DiffRecScorer(w, "mlp.", 1, 0, 8, d);
        Random rng = new Random(4);
        float[][] starts = new float[3][30];
        for (float[] s : starts) for (int j = 0; j < s.length; j++) s[j] = (float) Math.tanh(rng.nextGaussian());
        float[][] expected = ReverseProcessReference.reverse(w, "mlp.", 1, 4, d, 8, starts);
        for (int u = 0; u < starts.length; u++) {
            float[] got = new float[30];
            fast.reverse(starts[u].clone(), 0, got);
            assertArrayEquals(expected[u], got, 1e-4f, "user " + u);
        }
    }

    @Test
    void concurrentCallsGiveTheSequentialScores() throws Exception {
        GaussianDiffusion d = new GaussianDiffusion("linear-var", 0.1, 0.005, 0.05, 10);
        int width = 200;
        DiffRecScorer fast = new DiffRecScorer(denoiser("", width, List.of(24, 48), 10, 5), "", 2, 0, 10, d);
        Random rng = new Random(2);
        int[][] histories = new int[16][];
        float[][] sequential = new float[histories.length][width];
        for (int u = 0; u < histories.length; u++) {
            histories[u] = history(rng, width, 1 + rng.nextInt(30));
            fast.score(histories[u], 0, sequential[u]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> checks = new java.util.ArrayList<>();
            for (int task = 0; task < 8; task++) {
                int offset = task;
                checks.add(pool.submit(() -> {
                    float[] out = new float[width];
                    for (int rep = 0; rep < 50; rep++) {
                        int u = (rep + offset) % histories.length;
                        fast.score(histories[u], 0, out);
                        if (!java.util.Arrays.equals(out, sequential[u])) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : checks) assertTrue(f.get(), "a concurrent call returned other scores than the sequential one");
        } finally {
            pool.shutdownNow();
        }
    }
}
