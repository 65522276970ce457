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
 *   <li>implicit conversion: with a threshold {@code t}, interactions with value {@code >= t} (after summing, for
 *       {@link DuplicatePolicy#SUM}) are kept with value 1,
 *       the rest dropped (e.g. ratings ≥ 4 as positives, Liang et al. 2018);</li>
 *   <li>iterative k-core: users with fewer than {@code userCore} and items with fewer than {@code itemCore}
 *       interactions are removed, repeatedly, until every remaining user and item meets its bound.</li>
 * </ol>
 * The result has new dense ids over the surviving users and items (external ids and order kept) with the item
 * catalogue and user table rows moved along. A core of 0 keeps every user/item, even those left without
 * interactions; a core of 1 drops them.
 *
 * <p>With {@code coreBefore = T} the k-core counts only the interactions before time {@code T} (a temporal split's
 * first cut): the users and items that meet their bounds there survive with all their interactions, at any time,
 * and every interaction of a user or item that does not is dropped. Later interactions then cannot decide who
 * survives, which they would if the k-core counted them (a leak of the test period into the training data).
 *
 * @param implicitThreshold keep values {@code >= t} as 1; null keeps all values unchanged
 * @param userCore          minimum interactions per user (0 = no filter)
 * @param itemCore          minimum interactions per item (0 = no filter)
 * @param duplicates        what to do with repeated (user, item) pairs
 * @param coreBefore        count only interactions with time {@code < coreBefore} for the k-core; null counts all
 */
public record Preprocessing(Float implicitThreshold, int userCore, int itemCore, DuplicatePolicy duplicates, Long coreBefore) {
    /**
     * Repeated (user, item) pairs: keep them all, or keep one (the earliest, the latest, the earliest with the sum of
     * the values, or the one with the highest value). {@link #key()} is the name on the command line and in config files.
     */
    public enum DuplicatePolicy {
        KEEP_ALL("keep"), KEEP_FIRST("first"), KEEP_LAST("last"),
        /** The earliest row with the sum of all the pair's values (play counts, repeated purchases). */
        SUM("sum"),
        /** The highest value; among equal values the earliest. */
        MAX("max");

        private final String key;

        DuplicatePolicy(String key) { this.key = key; }

        public String key() { return key; }

        /** The policy named {@code key} (case-insensitive); otherwise an error naming {@code what} and the allowed names. */
        public static DuplicatePolicy parse(String key, String what) {
            for (DuplicatePolicy p : values()) if (p.key.equalsIgnoreCase(key == null ? "" : key.trim())) return p;
            StringBuilder allowed = new StringBuilder();
            for (DuplicatePolicy p : values()) allowed.append(allowed.isEmpty() ? "" : ", ").append(p.key);
            throw new IllegalArgumentException(what + " '" + key + "': expected one of " + allowed);
        }
    }

    /** No change. */
    public static final Preprocessing NONE = new Preprocessing(null, 0, 0, DuplicatePolicy.KEEP_ALL);

    /** The k-core counts every interaction. */
    public Preprocessing(Float implicitThreshold, int userCore, int itemCore, DuplicatePolicy duplicates) {
        this(implicitThreshold, userCore, itemCore, duplicates, null);
    }

    /** This preprocessing with the k-core counting only the interactions before {@code time}. */
    public Preprocessing withCoreBefore(long time) {
        return new Preprocessing(implicitThreshold, userCore, itemCore, duplicates, time);
    }

    public Preprocessing {
        if (implicitThreshold != null && !Float.isFinite(implicitThreshold))
            throw new IllegalArgumentException("implicit threshold must be finite, got " + implicitThreshold);
        if (userCore < 0 || itemCore < 0)
            throw new IllegalArgumentException("k-core bounds must be >= 0, got user " + userCore + ", item " + itemCore);
        if (duplicates == null) throw new IllegalArgumentException("duplicate policy must not be null");
    }

    /** A short description for provenance, e.g. {@code "duplicates=keep, implicit>=4.0, core(user=5,item=5)"}. */
    public String description() {
        return "duplicates=" + duplicates.key() + (implicitThreshold == null ? "" : String.format(Locale.ROOT, ", implicit>=%s", implicitThreshold))
                + ", core(user=" + userCore + ",item=" + itemCore + (coreBefore == null ? "" : ",counting time<" + coreBefore) + ")";
    }

    public Dataset apply(Dataset data) {
        boolean[] keep = new boolean[data.numInteractions()];
        Arrays.fill(keep, true);
        float[] v = removeDuplicates(data, keep);
        if (implicitThreshold != null) {
            float t = implicitThreshold;
            for (int k = 0; k < keep.length; k++) if (v[k] < t) keep[k] = false;
        }
        int[] userCount = new int[data.numUsers()];
        int[] itemCount = new int[data.numItems()];
        if (coreBefore == null) {
            kCore(data, keep, userCount, itemCount);
        } else {
            boolean[] counted = keep.clone();
            long[] time = data.timestamps();
            for (int k = 0; k < counted.length; k++) if (time[k] >= coreBefore) counted[k] = false;
            kCore(data, counted, userCount, itemCount);
            int[] ptr = data.userPointers(), items = data.itemIndices();
            for (int u = 0; u < data.numUsers(); u++)
                for (int k = ptr[u]; k < ptr[u + 1]; k++)
                    if (userCount[u] < userCore || itemCount[items[k]] < itemCore) keep[k] = false;
        }
        return rebuild(data, keep, userCount, itemCount, v);
    }

    /** Marks the rows to drop; returns the values to use (a summed copy for {@link DuplicatePolicy#SUM}). */
    private float[] removeDuplicates(Dataset data, boolean[] keep) {
        float[] v = data.values();
        if (duplicates == DuplicatePolicy.KEEP_ALL) return v;
        if (duplicates == DuplicatePolicy.SUM) v = v.clone();
        int[] ptr = data.userPointers(), items = data.itemIndices();
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
                    case KEEP_FIRST, KEEP_ALL, SUM -> false;
                    case KEEP_LAST -> true;
                    case MAX -> v[k] > v[prev];
                };
                if (duplicates == DuplicatePolicy.SUM) v[prev] += v[k];
                if (replace) {
                    keep[prev] = false;
                    keptAt[i] = k;
                } else {
                    keep[k] = false;
                }
            }
        }
        return v;
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
    private Dataset rebuild(Dataset data, boolean[] keep, int[] userCount, int[] itemCount, float[] val) {
        int n = 0;
        for (boolean b : keep) if (b) n++;
        Dataset.Builder b = new Dataset.Builder(data.name(), n);
        int[] newUser = register(data.userIds(), userCount, userCore, b::user);
        int[] newItem = register(data.itemIds(), itemCount, itemCore, b::item);
        int[] ptr = data.userPointers(), it = data.itemIndices();
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
