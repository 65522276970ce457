package io.genrec.models.vae;

import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.LayerNorm;
import io.genrec.models.training.ParameterSet;

/**
 * Java forward pass of a trained RecVAE for one user: the encoder of {@link RecVaeNetwork} on the L2-normalised
 * history (sparse first layer, no dropout), its mean as the latent code (no sampling, as the authors' evaluation),
 * and the decoder's logits as scores. Immutable and thread safe.
 */
final class RecVaeScorer {
    private final DenseLayer[] layers;
    private final float[][] normScale, normShift;
    private final DenseLayer mu;
    private final DenseLayer out;

    RecVaeScorer(ParameterSet w, int hiddenLayers) {
        layers = new DenseLayer[hiddenLayers];
        normScale = new float[hiddenLayers][];
        normShift = new float[hiddenLayers][];
        for (int i = 0; i < hiddenLayers; i++) {
            layers[i] = DenseLayer.of(w, "enc" + i);
            normScale[i] = w.get("ln" + i + ".g");
            normShift[i] = w.get("ln" + i + ".b");
        }
        mu = DenseLayer.of(w, "mu");
        out = DenseLayer.of(w, "out");
    }

    void score(int[] distinctItems, float[] scores) {
        out.forward(latent(distinctItems), scores);
    }

    /** {@link #score} for {@code count} users: encoders one by one, the catalogue-wide decoder once per batch. */
    void score(int[][] distinctItems, float[][] scores, int count) {
        float[][] z = new float[count][];
        for (int r = 0; r < count; r++) z[r] = latent(distinctItems[r]);
        out.forwardBatch(z, scores, count);
    }

    /** The latent mean of a history. */
    private float[] latent(int[] distinctItems) {
        int width = layers[0].out();
        float[] h = new float[width];
        layers[0].forwardSparse(distinctItems, distinctItems.length == 0 ? 0f : (float) (1 / Math.sqrt(distinctItems.length)), h);
        float[] sum = new float[width];
        for (int i = 0; ; i++) {
            for (int j = 0; j < width; j++) h[j] = h[j] / (1f + (float) Math.exp(-h[j])); // swish
            LayerNorm.applyRows(h, width, normScale[i], normShift[i], RecVaeNetwork.LN_EPS);
            if (i + 1 == layers.length) break;
            for (int j = 0; j < width; j++) sum[j] += h[j];
            float[] next = new float[width];
            layers[i + 1].forward(h, next);
            for (int j = 0; j < width; j++) next[j] += sum[j];
            h = next;
        }
        float[] z = new float[mu.out()];
        mu.forward(h, z);
        return z;
    }
}
