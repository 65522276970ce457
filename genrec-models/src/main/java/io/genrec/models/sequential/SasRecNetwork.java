package io.genrec.models.sequential;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TextItemInit;

import java.util.Arrays;
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
        super(batches, config.lossFunction(), config.dropout(), config.hiddenSize());
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
            layerNorm(p, "b" + i + ".attn_ln", d);
            for (String lin : new String[] {"q", "k", "v", "o"}) linear(p, "b" + i + "." + lin, d, rng);
            layerNorm(p, "b" + i + ".ffn_ln", d);
            linear(p, "b" + i + ".ff1", d, rng);
            linear(p, "b" + i + ".ff2", d, rng);
        }
        layerNorm(p, "final_ln", d);
        seedEngine(rng);
        return p;
    }

    private static void layerNorm(ParameterSet p, String name, int d) {
        float[] g = new float[d];
        Arrays.fill(g, 1f);
        p.add(name + ".g", g, d);
        p.add(name + ".b", new float[d], d);
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
        int len = config.maxLen(), d = config.hiddenSize(), heads = config.heads(), dh = d / heads;
        int pad = batches.padding();
        float[] keep = new float[inputs.length];
        for (int k = 0; k < inputs.length; k++) keep[k] = inputs[k] == pad ? 0f : 1f;
        float[] allowed = new float[rows * len * len];
        for (int r = 0; r < rows; r++)
            for (int q = 0; q < len; q++)
                for (int k = 0; k <= q; k++) allowed[(r * len + q) * len + k] = keep[r * len + k];
        NDArray mask = m.create(keep, new Shape(rows, len, 1));
        NDArray attnAllowed = m.create(allowed, new Shape(rows, 1, len, len));
        NDArray x = NextItemLoss.rows(w.get("item_emb"), NextItemLoss.ids(m, inputs, rows, len))
                .mul((float) Math.sqrt(d)).add(w.get("pos_emb"));
        x = dropout.apply(x).mul(mask);
        for (int i = 0; i < config.blocks(); i++) {
            String b = "b" + i + ".";
            NDArray q = layerNorm(w, b + "attn_ln", x, d);
            NDArray qh = heads(linear(w, b + "q", q), rows, len, heads, dh);
            NDArray kh = heads(linear(w, b + "k", x), rows, len, heads, dh);
            NDArray vh = heads(linear(w, b + "v", x), rows, len, heads, dh);
            NDArray att = maskedSoftmax(qh.matMul(kh.transpose(0, 1, 3, 2)).mul((float) (1 / Math.sqrt(dh))), attnAllowed);
            NDArray ctx = dropout.apply(att).matMul(vh).transpose(0, 2, 1, 3).reshape(rows, len, d);
            x = q.add(linear(w, b + "o", ctx));
            x = layerNorm(w, b + "ffn_ln", x, d);
            NDArray f = dropout.apply(linear(w, b + "ff2", dropout.apply(Activation.relu(linear(w, b + "ff1", x)))));
            x = x.add(f).mul(mask);
        }
        return layerNorm(w, "final_ln", x, d);
    }

    /**
     * Softmax over the last axis restricted to the entries where {@code allowed} is 1 (0 elsewhere; a row with no
     * allowed entry, a padding query, gets all zeros). The shift is the row maximum over allowed entries, and
     * disallowed entries are zeroed before {@code exp}, so nothing overflows. Written with a 0/1 multiplier rather than a large negative
     * additive mask: the additive form produced sporadic NaN gradients in the first block during training on
     * Beauty (PyTorch 2.7.1 CPU), which this form does not.
     */
    private static NDArray maskedSoftmax(NDArray scores, NDArray allowed) {
        NDArray shift = scores.add(allowed.sub(1f).mul(1e4f)).max(new int[] {-1}, true).stopGradient();
        NDArray e = scores.sub(shift).mul(allowed).exp().mul(allowed);
        return e.div(e.sum(new int[] {-1}, true).add(1e-30f));
    }

    private static NDArray heads(NDArray x, int rows, int len, int heads, int dh) {
        return x.reshape(rows, len, heads, dh).transpose(0, 2, 1, 3);
    }

    private static NDArray linear(Map<String, NDArray> w, String name, NDArray x) {
        return x.matMul(w.get(name + ".w")).add(w.get(name + ".b"));
    }

    /**
     * Layer normalisation over the last axis written out in primitive ops (biased variance, eps inside the square
     * root, as PyTorch's LayerNorm).
     */
    private static NDArray layerNorm(Map<String, NDArray> w, String name, NDArray x, int d) {
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray std = centred.square().mean(new int[] {-1}, true).add(LN_EPS).sqrt();
        return centred.div(std).mul(w.get(name + ".g")).add(w.get(name + ".b"));
    }
}
