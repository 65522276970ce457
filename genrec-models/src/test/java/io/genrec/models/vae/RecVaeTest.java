package io.genrec.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralTestSupport;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.EpochStats;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingConfig;
import io.genrec.models.training.TrainingResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RecVaeTest implements RecommenderContract {
    static RecVaeConfig small() {
        return new RecVaeConfig(32, 2, 8, 0.005, 0.5, 3, 1, new TrainingConfig(15, 16, 5e-3, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new RecVae(small()); }
    @Override public RecommenderProvider provider() { return new RecVaeProvider(); }

    /** The trainer's native validation scores equal the Java scorer's (an empty history included). */
    @Test
    void nativeValidationScoresMatchTheJavaScorer() {
        Dataset d = io.genrec.model.RecommenderContract.ContractData.clustered(30, 40, 8, 7L);
        RecVaeConfig c = small();
        RecVaeNetwork net = new RecVaeNetwork(CsrRows.users(d), c);
        ParameterSet w = io.genrec.models.training.GraphLoss.perturbed(net.initialParameters(new java.util.Random(5)), 4);
        RecVaeScorer scorer = new RecVaeScorer(w, c.hiddenLayers());
        int[][] histories = new int[d.numUsers() + 1][];
        for (int u = 0; u < d.numUsers(); u++) histories[u] = java.util.Arrays.stream(d.itemsOf(u)).distinct().toArray();
        histories[d.numUsers()] = new int[0];
        float[][] nat = io.genrec.models.training.GraphLoss.validationScores(net, w, histories, d.numItems());
        for (int u = 0; u < histories.length; u++) {
            float[] java = new float[d.numItems()];
            scorer.score(histories[u], java);
            assertArrayEquals(java, nat[u], 1e-4f, "user " + u);
        }
    }

    @Test
    void recoversPlantedClusters() {
        double rate = NeuralTestSupport.heldOutInTopHalf(recommender(), 1);
        assertTrue(rate > 0.8, "held-out in-cluster item in the top half for only " + rate + " of users (chance ~0.5)");
    }

    @Test
    void lossDecreasesAndNothingNativeIsLeft() {
        Dataset d = trainingData();
        RecVaeConfig c = small();
        TrainingResult r = new NeuralTrainer(c.training()).train(new RecVaeNetwork(CsrRows.users(d), c),
                TrainContext.of(d, 1), w -> new RecVae.Fitted(d.numItems(), null, c, w));
        double first = r.epochs().getFirst().meanLoss(), last = r.epochs().getLast().meanLoss();
        assertTrue(last < first * 0.9, "loss should fall by >10%: first " + first + ", last " + last);
        for (EpochStats e : r.epochs()) assertEquals(0, e.nativeArrays(), "native arrays grew in epoch " + e.epoch());
        assertEquals(0, r.nativeArraysLeft());
    }

    @Test
    void compositePriorMatchesTheMixtureDensity() {
        float[] z = {0.3f, -2f, 5f}, mu = {0.1f, -1.5f, 0f}, logvar = {-1f, 0.5f, 2f};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = RecVaeNetwork.compositePrior(m.create(z, new Shape(1, 3)), m.create(mu, new Shape(1, 3)),
                    m.create(logvar, new Shape(1, 3))).toFloatArray();
            for (int i = 0; i < z.length; i++) {
                double expected = Math.log(3 / 20.0 * normal(z[i], 0, 0) + 3 / 4.0 * normal(z[i], mu[i], logvar[i])
                        + 1 / 10.0 * normal(z[i], 0, 10));
                assertEquals(expected, got[i], 1e-5, "log p(z) at dimension " + i);
            }
        }
    }

    private static double normal(double z, double mu, double logvar) {
        double var = Math.exp(logvar);
        return Math.exp(-(z - mu) * (z - mu) / (2 * var)) / Math.sqrt(2 * Math.PI * var);
    }

    @Test
    void javaScorerMatchesTheTrainingForwardPass() {
        Dataset d = trainingData();
        RecVae.Fitted f = (RecVae.Fitted) fitted(d, 2);
        ParameterSet w = f.weights();
        int n = d.numItems();
        CsrRows rows = CsrRows.users(d);
        float[] x = rows.dense(new int[] {4}, true);
        CsrRows.l2NormalizeRows(x, n);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] q = RecVaeNetwork.encode(name -> m.create(w.get(name), shape(w.shape(name))), m.create(x, new Shape(1, n)), 2);
            float[] expected = q[0].matMul(m.create(w.get("out.w"), shape(w.shape("out.w")))).add(m.create(w.get("out.b"))).toFloatArray();
            float[] got = new float[n];
            f.scoreAll(UserContext.of(d, 4), got);
            assertArrayEquals(expected, got, 1e-4f);
        }
    }

    private static Shape shape(int[] s) {
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++) l[i] = s[i];
        return new Shape(l);
    }

    @Test
    void providerAppliesParamsAndRejectsBadOnes() {
        var r = (RecVae) new RecVaeProvider().create(new Params(Map.of("latent_dim", "16", "encoder_passes", "2"), "test"));
        assertEquals(16, r.config().latentDim());
        assertEquals(2, r.config().encoderPasses());
        assertEquals(RecVaeConfig.defaults().training(), r.config().training());
        assertInstanceOf(RecVae.class, RecommenderRegistry.load().create("recvae", new Params(Map.of(), "test")), "registered through ServiceLoader");
        var e = assertThrows(IllegalArgumentException.class, () -> new RecVaeProvider().create(new Params(Map.of("gama", "0.1"), "test")));
        assertTrue(e.getMessage().contains("gama"));
        var bad = assertThrows(IllegalArgumentException.class, () -> new RecVaeProvider().create(new Params(Map.of("decoder_passes", "0"), "test")));
        assertTrue(bad.getMessage().contains("decoder_passes") && bad.getMessage().contains("0"));
    }
}
