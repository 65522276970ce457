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

    /**
     * The one-pass union of several parts equals building their concatenation (the builder's stable sort by user,
     * then time, ties in part order), and its hash computed without building it equals the built union's hash.
     */
    @Test
    void multiPartUnionEqualsBuildingTheConcatenationAndHashesAlike() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 25; trial++) {
            int users = 1 + rnd.nextInt(15), items = 1 + rnd.nextInt(20), numParts = 1 + rnd.nextInt(4);
            List<String> uids = new ArrayList<>(), iids = new ArrayList<>();
            for (int u = 0; u < users; u++) uids.add("u" + u);
            for (int i = 0; i < items; i++) iids.add("i" + i);
            IdMap um = IdMap.of(uids), im = IdMap.of(iids);
            List<Dataset> parts = new ArrayList<>();
            int total = 0;
            for (int p = 0; p < numParts; p++) {
                int n = rnd.nextInt(60);
                int[] u = new int[n], i = new int[n];
                float[] v = new float[n];
                long[] t = new long[n];
                for (int k = 0; k < n; k++) { u[k] = rnd.nextInt(users); i[k] = rnd.nextInt(items); v[k] = rnd.nextInt(5); t[k] = rnd.nextInt(4); }
                parts.add(Dataset.fromColumns("p" + p, um, im, null, null, n, u, i, v, t));
                total += n;
            }
            // reference: the parts' rows in part order, each part already in (user, time) order as its Dataset holds them
            int[] u = new int[total], i = new int[total];
            float[] v = new float[total];
            long[] t = new long[total];
            int o = 0;
            for (Dataset d : parts)
                for (int user = 0; user < users; user++)
                    for (int k = d.userPointers()[user]; k < d.userPointers()[user + 1]; k++, o++) {
                        u[o] = user; i[o] = d.itemIndices()[k]; v[o] = d.values()[k]; t[o] = d.timestamps()[k];
                    }
            Dataset expected = Dataset.fromColumns("all", um, im, null, null, total, u, i, v, t);
            Dataset got = Dataset.union("all", parts);
            assertArrayEquals(expected.userPointers(), got.userPointers(), "trial " + trial);
            assertArrayEquals(expected.itemIndices(), got.itemIndices(), "trial " + trial);
            assertArrayEquals(expected.values(), got.values(), "trial " + trial);
            assertArrayEquals(expected.timestamps(), got.timestamps(), "trial " + trial);
            assertEquals(expected.contentHash(), Dataset.unionHash(parts), "trial " + trial);
        }
    }

    @Test
    void unionRefusesPartsOverOtherIdMaps() {
        Dataset a = new Dataset.Builder("a").add("u", "x", 1, 0).build();
        Dataset b = new Dataset.Builder("b").add("u", "x", 1, 0).build();
        assertThrows(IllegalArgumentException.class, () -> Dataset.union("ab", List.of(a, b)));
        assertThrows(IllegalArgumentException.class, () -> Dataset.unionHash(List.of(a, b)));
    }

    @Test
    void adoptUserRowsSortsEachUserByTimeStablyAndChecksItsInput() {
        IdMap users = IdMap.of(List.of("a", "b")), items = IdMap.of(List.of("x", "y", "z"));
        int[] ptr = {0, 3, 4};
        int[] it = {2, 0, 1, 1};
        float[] v = {1, 2, 3, 4};
        long[] t = {7, 3, 3, 1};
        Dataset d = Dataset.adoptUserRows("d", users, items, null, null, ptr, it, v, t);
        assertArrayEquals(new int[] {0, 1, 2, 1}, d.itemIndices());
        assertArrayEquals(new long[] {3, 3, 7, 1}, d.timestamps());
        assertThrows(IllegalArgumentException.class, () -> Dataset.adoptUserRows("bad", users, items, null, null,
                new int[] {0, 1, 2}, new int[] {0, 3}, new float[2], new long[2]));
        assertThrows(IllegalArgumentException.class, () -> Dataset.adoptUserRows("short", users, items, null, null,
                new int[] {0, 1, 3}, new int[] {0, 1}, new float[2], new long[2]));
    }
}
