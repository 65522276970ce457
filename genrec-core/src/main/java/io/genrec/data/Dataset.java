package io.genrec.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable set of user–item interactions over a fixed id space, stored as a user-major CSR matrix in primitive
 * arrays: for user {@code u}, entries {@code userPtr[u] .. userPtr[u+1]-1} of {@link #itemIndices()},
 * {@link #values()} and {@link #timestamps()} are that user's interactions in time order (ties keep input order).
 *
 * <p>Splits produce several datasets that share the same {@link IdMap}s, so dense ids mean the same thing in the
 * train, validation and test parts. Memory: 16 bytes per interaction (int item, float value, long time) plus
 * 4 bytes per user; 25M interactions fit in about 400 MB. Building through {@link Builder} with an exact capacity
 * peaks at 20 bytes per interaction: the builder's columns are sorted into CSR in place and adopted.
 *
 * <p>Thread safety: immutable after construction; the lazily computed popularity, transpose and hash are published
 * safely (idempotent computation, final arrays).
 */
public final class Dataset {
    private final String name;
    private final IdMap users;
    private final IdMap items;
    private final ItemCatalog catalog;
    private final UserTable userTable;
    private final int[] userPtr;
    private final int[] itemIdx;
    private final float[] values;
    private final long[] times;

    private volatile int[] popularity;
    private volatile String contentHash;
    private volatile Transpose transpose;

    private Dataset(String name, IdMap users, IdMap items, ItemCatalog catalog, UserTable userTable,
                    int[] userPtr, int[] itemIdx, float[] values, long[] times) {
        this.name = Objects.requireNonNull(name, "name");
        this.users = users;
        this.items = items;
        this.catalog = catalog == null ? ItemCatalog.bare(items) : catalog;
        this.userTable = userTable == null ? UserTable.empty(users.size()) : userTable;
        if (this.catalog.size() != items.size())
            throw new IllegalArgumentException("catalog has " + this.catalog.size() + " items, id map " + items.size());
        if (this.userTable.size() != users.size())
            throw new IllegalArgumentException("user table has " + this.userTable.size() + " users, id map " + users.size());
        if (userPtr.length != users.size() + 1)
            throw new IllegalArgumentException("userPtr length " + userPtr.length + ", expected " + (users.size() + 1));
        this.userPtr = userPtr;
        this.itemIdx = itemIdx;
        this.values = values;
        this.times = times;
    }

    /**
     * Builds a dataset from interaction columns given in any order; sorts them into CSR (by user, then time, stable).
     * The first {@code n} entries of each column are used; they are copied, the caller's arrays are left unchanged.
     */
    public static Dataset fromColumns(String name, IdMap users, IdMap items, ItemCatalog catalog, UserTable userTable,
                                      int n, int[] u, int[] i, float[] v, long[] t) {
        Columns c = new Columns(Arrays.copyOf(u, n), Arrays.copyOf(i, n), Arrays.copyOf(v, n), Arrays.copyOf(t, n), n);
        return build(name, users, items, catalog, userTable, c);
    }

    /**
     * Adopts columns already grouped by user: user {@code u}'s rows are {@code userPtr[u] .. userPtr[u+1]-1}. Each
     * user's rows are put in time order (stable) in place. The arrays are taken over, not copied: the caller must not
     * use them afterwards. For readers that know each user's row count before reading (16 bytes per interaction).
     */
    public static Dataset adoptUserRows(String name, IdMap users, IdMap items, ItemCatalog catalog, UserTable userTable,
                                        int[] userPtr, int[] itemIdx, float[] values, long[] times) {
        int n = userPtr[userPtr.length - 1];
        if (userPtr[0] != 0 || itemIdx.length != n || values.length != n || times.length != n)
            throw new IllegalArgumentException("user pointers end at " + n + ", columns hold " + itemIdx.length + "/" + values.length + "/" + times.length);
        for (int u = 0; u + 1 < userPtr.length; u++)
            if (userPtr[u + 1] < userPtr[u]) throw new IllegalArgumentException("user pointers decrease at user " + u);
        for (int k = 0; k < n; k++)
            if (itemIdx[k] < 0 || itemIdx[k] >= items.size())
                throw new IllegalArgumentException("item index " + itemIdx[k] + " out of range [0," + items.size() + ") at row " + k);
        sortUsersByTime(userPtr, itemIdx, values, times);
        return new Dataset(name, users, items, catalog, userTable, userPtr, itemIdx, values, times);
    }

    /**
     * Sorts owned columns into CSR in place and adopts them. Peak memory is the columns themselves (20 bytes per
     * interaction) plus one bit per interaction: the user column is turned into the destination index of each row
     * (a counting sort), the rows are moved along the permutation's cycles, then the user column is released.
     * Columns longer than {@code n} are trimmed one at a time, so only one spare copy is alive at once.
     */
    private static Dataset build(String name, IdMap users, IdMap items, ItemCatalog catalog, UserTable userTable,
                                 Columns c) {
        int n = c.n;
        int numUsers = users.size();
        int numItems = items.size();
        int[] ptr = new int[numUsers + 1];
        boolean grouped = true;
        {
            int[] u = c.u, i = c.i;
            for (int k = 0; k < n; k++) {
                if (u[k] < 0 || u[k] >= numUsers) throw new IllegalArgumentException("user index " + u[k] + " out of range [0," + numUsers + ") at row " + k);
                if (i[k] < 0 || i[k] >= numItems) throw new IllegalArgumentException("item index " + i[k] + " out of range [0," + numItems + ") at row " + k);
                ptr[u[k] + 1]++;
                if (k > 0 && u[k] < u[k - 1]) grouped = false;
            }
        }
        for (int k = 0; k < numUsers; k++) ptr[k + 1] += ptr[k];
        if (!grouped) groupByUser(c, ptr);
        c.u = null;
        c.i = c.i.length == n ? c.i : Arrays.copyOf(c.i, n);
        c.v = c.v.length == n ? c.v : Arrays.copyOf(c.v, n);
        c.t = c.t.length == n ? c.t : Arrays.copyOf(c.t, n);
        sortUsersByTime(ptr, c.i, c.v, c.t);
        return new Dataset(name, users, items, catalog, userTable, ptr, c.i, c.v, c.t);
    }

    /** Stable counting sort by user, in place: {@code u[k]} becomes row k's destination, rows follow the cycles. */
    private static void groupByUser(Columns c, int[] ptr) {
        int n = c.n;
        int[] dest = c.u;
        int[] next = Arrays.copyOf(ptr, ptr.length - 1);
        for (int k = 0; k < n; k++) dest[k] = next[dest[k]]++;
        int[] i = c.i;
        float[] v = c.v;
        long[] t = c.t;
        long[] moved = new long[(n + 63) >>> 6];
        for (int s = 0; s < n; s++) {
            if ((moved[s >>> 6] & (1L << s)) != 0 || dest[s] == s) continue;
            int ci = i[s];
            float cv = v[s];
            long ct = t[s];
            for (int d = dest[s]; d != s; d = dest[d]) {
                int ti = i[d]; i[d] = ci; ci = ti;
                float tv = v[d]; v[d] = cv; cv = tv;
                long tt = t[d]; t[d] = ct; ct = tt;
                moved[d >>> 6] |= 1L << d;
            }
            i[s] = ci;
            v[s] = cv;
            t[s] = ct;
        }
    }

    /** Stable sort of each user's row range by time, in place; already-sorted users cost one pass. */
    private static void sortUsersByTime(int[] ptr, int[] i, float[] v, long[] t) {
        int maxLen = 0;
        for (int user = 0; user + 1 < ptr.length; user++) maxLen = Math.max(maxLen, ptr[user + 1] - ptr[user]);
        int[] order = null, buf = null, tmpI = null;
        float[] tmpV = null;
        long[] tmpT = null;
        for (int user = 0; user + 1 < ptr.length; user++) {
            int from = ptr[user], to = ptr[user + 1];
            boolean sorted = true;
            for (int k = from + 1; k < to && sorted; k++) sorted = t[k - 1] <= t[k];
            if (sorted) continue;
            if (order == null) {
                order = new int[maxLen]; buf = new int[maxLen]; tmpI = new int[maxLen];
                tmpV = new float[maxLen]; tmpT = new long[maxLen];
            }
            int len = to - from;
            for (int k = 0; k < len; k++) order[k] = from + k;
            int[] sortedRows = mergeSortByTime(order, buf, len, t);
            for (int k = 0; k < len; k++) {
                int r = sortedRows[k];
                tmpI[k] = i[r]; tmpV[k] = v[r]; tmpT[k] = t[r];
            }
            System.arraycopy(tmpI, 0, i, from, len);
            System.arraycopy(tmpV, 0, v, from, len);
            System.arraycopy(tmpT, 0, t, from, len);
        }
    }

    /** Bottom-up stable merge sort of row numbers {@code a[0..len)} by {@code t[row]}; returns the sorted array (a or buf). */
    private static int[] mergeSortByTime(int[] a, int[] buf, int len, long[] t) {
        int[] src = a, dst = buf;
        for (int width = 1; width < len; width *= 2) {
            for (int lo = 0; lo < len; lo += 2 * width) {
                int mid = Math.min(lo + width, len), hi = Math.min(lo + 2 * width, len);
                int x = lo, y = mid, o = lo;
                while (x < mid && y < hi) dst[o++] = t[src[y]] < t[src[x]] ? src[y++] : src[x++];
                while (x < mid) dst[o++] = src[x++];
                while (y < hi) dst[o++] = src[y++];
            }
            int[] tmp = src; src = dst; dst = tmp;
        }
        return src;
    }

    /** Interaction columns owned by one build; fields are nulled as soon as they are no longer needed. */
    private static final class Columns {
        int[] u, i;
        float[] v;
        long[] t;
        int n;

        Columns(int[] u, int[] i, float[] v, long[] t, int n) {
            this.u = u; this.i = i; this.v = v; this.t = t; this.n = n;
        }
    }

    /** A dataset over the same ids keeping interaction {@code k} (CSR position) iff {@code keep[k]}. */
    public Dataset filter(String newName, boolean[] keep) {
        if (keep.length != itemIdx.length)
            throw new IllegalArgumentException("keep mask has " + keep.length + " entries, dataset " + itemIdx.length);
        int n = 0;
        for (boolean b : keep) if (b) n++;
        int[] ptr = new int[userPtr.length];
        int[] it = new int[n];
        float[] va = new float[n];
        long[] ti = new long[n];
        int o = 0;
        for (int user = 0; user < numUsers(); user++) {
            for (int k = userPtr[user]; k < userPtr[user + 1]; k++) {
                if (!keep[k]) continue;
                it[o] = itemIdx[k];
                va[o] = values[k];
                ti[o] = times[k];
                o++;
            }
            ptr[user + 1] = o;
        }
        return new Dataset(newName, users, items, catalog, userTable, ptr, it, va, ti);
    }

    /** Union of two datasets over the same id maps (e.g. train + validation as history for the test). */
    public Dataset union(String newName, Dataset other) {
        return union(newName, java.util.List.of(this, other));
    }

    /**
     * The union of {@code parts} (over the same id maps) in one pass: each user's rows are the parts' rows merged by
     * time, ties in part order, which is what repeated {@link #union} gives. Each part's rows are already in time
     * order, so this is a k-way merge into exact-size arrays (16 bytes per interaction, no sort, no spare copy).
     */
    public static Dataset union(String newName, java.util.List<Dataset> parts) {
        Dataset first = sameIds(parts);
        int[] ptr = mergedPointers(parts);
        int n = ptr[ptr.length - 1];
        int[] it = new int[n];
        float[] va = new float[n];
        long[] ti = new long[n];
        int[] o = {0};
        mergeRows(parts, (item, value, time) -> { int k = o[0]++; it[k] = item; va[k] = value; ti[k] = time; });
        return new Dataset(newName, first.users, first.items, first.catalog, first.userTable, ptr, it, va, ti);
    }

    /**
     * {@link #contentHash()} of {@link #union(String, java.util.List)} of {@code parts}, computed without building the
     * union (a pre-split source's provenance hash, for data too large to hold twice).
     */
    public static String unionHash(java.util.List<Dataset> parts) {
        Dataset first = sameIds(parts);
        int[] ptr = mergedPointers(parts);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            hashIdsAndPointers(md, buf, first.users, first.items, ptr);
            mergeRows(parts, (item, value, time) -> {
                if (buf.remaining() < 16) flush(md, buf);
                buf.putInt(item).putFloat(value).putLong(time);
            });
            flush(md, buf);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dataset sameIds(java.util.List<Dataset> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("union of no datasets");
        Dataset first = parts.get(0);
        for (Dataset d : parts)
            if (d.users != first.users || d.items != first.items)
                throw new IllegalArgumentException("union needs datasets over the same id maps: '" + first.name + "' and '" + d.name + "'");
        return first;
    }

    private static int[] mergedPointers(java.util.List<Dataset> parts) {
        int numUsers = parts.get(0).numUsers();
        int[] ptr = new int[numUsers + 1];
        long total = 0;
        for (Dataset d : parts) total += d.numInteractions();
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("union of " + total + " interactions exceeds one dataset's limit");
        for (int u = 0; u < numUsers; u++) {
            int len = 0;
            for (Dataset d : parts) len += d.userPtr[u + 1] - d.userPtr[u];
            ptr[u + 1] = ptr[u] + len;
        }
        return ptr;
    }

    @FunctionalInterface
    private interface RowSink { void accept(int item, float value, long time); }

    /** Every user's rows of all parts, user by user, merged by time with ties in part order. */
    private static void mergeRows(java.util.List<Dataset> parts, RowSink sink) {
        int p = parts.size();
        Dataset[] d = parts.toArray(new Dataset[0]);
        int[] at = new int[p], end = new int[p];
        for (int u = 0; u < d[0].numUsers(); u++) {
            for (int j = 0; j < p; j++) { at[j] = d[j].userPtr[u]; end[j] = d[j].userPtr[u + 1]; }
            while (true) {
                int best = -1;
                long bt = 0;
                for (int j = 0; j < p; j++) // strict < keeps ties in part order
                    if (at[j] < end[j] && (best < 0 || d[j].times[at[j]] < bt)) { best = j; bt = d[j].times[at[j]]; }
                if (best < 0) break;
                int k = at[best]++;
                sink.accept(d[best].itemIdx[k], d[best].values[k], bt);
            }
        }
    }

    /** The same interactions under another name. */
    public Dataset withName(String newName) {
        return new Dataset(newName, users, items, catalog, userTable, userPtr, itemIdx, values, times);
    }

    /** The same interactions with another item catalogue (one row per item id). */
    public Dataset withCatalog(ItemCatalog newCatalog) {
        if (newCatalog.size() != items.size())
            throw new IllegalArgumentException("catalogue has " + newCatalog.size() + " items, the data " + items.size());
        return new Dataset(name, users, items, newCatalog, userTable, userPtr, itemIdx, values, times);
    }

    public String name() { return name; }
    public IdMap userIds() { return users; }
    public IdMap itemIds() { return items; }
    public ItemCatalog catalog() { return catalog; }
    public UserTable userTable() { return userTable; }
    public int numUsers() { return users.size(); }
    public int numItems() { return items.size(); }
    public int numInteractions() { return itemIdx.length; }

    /** CSR row pointers, length {@code numUsers()+1}. Shared, do not modify. */
    public int[] userPointers() { return userPtr; }
    /** CSR column (item) indices in per-user time order. Shared, do not modify. */
    public int[] itemIndices() { return itemIdx; }
    /** Interaction values (rating, or 1 for implicit). Shared, do not modify. */
    public float[] values() { return values; }
    /** Interaction timestamps (seconds since epoch as given by the source; 0 when unknown). Shared, do not modify. */
    public long[] timestamps() { return times; }

    public int historyLength(int user) { return userPtr[user + 1] - userPtr[user]; }

    /** The user's items in time order (a copy). */
    public int[] itemsOf(int user) { return Arrays.copyOfRange(itemIdx, userPtr[user], userPtr[user + 1]); }

    /** The user's timestamps in time order (a copy). */
    public long[] timesOf(int user) { return Arrays.copyOfRange(times, userPtr[user], userPtr[user + 1]); }

    /** The user's values in time order (a copy). */
    public float[] valuesOf(int user) { return Arrays.copyOfRange(values, userPtr[user], userPtr[user + 1]); }

    /** Number of interactions per item (counting repeats). Shared, do not modify. */
    public int[] itemPopularity() {
        int[] p = popularity;
        if (p == null) {
            p = new int[numItems()];
            for (int it : itemIdx) p[it]++;
            popularity = p;
        }
        return p;
    }

    /** Number of users with at least one interaction. */
    public int numActiveUsers() {
        int c = 0;
        for (int user = 0; user < numUsers(); user++) if (userPtr[user + 1] > userPtr[user]) c++;
        return c;
    }

    /** Item-major (transposed) CSR, built on first use: users of item {@code j} are {@code userIdx[itemPtr[j]..itemPtr[j+1])}, ascending. */
    public Transpose itemUsers() {
        Transpose tr = transpose;
        if (tr == null) {
            int[] ptr = new int[numItems() + 1];
            for (int it : itemIdx) ptr[it + 1]++;
            for (int j = 0; j < numItems(); j++) ptr[j + 1] += ptr[j];
            int[] next = Arrays.copyOf(ptr, numItems());
            int[] userIdx = new int[itemIdx.length];
            float[] vals = new float[itemIdx.length];
            for (int user = 0; user < numUsers(); user++) {
                for (int k = userPtr[user]; k < userPtr[user + 1]; k++) {
                    int pos = next[itemIdx[k]]++;
                    userIdx[pos] = user;
                    vals[pos] = values[k];
                }
            }
            tr = new Transpose(ptr, userIdx, vals);
            transpose = tr;
        }
        return tr;
    }

    /** Item-major CSR view. Arrays are shared, do not modify. */
    public record Transpose(int[] itemPtr, int[] userIdx, float[] values) { }

    /** SHA-256 over the ids and the interaction arrays: equal hashes mean equal data for provenance. */
    public String contentHash() {
        String h = contentHash;
        if (h == null) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                hashIdsAndPointers(md, buf, users, items, userPtr);
                for (int k = 0; k < itemIdx.length; k++) {
                    if (buf.remaining() < 16) flush(md, buf);
                    buf.putInt(itemIdx[k]).putFloat(values[k]).putLong(times[k]);
                }
                flush(md, buf);
                h = HexFormat.of().formatHex(md.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            contentHash = h;
        }
        return h;
    }

    private static void hashIdsAndPointers(MessageDigest md, ByteBuffer buf, IdMap users, IdMap items, int[] userPtr) {
        for (int k = 0; k < users.size(); k++) md.update(users.externalId(k).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int k = 0; k < items.size(); k++) md.update(items.externalId(k).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int x : userPtr) { if (buf.remaining() < 8) flush(md, buf); buf.putInt(x); }
    }

    private static void flush(MessageDigest md, ByteBuffer buf) {
        buf.flip();
        md.update(buf);
        buf.clear();
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ": " + numUsers() + " users, " + numItems() + " items, " + numInteractions() + " interactions]";
    }

    /**
     * Collects interactions by external id; {@link #build()} maps ids densely in first-seen order and sorts into CSR.
     * Columns grow by 1.5×; pass {@code expectedInteractions} to avoid regrowth on large files. A builder builds once:
     * the dataset adopts its columns. Not thread safe.
     */
    public static final class Builder {
        private final String name;
        private final IdMap.Builder users = new IdMap.Builder();
        private final IdMap.Builder items = new IdMap.Builder();
        private Columns cols;

        public Builder(String name) { this(name, 1024); }

        /**
         * {@code expectedInteractions}: capacity to reserve. When it is exact (or an upper bound close to the truth),
         * {@link #build} sorts the columns in place without copying them, the leanest path for large files.
         */
        public Builder(String name, int expectedInteractions) {
            this.name = name;
            int cap = Math.max(16, expectedInteractions);
            cols = new Columns(new int[cap], new int[cap], new float[cap], new long[cap], 0);
        }

        /** Registers a user with no interactions yet (keeps it in the id space). Returns its dense id. */
        public int user(String id) { return users.getOrAdd(id); }

        /** Registers an item with no interactions yet (e.g. a cold-start catalogue item). Returns its dense id. */
        public int item(String id) { return items.getOrAdd(id); }

        public int userIndex(String id) { return users.indexOf(id); }
        public int itemIndex(String id) { return items.indexOf(id); }

        public Builder add(String user, String item, float value, long time) {
            return addIndexed(users.getOrAdd(user), items.getOrAdd(item), value, time);
        }

        /**
         * Adds an interaction between ids already registered with {@link #user} and {@link #item} (lets a loader skip
         * the hash lookups for repeated ids, e.g. consecutive rows of the same user).
         */
        public Builder addIndexed(int user, int item, float value, long time) {
            if (user < 0 || user >= users.size()) throw new IllegalArgumentException("user index " + user + " not registered");
            if (item < 0 || item >= items.size()) throw new IllegalArgumentException("item index " + item + " not registered");
            Columns c = cols;
            if (c == null) throw new IllegalStateException("builder '" + name + "' was already built");
            if (c.n == c.i.length) grow(c);
            int k = c.n++;
            c.u[k] = user;
            c.i[k] = item;
            c.v[k] = value;
            c.t[k] = time;
            return this;
        }

        public int size() { return cols == null ? 0 : cols.n; }

        private static void grow(Columns c) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, c.i.length + (c.i.length >> 1) + 16L);
            if (cap == c.i.length) throw new IllegalStateException("too many interactions: " + c.n);
            c.u = Arrays.copyOf(c.u, cap); c.i = Arrays.copyOf(c.i, cap);
            c.v = Arrays.copyOf(c.v, cap); c.t = Arrays.copyOf(c.t, cap);
        }

        public IdMap userIds() { return users.build(); }
        public IdMap itemIds() { return items.build(); }

        /** Builds without metadata. */
        public Dataset build() { return build(null, null); }

        /**
         * Builds with metadata. {@code catalogFor} and {@code usersFor} receive the final id maps and return metadata
         * aligned with them (or null for none).
         */
        public Dataset build(java.util.function.Function<IdMap, ItemCatalog> catalogFor,
                             java.util.function.Function<IdMap, UserTable> usersFor) {
            IdMap um = users.build();
            IdMap im = items.build();
            ItemCatalog cat = catalogFor == null ? null : catalogFor.apply(im);
            UserTable ut = usersFor == null ? null : usersFor.apply(um);
            Columns c = cols;
            if (c == null) throw new IllegalStateException("builder '" + name + "' was already built");
            cols = null; // the dataset adopts the columns, sorted in place
            return Dataset.build(name, um, im, cat, ut, c);
        }
    }
}
