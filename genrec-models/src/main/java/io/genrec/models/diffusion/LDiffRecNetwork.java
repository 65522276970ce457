package io.genrec.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.genrec.models.training.Batch;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;
import io.genrec.models.training.TrainableNetwork;

import java.util.Random;

/**
 * L-DiffRec's training objective (Wang et al. 2023, Sec. 4.1, as the authors' code): each item cluster's slice of the
 * (dropped-out) interaction vector is encoded by its own one-layer tanh VAE encoder into (mu, log-variance); the
 * concatenated latent z_0 = mu + sigma*eps is diffused and denoised by DiffRec's MLP ({@code mlp.} layers); the
 * predicted z_0 is decoded by one linear layer ({@code dec}) to item logits. Loss: lamda_e * diffusion loss +
 * multinomial reconstruction + beta * KL, with lamda_e = max((1 - e/E) lamda, floor) per epoch and beta annealed per
 * update (the authors' schedule with reweighting on; without reweighting the weights swap as in their code).
 */
final class LDiffRecNetwork implements TrainableNetwork {
    private final CsrRows rows;
    private final LDiffRecConfig config;
    private final GaussianDiffusion diffusion;
    private final TimestepSampler sampler;
    private final int[][] clusterItems;
    private final int[] latent;

    LDiffRecNetwork(CsrRows rows, LDiffRecConfig config, int[] assignment) {
        this.rows = rows;
        this.config = config;
        this.diffusion = config.gaussian();
        this.sampler = new TimestepSampler(config.diffusion().steps(), config.diffusion().importanceSampling());
        this.clusterItems = LDiffRec.clusterItems(assignment, config.clusters());
        int[] sizes = new int[config.clusters()];
        for (int c = 0; c < sizes.length; c++) sizes[c] = clusterItems[c].length;
        this.latent = config.latentSplit(sizes, rows.width());
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        ParameterSet p = new ParameterSet();
        for (int c = 0; c < clusterItems.length; c++)
            DenseLayer.xavierNormal(p, "enc" + c, clusterItems[c].length, 2 * latent[c], 0, rng);
        DenseLayer.xavierNormal(p, "dec", config.latentDim(), rows.width(), 0, rng);
        DiffRecNetwork.initDenoiser(p, "mlp.", config.latentDim(), config.mlpDims(), config.diffusion().embSize(), rng);
        return p;
    }

    @Override
    public int numRows() { return rows.numRows(); }

    @Override
    public NDArray loss(Batch b) {
        int n = rows.width(), bs = b.size(), dim = config.latentDim();
        float[] x = rows.dense(b.rows(), true);
        float[] mask = b.dropoutMask(x.length, config.encoderDropout());
        for (int i = 0; i < x.length; i++) x[i] *= mask[i];
        NDList mus = new NDList(), logvars = new NDList();
        for (int c = 0; c < clusterItems.length; c++) {
            int[] items = clusterItems[c];
            float[] xc = new float[bs * items.length];
            for (int r = 0; r < bs; r++)
                for (int j = 0; j < items.length; j++) xc[r * items.length + j] = x[r * n + items[j]];
            NDArray h = b.create(xc, bs, items.length).matMul(b.param("enc" + c + ".w")).add(b.param("enc" + c + ".b")).tanh();
            mus.add(h.get(":, 0:" + latent[c]));
            logvars.add(h.get(":, " + latent[c] + ":"));
        }
        NDArray mu = NDArrays.concat(mus, 1), logvar = NDArrays.concat(logvars, 1);
        NDArray z0 = mu.add(b.create(b.gaussian(bs * dim), bs, dim).mul(logvar.mul(TorchScalar.of(logvar, 0.5)).exp()));
        NDArray kl = logvar.add(TorchScalar.of(logvar, 1)).sub(mu.square()).sub(logvar.exp()).sum(new int[] {1}).mean()
                .mul(TorchScalar.of(mu, -0.5));

        int[] t = new int[bs];
        float[] invWeight = new float[bs];
        sampler.sample(b.rng(), t, invWeight);
        float[] signal = new float[bs];
        float[] noise = b.gaussian(bs * dim);
        for (int r = 0; r < bs; r++) {
            signal[r] = (float) diffusion.signal(t[r]);
            float sn = (float) diffusion.noise(t[r]);
            for (int j = r * dim; j < (r + 1) * dim; j++) noise[j] *= sn;
        }
        NDArray zt = z0.mul(b.create(signal, bs, 1)).add(b.create(noise, bs, dim))
                .mul(b.create(b.dropoutMask(bs * dim, config.mlpDropout()), bs, dim));
        NDArray pred = DiffRecNetwork.denoise(b, "mlp.", config.mlpDims().size(), zt, t, config.diffusion().embSize());
        NDArray elbo = DiffRecNetwork.diffusionLoss(b, pred, z0, t, invWeight, diffusion, config.diffusion().reweight(), sampler);

        NDArray logits = pred.matMul(b.param("dec.w")).add(b.param("dec.b"));
        NDArray recon = logits.logSoftmax(1).mul(b.create(x, bs, n)).sum(new int[] {1}).mean().neg();
        double klWeight = config.klAnnealSteps() > 0 ? Math.min(config.klCap(), (double) b.step() / config.klAnnealSteps()) : config.klCap();
        NDArray vae = recon.add(kl.mul(TorchScalar.of(kl, klWeight)));
        double lamda = config.lamdaAnnealEpochs() > 0
                ? Math.max((1 - (double) (b.epoch() - 1) / config.lamdaAnnealEpochs()) * config.lamda(), config.lamdaFloor())
                : Math.max(config.lamda(), config.lamdaFloor());
        NDArray weight = TorchScalar.of(elbo, lamda);
        return config.diffusion().reweight() ? elbo.mul(weight).add(vae) : elbo.add(vae.mul(weight));
    }
}
