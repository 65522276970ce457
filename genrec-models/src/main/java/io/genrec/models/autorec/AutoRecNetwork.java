package io.genrec.models.autorec;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.genrec.models.training.Batch;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;
import io.genrec.models.training.TrainableNetwork;

import java.util.Random;

/**
 * I-AutoRec's network (Sedhain et al. 2015, Eq. 2): each training row is an item's rating vector over users r_i;
 * h(r_i) = V sigmoid(r_i W + mu) + b, loss = weighted squared error with weight 1 on observed entries and
 * {@code unobservedWeight} elsewhere, summed over users and averaged over the batch's items. Layers {@code enc} and {@code dec}.
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
        // The rows enter as a sparse matrix of their stored entries (a rows x users dense batch would be over 95 % zeros):
        // the input layer then costs the nonzeros. The weighted error splits the same way: unobservedWeight times
        // the sum of y^2 over every entry, plus, at the stored entries, (y - x)^2 - unobservedWeight * y^2.
        CsrRows.Entries e = items.entries(b.rows());
        NDArray x = b.sparse(e.row(), e.col(), e.value(), e.size(), bs, u);
        NDArray h = x.matMul(b.param("enc.w")).add(b.param("enc.b"));
        NDArray y = Activation.sigmoid(h).matMul(b.param("dec.w")).add(b.param("dec.b"));
        NDArray yObs = y.take(b.manager(), b.indices(e.flat()));
        NDArray yObsSq = yObs.square();
        NDArray observed = yObs.sub(b.create(e.value(), e.size())).square().sub(yObsSq.mul(TorchScalar.of(yObsSq, config.unobservedWeight()))).sum();
        NDArray all = y.square().sum();
        NDArray total = all.mul(TorchScalar.of(all, config.unobservedWeight())).add(observed);
        return total.mul(TorchScalar.of(total, 1.0 / bs));
    }
}
