package io.genrec.models;

import io.genrec.models.baseline.MostPopularConfig;
import io.genrec.models.baseline.MostPopularRecommender;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The neural models' planted-pattern tests require {@link NeuralTestSupport#heldOutInTopHalf} above 0.8. That bar
 * only shows learning if a non-personalised model stays below it: this runs MostPopular against the same bar.
 */
class PlantedPatternBarTest {
    @Test
    void mostPopularDoesNotClearThePlantedPatternBar() {
        double rate = NeuralTestSupport.heldOutInTopHalf(new MostPopularRecommender(MostPopularConfig.defaults()), 1);
        assertTrue(rate < 0.7, "MostPopular puts the held-out item in the top half for " + rate
                + " of users; the neural models' bar of 0.8 must be well above it");
    }
}
