package io.genrec.models.sequential;

import io.genrec.models.training.ParameterSet;

/**
 * BERT4Rec's inference in plain Java: the last {@code maxLen - 1} history items followed by the mask token go through
 * the bidirectional layers (padding skipped: it is masked out of attention), the last layer computes only the mask
 * position, and its output transform is scored against every item ("mask last" prediction, Sun et al. 2019).
 * Immutable; thread safe.
 */
final class Bert4RecScorer {
    private final int d, heads, maxLen, blocks, numItems;
    private final ParameterSet w;
    private final float[] itemEmb, itemEmbT, posEmb, outBias;

    Bert4RecScorer(ParameterSet w, Bert4RecConfig c, int numItems) {
        d = c.hiddenSize();
        heads = c.heads();
        maxLen = c.maxLen();
        blocks = c.blocks();
        this.numItems = numItems;
        this.w = w;
        w.requireShape("item_emb", numItems + 2, d);
        w.requireShape("pos_emb", maxLen, d);
        itemEmb = w.get("item_emb");
        itemEmbT = RowOps.transpose(java.util.Arrays.copyOf(itemEmb, numItems * d), numItems, d);
        posEmb = w.get("pos_emb");
        outBias = w.get("out_bias");
    }

    void score(int[] history, float[] out) { RowOps.dotAllTransposed(maskOutput(history), itemEmbT, outBias, out); }

    /** The output transform at the mask token appended to {@code history}. */
    float[] maskOutput(int[] history) {
        int h = Math.min(maxLen - 1, history.length), n = h + 1, off = history.length - h, posOff = maxLen - n;
        float[] x = new float[n * d];
        for (int t = 0; t < n; t++) {
            int e = (t < h ? history[off + t] : numItems + 1) * d, p = (posOff + t) * d, o = t * d;
            for (int j = 0; j < d; j++) x[o + j] = itemEmb[e + j] + posEmb[p + j];
        }
        norm(x, "emb_ln");
        int rows = n;
        for (int i = 0; i < blocks; i++) {
            String b = "b" + i + ".";
            int from = i == blocks - 1 ? n - 1 : 0; // the last layer only needs the mask position
            float[] q = RowOps.linear(x, from, n, d, w.get(b + "q.w"), w.get(b + "q.b"), d);
            float[] k = RowOps.linear(x, 0, n, d, w.get(b + "k.w"), w.get(b + "k.b"), d);
            float[] v = RowOps.linear(x, 0, n, d, w.get(b + "v.w"), w.get(b + "v.b"), d);
            float[] a = RowOps.linear(RowOps.attend(q, k, v, from, n, d, heads, false), 0, n - from, d, w.get(b + "o.w"), w.get(b + "o.b"), d);
            float[] y = java.util.Arrays.copyOfRange(x, from * d, n * d);
            RowOps.addInPlace(y, a);
            norm(y, b + "attn_ln");
            float[] f = RowOps.linear(y, 0, n - from, d, w.get(b + "ff1.w"), w.get(b + "ff1.b"), 4 * d);
            RowOps.gelu(f);
            RowOps.addInPlace(y, RowOps.linear(f, 0, n - from, 4 * d, w.get(b + "ff2.w"), w.get(b + "ff2.b"), d));
            norm(y, b + "ffn_ln");
            x = y;
            rows = n - from;
        }
        float[] last = java.util.Arrays.copyOfRange(x, (rows - 1) * d, rows * d);
        float[] o = RowOps.linear(last, 0, 1, d, w.get("out.w"), w.get("out.b"), d);
        RowOps.gelu(o);
        norm(o, "out_ln");
        return o;
    }

    private void norm(float[] x, String name) {
        RowOps.layerNorm(x, d, w.get(name + ".g"), w.get(name + ".b"), Bert4RecNetwork.LN_EPS);
    }
}
