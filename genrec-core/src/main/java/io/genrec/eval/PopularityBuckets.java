package io.genrec.eval;

/**
 * Head / mid / tail split of the catalogue by training popularity, the convention of Abdollahpouri et al. (RecSys
 * 2020, "The connection between popularity bias, calibration, and fairness in recommendation"; also UMAP 2021,
 * "User-centered evaluation of popularity bias in recommender systems"): with items sorted by popularity
 * (descending, ties by lower item id), the head is the most popular items that together take the first
 * {@link #HEAD_SHARE} of all training interactions, the tail is the least popular items that together take at most
 * the last {@link #TAIL_SHARE}, and the mid is the rest. Popularity is the number of distinct training users of the
 * item ({@link TrainPopularity}); items nobody saw are in the tail. Formally, with prefix sums over the sorted order:
 * item j is head when the interactions of the items before it are {@code < 0.2 · total}, tail when the interactions
 * of it and the items after it are {@code <= 0.2 · total}. The long tail is everything outside the head.
 */
public final class PopularityBuckets {
    public static final double HEAD_SHARE = 0.2;
    public static final double TAIL_SHARE = 0.2;
    public static final byte HEAD = 0, MID = 1, TAIL = 2;
    public static final String[] NAMES = {"head", "mid", "tail"};

    private final byte[] bucket;
    private final double[] catalogueShare = new double[3];
    private final double[] trainShare = new double[3];

    /** @param popularity interactions (distinct users) per item */
    public PopularityBuckets(int[] popularity) {
        int n = popularity.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> popularity[a] != popularity[b] ? Integer.compare(popularity[b], popularity[a]) : Integer.compare(a, b));
        long total = 0;
        for (int p : popularity) total += p;
        bucket = new byte[n];
        long before = 0;
        for (int r = 0; r < n; r++) {
            int item = order[r];
            long fromHere = total - before;
            if (before < HEAD_SHARE * total) bucket[item] = HEAD;
            else if (fromHere <= TAIL_SHARE * total) bucket[item] = TAIL;
            else bucket[item] = MID;
            before += popularity[item];
        }
        long[] items = new long[3], interactions = new long[3];
        for (int i = 0; i < n; i++) {
            items[bucket[i]]++;
            interactions[bucket[i]] += popularity[i];
        }
        for (int b = 0; b < 3; b++) {
            catalogueShare[b] = n == 0 ? Double.NaN : (double) items[b] / n;
            trainShare[b] = total == 0 ? Double.NaN : (double) interactions[b] / total;
        }
    }

    public byte bucket(int item) { return bucket[item]; }

    public int numItems() { return bucket.length; }

    /** Share of catalogue items in each bucket (head, mid, tail). */
    public double[] catalogueShare() { return catalogueShare.clone(); }

    /** Share of training interactions on each bucket's items (head, mid, tail). */
    public double[] trainShare() { return trainShare.clone(); }
}
