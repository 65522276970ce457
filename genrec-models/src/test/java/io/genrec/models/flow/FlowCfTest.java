package io.genrec.models.flow;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Params;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralTestSupport;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FlowCfTest implements RecommenderContract {
    static FlowCfConfig small() {
        return new FlowCfConfig(List.of(32), 4, 5, 2, 0.0, new TrainingConfig(40, 16, 5e-3, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new FlowCf(small()); }
    @Override public RecommenderProvider provider() { return new FlowCfProvider(); }

    @Test
    void velocityTargetMatchesHandComputation() {
        // prior draw x0, user vector x1, uniforms u; at t = 0.25 the mask keeps x1 where u < 0.25
        float[] x0 = {0, 1, 0, 1}, x1 = {1, 1, 0, 0};
        double[] u = {0.1, 0.9, 0.2, 0.5};
        float[] xt = new float[4];
        FlowPath.discretePoint(x0, x1, u, 0.25, xt);
        assertArrayEquals(new float[] {1, 1, 0, 1}, xt); // items 0, 2 from x1; 1, 3 from x0
        // target velocity (x1 - xt)/(1 - t) = ([1,1,0,0] - [1,1,0,1]) / 0.75
        float[] v = new float[4];
        FlowPath.velocity(x1, xt, 0.25, v);
        assertArrayEquals(new float[] {0, 0, 0, -4f / 3}, v, 1e-6f);
        // a prediction x̂1 = [0.5, 1, 0.2, 0.1] gives velocity ([-0.5, 0, 0.2, -0.9]) / 0.75
        FlowPath.velocity(new float[] {0.5f, 1, 0.2f, 0.1f}, xt, 0.25, v);
        assertArrayEquals(new float[] {-2f / 3, 0, 0.8f / 3, -1.2f}, v, 1e-6f);
        // Euler step of dt = 0.25 from t = 0.25: xt + 0.25 v = [1 - 1/6, 1, 0.2/3, 1 - 0.3]
        FlowPath.eulerStep(xt, v, 0.25);
        assertArrayEquals(new float[] {5f / 6, 1, 0.2f / 3, 0.7f}, xt, 1e-6f);
        // a step of the whole remaining time lands exactly on the prediction
        float[] x = {1, 0, 1, 0}, hat = {0.3f, 0.6f, 0.9f, 0.2f};
        FlowPath.velocity(hat, x, 0.6, v);
        FlowPath.eulerStep(x, v, 0.4);
        assertArrayEquals(hat, x, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> FlowPath.velocity(hat, hat, 1.0, new float[4]));
    }

    @Test
    void priorIsItemPopularity() {
        var d = trainingData();
        float[] p = FlowCf.popularityPrior(d);
        // the prior of every item is the fraction of users whose history contains it (a user counts once)
        for (int j = 0; j < d.numItems(); j++) {
            int item = j;
            long count = java.util.stream.IntStream.range(0, d.numUsers())
                    .filter(u -> Arrays.stream(d.itemsOf(u)).anyMatch(i -> i == item)).count();
            assertEquals(count / (double) d.numUsers(), p[j], 1e-6, "prior of item " + j);
        }
    }

    @Test
    void recoversPlantedClusters() {
        double rate = NeuralTestSupport.heldOutInTopHalf(recommender(), 1);
        assertTrue(rate > 0.8, "held-out in-cluster item in the top half for only " + rate + " of users (chance ~0.5)");
    }

    @Test
    void invalidConfigNamesFieldAndValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new FlowCfProvider().create(new Params(Map.of("steps", "4", "sampling_steps", "6"), "test")));
        assertTrue(e.getMessage().contains("sampling_steps") && e.getMessage().contains("6"), e.getMessage());
        var z = assertThrows(IllegalArgumentException.class, () -> new FlowCfProvider().create(new Params(Map.of("sampling_steps", "0"), "test")));
        assertTrue(z.getMessage().contains("sampling_steps"), z.getMessage());
    }

    @Test
    void samplingStepsChangeTheScoresAndAreSaved(@TempDir Path dir) throws Exception {
        var d = trainingData();
        FlowCfConfig one = small().withSamplingSteps(1), four = small().withSamplingSteps(4);
        assertEquals("4", ConfigBinder.toParams(four).get("sampling_steps"));
        var a = new FlowCf(one).fit(new TrainContext(d, null, 3, 1, ProgressListener.NONE));
        var b = new FlowCf(four).fit(new TrainContext(d, null, 3, 1, ProgressListener.NONE));
        float[] sa = new float[d.numItems()], sb = new float[d.numItems()];
        a.scoreAll(UserContext.of(d, 0), sa);
        b.scoreAll(UserContext.of(d, 0), sb);
        assertFalse(Arrays.equals(sa, sb), "4 Euler steps gave the scores of 1");
        b.save(dir);
        float[] loaded = new float[d.numItems()];
        new FlowCfProvider().load(dir).scoreAll(UserContext.of(d, 0), loaded);
        assertArrayEquals(sb, loaded, "the loaded model must run the saved number of sampling steps");
    }
}
