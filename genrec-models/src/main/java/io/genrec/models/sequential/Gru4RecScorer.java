package io.genrec.models.sequential;

import io.genrec.models.training.ParameterSet;

/**
 * GRU4Rec's forward pass in plain Java over trained weights: runs the GRU over the last {@code maxLen} history items
 * and scores every item with the output layer. Immutable; thread safe.
 */
final class Gru4RecScorer {
    private final int h, maxLen;
    private final float[] inW, inB, recW, recB, outT, outB;

    Gru4RecScorer(ParameterSet w, Gru4RecConfig c, int numItems) {
        h = c.hiddenSize();
        maxLen = c.maxLen();
        w.requireShape("in.w", numItems + 1, 3 * h);
        w.requireShape("out.w", numItems, h);
        inW = w.get("in.w");
        inB = w.get("in.b");
        recW = w.get("rec.w");
        recB = w.get("rec.b");
        outT = RowOps.transpose(w.get("out.w"), numItems, h);
        outB = w.get("out.b");
    }

    void score(int[] history, float[] out) { RowOps.dotAllTransposed(lastHidden(history), outT, outB, out); }

    /** The GRU state after the last item of {@code history} (zero for an empty history). */
    float[] lastHidden(int[] history) {
        float[] state = new float[h];
        for (int t = Math.max(0, history.length - maxLen); t < history.length; t++) {
            float[] hh = RowOps.linear(state, 0, 1, h, recW, recB, 3 * h);
            int x = history[t] * 3 * h;
            for (int j = 0; j < h; j++) {
                float r = RowOps.sigmoid(inW[x + j] + inB[j] + hh[j]);
                float z = RowOps.sigmoid(inW[x + h + j] + inB[h + j] + hh[h + j]);
                float n = (float) Math.tanh(inW[x + 2 * h + j] + inB[2 * h + j] + r * hh[2 * h + j]);
                state[j] = (1 - z) * n + z * state[j];
            }
        }
        return state;
    }
}
