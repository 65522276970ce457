package io.genrec.models.slate;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.genrec.models.training.Batch;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;
import io.genrec.models.training.TrainableNetwork;

import java.util.Random;

/**
 * GFN4Rec's user response model: the click probability of item i for a user,
 * {@code sigmoid(u · E[i] + bias[i])} with {@code u = tanh(mean E[history] W + b)} (parameters {@code resp.emb},
 * {@code resp.bias}, {@code resp.user.w/b}). Trained ({@link Network}) with per-item binary cross-entropy on the slates
 * {@link TrainingSlates} synthesises (response 1 for a held-out history item, 0 for an unseen one, the rest of the
 * history as context). The Java side scores rewards; immutable and thread safe.
 */
final class ResponseModel {
    private final int numItems, d;
    private final float[] emb, bias;
    private final DenseLayer user;

    ResponseModel(ParameterSet w) {
        int[] s = w.shape("resp.emb");
        numItems = s[0];
        d = s[1];
        emb = w.get("resp.emb");
        w.requireShape("resp.bias", numItems);
        bias = w.get("resp.bias");
        user = DenseLayer.of(w, "resp.user");
    }

    /** A copy of the item embeddings {@code [items, d]} row-major. */
    float[] itemEmbeddings() { return emb.clone(); }

    /** The user vector u of a distinct history (zero context for an empty one). */
    float[] userVector(int[] distinctHistory) {
        float[] c = new float[d];
        if (distinctHistory.length > 0) {
            float wgt = 1f / distinctHistory.length;
            for (int item : distinctHistory) for (int j = 0; j < d; j++) c[j] += wgt * emb[item * d + j];
        }
        float[] u = new float[user.out()];
        user.forward(c, u);
        DenseLayer.tanh(u);
        return u;
    }

    /** Predicted click probability of {@code item} for user vector {@code u}. */
    double click(float[] u, int item) {
        double s = bias[item];
        for (int j = 0; j < d; j++) s += u[j] * emb[item * d + j];
        return 1 / (1 + Math.exp(-s));
    }

    /** R(u, O): the mean predicted click probability over the slate (0 for an empty slate). */
    double reward(float[] u, int[] slate, int length) {
        if (length == 0) return 0;
        double r = 0;
        for (int t = 0; t < length; t++) r += click(u, slate[t]);
        return r / length;
    }

    /** The response model's training network (a {@link TrainableNetwork} for the shared loop). */
    static final class Network implements TrainableNetwork {
        private final TrainingSlates slates;
        private final Gfn4RecConfig config;
        private final int numItems;

        Network(TrainingSlates slates, Gfn4RecConfig config, int numItems) {
            this.slates = slates;
            this.config = config;
            this.numItems = numItems;
        }

        @Override
        public ParameterSet initialParameters(Random rng) {
            int d = config.embeddingDim();
            ParameterSet p = new ParameterSet();
            p.add("resp.emb", Initializers.normal(rng, numItems * d, ListCvaeNetwork.EMBEDDING_INIT_STD), numItems, d);
            p.add("resp.bias", new float[numItems], numItems);
            DenseLayer.xavierUniform(p, "resp.user", d, d, 0.001, rng);
            return p;
        }

        @Override
        public int numRows() { return slates.numActiveUsers() * config.responseSlatesPerUser(); }

        @Override
        public NDArray loss(Batch b) {
            int bs = b.size(), k = slates.slateSize(), d = config.embeddingDim();
            int[] items = new int[bs * k];
            float[] responses = new float[bs * k];
            float[] context = new float[bs * numItems];
            for (int n = 0; n < bs; n++)
                slates.sample(slates.activeUser(b.rows()[n] % slates.numActiveUsers()), b.rng(), n, items, responses, context);
            NDArray emb = b.param("resp.emb");
            NDArray u = b.create(context, bs, numItems).matMul(emb).matMul(b.param("resp.user.w")).add(b.param("resp.user.b")).tanh();
            long[] ids = new long[items.length];
            for (int j = 0; j < ids.length; j++) ids[j] = items[j];
            NDArray idx = b.indices(ids);
            NDArray itemEmb = emb.get(new ai.djl.ndarray.index.NDIndex("{}", idx)).reshape(bs, k, d);
            NDArray logit = itemEmb.mul(u.reshape(bs, 1, d)).sum(new int[] {2})
                    .add(b.param("resp.bias").get(new ai.djl.ndarray.index.NDIndex("{}", idx)).reshape(bs, k));
            NDArray y = b.create(responses, bs, k);
            // binary cross-entropy with logits, stable form: relu(x) - x y + log(1 + exp(-|x|))
            NDArray bce = Activation.relu(logit).sub(logit.mul(y)).add(logit.abs().neg().exp().add(TorchScalar.of(logit, 1)).log());
            return bce.sum().div(TorchScalar.of(bce, (double) bs * k));
        }
    }
}
