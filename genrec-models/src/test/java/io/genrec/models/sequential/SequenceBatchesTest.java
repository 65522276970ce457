package io.genrec.models.sequential;

import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SequenceBatchesTest {
    /** u0: 0 1 2 3 4 5 (6 items), u1: 7 8 (2 items), u2: 9 (1 item, no training row). */
    private static Dataset data() {
        Dataset.Builder b = new Dataset.Builder("seq");
        for (int i = 0; i < 10; i++) b.item("i" + i);
        // added out of time order on purpose: the dataset sorts each user's items by time
        for (int k = 5; k >= 0; k--) b.add("u0", "i" + k, 1f, 100 + k);
        b.add("u1", "i7", 1f, 1).add("u1", "i8", 1f, 2).add("u2", "i9", 1f, 1);
        return b.build();
    }

    @Test
    void windowsAreLeftPaddedTruncatedAndTargetsShifted() {
        SequenceBatches s = new SequenceBatches(data(), 4);
        assertEquals(2, s.numRows(), "a user with one interaction gives no training row");
        assertEquals(10, s.padding());
        int[] in = new int[8], tg = new int[8];
        s.fill(new int[] {0, 1}, in, tg);
        // u0 keeps its last maxLen+1 = 5 items 1..5: inputs 1 2 3 4, targets 2 3 4 5
        assertArrayEquals(new int[] {1, 2, 3, 4, 10, 10, 10, 7}, in);
        assertArrayEquals(new int[] {2, 3, 4, 5, 10, 10, 10, 8}, tg);
        assertEquals(4, s.targetCount(0));
        assertEquals(1, s.targetCount(1));
        assertArrayEquals(new int[] {10, 10, 10, 7}, s.inputWindows(new int[] {1})[0]);
    }

    @Test
    void inferenceWindowKeepsTheMostRecentItems() {
        assertArrayEquals(new int[] {9, 9, 1, 2}, SequenceBatches.window(new int[] {1, 2}, 4, 9));
        assertArrayEquals(new int[] {3, 4, 5}, SequenceBatches.window(new int[] {1, 2, 3, 4, 5}, 3, 9));
        assertArrayEquals(new int[] {9, 9}, SequenceBatches.window(new int[0], 2, 9));
    }

    @Test
    void negativesAvoidTheUsersItemsAndPadding() {
        SequenceBatches s = new SequenceBatches(data(), 4);
        int[] in = new int[8], tg = new int[8], neg = new int[8];
        s.fill(new int[] {0, 1}, in, tg);
        SplittableRandom rng = new SplittableRandom(1);
        for (int rep = 0; rep < 200; rep++) {
            s.sampleNegatives(new int[] {0, 1}, tg, neg, rng);
            for (int k = 0; k < 4; k++) assertTrue(neg[k] >= 6 && neg[k] < 10, "u0 negative " + neg[k] + " is one of its items 0..5");
            assertTrue(neg[7] != 7 && neg[7] != 8 && neg[7] < 10, "u1 negative " + neg[7]);
            assertEquals(10, neg[4], "padding positions get the padding id, " + Arrays.toString(neg));
        }
    }

    @Test
    void rejectsNonPositiveLength() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SequenceBatches(data(), 0));
        assertTrue(e.getMessage().contains("maxLen") && e.getMessage().contains("0"));
    }
}
