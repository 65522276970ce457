package io.genrec.model;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The shared contract every recommender's test implements: supply {@link #recommender()} and {@link #provider()}
 * (and optionally {@link #trainingData()}); the default tests check what every model must do. Published in
 * genrec-core's test-jar.
 */
public interface RecommenderContract {
    Recommender recommender();

    RecommenderProvider provider();

    /** A small implicit dataset with structure: 60 users, 40 items, two taste clusters. Override for sequence data. */
    default Dataset trainingData() { return ContractData.clustered(60, 40, 8, 7L); }

    default FittedRecommender fitted(Dataset data, long seed) {
        return recommender().fit(new TrainContext(data, null, seed, 2, ProgressListener.NONE));
    }

    /** Allowed difference between two same-seed fits; 0 (bit-identical) unless a model's native kernels are not. */
    default float sameSeedTolerance() { return 0f; }

    @Test
    default void sameSeedGivesSameScores() {
        Dataset d = trainingData();
        FittedRecommender a = fitted(d, 11), b = fitted(d, 11);
        for (int u = 0; u < Math.min(5, d.numUsers()); u++) {
            float[] sa = new float[a.numItems()], sb = new float[b.numItems()];
            a.scoreAll(UserContext.of(d, u), sa);
            b.scoreAll(UserContext.of(d, u), sb);
            assertArrayEquals(sa, sb, sameSeedTolerance(), "user " + u + ": same seed must give the same scores");
        }
    }

    @Test
    default void batchScoresEqualSingleScores() {
        Dataset d = trainingData();
        FittedRecommender m = fitted(d, 5);
        int count = Math.min(7, d.numUsers());
        UserContext[] users = new UserContext[count + 1]; // one spare row: only the first count rows are scored
        float[][] batch = new float[count + 1][m.numItems()];
        for (int u = 0; u < count; u++) users[u] = UserContext.of(d, u);
        java.util.Arrays.fill(batch[count], 42f);
        m.scoreBatch(users, batch, count);
        for (int u = 0; u < count; u++) {
            float[] single = new float[m.numItems()];
            m.scoreAll(users[u], single);
            assertArrayEquals(single, batch[u], "user " + u + ": scoreBatch must give scoreAll's scores");
        }
        assertEquals(42f, batch[count][0], "rows past count are left alone");
    }

    /** Callers reuse score buffers (the evaluator's batches, the server's per-thread buffer), so nothing may accumulate. */
    @Test
    default void scoreAllOverwritesEveryEntryOfAReusedBuffer() {
        Dataset d = trainingData();
        FittedRecommender m = fitted(d, 5);
        float[] reused = new float[m.numItems()];
        for (int u = 0; u < Math.min(4, d.numUsers()); u++) {
            float[] fresh = new float[m.numItems()];
            m.scoreAll(UserContext.of(d, u), fresh);
            java.util.Arrays.fill(reused, u % 2 == 0 ? Float.NaN : 1e30f);
            m.scoreAll(UserContext.of(d, u), reused);
            assertArrayEquals(fresh, reused, "user " + u + ": scores into a used buffer must equal scores into a fresh one");
        }
    }

    @Test
    default void oneFiniteOrExcludedScorePerItem() {
        Dataset d = trainingData();
        FittedRecommender m = fitted(d, 3);
        assertEquals(d.numItems(), m.numItems());
        float[] s = new float[m.numItems()];
        m.scoreAll(UserContext.of(d, 0), s);
        for (int i = 0; i < s.length; i++)
            assertFalse(Float.isNaN(s[i]) || s[i] == Float.POSITIVE_INFINITY, "item " + i + " has score " + s[i]);
        assertThrows(IllegalArgumentException.class, () -> m.scoreAll(UserContext.of(d, 0), new float[s.length + 1]),
                "a wrong-sized buffer must be rejected");
    }

    /**
     * {@code recommend} must be the model's own ranking: the items it returns are the highest-scoring items of
     * {@code scoreAll} outside the history, with those scores, best first. (Checking only that no seen item comes
     * back would test {@link TopK}, not the model; a model that overrides {@code recommend} must agree with its scores.)
     */
    @Test
    default void recommendReturnsTheBestScoredUnseenItems() {
        Dataset d = trainingData();
        FittedRecommender m = fitted(d, 3);
        for (int u = 0; u < Math.min(10, d.numUsers()); u++) {
            int[] hist = d.itemsOf(u);
            boolean[] seen = new boolean[m.numItems()];
            for (int h : hist) seen[h] = true;
            float[] scores = new float[m.numItems()];
            m.scoreAll(UserContext.of(d, u), scores);
            TopK top = m.recommend(UserContext.of(d, u), 10, ItemFilter.excluding(hist));
            int eligible = 0;
            for (int j = 0; j < scores.length; j++) if (!seen[j] && scores[j] > Float.NEGATIVE_INFINITY) eligible++;
            assertEquals(Math.min(10, eligible), top.size(), "user " + u + ": a full list of unseen items");
            boolean[] listed = new boolean[m.numItems()];
            for (int k = 0; k < top.size(); k++) {
                int item = top.items()[k];
                assertFalse(seen[item], "user " + u + " was recommended seen item " + item);
                assertEquals(scores[item], top.scores()[k], 1e-6f, "user " + u + ": rank " + k + " must carry scoreAll's score");
                if (k > 0) assertTrue(top.scores()[k - 1] >= top.scores()[k], "ranking must be sorted");
                listed[item] = true;
            }
            float last = top.scores()[top.size() - 1];
            for (int j = 0; j < scores.length; j++)
                if (!seen[j] && !listed[j] && scores[j] > Float.NEGATIVE_INFINITY)
                    assertTrue(scores[j] <= last, "user " + u + ": unlisted unseen item " + j + " scores " + scores[j]
                            + ", above the last recommended " + last);
        }
    }

    @Test
    default void emptyHistoryUserGetsAList() {
        FittedRecommender m = fitted(trainingData(), 3);
        TopK top = m.recommend(UserContext.ofHistory(), 5, ItemFilter.ALL);
        assertEquals(5, top.size(), "an unknown user with no history must still get recommendations");
    }

    @Test
    default void saveAndLoadKeepScores(@TempDir Path dir) throws Exception {
        Dataset d = trainingData();
        FittedRecommender m = fitted(d, 5);
        if (!m.capabilities().contains(Capability.PERSISTENCE)) {
            assertThrows(UnsupportedCapabilityException.class, () -> m.save(dir.resolve("m")));
            return;
        }
        m.save(dir.resolve("m"));
        FittedRecommender back = provider().load(dir.resolve("m"));
        assertEquals(m.provenance(), back.provenance(), "provenance must survive save/load");
        for (int u = 0; u < Math.min(5, d.numUsers()); u++) {
            float[] a = new float[m.numItems()], b = new float[back.numItems()];
            m.scoreAll(UserContext.of(d, u), a);
            back.scoreAll(UserContext.of(d, u), b);
            assertArrayEquals(a, b, "user " + u + ": loaded model must score identically");
        }
    }

    @Test
    default void provenanceIsFilled() {
        Dataset d = trainingData();
        FittedRecommender m = fitted(d, 5);
        var p = m.provenance();
        assertEquals(recommender().name(), p.model());
        assertEquals(d.contentHash(), p.dataHash(), "provenance must carry the training data hash");
        assertEquals(5, p.seed());
        assertTrue(p.timings().containsKey("fit"), "provenance must time the fit");
        assertFalse(p.config().isEmpty() && recommender().config().getClass().getRecordComponents().length > 0,
                "provenance must carry the config");
    }

    @Test
    default void undeclaredCapabilityThrowsNamingIt() {
        FittedRecommender m = fitted(trainingData(), 5);
        for (Capability c : Capability.values()) {
            if (m.capabilities().contains(c)) continue;
            var e = assertThrows(UnsupportedCapabilityException.class, () -> m.require(c));
            assertTrue(e.getMessage().contains(c.name()));
        }
    }

    /**
     * What {@link Recommender#capabilities()} declares before fitting is what the fitted model has: the protocol
     * checks ({@code io.genrec.experiment.ProtocolCheck}) refuse or allow a model on that declaration alone, before
     * any training, so an empty or wrong declaration would let a leaky protocol run (or refuse a sound one).
     */
    @Test
    default void capabilitiesDeclaredBeforeFittingAreTheFittedModels() {
        Set<Capability> declared = recommender().capabilities();
        assertEquals(declared, fitted(trainingData(), 5).capabilities(), "declared before fit: " + declared);
        assertFalse(declared.isEmpty(), "every model declares its capabilities before fitting");
    }

    @Test
    default void providerNameMatches() {
        assertEquals(provider().name(), recommender().name());
    }

    /** Synthetic data for the contract tests. */
    final class ContractData {
        private ContractData() { }

        /**
         * Users in two clusters; cluster c prefers items of the same parity, each user has {@code perUser} random
         * interactions mostly (90%) from its cluster, with increasing timestamps.
         */
        public static Dataset clustered(int users, int items, int perUser, long seed) {
            Random r = new Random(seed);
            Dataset.Builder b = new Dataset.Builder("contract-clustered");
            for (int i = 0; i < items; i++) b.item("i" + i);
            for (int u = 0; u < users; u++) {
                int cluster = u % 2;
                List<Integer> chosen = new ArrayList<>();
                while (chosen.size() < perUser) {
                    int it = r.nextDouble() < 0.9 ? 2 * r.nextInt(items / 2) + cluster : r.nextInt(items);
                    if (!chosen.contains(it)) chosen.add(it);
                }
                for (int k = 0; k < chosen.size(); k++) b.add("u" + u, "i" + chosen.get(k), 1f, 1000L * u + k);
            }
            return b.build();
        }

        /** An id map helper for tests. */
        public static IdMap ids(String prefix, int n) {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < n; i++) l.add(prefix + i);
            return IdMap.of(l);
        }
    }
}
