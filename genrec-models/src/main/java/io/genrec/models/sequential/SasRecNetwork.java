package io.genrec.models.sequential;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.LayerNorm;
import io.genrec.models.training.OwnedArrays;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TextItemInit;

import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * SASRec's network (Kang &amp; McAuley 2018) as differentiable NDArray operations for the shared trainer, following the
 * authors' PyTorch port: item embeddings scaled by sqrt(d) plus learned positional embeddings, dropout, then per block
 * a pre-norm causal multi-head self-attention (queries from the normalised input, keys/values from the raw input,
 * residual on the normalised input) and a post-norm point-wise feed-forward network with residual, a final layer norm,
 * and logits as dot products with the (shared) item embeddings. Padding positions are zeroed after every block.
 * Deviation: padding keys are also masked out of the attention (the reference code masks only the future), so a
 * prediction depends on the real items alone; the Java scorer ({@link SasRecScorer}) relies on this.
 *
 * <p>Parameter names: {@code item_emb [numItems+1, d]} (last row = padding), {@code pos_emb [maxLen, d]}, per block
 * {@code b<i>.attn_ln.g/b}, {@code b<i>.q/k/v/o.w [d,d]} and {@code .b}, {@code b<i>.ffn_ln.g/b},
 * {@code b<i>.ff1/ff2.w [d,d]} and {@code .b}; {@code final_ln.g/b}.
 */
final class SasRecNetwork extends NextItemNetwork {
    static final float LN_EPS = 1e-8f;

    private final SasRecConfig config;
    private final TextItemInit textInit;

    SasRecNetwork(SequenceBatches batches, SasRecConfig config) { this(batches, config, null); }

    /** @param textInit rows written over the random item embeddings, or null ({@code item_init=random}) */
    SasRecNetwork(SequenceBatches batches, SasRecConfig config, TextItemInit textInit) {
        super(batches, config.lossFunction(), config.negatives().create(batches), config.dropout(), config.hiddenSize());
        this.config = config;
        this.textInit = textInit;
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        int d = config.hiddenSize(), v = batches.numItems() + 1;
        ParameterSet p = new ParameterSet();
        float[] itemEmb = Initializers.xavierNormal(rng, v, d);
        if (textInit != null) textInit.applyTo(itemEmb, d);
        p.add("item_emb", itemEmb, v, d);
        p.add("pos_emb", Initializers.xavierNormal(rng, config.maxLen(), d), config.maxLen(), d);
        for (int i = 0; i < config.blocks(); i++) {
            LayerNorm.addParameters(p, "b" + i + ".attn_ln", d);
            for (String lin : new String[] {"q", "k", "v", "o"}) linear(p, "b" + i + "." + lin, d, rng);
            LayerNorm.addParameters(p, "b" + i + ".ffn_ln", d);
            linear(p, "b" + i + ".ff1", d, rng);
            linear(p, "b" + i + ".ff2", d, rng);
        }
        LayerNorm.addParameters(p, "final_ln", d);
        seedEngine(rng);
        initialiseSampler(rng);
        return p;
    }

    private static void linear(ParameterSet p, String name, int d, Random rng) {
        p.add(name + ".w", Initializers.xavierNormal(rng, d, d), d, d);
        p.add(name + ".b", new float[d], d);
    }

    @Override
    NDArray itemOutput(Map<String, NDArray> w) { return w.get("item_emb"); }

    @Override
    NDArray itemBias(Map<String, NDArray> w) { return null; }

    @Override
    NDArray hidden(NDManager m, Map<String, NDArray> w, int[] inputs, int rows, UnaryOperator<NDArray> dropout) {
        int len = inputs.length / rows, d = config.hiddenSize(), pad = batches.padding();
        float[] keep = new float[inputs.length];
        for (int k = 0; k < inputs.length; k++) keep[k] = inputs[k] == pad ? 0f : 1f;
        NDArray mask = OwnedArrays.floats(m, keep, rows, len, 1);
        NDArray allowed = AttentionOps.allowed(m, inputs, rows, len, pad, true);
        NDArray emb = NextItemLoss.rows(w.get("item_emb"), NextItemLoss.ids(m, inputs, rows, len));
        NDArray x = AttentionOps.scaled(emb, Math.sqrt(d)).add(lastPositions(w.get("pos_emb"), len, config.maxLen()));
        x = dropout.apply(x).mul(mask);
        for (int i = 0; i < config.blocks(); i++) {
            String b = "b" + i + ".";
            NDArray q = AttentionOps.layerNorm(w, b + "attn_ln", x, LN_EPS);
            x = q.add(AttentionOps.attention(w, b, q, x, allowed, config.heads(), dropout));
            x = AttentionOps.layerNorm(w, b + "ffn_ln", x, LN_EPS);
            NDArray f = AttentionOps.linear(w, b + "ff1", x);
            f = dropout.apply(AttentionOps.linear(w, b + "ff2", dropout.apply(Activation.relu(f))));
            x = x.add(f).mul(mask);
        }
        return AttentionOps.layerNorm(w, "final_ln", x, LN_EPS);
    }
}
