package io.genrec.models.training;

import ai.djl.ndarray.NDArray;

import java.util.Arrays;

/**
 * Layer normalisation (Ba, Kiros &amp; Hinton 2016) over the last axis with a learned scale {@code <name>.g} and shift
 * {@code <name>.b}: biased variance and {@code eps} inside the square root, as PyTorch's {@code nn.LayerNorm}. One
 * differentiable form for training and one in-place host form for Java-side scoring, so both compute the same thing.
 */
public final class LayerNorm {
    private LayerNorm() { }

    /** Adds {@code <name>.g} (ones) and {@code <name>.b} (zeros) of width {@code d}, PyTorch's initialisation. */
    public static void addParameters(ParameterSet p, String name, int d) {
        float[] g = new float[d];
        Arrays.fill(g, 1f);
        p.add(name + ".g", g, d);
        p.add(name + ".b", new float[d], d);
    }

    /** Normalises the last axis of {@code x}, then scales by {@code g} and shifts by {@code b}. */
    public static NDArray apply(NDArray x, NDArray g, NDArray b, float eps) {
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray var = centred.square().mean(new int[] {-1}, true);
        NDArray std = var.add(TorchScalar.of(var, eps)).sqrt();
        return centred.div(std).mul(g).add(b);
    }

    /** The same on each {@code d}-wide row of the row-major host array {@code x}, in place. */
    public static void applyRows(float[] x, int d, float[] g, float[] b, float eps) {
        applyRows(x, x.length, d, g, b, eps);
    }

    /** {@link #applyRows(float[], int, float[], float[], float)} on the first {@code length} entries of {@code x}. */
    public static void applyRows(float[] x, int length, int d, float[] g, float[] b, float eps) {
        for (int o = 0; o < length; o += d) {
            float mean = 0;
            for (int j = 0; j < d; j++) mean += x[o + j];
            mean /= d;
            float var = 0;
            for (int j = 0; j < d; j++) {
                float c = x[o + j] - mean;
                var += c * c;
            }
            float inv = (float) (1 / Math.sqrt(var / d + eps));
            for (int j = 0; j < d; j++) x[o + j] = (x[o + j] - mean) * inv * g[j] + b[j];
        }
    }
}
