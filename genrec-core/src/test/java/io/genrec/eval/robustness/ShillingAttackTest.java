package io.genrec.eval.robustness;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ShillingAttackTest {
    /** 3 users, 6 items, ratings 1..5; popularity i0 3, i1 2, i2 1, i3 1. */
    static Dataset train() {
        int[] u = {0, 0, 0, 1, 1, 2, 2}, i = {0, 1, 2, 0, 1, 0, 3};
        float[] v = {5, 4, 2, 3, 1, 4, 5};
        long[] t = {1, 2, 3, 4, 5, 6, 7};
        return Dataset.fromColumns("tiny", IdMap.of(List.of("u0", "u1", "u2")), IdMap.of(List.of("i0", "i1", "i2", "i3", "i4", "i5")),
                null, null, 7, u, i, v, t);
    }

    @Test
    void zeroFakeUsersChangeNothing() {
        Dataset d = train();
        for (ShillingAttack.Type type : ShillingAttack.Type.values()) {
            Dataset p = ShillingAttack.inject(d, type, 5, 0, 3, 1);
            assertEquals(d.contentHash(), p.contentHash(), type.key());
            assertEquals(d.numUsers(), p.numUsers());
            assertArrayEquals(d.values(), p.values());
        }
    }

    @Test
    void fakeProfilesHoldTheTargetWithTheLargestValueAndDistinctFillers() {
        Dataset d = train();
        Dataset p = ShillingAttack.inject(d, ShillingAttack.Type.RANDOM, 5, 4, 3, 7);
        assertEquals(3 + 4, p.numUsers());
        assertEquals(7 + 4 * 4, p.numInteractions());
        for (int user = 0; user < 3; user++) {
            assertArrayEquals(d.itemsOf(user), p.itemsOf(user), "real users untouched");
            assertArrayEquals(d.valuesOf(user), p.valuesOf(user));
        }
        for (int user = 3; user < 7; user++) {
            assertEquals("fake-" + (user - 3), p.userIds().externalId(user));
            int[] items = p.itemsOf(user);
            float[] values = p.valuesOf(user);
            assertEquals(4, Arrays.stream(items).distinct().count(), "target + 3 distinct fillers");
            boolean target = false;
            for (int j = 0; j < items.length; j++) {
                assertTrue(values[j] >= 1 && values[j] <= 5, "values clipped to the data's range");
                if (items[j] == 5) { target = true; assertEquals(5f, values[j]); }
            }
            assertTrue(target);
        }
        assertEquals(p.contentHash(), ShillingAttack.inject(d, ShillingAttack.Type.RANDOM, 5, 4, 3, 7).contentHash(), "deterministic per seed");
    }

    @Test
    void bandwagonProfilesRateTheMostPopularItemHighest() {
        Dataset p = ShillingAttack.inject(train(), ShillingAttack.Type.BANDWAGON, 5, 2, 3, 3);
        // filler 3 → max(1, 3/10) = 1 selected item: the most popular, i0, with the largest value 5.
        for (int user = 3; user < 5; user++) {
            int[] items = p.itemsOf(user);
            float[] values = p.valuesOf(user);
            int at = Arrays.stream(items).boxed().toList().indexOf(0);
            assertTrue(at >= 0, "bandwagon profile has the most popular item");
            assertEquals(5f, values[at]);
        }
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> ShillingAttack.inject(train(), ShillingAttack.Type.RANDOM, 9, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ShillingAttack.inject(train(), ShillingAttack.Type.RANDOM, 5, 1, 6, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShillingAttack.Type.parse("sybil"));
        assertTrue(e.getMessage().contains("bandwagon"));
    }
}
