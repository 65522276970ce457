package io.genrec.models.sequential;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * Draws the negatives of the sampled binary cross-entropy ({@link NextItemLoss#SAMPLED_BCE}): one item per real target
 * position of a batch, never an item of the row's own sequence. {@link UniformNegatives} is SASRec's sampling;
 * {@link IrganNegatives} draws from a generator trained adversarially against the model (IRGAN).
 *
 * <p>Where it runs: {@link NextItemNetwork#loss} calls {@link #sample} before the forward pass of each batch and, for
 * a sampler that {@link #learnsFromDiscriminator() learns}, {@link #learn} right after it with the model's (the
 * discriminator's) hidden states of the same batch. Both calls happen inside the one training loop
 * ({@link io.genrec.models.training.NeuralTrainer}), once per batch: the sampler's own training is a phase of that
 * loop, not a second loop. All randomness comes from the arguments, so a seed fixes the run.
 */
public interface NegativeSampler {
    /** Called once per fit after the model's weights are drawn from {@code rng} (draw own weights from it). */
    default void initialise(Random rng) { }

    /**
     * Writes one negative per position {@code t} with {@code targets[t] != padding} into {@code out[t]} (padding
     * elsewhere). {@code inputs} and {@code targets} are the flat {@code [rows.length, maxLen]} windows of
     * {@link SequenceBatches#fill}; {@code epoch} counts from 1.
     */
    void sample(int[] rows, int[] inputs, int[] targets, int[] out, int epoch, SplittableRandom rng);

    /** Whether {@link #learn} wants the discriminator's scores (so the network copies them to the host). */
    default boolean learnsFromDiscriminator() { return false; }

    /** One training step of the sampler from the discriminator's view of the batch just sampled for. */
    default void learn(DiscriminatorView view, SplittableRandom rng) { }

    /**
     * The discriminator's state on one batch, on the host: its hidden states at the batch's real target positions
     * and its output item table, so {@link #logit} is the model's next-item logit of any item at any of them.
     *
     * @param contexts  the input item at each position (the most recent item before the target)
     * @param targets   the true next item at each position
     * @param hidden    {@code [contexts.length, dim]} hidden states, row-major
     * @param itemTable {@code [>= numItems, dim]} output item vectors, row-major
     * @param itemBias  {@code [numItems]} output biases, or null
     * @param epoch     the training epoch, from 1
     */
    record DiscriminatorView(int[] contexts, int[] targets, float[] hidden, float[] itemTable, float[] itemBias,
                             int dim, int epoch) {
        public int size() { return contexts.length; }

        /** The discriminator's logit {@code f(position, item) = h . e_item (+ b_item)}. */
        public float logit(int position, int item) {
            int h = position * dim, e = item * dim;
            float s = itemBias == null ? 0f : itemBias[item];
            for (int j = 0; j < dim; j++) s += hidden[h + j] * itemTable[e + j];
            return s;
        }
    }
}
