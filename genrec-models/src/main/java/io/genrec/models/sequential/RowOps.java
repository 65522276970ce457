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

    /** {@code out[j] = dot(h, table[j]) (+ bias[j])} for the first {@code out.length} rows of a {@code [*, d]} table. */
    static void dotAll(float[] h, float[] table, float[] bias, float[] out) {
        int d = h.length;
        for (int j = 0; j < out.length; j++) {
            int o = j * d;
            float s = bias == null ? 0f : bias[j];
            for (int k = 0; k < d; k++) s += h[k] * table[o + k];
            out[j] = s;
        }
    }

    static float sigmoid(float x) { return (float) (1 / (1 + Math.exp(-x))); }
}
