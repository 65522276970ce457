package io.genrec.split;

import io.genrec.data.Dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** Checks shared by the splitter tests, on interactions compared as sorted multisets of (user, item, time, value). */
final class SplitAssertions {
    private SplitAssertions() { }

    /** One interaction by dense ids (all parts of a split share the input's id maps). */
    record Row(int user, int item, long time, float value) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            int c = Integer.compare(user, o.user);
            if (c == 0) c = Long.compare(time, o.time);
            if (c == 0) c = Integer.compare(item, o.item);
            return c != 0 ? c : Float.compare(value, o.value);
        }
    }

    /** The interactions of all datasets as a sorted multiset of (user, item, time, value). */
    static List<Row> interactions(Dataset... parts) {
        List<Row> out = new ArrayList<>();
        for (Dataset d : parts) {
            if (d == null) continue;
            for (int u = 0; u < d.numUsers(); u++)
                for (int k = d.userPointers()[u]; k < d.userPointers()[u + 1]; k++)
                    out.add(new Row(u, d.itemIndices()[k], d.timestamps()[k], d.values()[k]));
        }
        Collections.sort(out);
        return out;
    }

    /** Equal sorted multisets; on failure names the sizes and the first row that differs, not the whole lists. */
    static void assertSameRows(List<Row> expected, List<Row> actual, String message) {
        int n = Math.min(expected.size(), actual.size());
        for (int k = 0; k < n; k++)
            if (!expected.get(k).equals(actual.get(k)))
                fail(message + ": first difference at sorted position " + k + ": expected " + expected.get(k) + ", got "
                        + actual.get(k) + " (" + expected.size() + " vs " + actual.size() + " interactions)");
        assertEquals(expected.size(), actual.size(), message + ": interaction counts");
    }

    /** All parts of the split use the input's id maps. */
    static void assertSameIds(Dataset input, Split split) {
        for (Dataset d : parts(split)) {
            assertSame(input.userIds(), d.userIds(), d.name() + " user ids");
            assertSame(input.itemIds(), d.itemIds(), d.name() + " item ids");
        }
    }

    private static List<Dataset> parts(Split split) {
        List<Dataset> out = new ArrayList<>(List.of(split.train(), split.test().history(), split.test().targets()));
        if (split.validation() != null) {
            out.add(split.validation().history());
            out.add(split.validation().targets());
        }
        return out;
    }

    /**
     * The contract of the cumulative protocols (leave-one-out, temporal, random holdout): train, validation targets
     * and test targets partition the input exactly; validation is queried with train, test with train ∪ validation.
     */
    static void assertCumulative(Dataset input, Split split) {
        assertSameIds(input, split);
        Dataset valid = split.validation() == null ? null : split.validation().targets();
        assertSameRows(interactions(input), interactions(split.train(), valid, split.test().targets()),
                "train + validation + test must be exactly the input");
        if (valid != null)
            assertSameRows(interactions(split.train()), interactions(split.validation().history()), "validation history = train");
        assertSameRows(interactions(split.train(), valid), interactions(split.test().history()), "test history = train + validation");
    }

    /** No target item occurs in the same user's history (meaningful for inputs without repeated (user, item) pairs). */
    static void assertNoTargetInHistory(EvalSet set) {
        if (set == null) return;
        for (int u : set.evaluatedUsers()) {
            Set<Integer> history = new HashSet<>();
            for (int i : set.history().itemsOf(u)) history.add(i);
            for (int i : set.targets().itemsOf(u))
                assertFalse(history.contains(i), set.name() + ": user " + u + " has target item " + i + " in its history");
        }
    }

    /** Two splits have identical parts and description. */
    static void assertSameSplit(Split a, Split b) {
        assertEquals(a.description(), b.description());
        List<Dataset> pa = parts(a), pb = parts(b);
        assertEquals(pa.size(), pb.size());
        for (int k = 0; k < pa.size(); k++)
            assertEquals(pa.get(k).contentHash(), pb.get(k).contentHash(), pa.get(k).name() + " differs between runs");
    }

    /** Users with at least one interaction in {@code d}. */
    static Set<Integer> activeUsers(Dataset d) {
        Set<Integer> out = new TreeSet<>();
        for (int u = 0; u < d.numUsers(); u++) if (d.historyLength(u) > 0) out.add(u);
        return out;
    }

    /** The user's items in time order as external ids. */
    static List<String> externalItems(Dataset d, int user) {
        List<String> out = new ArrayList<>();
        for (int i : d.itemsOf(user)) out.add(d.itemIds().externalId(i));
        return out;
    }
}
