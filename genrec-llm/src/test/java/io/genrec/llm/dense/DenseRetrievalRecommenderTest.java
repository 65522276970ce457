package io.genrec.llm.dense;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DenseRetrievalRecommenderTest implements RecommenderContract {
    @TempDir
    static Path cache;

    private static final Dataset DATA = TitledData.clustered(60, 40, 8, 7L);

    @Override
    public Recommender recommender() {
        return new DenseRetrievalRecommender(new DenseRetrievalRecommender.Config("minilm",
                "{title}\\nCategories: {categories}", 0.9, 50, true, cache.toString()));
    }

    @Override
    public RecommenderProvider provider() { return new DenseRetrievalProvider(); }

    @Override
    public Dataset trainingData() { return DATA; }

    @Test
    void historyFindsItsOwnClusterAndTextFindsTheGenre() {
        FittedRecommender m = fitted(DATA, 1);
        int same = 0, total = 0;
        for (int u = 0; u < 20; u++) {
            TopK top = m.recommend(UserContext.of(DATA, u), 5, ItemFilter.excluding(DATA.itemsOf(u)));
            for (int item : top.items()) {
                int external = Integer.parseInt(DATA.itemIds().externalId(item).substring(1));
                if (external % 2 == u % 2) same++;
                total++;
            }
        }
        assertTrue(same >= 0.8 * total, "text similarity must recover the taste clusters: " + same + "/" + total);
        TopK scary = m.recommend(UserContext.ofText("a frightening movie with ghosts and monsters"), 5, ItemFilter.ALL);
        for (int item : scary.items())
            assertEquals(1, Integer.parseInt(DATA.itemIds().externalId(item).substring(1)) % 2, "horror query returned a comedy: " + DATA.catalog().get(item));
        assertTrue(m.capabilities().contains(Capability.TEXT_QUERY));
    }

    @Test
    void loadedModelAnswersTextQueriesWithItsEncoder(@TempDir Path dir) throws Exception {
        FittedRecommender m = fitted(DATA, 1);
        m.save(dir.resolve("m"));
        FittedRecommender back = RecommenderRegistry.load().load(dir.resolve("m"));
        UserContext q = UserContext.ofText("funny film");
        float[] a = new float[m.numItems()], b = new float[m.numItems()];
        m.scoreAll(q, a);
        back.scoreAll(q, b);
        assertArrayEquals(a, b, 1e-6f);
    }

    /**
     * The in-process ONNX encoder's CPU kernels are not bit-reproducible across thread schedules (seen in CI: 0.8373204
     * vs 0.83732045 for the same text); one float ulp at this magnitude is 6e-8.
     */
    @Override
    public float sameSeedTolerance() { return 1e-6f; }

    /** A 2-d encoder with fixed vectors, so scores can be computed by hand. */
    private static final class FixedEncoder implements ItemEncoder {
        @Override public String modelId() { return "fixed"; }
        @Override public int dimension() { return 2; }
        @Override public float[][] embed(List<String> texts, ProgressListener l) {
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (texts.get(i)) {
                    case "A" -> new float[] {1, 0};
                    case "B" -> new float[] {0, 1};
                    case "C" -> new float[] {0.6f, 0.8f};
                    default -> new float[2]; // also the empty text of the bare item
                };
            }
            return out;
        }
    }

    @Test
    void historyQueryIsTheRecencyWeightedMean() {
        Dataset.Builder b = new Dataset.Builder("abc");
        b.add("u", "A", 1, 1).add("u", "B", 1, 2).add("u", "C", 1, 3);
        b.item("bare");
        Dataset d = b.build(ids -> new io.genrec.data.ItemCatalog(new io.genrec.data.Item[] {
                new io.genrec.data.Item("A", "A", null, null, null), new io.genrec.data.Item("B", "B", null, null, null),
                new io.genrec.data.Item("C", "C", null, null, null), io.genrec.data.Item.bare("bare")}), null);
        var cfg = new DenseRetrievalRecommender.Config("fixed", "{title}", 0.5, 2, false, "");
        FittedRecommender m = new DenseRetrievalRecommender(cfg, new FixedEncoder()).fit(TrainContext.of(d, 1));
        float[] s = new float[4];
        // history A, B (oldest first), decay 0.5: q = 0.5*(1,0) + 1*(0,1) = (0.5, 1), unit (0.4472, 0.8944)
        m.scoreAll(UserContext.ofHistory(0, 1), s);
        assertArrayEquals(new float[] {0.4472136f, 0.8944272f, 0.6f * 0.4472136f + 0.8f * 0.8944272f, 0f}, s, 1e-5f);
        // maxHistory 2: with history C, A, B the oldest (C) is ignored, so the scores are the same
        float[] s2 = new float[4];
        m.scoreAll(UserContext.ofHistory(2, 0, 1), s2);
        assertArrayEquals(s, s2, 1e-6f);
        m.scoreAll(UserContext.ofText("C"), s);
        assertArrayEquals(new float[] {0.6f, 0.8f, 1f, 0f}, s, 1e-6f, "the text query is the text's embedding");
        m.scoreAll(UserContext.ofHistory(), s);
        assertArrayEquals(new float[4], s, "no text and no history: all zero, still finite");
        assertThrows(IllegalArgumentException.class, () -> m.scoreAll(UserContext.ofHistory(9), new float[4]));
    }

    @Test
    void paramsAreValidatedAndRecordedInProvenance() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DenseRetrievalProvider().create(new Params(Map.of("recencydecay", "0.5"), "test")));
        assertTrue(e.getMessage().contains("recencydecay"));
        assertThrows(IllegalArgumentException.class, () -> new DenseRetrievalProvider().create(new Params(Map.of("recencyDecay", "0"), "test")));
        assertThrows(IllegalArgumentException.class, () -> new DenseRetrievalProvider().create(new Params(Map.of("template", "{plot}"), "test")));
        Provenance p = fitted(DATA, 2).provenance();
        assertEquals("all-minilm-l6-v2", p.libraries().get("encoder"));
        assertEquals(0.9, p.config().get("recencyDecay"));
    }
}
