package io.genrec.models.sequential;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * IRGAN-style adversarial negatives ({@code negatives=irgan}; Wang et al., SIGIR 2017): the sequence model is IRGAN's
 * discriminator, trained by its usual sampled binary cross-entropy, and its negatives are drawn from a generator
 * ({@link IrganGenerator}) that is trained to propose items the discriminator scores high for the position, i.e.
 * informative ("hard") negatives that uniform sampling rarely hits on a large catalogue.
 *
 * <p>The minimax game alternates per batch inside the shared training loop: {@link #sample} draws the batch's
 * negatives from the generator (the discriminator's step follows in the loop), and {@link #learn} then takes one
 * generator step on up to {@code generatorBatch} randomly chosen positions of the same batch, rewarded by the
 * discriminator's current logits. IRGAN pre-trains both players; here the first {@code warmup} epochs give the
 * discriminator uniform negatives ({@link SequenceBatches#sampleNegatives}) while the generator already learns, so
 * adversarial sampling starts against a discriminator whose scores mean something. Negatives are never items of the
 * row's own sequence.
 */
public final class IrganNegatives implements NegativeSampler {
    private final SequenceBatches batches;
    private final NegativeSamplingConfig config;
    private IrganGenerator generator;
    private float[] scratch;

    public IrganNegatives(SequenceBatches batches, NegativeSamplingConfig config) {
        this.batches = batches;
        this.config = config;
    }

    @Override
    public void initialise(Random rng) {
        generator = new IrganGenerator(batches.numItems(), config.dim(), config.temperature(), config.mix(), config.lr(), rng);
        scratch = new float[batches.numItems()];
    }

    /** The generator (after {@link #initialise}). */
    IrganGenerator generator() {
        if (generator == null) throw new IllegalStateException("initialise() was not called");
        return generator;
    }

    @Override
    public void sample(int[] rows, int[] inputs, int[] targets, int[] out, int epoch, SplittableRandom rng) {
        if (epoch <= config.warmup()) {
            batches.sampleNegatives(rows, targets, out, rng);
            return;
        }
        sampleFromGenerator(rows, inputs, targets, out, rng);
    }

    /** The adversarial draw regardless of warm-up: one generator item per real target, outside the row's sequence. */
    void sampleFromGenerator(int[] rows, int[] inputs, int[] targets, int[] out, SplittableRandom rng) {
        IrganGenerator g = generator();
        int len = batches.maxLen(), pad = batches.padding();
        for (int b = 0; b < rows.length; b++) {
            int[] seen = batches.sortedItems(rows[b]);
            for (int t = b * len; t < (b + 1) * len; t++)
                out[t] = targets[t] == pad ? pad : g.sampleExcluding(inputs[t], seen, scratch, rng);
        }
    }

    @Override
    public boolean learnsFromDiscriminator() { return true; }

    @Override
    public void learn(DiscriminatorView view, SplittableRandom rng) {
        int n = view.size(), k = Math.min(n, config.generatorBatch());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int i = 0; i < k; i++) { // partial Fisher-Yates: the first k entries are a uniform subset
            int j = i + rng.nextInt(n - i);
            int tmp = idx[i]; idx[i] = idx[j]; idx[j] = tmp;
        }
        generator().step(view, java.util.Arrays.copyOf(idx, k), rng);
    }
}
