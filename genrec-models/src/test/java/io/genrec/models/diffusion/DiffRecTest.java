package io.genrec.models.diffusion;

import io.genrec.config.Params;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralTestSupport;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DiffRecTest implements RecommenderContract {
    static DiffRecConfig small() {
        return new DiffRecConfig(List.of(32), 4, 5, "linear-var", 0.1, 0.005, 0.05, 0, true, true, 0.5,
                new TrainingConfig(40, 16, 5e-3, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new DiffRec(small()); }
    @Override public RecommenderProvider provider() { return new DiffRecProvider(); }

    @Test
    void recoversPlantedClusters() {
        double rate = NeuralTestSupport.heldOutInTopHalf(recommender(), 1);
        assertTrue(rate > 0.8, "held-out in-cluster item in the top half for only " + rate + " of users (chance ~0.5)");
    }

    @Test
    void batchScoringMatchesSingleUserScoring() {
        var d = trainingData();
        var m = (DiffRec.Fitted) fitted(d, 2);
        UserContext[] users = {UserContext.of(d, 0), UserContext.of(d, 1), UserContext.ofHistory()};
        float[][] batch = new float[users.length][d.numItems()];
        m.scoreBatch(users, batch);
        for (int u = 0; u < users.length; u++) {
            float[] single = new float[d.numItems()];
            m.scoreAll(users[u], single);
            assertArrayEquals(single, batch[u], 1e-4f, "user " + u);
        }
    }

    @Test
    void scheduleMatchesLinearVarianceDefinition() {
        // linear-var: 1 - abar_t grows linearly from scale*min to scale*max; beta_1 is then fixed to 1e-5.
        GaussianDiffusion d = new GaussianDiffusion("linear-var", 0.005, 0.005, 0.01, 40);
        double start = 0.005 * 0.005, end = 0.005 * 0.01;
        for (int t = 1; t < 40; t++) {
            double target = start + (end - start) * t / 39;
            // abar_t = (1 - 1e-5)/(1 - start) * (1 - var_t) because beta_1 was replaced
            double expected = (1 - 1e-5) / (1 - start) * (1 - target);
            assertEquals(expected, d.alphaBar(t), 1e-12, "alpha-bar at t=" + t);
        }
        assertEquals(1 - 1e-5, d.alphaBar(0), 1e-15);
        // posterior at t=0 returns the x0 prediction exactly
        assertEquals(1.0, d.posteriorCoefX0(0), 1e-9);
        assertEquals(0.0, d.posteriorCoefXt(0), 1e-12);
        assertEquals(1.0, d.lossWeight(0));
        assertEquals(d.snr(4) - d.snr(5), d.lossWeight(5), 1e-9);
    }

    @Test
    void invalidConfigNamesFieldAndValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DiffRecProvider().create(new Params(Map.of("noise_min", "0.5", "noise_max", "0.1"), "test")));
        assertTrue(e.getMessage().contains("noise_min") && e.getMessage().contains("0.5"), e.getMessage());
        var s = assertThrows(IllegalArgumentException.class,
                () -> new DiffRecProvider().create(new Params(Map.of("sampling_steps", "50"), "test")));
        assertTrue(s.getMessage().contains("sampling_steps") && s.getMessage().contains("50"), s.getMessage());
    }
}
