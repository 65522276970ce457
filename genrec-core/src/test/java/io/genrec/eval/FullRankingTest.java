package io.genrec.eval;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The two AUC pair counts (per-target pass, per-item search) against the plain double loop, on seeded random cases. */
class FullRankingTest {
    @Test
    void bothPairCountsEqualTheDoubleLoop() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(300);
            float[] scores = new float[n];
            int levels = r.nextBoolean() ? 5 : 0;
            for (int i = 0; i < n; i++) {
                float s = r.nextFloat();
                scores[i] = levels > 0 ? (float) Math.floor(s * levels) : s;
                if (r.nextDouble() < 0.1) scores[i] = Float.NEGATIVE_INFINITY;
            }
            ItemMarks excluded = new ItemMarks(n), targets = new ItemMarks(n);
            int excludedCount = 0, m = 0;
            float[] targetScores = new float[n];
            for (int i = 0; i < n; i++) {
                double u = r.nextDouble();
                if (u < 0.2) { excluded.add(i); excludedCount++; scores[i] = Float.NEGATIVE_INFINITY; }
                else if (u < 0.2 + 0.5 * r.nextDouble()) { targets.add(i); targetScores[m++] = scores[i]; }
            }
            double good = 0;
            long pairs = 0;
            for (int t = 0; t < n; t++) {
                if (!targets.contains(t)) continue;
                for (int o = 0; o < n; o++) {
                    if (excluded.contains(o) || targets.contains(o)) continue;
                    pairs++;
                    good += scores[t] > scores[o] ? 1 : scores[t] == scores[o] ? 0.5 : 0;
                }
            }
            if (m == 0) continue;
            assertEquals(good, FullRanking.correctPairsByCounting(scores, excludedCount, targetScores.clone(), m), 1e-9, "seed " + seed);
            assertEquals(good, FullRanking.correctPairsBySearch(scores, excluded, targets, targetScores.clone(), m), 1e-9, "seed " + seed);
            int[] items = new int[m];
            for (int i = 0, k = 0; i < n; i++) if (targets.contains(i)) items[k++] = i;
            double auc = FullRanking.auc(scores, excluded, excludedCount, targets, items, m, new float[m]);
            if (pairs == 0) assertTrue(Double.isNaN(auc), "seed " + seed);
            else assertEquals(good / pairs, auc, 1e-12, "seed " + seed + " (" + m + " targets)");
        }
    }
}
