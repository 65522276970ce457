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
 * dropout and the sinusoidal embedding are computed on the host and uploaded once per batch. Layers: {@code emb},
 * {@code in<i>}, {@code out<i>} (the authors' DNN layout, weights initialised Xavier-normal, biases N(0, 0.001)).
 */
final class DiffRecNetwork implements TrainableNetwork {
    private final CsrRows rows;
    private final DiffRecConfig config;
    private final GaussianDiffusion diffusion;
    private final TimestepSampler sampler;

    DiffRecNetwork(CsrRows rows, DiffRecConfig config, GaussianDiffusion diffusion) {
        this.rows = rows;
        this.config = config;
        this.diffusion = diffusion;
        this.sampler = new TimestepSampler(config.steps(), config.importanceSampling());
    }

    /** Widths of the in-layers (first one before the embedding is appended): [items, reversed dims...]. */
    static List<Integer> inDims(int numItems, DiffRecConfig c) {
        List<Integer> d = new ArrayList<>(outDims(numItems, c));
        java.util.Collections.reverse(d);
        return d;
    }

    /** Widths of the out-layers: [dims..., items]. */
    static List<Integer> outDims(int numItems, DiffRecConfig c) {
        List<Integer> d = new ArrayList<>(c.dims());
        d.add(numItems);
        return d;
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        ParameterSet p = new ParameterSet();
        DenseLayer.xavierNormal(p, "emb", config.embSize(), config.embSize(), 0.001, rng);
        List<Integer> in = inDims(rows.width(), config), out = outDims(rows.width(), config);
        for (int i = 0; i + 1 < in.size(); i++)
            DenseLayer.xavierNormal(p, "in" + i, in.get(i) + (i == 0 ? config.embSize() : 0), in.get(i + 1), 0.001, rng);
        for (int i = 0; i + 1 < out.size(); i++) DenseLayer.xavierNormal(p, "out" + i, out.get(i), out.get(i + 1), 0.001, rng);
        return p;
    }

    @Override
    public int numRows() { return rows.numRows(); }

    @Override
    public NDArray loss(Batch b) {
        int n = rows.width(), bs = b.size(), e = config.embSize();
        float[] x0 = rows.dense(b.rows(), true);
        int[] t = new int[bs];
        float[] invWeight = new float[bs];
        sampler.sample(b.rng(), t, invWeight);
        float[] xt = new float[bs * n];
        float[] emb = new float[bs * e];
        float keep = (float) (1 / (1 - config.dropout()));
        for (int r = 0; r < bs; r++) {
            float s = diffusion.noiseless() ? 1f : (float) diffusion.signal(t[r]);
            float sn = diffusion.noiseless() ? 0f : (float) diffusion.noise(t[r]);
            for (int j = r * n, end = j + n; j < end; j++) {
                float v = s * x0[j] + (sn == 0f ? 0f : sn * (float) b.rng().nextGaussian());
                xt[j] = b.rng().nextDouble() < config.dropout() ? 0f : v * keep;
            }
            System.arraycopy(TimeEmbedding.sinusoidal(t[r], e), 0, emb, r * e, e);
        }
        NDArray timeEmb = b.create(emb, bs, e).matMul(b.param("emb.w")).add(b.param("emb.b"));
        NDArray h = b.create(xt, bs, n).concat(timeEmb, 1);
        int layers = config.dims().size();
        for (int i = 0; i < layers; i++) h = h.matMul(b.param("in" + i + ".w")).add(b.param("in" + i + ".b")).tanh();
        for (int i = 0; i < layers; i++) {
            h = h.matMul(b.param("out" + i + ".w")).add(b.param("out" + i + ".b"));
            if (i < layers - 1) h = h.tanh();
        }
        NDArray mse = h.sub(b.create(x0, bs, n)).square().mean(new int[] {1});
        float[] weight = new float[bs];
        for (int r = 0; r < bs; r++) weight[r] = config.reweight() ? (float) diffusion.lossWeight(t[r]) : 1f;
        NDArray weighted = mse.mul(b.create(weight, bs));
        float[] perExample = weighted.toFloatArray();
        for (int r = 0; r < bs; r++) sampler.record(t[r], perExample[r]);
        return weighted.div(b.create(invWeight, bs)).mean();
    }
}
