package io.genrec.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.genrec.models.training.Batch;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;
import io.genrec.models.training.TrainableNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Mult-VAE / Mult-DAE network and loss (Liang et al. 2018): L2-normalised multi-hot input with dropout, tanh
 * encoder to the latent code (a Gaussian's mean and log-variance for the VAE, a tanh code for the DAE), tanh
 * decoder to item logits, multinomial log-likelihood, plus the annealed KL term for the VAE. Layer names:
 * {@code enc<i>}, {@code mu}/{@code logvar} (VAE) or {@code code} (DAE), {@code dec<i>}, {@code out}.
 */
final class MultAutoencoderNetwork implements TrainableNetwork {
    private final CsrRows rows;
    private final MultVaeConfig config;
    private final boolean variational;

    MultAutoencoderNetwork(CsrRows rows, MultVaeConfig config, boolean variational) {
        this.rows = rows;
        this.config = config;
        this.variational = variational;
    }

    /** Layer widths from the input through the latent layer. */
    static List<Integer> encoderDims(int numItems, MultVaeConfig c) {
        List<Integer> d = new ArrayList<>();
        d.add(numItems);
        d.addAll(c.hiddenDims());
        d.add(c.latentDim());
        return d;
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        ParameterSet p = new ParameterSet();
        List<Integer> enc = encoderDims(rows.width(), config);
        int h = config.hiddenDims().size();
        for (int i = 0; i < h; i++) DenseLayer.xavierUniform(p, "enc" + i, enc.get(i), enc.get(i + 1), 0.001, rng);
        for (String l : variational ? List.of("mu", "logvar") : List.of("code"))
            DenseLayer.xavierUniform(p, l, enc.get(h), config.latentDim(), 0.001, rng);
        for (int i = 0; i < h; i++) DenseLayer.xavierUniform(p, "dec" + i, enc.get(h + 1 - i), enc.get(h - i), 0.001, rng);
        DenseLayer.xavierUniform(p, "out", enc.get(1), rows.width(), 0.001, rng);
        return p;
    }

    @Override
    public int numRows() { return rows.numRows(); }

    @Override
    public NDArray loss(Batch b) {
        int n = rows.width(), bs = b.size();
        // Input as a sparse matrix of its nonzeros: L2-normalised multi-hot rows with inverted dropout drawn per
        // nonzero (the zeros stay zero either way), dropped entries left out.
        CsrRows.Entries e = rows.entries(b.rows());
        double p = config.dropout();
        float keep = (float) (1 / (1 - p));
        int[] row = new int[e.size()], col = new int[e.size()];
        float[] val = new float[e.size()];
        int nnz = 0;
        for (int k = 0; k < e.size(); k++) {
            if (b.rng().nextDouble() < p) continue;
            row[nnz] = e.row()[k];
            col[nnz] = e.col()[k];
            val[nnz++] = keep / (float) Math.sqrt(e.count()[e.row()[k]]);
        }
        NDArray h = hidden(b.params(), b.sparse(row, col, val, nnz, bs, n));
        NDArray z;
        NDArray kl = null;
        if (variational) {
            NDArray mu = linear(b.params(), h, "mu");
            NDArray logvar = linear(b.params(), h, "logvar");
            NDArray eps = b.create(b.gaussian(bs * config.latentDim()), bs, config.latentDim());
            z = mu.add(eps.mul(logvar.mul(TorchScalar.of(logvar, 0.5)).exp()));
            kl = logvar.neg().add(logvar.exp()).add(mu.square()).sub(TorchScalar.of(mu, 1)).mul(TorchScalar.of(mu, 0.5))
                    .sum(new int[] {1}).mean();
        } else {
            z = linear(b.params(), h, "code").tanh();
        }
        NDArray logits = decode(b.params(), z);
        // multinomial log-likelihood of the multi-hot rows: the sum of log-softmax at their nonzeros, per row
        NDArray picked = logits.logSoftmax(1).take(b.manager(), b.indices(e.flat())).sum();
        NDArray nll = picked.mul(TorchScalar.of(picked, -1.0 / bs));
        if (!variational) return nll;
        double beta = Math.min(config.annealCap(), (double) b.step() / config.totalAnnealSteps());
        return nll.add(kl.mul(TorchScalar.of(kl, beta)));
    }

    @Override
    public boolean scoresNatively() { return true; }

    /** The Java scorer's function ({@link MultAutoencoderScorer}): normalised multi-hot input, the latent mean or code. */
    @Override
    public NDArray validationScores(NDManager m, Map<String, NDArray> w, int[][] histories) {
        NDArray h = hidden(w, Batch.normalisedRows(m, histories, rows.width()));
        NDArray z = variational ? linear(w, h, "mu") : linear(w, h, "code").tanh();
        return decode(w, z);
    }

    /** The encoder's tanh layers before the latent layer. */
    private NDArray hidden(Map<String, NDArray> w, NDArray input) {
        NDArray h = input;
        for (int i = 0; i < config.hiddenDims().size(); i++) h = linear(w, h, "enc" + i).tanh();
        return h;
    }

    /** The decoder's tanh layers and the output layer: item logits. */
    private NDArray decode(Map<String, NDArray> w, NDArray z) {
        NDArray h = z;
        for (int i = 0; i < config.hiddenDims().size(); i++) h = linear(w, h, "dec" + i).tanh();
        return linear(w, h, "out");
    }

    private static NDArray linear(Map<String, NDArray> w, NDArray x, String name) {
        return x.matMul(Batch.param(w, name + ".w")).add(Batch.param(w, name + ".b"));
    }
}
