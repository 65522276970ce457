package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** {@code rmse}/{@code mae} through the CLI: biasedmf predicts ratings on explicit data; other models are refused. */
class RatingMetricsCliTest {
    @Test
    void biasedMfReportsRmseAndMaeOnExplicitRatings() throws Exception {
        CliTest.Run r = CliTest.run("eval", "--implicit", "none", "--models", "biasedmf", "--param", "biasedmf.epochs=5",
                "--metrics", "rmse,mae", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out()).get("results").get(0).get("metrics");
        double rmse = m.get("rmse").asDouble(), mae = m.get("mae").asDouble();
        // ratings 0.5..5 with standard deviation 1.04 (all 100,836), about the RMSE of predicting the global mean; a fit
        // must do better, and MAE <= RMSE always
        assertTrue(rmse > 0.5 && rmse < 1.0, "rmse " + rmse);
        assertTrue(mae > 0 && mae <= rmse, "mae " + mae + " rmse " + rmse);
    }

    @Test
    void aModelWithoutRatingPredictionIsRefusedNamingIt() {
        CliTest.Run r = CliTest.run("eval", "--implicit", "none", "--models", "mostpop", "--metrics", "rmse", "--quiet");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("rmse") && r.err().contains("mostpop") && r.err().contains("RATING_PREDICTION"), r.err());
    }

    @Test
    void biasedMfRefusesBinarisedData() {
        CliTest.Run r = CliTest.run("eval", "--models", "biasedmf", "--metrics", "rmse", "--quiet");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("--implicit none"), r.err());
    }
}
