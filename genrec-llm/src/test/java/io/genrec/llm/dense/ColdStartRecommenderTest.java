package io.genrec.llm.dense;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ColdStartRecommenderTest implements RecommenderContract {
    @TempDir
    static Path cache;

    private static final Dataset DATA = TitledData.clustered(60, 40, 8, 7L);

    /** An ID-only base: the training count of each item, so an item never seen in training always scores 0. */
    record CountBase() implements Recommender {
        @Override public String name() { return "counts"; }
        @Override public Record config() { return this; }
        @Override public Set<Capability> capabilities() { return EnumSet.of(Capability.FOLD_IN); } // no save: not PERSISTENCE

        @Override
        public FittedRecommender fit(TrainContext ctx) {
            int[] pop = ctx.train().itemPopularity().clone();
            Provenance p = Provenance.capture("counts", this, ctx.train().name(), ctx.train().contentHash(), null, ctx.seed(), Map.of(), Map.of("fit", 0.0));
            return new FittedRecommender() {
                @Override public String name() { return "counts"; }
                @Override public int numItems() { return pop.length; }
                @Override public void scoreAll(UserContext user, float[] out) {
                    checkBuffer(out);
                    for (int i = 0; i < out.length; i++) out[i] = pop[i];
                }
                @Override public Provenance provenance() { return p; }
                @Override public Set<Capability> capabilities() { return EnumSet.of(Capability.FOLD_IN); } // no save: not PERSISTENCE
            };
        }
    }

    private static ColdStartRecommender coldstart(int minInteractions) {
        var text = new DenseRetrievalRecommender.Config("minilm", "{title}\\nCategories: {categories}", 0.9, 50, true, cache.toString());
        return new ColdStartRecommender(new ColdStartRecommender.Config("counts", minInteractions, text), new CountBase(), null);
    }

    @Override public Recommender recommender() { return coldstart(3); }
    @Override public RecommenderProvider provider() { return new ColdStartProvider(); }
    @Override public Dataset trainingData() { return DATA; }

    /** {@link #DATA} plus one horror film nobody has watched yet. */
    static Dataset withNewHorrorFilm() {
        Dataset.Builder b = new Dataset.Builder("titled-clustered+new");
        for (int i = 0; i < DATA.numItems(); i++) b.item(DATA.itemIds().externalId(i));
        b.item("new");
        for (int u = 0; u < DATA.numUsers(); u++) {
            int[] items = DATA.itemsOf(u);
            long[] times = DATA.timesOf(u);
            for (int k = 0; k < items.length; k++) b.add(DATA.userIds().externalId(u), DATA.itemIds().externalId(items[k]), 1f, times[k]);
        }
        return b.build(ids -> {
            Item[] meta = new Item[ids.size()];
            for (int i = 0; i < meta.length; i++) {
                String id = ids.externalId(i);
                meta[i] = id.equals("new") ? new Item("new", "terrifying haunted house horror film full of ghosts", List.of("Horror"), Map.of(), Map.of())
                        : TitledData.item(Integer.parseInt(id.substring(1)));
            }
            return new ItemCatalog(meta);
        }, null);
    }

    @Test
    void savesWithASavableBaseAndLoadsScoringIdentically(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var textConfig = new DenseRetrievalRecommender.Config("minilm", "{title}", 0.9, 50, true, cache.toString());
        var rec = new ColdStartRecommender(new ColdStartRecommender.Config("dense", 1, textConfig), new DenseRetrievalRecommender(textConfig), null);
        Dataset d = withNewHorrorFilm();
        FittedRecommender m = rec.fit(TrainContext.of(d, 1));
        assertTrue(m.capabilities().contains(Capability.PERSISTENCE), "savable when its base is");
        m.save(dir.resolve("m"));
        FittedRecommender back = new ColdStartProvider().load(dir.resolve("m"));
        assertArrayEquals(((ColdStartModel) m).coldItems(), ((ColdStartModel) back).coldItems());
        assertEquals(m.provenance(), back.provenance());
        for (int u = 0; u < 5; u++) {
            float[] a = new float[d.numItems()], b = new float[d.numItems()];
            m.scoreAll(UserContext.of(d, u), a);
            back.scoreAll(UserContext.of(d, u), b);
            assertArrayEquals(a, b, "user " + u);
        }
    }

    @Test
    void newItemSimilarToHistoryIsRecommendedByColdstartButNeverByTheBase() {
        Dataset d = withNewHorrorFilm();
        int fresh = d.itemIds().indexOf("new");
        assertEquals(0, d.itemPopularity()[fresh]);
        TrainContext ctx = TrainContext.of(d, 1);
        FittedRecommender base = new CountBase().fit(ctx), cold = coldstart(1).fit(ctx);
        int horrorHits = 0, comedyHits = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            ItemFilter seen = ItemFilter.excluding(d.itemsOf(u));
            assertFalse(contains(base.recommend(UserContext.of(d, u), 10, seen), fresh), "the ID-only base cannot recommend an unseen item");
            boolean hit = contains(cold.recommend(UserContext.of(d, u), 10, seen), fresh);
            if (Integer.parseInt(d.userIds().externalId(u).substring(1)) % 2 == 1) horrorHits += hit ? 1 : 0;
            else comedyHits += hit ? 1 : 0;
        }
        int horrorUsers = (int) countUsers(d, 1);
        assertTrue(horrorHits >= 0.8 * horrorUsers, "new horror film in the top 10 of only " + horrorHits + " of " + horrorUsers + " horror fans");
        assertTrue(comedyHits <= 0.2 * horrorUsers, "comedy fans got it " + comedyHits + " times, horror fans " + horrorHits);
        assertArrayEquals(new int[] {fresh}, ((ColdStartModel) cold).coldItems());
    }

    @Test
    void warmItemsKeepTheBaseScoresAndColdOnesLandWhereTheirCosineRanks() {
        Dataset d = withNewHorrorFilm();
        int fresh = d.itemIds().indexOf("new");
        TrainContext ctx = TrainContext.of(d, 1);
        FittedRecommender base = new CountBase().fit(ctx), cold = coldstart(1).fit(ctx);
        DenseRetrievalModel text = (DenseRetrievalModel) new DenseRetrievalRecommender(coldstart(1).config().text()).fit(ctx);
        for (int u = 0; u < 6; u++) {
            float[] b = new float[d.numItems()], c = new float[d.numItems()], cos = new float[d.numItems()];
            base.scoreAll(UserContext.of(d, u), b);
            cold.scoreAll(UserContext.of(d, u), c);
            text.scoreAll(UserContext.of(d, u), cos);
            Set<Integer> history = new java.util.HashSet<>();
            for (int h : d.itemsOf(u)) history.add(h);
            int moreSimilar = 0, w = 0;
            float[] warm = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                if (i == fresh) continue;
                assertEquals(b[i], c[i], "warm item " + i + " keeps its base score");
                if (history.contains(i)) continue;
                if (cos[i] > cos[fresh]) moreSimilar++;
                warm[w++] = -b[i];
            }
            java.util.Arrays.sort(warm, 0, w); // descending base scores of the warm candidates, negated
            float expected = moreSimilar == 0 ? Math.nextUp(-warm[0]) : Math.nextDown(-warm[moreSimilar - 1]);
            assertEquals(expected, c[fresh], "user " + u + ": " + moreSimilar + " warm candidates are more text-similar");
        }
    }

    @Test
    void providerReadsKeysAndRejectsUnknownOnes() {
        var p = new ColdStartProvider();
        var e = assertThrows(IllegalArgumentException.class, () -> p.create(new Params(Map.of("base", "nope"), "test")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.create(new Params(Map.of("base", "dense", "bogus", "1"), "test")));
        var r = (ColdStartRecommender) p.create(new Params(Map.of("base", "dense", "minInteractions", "3", "recencyDecay", "0.5"), "test"));
        assertEquals(3, r.config().minInteractions());
        assertEquals(0.5, r.config().text().recencyDecay());
        assertThrows(IllegalArgumentException.class, () -> p.create(new Params(Map.of("base", "coldstart"), "test")));
    }

    private static long countUsers(Dataset d, int parity) {
        long n = 0;
        for (int u = 0; u < d.numUsers(); u++) if (Integer.parseInt(d.userIds().externalId(u).substring(1)) % 2 == parity) n++;
        return n;
    }

    private static boolean contains(TopK top, int item) {
        for (int i : top.items()) if (i == item) return true;
        return false;
    }
}
