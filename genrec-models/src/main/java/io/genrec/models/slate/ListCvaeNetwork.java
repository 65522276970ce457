package io.genrec.models.slate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.genrec.models.training.Batch;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;
import io.genrec.models.training.TrainableNetwork;

import java.util.Random;

/**
 * The List-CVAE network and loss (Jiang et al. 2019, see {@link ListCvaeConfig} for deviations). With item
 * embeddings E ({@code item.emb}, {@code [items, d]}) and condition c = (r, mean E of the context items):
 * encoder {@code enc} (tanh) then {@code mu}/{@code logvar} on (E[s_1], ..., E[s_K], c); prior {@code prior} (tanh)
 * then {@code prior_mu}/{@code prior_logvar} on c; decoder {@code dec} (tanh) then {@code out} on (z, c) giving K
 * vectors x_k, and logits x_k · E^T per position. Loss per slate: the sum over positions of the softmax cross-entropy
 * of s_k plus beta · KL(q(z | s, c) || p(z | c)), averaged over the batch.
 */
final class ListCvaeNetwork implements TrainableNetwork {
    /**
     * Standard deviation of the initial item embeddings: larger than the usual 1/sqrt(d) because context and logits
     * are both bilinear in E, and small embeddings leave training on a plateau far longer (measured on the planted
     * two-cluster test: 300 steps reached 0.99 in-cluster slate items with 0.5 and about 0.57 with 0.25).
     */
    static final double EMBEDDING_INIT_STD = 0.5;

    private final TrainingSlates slates;
    private final ListCvaeConfig config;
    private final int numItems;

    ListCvaeNetwork(TrainingSlates slates, ListCvaeConfig config, int numItems) {
        this.slates = slates;
        this.config = config;
        this.numItems = numItems;
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        int k = config.slateSize(), d = config.embeddingDim(), h = config.hiddenDim(), l = config.latentDim();
        int c = config.conditionDim();
        ParameterSet p = new ParameterSet();
        p.add("item.emb", Initializers.normal(rng, numItems * d, EMBEDDING_INIT_STD), numItems, d);
        DenseLayer.xavierUniform(p, "enc", k * d + c, h, 0.001, rng);
        DenseLayer.xavierUniform(p, "mu", h, l, 0.001, rng);
        DenseLayer.xavierUniform(p, "logvar", h, l, 0.001, rng);
        DenseLayer.xavierUniform(p, "prior", c, h, 0.001, rng);
        DenseLayer.xavierUniform(p, "prior_mu", h, l, 0.001, rng);
        DenseLayer.xavierUniform(p, "prior_logvar", h, l, 0.001, rng);
        DenseLayer.xavierUniform(p, "dec", l + c, h, 0.001, rng);
        DenseLayer.xavierUniform(p, "out", h, k * d, 0.001, rng);
        return p;
    }

    @Override
    public int numRows() { return slates.numActiveUsers() * config.slatesPerUser(); }

    @Override
    public NDArray loss(Batch b) {
        int bs = b.size(), k = config.slateSize(), d = config.embeddingDim(), l = config.latentDim();
        int[] items = new int[bs * k];
        float[] responses = new float[bs * k];
        float[] context = new float[bs * numItems];
        for (int n = 0; n < bs; n++)
            slates.sample(slates.activeUser(b.rows()[n] % slates.numActiveUsers()), b.rng(), n, items, responses, context);
        NDArray emb = b.param("item.emb");
        NDArray ctx = b.create(context, bs, numItems).matMul(emb);
        NDArray cond = NDArrays.concat(new NDList(b.create(responses, bs, k), ctx), 1);
        long[] itemIds = new long[items.length];
        for (int j = 0; j < items.length; j++) itemIds[j] = items[j];
        NDArray ids = b.manager().create(itemIds);
        NDArray slateEmb = emb.get(new NDIndex("{}", ids)).reshape(bs, (long) k * d);

        NDArray hq = linear(b, NDArrays.concat(new NDList(slateEmb, cond), 1), "enc").tanh();
        NDArray mu = linear(b, hq, "mu"), logvar = linear(b, hq, "logvar");
        NDArray hp = linear(b, cond, "prior").tanh();
        NDArray pmu = linear(b, hp, "prior_mu"), plogvar = linear(b, hp, "prior_logvar");
        NDArray z = mu.add(b.create(b.gaussian(bs * l), bs, l).mul(logvar.mul(TorchScalar.of(logvar, 0.5)).exp()));

        NDArray hd = linear(b, NDArrays.concat(new NDList(z, cond), 1), "dec").tanh();
        NDArray x = linear(b, hd, "out").reshape((long) bs * k, d);
        NDArray logp = x.matMul(emb.transpose()).logSoftmax(1).gather(ids.reshape((long) bs * k, 1), 1);
        NDArray nll = logp.sum().div(TorchScalar.of(logp, bs)).neg();
        // KL(N(mu, e^logvar) || N(pmu, e^plogvar)) summed over latent dimensions, averaged over the batch.
        NDArray kl = plogvar.sub(logvar).add(logvar.exp().add(mu.sub(pmu).square()).div(plogvar.exp())).sub(TorchScalar.of(mu, 1))
                .mul(TorchScalar.of(mu, 0.5)).sum().div(TorchScalar.of(mu, bs));
        double beta = Math.min(config.betaCap(), config.betaCap() * b.step() / config.annealSteps());
        return nll.add(kl.mul(TorchScalar.of(kl, beta)));
    }

    private static NDArray linear(Batch b, NDArray x, String name) {
        return x.matMul(b.param(name + ".w")).add(b.param(name + ".b"));
    }
}
