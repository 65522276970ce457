package io.genrec.models.sequential;

import io.genrec.models.training.ParameterSet;

/**
 * SASRec's forward pass in plain Java over trained weights, for one history at a time: only the real items are
 * processed (their positional embeddings are those of the right end of the left-padded window, as in training), and
 * the last block computes queries, attention and feed-forward for the last position only. Immutable apart from its
 * pool of work arrays; thread safe.
 */
final class SasRecScorer {
    private final int d, heads, maxLen, numItems, blocks;
    private final float scale;
    private final float[] itemEmb, itemEmbT, posEmb;
    private final float[][] attnG, attnB, qw, qb, kw, kb, vw, vb, ow, ob, ffnG, ffnB, f1w, f1b, f2w, f2b;
    private final float[] finalG, finalB;
    private static final int SLOTS_PER_BLOCK = 10;
    /** Work arrays for concurrent passes (a server's request threads); more than 16 at once allocate afresh. */
    private final WorkArrays.Pool pool;

    SasRecScorer(ParameterSet w, SasRecConfig c, int numItems) {
        d = c.hiddenSize();
        heads = c.heads();
        maxLen = c.maxLen();
        blocks = c.blocks();
        this.numItems = numItems;
        scale = (float) Math.sqrt(d);
        w.requireShape("item_emb", numItems + 1, d);
        w.requireShape("pos_emb", maxLen, d);
        itemEmb = w.get("item_emb");
        itemEmbT = RowOps.transpose(java.util.Arrays.copyOf(itemEmb, numItems * d), numItems, d);
        posEmb = w.get("pos_emb");
        attnG = new float[blocks][]; attnB = new float[blocks][];
        qw = new float[blocks][]; qb = new float[blocks][]; kw = new float[blocks][]; kb = new float[blocks][];
        vw = new float[blocks][]; vb = new float[blocks][]; ow = new float[blocks][]; ob = new float[blocks][];
        ffnG = new float[blocks][]; ffnB = new float[blocks][];
        f1w = new float[blocks][]; f1b = new float[blocks][]; f2w = new float[blocks][]; f2b = new float[blocks][];
        for (int i = 0; i < blocks; i++) {
            String b = "b" + i + ".";
            attnG[i] = w.get(b + "attn_ln.g"); attnB[i] = w.get(b + "attn_ln.b");
            qw[i] = w.get(b + "q.w"); qb[i] = w.get(b + "q.b"); kw[i] = w.get(b + "k.w"); kb[i] = w.get(b + "k.b");
            vw[i] = w.get(b + "v.w"); vb[i] = w.get(b + "v.b"); ow[i] = w.get(b + "o.w"); ob[i] = w.get(b + "o.b");
            ffnG[i] = w.get(b + "ffn_ln.g"); ffnB[i] = w.get(b + "ffn_ln.b");
            f1w[i] = w.get(b + "ff1.w"); f1b[i] = w.get(b + "ff1.b"); f2w[i] = w.get(b + "ff2.w"); f2b[i] = w.get(b + "ff2.b");
        }
        finalG = w.get("final_ln.g");
        finalB = w.get("final_ln.b");
        pool = new WorkArrays.Pool(1 + blocks * SLOTS_PER_BLOCK, 16);
    }

    /** Next-item logits for {@code history} (oldest first; only the last maxLen items are used). */
    void score(int[] history, float[] out) {
        RowOps.dotAllTransposed(lastHidden(history), itemEmbT, null, out);
    }

    /** The final hidden state at the last position of {@code history}'s window. */
    float[] lastHidden(int[] history) {
        int n = Math.min(maxLen, history.length);
        if (n == 0) return finalB.clone(); // an all-padding window: every position is zeroed, LN(0) = beta
        WorkArrays work = pool.take();
        try {
            return lastHidden(history, n, work);
        } finally {
            pool.give(work);
        }
    }

    private float[] lastHidden(int[] history, int n, WorkArrays work) {
        // work arrays may be longer than the data: every kernel below is given its length
        int off = history.length - n, posOff = maxLen - n;
        float[] x = work.get(0, n * d);
        for (int t = 0; t < n; t++) {
            int e = history[off + t] * d, p = (posOff + t) * d, o = t * d;
            for (int j = 0; j < d; j++) x[o + j] = itemEmb[e + j] * scale + posEmb[p + j];
        }
        int rows = n;
        for (int i = 0; i < blocks; i++) {
            int from = i == blocks - 1 ? n - 1 : 0; // the last block only needs the last position's output
            int m = n - from, len = m * d, slot = 1 + i * SLOTS_PER_BLOCK; // each block its own slots
            float[] q = work.get(slot, len);
            System.arraycopy(x, from * d, q, 0, len);
            RowOps.layerNorm(q, len, d, attnG[i], attnB[i], SasRecNetwork.LN_EPS);
            float[] qp = RowOps.linear(q, 0, m, d, qw[i], qb[i], d, work.get(slot + 1, len));
            float[] kp = RowOps.linear(x, 0, n, d, kw[i], kb[i], d, work.get(slot + 2, n * d));
            float[] vp = RowOps.linear(x, 0, n, d, vw[i], vb[i], d, work.get(slot + 3, n * d));
            float[] ctx = RowOps.attend(qp, kp, vp, from, n, d, heads, true,
                    work.get(slot + 4, n * d), work.get(slot + 5, len), work.get(slot + 6, n));
            float[] y = RowOps.linear(ctx, 0, m, d, ow[i], ob[i], d, work.get(slot + 7, len));
            RowOps.addInPlace(y, q, len);
            RowOps.layerNorm(y, len, d, ffnG[i], ffnB[i], SasRecNetwork.LN_EPS);
            float[] f = RowOps.linear(y, 0, m, d, f1w[i], f1b[i], d, work.get(slot + 8, len));
            RowOps.relu(f, len);
            float[] f2 = RowOps.linear(f, 0, m, d, f2w[i], f2b[i], d, work.get(slot + 9, len));
            RowOps.addInPlace(y, f2, len);
            x = y;
            rows = m;
        }
        float[] h = java.util.Arrays.copyOfRange(x, (rows - 1) * d, rows * d);
        RowOps.layerNorm(h, d, finalG, finalB, SasRecNetwork.LN_EPS);
        return h;
    }
}
