package io.genrec.models.training;

import io.genrec.util.VectorMath;

/**
 * A fully connected layer for Java-side inference: {@code y = x W + b} with {@code W} row-major {@code [in, out]},
 * the same layout the trainer uses, so trained weights are used as they are. The inner loop is an axpy over a
 * contiguous row ({@link VectorMath#axpy}); zero inputs are skipped, so multi-hot input costs one row per item.
 * Immutable and thread safe.
 */
public record DenseLayer(int in, int out, float[] w, float[] b) {
    public DenseLayer {
        if (w.length != (long) in * out) throw new IllegalArgumentException("weights have " + w.length + " values, expected " + in + "x" + out);
        if (b.length != out) throw new IllegalArgumentException("bias has " + b.length + " values, expected " + out);
    }

    /** The layer stored in {@code params} as {@code <name>.w} and {@code <name>.b}. */
    public static DenseLayer of(ParameterSet params, String name) {
        int[] s = params.shape(name + ".w");
        return new DenseLayer(s[0], s[1], params.get(name + ".w"), params.get(name + ".b"));
    }

    /** Adds the parameters of a new layer to {@code params}: Xavier-normal weights, N(0, biasStd) biases. */
    public static void xavierNormal(ParameterSet params, String name, int in, int out, double biasStd, java.util.Random rng) {
        params.add(name + ".w", Initializers.xavierNormal(rng, in, out), in, out);
        params.add(name + ".b", Initializers.normal(rng, out, biasStd), out);
    }

    /** Adds a new layer with Xavier-uniform weights and N(0, biasStd) biases. */
    public static void xavierUniform(ParameterSet params, String name, int in, int out, double biasStd, java.util.Random rng) {
        params.add(name + ".w", Initializers.xavierUniform(rng, in, out), in, out);
        params.add(name + ".b", Initializers.normal(rng, out, biasStd), out);
    }

    /**
     * Adds a new layer initialised as PyTorch's {@code nn.Linear} (weights and biases U(-1/sqrt(in), 1/sqrt(in))),
     * for models whose reference code keeps that default.
     */
    public static void pytorchDefault(ParameterSet params, String name, int in, int out, java.util.Random rng) {
        double bound = 1 / Math.sqrt(in);
        params.add(name + ".w", Initializers.uniform(rng, in * out, bound), in, out);
        params.add(name + ".b", Initializers.uniform(rng, out, bound), out);
    }

    /** {@code y = x W + b} for a dense {@code x} of length {@code in}. */
    public void forward(float[] x, float[] y) {
        System.arraycopy(b, 0, y, 0, out);
        forwardAdd(x, y);
    }

    /** {@code y += x W} (no bias) for a dense {@code x} of length {@code in}. */
    public void forwardAdd(float[] x, float[] y) {
        for (int i = 0; i < in; i++) {
            float xi = x[i];
            if (xi != 0f) VectorMath.axpy(xi, w, i * out, y, 0, out);
        }
    }

    /**
     * {@code y[r] = x[r] W + b} for rows {@code r < rows}, reading the weights once per batch instead of once per row
     * (a catalogue-sized layer does not fit in cache). Equal to {@link #forward} per row, except that a zero input
     * is multiplied rather than skipped (so a sum can differ in the sign of a zero).
     */
    public void forwardBatch(float[][] x, float[][] y, int rows) {
        for (int r = 0; r < rows; r++) System.arraycopy(b, 0, y[r], 0, out);
        VectorMath.addRowsTimesMatrix(x, rows, in, w, out, y);
    }

    /** {@code y = x W + b} for an {@code x} that is {@code value} at {@code indices} and 0 elsewhere. */
    public void forwardSparse(int[] indices, float value, float[] y) {
        System.arraycopy(b, 0, y, 0, out);
        for (int i : indices) VectorMath.axpy(value, w, i * out, y, 0, out);
    }

    public static void tanh(float[] x) { VectorMath.tanh(x); }
}
