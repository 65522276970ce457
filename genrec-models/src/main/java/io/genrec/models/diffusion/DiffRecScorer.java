package io.genrec.models.diffusion;

import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;

import java.util.SplittableRandom;

/**
 * DiffRec's reverse process at inference in Java (the authors' p_sample without sampling noise): start from the
 * history vector (or its forward-noised version after sampling_steps), and for t = T-1..0 replace x by the posterior
 * mean coef1_t * f(x, t) + coef2_t * x, where f is the denoiser's x_0 prediction; the final x is the score vector.
 * The per-step time-embedding projections are precomputed. Thread safe: buffers are per call.
 */
final class DiffRecScorer {
    private final GaussianDiffusion diffusion;
    private final int samplingSteps;
    private final DenseLayer[] in;
    private final DenseLayer[] out;
    private final float[][] timeProjection;
    private final int numItems;

    DiffRecScorer(ParameterSet w, DiffRecConfig c, GaussianDiffusion diffusion) {
        this.diffusion = diffusion;
        this.samplingSteps = c.samplingSteps();
        int layers = c.dims().size();
        in = new DenseLayer[layers];
        out = new DenseLayer[layers];
        for (int i = 0; i < layers; i++) {
            in[i] = DenseLayer.of(w, "in" + i);
            out[i] = DenseLayer.of(w, "out" + i);
        }
        numItems = out[layers - 1].out();
        DenseLayer emb = DenseLayer.of(w, "emb");
        timeProjection = new float[c.steps()][emb.out()];
        for (int t = 0; t < c.steps(); t++) emb.forward(TimeEmbedding.sinusoidal(t, emb.in()), timeProjection[t]);
    }

    /** Scores from the multi-hot history; {@code noiseSeed} drives the forward noising when sampling_steps > 0. */
    void score(int[] history, long noiseSeed, float[] scores) {
        int e = timeProjection[0].length;
        float[] x = new float[numItems + e];
        for (int item : history) x[item] = 1f;
        if (samplingSteps > 0 && !diffusion.noiseless()) {
            SplittableRandom rng = new SplittableRandom(noiseSeed);
            int t = samplingSteps - 1;
            float s = (float) diffusion.signal(t), sn = (float) diffusion.noise(t);
            for (int j = 0; j < numItems; j++) x[j] = s * x[j] + sn * (float) rng.nextGaussian();
        }
        float[] pred = new float[numItems];
        for (int t = diffusion.steps() - 1; t >= 0; t--) {
            System.arraycopy(timeProjection[t], 0, x, numItems, e);
            denoise(x, pred);
            if (diffusion.noiseless()) {
                System.arraycopy(pred, 0, x, 0, numItems);
            } else {
                float c1 = (float) diffusion.posteriorCoefX0(t), c2 = (float) diffusion.posteriorCoefXt(t);
                for (int j = 0; j < numItems; j++) x[j] = c1 * pred[j] + c2 * x[j];
            }
        }
        System.arraycopy(x, 0, scores, 0, numItems);
    }

    /** The denoiser's x_0 prediction for input [x, time projection] (no dropout at inference). */
    private void denoise(float[] input, float[] pred) {
        float[] h = input;
        for (DenseLayer l : in) {
            float[] y = new float[l.out()];
            l.forward(h, y);
            DenseLayer.tanh(y);
            h = y;
        }
        for (int i = 0; i < out.length; i++) {
            float[] y = i == out.length - 1 ? pred : new float[out[i].out()];
            out[i].forward(h, y);
            if (i < out.length - 1) DenseLayer.tanh(y);
            h = y;
        }
    }
}
