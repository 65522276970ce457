package io.genrec.models.diffusion;

import io.genrec.config.ConfigBinder;
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
        return new DiffRecConfig(List.of(32), "linear-var", new DiffusionConfig(4, 5, 0.1, 0.005, 0.05, 0, 0, true, true), 0.5,
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
        var r = assertThrows(IllegalArgumentException.class,
                () -> new DiffRecProvider().create(new Params(Map.of("reverse_steps", "41"), "test")));
        assertTrue(r.getMessage().contains("reverse_steps") && r.getMessage().contains("41"), r.getMessage());
        var d = assertThrows(IllegalArgumentException.class, () -> new DiffRecProvider().create(new Params(Map.of("dims", ""), "test")));
        assertTrue(d.getMessage().contains("dims"), d.getMessage());
        // the noised start must lie within the reverse steps actually run
        var both = assertThrows(IllegalArgumentException.class,
                () -> new DiffRecProvider().create(new Params(Map.of("reverse_steps", "5", "sampling_steps", "6"), "test")));
        assertTrue(both.getMessage().contains("sampling_steps") && both.getMessage().contains("6"), both.getMessage());
    }

    @Test
    void fewerReverseStepsChangeTheScoresAndAreSaved(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var d = trainingData();
        DiffRecConfig all = small(), two = all.withReverseSteps(2);
        assertEquals(5, all.diffusion().effectiveReverseSteps());
        assertEquals("2", ConfigBinder.toParams(two).get("reverse_steps"));
        var a = new DiffRec(all).fit(new io.genrec.model.TrainContext(d, null, 3, 1, io.genrec.model.ProgressListener.NONE));
        var b = new DiffRec(two).fit(new io.genrec.model.TrainContext(d, null, 3, 1, io.genrec.model.ProgressListener.NONE));
        float[] sa = new float[d.numItems()], sb = new float[d.numItems()];
        a.scoreAll(UserContext.of(d, 0), sa);
        b.scoreAll(UserContext.of(d, 0), sb);
        assertFalse(java.util.Arrays.equals(sa, sb), "2 of 5 reverse steps gave the scores of all 5");
        b.save(dir);
        float[] loaded = new float[d.numItems()];
        new DiffRecProvider().load(dir).scoreAll(UserContext.of(d, 0), loaded);
        assertArrayEquals(sb, loaded, "the loaded model must run the saved number of reverse steps");
    }
}
