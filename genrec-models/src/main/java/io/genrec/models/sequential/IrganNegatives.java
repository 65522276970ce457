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
    private double[] cumulative;

    public IrganNegatives(SequenceBatches batches, NegativeSamplingConfig config) {
        this.batches = batches;
        this.config = config;
    }

    @Override
    public void initialise(Random rng) {
        generator = new IrganGenerator(batches.numItems(), config.dim(), config.temperature(), config.mix(), config.lr(), rng);
        scratch = new float[batches.numItems()];
        cumulative = new double[batches.numItems()];
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

    /**
     * The adversarial draw regardless of warm-up: one generator item per real target, outside the row's sequence.
     * Positions are visited grouped by their context item (counting sort), so {@code p_G} is computed once per
     * distinct context of the batch rather than once per position.
     */
    void sampleFromGenerator(int[] rows, int[] inputs, int[] targets, int[] out, SplittableRandom rng) {
        IrganGenerator g = generator();
        int len = batches.maxLen(), pad = batches.padding(), items = batches.numItems();
        int[] start = new int[items + 1];
        for (int t = 0; t < targets.length; t++) {
            out[t] = pad;
            if (targets[t] != pad) start[inputs[t] + 1]++;
        }
        for (int i = 0; i < items; i++) start[i + 1] += start[i];
        int[] order = new int[start[items]], next = java.util.Arrays.copyOf(start, items);
        for (int t = 0; t < targets.length; t++) if (targets[t] != pad) order[next[inputs[t]]++] = t;
        for (int context = 0; context < items; context++) {
            if (start[context] == start[context + 1]) continue;
            g.prepare(context, scratch, cumulative);
            for (int k = start[context]; k < start[context + 1]; k++) {
                int t = order[k];
                out[t] = g.drawExcluding(cumulative, batches.sortedItems(rows[t / len]), rng);
            }
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
