package io.genrec.data.prep;

import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.data.UserTable;
import io.genrec.data.prep.Preprocessing.DuplicatePolicy;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessingTest {
    /** a: x(t1, 3), y(t2, 5), x(t3, 4), x(t4, 4); b: y(t1, 2). */
    private static Dataset duplicates() {
        return new Dataset.Builder("dups")
                .add("a", "x", 3, 1).add("a", "y", 5, 2).add("a", "x", 4, 3).add("a", "x", 4, 4).add("b", "y", 2, 1)
                .build();
    }

    private static Preprocessing dedup(DuplicatePolicy p) { return new Preprocessing(null, 0, 0, p); }

    @Test
    void duplicatePolicies() {
        Dataset d = duplicates();
        assertEquals(5, dedup(DuplicatePolicy.KEEP_ALL).apply(d).numInteractions());
        Dataset first = dedup(DuplicatePolicy.KEEP_FIRST).apply(d);
        assertArrayEquals(new long[] {1, 2}, first.timesOf(0));
        assertArrayEquals(new float[] {3, 5}, first.valuesOf(0));
        Dataset last = dedup(DuplicatePolicy.KEEP_LAST).apply(d);
        assertArrayEquals(new long[] {2, 4}, last.timesOf(0));
        assertArrayEquals(new float[] {5, 4}, last.valuesOf(0));
        Dataset max = dedup(DuplicatePolicy.MAX).apply(d);
        assertArrayEquals(new long[] {2, 3}, max.timesOf(0), "max value 4 first reached at t3; t4 ties and is dropped");
        assertArrayEquals(new float[] {5, 4}, max.valuesOf(0));
        assertEquals(1, max.historyLength(1), "other users are untouched");
    }

    @Test
    void sumKeepsTheEarliestRowWithTheSummedValue() {
        Dataset sum = dedup(DuplicatePolicy.SUM).apply(duplicates());
        assertArrayEquals(new long[] {1, 2}, sum.timesOf(0), "x at its first time t1, then y");
        assertArrayEquals(new float[] {11, 5}, sum.valuesOf(0), "x: 3 + 4 + 4");
        assertArrayEquals(new float[] {2}, sum.valuesOf(1));
        // The threshold sees the summed value: x's single rows (3, 4, 4) would pass >= 10 only as a sum.
        Dataset t = new Preprocessing(10f, 0, 0, DuplicatePolicy.SUM).apply(duplicates());
        assertEquals(1, t.numInteractions());
        assertArrayEquals(new long[] {1}, t.timesOf(0));
    }

    @Test
    void policiesParseFromTheirCliNames() {
        assertEquals(DuplicatePolicy.KEEP_ALL, DuplicatePolicy.parse("keep", "--duplicates"));
        assertEquals(DuplicatePolicy.KEEP_FIRST, DuplicatePolicy.parse("first", "--duplicates"));
        assertEquals(DuplicatePolicy.KEEP_LAST, DuplicatePolicy.parse("LAST", "--duplicates"));
        assertEquals(DuplicatePolicy.SUM, DuplicatePolicy.parse("sum", "--duplicates"));
        assertEquals(DuplicatePolicy.MAX, DuplicatePolicy.parse("max", "--duplicates"));
        for (DuplicatePolicy p : DuplicatePolicy.values()) assertEquals(p, DuplicatePolicy.parse(p.key(), "x"), "round trip " + p);
        var e = assertThrows(IllegalArgumentException.class, () -> DuplicatePolicy.parse("mean", "--duplicates"));
        assertEquals("--duplicates 'mean': expected one of keep, first, last, sum, max", e.getMessage());
    }

    @Test
    void thresholdKeepsPositivesAsOnesAfterDedup() {
        Dataset d = duplicates();
        Dataset t = new Preprocessing(4f, 0, 0, DuplicatePolicy.KEEP_FIRST).apply(d);
        // KEEP_FIRST keeps x(3) -> below 4, dropped; y(5) kept as 1; b's y(2) dropped, b stays (core 0).
        assertEquals(1, t.numInteractions());
        assertArrayEquals(new float[] {1}, t.valuesOf(0));
        assertEquals(2, t.numUsers());
        Dataset m = new Preprocessing(4f, 1, 1, DuplicatePolicy.MAX).apply(d);
        assertEquals(List.of("a"), m.userIds().externalIds(), "core 1 drops users left without interactions");
        assertEquals(2, m.numInteractions());
        assertArrayEquals(new float[] {1, 1}, m.values());
    }

    @Test
    void remapKeepsCatalogAndUserRowsAligned() {
        Dataset.Builder b = new Dataset.Builder("meta");
        b.add("u1", "gone", 1, 0).add("u2", "kept", 1, 0).add("u3", "kept", 1, 1).add("u3", "gone2", 1, 2);
        Dataset d = b.build(ids -> {
            Item[] items = new Item[ids.size()];
            for (int k = 0; k < items.length; k++) items[k] = new Item(ids.externalId(k), "title " + ids.externalId(k), null, null, null);
            return new ItemCatalog(items);
        }, ids -> {
            @SuppressWarnings("unchecked")
            Map<String, String>[] rows = new Map[ids.size()];
            for (int k = 0; k < rows.length; k++) rows[k] = Map.of("name", ids.externalId(k));
            return new UserTable(rows);
        });
        Dataset r = new Preprocessing(null, 1, 2, DuplicatePolicy.KEEP_ALL).apply(d);
        assertEquals(List.of("kept"), r.itemIds().externalIds());
        assertEquals(List.of("u2", "u3"), r.userIds().externalIds());
        assertEquals("title kept", r.catalog().get(0).title());
        assertEquals("u3", r.userTable().attributes(1).get("name"));
        assertArrayEquals(new long[] {1}, r.timesOf(1));
    }

    @Test
    void kCoreReachesFixedPointOnRandomData() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int users = 5 + rnd.nextInt(60), items = 5 + rnd.nextInt(60), n = rnd.nextInt(1500);
            Dataset.Builder b = new Dataset.Builder("r");
            for (int k = 0; k < n; k++) {
                // skewed: low ids are popular/active, so cores cascade
                int u = (int) (users * Math.pow(rnd.nextDouble(), 2)), i = (int) (items * Math.pow(rnd.nextDouble(), 2));
                b.add("u" + u, "i" + i, 1 + rnd.nextInt(5), rnd.nextInt(100));
            }
            Dataset d = b.build();
            int ku = 1 + rnd.nextInt(8), ki = 1 + rnd.nextInt(8);
            DuplicatePolicy policy = DuplicatePolicy.values()[trial % DuplicatePolicy.values().length];
            Preprocessing p = new Preprocessing(null, ku, ki, policy);
            Dataset r = p.apply(d);
            for (int u = 0; u < r.numUsers(); u++) assertTrue(r.historyLength(u) >= ku, "user " + u + " below core " + ku);
            for (int c : r.itemPopularity()) assertTrue(c >= ki, "item below core " + ki);
            assertEquals(r.numInteractions(), p.apply(r).numInteractions(), "applying again changes nothing");
            assertEquals(referenceCore(d, ku, ki, policy), r.numInteractions(), "same size as a naive k-core");
        }
    }

    /** Naive k-core on (user, item) pairs after dedup: recount from scratch until nothing changes. */
    private static int referenceCore(Dataset d, int ku, int ki, DuplicatePolicy policy) {
        Set<Integer> alive = new HashSet<>();
        Set<Long> seen = new HashSet<>();
        int[] ptr = d.userPointers();
        for (int u = 0; u < d.numUsers(); u++)
            for (int k = ptr[u]; k < ptr[u + 1]; k++)
                if (policy == DuplicatePolicy.KEEP_ALL || seen.add(((long) u << 32) | d.itemIndices()[k])) alive.add(k);
        int[] rowUser = new int[d.numInteractions()];
        for (int u = 0; u < d.numUsers(); u++) for (int k = ptr[u]; k < ptr[u + 1]; k++) rowUser[k] = u;
        boolean changed = true;
        while (changed) {
            Map<Integer, Integer> uc = new HashMap<>(), ic = new HashMap<>();
            for (int k : alive) { uc.merge(rowUser[k], 1, Integer::sum); ic.merge(d.itemIndices()[k], 1, Integer::sum); }
            changed = alive.removeIf(k -> uc.get(rowUser[k]) < ku || ic.get(d.itemIndices()[k]) < ki);
        }
        return alive.size();
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(Float.NaN, 0, 0, DuplicatePolicy.KEEP_ALL));
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(null, -1, 0, DuplicatePolicy.KEEP_ALL));
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(null, 0, 0, null));
    }
}
