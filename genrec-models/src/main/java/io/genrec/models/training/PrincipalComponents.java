package io.genrec.models.training;

import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic principal component analysis of the rows of a matrix: the top {@code k} eigenvectors of the
 * covariance, found by seeded orthogonal (subspace) iteration (Golub &amp; Van Loan, "Matrix Computations", §8.2.4) on
 * the {@code D x D} covariance, which is formed once, so each iteration costs {@code O(D^2 k)} regardless of the row
 * count. Each component's sign is fixed so that its largest-magnitude coordinate is positive; with the seed this makes
 * the result identical run to run. Written in plain Java because it runs once per fit on a few thousand rows of a few
 * hundred dimensions.
 */
public final class PrincipalComponents {
    static final int ITERATIONS = 200;

    private final double[] mean;
    private final double[][] components;

    private PrincipalComponents(double[] mean, double[][] components) {
        this.mean = mean;
        this.components = components;
    }

    /**
     * Fits the top {@code min(k, D)} components of {@code rows} (each of length D; at least one row).
     *
     * @param seed seeds the start basis of the iteration
     */
    public static PrincipalComponents fit(float[][] rows, int k, long seed) {
        if (rows.length == 0) throw new IllegalArgumentException("PCA needs at least one row");
        int dim = rows[0].length;
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        k = Math.min(k, dim);
        double[] mean = new double[dim];
        for (float[] r : rows) {
            if (r.length != dim) throw new IllegalArgumentException("rows of different lengths: " + r.length + " and " + dim);
            for (int j = 0; j < dim; j++) mean[j] += r[j];
        }
        for (int j = 0; j < dim; j++) mean[j] /= rows.length;
        double[][] cov = covariance(rows, mean);
        Random rng = new Random(seed);
        double[][] q = new double[k][dim];
        for (double[] c : q) for (int j = 0; j < dim; j++) c[j] = rng.nextGaussian();
        orthonormalise(q);
        for (int it = 0; it < ITERATIONS; it++) {
            double[][] z = new double[k][];
            for (int c = 0; c < k; c++) z[c] = multiply(cov, q[c]);
            orthonormalise(z);
            q = z;
        }
        for (double[] c : q) fixSign(c);
        return new PrincipalComponents(mean, q);
    }

    /** The number of components. */
    public int size() { return components.length; }

    /** A copy of component {@code c} (unit length). */
    public double[] component(int c) { return components[c].clone(); }

    /** The coordinates of {@code row} (centred by the fitted mean) on the components. */
    public float[] project(float[] row) {
        float[] out = new float[components.length];
        for (int c = 0; c < components.length; c++) {
            double[] v = components[c];
            double s = 0;
            for (int j = 0; j < v.length; j++) s += (row[j] - mean[j]) * v[j];
            out[c] = (float) s;
        }
        return out;
    }

    private static double[][] covariance(float[][] rows, double[] mean) {
        int dim = mean.length;
        double[][] cov = new double[dim][dim];
        double[] x = new double[dim];
        for (float[] r : rows) {
            for (int j = 0; j < dim; j++) x[j] = r[j] - mean[j];
            for (int a = 0; a < dim; a++) {
                double xa = x[a];
                if (xa == 0) continue;
                double[] ca = cov[a];
                for (int b = a; b < dim; b++) ca[b] += xa * x[b];
            }
        }
        for (int a = 0; a < dim; a++)
            for (int b = a; b < dim; b++) cov[b][a] = cov[a][b] /= rows.length;
        return cov;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int a = 0; a < m.length; a++) {
            double[] row = m[a];
            double s = 0;
            for (int b = 0; b < v.length; b++) s += row[b] * v[b];
            out[a] = s;
        }
        return out;
    }

    /**
     * Modified Gram-Schmidt in place. A vector that becomes (numerically) zero, because the data has lower rank than
     * requested, is replaced by the first coordinate axis orthogonal to the previous ones, so the basis stays full.
     */
    private static void orthonormalise(double[][] q) {
        for (int c = 0; c < q.length; c++) {
            double[] v = q[c];
            subtractProjections(q, c, v);
            double n = norm(v);
            for (int axis = 0; n < 1e-12 && axis < v.length; axis++) {
                Arrays.fill(v, 0);
                v[axis] = 1;
                subtractProjections(q, c, v);
                n = norm(v);
            }
            for (int j = 0; j < v.length; j++) v[j] /= n;
        }
    }

    private static void subtractProjections(double[][] q, int c, double[] v) {
        for (int p = 0; p < c; p++) {
            double[] u = q[p];
            double dot = 0;
            for (int j = 0; j < v.length; j++) dot += u[j] * v[j];
            for (int j = 0; j < v.length; j++) v[j] -= dot * u[j];
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    private static void fixSign(double[] v) {
        int arg = 0;
        for (int j = 1; j < v.length; j++) if (Math.abs(v[j]) > Math.abs(v[arg])) arg = j;
        if (v[arg] < 0) for (int j = 0; j < v.length; j++) v[j] = -v[j];
    }
}
