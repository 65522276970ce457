package io.genrec.models.sequential;

/**
 * Dense row-major kernels for the Java-side forward passes of the sequence models. Loops run over contiguous rows
 * (i-k-j order) so the JIT vectorises them; nothing allocates except the returned outputs.
 */
final class RowOps {
    private RowOps() { }

    /** {@code y[r] = x[r] W + b} for rows {@code from..rows-1} of {@code x} ({@code [rows, in]}); {@code W} is {@code [in, out]}. */
    static float[] linear(float[] x, int from, int rows, int in, float[] w, float[] b, int out) {
        return linear(x, from, rows, in, w, b, out, new float[(rows - from) * out]);
    }

    /** {@link #linear(float[], int, int, int, float[], float[], int)} into the first {@code (rows - from) * out} entries of {@code y}. */
    static float[] linear(float[] x, int from, int rows, int in, float[] w, float[] b, int out, float[] y) {
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
        io.genrec.models.training.LayerNorm.applyRows(x, d, g, b, eps);
    }

    /** {@link #layerNorm(float[], int, float[], float[], float)} on the first {@code length} entries. */
    static void layerNorm(float[] x, int length, int d, float[] g, float[] b, float eps) {
        io.genrec.models.training.LayerNorm.applyRows(x, length, d, g, b, eps);
    }

    static void relu(float[] x) { relu(x, x.length); }

    static void relu(float[] x, int length) {
        for (int i = 0; i < length; i++) if (x[i] < 0) x[i] = 0;
    }

    /** {@code a += b} elementwise. */
    static void addInPlace(float[] a, float[] b) { addInPlace(a, b, a.length); }

    /** {@code a[i] += b[i]} for {@code i < length}. */
    static void addInPlace(float[] a, float[] b, int length) {
        for (int i = 0; i < length; i++) a[i] += b[i];
    }

    /** The {@code [rows, cols]} row-major matrix {@code a} as {@code [cols, rows]}. */
    static float[] transpose(float[] a, int rows, int cols) {
        return transpose(a, rows, cols, new float[rows * cols]);
    }

    /** {@link #transpose(float[], int, int)} into the first {@code rows * cols} entries of {@code t}. */
    static float[] transpose(float[] a, int rows, int cols, float[] t) {
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

    /**
     * Multi-head attention of the queries of positions {@code from..n-1} ({@code q} holds only those rows) over the
     * keys/values of positions {@code 0..n-1} (all {@code [*, d]} row-major); {@code causal} limits position t to keys
     * {@code <= t}. Keys are transposed once so each query's scores are axpy loops over contiguous key positions.
     */
    static float[] attend(float[] q, float[] k, float[] v, int from, int n, int d, int heads, boolean causal) {
        return attend(q, k, v, from, n, d, heads, causal, new float[n * d], new float[(n - from) * d], new float[n]);
    }

    /**
     * {@link #attend(float[], float[], float[], int, int, int, int, boolean)} with caller-owned work arrays of at least
     * these lengths: {@code kT} ({@code n * d}), {@code out} ({@code (n - from) * d}, its first entries cleared here)
     * and {@code a} ({@code n}).
     */
    static float[] attend(float[] q, float[] k, float[] v, int from, int n, int d, int heads, boolean causal,
                          float[] kT, float[] out, float[] a) {
        int dh = d / heads;
        float inv = (float) (1 / Math.sqrt(dh));
        transpose(k, n, d, kT);
        java.util.Arrays.fill(out, 0, (n - from) * d, 0f);
        for (int t = from; t < n; t++) {
            int qo = (t - from) * d, keys = causal ? t + 1 : n;
            for (int h = 0; h < heads; h++) {
                int ho = h * dh;
                java.util.Arrays.fill(a, 0, keys, 0f);
                for (int j = 0; j < dh; j++) {
                    float qj = q[qo + ho + j] * inv;
                    int ko = (ho + j) * n;
                    for (int s = 0; s < keys; s++) a[s] += qj * kT[ko + s];
                }
                float max = Float.NEGATIVE_INFINITY;
                for (int s = 0; s < keys; s++) if (a[s] > max) max = a[s];
                float sum = 0;
                for (int s = 0; s < keys; s++) {
                    a[s] = (float) Math.exp(a[s] - max);
                    sum += a[s];
                }
                float norm = 1 / sum;
                for (int s = 0; s < keys; s++) {
                    float wgt = a[s] * norm;
                    int vo = s * d + ho;
                    for (int j = 0; j < dh; j++) out[qo + ho + j] += wgt * v[vo + j];
                }
            }
        }
        return out;
    }

    /** GELU with the exact erf form PyTorch uses by default: {@code x/2 (1 + erf(x/sqrt 2))}. */
    static void gelu(float[] x) {
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * x[i] * (1 + erf(x[i] / Math.sqrt(2))));
    }

    /**
     * The error function: its Maclaurin series for {@code |x| < 3} and the asymptotic expansion of erfc beyond;
     * absolute error below 1e-7, ample at float precision.
     */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            // Maclaurin series; at |x| < 3 the largest term is ~3e3, so cancellation costs < 1e-12
            double term = ax, sum = ax, x2 = ax * ax;
            for (int k = 1; k < 60 && Math.abs(term) > 1e-13 * Math.abs(sum); k++) {
                term *= -x2 / k;
                sum += term / (2 * k + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // asymptotic expansion erfc(x) ~ exp(-x^2)/(x sqrt(pi)) (1 - 1/(2x^2) + 3/(2x^2)^2 - 15/(2x^2)^3)
            double x2 = ax * ax, inv = 1 / (2 * x2);
            double series = 1 - inv + 3 * inv * inv - 15 * inv * inv * inv;
            r = 1 - Math.exp(-x2) / (ax * Math.sqrt(Math.PI)) * series;
        }
        return x < 0 ? -r : r;
    }

    static float sigmoid(float x) { return (float) (1 / (1 + Math.exp(-x))); }
}
