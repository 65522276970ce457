package io.genrec.eval.robustness;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HistoryPerturbationTest {
    /** 2 users, 10 items; u0 holds 0..5 in time order, u1 holds 6, 7; u0's held-out target is item 9. */
    static Dataset history() {
        int[] u = {0, 0, 0, 0, 0, 0, 1, 1}, i = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] v = {1, 1, 1, 1, 1, 1, 1, 1};
        long[] t = {1, 2, 3, 4, 5, 6, 7, 8};
        return Dataset.fromColumns("h", IdMap.of(List.of("u0", "u1")), IdMap.of(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
                null, null, 8, u, i, v, t);
    }

    static Dataset targets(Dataset h) {
        return Dataset.fromColumns("t", h.userIds(), h.itemIds(), null, null, 1, new int[] {0}, new int[] {9}, new float[] {1}, new long[] {9});
    }

    @Test
    void strengthZeroChangesNothing() {
        Dataset h = history();
        for (HistoryPerturbation.Type type : HistoryPerturbation.Type.values())
            assertEquals(h.contentHash(), HistoryPerturbation.apply(h, targets(h), type, 0, 1).contentHash(), type.key());
    }

    @Test
    void dropAllKeepsOneAndDropHalfKeepsASubsequence() {
        Dataset h = history();
        Dataset all = HistoryPerturbation.apply(h, null, HistoryPerturbation.Type.DROP, 1, 3);
        assertEquals(1, all.historyLength(0));
        assertEquals(1, all.historyLength(1));
        Dataset half = HistoryPerturbation.apply(h, null, HistoryPerturbation.Type.DROP, 0.5, 3);
        int[] kept = half.itemsOf(0);
        for (int j = 1; j < kept.length; j++) assertTrue(kept[j] > kept[j - 1], "order kept: " + Arrays.toString(kept));
        assertEquals(half.contentHash(), HistoryPerturbation.apply(h, null, HistoryPerturbation.Type.DROP, 0.5, 3).contentHash(), "deterministic");
    }

    @Test
    void shuffleKeepsTheItemsAndMovesOnlyTheChosenShare() {
        Dataset h = history();
        Dataset s = HistoryPerturbation.apply(h, null, HistoryPerturbation.Type.SHUFFLE, 1, 5);
        int[] items = s.itemsOf(0);
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, sorted);
        assertArrayEquals(h.timesOf(0), s.timesOf(0), "slots keep their times");
        boolean moved = false;
        for (int seed = 0; seed < 20 && !moved; seed++)
            moved = !Arrays.equals(h.itemsOf(0), HistoryPerturbation.apply(h, null, HistoryPerturbation.Type.SHUFFLE, 1, seed).itemsOf(0));
        assertTrue(moved);
        // strength 1/3 of 6 = 2 positions: at most 2 items are out of place
        Dataset third = HistoryPerturbation.apply(h, null, HistoryPerturbation.Type.SHUFFLE, 1.0 / 3, 5);
        int out = 0;
        for (int j = 0; j < 6; j++) if (third.itemsOf(0)[j] != j) out++;
        assertTrue(out <= 2, Arrays.toString(third.itemsOf(0)));
    }

    @Test
    void insertAddsUnseenItemsButNeverATarget() {
        Dataset h = history();
        for (int seed = 0; seed < 30; seed++) {
            Dataset s = HistoryPerturbation.apply(h, targets(h), HistoryPerturbation.Type.INSERT, 0.5, seed);
            assertEquals(9, s.historyLength(0), "6 + round(0.5*6)");
            assertEquals(3, s.historyLength(1), "2 + round(0.5*2)");
            int[] items = s.itemsOf(0);
            assertEquals(9, Arrays.stream(items).distinct().count());
            assertFalse(Arrays.stream(items).anyMatch(i -> i == 9), "the held-out target is never inserted");
        }
    }

    @Test
    void jaccardByHand() {
        assertEquals(2.0 / 4, HistoryPerturbation.jaccard(new int[] {1, 2, 3}, new int[] {2, 3, 4}), 1e-12);
        assertEquals(1.0, HistoryPerturbation.jaccard(new int[] {1, 2}, new int[] {2, 1}), 1e-12);
        assertEquals(0.0, HistoryPerturbation.jaccard(new int[] {1}, new int[] {2}), 1e-12);
    }

    @Test
    void badStrengthIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> HistoryPerturbation.apply(history(), null, HistoryPerturbation.Type.DROP, 1.5, 1));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistoryPerturbation.Type.parse("swap"));
    }
}
