package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.TopK;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class AlsRecommenderTest implements RecommenderContract {
    @Override public Recommender recommender() { return new AlsRecommender(AlsConfig.defaults()); }
    @Override public RecommenderProvider provider() { return new AlsProvider(); }

    private static final int GROUPS = 4, ITEMS_PER_GROUP = 25, USERS = 200;

    /** User u likes group u % 4: each of its 25 items with probability 0.4, any other item with probability 0.01. */
    private static Dataset planted(long seed) {
        Random r = new Random(seed);
        int[][] hist = new int[USERS][];
        for (int u = 0; u < USERS; u++) {
            int[] buf = new int[GROUPS * ITEMS_PER_GROUP];
            int n = 0;
            for (int i = 0; i < buf.length; i++) {
                boolean own = i / ITEMS_PER_GROUP == u % GROUPS;
                if (r.nextDouble() < (own ? 0.4 : 0.01)) buf[n++] = i;
            }
            hist[u] = Arrays.copyOf(buf, n);
        }
        return TinyData.of(GROUPS * ITEMS_PER_GROUP, hist);
    }

    private static AlsConfig small() { return new AlsConfig(8, 0.1, 10, 8, 3, 0.01); }

    @Test
    void ranksUnseenPlantedItemsAboveOtherItems() {
        Dataset d = planted(3);
        FittedRecommender m = TinyData.fit(new AlsRecommender(small()), d, 2);
        long pairs = 0, correct = 0;
        for (int u = 0; u < USERS; u++) {
            int[] hist = d.itemsOf(u);
            boolean[] seen = new boolean[d.numItems()];
            for (int i : hist) seen[i] = true;
            float[] s = TinyData.scores(m, hist);
            for (int i = 0; i < d.numItems(); i++) {
                if (seen[i] || i / ITEMS_PER_GROUP != u % GROUPS) continue;
                for (int j = 0; j < d.numItems(); j++) {
                    if (seen[j] || j / ITEMS_PER_GROUP == u % GROUPS) continue;
                    pairs++;
                    if (s[i] > s[j]) correct++;
                }
            }
        }
        double auc = (double) correct / pairs;
        assertTrue(auc > 0.95, "unseen planted items must outrank the others, AUC " + auc);
    }

    @Test
    void trainingLossDecreasesEverySweep() {
        var m = (AlsRecommender.Fitted) TinyData.fit(new AlsRecommender(small()), planted(5), 2);
        double[] loss = m.trainingLoss();
        assertEquals(small().iterations() + 1, loss.length);
        for (int k = 1; k < loss.length; k++)
            assertTrue(loss[k] <= loss[k - 1] * (1 + 1e-6), "sweep " + k + ": loss " + loss[k - 1] + " -> " + loss[k]);
        assertTrue(loss[3] < loss[2] && loss[2] < loss[1] && loss[1] < loss[0], "early sweeps must strictly improve");
        assertTrue(loss[loss.length - 1] < 0.5 * loss[0], "training must reduce the loss substantially");
    }

    @Test
    void lossFormulaMatchesTheBruteForceSumOverAllPairs() {
        Dataset d = TinyData.of(5, new int[] {0, 1, 1}, new int[] {2}, new int[] {}, new int[] {1, 3, 4});
        BinaryMatrix x = BinaryMatrix.of(d);
        int f = 3;
        float alpha = 2.5f, lambda = 0.3f;
        Random r = new Random(9);
        float[] users = new float[d.numUsers() * f], items = new float[d.numItems() * f];
        for (int k = 0; k < users.length; k++) users[k] = (float) r.nextGaussian();
        for (int k = 0; k < items.length; k++) items[k] = (float) r.nextGaussian();
        double expected = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            Set<Integer> seen = new HashSet<>();
            for (int i : d.itemsOf(u)) seen.add(i);
            for (int i = 0; i < d.numItems(); i++) {
                double s = 0;
                for (int a = 0; a < f; a++) s += (double) users[u * f + a] * items[i * f + a];
                double p = seen.contains(i) ? 1 : 0, c = seen.contains(i) ? 1 + alpha : 1;
                expected += c * (p - s) * (p - s);
            }
        }
        for (float v : users) expected += lambda * v * v;
        for (float v : items) expected += lambda * v * v;
        double actual = AlsRecommender.loss(x, null, users, items, ConfidenceWeightedSolver.gram(items, d.numItems(), f), f, alpha, lambda);
        assertEquals(expected, actual, 1e-4 * Math.abs(expected));
    }

    @Test
    void foldInServesAnUnseenUserFromHistoryAlone() {
        Dataset d = planted(7);
        FittedRecommender m = TinyData.fit(new AlsRecommender(small()), d, 2);
        assertTrue(m.capabilities().contains(Capability.FOLD_IN));
        // A new user who took three items of group 2 should get group 2 items first.
        float[] s = TinyData.scores(m, 50, 51, 52);
        var top = TopK.select(s, 10, ItemFilter.excluding(50, 51, 52));
        int inGroup = 0;
        for (int item : top.items()) if (item / ITEMS_PER_GROUP == 2) inGroup++;
        assertTrue(inGroup >= 9, "expected group-2 items, got " + top);
    }

    @Test
    void badConfigNamesTheFieldAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AlsConfig(0, 0.1, 1, 1, 1, 0.1));
        assertTrue(e.getMessage().contains("factors") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AlsConfig(4, -2, 1, 1, 1, 0.1));
        assertTrue(e.getMessage().contains("regularization") && e.getMessage().contains("-2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AlsConfig(4, 0.1, 1, 1, 0, 0.1));
        assertTrue(e.getMessage().contains("cg_steps"), e.getMessage());
    }

    @Test
    void providerReadsParams() {
        var r = (AlsRecommender) provider().create(new Params(Map.of("factors", "16", "alpha", "5", "cgSteps", "4"), "test"));
        assertEquals(16, r.config().factors());
        assertEquals(5.0, r.config().alpha());
        assertEquals(4, r.config().cgSteps());
    }
}
