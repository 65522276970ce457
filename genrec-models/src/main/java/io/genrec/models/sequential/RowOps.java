package io.genrec.models.sequential;

/**
 * Dense row-major kernels for the Java-side forward passes of the sequence models. Loops run over contiguous rows
 * (i-k-j order) so the JIT vectorises them; nothing allocates except the returned outputs.
 */
final class RowOps {
    private RowOps() { }

    /** {@code y[r] = x[r] W + b} for rows {@code from..rows-1} of {@code x} ({@code [rows, in]}); {@code W} is {@code [in, out]}. */
    static float[] linear(float[] x, int from, int rows, int in, float[] w, float[] b, int out) {
        float[] y = new float[(rows - from) * out];
        for (int r = from; r < rows; r++) {
            int yo = (r - from) * out, xo = r * in;
            System.arraycopy(b, 0, y, yo, out);
            for (int k = 0; k < in; k++) {
                float xv = x[xo + k];
                int wo = k * out;
                for (int j = 0; j < out; j++) y[yo + j] += xv * w[wo + j];
            }
        }
        return y;
    }

    /** Layer normalisation of each {@code d}-wide row of {@code x} in place (biased variance, as PyTorch). */
    static void layerNorm(float[] x, int d, float[] g, float[] b, float eps) {
        for (int o = 0; o < x.length; o += d) {
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

    static void relu(float[] x) {
        for (int i = 0; i < x.length; i++) if (x[i] < 0) x[i] = 0;
    }

    /** {@code a += b} elementwise. */
    static void addInPlace(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) a[i] += b[i];
    }

    /** The {@code [rows, cols]} row-major matrix {@code a} as {@code [cols, rows]}. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
        return t;
    }

    /**
     * {@code out[j] = dot(h, table[j]) (+ bias[j])} with the table given transposed ({@code [d, n]}, n =
     * {@code out.length}): an axpy per hidden unit over contiguous item scores, which the JIT vectorises (a dot
     * product per item is a float reduction, which it does not).
     */
    static void dotAllTransposed(float[] h, float[] tableT, float[] bias, float[] out) {
        int n = out.length;
        if (bias == null) java.util.Arrays.fill(out, 0f);
        else System.arraycopy(bias, 0, out, 0, n);
        for (int k = 0; k < h.length; k++) {
            float hk = h[k];
            int o = k * n;
            for (int j = 0; j < n; j++) out[j] += hk * tableT[o + j];
        }
    }

    static float sigmoid(float x) { return (float) (1 / (1 + Math.exp(-x))); }
}
