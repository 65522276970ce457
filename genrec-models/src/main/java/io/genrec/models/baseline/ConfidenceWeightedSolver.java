package io.genrec.models.baseline;

import io.genrec.util.VectorMath;

/**
 * Solves one row of implicit ALS (Hu, Koren, Volinsky, ICDM 2008) with conjugate gradient (Takács, Pilászy, Tikk,
 * RecSys 2011): given the other side's factors Y (row-major, {@code f} per row), their Gram {@code G = YᵀY}, and the
 * rows {@code i} the entity interacted with, minimise
 * {@code Σ_i c_i (p_i - x·y_i)² + λ|x|²} over all rows i, where {@code p_i = 1, c_i = 1 + α} for observed rows and
 * {@code p_i = 0, c_i = 1} otherwise. The normal equations are {@code (G + α Σ_obs y_i y_iᵀ + λI) x = (1+α) Σ_obs y_i};
 * the matrix is applied implicitly in O(f² + |obs| f) per product, never formed. CG from a warm start never increases
 * the objective, so a few steps per ALS sweep suffice. With per-entry confidences ({@code conf}, weighted ALS) the
 * observed row i has {@code c_i = 1 + conf_i} in place of {@code 1 + α}. Not thread safe: one instance (its buffers)
 * per thread.
 */
final class ConfidenceWeightedSolver {
    private final int f;
    private final float[] r, p, ap;

    ConfidenceWeightedSolver(int factors) {
        this.f = factors;
        r = new float[factors];
        p = new float[factors];
        ap = new float[factors];
    }

    /**
     * Improves {@code x[xOff .. xOff+f)} in place with at most {@code steps} CG steps (fewer once the residual is
     * negligible). {@code rows[from..to)} are the observed rows of {@code y}.
     */
    void solve(float[] x, int xOff, float[] gram, float[] y, int[] rows, int from, int to,
               float alpha, float lambda, int steps) {
        solve(x, xOff, gram, y, rows, null, from, to, alpha, lambda, steps);
    }

    /** The same with {@code c_m - 1 = conf[m]} for observed entry m ({@code conf} aligned with {@code rows}; null: α). */
    void solve(float[] x, int xOff, float[] gram, float[] y, int[] rows, float[] conf, int from, int to,
               float alpha, float lambda, int steps) {
        // r = b - A x
        applyMatrix(x, xOff, gram, y, rows, conf, from, to, alpha, lambda, r);
        for (int k = 0; k < f; k++) r[k] = -r[k];
        for (int m = from; m < to; m++) VectorMath.axpy(1f + (conf == null ? alpha : conf[m]), y, rows[m] * f, r, 0, f);
        System.arraycopy(r, 0, p, 0, f);
        float rsOld = VectorMath.dot(r, r);
        float bScale = Math.max(1e-30f, rsOld);
        for (int s = 0; s < steps; s++) {
            if (rsOld <= 1e-12f * bScale) return;
            applyMatrix(p, 0, gram, y, rows, conf, from, to, alpha, lambda, ap);
            float pap = VectorMath.dot(p, ap);
            if (!(pap > 0)) return;
            float a = rsOld / pap;
            VectorMath.axpy(a, p, 0, x, xOff, f);
            VectorMath.axpy(-a, ap, 0, r, 0, f);
            float rsNew = VectorMath.dot(r, r);
            float beta = rsNew / rsOld;
            VectorMath.scale(beta, p);
            VectorMath.axpy(1f, r, p);
            rsOld = rsNew;
        }
    }

    /** {@code out = (G + α Σ_obs y_i y_iᵀ + λI) v} for {@code v = src[off .. off+f)}. */
    private void applyMatrix(float[] src, int off, float[] gram, float[] y, int[] rows, float[] conf, int from, int to,
                             float alpha, float lambda, float[] out) {
        for (int a = 0; a < f; a++) out[a] = VectorMath.dot(gram, a * f, src, off, f) + lambda * src[off + a];
        for (int m = from; m < to; m++) {
            int yOff = rows[m] * f;
            VectorMath.axpy((conf == null ? alpha : conf[m]) * VectorMath.dot(y, yOff, src, off, f), y, yOff, out, 0, f);
        }
    }

    /** {@code YᵀY} for {@code rows} rows of {@code f} factors, row-major f×f (symmetric). */
    static float[] gram(float[] y, int rows, int f) {
        double[] acc = new double[f * f];
        for (int i = 0; i < rows; i++) {
            int o = i * f;
            for (int a = 0; a < f; a++) {
                double ya = y[o + a];
                if (ya == 0) continue;
                for (int b = a; b < f; b++) acc[a * f + b] += ya * y[o + b];
            }
        }
        float[] g = new float[f * f];
        for (int a = 0; a < f; a++)
            for (int b = a; b < f; b++) g[a * f + b] = g[b * f + a] = (float) acc[a * f + b];
        return g;
    }
}
