package io.genrec.models.sequential;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.UserContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SequentialRegistryTest {
    @Test
    void cliNamesResolveAndSavedModelsReloadThroughTheRegistry(@TempDir Path dir) throws Exception {
        RecommenderRegistry registry = RecommenderRegistry.load();
        assertInstanceOf(SasRecProvider.class, registry.provider("sasrec"));
        assertInstanceOf(Gru4RecProvider.class, registry.provider("gru4rec"));
        Dataset d = SequenceTestData.cyclic(30, 12, 4, 8, 5);
        var r = registry.create("sasrec", new Params(Map.of("hidden_size", "8", "max_len", "6", "epochs", "2", "batch_size", "16"), "test"));
        FittedRecommender m = r.fit(SequenceTestData.ctx(d, 1));
        m.save(dir.resolve("m"));
        FittedRecommender back = registry.load(dir.resolve("m"));
        assertInstanceOf(SasRec.Fitted.class, back);
        float[] a = new float[m.numItems()], b = new float[m.numItems()];
        m.scoreAll(UserContext.of(d, 3), a);
        back.scoreAll(UserContext.of(d, 3), b);
        assertArrayEquals(a, b);
    }

    @Test
    void historiesLongerThanMaxLenUseTheirMostRecentItems() {
        Dataset d = SequenceTestData.cyclic(30, 12, 4, 8, 5);
        var m = new SasRec(new SasRecConfig(8, 1, 1, 3, 0.0, "ce", SasRecTest.small(NextItemLoss.FULL_SOFTMAX).training().withEpochs(2)))
                .fit(SequenceTestData.ctx(d, 1));
        float[] full = new float[m.numItems()], tail = new float[m.numItems()];
        m.scoreAll(UserContext.ofHistory(9, 1, 2, 3, 4), full);
        m.scoreAll(UserContext.ofHistory(2, 3, 4), tail);
        assertArrayEquals(tail, full, "only the last max_len items may matter");
        m.scoreAll(UserContext.ofHistory(1, 3, 4), tail);
        assertFalse(java.util.Arrays.equals(tail, full), "an item inside the window must matter");
    }
}
