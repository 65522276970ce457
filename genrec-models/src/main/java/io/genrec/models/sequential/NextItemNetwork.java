package io.genrec.models.sequential;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.norm.Dropout;
import io.genrec.models.training.Batch;
import io.genrec.models.training.TrainableNetwork;

import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The part every causal next-item network shares for the {@link io.genrec.models.training.NeuralTrainer}: rows are
 * {@link SequenceBatches} windows, the network maps a batch of left-padded windows to one hidden state per position
 * ({@link #hidden}), and the loss ({@link NextItemLoss}) compares each real position's hidden state with the item
 * that follows it. Dropout runs in the engine ({@link Dropout}, faster than uploading host-built masks for the
 * {@code [rows, heads, len, len]} attention weights); its generator is process-wide, so {@link #seedEngine} seeds it
 * once per fit and {@link #reseedForBatch} before every batch. Fits running concurrently in one JVM would still share
 * that generator and are not reproducible; nothing in GenRec fits models concurrently.
 */
abstract class NextItemNetwork implements TrainableNetwork {
    protected final SequenceBatches batches;
    private final NextItemLoss loss;
    private final double dropout;
    private final int hiddenSize;

    NextItemNetwork(SequenceBatches batches, NextItemLoss loss, double dropout, int hiddenSize) {
        this.batches = batches;
        this.loss = loss;
        this.dropout = dropout;
        this.hiddenSize = hiddenSize;
    }

    /** Seeds the engine's generator (used by dropout) from {@code rng}; called once per fit, after initialisation. */
    static void seedEngine(Random rng) {
        Engine.getInstance().setRandomSeed(rng.nextInt(Integer.MAX_VALUE));
    }

    /**
     * Reseeds the engine generator from the batch's seeded source before its dropout, so a batch's masks depend only
     * on (seed, step) and not on what else drew from the process-wide generator since the fit began. (This was first
     * added against a same-seed flake whose real cause was scalar operands freed before the backward pass; see
     * {@link io.genrec.models.training.TorchScalar}.)
     */
    void reseedForBatch(Batch batch) {
        if (dropout > 0) Engine.getInstance().setRandomSeed(batch.rng().nextInt(Integer.MAX_VALUE));
    }

    @Override
    public int numRows() { return batches.numRows(); }

    /**
     * Hidden states {@code [rows, maxLen, hiddenSize]} of left-padded windows {@code inputs} (flat
     * {@code [rows, maxLen]}, padding id = numItems). {@code dropout} is the identity at inference.
     */
    abstract NDArray hidden(NDManager m, Map<String, NDArray> w, int[] inputs, int rows, UnaryOperator<NDArray> dropout);

    /** The output item vectors {@code [>= numItems, hiddenSize]} that hidden states are scored against. */
    abstract NDArray itemOutput(Map<String, NDArray> w);

    /** Output item biases {@code [numItems]}, or null. */
    abstract NDArray itemBias(Map<String, NDArray> w);

    /**
     * The training examples of one batch: flat {@code [rows, maxLen]} inputs and, for each position that carries a
     * target, its flat index, target item and (for {@link NextItemLoss#SAMPLED_BCE}) a sampled negative.
     */
    record Examples(int[] inputs, int[] positions, int[] targets, int[] negatives) { }

    /** Next-item examples: inputs are the windows, targets the same windows shifted by one. */
    Examples examples(int[] rows, SplittableRandom rng) {
        int n = rows.length * batches.maxLen(), pad = batches.padding();
        int[] inputs = new int[n], targets = new int[n], negatives = new int[n];
        batches.fill(rows, inputs, targets);
        if (loss == NextItemLoss.SAMPLED_BCE) batches.sampleNegatives(rows, targets, negatives, rng);
        int valid = 0;
        for (int t : targets) if (t != pad) valid++;
        int[] positions = new int[valid], validTargets = new int[valid], validNegatives = new int[valid];
        for (int k = 0, o = 0; k < n; k++) {
            if (targets[k] == pad) continue;
            positions[o] = k;
            validTargets[o] = targets[k];
            validNegatives[o++] = negatives[k];
        }
        return new Examples(inputs, positions, validTargets, validNegatives);
    }

    @Override
    public NDArray loss(Batch batch) {
        int[] rows = batch.rows();
        Examples ex = examples(rows, batch.rng());
        reseedForBatch(batch);
        UnaryOperator<NDArray> drop = dropout == 0 ? x -> x : x -> Dropout.dropout(x, (float) dropout, true).get(0);
        NDArray h = hidden(batch.manager(), batch.params(), ex.inputs(), rows.length, drop)
                .reshape((long) rows.length * batches.maxLen(), hiddenSize);
        return loss.loss(batch.manager(), h, ex.positions(), ex.targets(), ex.negatives(), itemOutput(batch.params()),
                itemBias(batch.params()), batches.numItems());
    }
}
