package io.genrec.models.flow;

import ai.djl.ndarray.NDArray;
import io.genrec.models.diffusion.DiffRecNetwork;
import io.genrec.models.training.Batch;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainableNetwork;

import java.util.Random;

/**
 * FlowCF's training objective: per user, draw a grid step i (t = i/N), a prior vector x_0 ~ Bernoulli(popularity),
 * the discrete path point x_t ({@link FlowPath#discretePoint}), and regress the network's x̂_1(x_t, i) on the user's
 * multi-hot x_1 by mean squared error. Predicting x_1 rather than the velocity keeps the target bounded near t = 1;
 * the velocity follows as (x̂_1 - x_t)/(1 - t). Sampling and masking run on the host, one upload per batch.
 */
final class FlowCfNetwork implements TrainableNetwork {
    private final CsrRows rows;
    private final FlowCfConfig config;
    private final float[] prior;

    /** @param prior per-item probability of the behaviour-guided prior (the fraction of training users with the item) */
    FlowCfNetwork(CsrRows rows, FlowCfConfig config, float[] prior) {
        if (prior.length != rows.width()) throw new IllegalArgumentException("prior has " + prior.length + " items, rows " + rows.width());
        this.rows = rows;
        this.config = config;
        this.prior = prior;
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        ParameterSet p = new ParameterSet();
        DiffRecNetwork.initDenoiser(p, "", rows.width(), config.dims(), config.embSize(), rng);
        return p;
    }

    @Override public int numRows() { return rows.numRows(); }

    @Override
    public NDArray loss(Batch b) {
        int n = rows.width(), bs = b.size(), grid = config.steps();
        float[] x1 = rows.dense(b.rows(), true);
        float[] xt = new float[bs * n];
        int[] step = new int[bs];
        float keep = (float) (1 / (1 - config.dropout()));
        float[] x0 = new float[n], x1Row = new float[n], xtRow = new float[n];
        double[] u = new double[n];
        for (int r = 0; r < bs; r++) {
            step[r] = b.rng().nextInt(grid);
            for (int j = 0; j < n; j++) {
                x0[j] = b.rng().nextDouble() < prior[j] ? 1f : 0f;
                u[j] = b.rng().nextDouble();
            }
            System.arraycopy(x1, r * n, x1Row, 0, n);
            FlowPath.discretePoint(x0, x1Row, u, step[r] / (double) grid, xtRow);
            for (int j = 0, k = r * n; j < n; j++, k++)
                xt[k] = config.dropout() > 0 && b.rng().nextDouble() < config.dropout() ? 0f : xtRow[j] * keep;
        }
        NDArray pred = DiffRecNetwork.denoise(b, "", config.dims().size(), b.create(xt, bs, n), step, config.embSize());
        return pred.sub(b.create(x1, bs, n)).square().mean();
    }
}
