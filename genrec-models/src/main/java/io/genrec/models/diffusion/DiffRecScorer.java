package io.genrec.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * DiffRec's reverse process at inference (the authors' p_sample without sampling noise): start from a vector (the
 * history for DiffRec, the encoded latent for L-DiffRec; forward-noised after sampling_steps when > 0), and for
 * t = T-1..0 replace x by the posterior mean coef1_t * f(x, t) + coef2_t * x, where f is the denoiser's x_0
 * prediction; the final x is returned.
 * The first layer's weights are split into the item part and the time part, and the time part plus bias is
 * precomputed per step, so no concatenation is needed. Two paths: one user in Java ({@link #score}), many users with
 * native matrix products ({@link #scoreBatch}). Thread safe: buffers and native arrays are per call.
 */
final class DiffRecScorer {
    private final GaussianDiffusion diffusion;
    private final int samplingSteps;
    private final int numItems; // the width of the diffused vectors
    private final DenseLayer first;        // item part of in0 (bias zero: see stepBias)
    private final float[][] stepBias;      // per step: timeProjection(t) * W_time + b_in0
    private final DenseLayer[] hidden;     // in1.. then out0..out(last)

    DiffRecScorer(ParameterSet w, String prefix, int layers, int steps, int samplingSteps, GaussianDiffusion diffusion) {
        this.diffusion = diffusion;
        this.samplingSteps = samplingSteps;
        DenseLayer in0 = DenseLayer.of(w, prefix + "in0");
        DenseLayer emb = DenseLayer.of(w, prefix + "emb");
        numItems = in0.in() - emb.out();
        int h = in0.out();
        first = new DenseLayer(numItems, h, Arrays.copyOf(in0.w(), numItems * h), new float[h]);
        DenseLayer time = new DenseLayer(emb.out(), h, Arrays.copyOfRange(in0.w(), numItems * h, in0.w().length), in0.b());
        stepBias = new float[steps][h];
        float[] proj = new float[emb.out()];
        for (int t = 0; t < steps; t++) {
            emb.forward(TimeEmbedding.sinusoidal(t, emb.in()), proj);
            time.forward(proj, stepBias[t]);
        }
        hidden = new DenseLayer[2 * layers - 1];
        for (int i = 1; i < layers; i++) hidden[i - 1] = DenseLayer.of(w, prefix + "in" + i);
        for (int i = 0; i < layers; i++) hidden[layers - 1 + i] = DenseLayer.of(w, prefix + "out" + i);
    }

    int numItems() { return numItems; }

    /** Scores from the multi-hot history; {@code noiseSeed} drives the forward noising when sampling_steps > 0. */
    void score(int[] history, long noiseSeed, float[] scores) {
        float[] x = new float[numItems];
        for (int item : history) x[item] = 1f;
        System.arraycopy(reverse(x, noiseSeed), 0, scores, 0, numItems);
    }

    /** Runs the reverse process from {@code start} (modified in place and returned). */
    float[] reverse(float[] start, long noiseSeed) {
        float[] x = noised(start, noiseSeed);
        float[] pred = new float[numItems];
        for (int t = diffusion.steps() - 1; t >= 0; t--) {
            float[] h = new float[first.out()];
            first.forward(x, h);
            float[] bias = stepBias[t];
            for (int j = 0; j < h.length; j++) h[j] = (float) Math.tanh(h[j] + bias[j]);
            for (int i = 0; i < hidden.length; i++) {
                float[] y = i == hidden.length - 1 ? pred : new float[hidden[i].out()];
                hidden[i].forward(h, y);
                if (i < hidden.length - 1) DenseLayer.tanh(y);
                h = y;
            }
            step(t, pred, x);
        }
        return x;
    }

    /** The batch version of {@link #score} with native matrix products; all native arrays die with the call. */
    void scoreBatch(int[][] histories, long[] noiseSeeds, float[][] out) {
        int b = histories.length;
        float[] x0 = new float[b * numItems];
        for (int u = 0; u < b; u++) {
            float[] x = new float[numItems];
            for (int item : histories[u]) x[item] = 1f;
            System.arraycopy(noised(x, noiseSeeds[u]), 0, x0, u * numItems, numItems);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray first = m.create(this.first.w(), new Shape(this.first.in(), this.first.out()));
            NDArray[] ws = new NDArray[hidden.length], bs = new NDArray[hidden.length];
            for (int i = 0; i < hidden.length; i++) {
                ws[i] = m.create(hidden[i].w(), new Shape(hidden[i].in(), hidden[i].out()));
                bs[i] = m.create(hidden[i].b(), new Shape(hidden[i].out()));
            }
            NDArray x = m.create(x0, new Shape(b, numItems));
            for (int t = diffusion.steps() - 1; t >= 0; t--) {
                try (NDManager sm = m.newSubManager()) {
                    NDArray h = x.matMul(first).add(sm.create(stepBias[t])).tanh();
                    h.attach(sm);
                    for (int i = 0; i < hidden.length; i++) {
                        h = h.matMul(ws[i]).add(bs[i]);
                        h.attach(sm);
                        if (i < hidden.length - 1) { h = h.tanh(); h.attach(sm); }
                    }
                    NDArray next = h;
                    if (!diffusion.noiseless()) {
                        NDArray scaledX = x.mul(TorchScalar.of(h, diffusion.posteriorCoefXt(t)));
                        scaledX.attach(sm);
                        next = h.mul(TorchScalar.of(h, diffusion.posteriorCoefX0(t))).add(scaledX);
                    }
                    next.attach(m);
                    x.close();
                    x = next;
                }
            }
            float[] all = x.toFloatArray();
            for (int u = 0; u < b; u++) System.arraycopy(all, u * numItems, out[u], 0, numItems);
        }
    }

    /** q(x_t | x) at t = sampling_steps-1 when sampling_steps > 0, else x itself (modified in place). */
    private float[] noised(float[] x, long noiseSeed) {
        if (samplingSteps > 0 && !diffusion.noiseless()) {
            SplittableRandom rng = new SplittableRandom(noiseSeed);
            int t = samplingSteps - 1;
            float s = (float) diffusion.signal(t), sn = (float) diffusion.noise(t);
            for (int j = 0; j < numItems; j++) x[j] = s * x[j] + sn * (float) rng.nextGaussian();
        }
        return x;
    }

    /** x <- coef1_t * pred + coef2_t * x (or x <- pred without noise). */
    private void step(int t, float[] pred, float[] x) {
        if (diffusion.noiseless()) {
            System.arraycopy(pred, 0, x, 0, numItems);
            return;
        }
        float c1 = (float) diffusion.posteriorCoefX0(t), c2 = (float) diffusion.posteriorCoefXt(t);
        for (int j = 0; j < numItems; j++) x[j] = c1 * pred[j] + c2 * x[j];
    }
}
