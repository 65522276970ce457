package io.genrec.models.sequential;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.ItemCatalog;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ProgressListener;
import io.genrec.model.TrainContext;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TextItemInit;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SasRecTextInitTest {
    /** Even items get a 12-d text vector, odd items none (zero row). */
    static final class FakeEmbedder implements ItemTextEmbedder {
        int calls;

        @Override public String modelId() { return "fake"; }
        @Override public int dimension() { return 12; }

        @Override
        public float[][] embed(ItemCatalog catalog, ProgressListener listener) {
            calls++;
            Random r = new Random(4);
            float[][] out = new float[catalog.size()][12];
            for (int i = 0; i < out.length; i += 2) for (int j = 0; j < 12; j++) out[i][j] = (float) r.nextGaussian();
            return out;
        }
    }

    private static SasRecConfig config(String init) {
        return new SasRecConfig(8, 1, 1, 10, 0.1, NextItemLoss.SAMPLED_BCE.key(), new TrainingConfig(2, 32, 5e-3, 0, 0, 1, 10, 0), init);
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int j = 0; j < a.length; j++) { ab += a[j] * b[j]; aa += a[j] * a[j]; bb += b[j] * b[j]; }
        return ab / Math.sqrt(aa * bb);
    }

    private static float[] row(float[] table, int i, int d) {
        float[] r = new float[d];
        System.arraycopy(table, i * d, r, 0, d);
        return r;
    }

    @Test
    void textedRowsAreTheReducedVectorsAtStepZero() {
        Dataset data = SequenceTestData.cyclic(40, 24, 4, 10, 3);
        int n = data.numItems(), d = 8;
        TextItemInit text = TextItemInit.of(data.catalog(), new FakeEmbedder(), d, 7, ProgressListener.NONE);
        assertEquals((n + 1) / 2, text.textedItems());
        SequenceBatches batches = new SequenceBatches(data, 10);
        float[] random = new SasRecNetwork(batches, config("random")).initialParameters(new Random(1)).get("item_emb");
        ParameterSet p = new SasRecNetwork(batches, config("text"), text).initialParameters(new Random(1));
        float[] init = p.get("item_emb");
        double randomSq = 0, textSq = 0;
        for (int i = 0; i < n; i++) {
            float[] got = row(init, i, d);
            if (i % 2 == 1) {
                assertArrayEquals(row(random, i, d), got, "item " + i + " has no text: keeps its random row");
                continue;
            }
            assertEquals(1.0, cosine(text.row(i), got), 1e-5, "item " + i + ": row must be its reduced text vector (up to scale)");
            for (int j = 0; j < d; j++) { randomSq += random[i * d + j] * random[i * d + j]; textSq += got[j] * got[j]; }
        }
        assertEquals(randomSq, textSq, 1e-3 * randomSq, "texted rows keep the random init's scale");
        assertArrayEquals(row(random, n, d), row(init, n, d), "padding row untouched");
        assertArrayEquals(new SasRecNetwork(batches, config("random")).initialParameters(new Random(1)).get("pos_emb"), p.get("pos_emb"),
                "the rest of the network draws the same random numbers");
    }

    @Test
    void configKeyRoundTripsAndTextFitUsesTheEmbedder() {
        SasRecConfig c = ConfigBinder.bind(SasRecConfig.defaults(), new Params(Map.of("item_init", "text"), "test"));
        assertTrue(c.textInit());
        assertEquals("text", ConfigBinder.toParams(c).get("item_init"));
        assertThrows(IllegalArgumentException.class, () -> config("bert"));
        FakeEmbedder e = new FakeEmbedder();
        Dataset data = SequenceTestData.cyclic(40, 24, 4, 10, 3);
        new SasRec(config("text"), e).fit(TrainContext.of(data, 1));
        assertEquals(1, e.calls);
        new SasRec(config("random"), e).fit(TrainContext.of(data, 1));
        assertEquals(1, e.calls, "random init never embeds");
    }
}
