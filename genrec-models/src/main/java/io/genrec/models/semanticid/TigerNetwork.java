package io.genrec.models.semanticid;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import io.genrec.data.Dataset;
import io.genrec.models.training.Batch;
import io.genrec.models.training.HostDropout;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.LayerNorm;
import io.genrec.models.training.OwnedArrays;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;
import io.genrec.models.training.TrainableNetwork;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * TIGER's encoder–decoder Transformer over semantic-ID tokens as differentiable NDArray operations, shared by training
 * (the {@link io.genrec.models.training.NeuralTrainer}) and decoding ({@link Tiger.Fitted}). The encoder reads a
 * hashed user-id token followed by the {@code L} tokens of each history item (most recent last, left-padded, learned
 * absolute positions, bidirectional attention over real tokens); the decoder reads a start token and the first
 * {@code L-1} tokens of the next item (causal self-attention, cross-attention to the encoder) and predicts token
 * {@code l} at position {@code l}; the loss is the cross-entropy of each of the {@code L} tokens, averaged.
 * Pre-norm blocks (layer norm, sublayer, residual), ReLU feed-forward, a final layer norm per stack. Output logits of
 * level {@code l} are dot products with the input embeddings of level {@code l}'s codes (tied).
 *
 * <p>Vocabulary (rows of {@code emb [V, dim]}): token {@code (l, c)} is row {@code l*K + c}, then the start token,
 * the padding token, and {@code userBuckets + 1} user rows (the last for users the model does not know).
 * Training rows are (user, position) pairs: every item of a training sequence after its first is predicted from the
 * (at most {@code maxLen}) items before it, as in the paper.
 */
final class TigerNetwork implements TrainableNetwork {
    static final float LN_EPS = 1e-6f;

    private final TigerConfig c;
    private final int[][] ids;
    private final int L, K, d;
    private final int[] itemIdx, rowUser, rowPos, userStart;

    /** @param ids every item's semantic ID ({@code L} tokens below {@code K}); {@code data} may be null at inference */
    TigerNetwork(TigerConfig config, int[][] ids, Dataset data) {
        this.c = config;
        this.ids = ids;
        this.L = config.idLength();
        this.K = config.codes();
        this.d = config.dim();
        if (data == null) {
            itemIdx = rowUser = rowPos = userStart = new int[0];
            return;
        }
        itemIdx = data.itemIndices();
        int[] ptr = data.userPointers();
        userStart = ptr;
        int rows = 0;
        for (int u = 0; u < data.numUsers(); u++) rows += Math.max(0, ptr[u + 1] - ptr[u] - 1);
        rowUser = new int[rows];
        rowPos = new int[rows];
        int r = 0;
        for (int u = 0; u < data.numUsers(); u++)
            for (int k = ptr[u] + 1; k < ptr[u + 1]; k++) { rowUser[r] = u; rowPos[r++] = k; }
    }

    int bos() { return L * K; }
    int pad() { return L * K + 1; }
    int vocabulary() { return L * K + 2 + c.userBuckets() + 1; }
    int encoderLength() { return 1 + c.maxLen() * L; }

    /** The embedding row of user index {@code user}'s hash bucket; unknown users ({@code < 0}) share the last row. */
    int userToken(int user) {
        if (user < 0) return L * K + 2 + c.userBuckets();
        long h = user * 0x9E3779B97F4A7C15L; // Fibonacci hashing: spreads consecutive indices over the buckets
        return L * K + 2 + (int) Long.remainderUnsigned(h ^ (h >>> 29), c.userBuckets());
    }

    /** Training rows: one per predicted item. */
    @Override
    public int numRows() { return rowUser.length; }

    /**
     * Batches of rows with similar history length: a batch's encoder runs at its longest history, and with random
     * batches nearly every batch holds a 20-item history (81 tokens) while the mean is a few items. The shuffled
     * rows are cut into pools of 16 batches, each pool is sorted by length and cut into batches, and the batch order
     * is shuffled with {@code rng}, so every row is used once per epoch and the seed fixes the plan.
     */
    @Override
    public java.util.List<int[]> batches(int[] shuffled, int batchSize, java.util.SplittableRandom rng) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int pool = 16 * batchSize;
        for (int from = 0; from < shuffled.length; from += pool) {
            int to = Math.min(shuffled.length, from + pool);
            Integer[] p = new Integer[to - from];
            for (int i = 0; i < p.length; i++) p[i] = shuffled[from + i];
            Arrays.sort(p, java.util.Comparator.comparingInt(r -> Math.min(c.maxLen(), rowPos[r] - userStart[rowUser[r]])));
            for (int b = 0; b < p.length; b += batchSize) {
                int[] batch = new int[Math.min(batchSize, p.length - b)];
                for (int i = 0; i < batch.length; i++) batch[i] = p[b + i];
                out.add(batch);
            }
        }
        for (int i = out.size() - 1; i > 0; i--) java.util.Collections.swap(out, i, rng.nextInt(i + 1));
        return out;
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        ParameterSet p = new ParameterSet();
        int v = vocabulary();
        p.add("emb", Initializers.normal(rng, v * d, 1.0 / Math.sqrt(d)), v, d);
        p.add("enc_pos", Initializers.normal(rng, encoderLength() * d, 0.02), encoderLength(), d);
        p.add("dec_pos", Initializers.normal(rng, L * d, 0.02), L, d);
        for (int i = 0; i < c.layers(); i++) {
            block(p, "enc" + i + ".", rng, false);
            block(p, "dec" + i + ".", rng, true);
        }
        LayerNorm.addParameters(p, "enc_ln", d);
        LayerNorm.addParameters(p, "dec_ln", d);
        Engine.getInstance().setRandomSeed(rng.nextInt(Integer.MAX_VALUE));
        return p;
    }

    private void block(ParameterSet p, String b, Random rng, boolean decoder) {
        LayerNorm.addParameters(p, b + "sa_ln", d);
        for (String lin : new String[] {"q", "k", "v", "o"}) linear(p, b + "sa." + lin, d, d, rng);
        if (decoder) {
            LayerNorm.addParameters(p, b + "ca_ln", d);
            for (String lin : new String[] {"q", "k", "v", "o"}) linear(p, b + "ca." + lin, d, d, rng);
        }
        LayerNorm.addParameters(p, b + "ff_ln", d);
        linear(p, b + "ff1", d, c.ff(), rng);
        linear(p, b + "ff2", c.ff(), d, rng);
    }

    private static void linear(ParameterSet p, String name, int in, int out, Random rng) {
        p.add(name + ".w", Initializers.xavierUniform(rng, in, out), in, out);
        p.add(name + ".b", new float[out], out);
    }

    /** The left-padded encoder tokens of a user and history (its last {@code maxLen} items), {@code len} wide. */
    void encoderTokens(int user, int[] history, int from, int to, int[] out, int offset, int len) {
        int n = Math.min(c.maxLen(), to - from), start = to - n;
        int real = 1 + n * L;
        if (real > len) throw new IllegalArgumentException("encoder window " + len + " shorter than " + real + " tokens");
        Arrays.fill(out, offset, offset + len - real, pad());
        int o = offset + len - real;
        out[o++] = userToken(user);
        for (int k = start; k < to; k++) {
            int[] id = ids[history[k]];
            for (int l = 0; l < L; l++) out[o++] = l * K + id[l];
        }
    }

    int realEncoderTokens(int historyLength) { return 1 + Math.min(c.maxLen(), historyLength) * L; }

    /**
     * Encoder output {@code [rows, len, d]} and the additive key mask {@code [rows, 1, 1, len]} (0 for real tokens,
     * {@link #MASKED} for padding; see {@link #maskedSoftmax}) of flat tokens {@code [rows, len]}.
     */
    NDArray[] encode(NDManager m, Map<String, NDArray> w, int[] tokens, int rows, int len, UnaryOperator<NDArray> drop) {
        float[] keep = new float[tokens.length], bias = new float[tokens.length];
        for (int k = 0; k < tokens.length; k++) {
            boolean real = tokens[k] != pad();
            keep[k] = real ? 1f : 0f;
            bias[k] = real ? 0f : MASKED;
        }
        NDArray keyMask = OwnedArrays.floats(m, bias, rows, 1, 1, len);
        NDArray rowMask = OwnedArrays.floats(m, keep, rows, len, 1);
        NDArray x = rows(w.get("emb"), m, tokens, rows, len).add(positions(m, w.get("enc_pos"), encoderLength() - len, len));
        x = drop.apply(x).mul(rowMask);
        for (int i = 0; i < c.layers(); i++) {
            String b = "enc" + i + ".";
            NDArray h = ln(w, b + "sa_ln", x);
            x = x.add(drop.apply(attention(w, b + "sa.", h, h, keyMask, drop)));
            h = ln(w, b + "ff_ln", x);
            x = x.add(drop.apply(ffn(w, b, h, drop))).mul(rowMask);
        }
        return new NDArray[] {ln(w, "enc_ln", x), keyMask};
    }

    /** Decoder output {@code [rows, len, d]} for decoder tokens {@code [rows, len]} (start token first). */
    NDArray decode(NDManager m, Map<String, NDArray> w, NDArray enc, NDArray encMask, int[] tokens, int rows, int len,
                   UnaryOperator<NDArray> drop) {
        float[] causal = new float[len * len];
        for (int q = 0; q < len; q++) for (int k = q + 1; k < len; k++) causal[q * len + k] = MASKED;
        NDArray selfMask = OwnedArrays.floats(m, causal, 1, 1, len, len);
        NDArray y = rows(w.get("emb"), m, tokens, rows, len).add(positions(m, w.get("dec_pos"), 0, len));
        y = drop.apply(y);
        for (int i = 0; i < c.layers(); i++) {
            String b = "dec" + i + ".";
            NDArray h = ln(w, b + "sa_ln", y);
            y = y.add(drop.apply(attention(w, b + "sa.", h, h, selfMask, drop)));
            h = ln(w, b + "ca_ln", y);
            y = y.add(drop.apply(attention(w, b + "ca.", h, enc, encMask, drop)));
            h = ln(w, b + "ff_ln", y);
            y = y.add(drop.apply(ffn(w, b, h, drop)));
        }
        return ln(w, "dec_ln", y);
    }

    /** Logits {@code [rows, K]} of level {@code level}'s token from decoder states {@code h [rows, d]}. */
    NDArray levelLogits(Map<String, NDArray> w, NDArray h, int level) {
        NDArray table = w.get("emb").get(level * K + ":" + (level + 1) * K);
        return h.matMul(table.transpose());
    }

    private NDArray ffn(Map<String, NDArray> w, String b, NDArray h, UnaryOperator<NDArray> drop) {
        return linear(w, b + "ff2", drop.apply(Activation.relu(linear(w, b + "ff1", h))));
    }

    private NDArray attention(Map<String, NDArray> w, String p, NDArray qIn, NDArray kvIn, NDArray maskBias, UnaryOperator<NDArray> drop) {
        long rows = qIn.getShape().get(0), lq = qIn.getShape().get(1), lk = kvIn.getShape().get(1);
        int heads = c.heads(), dh = d / heads;
        NDArray q = linear(w, p + "q", qIn).reshape(rows, lq, heads, dh).transpose(0, 2, 1, 3);
        NDArray k = linear(w, p + "k", kvIn).reshape(rows, lk, heads, dh).transpose(0, 2, 1, 3);
        NDArray v = linear(w, p + "v", kvIn).reshape(rows, lk, heads, dh).transpose(0, 2, 1, 3);
        // the 1/sqrt(dh) scale on q [rows, heads, lq, dh] rather than on the scores [rows, heads, lq, lk]: same values
        // up to float rounding, one pass over the smaller tensor (lk > dh in the encoder)
        NDArray s = q.mul(TorchScalar.of(q, 1 / Math.sqrt(dh))).matMul(k.transpose(0, 1, 3, 2));
        NDArray att = drop.apply(maskedSoftmax(s, maskBias));
        return linear(w, p + "o", att.matMul(v).transpose(0, 2, 1, 3).reshape(rows, lq, d));
    }

    /**
     * Softmax over allowed keys only: {@code bias} is 0 for an allowed key and {@link #MASKED} for a masked one, and
     * PyTorch's fused softmax (one op forward, one backward) does the rest. {@code exp(MASKED - max)} underflows to
     * exactly 0 in float, so masked keys get weight 0 as with the earlier 0/1-mask formulation (shift by the allowed
     * maximum, exp, multiply by the mask, normalise), which took 9 ops over the {@code [rows, heads, len, len]} scores
     * and their backward; the allowed weights agree within float rounding. Every query row has an allowed key (the
     * encoder's user token is never padding; the causal mask allows the diagonal), so no row is all-masked.
     */
    private static NDArray maskedSoftmax(NDArray s, NDArray bias) {
        return s.add(bias).softmax(-1);
    }

    /** The additive mask value of a key a query must not see. */
    static final float MASKED = -1e9f;

    private static NDArray linear(Map<String, NDArray> w, String name, NDArray x) {
        return x.matMul(w.get(name + ".w")).add(w.get(name + ".b"));
    }

    private static NDArray ln(Map<String, NDArray> w, String name, NDArray x) {
        return LayerNorm.apply(x, w.get(name + ".g"), w.get(name + ".b"), LN_EPS);
    }

    private static NDArray rows(NDArray table, NDManager m, int[] ids, long... shape) {
        long[] l = new long[ids.length];
        for (int i = 0; i < l.length; i++) l[i] = ids[i];
        return Embedding.embedding(OwnedArrays.longs(m, l, shape), table, SparseFormat.DENSE).get(0);
    }

    /** Rows {@code from..from+len-1} of a positional table, through the embedding op (gradients reach them). */
    private static NDArray positions(NDManager m, NDArray table, int from, int len) {
        int[] idx = new int[len];
        for (int i = 0; i < len; i++) idx[i] = from + i;
        return rows(table, m, idx, len);
    }

    /**
     * Writes training row {@code r}'s encoder tokens ({@code len} wide, at {@code encOffset}) and decoder input (start
     * token and the target's first {@code L-1} tokens, at {@code decOffset}); returns the target item. The only place
     * an example is built, so the leave-one-out leak test checks exactly what the loss sees.
     */
    int example(int r, int[] enc, int encOffset, int len, int[] dec, int decOffset) {
        int u = rowUser[r], item = itemIdx[rowPos[r]];
        encoderTokens(u, itemIdx, userStart[u], rowPos[r], enc, encOffset, len);
        int[] id = ids[item];
        dec[decOffset] = bos();
        for (int l = 0; l + 1 < L; l++) dec[decOffset + l + 1] = l * K + id[l];
        return item;
    }

    /** The user index of training row {@code r}. */
    int rowUser(int r) { return rowUser[r]; }

    @Override
    public NDArray loss(Batch batch) {
        int[] rows = batch.rows();
        int n = rows.length, len = 0;
        for (int r : rows) len = Math.max(len, realEncoderTokens(rowPos[r] - userStart[rowUser[r]]));
        int[] enc = new int[n * len], dec = new int[n * L];
        long[] target = new long[L * n];
        for (int b = 0; b < n; b++) {
            int[] id = ids[example(rows[b], enc, b * len, len, dec, b * L)];
            for (int l = 0; l < L; l++) target[l * n + b] = id[l];
        }
        NDManager m = batch.manager();
        // masks drawn on the host (HostDropout): PyTorch's Bernoulli masks are a serial per-element generator on AMD
        // CPUs; the seed is the draw that used to reseed PyTorch's generator, so the batch rng's sequence is unchanged
        UnaryOperator<NDArray> drop = c.dropout() == 0 ? x -> x : HostDropout.of(m, c.dropout(), batch.rng().nextInt(Integer.MAX_VALUE));
        Map<String, NDArray> w = batch.params();
        NDArray[] e = encode(m, w, enc, n, len, drop);
        NDArray h = decode(m, w, e[0], e[1], dec, n, L, drop).transpose(1, 0, 2); // [L, n, d]
        int[] codeRows = new int[L * K];
        for (int i = 0; i < codeRows.length; i++) codeRows[i] = i;
        NDArray table = rows(w.get("emb"), m, codeRows, L, K).transpose(0, 2, 1); // [L, d, K], tied to the input rows
        NDArray logp = h.matMul(table).logSoftmax(-1); // [L, n, K]
        NDArray picked = logp.gather(OwnedArrays.longs(m, target, L, n, 1), -1).sum(); // each target token's log-probability
        return picked.mul(TorchScalar.of(picked, -1.0 / (n * L)));
    }

    /** Weights of {@code p} as arrays of {@code m} (inference: no gradients). */
    static Map<String, NDArray> upload(NDManager m, ParameterSet p, Iterable<String> names) {
        Map<String, NDArray> w = new HashMap<>();
        for (String name : names) {
            int[] s = p.shape(name);
            long[] shape = new long[s.length];
            for (int i = 0; i < s.length; i++) shape[i] = s[i];
            w.put(name, OwnedArrays.floats(m, p.get(name), shape));
        }
        return w;
    }
}
