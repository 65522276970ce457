package io.genrec.models.diffusion;

import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;
import io.genrec.util.VectorMath;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * DiffRec's reverse process at inference, as the authors' {@code p_sample} without sampling noise: start from a vector
 * x (the history for DiffRec, the encoded latent for L-DiffRec; forward-noised to step sampling_steps-1 when
 * sampling_steps &gt; 0), and for t = R-1..0 replace x by the posterior mean c1_t f(x, t) + c2_t x, where f is the
 * denoiser's x_0 prediction and R the number of reverse steps (the authors always run all T); the final x is returned.
 *
 * <p>How it is fast (same result up to float rounding): the denoiser's first layer (item part W_in, n x h) and last
 * layer (W_out, g x n, bias b) are linear, and so is the posterior step. So the first layer's pre-activation of the
 * next x is c1 (z W_out W_in + b W_in) + c2 (x W_in), where z is the last hidden layer (g values): with the g x h
 * matrix W_out W_in precomputed, a step costs g*h plus the middle layers instead of 2*n*h (for ML-1M's DiffRec,
 * 0.6 M instead of 3.6 M multiply-adds). The final x is G W_out + beta * b with G the c-weighted sum of the z's (the
 * start itself drops out: c2 at t = 0 is 0 because alpha-bar before step 0 is 1), so the n-wide output layer runs
 * once per user, and a multi-hot start costs one row of W_in per item. The time part of the first layer plus its
 * bias is precomputed per step.
 *
 * <p>Thread safe: the weights are read only; the per-call buffers are per thread.
 */
final class DiffRecScorer {
    private final GaussianDiffusion diffusion;
    private final int samplingSteps;
    private final int width;           // n, the width of the diffused vectors
    private final DenseLayer first;    // item part of in0, bias zero: see stepBias
    private final float[][] stepBias;  // per reverse step t: timeEmbedding(t) W_time + b_in0
    private final DenseLayer[] middle; // in1.., out0..out(last-1), each followed by tanh
    private final DenseLayer last;     // the last out layer: x_0 prediction = z W_out + b
    private final DenseLayer feedback; // W_out W_in with bias b W_in: the next first-layer input from z
    private final float[] c1;          // per step: posterior coefficient of the x_0 prediction (1 without noise)
    private final float[] c2;          // per step: posterior coefficient of x_t (0 without noise)
    private final ThreadLocal<Buffers> buffers;

    /**
     * @param reverseSteps reverse steps R in [1, T]: t runs R-1..0 (T is the authors' setting)
     */
    DiffRecScorer(ParameterSet w, String prefix, int layers, int samplingSteps, int reverseSteps, GaussianDiffusion diffusion) {
        if (reverseSteps < 1 || reverseSteps > diffusion.steps())
            throw new IllegalArgumentException("reverse steps must be in [1, " + diffusion.steps() + "], got " + reverseSteps);
        this.diffusion = diffusion;
        this.samplingSteps = samplingSteps;
        DenseLayer in0 = DenseLayer.of(w, prefix + "in0");
        DenseLayer emb = DenseLayer.of(w, prefix + "emb");
        width = in0.in() - emb.out();
        int h = in0.out();
        first = new DenseLayer(width, h, Arrays.copyOf(in0.w(), width * h), new float[h]);
        DenseLayer time = new DenseLayer(emb.out(), h, Arrays.copyOfRange(in0.w(), width * h, in0.w().length), in0.b());
        stepBias = new float[reverseSteps][h];
        float[] proj = new float[emb.out()];
        for (int t = 0; t < reverseSteps; t++) {
            emb.forward(TimeEmbedding.sinusoidal(t, emb.in()), proj);
            time.forward(proj, stepBias[t]);
        }
        middle = new DenseLayer[2 * layers - 2];
        for (int i = 1; i < layers; i++) middle[i - 1] = DenseLayer.of(w, prefix + "in" + i);
        for (int i = 0; i < layers - 1; i++) middle[layers - 1 + i] = DenseLayer.of(w, prefix + "out" + i);
        last = DenseLayer.of(w, prefix + "out" + (layers - 1));
        feedback = compose(last, first);
        c1 = new float[reverseSteps];
        c2 = new float[reverseSteps];
        for (int t = 0; t < reverseSteps; t++) {
            c1[t] = diffusion.noiseless() ? 1f : (float) diffusion.posteriorCoefX0(t);
            c2[t] = diffusion.noiseless() ? 0f : (float) diffusion.posteriorCoefXt(t);
        }
        if (c2[0] != 0f) throw new IllegalStateException("posterior coefficient of x_t at t=0 is " + c2[0] + ", expected 0");
        buffers = ThreadLocal.withInitial(() -> new Buffers(width, h, middle, last.in()));
    }

    /** The layer x -> (x W_a + b_a) W_b, i.e. weights W_a W_b and bias b_a W_b (b_b is not added). */
    private static DenseLayer compose(DenseLayer a, DenseLayer b) {
        float[] w = new float[a.in() * b.out()];
        for (int r = 0; r < a.in(); r++)
            for (int k = 0; k < a.out(); k++) {
                float v = a.w()[r * a.out() + k];
                if (v != 0f) VectorMath.axpy(v, b.w(), k * b.out(), w, r * b.out(), b.out());
            }
        float[] bias = new float[b.out()];
        for (int k = 0; k < a.out(); k++) VectorMath.axpy(a.b()[k], b.w(), k * b.out(), bias, 0, b.out());
        return new DenseLayer(a.in(), b.out(), w, bias);
    }

    /**
     * Scores from the multi-hot history ({@code items} distinct); {@code noiseSeed} drives the forward noising when
     * sampling_steps &gt; 0.
     */
    void score(int[] items, long noiseSeed, float[] scores) {
        Buffers b = buffers.get();
        if (noising()) {
            Arrays.fill(b.start, 0f);
            for (int item : items) b.start[item] = 1f;
            reverse(b.start, noiseSeed, scores);
            return;
        }
        first.forwardSparse(items, 1f, b.pre);
        run(b, scores);
    }

    /** Whether {@link #score(int[][], float[][], int)} batches (no forward noising: every user starts from its history). */
    boolean batches() { return !noising(); }

    /**
     * {@link #score(int[], long, float[])} for {@code count} users without forward noising: the same steps with each
     * layer applied to all users at once ({@link DenseLayer#forwardBatch}), so the step matrices are read once per
     * batch instead of once per user.
     */
    void score(int[][] items, float[][] scores, int count) {
        if (noising()) throw new IllegalStateException("batched scoring needs sampling_steps = 0 or no noise");
        int h = first.out();
        float[][] pre = new float[count][h], next = new float[count][h], acc = new float[count][last.in()];
        float[][][] hidden = new float[middle.length + 1][count][];
        for (int r = 0; r < count; r++) {
            first.forwardSparse(items[r], 1f, pre[r]);
            hidden[0][r] = new float[h];
            for (int i = 0; i < middle.length; i++) hidden[i + 1][r] = new float[middle[i].out()];
        }
        float biasWeight = 0f;
        for (int t = c1.length - 1; t >= 0; t--) {
            float[] bias = stepBias[t];
            for (int r = 0; r < count; r++) {
                float[] hr = hidden[0][r], pr = pre[r];
                for (int j = 0; j < hr.length; j++) hr[j] = pr[j] + bias[j];
                DenseLayer.tanh(hr);
            }
            for (int i = 0; i < middle.length; i++) {
                middle[i].forwardBatch(hidden[i], hidden[i + 1], count);
                for (int r = 0; r < count; r++) DenseLayer.tanh(hidden[i + 1][r]);
            }
            float[][] z = hidden[middle.length];
            float a = c1[t], c = c2[t];
            for (int r = 0; r < count; r++) {
                VectorMath.scale(c, acc[r]);
                VectorMath.axpy(a, z[r], acc[r]);
            }
            biasWeight = c * biasWeight + a;
            if (t > 0) {
                feedback.forwardBatch(z, next, count);
                for (int r = 0; r < count; r++) {
                    VectorMath.scale(c, pre[r]);
                    VectorMath.axpy(a, next[r], pre[r]);
                }
            }
        }
        for (int r = 0; r < count; r++) Arrays.fill(scores[r], 0, width, 0f);
        VectorMath.addRowsTimesMatrix(acc, count, last.in(), last.w(), width, scores);
        for (int r = 0; r < count; r++) VectorMath.axpy(biasWeight, last.b(), 0, scores[r], 0, width);
    }

    /** Runs the reverse process from the dense {@code start} (modified when noised) into {@code out}. */
    void reverse(float[] start, long noiseSeed, float[] out) {
        Buffers b = buffers.get();
        noise(start, noiseSeed);
        first.forward(start, b.pre);
        run(b, out);
    }

    private boolean noising() { return samplingSteps > 0 && !diffusion.noiseless(); }

    /**
     * The reverse steps from the first-layer pre-activation of the start in {@code b.pre}; writes x_0 = G W_out + beta b
     * to {@code out}.
     */
    private void run(Buffers b, float[] out) {
        float biasWeight = 0f;
        float[] acc = b.acc, pre = b.pre;
        Arrays.fill(acc, 0f);
        for (int t = c1.length - 1; t >= 0; t--) {
            float[] h = b.hidden[0], bias = stepBias[t];
            for (int j = 0; j < h.length; j++) h[j] = pre[j] + bias[j];
            DenseLayer.tanh(h);
            for (int i = 0; i < middle.length; i++) {
                middle[i].forward(h, b.hidden[i + 1]);
                h = b.hidden[i + 1];
                DenseLayer.tanh(h);
            }
            float a = c1[t], c = c2[t];
            VectorMath.scale(c, acc);
            VectorMath.axpy(a, h, acc);
            biasWeight = c * biasWeight + a;
            if (t > 0) {
                feedback.forward(h, b.next);
                VectorMath.scale(c, pre);
                VectorMath.axpy(a, b.next, pre);
            }
        }
        Arrays.fill(out, 0, width, 0f);
        last.forwardAdd(acc, out);
        VectorMath.axpy(biasWeight, last.b(), 0, out, 0, width);
    }

    /** q(x_t | x) at t = sampling_steps-1 when sampling_steps &gt; 0 and noise_scale &gt; 0 (in place), else nothing. */
    private void noise(float[] x, long noiseSeed) {
        if (!noising()) return;
        SplittableRandom rng = new SplittableRandom(noiseSeed);
        int t = samplingSteps - 1;
        float s = (float) diffusion.signal(t), sn = (float) diffusion.noise(t);
        for (int j = 0; j < width; j++) x[j] = s * x[j] + sn * (float) rng.nextGaussian();
    }

    /** One thread's working arrays. */
    private static final class Buffers {
        final float[] pre, acc, next, start;
        final float[][] hidden;

        Buffers(int width, int h, DenseLayer[] middle, int lastIn) {
            pre = new float[h];
            next = new float[h];
            acc = new float[lastIn];
            start = new float[width];
            hidden = new float[middle.length + 1][];
            hidden[0] = new float[h];
            for (int i = 0; i < middle.length; i++) hidden[i + 1] = new float[middle[i].out()];
        }
    }
}
