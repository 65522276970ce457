package io.genrec.split;

import io.genrec.data.Dataset;

import java.util.Objects;

/**
 * The "given" protocol: a split fixed by its source (pre-split files such as the DiffRec or Mult-VAE releases, read
 * by the data module's loader) rather than computed. {@link #split(Dataset, long)} returns that split unchanged, and
 * only for the data it was made from: a dataset over the same id maps with the same interactions (as a multiset,
 * whatever the order of equal timestamps) as either the split's training set or its {@link #source()}. Any other
 * dataset is refused, since silently evaluating on a split of different data would be wrong. The seed is ignored:
 * the files fixed the assignment.
 */
public final class GivenSplit implements Splitter {
    public static final String NAME = "given";

    private final Split split;
    private final Dataset source;

    /**
     * A split whose source is {@code train ∪ validation targets ∪ test targets} (right for train/valid/test files;
     * for files with fold-in parts pass the source explicitly).
     */
    public GivenSplit(Split split) { this(split, allTargets(split)); }

    /** A split of {@code source}, the whole dataset the files represent (over the split's id maps). */
    public GivenSplit(Split split, Dataset source) {
        this.split = Objects.requireNonNull(split, "split");
        this.source = Objects.requireNonNull(source, "source");
        if (source.userIds() != split.train().userIds() || source.itemIds() != split.train().itemIds())
            throw new IllegalArgumentException("given split '" + split.description() + "': source '" + source.name()
                    + "' must share the split's id maps");
    }

    /** The wrapped split. */
    public Split split() { return split; }

    /** The whole dataset the split was made from. */
    public Dataset source() { return source; }

    @Override
    public String name() { return NAME; }

    @Override
    public Split split(Dataset data, long seed) {
        Dataset train = split.train();
        if (data == train) return split;
        boolean sameIds = data.userIds() == train.userIds() && data.itemIds() == train.itemIds();
        if (sameIds && (sameInteractions(data, train) || sameInteractions(data, source))) return split;
        throw new IllegalArgumentException("protocol '" + NAME + "' returns the pre-split data '" + split.description()
                + "' and cannot split the different dataset '" + data.name() + "' (" + data.numInteractions()
                + " interactions); use one of " + Splitters.KNOWN + " to split it");
    }

    private static Dataset allTargets(Split split) {
        Dataset train = split.train();
        Dataset all = train;
        if (split.validation() != null) all = all.union(train.name() + "+validation", split.validation().targets());
        return all.union(train.name() + "+validation+test", split.test().targets());
    }

    /**
     * Equal multisets of (user, item, time, value): equal sizes and equal sums of a 64-bit mix per interaction, so the
     * order of equal-time interactions does not matter (a false match needs a 64-bit hash collision).
     */
    private static boolean sameInteractions(Dataset a, Dataset b) {
        return a.numInteractions() == b.numInteractions() && multisetHash(a) == multisetHash(b);
    }

    private static long multisetHash(Dataset d) {
        int[] ptr = d.userPointers(), items = d.itemIndices();
        long[] times = d.timestamps();
        float[] values = d.values();
        long sum = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            for (int k = ptr[u]; k < ptr[u + 1]; k++) {
                long h = mix(u * 0x9E3779B97F4A7C15L + items[k]);
                h = mix(h ^ times[k]);
                sum += mix(h ^ Float.floatToIntBits(values[k]));
            }
        }
        return sum;
    }

    /** The SplitMix64 mixing function (as in {@link java.util.SplittableRandom}). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() { return NAME + "(" + split.description() + ")"; }
}
