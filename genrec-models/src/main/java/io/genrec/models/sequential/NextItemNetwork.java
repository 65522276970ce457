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
 *
 * <p>Each batch is cut to its longest window ({@link Examples#trimmed}). With left padding and padding masked out of
 * attention and recurrence, cutting leading padding does not change any real position's hidden state (positions keep
 * their embeddings: the last {@code len} rows of the positional table). Batches stay randomly composed: grouping
 * windows of similar length into batches (pools of 16 batches sorted by length) cut a SASRec epoch on Beauty only
 * modestly but lowered its 12-epoch test Recall@10 from 0.0772 to 0.0679, so it was removed.
 *
 * <p>With {@link NextItemLoss#SAMPLED_BCE} a {@link NegativeSampler} draws the negatives before each forward pass; a
 * sampler that learns from the model (IRGAN's generator) gets the batch's hidden states and item table, copied to the
 * host, right after the forward pass ({@link NegativeSampler#learn}): the per-batch phase hook of the adversarial
 * game, inside the shared loop.
 */
abstract class NextItemNetwork implements TrainableNetwork {
    protected final SequenceBatches batches;
    private final NextItemLoss loss;
    private final NegativeSampler negatives;
    private final double dropout;
    private final int hiddenSize;

    /** A full-softmax network (no negatives). */
    NextItemNetwork(SequenceBatches batches, NextItemLoss loss, double dropout, int hiddenSize) {
        this(batches, loss, null, dropout, hiddenSize);
    }

    /** @param negatives the sampler of a loss with negatives (uniform when null), unused otherwise */
    NextItemNetwork(SequenceBatches batches, NextItemLoss loss, NegativeSampler negatives, double dropout, int hiddenSize) {
        this.batches = batches;
        this.loss = loss;
        this.negatives = !loss.usesNegatives() ? null : negatives != null ? negatives : new UniformNegatives(batches);
        this.dropout = dropout;
        this.hiddenSize = hiddenSize;
    }

    /** BPR-max's score regularisation (read only by {@link NextItemLoss#BPR_MAX}). */
    double bpreg() { return NextItemLoss.DEFAULT_BPREG; }

    /** Lets the negative sampler draw its own weights; call at the end of {@link #initialParameters}. */
    void initialiseSampler(Random rng) {
        if (negatives != null) negatives.initialise(rng);
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
     * Hidden states {@code [rows, len, hiddenSize]} of left-padded windows {@code inputs} (flat {@code [rows, len]},
     * padding id = numItems, {@code len = inputs.length / rows <= maxLen}: the last {@code len} positions of a
     * window). {@code dropout} is the identity at inference.
     */
    abstract NDArray hidden(NDManager m, Map<String, NDArray> w, int[] inputs, int rows, UnaryOperator<NDArray> dropout);

    /**
     * The last {@code len} rows of a {@code [maxLen, d]} positional table (all of it when {@code len == maxLen}),
     * through the embedding op so gradients reach the selected rows.
     */
    static NDArray lastPositions(NDArray posEmb, int len, int maxLen) {
        if (len == maxLen) return posEmb;
        int[] ids = new int[len];
        for (int i = 0; i < len; i++) ids[i] = maxLen - len + i;
        return NextItemLoss.rows(posEmb, NextItemLoss.ids(posEmb.getManager(), ids, len));
    }

    /** The output item vectors {@code [>= numItems, hiddenSize]} that hidden states are scored against. */
    abstract NDArray itemOutput(Map<String, NDArray> w);

    /** Output item biases {@code [numItems]}, or null. */
    abstract NDArray itemBias(Map<String, NDArray> w);

    /**
     * The training examples of one batch: flat {@code [rows, maxLen]} inputs and, for each position that carries a
     * target, its flat index, target item and (for {@link NextItemLoss#SAMPLED_BCE}) a sampled negative.
     */
    record Examples(int[] inputs, int[] positions, int[] targets, int[] negatives) {
        /**
         * The same examples with the padding columns that every row of the batch has at its start removed: inputs
         * become flat {@code [rows, len]} with {@code len} the longest window, and positions are re-indexed.
         */
        Examples trimmed(int rows, int maxLen, int pad) {
            int start = maxLen;
            for (int r = 0; r < rows && start > 0; r++) {
                int c = 0;
                while (c < start && inputs[r * maxLen + c] == pad) c++;
                start = Math.min(start, c);
            }
            if (start == 0 || start == maxLen) return this;
            int len = maxLen - start;
            int[] in = new int[rows * len];
            for (int r = 0; r < rows; r++) System.arraycopy(inputs, r * maxLen + start, in, r * len, len);
            int[] pos = new int[positions.length];
            for (int i = 0; i < pos.length; i++) pos[i] = positions[i] / maxLen * len + positions[i] % maxLen - start;
            return new Examples(in, pos, targets, negatives);
        }
    }


    /** Next-item examples: inputs are the windows, targets the same windows shifted by one. */
    Examples examples(int[] rows, int epoch, SplittableRandom rng) {
        int n = rows.length * batches.maxLen(), pad = batches.padding();
        int[] inputs = new int[n], targets = new int[n], negatives = new int[n];
        batches.fill(rows, inputs, targets);
        if (this.negatives != null) this.negatives.sample(rows, inputs, targets, negatives, epoch, rng);
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
        Examples ex = examples(rows, batch.epoch(), batch.rng()).trimmed(rows.length, batches.maxLen(), batches.padding());
        reseedForBatch(batch);
        UnaryOperator<NDArray> drop = dropout == 0 ? x -> x : x -> Dropout.dropout(x, (float) dropout, true).get(0);
        NDArray h = hidden(batch.manager(), batch.params(), ex.inputs(), rows.length, drop)
                .reshape(ex.inputs().length, hiddenSize);
        NDArray out = itemOutput(batch.params()), bias = itemBias(batch.params());
        NDArray value = loss.loss(batch.manager(), h, ex.positions(), ex.targets(), ex.negatives(), out, bias, batches.numItems(), bpreg());
        if (negatives != null && negatives.learnsFromDiscriminator()) negatives.learn(view(ex, h, out, bias, batch.epoch()), batch.rng());
        return value;
    }

    /** The batch as the discriminator sees it, on the host (values only; nothing here is part of the gradient). */
    private NegativeSampler.DiscriminatorView view(Examples ex, NDArray h, NDArray out, NDArray bias, int epoch) {
        float[] all = h.toFloatArray();
        int[] pos = ex.positions();
        float[] hidden = new float[pos.length * hiddenSize];
        int[] contexts = new int[pos.length];
        for (int k = 0; k < pos.length; k++) {
            System.arraycopy(all, pos[k] * hiddenSize, hidden, k * hiddenSize, hiddenSize);
            contexts[k] = ex.inputs()[pos[k]];
        }
        return new NegativeSampler.DiscriminatorView(contexts, ex.targets(), hidden, out.toFloatArray(),
                bias == null ? null : bias.toFloatArray(), hiddenSize, epoch);
    }
}
