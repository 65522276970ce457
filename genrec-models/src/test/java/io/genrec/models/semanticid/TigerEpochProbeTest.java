package io.genrec.models.semanticid;

import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The diagnostic's per-example measure on a model that has learned the planted next item. */
class TigerEpochProbeTest {
    @Test
    void measureCountsHitsRanksAndHistoryShareOfTheBeam() {
        Dataset d = TigerTest.cyclic(60, 9);
        var m = (Tiger.Fitted) new Tiger(TigerTest.small(40), TigerTest.PLANTED).fit(TigerTest.ctx(d, 7));
        int hits = 0;
        double ndcg = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            int[] h = d.itemsOf(u);
            int next = (h[h.length - 1] + 1) % TigerTest.ITEMS;
            double[] r = TigerEpochProbe.measure(m, u, h, next, 8);
            hits += (int) r[0];
            ndcg += r[1];
            assertTrue(r[1] <= r[0] && r[2] >= 0 && r[2] <= 1, java.util.Arrays.toString(r));
            // a target inside the input is excluded with the history: never a hit
            assertEquals(0, TigerEpochProbe.measure(m, u, h, h[0], 8)[0]);
        }
        assertTrue(hits > 0.8 * d.numUsers(), hits + " of " + d.numUsers() + " planted next items in the top 10");
        assertTrue(ndcg > 0.7 * d.numUsers(), "the planted item is ranked first for most users: NDCG sum " + ndcg);
        // every item generated from an input of all items but one is a history item except that one
        int[] all = new int[TigerTest.ITEMS - 1];
        for (int i = 0; i < all.length; i++) all[i] = i;
        double[] r = TigerEpochProbe.measure(m, 0, all, TigerTest.ITEMS - 1, TigerTest.ITEMS);
        assertEquals(1, r[0], "the only item outside the history is first after exclusion");
        assertEquals(1.0, r[1], 1e-12);
        assertEquals(0.9, r[2], 1e-12, "9 of the beam's first 10 are history items");
    }
}
