package io.genrec.models.vae;

import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Java forward pass of a trained Mult-VAE/DAE for one user: normalised multi-hot input (sparse first layer), tanh
 * layers, the latent mean (VAE, no sampling at inference as in the paper) or code (DAE), decoder logits as scores.
 */
final class MultAutoencoderScorer {
    private final List<DenseLayer> encoder = new ArrayList<>();
    private final DenseLayer latent;
    private final boolean tanhLatent;
    private final List<DenseLayer> decoder = new ArrayList<>();
    private final DenseLayer out;

    MultAutoencoderScorer(ParameterSet w, int hiddenLayers, boolean variational) {
        for (int i = 0; i < hiddenLayers; i++) encoder.add(DenseLayer.of(w, "enc" + i));
        latent = DenseLayer.of(w, variational ? "mu" : "code");
        tanhLatent = !variational;
        for (int i = 0; i < hiddenLayers; i++) decoder.add(DenseLayer.of(w, "dec" + i));
        out = DenseLayer.of(w, "out");
    }

    void score(int[] distinctItems, float[] scores) {
        float value = distinctItems.length == 0 ? 0f : (float) (1 / Math.sqrt(distinctItems.length));
        float[] h;
        if (encoder.isEmpty()) {
            h = new float[latent.out()];
            latent.forwardSparse(distinctItems, value, h);
        } else {
            h = new float[encoder.get(0).out()];
            encoder.get(0).forwardSparse(distinctItems, value, h);
            DenseLayer.tanh(h);
            for (int i = 1; i < encoder.size(); i++) h = apply(encoder.get(i), h, true);
            h = apply(latent, h, tanhLatent);
        }
        if (encoder.isEmpty() && tanhLatent) DenseLayer.tanh(h);
        for (DenseLayer d : decoder) h = apply(d, h, true);
        out.forward(h, scores);
    }

    /** {@link #score} for {@code count} users at once; the decoder's weights are read once per batch. */
    void score(int[][] distinctItems, float[][] scores, int count) {
        float[][] h = new float[count][];
        for (int r = 0; r < count; r++) {
            int[] items = distinctItems[r];
            float value = items.length == 0 ? 0f : (float) (1 / Math.sqrt(items.length));
            if (encoder.isEmpty()) {
                h[r] = new float[latent.out()];
                latent.forwardSparse(items, value, h[r]);
            } else {
                h[r] = new float[encoder.get(0).out()];
                encoder.get(0).forwardSparse(items, value, h[r]);
                DenseLayer.tanh(h[r]);
            }
        }
        if (!encoder.isEmpty()) {
            for (int i = 1; i < encoder.size(); i++) h = apply(encoder.get(i), h, count, true);
            h = apply(latent, h, count, tanhLatent);
        } else if (tanhLatent) {
            for (int r = 0; r < count; r++) DenseLayer.tanh(h[r]);
        }
        for (DenseLayer d : decoder) h = apply(d, h, count, true);
        out.forwardBatch(h, scores, count);
    }

    private static float[][] apply(DenseLayer l, float[][] x, int count, boolean tanh) {
        float[][] y = new float[count][l.out()];
        l.forwardBatch(x, y, count);
        if (tanh) for (float[] row : y) DenseLayer.tanh(row);
        return y;
    }

    private static float[] apply(DenseLayer l, float[] x, boolean tanh) {
        float[] y = new float[l.out()];
        l.forward(x, y);
        if (tanh) DenseLayer.tanh(y);
        return y;
    }
}
