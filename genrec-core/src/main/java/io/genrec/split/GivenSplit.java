package io.genrec.split;

import io.genrec.data.Dataset;

import java.util.Objects;

/**
 * The "given" protocol: a split fixed by its source (pre-split files such as the DiffRec or Mult-VAE releases, read
 * by the data module's loader) rather than computed. {@link #split(Dataset, long)} returns that split unchanged, and
 * only for the data it was made from: the same id maps and the same interactions as either its training set or all
 * of its parts (train ∪ validation targets ∪ test targets). Any other dataset is refused, since silently evaluating
 * on a split of different data would be wrong. The seed is ignored: the files fixed the assignment.
 */
public final class GivenSplit implements Splitter {
    public static final String NAME = "given";

    private final Split split;
    private volatile Dataset all;

    public GivenSplit(Split split) {
        this.split = Objects.requireNonNull(split, "split");
    }

    /** The wrapped split. */
    public Split split() { return split; }

    @Override
    public String name() { return NAME; }

    @Override
    public Split split(Dataset data, long seed) {
        Dataset train = split.train();
        if (data == train) return split;
        boolean sameIds = data.userIds() == train.userIds() && data.itemIds() == train.itemIds();
        if (sameIds && data.numInteractions() == train.numInteractions() && data.contentHash().equals(train.contentHash()))
            return split;
        if (sameIds && data.numInteractions() == all().numInteractions() && data.contentHash().equals(all().contentHash()))
            return split;
        throw new IllegalArgumentException("protocol '" + NAME + "' returns the pre-split data '" + split.description()
                + "' and cannot split the different dataset '" + data.name() + "' (" + data.numInteractions()
                + " interactions); use one of " + Splitters.KNOWN + " to split it");
    }

    /** Every interaction of the split: train ∪ validation targets ∪ test targets. */
    public Dataset all() {
        Dataset a = all;
        if (a == null) {
            Dataset train = split.train();
            a = train;
            if (split.validation() != null) a = a.union(train.name() + "+validation", split.validation().targets());
            a = a.union(train.name() + "+validation+test", split.test().targets());
            all = a;
        }
        return a;
    }

    @Override
    public String toString() { return NAME + "(" + split.description() + ")"; }
}
