package io.genrec.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.genrec.models.training.Batch;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.LayerNorm;
import io.genrec.models.training.TorchScalar;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainableNetwork;
import io.genrec.models.training.TrainingPhase;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The RecVAE network and loss (Shenbin et al., WSDM 2020). Encoder: L2-normalised multi-hot input (dropout in the
 * encoder passes), densely connected layers {@code h_k = LN(swish(W_k h_{k-1} + b_k + h_1 + ... + h_{k-1}))}, then
 * the Gaussian's mean and log-variance. Decoder: one linear layer to item logits. Loss per user: multinomial negative
 * log-likelihood plus {@code gamma |X_u|} times a one-sample estimate of KL(q(z|x) || p(z|x)), where the composite
 * prior p mixes N(0, I), the posterior of the encoder as it was after the previous encoder phase (fed the un-dropped
 * input) and N(0, e^10 I) with weights 3/20, 3/4, 1/10. Each epoch has an encoder phase and a decoder phase
 * ({@link TrainingPhase}); after the encoder phase the prior's copy of the encoder is refreshed. The decoder phase
 * uses no dropout. Layer names: {@code enc<i>}, {@code ln<i>}, {@code mu}, {@code logvar}, {@code out} (decoder).
 */
final class RecVaeNetwork implements TrainableNetwork {
    static final float LN_EPS = 0.1f;
    private static final float LOG_2PI = (float) Math.log(2 * Math.PI);
    private static final float WIDE_LOGVAR = 10f;
    private static final float LOG_W_STANDARD = (float) Math.log(3 / 20.0);
    private static final float LOG_W_POSTERIOR = (float) Math.log(3 / 4.0);
    private static final float LOG_W_WIDE = (float) Math.log(1 / 10.0);
    private static final String ENCODER = "encoder";
    /** Names of the decoder's parameters; every other parameter belongs to the encoder. */
    private static final Set<String> DECODER = Set.of("out.w", "out.b");

    private final CsrRows rows;
    private final RecVaeConfig config;
    /** The prior's copy of the encoder: constants in the loss, refreshed after every encoder phase. */
    private ParameterSet oldEncoder;

    RecVaeNetwork(CsrRows rows, RecVaeConfig config) {
        this.rows = rows;
        this.config = config;
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        ParameterSet p = new ParameterSet();
        addEncoder(p, rng);
        DenseLayer.pytorchDefault(p, "out", config.latentDim(), rows.width(), rng);
        // As in the authors' code the prior's encoder starts as an independently initialised one.
        oldEncoder = new ParameterSet();
        addEncoder(oldEncoder, rng);
        return p;
    }

    private void addEncoder(ParameterSet p, Random rng) {
        int h = config.hiddenDim();
        for (int i = 0; i < config.hiddenLayers(); i++) {
            DenseLayer.pytorchDefault(p, "enc" + i, i == 0 ? rows.width() : h, h, rng);
            LayerNorm.addParameters(p, "ln" + i, h);
        }
        DenseLayer.pytorchDefault(p, "mu", h, config.latentDim(), rng);
        DenseLayer.pytorchDefault(p, "logvar", h, config.latentDim(), rng);
    }

    @Override
    public List<TrainingPhase> phases(ParameterSet params) {
        Set<String> encoder = new HashSet<>(params.names());
        encoder.removeAll(DECODER);
        return List.of(new TrainingPhase(ENCODER, config.encoderPasses(), encoder),
                new TrainingPhase("decoder", config.decoderPasses(), DECODER));
    }

    @Override
    public void afterPhase(TrainingPhase phase, ParameterSet params) {
        if (!phase.name().equals(ENCODER)) return;
        for (String name : oldEncoder.names()) {
            float[] src = params.get(name);
            System.arraycopy(src, 0, oldEncoder.get(name), 0, src.length);
        }
    }

    @Override
    public int numRows() { return rows.numRows(); }

    @Override
    public NDArray loss(Batch b) {
        int n = rows.width(), bs = b.size(), d = config.latentDim();
        // The multi-hot rows as sparse matrices of their nonzeros (as Mult-VAE does): the L2-normalised input costs
        // its nonzeros instead of a dense [batch, items] host array per pass, and dropout (inverted, drawn per
        // nonzero: zeros stay zero either way) leaves dropped entries out.
        CsrRows.Entries e = rows.entries(b.rows());
        int nnz = e.size();
        float[] klWeight = new float[bs];
        for (int r = 0; r < bs; r++) klWeight[r] = (float) (config.gamma() * e.count()[r]);
        float[] clean = new float[nnz];
        for (int k = 0; k < nnz; k++) clean[k] = (float) (1 / Math.sqrt(e.count()[e.row()[k]]));
        NDArray cleanInput = b.sparse(e.row(), e.col(), clean, nnz, bs, n);
        NDArray input = cleanInput;
        if (b.phase().name().equals(ENCODER) && config.dropout() > 0) {
            double p = config.dropout();
            float keep = (float) (1 / (1 - p));
            int[] row = new int[nnz], col = new int[nnz];
            float[] val = new float[nnz];
            int kept = 0;
            for (int k = 0; k < nnz; k++) {
                if (b.rng().nextDouble() < p) continue;
                row[kept] = e.row()[k];
                col[kept] = e.col()[k];
                val[kept++] = clean[k] * keep;
            }
            input = b.sparse(row, col, val, kept, bs, n);
        }
        NDArray[] q = encode(b::param, input, config.hiddenLayers());
        NDArray z = q[0].add(b.create(b.gaussian(bs * d), bs, d).mul(q[1].mul(TorchScalar.of(q[1], 0.5)).exp()));
        NDArray logits = z.matMul(b.param("out.w")).add(b.param("out.b"));
        // multinomial log-likelihood summed over the batch: log-softmax at the rows' nonzeros
        NDArray logLikelihood = logits.logSoftmax(1).take(b.manager(), b.indices(e.flat())).sum();
        NDArray[] old = encode(name -> upload(b, name), cleanInput, config.hiddenLayers());
        NDArray kl = logNormal(z, q[0], q[1]).sub(compositePrior(z, old[0], old[1])).sum(new int[] {1});
        return kl.mul(b.create(klWeight, bs)).mean().sub(logLikelihood.mul(TorchScalar.of(logLikelihood, 1.0 / bs)));
    }

    @Override
    public boolean scoresNatively() { return true; }

    /** The Java scorer's function ({@link RecVaeScorer}): the encoder's mean on the clean input, then the decoder. */
    @Override
    public NDArray validationScores(NDManager m, Map<String, NDArray> w, int[][] histories) {
        Function<String, NDArray> param = name -> Batch.param(w, name);
        NDArray mu = encode(param, Batch.normalisedRows(m, histories, rows.width()), config.hiddenLayers())[0];
        return linear(param, mu, "out");
    }

    /** The mean and log-variance of q(z|x) for the (normalised, possibly dropped-out) input {@code x}. */
    static NDArray[] encode(Function<String, NDArray> w, NDArray x, int layers) {
        NDArray h = null, sum = null;
        for (int i = 0; i < layers; i++) {
            NDArray pre = linear(w, i == 0 ? x : h, "enc" + i);
            if (sum != null) pre = pre.add(sum);
            h = LayerNorm.apply(pre.mul(Activation.sigmoid(pre)), w.apply("ln" + i + ".g"), w.apply("ln" + i + ".b"), LN_EPS);
            sum = sum == null ? h : sum.add(h);
        }
        return new NDArray[] {linear(w, h, "mu"), linear(w, h, "logvar")};
    }

    /** log p(z) of the composite prior, per latent dimension, by a max-shifted log-sum-exp over its three parts. */
    static NDArray compositePrior(NDArray z, NDArray oldMu, NDArray oldLogvar) {
        NDArray zz = z.square();
        NDArray standard = affine(zz, 1, LOG_2PI, LOG_W_STANDARD);
        NDArray posterior = logNormal(z, oldMu, oldLogvar);
        posterior = posterior.add(TorchScalar.of(posterior, LOG_W_POSTERIOR));
        NDArray wide = affine(zz, Math.exp(-WIDE_LOGVAR), WIDE_LOGVAR + LOG_2PI, LOG_W_WIDE);
        NDArray parts = NDArrays.stack(new NDList(standard, posterior, wide), 2);
        NDArray shift = parts.max(new int[] {2}, true).stopGradient();
        return parts.sub(shift).exp().sum(new int[] {2}).log().add(shift.squeeze(2));
    }

    /** Elementwise log N(z; mu, exp(logvar)). */
    private static NDArray logNormal(NDArray z, NDArray mu, NDArray logvar) {
        return affine(z.sub(mu).square().mul(logvar.neg().exp()).add(logvar), 1, LOG_2PI, 0);
    }

    /** {@code -0.5 * (scale * x + shift) + offset}, with the constants in PyTorch-owned memory ({@link TorchScalar}). */
    private static NDArray affine(NDArray x, double scale, double shift, double offset) {
        NDArray y = scale == 1 ? x : x.mul(TorchScalar.of(x, scale));
        y = y.add(TorchScalar.of(y, shift));
        y = y.mul(TorchScalar.of(y, -0.5));
        return offset == 0 ? y : y.add(TorchScalar.of(y, offset));
    }

    private static NDArray linear(Function<String, NDArray> w, NDArray x, String name) {
        return x.matMul(w.apply(name + ".w")).add(w.apply(name + ".b"));
    }

    /** The prior encoder's parameter {@code name} as a constant of this batch. */
    private NDArray upload(Batch b, String name) {
        int[] s = oldEncoder.shape(name);
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) shape[i] = s[i];
        return b.create(oldEncoder.get(name), shape);
    }
}
