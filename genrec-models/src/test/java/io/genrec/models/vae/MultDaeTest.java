package io.genrec.models.vae;

import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.NeuralTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class MultDaeTest implements RecommenderContract {
    @Override public Recommender recommender() { return new MultAutoencoder(MultVaeTest.small(), false); }
    @Override public RecommenderProvider provider() { return new MultDaeProvider(); }

    @Test
    void recoversPlantedClusters() {
        double rate = NeuralTestSupport.heldOutInTopHalf(recommender(), 1);
        assertTrue(rate > 0.8, "held-out in-cluster item in the top half for only " + rate + " of users (chance ~0.5)");
    }
}
