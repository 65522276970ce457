package io.genrec.models.sequential;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.genrec.models.training.Batch;
import io.genrec.models.training.TrainableNetwork;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The part every causal next-item network shares for the {@link io.genrec.models.training.NeuralTrainer}: rows are
 * {@link SequenceBatches} windows, the network maps a batch of left-padded windows to one hidden state per position
 * ({@link #hidden}), and the loss ({@link NextItemLoss}) compares each real position's hidden state with the item
 * that follows it. Dropout masks come from the batch's seeded random source.
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

    @Override
    public NDArray loss(Batch batch) {
        int[] rows = batch.rows();
        int n = rows.length * batches.maxLen(), pad = batches.padding();
        int[] inputs = new int[n], targets = new int[n], negatives = new int[n];
        batches.fill(rows, inputs, targets);
        if (loss == NextItemLoss.SAMPLED_BCE) batches.sampleNegatives(rows, targets, negatives, batch.rng());
        int valid = 0;
        for (int t : targets) if (t != pad) valid++;
        int[] validRows = new int[valid], validTargets = new int[valid], validNegatives = new int[valid];
        for (int k = 0, o = 0; k < n; k++) {
            if (targets[k] == pad) continue;
            validRows[o] = k;
            validTargets[o] = targets[k];
            validNegatives[o++] = negatives[k];
        }
        UnaryOperator<NDArray> drop = dropout == 0 ? x -> x
                : x -> x.mul(batch.create(batch.dropoutMask((int) x.size(), dropout), x.getShape().getShape()));
        NDArray h = hidden(batch.manager(), batch.params(), inputs, rows.length, drop).reshape(n, hiddenSize);
        if (Boolean.getBoolean("genrec.debugNaN")) {
            for (var e : batch.params().entrySet())
                if (e.getValue().isNaN().any().getBoolean() || e.getValue().abs().max().getFloat() > 1e6)
                    System.out.println("DEBUG step " + batch.step() + " param " + e.getKey() + " max " + e.getValue().abs().max().getFloat());
            NDArray hv = h.get(new ai.djl.ndarray.index.NDIndex("{}", batch.manager().create(NextItemLoss.toLong(validRows))));
            if (hv.isNaN().any().getBoolean()) System.out.println("DEBUG step " + batch.step() + " hidden NaN");
            if (batch.step() % 20 == 0) System.out.println("DEBUG step " + batch.step() + " |h|max " + hv.abs().max().getFloat());
        }
        return loss.loss(batch.manager(), h, validRows, validTargets, validNegatives, itemOutput(batch.params()),
                itemBias(batch.params()), batches.numItems());
    }
}
