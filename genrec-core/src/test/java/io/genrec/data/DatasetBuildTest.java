package io.genrec.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The in-place CSR build must equal a plain stable sort by (user, time), whatever the input order and capacity. */
class DatasetBuildTest {
    private record Row(int u, int i, float v, long t, int order) { }

    @Test
    void builderMatchesReferenceSortForShuffledInputAndAnyCapacity() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 30; trial++) {
            int users = 1 + rnd.nextInt(20), items = 1 + rnd.nextInt(30), n = rnd.nextInt(400);
            boolean grouped = trial % 3 == 0;
            int capacity = trial % 2 == 0 ? n : 16 + rnd.nextInt(2 * n + 1);
            Dataset.Builder b = new Dataset.Builder("t", capacity);
            for (int u = 0; u < users; u++) b.user("u" + u);
            for (int i = 0; i < items; i++) b.item("i" + i);
            List<Row> rows = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int u = grouped ? (int) ((long) k * users / Math.max(1, n)) : rnd.nextInt(users);
                Row r = new Row(u, rnd.nextInt(items), rnd.nextInt(5) + 1, rnd.nextInt(6), k); // few times: many ties
                rows.add(r);
                b.add("u" + r.u, "i" + r.i, r.v, r.t);
            }
            Dataset d = b.build();
            rows.sort(Comparator.comparingInt(Row::u).thenComparingLong(Row::t).thenComparingInt(Row::order));
            assertEquals(n, d.numInteractions());
            assertEquals(n, d.itemIndices().length, "arrays are trimmed to the interaction count");
            int[] ptr = d.userPointers();
            for (int k = 0; k < n; k++) {
                Row r = rows.get(k);
                assertEquals(r.i, d.itemIndices()[k], "item at " + k);
                assertEquals(r.v, d.values()[k], "value at " + k);
                assertEquals(r.t, d.timestamps()[k], "time at " + k);
                assertEquals(true, ptr[r.u] <= k && k < ptr[r.u + 1], "row " + k + " in user " + r.u);
            }
        }
    }

    @Test
    void fromColumnsDoesNotAliasCallerArrays() {
        IdMap users = IdMap.of(List.of("a", "b")), items = IdMap.of(List.of("x", "y"));
        int[] u = {1, 0, 1}, i = {0, 1, 1};
        float[] v = {1, 2, 3};
        long[] t = {5, 1, 2};
        Dataset d = Dataset.fromColumns("d", users, items, null, null, 3, u, i, v, t);
        assertArrayEquals(new int[] {0, 1, 3}, d.userPointers());
        assertArrayEquals(new int[] {1, 1, 0}, d.itemIndices());
        i[0] = 0; i[1] = 0; i[2] = 0;
        assertArrayEquals(new int[] {1, 1, 0}, d.itemIndices());
    }

    @Test
    void builderBuildsOnce() {
        Dataset.Builder b = new Dataset.Builder("once").add("a", "x", 1, 0);
        b.build();
        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void unionKeepsTimeOrderAcrossParts() {
        Dataset.Builder b = new Dataset.Builder("all");
        b.add("a", "x", 1, 10).add("a", "y", 1, 1).add("b", "y", 1, 3);
        Dataset all = b.build();
        boolean[] first = {true, false, true};
        Dataset p1 = all.filter("p1", first);
        Dataset p2 = all.filter("p2", new boolean[] {false, true, false});
        Dataset u = p1.union("u", p2);
        assertArrayEquals(all.itemIndices(), u.itemIndices());
        assertArrayEquals(all.timestamps(), u.timestamps());
    }
}
