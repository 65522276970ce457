package io.genrec.models.autorec;

import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.NeuralTestSupport;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoRecTest implements RecommenderContract {
    static AutoRecConfig small() {
        return new AutoRecConfig(4, 0.1, new TrainingConfig(40, 8, 2e-2, 1e-2, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new AutoRec(small()); }
    @Override public RecommenderProvider provider() { return new AutoRecProvider(); }

    @Test
    void recoversPlantedClusters() {
        double rate = NeuralTestSupport.heldOutInTopHalf(recommender(), 1);
        assertTrue(rate > 0.8, "held-out in-cluster item in the top half for only " + rate + " of users (chance ~0.5)");
    }

    /**
     * The default config (the CLI's {@code autorec} with no parameters) on binarised data: with no weight on the
     * unobserved entries every item reconstructs to 1 and the ranking is arbitrary, so the default must learn.
     */
    @Test
    void defaultConfigLearnsOnBinarisedData() {
        double pop = NeuralTestSupport.popularityInTopHalf();
        double rate = NeuralTestSupport.heldOutInTopHalf(new AutoRecProvider().create(io.genrec.config.Params.empty()), 1);
        assertTrue(rate > pop + 0.2, "default AutoRec: held-out in-cluster item in the top half for " + rate
                + " of users, popularity " + pop);
    }
}
