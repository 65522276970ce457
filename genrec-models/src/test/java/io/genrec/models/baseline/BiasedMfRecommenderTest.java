package io.genrec.models.baseline;

import io.genrec.data.Dataset;
import io.genrec.eval.EvaluationResult;
import io.genrec.eval.Evaluator;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.RatingPredictor;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BiasedMfRecommenderTest implements RecommenderContract {
    @Override public Recommender recommender() { return new BiasedMfRecommender(new BiasedMfConfig(8, 30, 0.01, 0.02, 0.1)); }
    @Override public RecommenderProvider provider() { return new BiasedMfProvider(); }

    /** The contract's clustered data with ratings: 5 for the user's cluster (same parity), 2 for the other. */
    @Override
    public Dataset trainingData() {
        Dataset c = ContractData.clustered(60, 40, 8, 7L);
        Dataset.Builder b = new Dataset.Builder("contract-rated");
        for (int i = 0; i < c.numItems(); i++) b.item(c.itemIds().externalId(i));
        for (int u = 0; u < c.numUsers(); u++)
            for (int item : c.itemsOf(u))
                b.add(c.userIds().externalId(u), c.itemIds().externalId(item), item % 2 == u % 2 ? 5f : 2f, 0);
        return b.build();
    }

    /** (user, item, rating) triples over users and items named by their index. */
    private static Dataset ratings(float[][] triples) {
        Dataset.Builder b = new Dataset.Builder("ratings");
        for (float[] t : triples) b.add("u" + (int) t[0], "i" + (int) t[1], t[2], 0);
        return b.build();
    }

    private static FittedRecommender fit(BiasedMfConfig c, Dataset d) {
        return new BiasedMfRecommender(c).fit(new TrainContext(d, null, 1, 1, ProgressListener.NONE));
    }

    private static float predict(FittedRecommender m, int user, int item) {
        return ((RatingPredictor) m).predictRating(new UserContext(user, new int[0], null, ""), item);
    }

    @Test
    void biasesAloneFitAnAdditiveTableAndPredictTheMissingCell() {
        // r(u0,i0)=4, r(u0,i1)=3, r(u1,i0)=5. Any exact fit of μ + b_u + b_i has
        // r̂(u1,i1) = r(u0,i1) + r(u1,i0) - r(u0,i0) = 3 + 5 - 4 = 4, inside the training range [3, 5].
        Dataset d = ratings(new float[][] {{0, 0, 4}, {0, 1, 3}, {1, 0, 5}});
        FittedRecommender m = fit(new BiasedMfConfig(0, 3000, 0.05, 0, 0.1), d);
        int u0 = d.userIds().indexOf("u0"), u1 = d.userIds().indexOf("u1");
        int i0 = d.itemIds().indexOf("i0"), i1 = d.itemIds().indexOf("i1");
        assertEquals(4.0, predict(m, u0, i0), 1e-3);
        assertEquals(3.0, predict(m, u0, i1), 1e-3);
        assertEquals(5.0, predict(m, u1, i0), 1e-3);
        assertEquals(4.0, predict(m, u1, i1), 1e-3);
    }

    @Test
    void predictionsAreClippedToTheTrainingRange() {
        // An additive fit of r(u0,i0)=5, r(u0,i1)=1, r(u1,i0)=3 extrapolates r̂(u1,i1) = 1 + 3 - 5 = -1; the scale is [1, 5].
        Dataset d = ratings(new float[][] {{0, 0, 5}, {0, 1, 1}, {1, 0, 3}});
        FittedRecommender m = fit(new BiasedMfConfig(0, 3000, 0.05, 0, 0.1), d);
        int u1 = d.userIds().indexOf("u1"), i1 = d.itemIds().indexOf("i1");
        assertEquals(1.0, predict(m, u1, i1), 1e-6);
        float[] s = new float[m.numItems()];
        m.scoreAll(new UserContext(u1, new int[0], null, ""), s);
        assertEquals(-1.0, s[i1], 1e-2, "ranking scores are the unclipped predictions");
    }

    @Test
    void factorsFitAnInteractionTheBiasesCannot() {
        // r = 5 on the diagonal, 1 off it: μ + b_u + b_i fits none of it (every bias is 0 by symmetry, RMSE 2).
        Dataset d = ratings(new float[][] {{0, 0, 5}, {0, 1, 1}, {1, 0, 1}, {1, 1, 5}});
        double biasOnly = rmseOnTraining(fit(new BiasedMfConfig(0, 2000, 0.05, 0, 0.1), d), d);
        double withFactors = rmseOnTraining(fit(new BiasedMfConfig(2, 2000, 0.05, 0, 0.5), d), d);
        assertEquals(2.0, biasOnly, 1e-2);
        assertTrue(withFactors < 0.05, "two factors must fit the 2×2 interaction, training RMSE " + withFactors);
    }

    private static double rmseOnTraining(FittedRecommender m, Dataset d) {
        double sq = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            int[] items = d.itemsOf(u);
            float[] values = d.valuesOf(u);
            for (int k = 0; k < items.length; k++) {
                double e = predict(m, u, items[k]) - values[k];
                sq += e * e;
            }
        }
        return Math.sqrt(sq / d.numInteractions());
    }

    @Test
    void evaluatorRmseAndMaeComeFromThePredictions() {
        // Train on the additive table above; the held-out target r(u1,i1) = 4.5 is predicted 4: RMSE = MAE = 0.5.
        Dataset all = ratings(new float[][] {{0, 0, 4}, {0, 1, 3}, {1, 0, 5}, {1, 1, 4.5f}});
        int u1 = all.userIds().indexOf("u1"), i1 = all.itemIds().indexOf("i1");
        boolean[] test = new boolean[all.numInteractions()];
        int[] ptr = all.userPointers(), idx = all.itemIndices();
        for (int k = ptr[u1]; k < ptr[u1 + 1]; k++) test[k] = idx[k] == i1;
        boolean[] train = new boolean[test.length];
        for (int k = 0; k < test.length; k++) train[k] = !test[k];
        Dataset tr = all.filter("train", train), targets = all.filter("test", test);
        FittedRecommender m = fit(new BiasedMfConfig(0, 3000, 0.05, 0, 0.1), tr);
        assertTrue(m.capabilities().contains(Capability.RATING_PREDICTION));
        EvaluationResult r = new Evaluator(List.of("rmse", "mae"), 1)
                .evaluate(m, new EvalSet("test", tr, targets), tr, ProgressListener.NONE);
        assertEquals(0.5, r.metrics().get("rmse"), 1e-3);
        assertEquals(0.5, r.metrics().get("mae"), 1e-3);
    }

    @Test
    void aUserWithoutTrainingRatingsGetsTheMeanPlusItemBias() {
        Dataset d = ratings(new float[][] {{0, 0, 4}, {0, 1, 2}, {1, 0, 4}, {1, 1, 2}});
        FittedRecommender m = fit(new BiasedMfConfig(0, 2000, 0.05, 0, 0.1), d);
        // μ = 3; the items differ by 2 and the users not at all, so the fitted biases are b_u = 0, b_i0 = +1, b_i1 = -1.
        RatingPredictor p = (RatingPredictor) m;
        assertEquals(4.0, p.predictRating(UserContext.ofHistory(), d.itemIds().indexOf("i0")), 1e-3);
        assertEquals(2.0, p.predictRating(UserContext.ofHistory(), d.itemIds().indexOf("i1")), 1e-3);
    }

    @Test
    void constantValuesAreRefusedNamingTheFix() {
        Dataset d = ratings(new float[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}});
        var e = assertThrows(IllegalArgumentException.class, () -> fit(BiasedMfConfig.defaults(), d));
        assertTrue(e.getMessage().contains("--implicit none"), e.getMessage());
    }

    @Test
    void sgdLowersTheTrainingError() {
        Random r = new Random(3);
        float[][] t = new float[400][];
        for (int k = 0; k < t.length; k++) t[k] = new float[] {k % 40, r.nextInt(30), 1 + r.nextInt(5)};
        var m = (BiasedMfRecommender.Fitted) fit(BiasedMfConfig.defaults(), ratings(t));
        double[] rmse = m.trainingRmse();
        assertTrue(rmse[rmse.length - 1] < rmse[0] - 0.1, "training RMSE must fall: " + rmse[0] + " -> " + rmse[rmse.length - 1]);
    }

    /** The typed binding (@Param record + ConfiguredProvider) like every other model: keys listed, ranges checked, typos named. */
    @Test
    void parametersBindThroughTheConfigRecord() {
        var p = provider();
        assertTrue(p instanceof io.genrec.model.ConfiguredProvider<?>, "biasedmf uses the old hand-written create()");
        var cp = (io.genrec.model.ConfiguredProvider<?>) p;
        assertEquals(java.util.List.of("factors", "epochs", "learning_rate", "regularization", "init_std"),
                cp.parameters().stream().map(io.genrec.config.ParamInfo::key).toList());
        assertEquals(new BiasedMfConfig(8, 20, 0.01, 0.02, 0.1),
                cp.config(new io.genrec.config.Params(java.util.Map.of("factors", "8", "learning_rate", "0.01"), "test")));
        var bad = assertThrows(IllegalArgumentException.class,
                () -> cp.config(new io.genrec.config.Params(java.util.Map.of("learning_rate", "0"), "test")));
        assertTrue(bad.getMessage().contains("learning_rate"), bad.getMessage());
        var typo = assertThrows(IllegalArgumentException.class,
                () -> cp.config(new io.genrec.config.Params(java.util.Map.of("factor", "8"), "test")));
        assertTrue(typo.getMessage().contains("factor"), typo.getMessage());
    }
}
