package io.genrec.models.autorec;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.genrec.models.training.Batch;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainableNetwork;

import java.util.Random;

/**
 * I-AutoRec's network (Sedhain et al. 2015, Eq. 2): each training row is an item's rating vector over users r_i;
 * h(r_i) = V sigmoid(r_i W + mu) + b, loss = weighted squared error with weight 1 on observed entries and
 * {@code unobservedWeight} elsewhere, averaged over the batch's items. Layers {@code enc} and {@code dec}.
 */
final class AutoRecNetwork implements TrainableNetwork {
    private final CsrRows items;
    private final AutoRecConfig config;

    AutoRecNetwork(CsrRows items, AutoRecConfig config) {
        this.items = items;
        this.config = config;
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        ParameterSet p = new ParameterSet();
        DenseLayer.xavierUniform(p, "enc", items.width(), config.hidden(), 0.001, rng);
        DenseLayer.xavierUniform(p, "dec", config.hidden(), items.width(), 0.001, rng);
        return p;
    }

    @Override
    public int numRows() { return items.numRows(); }

    @Override
    public NDArray loss(Batch b) {
        int u = items.width(), bs = b.size();
        float[] r = items.dense(b.rows(), false);
        float[] mask = items.dense(b.rows(), true);
        float uw = (float) config.unobservedWeight();
        for (int i = 0; i < mask.length; i++) if (mask[i] == 0f) mask[i] = uw;
        NDArray x = b.create(r, bs, u);
        NDArray h = x.matMul(b.param("enc.w")).add(b.param("enc.b"));
        NDArray y = Activation.sigmoid(h).matMul(b.param("dec.w")).add(b.param("dec.b"));
        return y.sub(x).square().mul(b.create(mask, bs, u)).sum(new int[] {1}).mean();
    }
}
