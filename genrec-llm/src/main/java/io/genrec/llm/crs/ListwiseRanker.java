package io.genrec.llm.crs;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A linear scoring function fitted with a listwise softmax loss: each group is one ranking (a turn's candidate
 * movies), and every positive row (a target) should win the softmax over its group. Features are standardised over the
 * training rows (so one L2 strength suits all of them) and the weights are fitted by mini-batch Adam on primitive
 * arrays. Deterministic for a given seed (which only orders the mini-batches).
 */
public final class ListwiseRanker {
    /** L2 strength (on standardised weights), passes over the groups, Adam step size, groups per step, seed. */
    public record Options(double l2, int epochs, double learningRate, int batch, long seed) {
        public Options {
            if (l2 < 0 || epochs < 1 || learningRate <= 0 || batch < 1) throw new IllegalArgumentException("bad ranker options " + l2 + "/" + epochs + "/" + learningRate + "/" + batch);
        }

        public Options withL2(double v) { return new Options(v, epochs, learningRate, batch, seed); }
    }

    private final float[] mean;
    private final float[] scale;   // 1 / sd
    private final double[] w;

    private ListwiseRanker(float[] mean, float[] scale, double[] w) { this.mean = mean; this.scale = scale; this.w = w; }

    public int dim() { return w.length; }

    /** The weights on standardised features (for reports and tests). */
    public double[] weights() { return w.clone(); }

    /** Score of the row {@code x[off .. off + dim)}. */
    public double score(float[] x, int off) {
        double s = 0;
        for (int d = 0; d < w.length; d++) s += w[d] * (x[off + d] - mean[d]) * scale[d];
        return s;
    }

    /**
     * Fits the ranker.
     *
     * @param x rows of {@code dim} features, row-major
     * @param groupStart row index where each group starts, plus the total row count at the end
     * @param positive per row: is it a target of its group (groups without a positive are skipped)
     */
    public static ListwiseRanker fit(float[] x, int dim, int[] groupStart, boolean[] positive, Options o) {
        int rows = groupStart[groupStart.length - 1];
        if (x.length != (long) rows * dim || positive.length != rows) throw new IllegalArgumentException("x has " + x.length + " values, positive " + positive.length + ", expected " + rows + " rows of " + dim);
        float[] mean = new float[dim], scale = new float[dim];
        double[] sum = new double[dim], sq = new double[dim];
        for (int r = 0; r < rows; r++) for (int d = 0; d < dim; d++) { double v = x[r * dim + d]; sum[d] += v; sq[d] += v * v; }
        for (int d = 0; d < dim; d++) {
            double m = rows == 0 ? 0 : sum[d] / rows, var = rows == 0 ? 0 : sq[d] / rows - m * m;
            mean[d] = (float) m;
            scale[d] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 0f; // a constant feature carries no information
        }
        int groups = groupStart.length - 1;
        int[] order = java.util.stream.IntStream.range(0, groups)
                .filter(g -> { for (int r = groupStart[g]; r < groupStart[g + 1]; r++) if (positive[r]) return true; return false; }).toArray();
        double[] w = new double[dim], m1 = new double[dim], m2 = new double[dim], grad = new double[dim];
        double b1 = 0.9, b2 = 0.999;
        long step = 0;
        SplittableRandom rnd = new SplittableRandom(o.seed());
        double[] z = new double[64];
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) { int j = rnd.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
            for (int b0 = 0; b0 < order.length; b0 += o.batch()) {
                Arrays.fill(grad, 0);
                int pos = 0;
                for (int bi = b0; bi < Math.min(order.length, b0 + o.batch()); bi++) {
                    int g = order[bi], lo = groupStart[g], n = groupStart[g + 1] - lo;
                    if (z.length < n) z = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int r = 0; r < n; r++) {
                        double s = 0;
                        int off = (lo + r) * dim;
                        for (int d = 0; d < dim; d++) s += w[d] * (x[off + d] - mean[d]) * scale[d];
                        z[r] = s; max = Math.max(max, s);
                    }
                    double norm = 0;
                    for (int r = 0; r < n; r++) { z[r] = Math.exp(z[r] - max); norm += z[r]; }
                    int p = 0;
                    for (int r = 0; r < n; r++) if (positive[lo + r]) p++;
                    // sum over positives of -log softmax: gradient = p * E_softmax[x] - sum_pos x
                    for (int r = 0; r < n; r++) {
                        double c = p * z[r] / norm - (positive[lo + r] ? 1 : 0);
                        if (c == 0) continue;
                        int off = (lo + r) * dim;
                        for (int d = 0; d < dim; d++) grad[d] += c * (x[off + d] - mean[d]) * scale[d];
                    }
                    pos += p;
                }
                if (pos == 0) continue;
                step++;
                double lr = o.learningRate() * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
                for (int d = 0; d < dim; d++) {
                    double g = grad[d] / pos + o.l2() * w[d];
                    m1[d] = b1 * m1[d] + (1 - b1) * g;
                    m2[d] = b2 * m2[d] + (1 - b2) * g * g;
                    w[d] -= lr * m1[d] / (Math.sqrt(m2[d]) + 1e-8);
                }
            }
        }
        return new ListwiseRanker(mean, scale, w);
    }
}
