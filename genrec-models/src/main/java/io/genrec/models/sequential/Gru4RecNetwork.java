package io.genrec.models.sequential;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.OwnedArrays;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;

import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * GRU4Rec's network (Hidasi et al. 2016): a single GRU layer over one-hot item input (a one-hot vector times the input
 * weights is a row lookup, so {@code in.w} is indexed by item), dropout on its output, and a fully connected output
 * layer with one weight row and bias per item. Gates follow PyTorch's GRU: {@code r = s(x_r + h W_r)},
 * {@code z = s(x_z + h W_z)}, {@code n = tanh(x_n + r * (h W_n + b_n))}, {@code h' = (1 - z) n + z h}. The state
 * stays zero over the left padding, so padded and unpadded histories give the same states.
 *
 * <p>Parameters: {@code in.w [numItems+1, 3h]}, {@code in.b [3h]}, {@code rec.w [h, 3h]}, {@code rec.b [3h]}
 * (gate order r, z, n), {@code out.w [numItems, h]}, {@code out.b [numItems]}.
 */
final class Gru4RecNetwork extends NextItemNetwork {
    private final Gru4RecConfig config;

    Gru4RecNetwork(SequenceBatches batches, Gru4RecConfig config) {
        super(batches, config.lossFunction(), config.dropout(), config.hiddenSize());
        this.config = config;
    }

    @Override
    double bpreg() { return config.bpreg(); }

    @Override
    public ParameterSet initialParameters(Random rng) {
        int h = config.hiddenSize(), v = batches.numItems();
        ParameterSet p = new ParameterSet();
        p.add("in.w", Initializers.xavierUniform(rng, v + 1, 3 * h), v + 1, 3 * h);
        p.add("in.b", new float[3 * h], 3 * h);
        p.add("rec.w", Initializers.xavierUniform(rng, h, 3 * h), h, 3 * h);
        p.add("rec.b", new float[3 * h], 3 * h);
        p.add("out.w", Initializers.xavierUniform(rng, v, h), v, h);
        p.add("out.b", new float[v], v);
        seedEngine(rng);
        return p;
    }

    @Override
    NDArray itemOutput(Map<String, NDArray> w) { return w.get("out.w"); }

    @Override
    NDArray itemBias(Map<String, NDArray> w) { return w.get("out.b"); }

    @Override
    NDArray hidden(NDManager m, Map<String, NDArray> w, int[] inputs, int rows, UnaryOperator<NDArray> dropout) {
        int len = inputs.length / rows, h = config.hiddenSize(), pad = batches.padding();
        float[] keep = new float[inputs.length];
        for (int k = 0; k < inputs.length; k++) keep[k] = inputs[k] == pad ? 0f : 1f;
        NDArray mask = OwnedArrays.floats(m, keep, rows, len, 1);
        NDArray gx = NextItemLoss.rows(w.get("in.w"), NextItemLoss.ids(m, inputs, rows, len)).add(w.get("in.b"));
        NDArray recW = w.get("rec.w"), recB = w.get("rec.b");
        NDArray state = m.zeros(new Shape(rows, h));
        NDList outputs = new NDList(len);
        for (int t = 0; t < len; t++) {
            NDArray x = gx.get(new NDIndex(":, " + t + ", :"));
            NDArray hh = state.matMul(recW).add(recB);
            NDArray r = Activation.sigmoid(x.get(new NDIndex(":, 0:" + h)).add(hh.get(new NDIndex(":, 0:" + h))));
            NDArray z = Activation.sigmoid(x.get(new NDIndex(":, " + h + ":" + 2 * h)).add(hh.get(new NDIndex(":, " + h + ":" + 2 * h))));
            NDArray n = x.get(new NDIndex(":, " + 2 * h + ":")).add(r.mul(hh.get(new NDIndex(":, " + 2 * h + ":")))).tanh();
            NDArray next = n.sub(n.mul(z)).add(z.mul(state));
            NDArray keepT = mask.get(new NDIndex(":, " + t + ", :"));
            state = next.mul(keepT).add(state.mul(keepT.neg().add(TorchScalar.of(keepT, 1))));
            outputs.add(state);
        }
        return dropout.apply(NDArrays.stack(outputs, 1));
    }
}
