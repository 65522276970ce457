package io.genrec.models.slate;

import io.genrec.model.ItemFilter;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;

/**
 * Java inference of a trained GFN4Rec forward policy (parameters {@code pol.*}, see {@link Gfn4RecNetwork}): user
 * state {@code s = tanh(mean E[history] W_s + b_s)}; at step t the input (s, E[a_1], ..., E[a_{t-1}], 0, ..., 0) of
 * width h + K·d goes through {@code pol.fwd} (tanh) and {@code pol.q} to a query q_t, and the logits over items are
 * q_t · E^T. Greedy decoding (the paper's inference): each step takes the highest-logit item that passes the filter
 * and is not yet in the slate (ties: lower id). Steps beyond K reuse step K's logits. Immutable and thread safe.
 */
final class GfnPolicy {
    private final int numItems, k, d;
    private final float[] emb;
    private final DenseLayer state, logz, fwd, q;

    GfnPolicy(ParameterSet w, int slateSize) {
        int[] s = w.shape("pol.emb");
        numItems = s[0];
        d = s[1];
        k = slateSize;
        emb = w.get("pol.emb");
        state = DenseLayer.of(w, "pol.state");
        logz = DenseLayer.of(w, "pol.logz");
        fwd = DenseLayer.of(w, "pol.fwd");
        q = DenseLayer.of(w, "pol.q");
        w.requireShape("pol.fwd.w", state.out() + k * d, fwd.out());
    }

    int numItems() { return numItems; }

    int slateSize() { return k; }

    /** The user state s of a distinct history (zero context for an empty one). */
    float[] state(int[] distinctHistory) {
        float[] c = new float[d];
        if (distinctHistory.length > 0) {
            float wgt = 1f / distinctHistory.length;
            for (int item : distinctHistory) for (int j = 0; j < d; j++) c[j] += wgt * emb[item * d + j];
        }
        float[] s = new float[state.out()];
        state.forward(c, s);
        DenseLayer.tanh(s);
        return s;
    }

    /** log Z(u), the learned log-flow of the state. */
    double logZ(float[] s) {
        float[] z = new float[1];
        logz.forward(s, z);
        return z[0];
    }

    /** Logits over all items at the step whose chosen items so far are {@code slate[0..t)} (t &lt;= K). */
    void logits(float[] s, int[] slate, int t, float[] out) {
        float[] in = new float[s.length + k * d];
        System.arraycopy(s, 0, in, 0, s.length);
        for (int p = 0; p < t; p++) System.arraycopy(emb, slate[p] * d, in, s.length + p * d, d);
        float[] hid = new float[fwd.out()];
        fwd.forward(in, hid);
        DenseLayer.tanh(hid);
        float[] query = new float[d];
        q.forward(hid, query);
        for (int i = 0; i < numItems; i++) {
            float v = 0;
            int base = i * d;
            for (int j = 0; j < d; j++) v += query[j] * emb[base + j];
            out[i] = v;
        }
    }

    /** Greedy slate of up to {@code size} distinct accepted items; {@code firstLogits} receives step 1's logits. */
    int[] decode(float[] s, int size, ItemFilter filter, float[] firstLogits) {
        boolean[] taken = new boolean[numItems];
        int[] slate = new int[Math.min(size, numItems)];
        int n = 0;
        float[] l = new float[numItems];
        logits(s, slate, 0, firstLogits);
        float[] cur = firstLogits;
        for (int p = 0; p < slate.length; p++) {
            if (p > 0 && p < k) {
                logits(s, slate, p, l);
                cur = l;
            }
            int best = -1;
            for (int i = 0; i < numItems; i++) {
                if (taken[i] || (best >= 0 && !(cur[i] > cur[best]))) continue;
                if (filter.accepts(i)) best = i;
            }
            if (best < 0) break;
            taken[best] = true;
            slate[n++] = best;
        }
        return n == slate.length ? slate : java.util.Arrays.copyOf(slate, n);
    }
}
