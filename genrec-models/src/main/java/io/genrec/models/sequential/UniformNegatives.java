package io.genrec.models.sequential;

import java.util.SplittableRandom;

/**
 * SASRec's negatives (Kang &amp; McAuley 2018): uniform over the items the row's user never interacted with
 * ({@link SequenceBatches#sampleNegatives}). The default; it draws exactly as before negative samplers existed, so
 * results for a seed are unchanged.
 */
public final class UniformNegatives implements NegativeSampler {
    private final SequenceBatches batches;

    public UniformNegatives(SequenceBatches batches) { this.batches = batches; }

    @Override
    public void sample(int[] rows, int[] inputs, int[] targets, int[] out, int epoch, SplittableRandom rng) {
        batches.sampleNegatives(rows, targets, out, rng);
    }
}
