package io.genrec.eval;

import io.genrec.data.Dataset;

/**
 * Intra-list diversity of whole lists outside the evaluator (the closed-loop simulation measures it per round), with
 * the evaluator's definition: mean 1 − similarity over item pairs, similarity = Jaccard of category sets when the
 * catalogue has categories, else cosine of binary training user vectors. One instance per thread.
 */
public final class ListDiversity {
    private final ItemSimilarity.Factory factory;
    private ItemSimilarity sim;
    private int capacity;

    public ListDiversity(Dataset train) { this.factory = ItemSimilarity.forTrain(train); }

    /** ILD of {@code items}; NaN for fewer than two items. */
    public double of(int[] items) {
        if (sim == null || items.length > capacity) {
            capacity = Math.max(items.length, 1);
            sim = factory.create(capacity);
        }
        sim.load(items, items.length);
        return ListMetrics.intraListDiversity(items.length, sim);
    }
}
