package io.genrec.models.autorec;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.RecommenderContract.ContractData;
import io.genrec.model.UserContext;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.GraphLoss;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Java scorer = training graph: for each item, the weighted squared reconstruction error computed from the Java
 * scores of every user equals the loss of the DJL graph for that item's row alone.
 */
class AutoRecScorerTest {
    @Test
    void javaScoresReproduceTheGraphLossOfEveryItem() {
        Dataset d = ContractData.clustered(30, 40, 8, 7L);
        double unobserved = 0.3;
        AutoRecConfig c = new AutoRecConfig(10, unobserved, new TrainingConfig(1, 16, 1e-2, 0, 0, 1, 10, 0));
        CsrRows items = CsrRows.items(d);
        AutoRecNetwork net = new AutoRecNetwork(items, c);
        ParameterSet w = GraphLoss.perturbed(net.initialParameters(new Random(3)), 4);
        FittedRecommender m = new AutoRec.Fitted(null, c, AutoRec.withCodes(w, items));
        float[][] scores = new float[d.numUsers()][d.numItems()];
        for (int u = 0; u < d.numUsers(); u++) m.scoreAll(new UserContext(u, new int[0], null, ""), scores[u]);
        for (int i = 0; i < d.numItems(); i++) {
            float[] r = items.dense(new int[] {i}, false);
            double java = 0;
            for (int u = 0; u < d.numUsers(); u++) {
                double e = scores[u][i] - r[u];
                java += (r[u] != 0f ? 1 : unobserved) * e * e;
            }
            double graph = GraphLoss.of(net, w, new int[] {i}, 0, 1);
            assertEquals(graph, java, 1e-4 * Math.max(1, Math.abs(graph)), "item " + i);
        }
    }
}
