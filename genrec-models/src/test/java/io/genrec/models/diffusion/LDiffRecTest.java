package io.genrec.models.diffusion;

import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderContract.ContractData;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.NeuralTestSupport;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LDiffRecTest implements RecommenderContract {
    /**
     * Small and without SNR reweighting: on this tiny data the reweighted diffusion term (weights in the hundreds,
     * target z_0 not detached, as in the authors' code) collapses the encoder to a constant latent (measured: top-half
     * rate exactly 0.5 with reweight=true, 1.0 without).
     */
    static LDiffRecConfig small() {
        return new LDiffRecConfig(2, 8, 0.03, 0.005, 500, 0.3, 200, 0.1, List.of(16),
                new DiffusionConfig(4, 5, 0.1, 0.005, 0.05, 0, 0, false, true), 0.1, new TrainingConfig(40, 16, 1e-2, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new LDiffRec(small()); }
    @Override public RecommenderProvider provider() { return new LDiffRecProvider(); }

    @Test
    void recoversPlantedClusters() {
        double rate = NeuralTestSupport.heldOutInTopHalf(recommender(), 1);
        assertTrue(rate > 0.8, "held-out in-cluster item in the top half for only " + rate + " of users (chance ~0.5)");
    }

    /**
     * The default config, as {@code genrec eval --models ldiffrec} runs it (reweighting on, latent 300, 100 steps),
     * with only {@code epochs} lowered from 1000 to keep the test short: it must learn the planted pattern, not just
     * the small config above.
     */
    @Test
    void defaultConfigLearnsThePlantedPattern() {
        double pop = NeuralTestSupport.popularityInTopHalf();
        double rate = NeuralTestSupport.heldOutInTopHalf(new LDiffRecProvider().create(
                new io.genrec.config.Params(java.util.Map.of("epochs", "50"), "ldiffrec")), 1);
        assertTrue(rate > pop + 0.3, "default L-DiffRec: held-out in-cluster item in the top half for " + rate
                + " of users, popularity " + pop);
    }

    @Test
    void itemClusteringSeparatesThePlantedTasteGroups() {
        // contract data: users of cluster c mostly pick items of parity c, so k-means with k=2 should split by parity
        int[] a = ItemClustering.cluster(ContractData.clustered(200, 40, 8, 3L), 2, 10, 1);
        int sameAsParity = 0;
        for (int i = 0; i < a.length; i++) if (a[i] == ((i % 2) ^ a[0])) sameAsParity++;
        assertEquals(a.length, sameAsParity, "clusters should follow item parity: " + java.util.Arrays.toString(a));
    }

    /** DiffRec and L-DiffRec declare their diffusion keys once, in {@link DiffusionConfig}, and bind them under the same flat names. */
    @Test
    void diffusionKeysAreSharedWithDiffRec() {
        var keys = io.genrec.config.ConfigBinder.toParams(LDiffRecConfig.defaults().diffusion()).keySet();
        assertEquals(List.of("emb_size", "steps", "noise_scale", "noise_min", "noise_max", "sampling_steps", "reverse_steps", "reweight",
                "importance_sampling"), List.copyOf(keys));
        var p = new io.genrec.config.Params(java.util.Map.of("steps", "7", "reverse_steps", "3"), "test");
        LDiffRecConfig l = new LDiffRecProvider().config(p);
        assertEquals(7, l.diffusion().steps());
        assertEquals(3, l.diffusion().effectiveReverseSteps());
        DiffRecConfig d = new DiffRecProvider().config(new io.genrec.config.Params(java.util.Map.of("steps", "7", "reverse_steps", "3"), "test"));
        assertEquals(l.diffusion().steps(), d.diffusion().steps());
        assertTrue(io.genrec.config.ConfigBinder.toParams(d).keySet().containsAll(keys), "DiffRec binds the same keys");
    }

    @Test
    void latentSplitIsProportionalAndSumsToLatentDim() {
        LDiffRecConfig c = LDiffRecConfig.defaults();
        int[] d = c.latentSplit(new int[] {2000, 810}, 2810);
        assertEquals(213, d[0]);
        assertEquals(300, d[0] + d[1]);
    }
}
