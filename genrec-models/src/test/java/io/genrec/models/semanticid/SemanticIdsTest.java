package io.genrec.models.semanticid;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SemanticIdsTest {
    /** {@code clusters} well separated centres in 16 dimensions, {@code per} noisy points around each. */
    static float[][] planted(int clusters, int per, long seed) {
        Random rng = new Random(seed);
        float[][] centres = new float[clusters][16];
        for (float[] c : centres) for (int j = 0; j < 16; j++) c[j] = (float) (rng.nextGaussian() * 10);
        float[][] x = new float[clusters * per][16];
        for (int i = 0; i < x.length; i++)
            for (int j = 0; j < 16; j++) x[i][j] = centres[i / per][j] + (float) (rng.nextGaussian() * 0.1);
        return x;
    }

    @Test
    void rqKMeansGivesEachPlantedClusterItsOwnFirstCodeAndEveryItemAUniqueId() {
        float[][] x = planted(8, 5, 3);
        RqKMeans tok = RqKMeans.fit(x, 2, 8, 20, 7);
        int[][] codes = new int[x.length][];
        for (int i = 0; i < x.length; i++) codes[i] = tok.encode(x[i]);
        for (int i = 0; i < x.length; i++)
            for (int j = 0; j < x.length; j++)
                if (i / 5 == j / 5) assertEquals(codes[i][0], codes[j][0], "same cluster " + i + "," + j);
                else assertNotEquals(codes[i][0], codes[j][0], "different clusters " + i + "," + j);
        SemanticIds ids = SemanticIds.of(codes, 8);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < x.length; i++) assertTrue(seen.add(java.util.Arrays.toString(ids.id(i))), "duplicate ID for item " + i);
        assertEquals(3, ids.levels());
        // reconstruction: the sum of the chosen centroids is close to the point (noise 0.1, centres ~10 apart)
        float[] books = new float[0];
        var p = new io.genrec.models.training.ParameterSet();
        tok.writeTo(p, "tok.");
        books = p.get("tok.codebooks");
        for (int i = 0; i < x.length; i++) {
            double err = 0;
            for (int j = 0; j < 16; j++) {
                double rec = books[codes[i][0] * 16 + j] + books[8 * 16 + codes[i][1] * 16 + j];
                err += (rec - x[i][j]) * (rec - x[i][j]);
            }
            assertTrue(Math.sqrt(err) < 1.0, "item " + i + " reconstruction error " + Math.sqrt(err));
        }
        SemanticIds.Report r = ids.report(x, 40, 1);
        assertEquals(1.0, r.neighbourPrefix1(), 1e-9, "nearest neighbours share the first token");
        assertTrue(r.randomPrefix1() < 0.5, "random pairs rarely share it: " + r.randomPrefix1());
        assertEquals(1.0, r.codebookUsage()[0], 1e-9);
        // a restored tokenizer encodes identically (cold start after load)
        ItemTokenizer back = ItemTokenizer.readFrom("rqkmeans", p, "tok.");
        for (float[] xi : x) assertArrayEquals(tok.encode(xi), back.encode(xi));
    }

    @Test
    void collidingCodesGetDistinctDisambiguationTokensAndColdStartItemsContinueTheCount() {
        SemanticIds ids = SemanticIds.of(new int[][] {{1, 2}, {1, 2}, {0, 3}}, 4);
        assertArrayEquals(new int[] {1, 2, 0}, ids.id(0));
        assertArrayEquals(new int[] {1, 2, 1}, ids.id(1));
        assertArrayEquals(new int[] {0, 3, 0}, ids.id(2));
        SemanticIds more = ids.withItems(new int[][] {{1, 2}});
        assertArrayEquals(new int[] {1, 2, 2}, more.id(3));
        SemanticIds.Report r = more.report(new float[][] {{1, 0}, {1, 0}, {0, 1}, {1, 0}}, 4, 1);
        assertEquals(0.75, r.collisionRate(), 1e-9);
        assertEquals(3, r.largestGroup());
        var full = more.withItems(new int[][] {{1, 2}});
        var e = assertThrows(IllegalArgumentException.class, () -> full.withItems(new int[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("no disambiguation token left"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ids.withItems(new int[][] {{1, 9}}));
    }

    @Test
    void constrainedBeamSearchOnlyEverYieldsRealItemsWhateverTheScores() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            int k = 2 + rng.nextInt(6), n = 1 + rng.nextInt(30);
            Set<String> distinct = new HashSet<>();
            int[][] codes = new int[n][];
            for (int i = 0; i < n; i++) codes[i] = new int[] {rng.nextInt(k), rng.nextInt(k), rng.nextInt(k)};
            SemanticIds ids = SemanticIds.of(codes, 8);
            IdTrie trie = ids.trie();
            int beam = 1 + rng.nextInt(40);
            // adversarial scorer: random log-probabilities, highest on tokens no item has at that level
            List<ConstrainedBeamSearch.Hit> hits = ConstrainedBeamSearch.search(trie, (prefixes, level) -> {
                float[][] lp = new float[prefixes.length][8];
                for (float[] row : lp) for (int t = 0; t < 8; t++) row[t] = t >= k ? 0f : (float) -rng.nextDouble() * 5;
                return lp;
            }, beam);
            assertEquals(Math.min(beam, n), hits.size(), "a beam per ID while IDs last");
            for (ConstrainedBeamSearch.Hit h : hits) {
                assertTrue(h.item() >= 0 && h.item() < n, "invalid item " + h.item());
                assertTrue(distinct.add(String.valueOf(h.item())), "item " + h.item() + " twice");
            }
            for (int i = 1; i < hits.size(); i++) assertTrue(hits.get(i - 1).logProb() >= hits.get(i).logProb());
        }
    }

    @Test
    void trieKnowsItsIdsAndNothingElse() {
        IdTrie t = SemanticIds.of(new int[][] {{0, 1}, {2, 1}}, 3).trie();
        assertArrayEquals(new int[] {0, 2}, t.next(IdTrie.root()));
        long p = t.extend(t.extend(t.extend(IdTrie.root(), 2), 1), 0);
        assertEquals(1, t.item(p));
        assertEquals(-1, t.item(t.extend(t.extend(t.extend(IdTrie.root(), 1), 1), 0)));
        assertEquals(0, t.next(t.extend(IdTrie.root(), 1)).length);
    }
}
