package io.genrec.models.vae;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.eval.QuickValidation;
import io.genrec.model.RecommenderContract.ContractData;
import io.genrec.model.TrainContext;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.EpochStats;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.TrainingResult;
import io.genrec.split.EvalSet;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.NeuralTestSupport;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MultVaeTest implements RecommenderContract {
    static MultVaeConfig small() {
        return new MultVaeConfig(List.of(32), 8, 0.5, 0.2, 200, new TrainingConfig(40, 16, 1e-2, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new MultAutoencoder(small(), true); }
    @Override public RecommenderProvider provider() { return new MultVaeProvider(); }

    /**
     * Per-epoch validation runs in libtorch (the trainer's native path): it must leave no native array behind, and the
     * kept checkpoint's validation value must be what the Java model scores on the same users.
     */
    @Test
    void nativeValidationLeavesNothingAndAgreesWithTheJavaModel() {
        EvalSet set = NeuralTestSupport.lastTwoHeldOut(ContractData.clustered(60, 40, 8, 7L));
        Dataset train = set.history();
        MultVaeConfig c = small();
        TrainingResult r = new NeuralTrainer(c.training().withEpochs(6)).train(new MultAutoencoderNetwork(CsrRows.users(train), c, true),
                new TrainContext(train, set, 3, 1, null), w -> new MultAutoencoder.Fitted("multvae", train.numItems(), null, c, true, w));
        for (EpochStats e : r.epochs()) {
            assertFalse(Double.isNaN(e.validation()), "epoch " + e.epoch() + " was not validated");
            assertEquals(0, e.nativeArrays(), "native arrays grew in epoch " + e.epoch());
        }
        assertEquals(0, r.nativeArraysLeft());
        var kept = new MultAutoencoder.Fitted("multvae", train.numItems(), null, c, true, r.weights());
        assertEquals(r.keptValidation(), QuickValidation.ndcg(kept, set, c.training().validationK(), 0), 1e-6);
    }

    @Test
    void recoversPlantedClusters() {
        double rate = NeuralTestSupport.heldOutInTopHalf(recommender(), 1);
        assertTrue(rate > 0.8, "held-out in-cluster item in the top half for only " + rate + " of users (chance ~0.5)");
    }

    @Test
    void providerAppliesParamsAndRejectsUnknownKeys() {
        var r = (MultAutoencoder) new MultVaeProvider().create(new Params(Map.of("latent_dim", "16", "hidden_dims", "[64, 32]"), "test"));
        assertEquals(16, r.config().latentDim());
        assertEquals(List.of(64, 32), r.config().hiddenDims());
        assertEquals(MultVaeConfig.vaeDefaults().training(), r.config().training());
        var e = assertThrows(IllegalArgumentException.class, () -> new MultVaeProvider().create(new Params(Map.of("latnet_dim", "3"), "test")));
        assertTrue(e.getMessage().contains("latnet_dim"));
        var bad = assertThrows(IllegalArgumentException.class, () -> new MultVaeProvider().create(new Params(Map.of("dropout", "1.5"), "test")));
        assertTrue(bad.getMessage().contains("dropout") && bad.getMessage().contains("1.5"));
    }
}
