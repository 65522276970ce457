package io.genrec.models.slate;

import io.genrec.model.ItemFilter;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;

/**
 * Java inference of a trained List-CVAE: condition c = (r = all ones, mean item embedding of the distinct history;
 * zero for an empty history), z = the prior mean mu0(c), the decoder's K position vectors, and greedy slate decoding:
 * position p takes the best item of its logits x_p · E^T that passes the filter and is not yet in the slate (ties:
 * lower item id). Positions beyond K use the first position's logits. Immutable and thread safe.
 */
final class SlateDecoder {
    private final int numItems, k, d;
    private final float[] emb;
    private final DenseLayer prior, priorMu, dec, out;

    SlateDecoder(ParameterSet w, ListCvaeConfig config, int numItems) {
        this.numItems = numItems;
        k = config.slateSize();
        d = config.embeddingDim();
        w.requireShape("item.emb", numItems, d);
        emb = w.get("item.emb");
        prior = DenseLayer.of(w, "prior");
        priorMu = DenseLayer.of(w, "prior_mu");
        dec = DenseLayer.of(w, "dec");
        out = DenseLayer.of(w, "out");
        w.requireShape("out.w", config.hiddenDim(), k * d);
    }

    int slateSize() { return k; }

    /** The K decoder output vectors x_1..x_K ({@code [K, d]} row-major) for a distinct history. */
    float[] positionVectors(int[] distinctHistory) {
        float[] c = new float[k + d];
        for (int p = 0; p < k; p++) c[p] = 1f;
        if (distinctHistory.length > 0) {
            float w = 1f / distinctHistory.length;
            for (int item : distinctHistory) {
                int base = item * d;
                for (int j = 0; j < d; j++) c[k + j] += w * emb[base + j];
            }
        }
        float[] h = new float[prior.out()];
        prior.forward(c, h);
        DenseLayer.tanh(h);
        float[] z = new float[priorMu.out()];
        priorMu.forward(h, z);
        float[] zc = new float[z.length + c.length];
        System.arraycopy(z, 0, zc, 0, z.length);
        System.arraycopy(c, 0, zc, z.length, c.length);
        float[] hd = new float[dec.out()];
        dec.forward(zc, hd);
        DenseLayer.tanh(hd);
        float[] x = new float[out.out()];
        out.forward(hd, x);
        return x;
    }

    /** Logits of position {@code p} (x_p · E^T) into {@code logits}. */
    void logits(float[] x, int p, float[] logits) {
        int xb = p * d;
        for (int i = 0; i < numItems; i++) {
            int base = i * d;
            float s = 0;
            for (int j = 0; j < d; j++) s += x[xb + j] * emb[base + j];
            logits[i] = s;
        }
    }

    /**
     * Greedy slate of up to {@code size} distinct accepted items; {@code firstLogits} receives position 0's logits
     * (used as the scores below the slate).
     */
    int[] decode(float[] x, int size, ItemFilter filter, float[] firstLogits) {
        boolean[] taken = new boolean[numItems];
        int[] slate = new int[Math.min(size, numItems)];
        int n = 0;
        float[] logits = new float[numItems];
        logits(x, 0, firstLogits);
        for (int p = 0; p < slate.length; p++) {
            float[] l = firstLogits;
            if (p > 0 && p < k) { logits(x, p, logits); l = logits; }
            int best = -1;
            for (int i = 0; i < numItems; i++) {
                if (taken[i] || (best >= 0 && !(l[i] > l[best]))) continue;
                if (filter.accepts(i)) best = i;
            }
            if (best < 0) break;
            taken[best] = true;
            slate[n++] = best;
        }
        return n == slate.length ? slate : java.util.Arrays.copyOf(slate, n);
    }
}
