package io.genrec.models.sequential;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** SASRec trained with IRGAN negatives ({@code negatives=irgan}) meets the recommender contract and still learns. */
class SasRecIrganTest implements RecommenderContract {
    /** The small SASRec of {@link SasRecTest}, without engine dropout (bit-identical same-seed check), IRGAN from epoch 3. */
    static SasRecConfig config() {
        SasRecConfig c = SasRecTest.small(NextItemLoss.SAMPLED_BCE);
        return new SasRecConfig(c.hiddenSize(), c.blocks(), c.heads(), c.maxLen(), 0.0, c.loss(), c.training(), c.itemInit(),
                new NegativeSamplingConfig("irgan", 16, 1.0, 0.2, 0.01, 2, 128));
    }

    @Override public Recommender recommender() { return new SasRec(config()); }
    @Override public RecommenderProvider provider() { return new SasRecProvider(); }
    @Override public FittedRecommender fitted(Dataset data, long seed) { return recommender().fit(SequenceTestData.ctx(data, seed)); }
    @Override public Dataset trainingData() { return SequenceTestData.cyclic(80, 24, 4, 14, 3); }

    @Test
    void learnsPlantedOrder() {
        Dataset d = trainingData();
        var m = fitted(d, 7);
        double top1 = SequenceTestData.nextItemTop1(m, d);
        assertTrue(top1 > 0.8, "planted next item ranked first for only " + top1 + " of users (chance ~1/20)");
        assertEquals("irgan", m.provenance().config().get("negatives") instanceof java.util.Map<?, ?> n ? n.get("kind") : null);
    }
}
