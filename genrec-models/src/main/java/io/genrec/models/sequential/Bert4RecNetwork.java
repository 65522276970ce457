package io.genrec.models.sequential;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.LayerNorm;
import io.genrec.models.training.ParameterSet;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * BERT4Rec's network (Sun et al. 2019): item plus learned positional embeddings, layer norm and dropout, then BERT
 * post-norm transformer layers with bidirectional attention over the real (non-padding) positions and a GELU
 * feed-forward of width 4d, then the output transform {@code LN(GELU(h W + b))} scored against the shared item
 * embeddings plus a per-item bias. Training is the Cloze task: each real position is replaced by the mask token
 * (id numItems + 1) with probability {@code maskProb} (at least one per sequence) and predicted with a softmax over
 * all items. At inference the mask token is appended to the history and predicted (see {@link Bert4RecScorer}).
 *
 * <p>Parameters: {@code item_emb [numItems+2, d]} (rows numItems = padding, numItems+1 = mask), {@code pos_emb},
 * {@code emb_ln}, per layer {@code b<i>.q/k/v/o}, {@code b<i>.attn_ln}, {@code b<i>.ff1 [d,4d]}, {@code b<i>.ff2},
 * {@code b<i>.ffn_ln}; {@code out [d,d]}, {@code out_ln}, {@code out_bias [numItems]}.
 */
final class Bert4RecNetwork extends NextItemNetwork {
    static final float LN_EPS = 1e-12f;

    private final Bert4RecConfig config;

    Bert4RecNetwork(SequenceBatches batches, Bert4RecConfig config) {
        super(batches, NextItemLoss.FULL_SOFTMAX, config.dropout(), config.hiddenSize());
        this.config = config;
    }

    int maskToken() { return batches.numItems() + 1; }

    @Override
    public ParameterSet initialParameters(Random rng) {
        int d = config.hiddenSize(), v = batches.numItems() + 2;
        ParameterSet p = new ParameterSet();
        p.add("item_emb", Initializers.normal(rng, v * d, 0.02), v, d);
        p.add("pos_emb", Initializers.normal(rng, config.maxLen() * d, 0.02), config.maxLen(), d);
        LayerNorm.addParameters(p, "emb_ln", d);
        for (int i = 0; i < config.blocks(); i++) {
            String b = "b" + i + ".";
            for (String lin : new String[] {"q", "k", "v", "o"}) linear(p, b + lin, d, d, rng);
            LayerNorm.addParameters(p, b + "attn_ln", d);
            linear(p, b + "ff1", d, 4 * d, rng);
            linear(p, b + "ff2", 4 * d, d, rng);
            LayerNorm.addParameters(p, b + "ffn_ln", d);
        }
        linear(p, "out", d, d, rng);
        LayerNorm.addParameters(p, "out_ln", d);
        p.add("out_bias", new float[batches.numItems()], batches.numItems());
        seedEngine(rng);
        return p;
    }

    /** BERT's initialisation: weights N(0, 0.02), zero biases. */
    private static void linear(ParameterSet p, String name, int in, int out, Random rng) {
        p.add(name + ".w", Initializers.normal(rng, in * out, 0.02), in, out);
        p.add(name + ".b", new float[out], out);
    }

    @Override
    NDArray itemOutput(Map<String, NDArray> w) { return w.get("item_emb"); }

    @Override
    NDArray itemBias(Map<String, NDArray> w) { return w.get("out_bias"); }

    /** Cloze examples: the windows with some real positions replaced by the mask token, predicting the originals. */
    @Override
    Examples examples(int[] rows, int epoch, SplittableRandom rng) {
        int len = batches.maxLen(), pad = batches.padding();
        int[] inputs = new int[rows.length * len];
        batches.fillSequences(rows, inputs);
        int[] positions = new int[inputs.length], targets = new int[inputs.length];
        int n = 0;
        for (int r = 0; r < rows.length; r++) {
            int before = n;
            for (int k = r * len; k < (r + 1) * len; k++) {
                if (inputs[k] == pad || rng.nextDouble() >= config.maskProb()) continue;
                positions[n] = k;
                targets[n++] = inputs[k];
                inputs[k] = maskToken();
            }
            if (n == before) { // every sequence predicts at least one item: its last
                int k = (r + 1) * len - 1;
                positions[n] = k;
                targets[n++] = inputs[k];
                inputs[k] = maskToken();
            }
        }
        return new Examples(inputs, Arrays.copyOf(positions, n), Arrays.copyOf(targets, n), new int[n]);
    }

    @Override
    NDArray hidden(NDManager m, Map<String, NDArray> w, int[] inputs, int rows, UnaryOperator<NDArray> dropout) {
        int len = inputs.length / rows;
        NDArray allowed = AttentionOps.allowed(m, inputs, rows, len, batches.padding(), false);
        NDArray x = NextItemLoss.rows(w.get("item_emb"), NextItemLoss.ids(m, inputs, rows, len)).add(lastPositions(w.get("pos_emb"), len, config.maxLen()));
        x = dropout.apply(AttentionOps.layerNorm(w, "emb_ln", x, LN_EPS));
        for (int i = 0; i < config.blocks(); i++) {
            String b = "b" + i + ".";
            NDArray a = AttentionOps.attention(w, b, x, x, allowed, config.heads(), dropout);
            x = AttentionOps.layerNorm(w, b + "attn_ln", x.add(dropout.apply(a)), LN_EPS);
            NDArray f = AttentionOps.linear(w, b + "ff2", Activation.gelu(AttentionOps.linear(w, b + "ff1", x)));
            x = AttentionOps.layerNorm(w, b + "ffn_ln", x.add(dropout.apply(f)), LN_EPS);
        }
        return AttentionOps.layerNorm(w, "out_ln", Activation.gelu(AttentionOps.linear(w, "out", x)), LN_EPS);
    }
}
