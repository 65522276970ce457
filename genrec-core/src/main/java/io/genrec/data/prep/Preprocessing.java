package io.genrec.data.prep;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.data.UserTable;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The usual cleaning before a split, applied in this order:
 * <ol>
 *   <li>duplicates: repeated (user, item) pairs are kept or reduced to one by {@link DuplicatePolicy};</li>
 *   <li>implicit conversion: with a threshold {@code t}, interactions with value {@code >= t} are kept with value 1,
 *       the rest dropped (e.g. ratings ≥ 4 as positives, Liang et al. 2018);</li>
 *   <li>iterative k-core: users with fewer than {@code userCore} and items with fewer than {@code itemCore}
 *       interactions are removed, repeatedly, until every remaining user and item meets its bound.</li>
 * </ol>
 * The result has new dense ids over the surviving users and items (external ids and order kept) with the item
 * catalogue and user table rows moved along. A core of 0 keeps every user/item, even those left without
 * interactions; a core of 1 drops them.
 *
 * @param implicitThreshold keep values {@code >= t} as 1; null keeps all values unchanged
 * @param userCore          minimum interactions per user (0 = no filter)
 * @param itemCore          minimum interactions per item (0 = no filter)
 * @param duplicates        what to do with repeated (user, item) pairs
 */
public record Preprocessing(Float implicitThreshold, int userCore, int itemCore, DuplicatePolicy duplicates) {
    /** Repeated (user, item) pairs: keep them all, or keep one (the earliest, the latest, or the one with the highest value). */
    public enum DuplicatePolicy {
        KEEP_ALL, KEEP_FIRST, KEEP_LAST,
        /** The highest value; among equal values the earliest. */
        MAX
    }

    /** No change. */
    public static final Preprocessing NONE = new Preprocessing(null, 0, 0, DuplicatePolicy.KEEP_ALL);

    public Preprocessing {
        if (implicitThreshold != null && !Float.isFinite(implicitThreshold))
            throw new IllegalArgumentException("implicit threshold must be finite, got " + implicitThreshold);
        if (userCore < 0 || itemCore < 0)
            throw new IllegalArgumentException("k-core bounds must be >= 0, got user " + userCore + ", item " + itemCore);
        if (duplicates == null) throw new IllegalArgumentException("duplicate policy must not be null");
    }

    /** A short description for provenance, e.g. {@code "duplicates=KEEP_ALL, implicit>=4.0, core(user=5,item=5)"}. */
    public String description() {
        return "duplicates=" + duplicates + (implicitThreshold == null ? "" : String.format(Locale.ROOT, ", implicit>=%s", implicitThreshold))
                + ", core(user=" + userCore + ",item=" + itemCore + ")";
    }

    public Dataset apply(Dataset data) {
        boolean[] keep = new boolean[data.numInteractions()];
        Arrays.fill(keep, true);
        removeDuplicates(data, keep);
        if (implicitThreshold != null) {
            float[] v = data.values();
            float t = implicitThreshold;
            for (int k = 0; k < keep.length; k++) if (v[k] < t) keep[k] = false;
        }
        int[] userCount = new int[data.numUsers()];
        int[] itemCount = new int[data.numItems()];
        kCore(data, keep, userCount, itemCount);
        return rebuild(data, keep, userCount, itemCount);
    }

    private void removeDuplicates(Dataset data, boolean[] keep) {
        if (duplicates == DuplicatePolicy.KEEP_ALL) return;
        int[] ptr = data.userPointers(), items = data.itemIndices();
        float[] v = data.values();
        int[] ownerUser = new int[data.numItems()];
        int[] keptAt = new int[data.numItems()];
        Arrays.fill(ownerUser, -1);
        for (int u = 0; u < data.numUsers(); u++) {
            for (int k = ptr[u]; k < ptr[u + 1]; k++) {
                int i = items[k];
                if (ownerUser[i] != u) {
                    ownerUser[i] = u;
                    keptAt[i] = k;
                    continue;
                }
                int prev = keptAt[i];
                boolean replace = switch (duplicates) {
                    case KEEP_FIRST, KEEP_ALL -> false;
                    case KEEP_LAST -> true;
                    case MAX -> v[k] > v[prev];
                };
                if (replace) {
                    keep[prev] = false;
                    keptAt[i] = k;
                } else {
                    keep[k] = false;
                }
            }
        }
    }

    /** Drops users/items under their bound until none is left; leaves the surviving counts in the arrays. */
    private void kCore(Dataset data, boolean[] keep, int[] userCount, int[] itemCount) {
        int[] ptr = data.userPointers(), items = data.itemIndices();
        for (int u = 0; u < data.numUsers(); u++)
            for (int k = ptr[u]; k < ptr[u + 1]; k++)
                if (keep[k]) { userCount[u]++; itemCount[items[k]]++; }
        boolean changed = userCore > 0 || itemCore > 0;
        while (changed) {
            changed = false;
            for (int u = 0; u < data.numUsers(); u++) {
                boolean dropUser = userCount[u] < userCore;
                for (int k = ptr[u]; k < ptr[u + 1]; k++) {
                    if (!keep[k]) continue;
                    int i = items[k];
                    if (dropUser || itemCount[i] < itemCore) {
                        keep[k] = false;
                        userCount[u]--;
                        itemCount[i]--;
                        changed = true;
                    }
                }
            }
        }
    }

    /**
     * Copies the kept interactions under new dense ids. The rows stay user-grouped and time-ordered, and the builder
     * gets the exact count, so it adopts its columns without sorting or copying (matters for 25M-row data).
     */
    private Dataset rebuild(Dataset data, boolean[] keep, int[] userCount, int[] itemCount) {
        int n = 0;
        for (boolean b : keep) if (b) n++;
        Dataset.Builder b = new Dataset.Builder(data.name(), n);
        int[] newUser = register(data.userIds(), userCount, userCore, b::user);
        int[] newItem = register(data.itemIds(), itemCount, itemCore, b::item);
        int[] ptr = data.userPointers(), it = data.itemIndices();
        float[] val = data.values();
        long[] time = data.timestamps();
        for (int user = 0; user < data.numUsers(); user++) {
            for (int k = ptr[user]; k < ptr[user + 1]; k++) {
                if (keep[k]) b.addIndexed(newUser[user], newItem[it[k]], implicitThreshold == null ? val[k] : 1f, time[k]);
            }
        }
        return b.build(items -> {
            Item[] cat = new Item[items.size()];
            for (int old = 0; old < newItem.length; old++) if (newItem[old] >= 0) cat[newItem[old]] = data.catalog().get(old);
            return new ItemCatalog(cat);
        }, users -> {
            @SuppressWarnings("unchecked")
            Map<String, String>[] attrs = new Map[users.size()];
            for (int old = 0; old < newUser.length; old++) if (newUser[old] >= 0) attrs[newUser[old]] = data.userTable().attributes(old);
            return new UserTable(attrs);
        });
    }

    /** Registers the survivors (count >= core) in old order; returns new dense id per old id, -1 for the removed. */
    private static int[] register(IdMap ids, int[] counts, int core, ToIntFunction<String> add) {
        int[] map = new int[counts.length];
        for (int k = 0; k < counts.length; k++) map[k] = counts[k] >= core ? add.applyAsInt(ids.externalId(k)) : -1;
        return map;
    }
}
