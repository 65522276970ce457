package io.genrec.models.slate;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.SlateGenerator;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ListCvaeTest implements RecommenderContract {
    static final int K = 5;

    /** Small and short (32 steps on the contract data) so the contract's many fits take seconds. */
    static ListCvaeConfig small() {
        return new ListCvaeConfig(K, 16, 8, 32, 1.0, 20, 4, new TrainingConfig(8, 64, 1e-2, 0, 0, 1, 10, 0));
    }

    /** Enough training (300 steps) to learn the planted clusters. */
    static ListCvaeConfig planted() {
        return new ListCvaeConfig(K, 16, 8, 32, 1.0, 50, 8, new TrainingConfig(20, 64, 1e-2, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new ListCvae(small()); }
    @Override public RecommenderProvider provider() { return new ListCvaeProvider(); }

    private SlateGenerator generator(Dataset d, long seed) {
        FittedRecommender m = fitted(d, seed);
        assertTrue(m.capabilities().contains(Capability.LIST_GENERATION));
        return (SlateGenerator) m;
    }

    @Test
    void slatesHitTheUsersClusterFarMoreThanChance() {
        Dataset d = RecommenderContract.ContractData.clustered(120, 40, 8, 21L);
        SlateGenerator g = (SlateGenerator) new ListCvae(planted()).fit(TrainContext.of(d, 1));
        int inCluster = 0, total = 0;
        double chance = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            int[] hist = d.itemsOf(u);
            int cluster = u % 2;
            int[] slate = g.generateSlate(UserContext.of(d, u), K, ItemFilter.excluding(hist));
            assertEquals(K, slate.length);
            for (int item : slate) if (item % 2 == cluster) inCluster++;
            total += slate.length;
            long unseenInCluster = 20 - Arrays.stream(hist).filter(i -> i % 2 == cluster).distinct().count();
            chance += unseenInCluster / (double) (40 - Arrays.stream(hist).distinct().count());
        }
        double rate = inCluster / (double) total;
        chance /= d.numUsers();
        assertTrue(rate > 0.8 && rate > chance + 0.3, "in-cluster share of slate items " + rate + " (random unseen items: " + chance + ")");
    }

    @Test
    void slatesHaveNoDuplicatesAndRespectTheFilter() {
        Dataset d = trainingData();
        SlateGenerator g = generator(d, 3);
        for (int u = 0; u < d.numUsers(); u++) {
            int[] hist = d.itemsOf(u);
            for (int k : new int[] {K, 12}) {
                int[] all = g.generateSlate(UserContext.of(d, u), k, ItemFilter.ALL);
                assertEquals(k, all.length);
                assertEquals(k, Arrays.stream(all).distinct().count(), "user " + u + " slate " + Arrays.toString(all) + " repeats an item");
                int[] unseen = g.generateSlate(UserContext.of(d, u), k, ItemFilter.excluding(hist));
                assertEquals(k, Arrays.stream(unseen).distinct().count());
                for (int item : unseen)
                    for (int h : hist) assertNotEquals(h, item, "user " + u + " got seen item " + item);
            }
        }
        int[] few = g.generateSlate(UserContext.of(d, 0), K, item -> item < 3);
        assertArrayEquals(new int[] {0, 1, 2}, Arrays.stream(few).sorted().toArray(), "only 3 items pass the filter");
    }

    @Test
    void sameSeedGivesSameSlatesAndTopOfRankingIsTheSlate() {
        Dataset d = trainingData();
        SlateGenerator a = generator(d, 11), b = generator(d, 11);
        for (int u = 0; u < 10; u++) {
            ItemFilter unseen = ItemFilter.excluding(d.itemsOf(u));
            int[] sa = a.generateSlate(UserContext.of(d, u), K, unseen);
            assertArrayEquals(sa, b.generateSlate(UserContext.of(d, u), K, unseen), "user " + u);
            TopK top = ((FittedRecommender) a).recommend(UserContext.of(d, u), K, unseen);
            assertArrayEquals(sa, top.items(), "user " + u + ": the ranking must start with the generated slate");
        }
    }

    @Test
    void providerAppliesParamsAndRejectsUnknownKeys() {
        var r = (ListCvae) new ListCvaeProvider().create(new Params(Map.of("slate_size", "7", "latent_dim", "4"), "test"));
        assertEquals(7, r.config().slateSize());
        assertEquals(4, r.config().latentDim());
        assertEquals(ListCvaeConfig.defaults().training(), r.config().training());
        var e = assertThrows(IllegalArgumentException.class, () -> new ListCvaeProvider().create(new Params(Map.of("slate_sise", "3"), "test")));
        assertTrue(e.getMessage().contains("slate_sise"));
        var bad = assertThrows(IllegalArgumentException.class, () -> new ListCvaeProvider().create(new Params(Map.of("slate_size", "0"), "test")));
        assertTrue(bad.getMessage().contains("slate_size"));
        var big = assertThrows(IllegalArgumentException.class,
                () -> new ListCvae(small()).fit(TrainContext.of(RecommenderContract.ContractData.clustered(4, 4, 2, 1L), 1)));
        assertTrue(big.getMessage().contains("slate_size"));
    }
}
