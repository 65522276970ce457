package io.genrec.models.diffusion;

import ai.djl.ndarray.NDArray;
import io.genrec.models.training.Batch;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainableNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * DiffRec's denoiser and training loss (Wang et al. 2023, Eq. 8-14 with x0 prediction): for each user's interaction
 * vector x_0, sample a step t, noise it to x_t = sqrt(abar_t) x_0 + sqrt(1-abar_t) eps, predict x_0 from
 * [dropout(x_t), W_e emb(t) + b_e] with a tanh MLP, and minimise the (reweighted) mean squared error. Noising,
 * dropout and the sinusoidal embedding are computed on the host and uploaded once per batch. The denoiser's layers
 * are {@code <prefix>emb}, {@code <prefix>in<i>}, {@code <prefix>out<i>} (the authors' DNN layout, weights
 * Xavier-normal, biases N(0, 0.001)); L-DiffRec reuses them on its latent vectors.
 */
public final class DiffRecNetwork implements TrainableNetwork {
    private final CsrRows rows;
    private final DiffRecConfig config;
    private final GaussianDiffusion diffusion;
    private final TimestepSampler sampler;

    DiffRecNetwork(CsrRows rows, DiffRecConfig config, GaussianDiffusion diffusion) {
        this.rows = rows;
        this.config = config;
        this.diffusion = diffusion;
        this.sampler = new TimestepSampler(config.diffusion().steps(), config.diffusion().importanceSampling());
    }

    /** Adds a denoiser for vectors of {@code width} with hidden {@code dims} (the authors' {@code --dims}). */
    public static void initDenoiser(ParameterSet p, String prefix, int width, List<Integer> dims, int embSize, Random rng) {
        List<Integer> out = new ArrayList<>(dims);
        out.add(width);
        List<Integer> in = new ArrayList<>(out);
        java.util.Collections.reverse(in);
        DenseLayer.xavierNormal(p, prefix + "emb", embSize, embSize, 0.001, rng);
        for (int i = 0; i + 1 < in.size(); i++)
            DenseLayer.xavierNormal(p, prefix + "in" + i, in.get(i) + (i == 0 ? embSize : 0), in.get(i + 1), 0.001, rng);
        for (int i = 0; i + 1 < out.size(); i++) DenseLayer.xavierNormal(p, prefix + "out" + i, out.get(i), out.get(i + 1), 0.001, rng);
    }

    /** The denoiser's x_0 prediction for the (already dropped-out) x_t and steps {@code t}. */
    public static NDArray denoise(Batch b, String prefix, int layers, NDArray xt, int[] t, int embSize) {
        float[] emb = new float[t.length * embSize];
        for (int r = 0; r < t.length; r++) System.arraycopy(TimeEmbedding.sinusoidal(t[r], embSize), 0, emb, r * embSize, embSize);
        NDArray timeEmb = b.create(emb, t.length, embSize).matMul(b.param(prefix + "emb.w")).add(b.param(prefix + "emb.b"));
        NDArray h = xt.concat(timeEmb, 1);
        for (int i = 0; i < layers; i++) h = h.matMul(b.param(prefix + "in" + i + ".w")).add(b.param(prefix + "in" + i + ".b")).tanh();
        for (int i = 0; i < layers; i++) {
            h = h.matMul(b.param(prefix + "out" + i + ".w")).add(b.param(prefix + "out" + i + ".b"));
            if (i < layers - 1) h = h.tanh();
        }
        return h;
    }

    /**
     * The diffusion loss mean_r(w_t * mse_r / (T p_t)) with w_t = SNR(t-1)-SNR(t) when reweighting; records each
     * example's weighted loss in the sampler's history (the authors' importance sampling).
     */
    static NDArray diffusionLoss(Batch b, NDArray pred, NDArray target, int[] t, float[] invWeight, GaussianDiffusion d,
                                 boolean reweight, TimestepSampler sampler) {
        NDArray mse = pred.sub(target).square().mean(new int[] {1});
        float[] weight = new float[t.length];
        for (int r = 0; r < t.length; r++) weight[r] = reweight ? (float) d.lossWeight(t[r]) : 1f;
        NDArray weighted = mse.mul(b.create(weight, t.length));
        float[] perExample = weighted.toFloatArray();
        for (int r = 0; r < t.length; r++) sampler.record(t[r], perExample[r]);
        return weighted.div(b.create(invWeight, t.length)).mean();
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        ParameterSet p = new ParameterSet();
        initDenoiser(p, "", rows.width(), config.dims(), config.diffusion().embSize(), rng);
        return p;
    }

    @Override
    public int numRows() { return rows.numRows(); }

    @Override
    public NDArray loss(Batch b) {
        int n = rows.width(), bs = b.size();
        float[] x0 = rows.dense(b.rows(), true);
        int[] t = new int[bs];
        float[] invWeight = new float[bs];
        sampler.sample(b.rng(), t, invWeight);
        float[] xt = new float[bs * n];
        float keep = (float) (1 / (1 - config.dropout()));
        for (int r = 0; r < bs; r++) {
            float s = diffusion.noiseless() ? 1f : (float) diffusion.signal(t[r]);
            float sn = diffusion.noiseless() ? 0f : (float) diffusion.noise(t[r]);
            for (int j = r * n, end = j + n; j < end; j++) {
                float v = s * x0[j] + (sn == 0f ? 0f : sn * (float) b.rng().nextGaussian());
                xt[j] = b.rng().nextDouble() < config.dropout() ? 0f : v * keep;
            }
        }
        NDArray pred = denoise(b, "", config.dims().size(), b.create(xt, bs, n), t, config.diffusion().embSize());
        return diffusionLoss(b, pred, b.create(x0, bs, n), t, invWeight, diffusion, config.diffusion().reweight(), sampler);
    }
}
