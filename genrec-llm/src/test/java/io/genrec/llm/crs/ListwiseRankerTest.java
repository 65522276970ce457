package io.genrec.llm.crs;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListwiseRankerTest {
    private static final int DIM = 5, PER_GROUP = 30;
    private static final double[] PLANTED = {2, -1, 0.5, 0, 0};

    /** Groups whose single target is the candidate with the highest planted score. */
    private static CrsBenchmark.Training planted(int groups, long seed) {
        Random r = new Random(seed);
        float[] x = new float[groups * PER_GROUP * DIM];
        boolean[] pos = new boolean[groups * PER_GROUP];
        int[] start = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            start[g] = g * PER_GROUP;
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < PER_GROUP; c++) {
                int row = g * PER_GROUP + c;
                double s = 0;
                for (int d = 0; d < DIM; d++) { x[row * DIM + d] = (float) r.nextGaussian(); s += PLANTED[d] * x[row * DIM + d]; }
                if (s > bestScore) { bestScore = s; best = row; }
            }
            pos[best] = true;
        }
        start[groups] = groups * PER_GROUP;
        return new CrsBenchmark.Training(x, start, pos);
    }

    private static ListwiseRanker fit(CrsBenchmark.Training t, long seed) {
        return ListwiseRanker.fit(t.x(), DIM, t.groupStart(), t.positive(), new ListwiseRanker.Options(1e-4, 20, 0.02, 16, seed));
    }

    @Test
    void recoversAPlantedScoringRule() {
        ListwiseRanker r = fit(planted(400, 1), 7);
        double[] w = r.weights();
        double dot = 0, nw = 0, np = 0;
        for (int d = 0; d < DIM; d++) { dot += w[d] * PLANTED[d]; nw += w[d] * w[d]; np += PLANTED[d] * PLANTED[d]; }
        assertTrue(dot / Math.sqrt(nw * np) > 0.97, "cosine to the planted weights: " + dot / Math.sqrt(nw * np));
        // held-out groups: the learned scores pick the planted winner almost always
        CrsBenchmark.Training test = planted(200, 2);
        int right = 0;
        for (int g = 0; g < 200; g++) {
            int best = -1;
            double bs = Double.NEGATIVE_INFINITY;
            for (int row = test.groupStart()[g]; row < test.groupStart()[g + 1]; row++) {
                double s = r.score(test.x(), row * DIM);
                if (s > bs) { bs = s; best = row; }
            }
            if (test.positive()[best]) right++;
        }
        assertTrue(right >= 180, "held-out top-1 hits: " + right + " of 200");
    }

    @Test
    void deterministicPerSeed() {
        CrsBenchmark.Training t = planted(100, 3);
        assertArrayEquals(fit(t, 11).weights(), fit(t, 11).weights());
        double[] a = fit(t, 11).weights(), b = fit(t, 12).weights();
        boolean differs = false;
        for (int d = 0; d < DIM; d++) differs |= a[d] != b[d];
        assertTrue(differs, "the seed orders the mini-batches, so another seed gives other (close) weights");
    }

    @Test
    void rejectsMismatchedShapes() {
        CrsBenchmark.Training t = planted(3, 4);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ListwiseRanker.fit(t.x(), DIM + 1, t.groupStart(), t.positive(), new ListwiseRanker.Options(0, 1, 0.1, 4, 1)));
        assertTrue(e.getMessage().contains("rows of 6"), e.getMessage());
        assertEquals(DIM, fit(t, 1).dim());
    }
}
