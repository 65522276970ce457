package io.genrec.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.genrec.models.training.Batch;
import io.genrec.models.training.TrainingPhase;
import io.genrec.models.training.ParameterSet;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reverse process computed the literal way, as the authors' {@code p_sample} does it: the training graph's
 * denoiser ({@link DiffRecNetwork#denoise}, in the native engine, on [x_t, time embedding]) applied once per step
 * t = R-1..0 to the whole vector, then x = c1_t pred + c2_t x (or x = pred without noise). The reference that the
 * fast {@link DiffRecScorer} is checked against.
 */
final class ReverseProcessReference {
    private ReverseProcessReference() { }

    static float[][] reverse(ParameterSet w, String prefix, int layers, int embSize, GaussianDiffusion d, int reverseSteps,
                             float[][] starts) {
        int n = starts[0].length, rows = starts.length;
        float[] flat = new float[rows * n];
        for (int r = 0; r < rows; r++) System.arraycopy(starts[r], 0, flat, r * n, n);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new HashMap<>();
            for (String name : w.names()) {
                int[] s = w.shape(name);
                long[] shape = new long[s.length];
                for (int i = 0; i < s.length; i++) shape[i] = s[i];
                params.put(name, m.create(w.get(name), new Shape(shape)));
            }
            Batch b = new Batch(new int[rows], m, params, new SplittableRandom(0), 0, 0, TrainingPhase.all(w));
            NDArray x = m.create(flat, new Shape(rows, n));
            for (int t = reverseSteps - 1; t >= 0; t--) {
                int[] ts = new int[rows];
                java.util.Arrays.fill(ts, t);
                NDArray pred = DiffRecNetwork.denoise(b, prefix, layers, x, ts, embSize);
                x = d.noiseless() ? pred
                        : pred.mul((float) d.posteriorCoefX0(t)).add(x.mul((float) d.posteriorCoefXt(t)));
            }
            float[] all = x.toFloatArray();
            float[][] out = new float[rows][n];
            for (int r = 0; r < rows; r++) System.arraycopy(all, r * n, out[r], 0, n);
            return out;
        }
    }

    /** The authors' q_sample at t = samplingSteps-1 with GenRec's seeded noise (one Gaussian per entry, in order). */
    static float[] noised(float[] x, GaussianDiffusion d, int samplingSteps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float s = (float) d.signal(samplingSteps - 1), sn = (float) d.noise(samplingSteps - 1);
        float[] out = new float[x.length];
        for (int j = 0; j < x.length; j++) out[j] = s * x[j] + sn * (float) rng.nextGaussian();
        return out;
    }
}
