package io.genrec.models.semanticid;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.ItemCatalog;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TigerTest implements RecommenderContract {
    static final int ITEMS = 24, CLUSTERS = 4, DIM = 8;

    /** A small TIGER: 2 codebooks of 4 codes (IDs of 3 tokens), one layer each side. */
    static TigerConfig small(int epochs) {
        return new TigerConfig(32, 1, 2, 64, 0.0, 8, "rqkmeans", 2, 4, 8, 16, "",
                new TrainingConfig(epochs, 32, 1e-2, 0, 0, 1, 10, 0));
    }

    /** Planted content: item i lies near the centre of cluster i % CLUSTERS, so items of a cluster share a first code. */
    static float[][] embeddings(int items, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[CLUSTERS][DIM];
        for (float[] c : centres) for (int j = 0; j < DIM; j++) c[j] = (float) r.nextGaussian() * 3;
        float[][] e = new float[items][DIM];
        for (int i = 0; i < items; i++) for (int j = 0; j < DIM; j++) e[i][j] = centres[i % CLUSTERS][j] + (float) r.nextGaussian() * 0.3f;
        return e;
    }

    /** Returns the planted embeddings of the first {@code catalog.size()} items (stands in for MiniLM). */
    static final ItemTextEmbedder PLANTED = new ItemTextEmbedder() {
        @Override public String modelId() { return "planted"; }
        @Override public int dimension() { return DIM; }
        @Override public float[][] embed(ItemCatalog catalog, ProgressListener listener) { return embeddings(ITEMS, 3); }
    };

    /** Users walking the catalogue: item i is always followed by item i+1 (mod ITEMS). */
    static Dataset cyclic(int users, long seed) {
        Random r = new Random(seed);
        Dataset.Builder b = new Dataset.Builder("cyclic");
        for (int i = 0; i < ITEMS; i++) b.item("i" + i);
        for (int u = 0; u < users; u++) {
            int start = r.nextInt(ITEMS), len = 4 + r.nextInt(5);
            for (int k = 0; k < len; k++) b.add("u" + u, "i" + (start + k) % ITEMS, 1f, 1000L * u + k);
        }
        return b.build();
    }

    static TrainContext ctx(Dataset d, long seed) { return new TrainContext(d, null, seed, 1, ProgressListener.NONE); }

    @Override public Recommender recommender() { return new Tiger(small(6), PLANTED); }
    @Override public RecommenderProvider provider() { return new TigerProvider(); }
    @Override public Dataset trainingData() { return cyclic(30, 5); }
    @Override public FittedRecommender fitted(Dataset data, long seed) { return recommender().fit(ctx(data, seed)); }

    @Test
    void learnsPlantedNextItemAndGeneratesOnlyRealIds() {
        Dataset d = cyclic(60, 9);
        var m = (Tiger.Fitted) new Tiger(small(40), PLANTED).fit(ctx(d, 7));
        int hits = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            int[] hist = d.itemsOf(u);
            TopK top = m.recommend(UserContext.of(d, u), 1, ItemFilter.excluding(hist));
            if (top.size() > 0 && top.items()[0] == (hist[hist.length - 1] + 1) % ITEMS) hits++;
            var gen = m.generate(u, hist, 8);
            assertTrue(gen.size() <= 8);
            IdTrie trie = m.semanticIds().trie();
            for (var h : gen) {
                assertTrue(h.item() >= 0 && h.item() < ITEMS, "generated " + h);
                long key = IdTrie.root();
                for (int t : m.semanticIds().id(h.item())) key = trie.extend(key, t);
                assertEquals(h.item(), trie.item(key), "a generated item's ID names it");
            }
            for (int k = 1; k < gen.size(); k++) assertTrue(gen.get(k - 1).logProb() >= gen.get(k).logProb(), "best first");
        }
        double top1 = hits / (double) d.numUsers();
        assertTrue(top1 > 0.8, "planted next item generated first for only " + top1 + " of users (chance ~1/20)");
    }

    @Test
    void onlyGeneratedItemsAreRanked() {
        Dataset d = trainingData();
        var m = fitted(d, 3);
        float[] s = new float[m.numItems()];
        m.scoreAll(UserContext.of(d, 0), s);
        int finite = 0;
        for (float x : s) if (x > Float.NEGATIVE_INFINITY) finite++;
        assertTrue(finite >= 1 && finite <= small(6).beam(), finite + " items ranked with beam " + small(6).beam());
    }

    @Test
    void coldStartItemsGetIdsAndAreGenerable() {
        Dataset d = trainingData();
        var m = (Tiger.Fitted) fitted(d, 3);
        float[] fresh = embeddings(ITEMS, 3)[5].clone(); // content of item 5's cluster
        var grown = m.withItems(new float[][] {fresh});
        assertEquals(ITEMS + 1, grown.numItems());
        int[] id = grown.semanticIds().id(ITEMS);
        assertArrayEquals(java.util.Arrays.copyOf(m.semanticIds().id(5), 2), java.util.Arrays.copyOf(id, 2), "same codes as item 5");
        assertNotEquals(m.semanticIds().id(5)[2], id[2], "told apart by the last token");
        // with a beam as wide as the catalogue every ID is reached, so the new item is generable
        var all = grown.generate(0, d.itemsOf(0), ITEMS + 1);
        assertTrue(all.stream().anyMatch(h -> h.item() == ITEMS), "cold-start item never generated: " + all);
        float[] s = new float[grown.numItems()];
        grown.scoreAll(UserContext.of(d, 0), s); // histories may now name it too
        grown.scoreAll(UserContext.ofHistory(ITEMS, 1), s);
    }

    /** A network over RQ-KMeans IDs of the planted embeddings, as Tiger builds it before training. */
    private static TigerNetwork network(Dataset d, TigerConfig c) {
        var emb = embeddings(ITEMS, 3);
        var tok = ItemTokenizers.fit("rqkmeans", emb, c.levels(), c.codes(), 1);
        int[][] raw = new int[ITEMS][];
        for (int i = 0; i < ITEMS; i++) raw[i] = tok.encode(emb[i]);
        return new TigerNetwork(c, Tiger.ids(SemanticIds.of(raw, c.codes())), d);
    }

    @Test
    void lengthGroupedBatchesUseEveryRowOnce() {
        Dataset d = cyclic(50, 2);
        TigerConfig c = small(1);
        TigerNetwork net = network(d, c);
        int expected = 0;
        for (int u = 0; u < d.numUsers(); u++) expected += d.itemsOf(u).length - 1;
        assertEquals(expected, net.numRows(), "one row per predicted item");
        int[] order = new int[net.numRows()];
        for (int i = 0; i < order.length; i++) order[order.length - 1 - i] = i;
        var batches = net.batches(order, 7, new java.util.SplittableRandom(4));
        int[] seen = new int[order.length];
        for (int[] b : batches) {
            assertTrue(b.length <= 7);
            for (int r : b) seen[r]++;
        }
        for (int r = 0; r < seen.length; r++) assertEquals(1, seen[r], "row " + r);
    }

    /**
     * The additive key mask: left padding (whose embedding row is random, not zero) must not change the encoder's
     * output at the real positions, and a decoder position must not see later positions.
     */
    @Test
    void paddingAndFutureTokensAreMaskedOut() {
        Dataset d = cyclic(10, 2);
        TigerConfig c = small(1);
        TigerNetwork net = network(d, c);
        var p = net.initialParameters(new Random(3));
        java.util.function.UnaryOperator<ai.djl.ndarray.NDArray> none = x -> x;
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            var w = TigerNetwork.upload(m, p, p.names());
            int[] hist = {1, 2, 3};
            int real = net.realEncoderTokens(hist.length), extra = 6;
            int[] tight = new int[real], padded = new int[real + extra];
            net.encoderTokens(0, hist, 0, hist.length, tight, 0, real);
            net.encoderTokens(0, hist, 0, hist.length, padded, 0, real + extra);
            assertEquals(net.pad(), padded[0]);
            var a = net.encode(m, w, tight, 1, real, none);
            var b = net.encode(m, w, padded, 1, real + extra, none);
            assertArrayEquals(a[0].toFloatArray(), b[0].get(":, " + extra + ":, :").toFloatArray(), 1e-5f);
            // decoder: changing the last input token leaves the earlier positions' outputs unchanged
            int[] dec1 = {net.bos(), 1, c.codes() + 2}, dec2 = {net.bos(), 1, c.codes() + 3};
            float[] y1 = net.decode(m, w, a[0], a[1], dec1, 1, 3, none).toFloatArray();
            float[] y2 = net.decode(m, w, a[0], a[1], dec2, 1, 3, none).toFloatArray();
            int dim = c.dim();
            assertArrayEquals(java.util.Arrays.copyOf(y1, 2 * dim), java.util.Arrays.copyOf(y2, 2 * dim), 1e-6f);
            assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(y1, 2 * dim, 3 * dim),
                    java.util.Arrays.copyOfRange(y2, 2 * dim, 3 * dim)), "the last position sees its own token");
        }
    }

    @Test
    void configKeysAndTokenizerErrors() {
        var t = (Tiger) new TigerProvider().create(new Params(Map.of("layers", "2", "dim", "64", "heads", "4", "beam", "10", "epochs", "3"), "test"));
        assertEquals(2, t.config().layers());
        assertEquals(3, t.config().training().epochs());
        var heads = assertThrows(IllegalArgumentException.class, () -> new TigerProvider().create(new Params(Map.of("heads", "6"), "test")));
        assertTrue(heads.getMessage().contains("heads"), heads.getMessage());
        ItemTokenizer vae = ItemTokenizers.fit("rqvae", embeddings(ITEMS, 1), 2, 4, 1);
        assertEquals("rqvae", vae.name());
        assertEquals(2, vae.levels());
        assertThrows(IllegalArgumentException.class, () -> ItemTokenizers.fit("pq", embeddings(ITEMS, 1), 2, 4, 1));
    }

    @Test
    void itemTextReachesTheEmbedderAndAnEncoderThatCannotTakeItRefuses() {
        var t = (Tiger) new TigerProvider().create(new Params(Map.of("item_text", "{title}", "epochs", "1"), "test"));
        assertEquals("{title}", t.config().itemText());
        assertEquals("", TigerConfig.defaults().itemText(), "the default is the encoder's own template");
        List<String> seen = new java.util.ArrayList<>();
        ItemTextEmbedder recording = new ItemTextEmbedder() {
            @Override public String modelId() { return "recording"; }
            @Override public int dimension() { return DIM; }
            @Override public float[][] embed(ItemCatalog catalog, ProgressListener listener) { return embed(catalog, null, listener); }
            @Override public float[][] embed(ItemCatalog catalog, String template, ProgressListener listener) {
                seen.add(String.valueOf(template));
                return embeddings(ITEMS, 3);
            }
        };
        TigerConfig titles = new TigerConfig(32, 1, 2, 64, 0.0, 8, "rqkmeans", 2, 4, 8, 16, "{title}", small(1).training());
        new Tiger(titles, recording).fit(ctx(cyclic(10, 1), 1));
        assertEquals(List.of("{title}"), seen);
        // PLANTED implements only the template-free method: it must refuse a template rather than ignore it
        var e = assertThrows(UnsupportedOperationException.class, () -> new Tiger(titles, PLANTED).fit(ctx(cyclic(10, 1), 1)));
        assertTrue(e.getMessage().contains("{title}") && e.getMessage().contains("planted"), e.getMessage());
    }
}
