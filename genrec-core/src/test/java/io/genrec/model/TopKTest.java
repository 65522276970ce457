package io.genrec.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@link TopK#select} against a sort of all accepted items by (score descending, item ascending). */
class TopKTest {
    /** The definition: drop NaN, -infinity and filtered items, sort by score (0 = -0) then lower id, keep k. */
    private static TopK reference(float[] scores, int k, ItemFilter filter) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < scores.length; i++)
            if (scores[i] > Float.NEGATIVE_INFINITY && filter.accepts(i)) items.add(i);
        items.sort(Comparator.<Integer>comparingDouble(i -> -(scores[i] + 0.0)).thenComparingInt(i -> i));
        int n = Math.min(k, items.size());
        int[] out = new int[n];
        float[] sc = new float[n];
        for (int r = 0; r < n; r++) { out[r] = items.get(r); sc[r] = scores[out[r]]; }
        return new TopK(out, sc);
    }

    private static void assertSame(TopK expected, TopK actual, String what) {
        assertArrayEquals(expected.items(), actual.items(), what);
        assertArrayEquals(expected.scores(), actual.scores(), what);
    }

    @Test
    void equalsTheSortedDefinitionOnRandomAndOrderedScores() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rng.nextInt(trial < 200 ? 60 : 3000);
            float[] s = new float[n];
            int kind = trial % 5;
            for (int i = 0; i < n; i++) {
                s[i] = switch (kind) {
                    case 0 -> rng.nextFloat();
                    case 1 -> rng.nextInt(5); // many ties
                    case 2 -> i; // rising with the id: the heap's worst case
                    case 3 -> n - i; // falling
                    default -> (float) rng.nextGaussian();
                };
                int odd = rng.nextInt(40);
                if (odd == 0) s[i] = Float.NaN;
                else if (odd == 1) s[i] = Float.NEGATIVE_INFINITY;
                else if (odd == 2) s[i] = Float.POSITIVE_INFINITY;
                else if (odd == 3) s[i] = -0.0f;
                else if (odd == 4) s[i] = 0.0f;
            }
            BitSet banned = new BitSet();
            for (int i = 0; i < n; i++) if (rng.nextInt(4) == 0) banned.set(i);
            ItemFilter filter = trial % 3 == 0 ? ItemFilter.ALL : i -> !banned.get(i);
            for (int k : new int[] {0, 1, 2, 7, 100, n / 2, n - 1, n, n + 3}) {
                if (k < 0) continue;
                assertSame(reference(s, k, filter), TopK.select(s, k, filter), "trial " + trial + " n " + n + " k " + k);
            }
        }
    }

    @Test
    void tiesGoToTheLowerIdAndZeroSignsTie() {
        float[] s = {1f, -0.0f, 2f, 0.0f, 2f, 1f};
        TopK t = TopK.select(s, 6, ItemFilter.ALL);
        assertArrayEquals(new int[] {2, 4, 0, 5, 1, 3}, t.items());
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(t.scores()[4]), "the item's own score is returned");
        assertThrows(IllegalArgumentException.class, () -> TopK.select(s, -1, ItemFilter.ALL));
        assertEquals(0, TopK.select(new float[] {Float.NaN, Float.NEGATIVE_INFINITY}, 3, ItemFilter.ALL).size());
        assertEquals(List.of(2), Arrays.stream(TopK.select(s, 1, ItemFilter.excluding(4)).items()).boxed().toList());
    }
}
